//! The tables of plans, department work lists, roll-ups, rule-set comparisons and the
//! stamp, in the shared view.

use super::model::{capitalise, gap_text, sheet_name, Bundle, Table, TableKind, V};
use crate::analysis::diff::DataDiff;
use crate::analysis::plan::{DepartmentList, PlanReport, TargetStatus};
use crate::engine::rollup::RollupValue;
use crate::render::annex::criterion_header;
use crate::render::{Catalog, Word};

/// A target's progress towards what it requires, 0–1 (None when unknown).
pub fn progress(current: Option<f64>, baseline: Option<f64>, required: Option<f64>) -> Option<f64> {
    let (c, r) = (current?, required?);
    let b = baseline.unwrap_or(0.0).min(r);
    if r - b <= 1e-9 {
        return Some(if c >= r { 1.0 } else { 0.0 });
    }
    Some(((c - b) / (r - b)).clamp(0.0, 1.0))
}

pub(super) fn plan_table(p: &PlanReport, m: &dyn Catalog, used: &mut Vec<String>) -> Table {
    let headers = [
        Word::Target,
        Word::Content,
        Word::UnitName,
        Word::Baseline,
        Word::Current,
        Word::Required,
        Word::Gap,
        Word::Status,
    ]
    .iter()
    .map(|w| capitalise(m.word(*w)))
    .collect();
    let mut rows = Vec::new();
    for t in &p.targets {
        rows.push(vec![
            V::text(&t.id),
            V::text(&t.name),
            V::Blank,
            V::opt_num(t.baseline),
            V::opt_num(t.current),
            V::opt_num(t.required),
            V::opt_num(t.gap),
            V::text(m.target_status(t.status)),
        ]);
        for u in &t.units {
            rows.push(vec![
                V::text(&t.id),
                V::Blank,
                V::text(&u.unit.name),
                V::opt_num(u.baseline),
                V::opt_num(u.current),
                V::opt_num(u.required),
                V::opt_num(u.gap),
                V::text(u.status.map(|s| m.target_status(s)).unwrap_or("")),
            ]);
        }
    }
    Table {
        kind: TableKind::Plan,
        name: sheet_name(m.word(Word::SheetPlan), used),
        title: format!("{} ({})", p.plan.title, p.plan.document.number),
        headers,
        rows,
    }
}

