//! The annex view: results laid out as the plans' annex tables (one row per unit, one
//! column per criterion, the count, the reported total, the verdict, notes). Built once
//! here; the table, CSV and later XLSX/HTML renderers all read it.

use super::Catalog;
use crate::report::{FindingKind, Recognisable, Report, Status, UnitResult, Verdict};

pub struct AnnexRow<'a> {
    pub no: usize,
    pub result: &'a UnitResult,
    /// One mark per criterion column (None: the set has no such criterion).
    pub marks: Vec<Option<Status>>,
    /// Each mark's level, when the set grades criteria in levels.
    pub levels: Vec<Option<crate::report::GradedLevel>>,
    /// Short notes: findings, recognition.
    pub notes: Vec<String>,
}

/// One rule set and year: its criteria columns and its rows.
pub struct AnnexGroup<'a> {
    pub ruleset: &'a str,
    pub title: &'a str,
    pub document: &'a str,
    pub year: i32,
    /// Criterion ids and names, in the set's order.
    pub criteria: Vec<(&'a str, &'a str)>,
    pub rows: Vec<AnnexRow<'a>>,
}

impl AnnexGroup<'_> {
    pub fn units_met(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| r.result.verdict == Verdict::Met)
            .count()
    }
}

/// Results grouped by rule set and year (a table per group, since criteria differ).
pub fn annex<'a>(report: &'a Report, m: &dyn Catalog) -> Vec<AnnexGroup<'a>> {
    let mut groups: Vec<AnnexGroup<'a>> = Vec::new();
    for r in &report.results {
        let i = match groups
            .iter()
            .position(|g| g.ruleset == r.ruleset && g.year == r.year)
        {
            Some(i) => i,
            None => {
                groups.push(AnnexGroup {
                    ruleset: &r.ruleset,
                    title: &r.ruleset_title,
                    document: &r.document,
                    year: r.year,
                    criteria: r
                        .criteria
                        .iter()
                        .map(|c| (c.id.as_str(), &*c.name))
                        .collect(),
                    rows: Vec::new(),
                });
                groups.len() - 1
            }
        };
        let g = &mut groups[i];
        let marks = g
            .criteria
            .iter()
            .map(|(id, _)| r.criteria.iter().find(|c| c.id == *id).map(|c| c.status))
            .collect();
        let levels = g
            .criteria
            .iter()
            .map(|(id, _)| {
                r.criteria
                    .iter()
                    .find(|c| c.id == *id)
                    .and_then(|c| c.level.clone())
            })
            .collect();
        g.rows.push(AnnexRow {
            no: g.rows.len() + 1,
            result: r,
            marks,
            levels,
            notes: notes(r, m),
        });
    }
    groups
}

/// Every criterion id across the report's sets, in first-seen order (flat CSV columns).
pub fn all_criteria(report: &Report) -> Vec<&str> {
    let mut crit: Vec<&str> = Vec::new();
    for r in &report.results {
        for c in &r.criteria {
            if !crit.contains(&c.id.as_str()) {
                crit.push(&c.id);
            }
        }
    }
    crit
}

fn notes(r: &UnitResult, m: &dyn Catalog) -> Vec<String> {
    let mut notes: Vec<String> = Vec::new();
    if r.count_only {
        notes.push(m.word(super::Word::CountOnly).to_string());
    }
    if !r.parts.is_empty() {
        let names: Vec<&str> = r.parts.iter().map(|p| p.name.as_str()).collect();
        notes.push(format!(
            "{} {}",
            m.word(super::Word::MadeOf),
            names.join(", ")
        ));
    }
    for f in &r.findings {
        let tag = m.finding_tag(f);
        if !notes.contains(&tag) {
            notes.push(tag);
        }
    }
    if let Some(rec) = &r.recognition {
        if rec.status == Recognisable::NotRecognisable {
            notes.push(m.recognisable(rec.status).to_string());
        }
    }
    notes
}

