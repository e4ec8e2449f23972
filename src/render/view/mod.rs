//! Reports as tables: one model for the XLSX, HTML, Markdown and CSV renderers. The
//! annex tables read the annex model (render/annex.rs); the plan's, departments',
//! roll-ups', comparisons' and stamp's tables are in reports.rs.

use super::annex::annex;
use super::{Catalog, Word};
use crate::core::value::Value;
use crate::report::{CriterionResult, IndicatorResult, Report, UnitResult};

mod model;
mod reports;

pub use super::annex::{criterion_header, verdict_text};
use model::sheet_name;
pub use model::{capitalise, gap_text, gap_word, threshold_text, Bundle, Table, TableKind, V};
pub use reports::{department_table, departments_flat, progress, target_ok};

fn unit_cells(r: &UnitResult) -> [V; 2] {
    [
        V::text(&r.unit.name),
        V::text(r.unit.parent_name.clone().unwrap_or_default()),
    ]
}

fn annex_tables(report: &Report, m: &dyn Catalog, used: &mut Vec<String>) -> Vec<Table> {
    let groups = annex(report, m);
    let many = groups.len() > 1;
    groups
        .iter()
        .map(|g| {
            let mut headers: Vec<String> = [Word::No, Word::UnitName, Word::Parent]
                .iter()
                .map(|w| m.word(*w).to_string())
                .collect();
            headers.extend(g.criteria.iter().map(|(id, n)| criterion_header(id, n)));
            headers.extend(g.tail_headers(m, Word::Counted, Word::ReportedTotal));
            let published = g.shows_published();
            let rows = g
                .rows
                .iter()
                .enumerate()
                .map(|(no, row)| {
                    let r = row.result;
                    let mut cells = vec![V::Int(no as i64 + 1)];
                    cells.extend(unit_cells(r));
                    cells.extend(g.criteria.iter().map(|(id, _)| V::Mark(row.mark(id))));
                    cells.push(V::Int(r.met as i64));
                    cells.push(r.reported_total.map(V::Int).unwrap_or(V::Blank));
                    cells.push(V::text(verdict_text(m, r)));
                    if published {
                        cells.push(published_cell(r));
                    }
                    cells.push(V::text(row.notes.join("; ")));
                    cells
                })
                .collect();
            let base = if many {
                format!(
                    "{} {} {}",
                    m.word(Word::SheetAnnex),
                    g.year,
                    short_set(g.ruleset)
                )
            } else {
                format!("{} {}", m.word(Word::SheetAnnex), g.year)
            };
            Table {
                kind: TableKind::Annex {
                    ruleset: g.ruleset.to_string(),
                    year: g.year,
                    first_mark: 3,
                    marks: g.criteria.len(),
                },
                name: sheet_name(&base, used),
                title: format!(
                    "{} — {} ({}), {} {}",
                    m.word(Word::AnnexTitle),
                    g.title,
                    g.document,
                    m.word(Word::Year),
                    g.year
                ),
                headers,
                rows,
            }
        })
        .collect()
}

/// `bac-kan/thon/225-2019` → `thon 225-2019`, to tell sheets apart.
fn short_set(id: &str) -> String {
    let parts: Vec<&str> = id.split('/').collect();
    parts[parts.len().saturating_sub(2)..].join(" ")
}

/// The verdict a list published, beside the computed one (blank without one).
fn published_cell(r: &crate::report::UnitResult) -> V {
    r.published_verdict
        .as_deref()
        .map(V::text)
        .unwrap_or(V::Blank)
}

/// Biểu tổng hợp: criteria met per unit and the verdict (and the published one, when a
/// list gives one), every group.
fn summary_table(report: &Report, m: &dyn Catalog, used: &mut Vec<String>) -> Table {
    let published = report.results.iter().any(|r| r.published_verdict.is_some());
    let mut words = vec![
        Word::Year,
        Word::RuleSet,
        Word::Kind,
        Word::UnitName,
        Word::Parent,
        Word::Counted,
        Word::CriteriaPlural,
        Word::Conclusion,
    ];
    if published {
        words.push(Word::PublishedConclusion);
    }
    words.push(Word::SourceLevel);
    let headers = words.iter().map(|w| capitalise(m.word(*w))).collect();
    let rows = report
        .results
        .iter()
        .map(|r| {
            let mut row = vec![
                V::Int(r.year as i64),
                V::text(&r.ruleset),
                V::text(m.unit_kind(r.unit.kind)),
            ];
            row.extend(unit_cells(r));
            row.extend([
                V::Int(r.met as i64),
                V::Int(r.total as i64),
                V::text(verdict_text(m, r)),
            ]);
            if published {
                row.push(published_cell(r));
            }
            row.push(V::text(
                r.weakest_source.map(|l| m.source_level(l)).unwrap_or(""),
            ));
            row
        })
        .collect();
    Table {
        kind: TableKind::Summary,
        name: sheet_name(m.word(Word::Summary), used),
        title: m.word(Word::Summary).to_string(),
        headers,
        rows,
    }
}

