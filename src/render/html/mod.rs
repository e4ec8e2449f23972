//! Reports as one self-contained HTML file (no network, no outside scripts or fonts),
//! to open from an e-mail attachment and print: summary, a unit × criterion heat map
//! and bars of criteria met per unit (inline SVG), plan targets with progress,
//! department work lists, findings, the tables of the shared view, and every
//! verdict's explanation one click away (`<details>`). A small inline script marks the
//! page `data-charts-ready="yes"` once every chart is drawn (checked in a browser by
//! `.ci/browser-check.sh`) and opens the explanations before printing.

mod charts;

use super::annex::{annex, AnnexGroup};
use super::view::{capitalise, gap_text, tables, verdict_text, Bundle, Table, TableKind, V};
use super::{Catalog, Render, Word};
use crate::render::escape::html::esc;
use crate::report::{Report, Status, UnitResult, Verdict};
use charts::{bars, colour, heatmap, plan_chart};
use std::fmt::Write as _;
use std::io::{self, Write};

pub struct Html<'a>(pub &'a Bundle<'a>);

const STYLE: &str = r#"
:root{--met:#2e7d32;--not:#c62828;--miss:#f9a825;--none:#e0e0e0;--ink:#1a1a1a;--muted:#5f6368;--line:#d0d7de}
*{box-sizing:border-box}
body{font-family:"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif;color:var(--ink);margin:0 auto;max-width:1200px;padding:16px 24px;line-height:1.4}
h1{font-size:1.5rem;margin:.2em 0}
h2{font-size:1.2rem;margin:1.4em 0 .4em;border-bottom:2px solid var(--line);padding-bottom:.2em}
h3{font-size:1rem;margin:1em 0 .3em}
.muted{color:var(--muted);font-size:.85rem}
nav a{margin-right:1em}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:.6em 0}
.card{border:1px solid var(--line);border-radius:6px;padding:8px 14px;min-width:150px}
.card b{display:block;font-size:1.6rem}
table{border-collapse:collapse;margin:.4em 0 1em;font-size:.85rem}
th,td{border:1px solid var(--line);padding:3px 6px;vertical-align:top}
th{background:#eef3f8}
td.n{text-align:right}
td.mark{text-align:center;font-weight:bold}
td.met{background:#c6efce;color:#14532d}
td.not_met{background:#ffd7d5;color:#7f1d1d}
td.missing{background:#fff1b8}
td.not_applicable{background:#eceff1;color:#455a64}
.scroll{overflow-x:auto}
svg.chart{display:block;margin:.4em 0 1em;max-width:100%;height:auto}
svg text{font-family:inherit}
details{border:1px solid var(--line);border-radius:4px;margin:.3em 0;padding:.2em .6em}
summary{cursor:pointer;font-weight:600}
.v-met{color:var(--met)}.v-not_met{color:var(--not)}.v-incomplete{color:#8a6d00}
ul.ind{margin:.2em 0 .6em;padding-left:1.2em}
.legend span{display:inline-block;margin-right:1em}
.sw{display:inline-block;width:.9em;height:.9em;vertical-align:-.1em;margin-right:.3em;border-radius:2px}
@page{size:A4 landscape;margin:12mm}
@media print{body{max-width:none;padding:0}nav{display:none}section{break-inside:avoid-page}details{border:none}summary{list-style:none}h2{break-after:avoid}}
"#;

const SCRIPT: &str = r#"
(function(){
  var need=parseInt(document.body.getAttribute('data-charts')||'0',10);
  var drawn=0;
  document.querySelectorAll('svg.chart').forEach(function(s){if(s.querySelector('rect'))drawn++;});
  if(drawn>=need){document.documentElement.setAttribute('data-charts-ready','yes');}
  else{console.error('ntm: '+(need-drawn)+' chart(s) missing');}
  window.addEventListener('beforeprint',function(){document.querySelectorAll('details').forEach(function(d){d.open=true;});});
})();
"#;

fn status_class(s: Option<Status>) -> &'static str {
    match s {
        Some(Status::Met) => "met",
        Some(Status::NotMet) => "not_met",
        Some(Status::Missing) => "missing",
        Some(Status::NotApplicable) => "not_applicable",
        None => "",
    }
}

fn verdict_class(v: Verdict) -> &'static str {
    match v {
        Verdict::Met => "v-met",
        Verdict::NotMet => "v-not_met",
        Verdict::Incomplete => "v-incomplete",
    }
}

fn table_html(t: &super::view::Table, m: &dyn Catalog) -> String {
    let mut s = String::from("<div class=\"scroll\"><table><thead><tr>");
    let marks = match &t.kind {
        TableKind::Annex {
            first_mark, marks, ..
        } => *first_mark..*first_mark + *marks,
        _ => 0..0,
    };
    for (i, h) in t.headers.iter().enumerate() {
        // Criterion columns of an annex: the number, the name on hover.
        match h.split_once(". ").filter(|_| marks.contains(&i)) {
            Some((id, _)) => {
                let _ = write!(s, "<th title=\"{}\">{}</th>", esc(h), esc(id));
            }
            None => {
                let _ = write!(s, "<th>{}</th>", esc(h));
            }
        }
    }
    s.push_str("</tr></thead><tbody>");
    for r in &t.rows {
        s.push_str("<tr>");
        for v in r {
            let class = match v {
                V::Mark(mark) => format!(" class=\"mark {}\"", status_class(mark.status())),
                V::Int(_) | V::Num(_) => " class=\"n\"".into(),
                _ => String::new(),
            };
            let _ = write!(s, "<td{class}>{}</td>", esc(&v.show(m)));
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table></div>");
    s
}

/// One unit's explanation: each criterion, and each indicator with value, threshold,
/// gap, citation and source level.
fn explanation(r: &UnitResult, m: &dyn Catalog) -> String {
    let mut s = format!(
        r#"<details><summary>{} {} — {} {} — <span class="{}">{}</span> ({})</summary>"#,
        esc(m.unit_kind(r.unit.kind)),
        esc(&r.unit.name),
        esc(m.word(Word::Year)),
        r.year,
        verdict_class(r.verdict),
        esc(&verdict_text(m, r)),
        esc(&m.criteria_met(r.met, r.total))
    );
    let _ = write!(
        s,
        r#"<p class="muted">{}: {} — {} ({})</p>"#,
        esc(m.word(Word::RuleSet)),
        esc(&r.ruleset),
        esc(&r.ruleset_title),
        esc(&r.document)
    );
    for c in &r.criteria {
        let _ = write!(
            s,
            r#"<h3><span class="sw" style="background:{}"></span>{} {}: {} <span class="muted">({})</span></h3>"#,
            colour(Some(c.status)),
            esc(&c.id),
            esc(&c.name),
            esc(m.status(c.status)),
            esc(m.basis(c.basis))
        );
        if c.indicators.is_empty() {
            continue;
        }
        s.push_str("<ul class=\"ind\">");
        for i in &c.indicators {
            indicator_item(&mut s, i, m);
        }
        s.push_str("</ul>");
    }
    if !r.findings.is_empty() {
        let _ = write!(s, "<p><b>{}</b></p><ul>", esc(m.word(Word::Findings)));
        for f in &r.findings {
            let _ = write!(s, "<li>{}</li>", esc(&m.finding(f)));
        }
        s.push_str("</ul>");
    }
    s.push_str("</details>");
    s
}

/// One indicator in an explanation: outcome, value, threshold, gap, why missing, citation.
fn indicator_item(s: &mut String, i: &crate::report::IndicatorResult, m: &dyn Catalog) {
    let unit = i.threshold.iter().find_map(|t| t.unit.clone());
    let thresholds: Vec<crate::core::value::Value> =
        i.threshold.iter().filter_map(|t| t.value.clone()).collect();
    let value = i
        .value
        .as_ref()
        .map(|v| m.value(v))
        .unwrap_or_else(|| m.word(Word::None).to_string());
    let th = i
        .threshold
        .iter()
        .map(|t| crate::render::view::threshold_text(m, t))
        .collect::<Vec<_>>()
        .join("; ");
    let gap = gap_text(
        m,
        i.shortfall,
        i.value.as_ref(),
        &thresholds,
        unit.as_deref(),
    );
    let reason = i
        .reason
        .as_ref()
        .map(|r| format!(" — {}", m.missing_reason(r)))
        .unwrap_or_default();
    let _ = write!(
        s,
        "<li><b>{} {}</b>: {} — {}: {value}{}; {}: {}{}{}<br><span class=\"muted\">{}: {}{}</span></li>",
        esc(&i.id),
        esc(&i.name),
        esc(m.outcome(i.status)),
        esc(&capitalise(m.word(Word::Value))),
        esc(&unit.as_deref().map(|u| format!(" {u}")).unwrap_or_default()),
        esc(m.word(Word::Threshold)),
        esc(if th.is_empty() { "—" } else { &th }),
        if gap.is_empty() { String::new() } else { format!("; {}", esc(&gap)) },
        esc(&reason),
        esc(&capitalise(m.word(Word::Citation))),
        esc(&i.citation.to_string()),
        i.weakest_source
            .map(|l| format!(" — {}", esc(m.source_level(l))))
            .unwrap_or_default()
    );
}

fn summary_cards(report: &Report, m: &dyn Catalog) -> String {
    let count = |v: Verdict| report.results.iter().filter(|r| r.verdict == v).count();
    let mut s = String::from("<div class=\"cards\">");
    let _ = write!(
        s,
        "<div class=\"card\"><b>{}</b>{}</div>",
        report.results.len(),
        esc(m.word(Word::UnitsEvaluated))
    );
    for v in [Verdict::Met, Verdict::NotMet, Verdict::Incomplete] {
        let _ = write!(
            s,
            "<div class=\"card {}\"><b>{}</b>{}</div>",
            verdict_class(v),
            count(v),
            esc(m.verdict(v))
        );
    }
    s.push_str("</div>");
    s
}

impl Render for Html<'_> {
    fn render(&self, m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        let b = self.0;
        let groups = b.report.map(|r| annex(r, m)).unwrap_or_default();
        let all = tables(b, m);
        let mut s = head(b, groups.len(), m);
        summary(&mut s, b, &all, m);
        plan(&mut s, b, &all, m);
        annexes(&mut s, &groups, &all, m);
        departments(&mut s, b, &all, m);
        findings(&mut s, b, &all, m);
        changes(&mut s, b, &all, m);
        let _ = writeln!(
            s,
            "<footer class=\"muted\"><p>{} {}</p></footer><script>{SCRIPT}</script></body></html>",
            esc(m.word(Word::Generated)),
            esc(crate::ENGINE_VERSION)
        );
        out.write_all(s.as_bytes())
    }
}

/// The document's head: title, stamp, datasets, navigation.
fn head(b: &Bundle, groups: usize, m: &dyn Catalog) -> String {
    let lang = match m.lang() {
        super::Lang::Vi => "vi",
        super::Lang::En => "en",
    };
    let charts = groups * 2 + usize::from(b.plan.is_some_and(|p| !p.targets.is_empty()));
    let title = b
        .plan
        .map(|p| p.plan.title.clone())
        .unwrap_or_else(|| m.word(Word::ReportTitle).to_string());
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><style>{STYLE}</style></head><body data-charts=\"{charts}\">",
        esc(&title)
    );
    let _ = write!(s, "<header><h1>{}</h1>", esc(&title));
    if let Some(st) = b.stamp {
        let _ = write!(
            s,
            "<p class=\"muted\">{}</p>",
            esc(&m.stamp(st, &super::stamp::digest(st)))
        );
    }
    if !b.sources.is_empty() {
        s.push_str("<ul class=\"muted\">");
        for d in b.sources {
            let _ = write!(
                s,
                "<li>{}: {}</li>",
                esc(m.word(Word::Dataset)),
                esc(&m.data_source(d))
            );
        }
        s.push_str("</ul>");
    }
    s.push_str("</header><nav>");
    let mut nav = Vec::new();
    if b.report.is_some() || !b.rollups.is_empty() {
        nav.push(("summary", m.word(Word::Summary)));
    }
    if b.plan.is_some() {
        nav.push(("plan", m.word(Word::SheetPlan)));
    }
    if b.departments.is_some() {
        nav.push(("departments", m.word(Word::WorkLists)));
    }
    if b.report.is_some() {
        nav.push(("findings", m.word(Word::Findings)));
        nav.push(("explanations", m.word(Word::Explanation)));
    }
    if b.diff.is_some() {
        nav.push(("changes", m.word(Word::SheetChanges)));
    }
    for (id, w) in &nav {
        let _ = write!(s, "<a href=\"#{id}\">{}</a>", esc(w));
    }
    s.push_str("</nav>");
    s
}

/// Counts of units by verdict, and the roll-ups (alone for `ntm rollup`).
fn summary(s: &mut String, b: &Bundle, all: &[Table], m: &dyn Catalog) {
    let rollups: Vec<&Table> = all
        .iter()
        .filter(|t| t.kind == TableKind::Rollups)
        .collect();
    if b.report.is_none() && rollups.is_empty() {
        return;
    }
    let cards = b.report.map(|r| summary_cards(r, m)).unwrap_or_default();
    let _ = write!(
        *s,
        "<section id=\"summary\"><h2>{}</h2>{cards}",
        esc(m.word(Word::Summary)),
    );
    for t in rollups {
        let _ = write!(*s, "<h3>{}</h3>{}", esc(&t.title), table_html(t, m));
    }
    s.push_str("</section>");
}

/// The plan's targets: their progress, then the table.
fn plan(s: &mut String, b: &Bundle, all: &[Table], m: &dyn Catalog) {
    if let Some(p) = b.plan {
        let _ = write!(
            *s,
            "<section id=\"plan\"><h2>{} — {}</h2><p class=\"muted\">{} {} → {} {}; {} {}</p><p class=\"muted\">{}</p>{}{}",
            esc(m.word(Word::SheetPlan)),
            esc(&p.plan.document.number),
            esc(m.word(Word::Baseline)),
            p.plan.baseline_year,
            esc(m.word(Word::TargetYear)),
            p.plan.target_year,
            esc(m.word(Word::AsOf)),
            p.plan.as_of,
            esc(&m.plan_data_years(p.plan.baseline_year, p.plan.current_year)),
            p.plan
                .set_change
                .as_ref()
                .map(|c| format!(
                    "<p class=\"note\">{}</p>",
                    esc(&crate::render::plan::set_change(m, c))
                ))
                .unwrap_or_default(),
            plan_chart(p, m)
        );
        for t in all.iter().filter(|t| t.kind == TableKind::Plan) {
            s.push_str(&table_html(t, m));
        }
        s.push_str("</section>");
    }
}

/// Each annex: heat map, criteria met per unit, the table.
fn annexes(s: &mut String, groups: &[AnnexGroup], all: &[Table], m: &dyn Catalog) {
    for (g, t) in groups.iter().zip(
        all.iter()
            .filter(|t| matches!(t.kind, TableKind::Annex { .. })),
    ) {
        // The fourth state only where some criterion does not apply to a unit.
        let na = if g.has_not_applicable() {
            format!(
                "<span><i class=\"sw\" style=\"background:{}\"></i>{}</span>",
                colour(Some(Status::NotApplicable)),
                esc(m.status(Status::NotApplicable))
            )
        } else {
            String::new()
        };
        let _ = write!(
            *s,
            "<section><h2>{}</h2><h3>{}</h3><p class=\"legend muted\"><span><i class=\"sw\" style=\"background:{}\"></i>{}</span><span><i class=\"sw\" style=\"background:{}\"></i>{}</span><span><i class=\"sw\" style=\"background:{}\"></i>{}</span>{na}</p>{}<h3>{}</h3>{}{}</section>",
            esc(&t.title),
            esc(m.word(Word::Heatmap)),
            colour(Some(Status::Met)),
            esc(m.status(Status::Met)),
            colour(Some(Status::NotMet)),
            esc(m.status(Status::NotMet)),
            colour(Some(Status::Missing)),
            esc(m.status(Status::Missing)),
            heatmap(g, m),
            esc(m.word(Word::MetPerUnit)),
            bars(g, m),
            table_html(t, m)
        );
    }
}

/// Department work lists.
fn departments(s: &mut String, b: &Bundle, all: &[Table], m: &dyn Catalog) {
    if b.departments.is_some() {
        let _ = write!(
            *s,
            "<section id=\"departments\"><h2>{}</h2>",
            esc(m.word(Word::WorkLists))
        );
        for t in all.iter().filter(|t| t.kind == TableKind::Department) {
            let _ = write!(
                *s,
                "<details open><summary>{} ({})</summary>{}</details>",
                esc(&t.title),
                t.rows.len(),
                table_html(t, m)
            );
        }
        s.push_str("</section>");
    }
}

/// Findings, then every result's explanation.
fn findings(s: &mut String, b: &Bundle, all: &[Table], m: &dyn Catalog) {
    if let Some(report) = b.report {
        let _ = write!(
            *s,
            "<section id=\"findings\"><h2>{}</h2>",
            esc(m.word(Word::Findings))
        );
        match all.iter().find(|t| t.kind == TableKind::Findings) {
            Some(t) if !t.rows.is_empty() => s.push_str(&table_html(t, m)),
            _ => {
                let _ = write!(*s, "<p>{}</p>", esc(m.word(Word::NoFindings)));
            }
        }
        let _ = write!(
            *s,
            "</section><section id=\"explanations\"><h2>{}</h2>",
            esc(m.word(Word::Explanation))
        );
        for r in &report.results {
            s.push_str(&explanation(r, m));
        }
        s.push_str("</section>");
    }
}

/// Rule-set comparisons.
fn changes(s: &mut String, b: &Bundle, all: &[Table], m: &dyn Catalog) {
    if b.diff.is_some() {
        let _ = write!(
            *s,
            "<section id=\"changes\"><h2>{}</h2>",
            esc(m.word(Word::SheetChanges))
        );
        for t in all
            .iter()
            .filter(|t| matches!(t.kind, TableKind::Changes | TableKind::Flips))
        {
            let _ = write!(*s, "<h3>{}</h3>{}", esc(&t.title), table_html(t, m));
        }
        s.push_str("</section>");
    }
}
