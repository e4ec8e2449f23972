// ntm serve: the web app's only script (served from the binary; the CSP allows no
// inline script). What-if: evaluate as thresholds change, list the units whose
// verdict flips, save the scenario as an amendment file. Upload: read files in the
// browser, evaluate them in the server's memory, show the verdicts or download a report.
(function () {
  'use strict';
  var lang = document.body.getAttribute('data-lang') || 'vi';
  var langQuery = lang === 'en' ? '?lang=en' : '';

  function post(body) {
    return fetch('/api/v1/eval' + langQuery, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body)
    });
  }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }

  // An API error: its message and each diagnostic at file:line:column with its help;
  // one placed in no file (a request's parameter) only for the help it adds.
  function showError(box, j) {
    var message = (j && j.message) || 'error';
    box.textContent = '';
    box.appendChild(el('p', message, 'error'));
    var ul = el('ul');
    ((j && j.diagnostics) || []).forEach(function (d) {
      var help = d.help ? ' — ' + d.help : '';
      if (!d.line && d.message === message) {
        if (help) { ul.appendChild(el('li', d.help)); }
        return;
      }
      var place = d.file + (d.line ? ':' + d.line + (d.column ? ':' + d.column : '') : '');
      ul.appendChild(el('li', place + ': ' + d.message + help));
    });
    if (ul.childNodes.length) { box.appendChild(ul); }
    box.setAttribute('data-state', 'error');
  }

  function answer(r) {
    return r.json().then(function (j) { return { ok: r.ok, j: j }; });
  }

  function unitLink(r) {
    var a = el('a', r.unit.name);
    a.href = '/unit?unit=' + encodeURIComponent(r.unit.id) + '&year=' + r.year + (lang === 'en' ? '&lang=en' : '');
    return a;
  }

  function byUnit(doc) {
    var m = {};
    (doc.results || []).forEach(function (r) { m[r.unit.id + '|' + r.ruleset + '|' + r.year] = r; });
    return m;
  }

  // The what-if values that differ from those in force, marked on their inputs.
  function scenario(form) {
    var set = {};
    form.querySelectorAll('input[data-base]').forEach(function (i) {
      var on = i.value !== '' && i.value !== i.getAttribute('data-base');
      i.classList.toggle('changed', on);
      if (on) { set[i.name] = i.type === 'number' ? Number(i.value) : i.value; }
    });
    return set;
  }

  function whatIf(form) {
    var year = parseInt(form.getAttribute('data-year'), 10);
    var flips = document.getElementById('flips');
    var args = document.getElementById('setargs');
    var seq = 0;
    var timer = null;
    var base = post({ year: year, detail: 'summary' }).then(answer).then(function (x) {
      if (!x.ok) { showError(flips, x.j); return {}; }
      form.setAttribute('data-ready', 'yes');
      return byUnit(x.j);
    });

    function show(set, before, doc) {
      var keys = Object.keys(set);
      args.textContent = keys.length ? keys.map(function (k) { return '--set ' + k + '=' + set[k]; }).join(' ') : '—';
      var now = byUnit(doc);
      var list = Object.keys(now).filter(function (k) {
        return before[k] && before[k].verdict !== now[k].verdict;
      }).map(function (k) { return now[k]; });
      flips.textContent = '';
      flips.setAttribute('data-count', String(list.length));
      flips.setAttribute('data-state', 'done');
      if (!list.length) { flips.appendChild(el('p', flips.getAttribute('data-none'))); return; }
      var ul = el('ul');
      list.forEach(function (r) {
        var met = r.verdict === 'met';
        var li = el('li', undefined, met ? 'passes' : 'fails');
        li.appendChild(unitLink(r));
        li.appendChild(document.createTextNode(' (' + r.ruleset + '): ' + flips.getAttribute(met ? 'data-passes' : 'data-fails')));
        ul.appendChild(li);
      });
      flips.appendChild(ul);
    }

    function run() {
      var set = scenario(form);
      var n = ++seq;
      flips.setAttribute('data-state', 'busy');
      base.then(function (before) {
        return post({ year: year, set: set, detail: 'summary' }).then(answer).then(function (x) {
          if (n !== seq) { return; }
          if (!x.ok) { showError(flips, x.j); return; }
          show(set, before, x.j);
        });
      });
    }

    form.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(run, 250); });
    form.addEventListener('reset', function () { setTimeout(run, 0); });
    form.addEventListener('submit', function (e) { e.preventDefault(); run(); });
  }

  // Save the scenario as an amendment file: the set amended follows the changed
  // thresholds (the first set using them all), the file comes from /api/v1/amendment.
  function amendment(form, whatif) {
    var out = document.getElementById('amendment-result');
    var pick = document.getElementById('am-amends');
    var from = document.getElementById('am-from');
    var edited = false;
    // The first day proposed for the set chosen, until the date is edited by hand.
    function follow() {
      var o = pick.options[pick.selectedIndex];
      if (!edited && o && o.getAttribute('data-from')) { from.value = o.getAttribute('data-from'); }
    }
    from.addEventListener('input', function () { edited = true; });
    pick.addEventListener('change', follow);
    function owners(name) {
      var i = whatif.querySelector('input[data-base][name="' + CSS.escape(name) + '"]');
      return i ? (i.getAttribute('data-sets') || '').split(' ') : [];
    }
    whatif.addEventListener('input', function () {
      var names = Object.keys(scenario(whatif));
      var fits = function (id) { return names.every(function (n) { return owners(n).indexOf(id) >= 0; }); };
      if (fits(pick.value)) { return; }
      var o = Array.prototype.find.call(pick.options, function (x) { return fits(x.value); });
      if (o) { pick.value = o.value; follow(); }
    });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var q = new URLSearchParams();
      q.append('amends', pick.value);
      q.append('from', from.value);
      var doc = document.getElementById('am-document').value.trim();
      if (doc) { q.append('document', doc); }
      var set = scenario(whatif);
      Object.keys(set).forEach(function (k) { q.append('set', k + '=' + set[k]); });
      if (lang === 'en') { q.append('lang', 'en'); }
      out.textContent = '';
      out.setAttribute('data-state', 'busy');
      fetch('/api/v1/amendment?' + q.toString(), { credentials: 'same-origin' }).then(function (r) {
        if (!r.ok) { return r.json().then(function (j) { showError(out, j); }); }
        var m = /filename="([^"]+)"/.exec(r.headers.get('content-disposition') || '');
        var name = m ? m[1] : 'sua-doi.yaml';
        return r.blob().then(function (b) {
          var a = el('a', name);
          a.href = URL.createObjectURL(b);
          a.download = name;
          out.appendChild(a);
          out.setAttribute('data-state', 'done');
          a.click();
        });
      }).catch(function (err) { showError(out, { message: String(err) }); });
    });
  }

  function readFile(f) {
    return new Promise(function (ok, bad) {
      var r = new FileReader();
      r.onload = function () { ok([f.name, r.result]); };
      r.onerror = function () { bad(r.error); };
      if (/\.xlsx$/i.test(f.name)) { r.readAsDataURL(f); } else { r.readAsText(f); }
    });
  }

  function verdictTable(box, doc) {
    var t = el('table');
    var head = el('tr');
    ['', 'ruleset', 'year', '', 'verdict'].forEach(function (h) { head.appendChild(el('th', h)); });
    var thead = el('thead'); thead.appendChild(head); t.appendChild(thead);
    var body = el('tbody');
    (doc.results || []).forEach(function (r) {
      var tr = el('tr');
      var th = el('th'); th.scope = 'row'; th.appendChild(el('span', r.unit.name)); tr.appendChild(th);
      tr.appendChild(el('td', r.ruleset));
      tr.appendChild(el('td', String(r.year)));
      tr.appendChild(el('td', r.met + '/' + r.total, 'n'));
      tr.appendChild(el('td', r.verdict, 'v-' + r.verdict));
      body.appendChild(tr);
    });
    t.appendChild(body);
    box.appendChild(t);
  }

  function upload(form) {
    var out = document.getElementById('upload-result');
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var files = Array.prototype.slice.call(document.getElementById('files').files);
      var year = document.getElementById('up-year').value;
      var format = document.getElementById('up-format').value;
      out.textContent = '';
      out.setAttribute('data-state', 'busy');
      Promise.all(files.map(readFile)).then(function (pairs) {
        var data = {};
        pairs.forEach(function (p) { data[p[0]] = p[1]; });
        var body = { data: data, format: format };
        if (year) { body.year = Number(year); }
        return post(body);
      }).then(function (r) {
        if (!r.ok) { return r.json().then(function (j) { showError(out, j); }); }
        if (format === 'json') {
          return r.json().then(function (j) { verdictTable(out, j); out.setAttribute('data-state', 'done'); });
        }
        return r.blob().then(function (b) {
          var a = el('a', 'ntm-phu-luc.' + format);
          a.href = URL.createObjectURL(b);
          a.download = 'ntm-phu-luc.' + format;
          a.setAttribute('data-size', String(b.size));
          out.appendChild(a);
          out.setAttribute('data-state', 'done');
          a.click();
        });
      }).catch(function (err) { showError(out, { message: String(err) }); });
    });
  }

  var w = document.getElementById('whatif');
  if (w) { whatIf(w); }
  var am = document.getElementById('amendment');
  if (w && am) { amendment(am, w); }
  var u = document.getElementById('upload');
  if (u) { upload(u); }
  document.documentElement.setAttribute('data-app-ready', 'yes');
}());
