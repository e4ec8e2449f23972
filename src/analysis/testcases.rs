//! The test cases rule files carry (`tests:`): inputs → expected statuses. Run by
//! `ntm test` and by `cargo test` over the shipped rules.

use crate::core::diag::{Diagnostic, Span};
use crate::core::loader::span_of;
use crate::core::value::Cell;
use crate::data::{declared_from_scalar, model::Blank, CellAt, Declared, Record, Unit};
use crate::engine::library::RuleLibrary;
use crate::report::{Outcome, Recognisable, Status, UnitResult, Verdict};
use crate::rules::{model::TestCaseDef, RuleSet};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Serialize)]
pub struct CaseResult {
    pub ruleset: String,
    pub name: String,
    pub location: Span,
    pub passed: bool,
    /// One diagnostic per unmet expectation, at the line of that expectation.
    pub failures: Vec<Diagnostic>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct TestRun {
    pub cases: Vec<CaseResult>,
}

impl TestRun {
    pub fn passed(&self) -> usize {
        self.cases.iter().filter(|c| c.passed).count()
    }
    pub fn failed(&self) -> usize {
        self.cases.len() - self.passed()
    }
}

pub fn run_all(lib: &RuleLibrary) -> TestRun {
    let mut run = TestRun::default();
    for set in &lib.sets {
        for case in &set.tests {
            run.cases.push(run_case(lib, set, case));
        }
    }
    run
}

fn run_case(lib: &RuleLibrary, set: &RuleSet, case: &TestCaseDef) -> CaseResult {
    let file = set.file.as_path();
    let here = span_of(file, &case.name);
    let unit = Unit {
        id: "test".into(),
        name: case.name.value.clone(),
        kind: set.level,
        parent: None,
        aliases: Vec::new(),
        attributes: case
            .attributes
            .iter()
            .map(|(k, v)| {
                (
                    k.clone(),
                    CellAt {
                        cell: Cell::Scalar(v.clone()),
                        span: here.clone(),
                    },
                )
            })
            .collect(),
        span: here.clone(),
        provenance: None,
        valid_from: None,
        valid_until: None,
    };
    let mut failures = Vec::new();
    let mut declared = BTreeMap::new();
    for (k, v) in &case.declared {
        match declared_from_scalar(&v.value, Blank::Missing) {
            Ok((met, text)) => {
                declared.insert(
                    k.clone(),
                    Declared {
                        met,
                        text,
                        span: span_of(file, v),
                    },
                );
            }
            Err(e) => failures.push(Diagnostic::error(span_of(file, v), "test-input", e)),
        }
    }
    let rec = Record {
        unit: "test".into(),
        year: case.year,
        values: case
            .values
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().into(),
                    CellAt {
                        cell: Cell::Scalar(v.value.clone()),
                        span: span_of(file, v),
                    },
                )
            })
            .collect(),
        declared,
        reported_total: case.reported_total.map(|t| (t, here.clone())),
        counts: BTreeMap::new(),
        published_verdict: None,
        number_format: Default::default(),
        provenance: None,
        span: here.clone(),
        order: 0,
    };
    if !set.declared_for_year(case.year) {
        failures.push(Diagnostic::error(
            here.clone(),
            "test-year",
            format!(
                "year {} is outside the validity of {} ({})",
                case.year,
                set.id,
                set.validity_text()
            ),
        ));
    }
    let mut scope = rhai::Scope::new();
    let ctx = crate::engine::eval::UnitCtx {
        unit: &unit,
        parent_name: None,
        attributes: unit.attributes.clone(),
    };
    let eligible = crate::engine::eval::eligible(set, &ctx, case.year, &[]);
    match (&case.expect.eligible, &eligible) {
        (Some(want), Err(why)) if want.value => {
            failures.push(Diagnostic::error(
                span_of(file, want),
                "test-failed",
                format!("expected eligible, but: {why}"),
            ));
        }
        (Some(want), Ok(())) if !want.value => {
            failures.push(Diagnostic::error(
                span_of(file, want),
                "test-failed",
                "expected not eligible, but the unit meets the prerequisite",
            ));
        }
        (None, Err(why)) => {
            failures.push(Diagnostic::error(
                here.clone(),
                "test-failed",
                format!("{why} (set `eligible: false` under expect if that is the point)"),
            ));
        }
        _ => {}
    }
    if eligible.is_ok() {
        match crate::engine::eval::evaluate_one(
            &lib.engine,
            &mut scope,
            &crate::engine::scenario::Scenario::default(),
            crate::engine::eval::Detail::Full,
            set,
            &ctx,
            &rec,
        ) {
            Ok(result) => compare(case, &result, file, &mut failures),
            Err(ds) => failures.extend(ds.0),
        }
    }
    let name = &case.name.value;
    for f in &mut failures {
        f.message = format!("test `{name}`: {}", f.message);
    }
    CaseResult {
        ruleset: set.id.clone(),
        name: name.clone(),
        location: here,
        passed: failures.is_empty(),
        failures,
    }
}

