//! The annex: results laid out as the plans' annex tables (one row per unit, one column
//! per criterion, the count, the reported total, the verdict, notes). The one model every
//! annex output reads: the text table, CSV (plain and for Excel), XLSX, HTML and
//! Markdown; a criterion's cell is always one of the five [`Mark`]s.

use super::{Catalog, Word};
use crate::report::{FindingKind, GradedLevel, Recognisable, Report, Status, UnitResult, Verdict};

/// A criterion's cell: the five states an annex tells apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Met,
    NotMet,
    /// The set has the criterion, the data do not decide it.
    NoData,
    /// The unit's set has no such criterion (a column of another set).
    NotInSet,
    /// The set has the criterion; none of its thresholds applies to the unit's group.
    NotApplicable,
}

impl Mark {
    pub fn of(status: Option<Status>) -> Mark {
        match status {
            Some(Status::Met) => Mark::Met,
            Some(Status::NotMet) => Mark::NotMet,
            Some(Status::Missing) => Mark::NoData,
            Some(Status::NotApplicable) => Mark::NotApplicable,
            None => Mark::NotInSet,
        }
    }
    /// The code in CSV (both dialects) and XLSX: `1`, `0`, `?`, `-`, `na` (docs/json-schema.md).
    pub fn code(self) -> &'static str {
        match self {
            Mark::Met => "1",
            Mark::NotMet => "0",
            Mark::NoData => "?",
            Mark::NotInSet => "-",
            Mark::NotApplicable => "na",
        }
    }
    /// The symbol in tables for reading: ✓ ✗ ?, a dash, ○ (không áp dụng).
    pub fn symbol(self) -> &'static str {
        match self {
            Mark::Met => "✓",
            Mark::NotMet => "✗",
            Mark::NoData => "?",
            Mark::NotInSet => "—",
            Mark::NotApplicable => "○",
        }
    }
    /// The criterion status it shows, when the set has the criterion.
    pub fn status(self) -> Option<Status> {
        match self {
            Mark::Met => Some(Status::Met),
            Mark::NotMet => Some(Status::NotMet),
            Mark::NoData => Some(Status::Missing),
            Mark::NotApplicable => Some(Status::NotApplicable),
            Mark::NotInSet => None,
        }
    }
}

/// One unit's row: its result, a mark (and level) per criterion of its set, short notes.
pub struct AnnexRow<'a> {
    pub result: &'a UnitResult,
    /// Each criterion of the result's set, in its order.
    pub marks: Vec<(&'a str, Mark, Option<&'a GradedLevel>)>,
    /// Short notes: findings, recognition, merged parts.
    pub notes: Vec<String>,
}

impl<'a> AnnexRow<'a> {
    pub fn of(r: &'a UnitResult, m: &dyn Catalog) -> Self {
        AnnexRow {
            result: r,
            marks: r
                .criteria
                .iter()
                .map(|c| (c.id.as_str(), Mark::of(Some(c.status)), c.level.as_ref()))
                .collect(),
            notes: notes(r, m),
        }
    }
    /// The mark in a criterion's column (the first criterion of that id decides).
    pub fn mark(&self, id: &str) -> Mark {
        self.cell(id).map(|c| c.0).unwrap_or(Mark::NotInSet)
    }
    /// The mark and level in a criterion's column.
    pub fn cell(&self, id: &str) -> Option<(Mark, Option<&'a GradedLevel>)> {
        self.marks
            .iter()
            .find(|(c, _, _)| *c == id)
            .map(|(_, m, l)| (*m, *l))
    }
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
    /// Some criterion of some row does not apply to its unit.
    pub fn has_not_applicable(&self) -> bool {
        self.rows
            .iter()
            .any(|r| r.marks.iter().any(|m| m.1 == Mark::NotApplicable))
    }
    /// Some row has a published verdict: the annex shows it beside the computed one.
    pub fn shows_published(&self) -> bool {
        self.rows
            .iter()
            .any(|r| r.result.published_verdict.is_some())
    }

    /// The headers of the last columns: the count, the reported total (`count`,
    /// `reported`: each medium's words), the verdict, the published verdict when a row has
    /// one, the notes.
    pub fn tail_headers(&self, m: &dyn Catalog, count: Word, reported: Word) -> Vec<String> {
        let mut words = vec![count, reported, Word::Conclusion];
        if self.shows_published() {
            words.push(Word::PublishedConclusion);
        }
        words.push(Word::Notes);
        words.iter().map(|w| m.word(*w).to_string()).collect()
    }

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
        groups[i].rows.push(AnnexRow::of(r, m));
    }
    groups
}

fn notes(r: &UnitResult, m: &dyn Catalog) -> Vec<String> {
    let mut notes: Vec<String> = Vec::new();
    if let Some(p) = &r.partial {
        notes.push(m.partial_count(p));
    }
    if r.count_only {
        notes.push(m.word(Word::CountOnly).to_string());
    }
    if !r.parts.is_empty() {
        let names: Vec<&str> = r.parts.iter().map(|p| p.name.as_str()).collect();
        notes.push(format!("{} {}", m.word(Word::MadeOf), names.join(", ")));
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

/// "1. Quy hoạch": a criterion column's header.
pub fn criterion_header(id: &str, name: &str) -> String {
    format!("{id}. {name}")
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