/// Results whose written total differs from the recount.
pub fn total_mismatches<'a>(group: &'a AnnexGroup<'a>) -> impl Iterator<Item = &'a UnitResult> {
    group.rows.iter().map(|r| r.result).filter(|r| {
        r.findings
            .iter()
            .any(|f| f.kind() == FindingKind::ReportedTotalMismatch)
    })
}

// ---------------------------------------------------------------------------------
// Reports as tables: one model for the XLSX, HTML and Markdown renderers.

use super::Word;
use crate::analysis::diff::DataDiff;
use crate::analysis::plan::{DepartmentList, PlanReport, TargetStatus};
use crate::core::value::Value;
use crate::engine::rollup::RollupValue;
use crate::report::{CriterionResult, DataSource, IndicatorResult, Stamp};

/// Everything one command has to show; renderers take the parts that are there.
#[derive(Default)]
pub struct Bundle<'a> {
    pub stamp: Option<&'a Stamp>,
    pub sources: &'a [DataSource],
    pub report: Option<&'a Report>,
    pub rollups: &'a [RollupValue],
    pub plan: Option<&'a PlanReport>,
    /// Department work lists and their year.
    pub departments: Option<(&'a [DepartmentList], i32)>,
    pub diff: Option<&'a crate::analysis::project::DiffReport>,
}

/// One cell of a report table.
#[derive(Clone, Debug, PartialEq)]
pub enum V {
    Text(String),
    Int(i64),
    Num(f64),
    /// A criterion's mark in an annex (None: the set has no such criterion).
    Mark(Option<Status>),
    Blank,
}

