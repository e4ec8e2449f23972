//! `ntm diff` as text for policy staff: structural changes, then flipped verdicts.

use super::{Catalog, Render, Word};
use crate::analysis::diff::{ChangeDetail, ChangeKind, DataDiff, SetRef, Structure};
use crate::report::{AnyStatus, DataSource};
use crate::rules::model::SourceLevel;
use std::io::{self, Write};

pub struct DiffText<'a> {
    pub structure: &'a Structure,
    pub data: Option<&'a DataDiff>,
    pub sources: &'a [DataSource],
}

fn any_status(m: &dyn Catalog, s: Option<AnyStatus>) -> &'static str {
    match s {
        Some(AnyStatus::Indicator(o)) => m.outcome(o),
        Some(AnyStatus::Criterion(s)) => m.status(s),
        None => "—",
    }
}

fn ids(from: &Option<String>, to: &Option<String>) -> String {
    match (from, to) {
        (Some(a), Some(b)) if a != b => format!("{a} → {b}"),
        (Some(a), _) => a.clone(),
        (None, Some(b)) => b.clone(),
        (None, None) => String::new(),
    }
}

/// The days a set is in force: `from – until`, or its first day and that an amendment
/// replaces it from then (never a last day before the first).
fn validity(
    m: &dyn Catalog,
    from: crate::core::date::Date,
    until: Option<crate::core::date::Date>,
) -> String {
    match until {
        Some(u) if u < from => format!("{from}, {}", m.word(Word::ReplacedFromStart)),
        Some(u) => format!("{from} – {u}"),
        None => format!("{from} – …"),
    }
}

fn side(m: &dyn Catalog, r: &SetRef) -> String {
    format!(
        "{} ({}, {}; {})",
        r.id,
        r.document,
        validity(m, r.valid_from, r.valid_until),
        m.set_size(r.criteria, r.indicators)
    )
}

/// Sets applied outside their years, then every change of verdict and of criterion
/// status with its count (to and from missing data included).
fn transitions(m: &dyn Catalog, d: &DataDiff, out: &mut dyn Write) -> io::Result<()> {
    for p in &d.projected {
        let v = validity(m, p.valid_from, p.valid_until);
        writeln!(out, "{}", m.projected_note(&p.set, &v, &p.years))?;
    }
    if !d.summary.verdicts.is_empty() {
        writeln!(out, "{}:", m.word(Word::VerdictChanges))?;
        for t in &d.summary.verdicts {
            let (a, b) = (m.verdict(t.from), m.verdict(t.to));
            writeln!(out, "  {a} → {b}: {}", t.count)?;
        }
    }
    if !d.summary.criteria.is_empty() {
        writeln!(out, "{}:", m.word(Word::CriterionChanges))?;
        for t in &d.summary.criteria {
            let (a, b) = (m.status(t.from), m.status(t.to));
            writeln!(out, "  {a} → {b}: {}", t.count)?;
        }
    }
    Ok(())
}

impl Render for DiffText<'_> {
    fn render(&self, m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        structure(m, self.structure, out)?;
        let Some(d) = self.data else {
            return Ok(());
        };
        writeln!(out)?;
        for p in self.sources {
            writeln!(out, "{}: {}", m.word(Word::Dataset), m.data_source(p))?;
        }
        writeln!(out, "\n{}", m.diff_summary(&d.summary))?;
        transitions(m, d, out)?;
        let same = |u: &&crate::analysis::diff::UnitDiff| {
            u.flips.is_empty() && u.from.met == u.to.met && u.from.verdict == u.to.verdict
        };
        let unchanged = d.units.iter().filter(same).count();
        if unchanged > 0 {
            writeln!(out, "{}", m.unchanged_units(unchanged))?;
        }
        for u in d.units.iter().filter(|u| !same(u)) {
            unit_diff(m, u, out)?;
        }
        Ok(())
    }
}

/// The two sets compared and what changed in their structure.
fn structure(
    m: &dyn Catalog,
    s: &crate::analysis::diff::Structure,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(
        out,
        "{}: {}\n     → {}",
        m.word(Word::Compare),
        side(m, &s.from),
        side(m, &s.to)
    )?;
    writeln!(out, "{}", m.diff_pairing(s.paired_by_declaration))?;
    writeln!(out, "\n{}", m.structural_changes(s.changes.len()))?;
    for c in &s.changes {
        writeln!(
            out,
            "  {} {}: {} — {}",
            m.item(c.item),
            ids(&c.from, &c.to),
            m.change_kind(c.kind),
            m.change_detail(&c.detail)
        )?;
    }
    let weak = s.changes.iter().any(|c| match &c.detail {
        ChangeDetail::Thresholds { from, to } => from
            .iter()
            .chain(to)
            .flat_map(|p| &p.values)
            .any(|v| v.source_level != SourceLevel::Official),
        _ => false,
    });
    if weak
        && s.changes
            .iter()
            .any(|c| c.kind == ChangeKind::ThresholdChanged)
    {
        writeln!(out, "  {}", m.weak_threshold_note())?;
    }
    Ok(())
}

/// One unit whose result changed: its counts and verdicts, then each flip with its
/// causes.
fn unit_diff(
    m: &dyn Catalog,
    u: &crate::analysis::diff::UnitDiff,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(
        out,
        "\n{} {} ({}), {} {}: {}/{} → {}/{} {}; {} → {}",
        m.unit_kind(u.unit.kind),
        u.unit.name,
        u.unit.id,
        m.word(Word::Year),
        u.year,
        u.from.met,
        u.from.total,
        u.to.met,
        u.to.total,
        m.word(Word::CriteriaPlural),
        m.verdict(u.from.verdict),
        m.verdict(u.to.verdict)
    )?;
    for f in &u.flips {
        writeln!(
            out,
            "  {} {} {}: {} → {} — {}",
            m.item(f.item),
            ids(&f.from_id, &f.to_id),
            f.name,
            any_status(m, f.from_status),
            any_status(m, f.to_status),
            f.causes
                .iter()
                .map(|c| m.cause(c))
                .collect::<Vec<_>>()
                .join("; ")
        )?;
    }
    Ok(())
}
