//! `ntm explain`: every criterion and indicator of a unit with the values, thresholds,
//! shortfall, citations and how well each threshold is sourced.

use super::{Catalog, Render, Word};
use crate::core::value::Value;
use crate::report::{
    CriterionResult, IndicatorResult, InputUsed, Outcome, RecognitionResult, UnitResult,
};
use crate::rules::model::SourceLevel;
use std::io::{self, Write};

pub struct Explain<'a>(pub &'a [&'a UnitResult]);

fn show(m: &dyn Catalog, v: &Value, unit: Option<&str>) -> String {
    match unit {
        Some(u) if !u.is_empty() => format!("{} {u}", m.value(v)),
        _ => m.value(v),
    }
}

/// The values an indicator or condition read, one line each.
fn inputs(m: &dyn Catalog, out: &mut dyn Write, inputs: &[InputUsed]) -> io::Result<()> {
    for inp in inputs {
        let v = inp
            .value
            .as_ref()
            .map(|v| show(m, v, inp.unit.as_deref()))
            .unwrap_or_else(|| m.word(Word::None).into());
        // A field's id is the column to fill in the data; a built-in value (e.g. whether
        // every criterion is met) is no column, so only its label is shown.
        if crate::rules::BUILTINS
            .iter()
            .any(|(id, _, _)| *id == inp.field)
        {
            writeln!(out, "      {}: {} = {v}", m.word(Word::Data), inp.label)?;
        } else {
            writeln!(
                out,
                "      {}: {} ({}) = {v}",
                m.word(Word::Data),
                inp.label,
                inp.field
            )?;
        }
    }
    Ok(())
}

fn unit_header(m: &dyn Catalog, r: &UnitResult, out: &mut dyn Write) -> io::Result<()> {
    let parent = r
        .unit
        .parent_name
        .as_deref()
        .map(|p| format!(", {} {p}", m.word(Word::Parent).to_lowercase()))
        .unwrap_or_default();
    writeln!(
        out,
        "{} {} ({}){} — {} {}",
        m.unit_kind(r.unit.kind),
        r.unit.name,
        r.unit.id,
        parent,
        m.word(Word::Year),
        r.year
    )?;
    if !r.parts.is_empty() {
        let parts: Vec<String> = r
            .parts
            .iter()
            .map(|p| format!("{} {} ({})", m.unit_kind(p.kind), p.name, p.id))
            .collect();
        writeln!(out, "{}: {}", m.word(Word::MadeOf), parts.join(", "))?;
    }
    writeln!(
        out,
        "{}: {} — {} ({})",
        m.word(Word::RuleSet),
        r.ruleset,
        r.ruleset_title,
        r.document
    )?;
    group_line(m, r, out)?;
    let reported = r
        .reported_total
        .map(|t| format!("; {}: {t}", m.word(Word::Reported)))
        .unwrap_or_default();
    writeln!(
        out,
        "{}: {} — {}{reported}",
        m.word(Word::Conclusion),
        m.verdict(r.verdict),
        m.criteria_met(r.met, r.total)
    )?;
    level_line(m, r, out)?;
    if let Some(v) = &r.published_verdict {
        writeln!(out, "{}: {v}", m.word(Word::PublishedConclusion))?;
    }
    if let Some(p) = &r.partial {
        writeln!(out, "! {}", m.partial_count(p))?;
    }
    if r.count_only {
        writeln!(out, "! {}", m.word(Word::CountOnly))?;
    }
    if let Some(level) = r.weakest_source.filter(|l| *l != SourceLevel::Official) {
        writeln!(out, "{}", m.weakest_note(level))?;
    }
    score_line(m, r, out)?;
    Ok(())
}

/// The commune group applied (the unit's, or derived with its rule's source level), or
/// that it is unknown, for a set with groups.
fn group_line(m: &dyn Catalog, r: &UnitResult, out: &mut dyn Write) -> io::Result<()> {
    use crate::report::FindingDetail as F;
    let derived = r.findings.iter().find_map(|f| match &f.detail {
        F::GroupDerived { source_level, .. } => Some(*source_level),
        _ => None,
    });
    let unknown = r
        .findings
        .iter()
        .any(|f| matches!(f.detail, F::NoGroup { .. }));
    if r.group.is_some() || unknown {
        writeln!(out, "{}", m.group_line(r.group.as_deref(), derived))?;
    }
    Ok(())
}

/// The unit's level, with its criteria per level by label, best first (ids are the rule
/// file's).
fn level_line(m: &dyn Catalog, r: &UnitResult, out: &mut dyn Write) -> io::Result<()> {
    if let Some(l) = &r.level {
        let label = |id: &str| {
            (r.levels.iter().find(|l| l.id == id))
                .map(|l| l.label.clone())
                .unwrap_or_else(|| id.to_string())
        };
        let mut counts: Vec<(usize, String)> = r
            .counts
            .iter()
            .map(|(k, n)| {
                let rank = r
                    .levels
                    .iter()
                    .position(|l| l.id == *k)
                    .unwrap_or(usize::MAX);
                (rank, format!("{}: {n}", label(k)))
            })
            .collect();
        counts.sort();
        let counts: Vec<String> = counts.into_iter().map(|(_, c)| c).collect();
        writeln!(
            out,
            "{}: {} ({})",
            m.word(Word::Level),
            l.label,
            counts.join(", ")
        )?;
    }
    Ok(())
}

/// A scored set's points and level, or why there are none.
fn score_line(m: &dyn Catalog, r: &UnitResult, out: &mut dyn Write) -> io::Result<()> {
    if let Some(sc) = &r.scoring {
        match (&sc.pending_source, sc.percent) {
            (Some(p), _) => writeln!(out, "{}: — ({p})", m.word(Word::Points))?,
            (None, Some(pct)) => writeln!(
                out,
                "{}: {}/{} ({} %) — {}",
                m.word(Word::Points),
                m.number(sc.earned.unwrap_or_default()),
                m.number(sc.max),
                m.number(pct),
                sc.level_label.as_deref().unwrap_or("-")
            )?,
            (None, None) => writeln!(out, "{}: ? / {}", m.word(Word::Points), m.number(sc.max))?,
        }
    }
    Ok(())
}

/// The first lines: what fails, what lacks data, and the failing indicators nearest to
/// their thresholds, with units of measure; the details follow.
fn in_short(m: &dyn Catalog, r: &UnitResult, out: &mut dyn Write) -> io::Result<()> {
    use crate::report::Status;
    let ids = |st: Status| -> Vec<String> {
        r.criteria
            .iter()
            .filter(|c| c.status == st)
            .map(|c| c.id.clone())
            .collect()
    };
    let lists = [
        (Word::FailingCriteria, ids(Status::NotMet)),
        (Word::MissingCriteria, ids(Status::Missing)),
        (Word::NotApplicableCriteria, ids(Status::NotApplicable)),
    ];
    if lists.iter().all(|(_, l)| l.is_empty()) {
        return Ok(());
    }
    writeln!(out, "{}:", m.word(Word::InShort))?;
    for (word, list) in lists.iter().filter(|(_, l)| !l.is_empty()) {
        writeln!(out, "  {}: {}", m.word(*word), list.join(", "))?;
    }
    // Failing indicators by how far they are from their threshold, relatively.
    let mut gaps: Vec<(f64, String)> = r
        .criteria
        .iter()
        .flat_map(|c| &c.indicators)
        .filter(|i| i.status == Outcome::Fail)
        .filter_map(|i| {
            let s = i.shortfall?;
            let thresholds: Vec<Value> =
                i.threshold.iter().filter_map(|t| t.value.clone()).collect();
            let t = thresholds.iter().find_map(Value::as_f64).unwrap_or(1.0);
            let unit = i.threshold.iter().find_map(|t| t.unit.as_deref());
            let gap = super::view::gap_text(m, Some(s), i.value.as_ref(), &thresholds, unit);
            Some((
                s / t.abs().max(1e-9),
                format!("{} {} — {gap}", i.id, i.name),
            ))
        })
        .collect();
    gaps.sort_by(|a, b| a.0.total_cmp(&b.0));
    if !gaps.is_empty() {
        writeln!(out, "  {}:", m.word(Word::NearestGaps))?;
        for (_, g) in gaps.iter().take(3) {
            writeln!(out, "    {g}")?;
        }
    }
    Ok(())
}

impl Render for Explain<'_> {
    fn render(&self, m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        for r in self.0 {
            unit_header(m, r, out)?;
            in_short(m, r, out)?;
            writeln!(out)?;
            // A note shared by several pending criteria is said once, the first time.
            let mut said: Vec<&str> = Vec::new();
            for c in &r.criteria {
                criterion(m, c, &mut said, out)?;
                for i in &c.indicators {
                    indicator(m, c, i, out)?;
                }
            }
            if let Some(rec) = &r.recognition {
                recognition(m, rec, out)?;
            }
            if !r.findings.is_empty() {
                writeln!(out, "\n{}:", m.word(Word::Findings))?;
                for f in &r.findings {
                    let at = f
                        .location
                        .as_deref()
                        .map(|l| format!(" ({l})"))
                        .unwrap_or_default();
                    writeln!(out, "  - {}{at}", m.finding(f))?;
                }
            }
            writeln!(out)?;
        }
        Ok(())
    }
}