impl V {
    pub fn text(s: impl Into<String>) -> V {
        V::Text(s.into())
    }
    pub fn opt_num(x: Option<f64>) -> V {
        x.map(V::Num).unwrap_or(V::Blank)
    }
    /// The cell as text, the reader's way (marks ✓ ✗ ?).
    pub fn show(&self, m: &dyn Catalog) -> String {
        match self {
            V::Text(s) => s.clone(),
            V::Int(i) => i.to_string(),
            V::Num(x) => m.number(*x),
            V::Mark(Some(Status::Met)) => "✓".into(),
            V::Mark(Some(Status::NotMet)) => "✗".into(),
            V::Mark(Some(Status::Missing)) => "?".into(),
            V::Mark(None) | V::Blank => String::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum TableKind {
    /// An annex group: its rule set and year; marks start at column `first_mark`.
    Annex {
        ruleset: String,
        year: i32,
        first_mark: usize,
        marks: usize,
    },
    Summary,
    Indicators,
    Findings,
    Plan,
    Department,
    Changes,
    Flips,
    Rollups,
    Stamp,
}

pub struct Table {
    pub kind: TableKind,
    /// Short name (a sheet name: at most 31 characters).
    pub name: String,
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<V>>,
}

/// Which way a failing indicator's value must move: up to a minimum (còn thiếu) or
/// down to a maximum (cần giảm, e.g. số nhà tạm).
pub fn gap_word(value: Option<&Value>, thresholds: &[Value]) -> Word {
    let v = value.and_then(Value::as_f64);
    let t = thresholds.iter().find_map(Value::as_f64);
    match (v, t) {
        (Some(v), Some(t)) if v > t => Word::Excess,
        _ => Word::Shortfall,
    }
}

/// A shortfall with its unit of measure and direction: "còn thiếu 2,5 %", "cần giảm 3 nhà".
pub fn gap_text(
    m: &dyn Catalog,
    shortfall: Option<f64>,
    value: Option<&Value>,
    thresholds: &[Value],
    unit: Option<&str>,
) -> String {
    match shortfall {
        None => String::new(),
        Some(s) => {
            let u = unit
                .filter(|u| !u.is_empty())
                .map(|u| format!(" {u}"))
                .unwrap_or_default();
            format!("{} {}{u}", m.word(gap_word(value, thresholds)), m.number(s))
        }
    }
}

/// "1. Quy hoạch": a criterion column's header.
pub fn criterion_header(id: &str, name: &str) -> String {
    format!("{id}. {name}")
}

fn sheet_name(base: &str, used: &mut Vec<String>) -> String {
    let clean: String = base
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .take(28)
        .collect();
    let mut name = clean.trim().to_string();
    let mut n = 2;
    while used.iter().any(|u| u.to_lowercase() == name.to_lowercase()) || name.is_empty() {
        name = format!("{} ({n})", clean.chars().take(24).collect::<String>());
        n += 1;
    }
    used.push(name.clone());
    name
}

/// The verdict (the unit's level, when its set grades them) with a scored set's points
/// and level.
pub fn verdict_text(m: &dyn Catalog, r: &UnitResult) -> String {
    let verdict = match &r.level {
        Some(l) => l.label.as_str(),
        None => m.verdict(r.verdict),
    };
    match r
        .scoring
        .as_ref()
        .and_then(|s| s.percent.map(|p| (p, s.level_label.clone())))
    {
        Some((p, l)) => format!(
            "{verdict} ({} {}, {})",
            m.number(p),
            m.word(Word::Points),
            l.unwrap_or_default()
        ),
        None => verdict.to_string(),
    }
}

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
            headers.extend(
                [
                    Word::Counted,
                    Word::ReportedTotal,
                    Word::Conclusion,
                    Word::Notes,
                ]
                .iter()
                .map(|w| m.word(*w).to_string()),
            );
            let rows = g
                .rows
                .iter()
                .map(|row| {
                    let r = row.result;
                    let mut cells = vec![V::Int(row.no as i64)];
                    cells.extend(unit_cells(r));
                    cells.extend(row.marks.iter().map(|s| V::Mark(*s)));
                    cells.push(V::Int(r.met as i64));
                    cells.push(r.reported_total.map(V::Int).unwrap_or(V::Blank));
                    cells.push(V::text(verdict_text(m, r)));
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

/// Biểu tổng hợp: criteria met per unit and the verdict, every group.
fn summary_table(report: &Report, m: &dyn Catalog, used: &mut Vec<String>) -> Table {
    let headers = [
        Word::Year,
        Word::RuleSet,
        Word::Kind,
        Word::UnitName,
        Word::Parent,
        Word::Counted,
        Word::CriteriaPlural,
        Word::Conclusion,
        Word::SourceLevel,
    ]
    .iter()
    .map(|w| capitalise(m.word(*w)))
    .collect();
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
                V::text(r.weakest_source.map(|l| m.source_level(l)).unwrap_or("")),
            ]);
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

pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
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
        .map(|t| m.value(&t.value))
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
            let thresholds: Vec<Value> = i.threshold.iter().map(|t| t.value.clone()).collect();
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

/// A target's progress towards what it requires, 0–1 (None when unknown).
pub fn progress(current: Option<f64>, baseline: Option<f64>, required: Option<f64>) -> Option<f64> {
    let (c, r) = (current?, required?);
    let b = baseline.unwrap_or(0.0).min(r);
    if r - b <= 1e-9 {
        return Some(if c >= r { 1.0 } else { 0.0 });
    }
    Some(((c - b) / (r - b)).clamp(0.0, 1.0))
}

fn plan_table(p: &PlanReport, m: &dyn Catalog, used: &mut Vec<String>) -> Table {
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

fn rollup_table(values: &[RollupValue], m: &dyn Catalog, used: &mut Vec<String>) -> Table {
    let headers = [Word::Content, Word::Year, Word::Value, Word::UnitsEvaluated]
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

fn diff_tables(
    d: &crate::analysis::project::DiffReport,
    m: &dyn Catalog,
    used: &mut Vec<String>,
) -> Vec<Table> {
    let s = &d.structure;
    let ids = |a: &Option<String>, b: &Option<String>| match (a, b) {
        (Some(a), Some(b)) if a != b => format!("{a} → {b}"),
        (Some(a), _) => a.clone(),
        (None, Some(b)) => b.clone(),
        (None, None) => String::new(),
    };
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
        out.push(Table {
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
        });
    }
    out
}

/// The stamp as a table: engine, every file read with its SHA-256, overrides.
fn stamp_table(b: &Bundle, m: &dyn Catalog, used: &mut Vec<String>) -> Option<Table> {
    let s = b.stamp?;
    let mut rows = vec![
        vec![V::text(m.word(Word::Engine)), V::text(&s.engine)],
        vec![V::text("SHA-256"), V::text(super::stamp::digest(s))],
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
        rows.push(vec![V::text(&f.path), V::text(&f.sha256)]);
    }
    Some(Table {
        kind: TableKind::Stamp,
        name: sheet_name(m.word(Word::SheetStamp), used),
        title: m.stamp(s, &super::stamp::digest(s)),
        headers: vec![m.word(Word::File).to_string(), "SHA-256".to_string()],
        rows,
    })
}

/// Every table of a bundle, in reading order.
pub fn tables(b: &Bundle, m: &dyn Catalog) -> Vec<Table> {
    let mut used = Vec::new();
    let mut out = Vec::new();
    if let Some(p) = b.plan {
        out.push(plan_table(p, m, &mut used));
    }
    if let Some(r) = b.report {
        out.extend(annex_tables(r, m, &mut used));
        out.push(summary_table(r, m, &mut used));
    }
    if !b.rollups.is_empty() {
        out.push(rollup_table(b.rollups, m, &mut used));
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
        out.extend(diff_tables(d, m, &mut used));
    }
    out.extend(stamp_table(b, m, &mut used));
    out
}

/// Status of a target, for colours.
pub fn target_ok(s: TargetStatus) -> Option<bool> {
    match s {
        TargetStatus::Achieved => Some(true),
        TargetStatus::AtRisk | TargetStatus::NotAchieved => Some(false),
        TargetStatus::NotYet | TargetStatus::Unknown => None,
    }
}

/// The annex of every group in one flat table (criteria of all sets as columns), for
/// a spreadsheet: year, rule set, unit, parent, marks, counts, verdict, notes.
pub fn flat_annex(report: &Report, m: &dyn Catalog) -> Table {
    let crit = all_criteria(report);
    let mut headers: Vec<String> = [Word::Year, Word::RuleSet, Word::UnitName, Word::Parent]
        .iter()
        .map(|w| capitalise(m.word(*w)))
        .collect();
    headers.extend(crit.iter().map(|c| format!("TC {c}")));
    headers.extend(
        [
            Word::Counted,
            Word::CriteriaPlural,
            Word::ReportedTotal,
            Word::Conclusion,
            Word::Notes,
        ]
        .iter()
        .map(|w| capitalise(m.word(*w))),
    );
    let rows = report
        .results
        .iter()
        .map(|r| {
            let mut row = vec![V::Int(r.year as i64), V::text(&r.ruleset)];
            row.extend(unit_cells(r));
            row.extend(
                crit.iter()
                    .map(|id| V::Mark(r.criteria.iter().find(|c| c.id == *id).map(|c| c.status))),
            );
            row.extend([
                V::Int(r.met as i64),
                V::Int(r.total as i64),
                r.reported_total.map(V::Int).unwrap_or(V::Blank),
                V::text(verdict_text(m, r)),
                V::text(notes(r, m).join("; ")),
            ]);
            row
        })
        .collect();
    Table {
        kind: TableKind::Summary,
        name: m.word(Word::SheetAnnex).to_string(),
        title: m.word(Word::AnnexTitle).to_string(),
        headers,
        rows,
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