fn compare(case: &TestCaseDef, r: &UnitResult, file: &std::path::Path, out: &mut Vec<Diagnostic>) {
    let fail = |at: Span, msg: String| Diagnostic::error(at, "test-failed", msg);
    for (id, want) in &case.expect.indicators {
        let at = span_of(file, want);
        let Some(w) = Outcome::parse(&want.value) else {
            out.push(fail(
                at,
                format!(
                    "`{}` is not an indicator outcome (pass, fail, missing)",
                    want.value
                ),
            ));
            continue;
        };
        let got = r
            .criteria
            .iter()
            .flat_map(|c| &c.indicators)
            .find(|i| &i.id == id);
        match got {
            Some(i) if i.status == w => {}
            Some(i) => {
                let thresholds: Vec<String> = i
                    .threshold
                    .iter()
                    .map(|t| format!("{} = {}", t.parameter, t.value))
                    .collect();
                let detail = match (&i.value, &i.reason) {
                    (_, Some(reason)) => format!(" ({reason})"),
                    (Some(v), None) if !thresholds.is_empty() => {
                        format!(" (value {v}; thresholds {})", thresholds.join("; "))
                    }
                    (Some(v), None) => format!(" (value {v})"),
                    _ if !thresholds.is_empty() => {
                        format!(" (thresholds {})", thresholds.join("; "))
                    }
                    _ => String::new(),
                };
                out.push(fail(
                    at,
                    format!(
                        "indicator {id}: expected {}, got {}{detail}",
                        snake(&w),
                        snake(&i.status)
                    ),
                ));
            }
            None => out.push(fail(at, format!("indicator {id} was not evaluated"))),
        }
    }
    for (id, want) in &case.expect.criteria {
        let at = span_of(file, want);
        let Some(w) = Status::parse(&want.value) else {
            out.push(fail(
                at,
                format!(
                    "`{}` is not a criterion status (met, not_met, missing)",
                    want.value
                ),
            ));
            continue;
        };
        match r.criteria.iter().find(|c| &c.id == id) {
            Some(c) if c.status == w => {}
            Some(c) => out.push(fail(
                at,
                format!(
                    "criterion {id}: expected {}, got {}",
                    snake(&w),
                    snake(&c.status)
                ),
            )),
            None => out.push(fail(at, format!("criterion {id} was not evaluated"))),
        }
    }
    if let Some(want) = &case.expect.verdict {
        let at = span_of(file, want);
        match Verdict::parse(&want.value) {
            Some(w) if w == r.verdict => {}
            Some(w) => out.push(fail(
                at,
                format!("verdict: expected {}, got {}", snake(&w), snake(&r.verdict)),
            )),
            None => out.push(fail(
                at,
                format!(
                    "`{}` is not a verdict (met, not_met, incomplete)",
                    want.value
                ),
            )),
        }
    }
    for (id, want) in &case.expect.recognition {
        let at = span_of(file, want);
        let Some(w) = Outcome::parse(&want.value) else {
            out.push(fail(
                at,
                format!(
                    "`{}` is not a condition outcome (pass, fail, missing)",
                    want.value
                ),
            ));
            continue;
        };
        match r
            .recognition
            .as_ref()
            .and_then(|rec| rec.conditions.iter().find(|c| &c.id == id))
        {
            Some(c) if c.status == w => {}
            Some(c) => out.push(fail(
                at,
                format!(
                    "recognition condition {id}: expected {}, got {}",
                    snake(&w),
                    snake(&c.status)
                ),
            )),
            None => out.push(fail(
                at,
                format!("recognition condition {id} was not evaluated"),
            )),
        }
    }
    if let Some(want) = &case.expect.score {
        let got = r.scoring.as_ref().and_then(|s| s.percent);
        if got.is_none_or(|g| (g - want.value).abs() > 1e-6) {
            let shown = got
                .map(|g| format!("{g}"))
                .unwrap_or_else(|| "no score".into());
            out.push(fail(
                span_of(file, want),
                format!("score: expected {}, got {shown}", want.value),
            ));
        }
    }
    if let Some(want) = &case.expect.level {
        let got = r.scoring.as_ref().and_then(|s| s.level.clone());
        if got.as_deref() != Some(want.value.trim()) {
            out.push(fail(
                span_of(file, want),
                format!(
                    "level: expected {}, got {}",
                    want.value,
                    got.unwrap_or_else(|| "none".into())
                ),
            ));
        }
    }
    if let Some(want) = &case.expect.recognisable {
        let at = span_of(file, want);
        match (Recognisable::parse(&want.value), &r.recognition) {
            (Some(w), Some(rec)) if w == rec.status => {}
            (Some(w), Some(rec)) => out.push(fail(
                at,
                format!(
                    "recognition: expected {}, got {}",
                    snake(&w),
                    snake(&rec.status)
                ),
            )),
            (Some(_), None) => out.push(fail(
                at,
                "the rule set has no recognition conditions".to_string(),
            )),
            (None, _) => out.push(fail(
                at,
                format!(
                    "`{}` is not recognisable, not_recognisable or incomplete",
                    want.value
                ),
            )),
        }
    }
    if let Some(want) = &case.expect.met {
        if want.value != r.met as i64 {
            out.push(fail(
                span_of(file, want),
                format!("criteria met: expected {}, got {}", want.value, r.met),
            ));
        }
    }
    for want in &case.expect.findings {
        let found = r
            .findings
            .iter()
            .any(|f| snake(&f.kind()) == want.value.trim());
        if !found {
            let got: Vec<String> = r.findings.iter().map(|f| snake(&f.kind())).collect();
            out.push(fail(
                span_of(file, want),
                format!(
                    "expected a `{}` finding, got [{}]",
                    want.value,
                    got.join(", ")
                ),
            ));
        }
    }
}

/// The JSON spelling of an enum value, for messages.
fn snake<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