/// A criterion's heading: status and basis, department, citation, pending source.
fn criterion<'a>(
    m: &dyn Catalog,
    c: &'a CriterionResult,
    said: &mut Vec<&'a str>,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(
        out,
        "{} {}. {} — {} ({})",
        m.word(Word::Criterion),
        c.id,
        c.name,
        m.status(c.status),
        m.basis(c.basis)
    )?;
    if let Some(d) = &c.department {
        writeln!(out, "    {}: {d}", m.word(Word::Department))?;
    }
    if let Some(ci) = &c.citation {
        writeln!(out, "    {}: {ci}", m.word(Word::Basis))?;
    }
    if let Some(p) = &c.pending_source {
        if said.contains(&&**p) {
            writeln!(out, "    {}: ↑", m.word(Word::PendingSource))?;
        } else {
            writeln!(out, "    {}: {p}", m.word(Word::PendingSource))?;
            said.push(p);
        }
    }
    if let (Some(dc), Some(cc)) = (c.declared, c.computed) {
        if dc != cc {
            writeln!(out, "    ! {}", m.declared_vs_computed(dc, cc))?;
        }
    }
    Ok(())
}

/// One indicator: what it read, its thresholds, points, gap, why it is missing, its rule.
fn indicator(
    m: &dyn Catalog,
    c: &CriterionResult,
    i: &IndicatorResult,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "  {} {} — {}", i.id, i.name, m.outcome(i.status))?;
    if i.department.is_some() && i.department.as_deref() != c.department.as_deref() {
        writeln!(
            out,
            "      {}: {}",
            m.word(Word::Department).to_lowercase(),
            i.department.as_deref().unwrap_or_default()
        )?;
    }
    inputs(m, out, &i.inputs)?;
    if let (Some(v), false) = (&i.value, i.inputs.len() == 1) {
        writeln!(
            out,
            "      {}: {}",
            m.word(Word::Value).to_lowercase(),
            m.value(v)
        )?;
    }
    for t in &i.threshold {
        writeln!(
            out,
            "      {}: {} ({}) = {} [{}; {}]",
            m.word(Word::Threshold).to_lowercase(),
            t.label,
            t.parameter,
            threshold_shown(m, t),
            m.source_level(t.source_level),
            t.citation
        )?;
    }
    if let Some(p) = &i.points {
        let earned = p.earned.map(|e| m.number(e)).unwrap_or_else(|| "?".into());
        writeln!(
            out,
            "      {}: {earned}/{}",
            m.word(Word::Points),
            m.number(p.max)
        )?;
    }
    if let Some(s) = i.shortfall {
        let thresholds: Vec<Value> = i.threshold.iter().filter_map(|t| t.value.clone()).collect();
        let unit = i.threshold.iter().find_map(|t| t.unit.as_deref());
        writeln!(
            out,
            "      {}: {}",
            m.word(super::view::gap_word(i.value.as_ref(), &thresholds)),
            show(m, &Value::Number(s), unit)
        )?;
    }
    if let (Outcome::Missing, Some(reason)) = (i.status, &i.reason) {
        writeln!(
            out,
            "      {}: {}",
            m.word(Word::Missing),
            m.missing_reason(reason)
        )?;
    }
    writeln!(
        out,
        "      {}: {}",
        m.word(Word::Rule),
        i.expr.split_whitespace().collect::<Vec<_>>().join(" ")
    )?;
    // The criterion's own basis is not repeated for each indicator.
    let same = c
        .citation
        .as_ref()
        .is_some_and(|ci| ci.to_string() == i.citation.to_string());
    if !same {
        writeln!(out, "      {}: {}", m.word(Word::Citation), i.citation)?;
    }
    Ok(())
}

