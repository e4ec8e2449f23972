//! One indicator (or recognition condition) for a unit and year: the inputs and
//! thresholds it reads, why it is missing, or its outcome, value, points and shortfall.

use super::exprs::{Exprs, Names, Ran, Want};
use crate::core::diag::Diagnostic;
use crate::core::problem::{ExprProblem, Owner, OwnerKind, ValueKind};
use crate::core::value::Value;
use crate::report::*;
use crate::rules::model::SourceLevel;
use crate::rules::{Expression, Indicator, RuleSet};
use rhai::Engine;

pub(super) use super::exprs::Params;

/// What every indicator of a unit and year is evaluated against.
pub(super) struct Frame<'a> {
    pub engine: &'a Engine,
    pub set: &'a RuleSet,
    pub params: &'a Params<'a>,
    pub year: i32,
    pub region: Option<&'a str>,
    /// Decide indicators without copying their metadata (see `Detail::Criteria`).
    pub lean: bool,
    /// Lean indicators keep their id (sweeps count passes by id); otherwise only an
    /// unverified one does, for the finding that names it.
    pub keep_ids: bool,
}

pub(super) fn evaluate_indicator(
    f: &Frame<'_>,
    x: &mut Exprs<'_>,
    ind: &Indicator,
    names: &Names<'_>,
) -> Result<IndicatorResult, Diagnostic> {
    let facts = ParamFacts::of(f, ind);
    let mut result = undecided(f, ind, names, &facts);
    // A threshold that does not apply needs no data.
    if facts.not_applicable {
        result.status = Outcome::NotApplicable;
        return Ok(result);
    }
    if let Some(reason) = missing_reason(f, ind, names, &facts) {
        result.reason = Some(reason);
        return Ok(result);
    }
    // Worded only if something goes wrong (formatting it for every indicator cost more
    // than some expressions).
    let what = || Owner {
        kind: OwnerKind::Indicator,
        id: ind.id.clone(),
        within: Some(f.set.id.clone()),
    };
    let decided = run(f, x, names, &ind.expr, Want::Bool, &what)?;
    let pass = decided.as_bool().map_err(|gives| {
        Diagnostic::error(
            ind.expr.span.clone(),
            ExprProblem::ExpressionType {
                owner: what(),
                want: ValueKind::YesNo,
                gives,
                score: false,
            },
        )
    })?;
    result.status = if pass { Outcome::Pass } else { Outcome::Fail };
    result.value = match &ind.value {
        Some(v) => run(f, x, names, v, Want::Any, &what)?.to_value(),
        None if ind.fields.len() == 1 => fields_of(ind)
            .next()
            .and_then(|(f, slot)| names.input_at(slot, f).cloned()),
        None => None,
    };
    if let (Some(p), Some(max)) = (result.points.as_mut(), ind.points) {
        let earned = earned_points(f, x, names, ind, pass, max, &what)?;
        p.earned = Some(earned);
        p.percent = Some(earned / max * 100.0);
    }
    if !pass && !f.lean {
        result.shortfall = shortfall(&result);
    }
    Ok(result)
}

/// The result before the expression runs: inputs and thresholds read, status missing.
fn undecided(
    f: &Frame<'_>,
    ind: &Indicator,
    names: &Names<'_>,
    facts: &ParamFacts,
) -> IndicatorResult {
    if f.lean {
        return lean(f, ind, facts);
    }
    let threshold = thresholds_used(f, ind);
    let unverified = threshold.iter().any(|t| !t.verified);
    let weakest_source = threshold.iter().map(|t| t.source_level).max();
    IndicatorResult {
        id: ind.id.clone(),
        name: ind.name.clone(),
        status: Outcome::Missing,
        value: None,
        threshold,
        shortfall: None,
        inputs: inputs_used(f.set, ind, names),
        unverified,
        department: ind.department.clone(),
        citation: ind.citation.clone(),
        expr: ind.expr.source.clone(),
        reason: None,
        weakest_source,
        points: ind.points.map(unearned),
    }
}

