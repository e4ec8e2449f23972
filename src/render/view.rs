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
                        .map(|c| (c.id.as_str(), c.name.as_str()))
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
        g.rows.push(AnnexRow {
            no: g.rows.len() + 1,
            result: r,
            marks,
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
