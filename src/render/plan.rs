//! `ntm plan` as text: each target with baseline, current, required, gap and status,
//! the per-unit breakdown, district roll-ups, and department work lists.

use super::{num, text_table, Catalog, Render, Word};
use crate::analysis::plan::{DepartmentList, PlanReport, TargetResult, TargetStatus};
use crate::engine::rollup::RollupValue;
use crate::report::DataSource;
use std::io::{self, Write};

pub struct PlanText<'a>(pub &'a PlanReport);

impl Render for PlanText<'_> {
    fn render(&self, m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        let r = self.0;
        let p = &r.plan;
        writeln!(
            out,
            "{} ({}, {})\n{} {} → {} {}; {} {}",
            p.title,
            p.document.number,
            p.document.issuer,
            m.word(Word::Baseline),
            p.baseline_year,
            m.word(Word::TargetYear),
            p.target_year,
            m.word(Word::AsOf),
            p.as_of
        )?;
        writeln!(
            out,
            "{}",
            m.plan_data_years(p.baseline_year, p.current_year)
        )?;
        if let Some(c) = &p.set_change {
            writeln!(out, "{}", set_change(m, c))?;
        }
        sources(m, out, &r.provenance)?;
        writeln!(out, "{}", targets_table(m, r))?;
        for x in &r.targets {
            target_units(m, x, out)?;
        }
        if !r.rollups.is_empty() {
            writeln!(out)?;
            Rollups(&r.rollups).render(m, out)?;
        }
        for n in &r.notices {
            writeln!(out, "{}", super::notice_line(m, n))?;
        }
        Ok(())
    }
}

/// A target's units: baseline, current, required value, gap and status of each.
fn target_units(m: &dyn Catalog, x: &TargetResult, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "\n{} — {} [{}; {}]",
        x.id,
        x.name,
        x.section.as_deref().unwrap_or("-"),
        m.stage(x.stage)
    )?;
    let mut t = text_table();
    t.set_header(
        [
            Word::Unit,
            Word::Baseline,
            Word::Current,
            Word::Required,
            Word::Gap,
            Word::Status,
        ]
        .iter()
        .map(|w| m.word(*w)),
    );
    for u in &x.units {
        t.add_row(vec![
            u.unit.name.clone(),
            num(m, u.baseline),
            num(m, u.current),
            num(m, u.required),
            num(m, u.gap),
            u.status
                .map(|s| m.target_status(s).to_string())
                .unwrap_or_else(|| "—".into()),
        ]);
    }
    writeln!(out, "{t}")?;
    if let Some(n) = &x.notes {
        writeln!(out, "{}: {}", m.word(Word::Notes), n.trim())?;
    }
    Ok(())
}

/// Every target of a plan in one table.
fn targets_table(m: &dyn Catalog, r: &PlanReport) -> comfy_table::Table {
    let mut t = text_table();
    t.set_header(
        [
            Word::Target,
            Word::Content,
            Word::Baseline,
            Word::Current,
            Word::Required,
            Word::Gap,
            Word::Status,
        ]
        .iter()
        .map(|w| m.word(*w)),
    );
    for x in &r.targets {
        let per_unit = x.required.is_none();
        let (b, c, q) = if per_unit {
            let ok = x
                .units
                .iter()
                .filter(|u| u.status == Some(TargetStatus::Achieved))
                .count();
            (
                "—".to_string(),
                format!("{ok}/{} {}", x.units.len(), m.word(Word::UnitsMet)),
                m.word(Word::PerUnit).to_string(),
            )
        } else {
            (num(m, x.baseline), num(m, x.current), num(m, x.required))
        };
        t.add_row(vec![
            x.id.clone(),
            x.name.clone(),
            b,
            c,
            q,
            num(m, x.gap),
            m.target_status(x.status).to_string(),
        ]);
    }
    t
}

/// The sets that changed between two years, as a note.
pub fn set_change(m: &dyn Catalog, c: &crate::analysis::plan::SetChange) -> String {
    m.plan_set_change(
        c.baseline_year,
        &c.baseline.join(", "),
        c.current_year,
        &c.current.join(", "),
    )
}