/// The points an indicator is worth, none earned yet.
fn unearned(max: f64) -> Score {
    Score {
        earned: None,
        max,
        percent: None,
        level: None,
        level_label: None,
        pending_source: None,
    }
}

/// What deciding needs of an undecided indicator, nothing to show: its id, how its
/// thresholds are sourced, its points.
fn lean(f: &Frame<'_>, ind: &Indicator, facts: &ParamFacts) -> IndicatorResult {
    let unverified = facts.unverified;
    IndicatorResult {
        // The indicators are dropped once the criteria are decided: an id nothing reads
        // is not copied (one allocation per indicator, unit and year).
        id: if f.keep_ids || unverified {
            ind.id.clone()
        } else {
            String::new()
        },
        name: String::new(),
        status: Outcome::Missing,
        value: None,
        threshold: Vec::new(),
        shortfall: None,
        inputs: Vec::new(),
        unverified,
        department: None,
        citation: crate::rules::Citation::default(),
        expr: String::new(),
        reason: None,
        weakest_source: facts.weakest,
        points: ind.points.map(unearned),
    }
}

/// What the thresholds an indicator reads say, each looked up once: whether one does
/// not apply, whether one has no value, and how well those with a value are sourced.
pub(super) struct ParamFacts {
    not_applicable: bool,
    unresolved: bool,
    /// A threshold with a value not read in its official text.
    unverified: bool,
    weakest: Option<SourceLevel>,
}

impl ParamFacts {
    fn of(f: &Frame<'_>, ind: &Indicator) -> Self {
        let mut facts = ParamFacts {
            not_applicable: false,
            unresolved: false,
            unverified: false,
            weakest: None,
        };
        for (p, slot) in params_of(ind) {
            match f.params.at(slot, p) {
                Some(v) => {
                    facts.not_applicable |= v.not_applicable;
                    facts.unverified |= v.source_level != SourceLevel::Official;
                    facts.weakest = facts.weakest.max(Some(v.source_level));
                }
                None => facts.unresolved = true,
            }
        }
        facts
    }
}

/// The fields an indicator reads, each with where the set has it (`rules::native::Slot`).
fn fields_of(ind: &Indicator) -> impl Iterator<Item = (&str, Option<u32>)> {
    placed(&ind.fields, &ind.field_slots)
}

/// The thresholds an indicator reads, each with where the set has it.
fn params_of(ind: &Indicator) -> impl Iterator<Item = (&str, Option<u32>)> {
    placed(&ind.params, &ind.param_slots)
}

/// Names with their places (none before the set is bound: looked up by name).
fn placed<'i>(
    names: &'i [String],
    slots: &'i [Option<u32>],
) -> impl Iterator<Item = (&'i str, Option<u32>)> {
    let slot = |i| slots.get(i).copied().flatten();
    names
        .iter()
        .enumerate()
        .map(move |(i, n)| (n.as_str(), slot(i)))
}

/// The fields, then the built-ins, an indicator reads, with their values.
fn inputs_used(set: &RuleSet, ind: &Indicator, names: &Names<'_>) -> Vec<InputUsed> {
    let mut inputs: Vec<InputUsed> = fields_of(ind)
        .map(|(f, slot)| {
            let field = &set.fields[f];
            InputUsed {
                field: f.to_string(),
                label: field.label.clone(),
                value: names.input_at(slot, f).cloned(),
                unit: field.unit.clone(),
            }
        })
        .collect();
    for b in &ind.builtins {
        let label = crate::rules::BUILTINS
            .iter()
            .find(|x| x.0 == b.as_str())
            .map(|x| x.2)
            .unwrap_or_default();
        inputs.push(InputUsed {
            field: b.clone(),
            label: label.to_string(),
            value: names.input(b.as_str()).cloned(),
            unit: None,
        });
    }
    inputs
}

