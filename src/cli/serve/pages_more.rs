//! The pages beside the annex: a unit's explanation, what-if, plan, upload.

use super::fail::ApiError;
use super::pages_html::{esc, href, page, select, table};
use super::query::Params;
use super::state::{LoadStatus, Loaded};
use super::words::Label;
use ntm::engine::eval::EvalOptions;
use ntm::render::view::{tables, Bundle, TableKind};
use ntm::render::{Lang, Word};
use std::fmt::Write as _;

/// One unit: its verdict per year and set, then every indicator with its value,
/// threshold, gap, citation and source level (the view model's tables).
pub(crate) fn unit(
    lang: Lang,
    l: &Loaded,
    p: &Params,
    st: &LoadStatus,
) -> Result<String, ApiError> {
    let m = lang.catalog();
    let name = p.required("unit")?;
    let opts = EvalOptions {
        year: p.year()?,
        ..EvalOptions::default()
    };
    let ex = l.project.explain(name, &opts)?;
    let report = ntm::report::Report {
        stamp: ex.stamp.clone(),
        results: ex.results.clone(),
        notices: ex.notices.clone(),
    };
    let b = Bundle {
        stamp: Some(&report.stamp),
        report: Some(&report),
        ..Bundle::default()
    };
    let title = match ex.results.first() {
        Some(r) => format!("{} — {}", Label::Explanation.text(lang), r.unit.name),
        None => Label::Explanation.text(lang).to_string(),
    };
    let mut s = format!(
        "<p><a href=\"{}\">← {}</a></p>",
        esc(&href(lang, "/", &[])),
        Label::Back.text(lang)
    );
    for r in &ex.results {
        let _ = write!(
            s,
            "<p class=\"verdict v-{}\"><b>{} {}</b> — {}: {} — {}</p>",
            esc(&serde_json::to_value(r.verdict)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()),
            esc(m.word(Word::Year)),
            r.year,
            esc(&r.ruleset_title),
            esc(&ntm::render::annex::verdict_text(m, r)),
            esc(&m.criteria_met(r.met, r.total)),
        );
    }
    for t in tables(&b, m) {
        if matches!(t.kind, TableKind::Indicators | TableKind::Findings) && !t.rows.is_empty() {
            let _ = write!(s, "<section>{}</section>", table(&t, m, &|_| None));
        }
    }
    Ok(page(lang, &title, Label::Annex, st, &s))
}

/// What-if: an input per parameter of the sets in force in the year; the script
/// evaluates as values change and lists the units whose verdict flips, with the
/// `--set` arguments that give the same run on the command line.
pub(crate) fn whatif(
    lang: Lang,
    l: &Loaded,
    p: &Params,
    st: &LoadStatus,
) -> Result<String, ApiError> {
    let m = lang.catalog();
    let years = l.project.dataset().map(|d| d.years()).unwrap_or_default();
    let year = p.year()?.or(years.last().copied()).unwrap_or(0);
    let report = l.project.evaluate(&EvalOptions {
        year: Some(year),
        ..EvalOptions::default()
    })?;
    let ys: Vec<(String, String)> = years
        .iter()
        .map(|y| (y.to_string(), y.to_string()))
        .collect();
    let mut s = format!(
        "<form class=\"bar\" method=\"get\" action=\"/whatif\">{} {}<button type=\"submit\">{}</button></form>",
        select("year", m.word(Word::Year), &ys, &year.to_string()),
        if lang == Lang::En { "<input type=\"hidden\" name=\"lang\" value=\"en\">" } else { "" },
        Label::Show.text(lang)
    );
    let _ = write!(
        s,
        "<form id=\"whatif\" data-year=\"{year}\" novalidate><div class=\"params\">"
    );
    let thresholds = thresholds_in_force(&report);
    for (id, (t, sets)) in &thresholds {
        let shown = serde_json::to_value(&t.value).unwrap_or_default();
        let (kind, value) = match &shown {
            serde_json::Value::Number(n) => ("number", n.to_string()),
            serde_json::Value::String(x) => ("text", x.clone()),
            other => ("text", other.to_string()),
        };
        let _ = write!(
            s,
            "<div class=\"param\"><label for=\"p-{id}\">{} <code>{}</code>{}</label><input id=\"p-{id}\" name=\"{}\" type=\"{kind}\" step=\"any\" value=\"{}\" data-base=\"{}\" data-sets=\"{}\"><span class=\"muted\">{}</span></div>",
            esc(&t.label),
            esc(id),
            t.unit.as_deref().map(|u| format!(" ({})", esc(u))).unwrap_or_default(),
            esc(id),
            esc(&value),
            esc(&value),
            esc(&sets.join(" ")),
            esc(&sets.join(", ")),
        );
    }
    s.push_str("</div>");
    let _ = write!(
        s,
        "<p><button type=\"reset\">{}</button></p></form><h2>{}</h2><p><code id=\"setargs\">—</code></p>{}<h2>{}</h2><div id=\"flips\" aria-live=\"polite\" data-none=\"{}\" data-fails=\"{}\" data-passes=\"{}\"><p>{}</p></div>",
        Label::Reset.text(lang),
        Label::SetArgs.text(lang),
        super::pages_amendment::form(lang, l, year, thresholds.values().flat_map(|(_, s)| s.iter().copied())),
        Label::Flipped.text(lang),
        esc(Label::NoFlips.text(lang)),
        esc(Label::NowFails.text(lang)),
        esc(Label::NowPasses.text(lang)),
        Label::NoFlips.text(lang),
    );
    Ok(page(lang, Label::WhatIf.text(lang), Label::WhatIf, st, &s))
}