/// A department's work list as a table.
pub fn department_table(
    l: &DepartmentList,
    year: i32,
    m: &dyn Catalog,
    used: &mut Vec<String>,
) -> Table {
    let headers = [
        Word::UnitName,
        Word::Kind,
        Word::Criterion,
        Word::Indicator,
        Word::Value,
        Word::Threshold,
        Word::SourceLevel,
        Word::GapToThreshold,
    ]
    .iter()
    .map(|w| capitalise(m.word(*w)))
    .collect();
    let dept = l
        .department
        .clone()
        .unwrap_or_else(|| m.word(Word::Unassigned).to_string());
    let rows = l
        .items
        .iter()
        .map(|w| {
            let unit = |v: String| match &w.unit_of_measure {
                Some(u) if !u.is_empty() => format!("{v} {u}"),
                _ => v,
            };
            vec![
                V::text(&w.unit.name),
                V::text(m.unit_kind(w.unit.kind)),
                V::text(criterion_header(&w.criterion, &w.criterion_name)),
                V::text(
                    w.indicator
                        .clone()
                        .map(|i| format!("{i} {}", w.name))
                        .unwrap_or_else(|| m.word(Word::DeclaredNotMet).into()),
                ),
                V::text(
                    w.value
                        .as_ref()
                        .map(|v| unit(m.value(v)))
                        .unwrap_or_default(),
                ),
                V::text(
                    w.threshold
                        .iter()
                        .map(|v| unit(m.value(v)))
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
                V::text(
                    w.source_level
                        .map(|l| m.source_level(l))
                        .unwrap_or_default(),
                ),
                V::text(gap_text(
                    m,
                    w.shortfall,
                    w.value.as_ref(),
                    &w.threshold,
                    w.unit_of_measure.as_deref(),
                )),
            ]
        })
        .collect();
    Table {
        kind: TableKind::Department,
        name: sheet_name(&dept, used),
        title: format!("{dept} — {} {year}", m.word(Word::Year)),
        headers,
        rows,
    }
}

pub(super) fn rollup_table(
    values: &[RollupValue],
    m: &dyn Catalog,
    used: &mut Vec<String>,
) -> Table {
    let headers = [
        Word::Content,
        Word::Year,
        Word::Value,
        Word::UnitsEvaluated,
        Word::Notes,
    ]
    .iter()
    .map(|w| capitalise(m.word(*w)))
    .collect();
    let rows = values
        .iter()
        .map(|v| {
            let value = if v.buckets.is_empty() {
                V::opt_num(v.value)
            } else {
                V::text(
                    v.buckets
                        .iter()
                        .map(|(l, n)| format!("{l}: {n}"))
                        .collect::<Vec<_>>()
                        .join("; "),
                )
            };
            vec![
                V::text(&v.label),
                V::Int(v.year as i64),
                value,
                V::Int(v.units as i64),
                // How units were counted and which were left out, as the text says.
                V::text(m.rollup_note(v)),
            ]
        })
        .collect();
    Table {
        kind: TableKind::Rollups,
        name: sheet_name(m.word(Word::Aggregates), used),
        title: m.word(Word::Aggregates).to_string(),
        headers,
        rows,
    }
}

/// `a → b` when an id changed, else the one id.
fn ids(a: &Option<String>, b: &Option<String>) -> String {
    match (a, b) {
        (Some(a), Some(b)) if a != b => format!("{a} → {b}"),
        (Some(a), _) => a.clone(),
        (None, Some(b)) => b.clone(),
        (None, None) => String::new(),
    }
}

pub(super) fn diff_tables(
    d: &crate::analysis::project::DiffReport,
    m: &dyn Catalog,
    used: &mut Vec<String>,
) -> Vec<Table> {
    let s = &d.structure;
    let mut out = vec![Table {
        kind: TableKind::Changes,
        name: sheet_name(m.word(Word::SheetChanges), used),
        title: format!("{} {} → {}", m.word(Word::Compare), s.from.id, s.to.id),
        headers: [Word::Item, Word::Change, Word::Detail]
            .iter()
            .map(|w| m.word(*w).to_string())
            .collect(),
        rows: s
            .changes
            .iter()
            .map(|c| {
                vec![
                    V::text(format!("{} {}", m.item(c.item), ids(&c.from, &c.to))),
                    V::text(m.change_kind(c.kind)),
                    V::text(m.change_detail(&c.detail)),
                ]
            })
            .collect(),
    }];
    if let Some(DataDiff { units, .. }) = &d.data {
        out.push(flips_table(units, m, used));
    }
    out
}

/// The stamp as a table: engine, every file read with its SHA-256, overrides.
pub(super) fn stamp_table(b: &Bundle, m: &dyn Catalog, used: &mut Vec<String>) -> Option<Table> {
    let s = b.stamp?;
    let mut rows = vec![
        vec![V::text(m.word(Word::Engine)), V::text(&s.engine)],
        vec![V::text("SHA-256"), V::text(crate::render::stamp::digest(s))],
    ];
    if !s.overrides.is_empty() {
        rows.push(vec![
            V::text(m.word(Word::AssumedValues)),
            V::text(s.overrides.join(", ")),
        ]);
    }
    for d in b.sources {
        rows.push(vec![
            V::text(m.word(Word::Dataset)),
            V::text(m.data_source(d)),
        ]);
    }
    for f in s.rules.iter().chain(&s.data) {
        // Never an absolute local path in a report meant to be sent.
        rows.push(vec![V::text(f.sent_path()), V::text(&f.sha256)]);
    }
    Some(Table {
        kind: TableKind::Stamp,
        name: sheet_name(m.word(Word::SheetStamp), used),
        title: m.stamp(s, &crate::render::stamp::digest(s)),
        headers: vec![m.word(Word::File).to_string(), "SHA-256".to_string()],
        rows,
    })
}

/// Status of a target, for colours.
pub fn target_ok(s: TargetStatus) -> Option<bool> {
    match s {
        TargetStatus::Achieved => Some(true),
        TargetStatus::AtRisk | TargetStatus::NotAchieved => Some(false),
        TargetStatus::NotYet | TargetStatus::Unknown => None,
    }
}

/// Every department's work list in one table, the department first (CSV).
pub fn departments_flat(lists: &[DepartmentList], year: i32, m: &dyn Catalog) -> Table {
    let mut used = Vec::new();
    let mut headers = vec![capitalise(m.word(Word::Department))];
    let mut rows = Vec::new();
    for l in lists {
        let t = department_table(l, year, m, &mut used);
        if headers.len() == 1 {
            headers.extend(t.headers.clone());
        }
        let dept = l
            .department
            .clone()
            .unwrap_or_else(|| m.word(Word::Unassigned).to_string());
        for r in t.rows {
            let mut row = vec![V::text(&dept)];
            row.extend(r);
            rows.push(row);
        }
    }
    if headers.len() == 1 {
        headers.extend(
            department_table(
                &DepartmentList {
                    department: None,
                    items: vec![],
                    missing_data: 0,
                },
                year,
                m,
                &mut used,
            )
            .headers,
        );
    }
    Table {
        kind: TableKind::Department,
        name: m.word(Word::Department).to_string(),
        title: format!(
            "{} — {} {year}",
            m.word(Word::WorkLists),
            m.word(Word::Year)
        ),
        headers,
        rows,
    }
}

/// Units whose verdict changed, one row per criterion or indicator that flipped, with
/// its causes.
fn flips_table(
    units: &[crate::analysis::diff::UnitDiff],
    m: &dyn Catalog,
    used: &mut Vec<String>,
) -> Table {
    let mut rows = Vec::new();
    for u in units {
        for f in &u.flips {
            let st = |s: Option<crate::report::AnyStatus>| match s {
                Some(crate::report::AnyStatus::Indicator(o)) => m.outcome(o),
                Some(crate::report::AnyStatus::Criterion(s)) => m.status(s),
                None => "—",
            };
            rows.push(vec![
                V::Int(u.year as i64),
                V::text(&u.unit.name),
                V::text(format!(
                    "{} → {}",
                    m.verdict(u.from.verdict),
                    m.verdict(u.to.verdict)
                )),
                V::text(format!(
                    "{} {} {}",
                    m.item(f.item),
                    ids(&f.from_id, &f.to_id),
                    f.name
                )),
                V::text(st(f.from_status)),
                V::text(st(f.to_status)),
                V::text(
                    f.causes
                        .iter()
                        .map(|c| m.cause(c))
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
            ]);
        }
    }
    Table {
        kind: TableKind::Flips,
        name: sheet_name(m.word(Word::SheetFlips), used),
        title: m.word(Word::SheetFlips).to_string(),
        headers: [
            Word::Year,
            Word::UnitName,
            Word::Conclusion,
            Word::Item,
            Word::From,
            Word::To,
            Word::Causes,
        ]
        .iter()
        .map(|w| capitalise(m.word(*w)))
        .collect(),
        rows,
    }
}