/// Recognition conditions, each by its words (its id is the rule file's).
fn recognition(m: &dyn Catalog, rec: &RecognitionResult, out: &mut dyn Write) -> io::Result<()> {
    // A decision resting on conditions not read in the decision's text says so.
    let source = rec
        .weakest_source
        .filter(|l| *l != SourceLevel::Official)
        .map(|l| format!(" ({})", m.source_level(l)))
        .unwrap_or_default();
    writeln!(
        out,
        "\n{} — {} ({}): {}{source}",
        m.word(Word::Recognition),
        rec.title,
        rec.citation,
        m.recognisable(rec.status)
    )?;
    for c in &rec.conditions {
        writeln!(out, "  - {} — {}", c.name, m.outcome(c.status))?;
        inputs(m, out, &c.inputs)?;
        if let (Outcome::Missing, Some(reason)) = (c.status, &c.reason) {
            writeln!(
                out,
                "      {}: {}",
                m.word(Word::Missing),
                m.missing_reason(reason)
            )?;
        }
        writeln!(out, "      {}: {}", m.word(Word::Citation), c.citation)?;
    }
    Ok(())
}

/// A threshold's value with its unit, or the words for an entry that does not apply.
fn threshold_shown(m: &dyn Catalog, t: &crate::report::ThresholdUsed) -> String {
    match &t.value {
        Some(v) if !t.not_applicable => show(m, v, t.unit.as_deref()),
        _ => super::view::threshold_text(m, t),
    }
}