/// Plan progress (every plan among the data) and the department work lists.
pub(crate) fn plan(
    lang: Lang,
    l: &Loaded,
    _p: &Params,
    st: &LoadStatus,
) -> Result<String, ApiError> {
    let m = lang.catalog();
    let mut s = String::new();
    if l.plans.is_empty() {
        s.push_str(&format!(
            "<p>{}</p>",
            esc(&super::words::Http::NoPlan { name: None }.message(lang))
        ));
    }
    for f in &l.plans {
        let pl = ntm::analysis::plan::load(f)?;
        let whole = l
            .project
            .plan_document(&pl, None, &EvalOptions::default(), None)?;
        let (run, d) = (&whole.run, &whole.departments);
        let b = Bundle {
            stamp: Some(&run.stamp),
            rollups: &run.plan.rollups,
            plan: Some(&run.plan),
            departments: Some((&d.departments[..], d.year)),
            ..Bundle::default()
        };
        let _ = write!(s, "<h2>{}</h2>", esc(&f.path.display().to_string()));
        for t in tables(&b, m) {
            if matches!(t.kind, TableKind::Plan | TableKind::Rollups) {
                let _ = write!(s, "<section>{}</section>", table(&t, m, &|_| None));
            }
        }
        let _ = write!(s, "<h3>{}</h3>", Label::Departments.text(lang));
        for t in tables(&b, m)
            .iter()
            .filter(|t| t.kind == TableKind::Department)
        {
            let _ = write!(s, "<section>{}</section>", table(t, m, &|_| None));
        }
    }
    Ok(page(lang, Label::Plan.text(lang), Label::Plan, st, &s))
}

/// Upload a dataset and evaluate it (in memory), then see it or download a report.
pub(crate) fn upload(
    lang: Lang,
    _l: &Loaded,
    _p: &Params,
    st: &LoadStatus,
) -> Result<String, ApiError> {
    let m = lang.catalog();
    let formats: Vec<(String, String)> = [
        ("json", Label::Show.text(lang)),
        ("xlsx", "Excel (.xlsx)"),
        ("html", "HTML"),
        ("csv", "CSV"),
        ("md", "Markdown"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    let s = format!(
        "<form id=\"upload\"><p>{}</p><p><label for=\"files\">{}</label> <input id=\"files\" name=\"files\" type=\"file\" multiple required accept=\".csv,.xlsx,.yaml,.yml,.json\"></p><p><label for=\"up-year\">{}</label> <input id=\"up-year\" name=\"year\" type=\"number\" min=\"1990\" max=\"2100\"> {}</p><p><button type=\"submit\">{}</button></p></form><div id=\"upload-result\" aria-live=\"polite\"></div>",
        Label::UploadHelp.text(lang),
        Label::Files.text(lang),
        esc(m.word(Word::Year)),
        select("up-format", Label::Download.text(lang), &formats, "json"),
        Label::Evaluate.text(lang),
    );
    Ok(page(lang, Label::Upload.text(lang), Label::Upload, st, &s))
}

/// Each parameter's threshold in force and the sets using it.
type Thresholds<'a> =
    std::collections::BTreeMap<String, (&'a ntm::report::ThresholdUsed, Vec<&'a str>)>;

/// The thresholds the year's evaluation used, once per parameter (the first value
/// met; entries that do not apply left out), with the rule sets that use them.
fn thresholds_in_force(report: &ntm::report::Report) -> Thresholds<'_> {
    let mut out = Thresholds::default();
    for r in &report.results {
        for t in r
            .criteria
            .iter()
            .flat_map(|c| &c.indicators)
            .flat_map(|i| &i.threshold)
            // An entry that does not apply holds no value to try another for.
            .filter(|t| !t.not_applicable)
        {
            let e = out.entry(t.parameter.clone()).or_insert((t, Vec::new()));
            if !e.1.contains(&r.ruleset.as_str()) {
                e.1.push(&r.ruleset);
            }
        }
    }
    out
}