/// Each indicator of each unit: value, threshold, shortfall, citation, source level.
pub struct IndicatorRow<'a> {
    pub result: &'a UnitResult,
    pub criterion: &'a CriterionResult,
    pub indicator: &'a IndicatorResult,
}

pub fn indicator_rows(report: &Report) -> Vec<IndicatorRow<'_>> {
    report
        .results
        .iter()
        .flat_map(|r| {
            r.criteria.iter().flat_map(move |c| {
                c.indicators.iter().map(move |i| IndicatorRow {
                    result: r,
                    criterion: c,
                    indicator: i,
                })
            })
        })
        .collect()
}

fn thresholds_text(m: &dyn Catalog, i: &IndicatorResult) -> String {
    i.threshold
        .iter()
        .map(|t| model::threshold_text(m, t))
        .collect::<Vec<_>>()
        .join("; ")
}

fn indicators_table(report: &Report, m: &dyn Catalog, used: &mut Vec<String>) -> Table {
    let headers = [
        Word::Year,
        Word::UnitName,
        Word::Parent,
        Word::Criterion,
        Word::Indicator,
        Word::Status,
        Word::Value,
        Word::Threshold,
        Word::UnitOfMeasure,
        Word::GapToThreshold,
        Word::Citation,
        Word::SourceLevel,
    ]
    .iter()
    .map(|w| capitalise(m.word(*w)))
    .collect();
    let rows = indicator_rows(report)
        .into_iter()
        .map(|x| {
            let i = x.indicator;
            let unit = i.threshold.iter().find_map(|t| t.unit.clone());
            let thresholds: Vec<Value> =
                i.threshold.iter().filter_map(|t| t.value.clone()).collect();
            let mut row = vec![V::Int(x.result.year as i64)];
            row.extend(unit_cells(x.result));
            row.extend([
                V::text(criterion_header(&x.criterion.id, &x.criterion.name)),
                V::text(format!("{} {}", i.id, i.name)),
                V::text(m.outcome(i.status)),
                match &i.value {
                    Some(Value::Int(n)) => V::Int(*n),
                    Some(Value::Number(n)) => V::Num(*n),
                    Some(v) => V::text(m.value(v)),
                    None => V::Blank,
                },
                V::text(thresholds_text(m, i)),
                V::text(unit.clone().unwrap_or_default()),
                V::text(gap_text(
                    m,
                    i.shortfall,
                    i.value.as_ref(),
                    &thresholds,
                    unit.as_deref(),
                )),
                V::text(i.citation.to_string()),
                V::text(i.weakest_source.map(|l| m.source_level(l)).unwrap_or("")),
            ]);
            row
        })
        .collect();
    Table {
        kind: TableKind::Indicators,
        name: sheet_name(m.word(Word::SheetIndicators), used),
        title: m.word(Word::SheetIndicators).to_string(),
        headers,
        rows,
    }
}

fn findings_table(report: &Report, m: &dyn Catalog, used: &mut Vec<String>) -> Table {
    let headers = [
        Word::Year,
        Word::UnitName,
        Word::Parent,
        Word::RuleSet,
        Word::Findings,
    ]
    .iter()
    .map(|w| capitalise(m.word(*w)))
    .collect();
    let mut rows = Vec::new();
    for r in &report.results {
        for f in &r.findings {
            let mut row = vec![V::Int(r.year as i64)];
            row.extend(unit_cells(r));
            row.push(V::text(&r.ruleset));
            row.push(V::text(m.finding(f)));
            rows.push(row);
        }
    }
    Table {
        kind: TableKind::Findings,
        name: sheet_name(m.word(Word::Findings), used),
        title: m.word(Word::Findings).to_string(),
        headers,
        rows,
    }
}

/// Every table of a bundle, in reading order.
pub fn tables(b: &Bundle, m: &dyn Catalog) -> Vec<Table> {
    let mut used = Vec::new();
    let mut out = Vec::new();
    if let Some(p) = b.plan {
        out.push(reports::plan_table(p, m, &mut used));
    }
    if let Some(r) = b.report {
        out.extend(annex_tables(r, m, &mut used));
        out.push(summary_table(r, m, &mut used));
    }
    if !b.rollups.is_empty() {
        out.push(reports::rollup_table(b.rollups, m, &mut used));
    }
    if let Some(r) = b.report {
        out.push(indicators_table(r, m, &mut used));
        out.push(findings_table(r, m, &mut used));
    }
    if let Some((lists, year)) = b.departments {
        for l in lists.iter().filter(|l| !l.items.is_empty()) {
            out.push(department_table(l, year, m, &mut used));
        }
    }
    if let Some(d) = b.diff {
        out.extend(reports::diff_tables(d, m, &mut used));
    }
    out.extend(reports::stamp_table(b, m, &mut used));
    out
}