fn sources(m: &dyn Catalog, out: &mut dyn Write, s: &[DataSource]) -> io::Result<()> {
    for d in s {
        writeln!(out, "{}: {}", m.word(Word::Dataset), m.data_source(d))?;
    }
    Ok(())
}

/// District aggregates, one line each (buckets on one line).
pub struct Rollups<'a>(pub &'a [RollupValue]);

impl Render for Rollups<'_> {
    fn render(&self, m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{}:", m.word(Word::Aggregates))?;
        for v in self.0 {
            if v.buckets.is_empty() {
                writeln!(
                    out,
                    "  {} {} {}: {} ({})",
                    v.label,
                    m.word(Word::Year),
                    v.year,
                    num(m, v.value),
                    m.rollup_note(v)
                )?;
            } else {
                let parts: Vec<String> =
                    v.buckets.iter().map(|(l, n)| format!("{l}: {n}")).collect();
                writeln!(
                    out,
                    "  {} {} {}: {} ({})",
                    v.label,
                    m.word(Word::Year),
                    v.year,
                    parts.join("; "),
                    m.rollup_note(v)
                )?;
            }
        }
        Ok(())
    }
}

/// District aggregates with the dataset's provenance first.
pub struct RollupText<'a> {
    pub values: &'a [RollupValue],
    pub sources: &'a [DataSource],
    /// Where the sets changed between successive years of the aggregates.
    pub set_changes: &'a [crate::analysis::plan::SetChange],
}

impl Render for RollupText<'_> {
    fn render(&self, m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        sources(m, out, self.sources)?;
        Rollups(self.values).render(m, out)?;
        for c in self.set_changes {
            writeln!(out, "{}", set_change(m, c))?;
        }
        Ok(())
    }
}

pub struct Departments<'a> {
    pub lists: &'a [DepartmentList],
    pub year: i32,
    pub sources: &'a [DataSource],
}

impl Render for Departments<'_> {
    fn render(&self, m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        writeln!(
            out,
            "{} — {} {}",
            m.word(Word::Department),
            m.word(Word::Year),
            self.year
        )?;
        sources(m, out, self.sources)?;
        for l in self.lists {
            write!(
                out,
                "\n{} — {}",
                l.department.as_deref().unwrap_or(m.word(Word::Unassigned)),
                l.items.len()
            )?;
            if l.missing_data > 0 {
                write!(out, "; {} {}", l.missing_data, m.word(Word::ToCollect))?;
            }
            writeln!(out)?;
            if l.items.is_empty() {
                continue;
            }
            let mut t = text_table();
            t.set_header(vec![
                m.word(Word::Unit).to_string(),
                m.word(Word::Criterion).to_string(),
                m.word(Word::Indicator).to_string(),
                m.word(Word::Value).to_string(),
                m.word(Word::Threshold).to_string(),
                m.word(Word::SourceLevel).to_string(),
                m.word(Word::GapToThreshold).to_string(),
            ]);
            for w in &l.items {
                let unit = |v: String| match &w.unit_of_measure {
                    Some(u) if !u.is_empty() => format!("{v} {u}"),
                    _ => v,
                };
                t.add_row(vec![
                    format!("{} {}", m.unit_kind(w.unit.kind), w.unit.name),
                    format!("{} {}", w.criterion, w.criterion_name),
                    w.indicator
                        .clone()
                        .map(|i| format!("{i} {}", w.name))
                        .unwrap_or_else(|| m.word(Word::DeclaredNotMet).into()),
                    w.value
                        .as_ref()
                        .map(|v| unit(m.value(v)))
                        .unwrap_or_default(),
                    w.threshold
                        .iter()
                        .map(|v| m.value(v))
                        .collect::<Vec<_>>()
                        .join("; "),
                    w.source_level
                        .map(|l| m.source_level(l).to_string())
                        .unwrap_or_default(),
                    match w.shortfall {
                        Some(_) => super::view::gap_text(
                            m,
                            w.shortfall,
                            w.value.as_ref(),
                            &w.threshold,
                            w.unit_of_measure.as_deref(),
                        ),
                        None => "—".into(),
                    },
                ]);
            }
            writeln!(out, "{t}")?;
        }
        Ok(())
    }
}
