//! What-if runs: `--set PARAM=VALUE` replaces a threshold for one run, and a sweep
//! evaluates over a range of values to show where counts change.

use crate::core::diag::Diagnostic;
use crate::core::number::{parse_number, NumberFormat};
use crate::core::problem::RunProblem;
use crate::core::value::Value;
use crate::engine::library::RuleLibrary;
use crate::engine::scenario::{usage, Override, Scenario};
use crate::report::{Outcome, Report, Status, Verdict};
use serde::Serialize;

/// `PARAM=FROM..TO:STEP`.
pub fn parse_sweep(s: &str) -> Result<(String, Vec<f64>), Diagnostic> {
    let bad = || {
        usage(RunProblem::SweepForm {
            text: s.to_string(),
        })
    };
    let (param, range) = s.split_once('=').ok_or_else(bad)?;
    let (span, step) = range.split_once(':').ok_or_else(bad)?;
    let (from, to) = span.split_once("..").ok_or_else(bad)?;
    let num = |t: &str| {
        parse_number(t, NumberFormat::Auto)
            .map(|n| n.value)
            .map_err(|_| bad())
    };
    let (from, to, step) = (num(from)?, num(to)?, num(step)?);
    // NaN steps are refused too: `step > 0.0` is false for them.
    if step.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) || to < from {
        return Err(usage(RunProblem::SweepRange {
            text: s.to_string(),
        }));
    }
    // Counted in floating point first: a tiny step over a huge range must not
    // saturate (or overflow) an integer.
    let steps = ((to - from) / step + 1e-9).floor();
    if !(steps.is_finite() && steps < crate::core::limits::MAX_SWEEP_STEPS as f64) {
        return Err(usage(RunProblem::SweepSteps {
            text: s.to_string(),
            limit: crate::core::limits::MAX_SWEEP_STEPS,
        }));
    }
    let n = steps as usize;
    // Computed from the index, not by repeated addition, so 0.1 steps stay exact enough.
    let values = (0..=n)
        .map(|i| ((from + step * i as f64) * 1e9).round() / 1e9)
        .collect();
    Ok((param.trim().to_string(), values))
}

#[derive(Clone, Debug, Serialize)]
pub struct SweepRow {
    pub value: f64,
    /// Per indicator reading the parameter: units passing.
    pub indicators: Vec<(String, usize)>,
    /// Per criterion holding such an indicator: units meeting it.
    pub criteria: Vec<(String, usize)>,
    /// Units đạt chuẩn under the rule set(s) that have the parameter.
    pub units_met: usize,
    pub units: usize,
}

/// Count, in one report, the outcomes that depend on the parameter.
pub fn count(report: &Report, lib: &RuleLibrary, param: &str, value: f64) -> SweepRow {
    let sets: Vec<&str> = lib
        .sets
        .iter()
        .filter(|s| s.parameters.contains_key(param))
        .map(|s| s.id.as_str())
        .collect();
    let mut indicators: Vec<(String, usize)> = Vec::new();
    let mut criteria: Vec<(String, usize)> = Vec::new();
    for s in lib.sets.iter().filter(|s| sets.contains(&s.id.as_str())) {
        for c in &s.criteria {
            let mut uses = false;
            for i in c
                .indicators
                .iter()
                .filter(|i| i.params.iter().any(|p| p == param))
            {
                uses = true;
                indicators.push((i.id.clone(), 0));
            }
            if uses {
                criteria.push((c.id.clone(), 0));
            }
        }
    }
    let mut units = 0;
    let mut units_met = 0;
    for r in report
        .results
        .iter()
        .filter(|r| sets.contains(&r.ruleset.as_str()))
    {
        units += 1;
        if r.verdict == Verdict::Met {
            units_met += 1;
        }
        for c in &r.criteria {
            if let Some(e) = criteria.iter_mut().find(|(id, _)| *id == c.id) {
                if c.status == Status::Met {
                    e.1 += 1;
                }
            }
            for i in &c.indicators {
                if let Some(e) = indicators.iter_mut().find(|(id, _)| *id == i.id) {
                    if i.status == Outcome::Pass {
                        e.1 += 1;
                    }
                }
            }
        }
    }
    SweepRow {
        value,
        indicators,
        criteria,
        units_met,
        units,
    }
}

/// Evaluate the dataset once per value of a parameter, in parallel (rayon), each
/// variant as its own scenario over the same immutable library. Rows come back in the
/// order of `values`, whatever the number of threads.
pub fn sweep(
    lib: &RuleLibrary,
    ds: &crate::data::Dataset,
    param: &str,
    values: &[f64],
    opts: &crate::engine::eval::EvalOptions,
) -> Result<Vec<SweepRow>, crate::core::diag::Diagnostics> {
    use rayon::prelude::*;
    values
        .par_iter()
        .map(|&v| {
            let ov = Override {
                param: param.to_string(),
                value: Value::Number(v),
                text: format!("{param}={v}"),
            };
            let scenario = Scenario::new(lib, vec![ov])
                .map_err(|d| crate::core::diag::Diagnostics(vec![d]))?;
            let report = crate::engine::eval::evaluate(
                lib,
                ds,
                &crate::engine::eval::EvalOptions {
                    scenario,
                    detail: crate::engine::eval::Detail::Statuses,
                    ..opts.clone()
                },
            )?;
            Ok(count(&report, lib, param, v))
        })
        .collect()
}
