//! What-if runs: `--set PARAM=VALUE` replaces a threshold for one run, and a sweep
//! evaluates over a range of values to show where counts change.

use crate::diag::{Diagnostic, Span};
use crate::number::{parse_number, NumberFormat};
use crate::report::{Outcome, Report, Status, Verdict};
use crate::rules::model::SourceLevel;
use crate::rules::{Citation, ParamValue, RuleLibrary};
use crate::value::{parse_bool, Value};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug)]
pub struct Override {
    pub param: String,
    pub value: Value,
    /// As the user wrote it, for the stamp.
    pub text: String,
}

fn usage(msg: String) -> Diagnostic {
    Diagnostic::error(Span::file_only("--set"), "override", msg)
}

/// Parse `PARAM=VALUE`; the value is read as a number (Vietnamese or English form),
/// else yes/no, else text.
pub fn parse_override(s: &str) -> Result<Override, Diagnostic> {
    let (param, value) = s
        .split_once('=')
        .ok_or_else(|| usage(format!("`{s}` is not PARAM=VALUE (e.g. ho_dien_min=97)")))?;
    let param = param.trim().to_string();
    let value = match parse_number(value, NumberFormat::Auto) {
        Ok(n) => Value::Number(n.value),
        Err(_) => match parse_bool(value) {
            Some(b) => Value::Bool(b),
            None => Value::Text(crate::text::norm(value)),
        },
    };
    Ok(Override {
        param,
        text: s.trim().to_string(),
        value,
    })
}

/// A what-if layer over an immutable rule library: parameter values that replace,
/// for one run, every value of a parameter in each set that has it. The library is
/// never modified, so scenarios can be evaluated side by side (sweeps, services).
#[derive(Clone, Debug, Default)]
pub struct Scenario {
    overrides: Vec<Override>,
    /// (rule set id, parameter id) → the value that replaces the parameter's values.
    values: BTreeMap<(String, String), ParamValue>,
}

impl Scenario {
    /// Check each override against the library: the parameter must exist in some set,
    /// and take the same kind of value (number, yes/no, text).
    pub fn new(lib: &RuleLibrary, overrides: Vec<Override>) -> Result<Scenario, Diagnostic> {
        let mut values = BTreeMap::new();
        for ov in &overrides {
            let mut found = false;
            for set in &lib.sets {
                let Some(p) = set.parameters.get(&ov.param) else {
                    continue;
                };
                found = true;
                let same_kind = p.values.first().is_none_or(|v| {
                    std::mem::discriminant(&v.value) == std::mem::discriminant(&ov.value)
                });
                if !same_kind {
                    return Err(usage(format!(
                        "`{}` in {} takes {}, not `{}`",
                        ov.param,
                        set.id,
                        p.values
                            .first()
                            .map(|v| v.value.to_string())
                            .unwrap_or_default(),
                        ov.value
                    )));
                }
                let span = p
                    .values
                    .first()
                    .map(|v| v.span.clone())
                    .unwrap_or_else(|| Span::file_only(&set.file));
                values.insert(
                    (set.id.clone(), ov.param.clone()),
                    ParamValue {
                        value: ov.value.clone(),
                        from_year: None,
                        to_year: None,
                        region: None,
                        group: None,
                        citation: Citation {
                            document: "--set".into(),
                            section: None,
                            source: Some(ov.text.clone()),
                        },
                        source_level: SourceLevel::None,
                        note: None,
                        span,
                    },
                );
            }
            if !found {
                let names = lib
                    .sets
                    .iter()
                    .flat_map(|s| s.parameters.keys().map(String::as_str));
                let hint = crate::text::did_you_mean(&ov.param, names)
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                return Err(usage(format!(
                    "no loaded rule set has a parameter `{}`{hint}",
                    ov.param
                )));
            }
        }
        Ok(Scenario { overrides, values })
    }

    /// The value replacing a parameter of a set in this scenario, if any.
    pub fn value(&self, set: &str, param: &str) -> Option<&ParamValue> {
        self.values.get(&(set.to_string(), param.to_string()))
    }

    /// The overrides as the user wrote them, for the stamp.
    pub fn texts(&self) -> Vec<String> {
        self.overrides.iter().map(|o| o.text.clone()).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.overrides.is_empty()
    }
}

/// `PARAM=FROM..TO:STEP`.
pub fn parse_sweep(s: &str) -> Result<(String, Vec<f64>), Diagnostic> {
    let bad = || {
        usage(format!(
            "`{s}` is not PARAM=FROM..TO:STEP (e.g. ho_dien_min=90..100:1)"
        ))
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
        return Err(usage(format!(
            "`{s}`: STEP must be positive and TO not below FROM"
        )));
    }
    let n = ((to - from) / step + 1e-9).floor() as usize;
    if n > 10_000 {
        return Err(usage(format!(
            "`{s}` asks for {} steps; at most 10 000",
            n + 1
        )));
    }
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
    opts: &crate::eval::EvalOptions,
) -> Result<Vec<SweepRow>, crate::diag::Diagnostics> {
    use rayon::prelude::*;
    values
        .par_iter()
        .map(|&v| {
            let ov = Override {
                param: param.to_string(),
                value: Value::Number(v),
                text: format!("{param}={v}"),
            };
            let scenario =
                Scenario::new(lib, vec![ov]).map_err(|d| crate::diag::Diagnostics(vec![d]))?;
            let report = crate::eval::evaluate(
                lib,
                ds,
                &crate::eval::EvalOptions {
                    scenario,
                    ..opts.clone()
                },
            )?;
            Ok(count(&report, lib, param, v))
        })
        .collect()
}