/// The thresholds an indicator reads that have a value for the unit and year.
fn thresholds_used(f: &Frame<'_>, ind: &Indicator) -> Vec<ThresholdUsed> {
    params_of(ind)
        .filter_map(|(p, slot)| {
            let param = &f.set.parameters[p];
            f.params.at(slot, p).map(|v| ThresholdUsed {
                parameter: p.to_string(),
                label: param.label.clone(),
                value: v.value.clone(),
                not_applicable: v.not_applicable,
                unit: param.unit.clone(),
                verified: v.source_level == SourceLevel::Official,
                source_level: v.source_level,
                citation: v.citation.clone(),
                note: v.note.clone(),
            })
        })
        .collect()
}

/// Why the indicator cannot be decided: a value it reads is absent (or dropped for
/// being out of range), or a threshold has no value for the year and region.
fn missing_reason(
    f: &Frame<'_>,
    ind: &Indicator,
    names: &Names<'_>,
    facts: &ParamFacts,
) -> Option<MissingReason> {
    let lacks = || {
        let builtins = ind.builtins.iter().map(|b| (b.as_str(), None));
        fields_of(ind)
            .chain(builtins)
            .filter(|(n, slot)| names.input_at(*slot, n).is_none())
            .map(|(n, _)| n)
    };
    // Most indicators lack nothing: no list made for them.
    if lacks().next().is_some() {
        let missing: Vec<&str> = lacks().collect();
        return Some(MissingReason::NoValue {
            fields: missing.iter().map(|n| n.to_string()).collect(),
            out_of_range: missing
                .iter()
                .filter(|n| names.typed.out_of_range.contains(**n))
                .map(|n| n.to_string())
                .collect(),
        });
    }
    if !facts.unresolved {
        return None;
    }
    let unresolved: Vec<&str> = params_of(ind)
        .filter(|(p, slot)| f.params.at(*slot, p).is_none())
        .map(|(p, _)| p)
        .collect();
    if !unresolved.is_empty() {
        return Some(MissingReason::NoThreshold {
            parameters: unresolved.iter().map(|p| p.to_string()).collect(),
            year: f.year,
            region: f.region.map(str::to_string),
        });
    }
    None
}

/// Run an expression (natively when it can be); a run-time error is reported at its
/// place in the rule file.
fn run<'a>(
    f: &Frame<'_>,
    x: &mut Exprs<'_>,
    names: &'a Names<'a>,
    e: &'a Expression,
    want: Want,
    what: &dyn Fn() -> Owner,
) -> Result<Ran<'a>, Diagnostic> {
    x.run(f.engine, names, e, want).map_err(|err| {
        let span =
            crate::rules::expr::map_position(&f.set.source, &e.span, &e.source, err.position());
        crate::rules::expr::runtime_error(span, &err, &what())
    })
}

/// Points earned: the score expression's, within `[0, max]`, or all or nothing.
fn earned_points(
    f: &Frame<'_>,
    x: &mut Exprs<'_>,
    names: &Names<'_>,
    ind: &Indicator,
    pass: bool,
    max: f64,
    what: &dyn Fn() -> Owner,
) -> Result<f64, Diagnostic> {
    Ok(match &ind.score {
        Some(e) => {
            let v = run(f, x, names, e, Want::Number, what)?;
            let n = v.as_number().map_err(|gives| {
                Diagnostic::error(
                    e.span.clone(),
                    ExprProblem::ExpressionType {
                        owner: what(),
                        want: ValueKind::Number,
                        gives,
                        score: true,
                    },
                )
            })?;
            n.clamp(0.0, max)
        }
        None if pass => max,
        None => 0.0,
    })
}

/// How far a failed value is from its threshold, when there is one number of each.
fn shortfall(result: &IndicatorResult) -> Option<f64> {
    let numeric: Vec<f64> = result
        .threshold
        .iter()
        .filter_map(|t| t.value.as_ref().and_then(Value::as_f64))
        .collect();
    match (
        result.value.as_ref().and_then(Value::as_f64),
        numeric.as_slice(),
    ) {
        (Some(v), [t]) => Some((t - v).abs()),
        _ => None,
    }
}
