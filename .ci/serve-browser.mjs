// The web app of `ntm serve` driven in headless Chromium (playwright-core, the Debian
// browser): the annex opens in Vietnamese, a unit's explanation opens from it, a
// threshold changed on the what-if page makes flipped communes appear and is saved as
// an amendment file, a workbook
// uploaded comes back as an annex download; no console error anywhere.
//   node .ci/serve-browser.mjs BASE_URL FIXTURE_DIR SCREENSHOT.png
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';

const [base, fixtures, shot] = process.argv.slice(2);
const problems = [];
const fail = (m) => { problems.push(m); };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const context = await browser.newContext({ acceptDownloads: true, locale: 'vi-VN', viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
page.on('console', (m) => { if (m.type() === 'error') fail(`console error: ${m.text()}`); });
page.on('pageerror', (e) => fail(`page error: ${e.message}`));
page.setDefaultTimeout(30000);

try {
  // The annex, in Vietnamese.
  await page.goto(`${base}/`);
  const lang = await page.evaluate(() => document.documentElement.lang);
  if (lang !== 'vi') fail(`the page is lang="${lang}", not "vi"`);
  if (!(await page.textContent('main')).includes('Nà Y')) fail('the annex does not name Nà Y');
  await page.screenshot({ path: shot, fullPage: false });

  // A unit's explanation, from its link in the annex.
  await page.click('main table a:text-is("Nà Y")');
  await page.waitForURL(/\/unit\?/);
  if (!(await page.textContent('h1')).includes('Nà Y')) fail('the explanation is not of Nà Y');
  if ((await page.locator('main table tbody tr').count()) < 1) fail('the explanation has no indicator rows');

  // What-if: a threshold changed, the flipped communes appear without a reload.
  await page.goto(`${base}/whatif?year=2021`);
  await page.waitForSelector('#whatif[data-ready="yes"]');
  const url = page.url();
  await page.fill('input[name="ho_dien_min"]', '99.9');
  await page.waitForSelector('#flips[data-state="done"]');
  const count = Number(await page.getAttribute('#flips', 'data-count'));
  if (!(count > 0)) fail(`no flipped commune listed (data-count=${count})`);
  if ((await page.locator('#flips li a').count()) !== count) fail('flips are not listed as links');
  const args = await page.textContent('#setargs');
  if (!args.includes('--set ho_dien_min=99.9')) fail(`the --set arguments are not shown: ${args}`);
  if (page.url() !== url) fail('the what-if page reloaded');

  // The scenario saved as an amendment file, from the keyboard: the file names the
  // changed parameter with its new value, for the set that uses it.
  const from = await page.inputValue('#am-from');
  if (from !== '2021-01-01') fail(`the amendment does not start on 1 January of the year shown: ${from}`);
  await page.focus('#am-document');
  await page.keyboard.type('12/QĐ-UBND');
  await page.keyboard.press('Tab');
  const [amend] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const yaml = readFileSync(await amend.path(), 'utf8');
  if (!/- id: ho_dien_min\n[\s\S]*value: 99\.9\n/.test(yaml)) fail(`the amendment does not change ho_dien_min to 99.9:\n${yaml}`);
  if (!yaml.includes('amends: bac-kan/xa/734-2017') || !yaml.includes('number: 12/QĐ-UBND')) fail(`the amendment names another set or document:\n${yaml}`);
  if (amend.suggestedFilename() !== 'bac-kan-xa-734-2017-sua-doi-2021.yaml') fail(`the amendment is named ${amend.suggestedFilename()}`);
  if (page.url() !== url) fail('saving the amendment left the page');

  // Upload a workbook (and its units) and download the annex as a workbook.
  await page.goto(`${base}/upload`);
  await page.setInputFiles('#files', [`${fixtures}/don-vi.yaml`, `${fixtures}/so-lieu.xlsx`]);
  await page.fill('#up-year', '2020');
  await page.selectOption('#up-format', 'xlsx');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#upload button[type="submit"]')]);
  const file = await download.path();
  const bytes = readFileSync(file);
  if (bytes.length < 1000 || bytes.subarray(0, 2).toString() !== 'PK') fail('the downloaded annex is not a workbook');
  // The same upload shown on the page.
  await page.selectOption('#up-format', 'json');
  await page.click('#upload button[type="submit"]');
  await page.waitForSelector('#upload-result[data-state="done"]');
  if (!(await page.textContent('#upload-result')).includes('Xã A')) fail('the uploaded units are not shown');
  // A browser set to English gets the app in English.
  const en = await browser.newContext({ locale: 'en-US' });
  const p2 = await en.newPage();
  await p2.goto(`${base}/`);
  if ((await p2.evaluate(() => document.documentElement.lang)) !== 'en') fail('an English browser does not get English');
  await en.close();
} catch (e) {
  fail(`step failed: ${e.message}`);
}
await browser.close();
if (problems.length) {
  for (const p of problems) console.log(`serve-browser: FAILED — ${p}`);
  process.exit(1);
}
console.log(`serve-browser: ok — annex, explanation, what-if flips, the amendment file, upload and download; no console error; screenshot ${shot}`);
