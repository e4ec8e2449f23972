//! The test cases rule files carry (`tests:`): inputs → expected statuses. Run by
//! `ntm test` and by `cargo test` over the shipped rules.

use crate::core::diag::{Diagnostic, Span};
use crate::core::loader::span_of;
use crate::core::problem::{Checked, LibraryProblem, Problem, TestMismatch};
use crate::core::value::Cell;
use crate::data::values::{Entry, Stored};
use crate::data::{declared_from_scalar, model::Blank, CellAt, Declared, Published, Record, Unit};
use crate::engine::library::RuleLibrary;
use crate::report::{
    IndicatorResult, MissingReason, Outcome, Recognisable, Status, UnitResult, Verdict,
};
use crate::rules::{model::TestCaseDef, RuleSet};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

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

/// Run one case: build its unit and record, check it is assessed, evaluate, compare.
fn run_case(lib: &RuleLibrary, set: &RuleSet, case: &TestCaseDef) -> CaseResult {
    let file = set.file.as_path();
    let here = span_of(file, &case.name);
    let unit = case_unit(set, case, &here);
    let mut failures = Vec::new();
    let declared = declared_statuses(set, case, file, &mut failures);
    let rec = case_record(set, case, file, &here, declared);
    if !set.declared_for_year(case.year) {
        failures.push(Diagnostic::error(
            here.clone(),
            LibraryProblem::TestYear {
                test: case.name.value.clone(),
                year: case.year,
                set: set.id.clone(),
                validity: set.period(),
            },
        ));
    }
    let ctx = crate::engine::eval::UnitCtx {
        unit: &unit,
        parent_name: None,
        attributes: unit
            .attributes
            .iter()
            .map(|(k, v)| (k.as_str(), v))
            .collect(),
    };
    let eligible = crate::engine::eval::eligible(set, &ctx, case.year, &[]);
    compare_eligibility(case, file, &here, &eligible, &mut failures);
    // Only an eligible unit is evaluated, as in a report.
    if eligible.is_ok() {
        evaluate_case(lib, set, case, &ctx, &rec, &mut failures);
    }
    let name = &case.name.value;
    CaseResult {
        ruleset: set.id.clone(),
        name: name.clone(),
        location: here,
        passed: failures.is_empty(),
        failures,
    }
}

/// The unit a case describes: its attributes, all placed at the case's name.
fn case_unit(set: &RuleSet, case: &TestCaseDef, here: &Span) -> Unit {
    Unit {
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
        recognition: None,
        dated: BTreeMap::new(),
    }
}

/// The case's declared statuses; one that cannot be read is a failure of the case.
fn declared_statuses(
    set: &RuleSet,
    case: &TestCaseDef,
    file: &Path,
    failures: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Declared> {
    let mut declared = BTreeMap::new();
    for (k, v) in &case.declared {
        match declared_from_scalar(&v.value, Blank::Missing) {
            Ok((met, text)) => {
                // A case is for its own set, whatever its stage.
                declared.insert(
                    crate::data::declared_key(Some(&set.id), k),
                    Declared {
                        met,
                        text,
                        span: span_of(file, v),
                    },
                );
            }
            Err(e) => failures.push(Diagnostic::error(
                span_of(file, v),
                LibraryProblem::TestInput {
                    test: case.name.value.clone(),
                    found: e,
                },
            )),
        }
    }
    declared
}

/// The record a case describes: its values, each at its line, for its year.
fn case_record(
    set: &RuleSet,
    case: &TestCaseDef,
    file: &Path,
    here: &Span,
    declared: BTreeMap<String, Declared>,
) -> Record {
    Record {
        unit: "test".into(),
        year: case.year,
        values: case
            .values
            .iter()
            .map(|(k, v)| Entry {
                field: k.as_str().into(),
                stored: Stored::raw(Cell::Scalar(v.value.clone())),
                span: span_of(file, v),
            })
            .collect(),
        declared,
        published: case_published(set, case, here),
        number_format: Default::default(),
        provenance: None,
        span: here.clone(),
        order: 0,
    }
}

/// The case's published count and counts per level, for its own set.
fn case_published(set: &RuleSet, case: &TestCaseDef, here: &Span) -> BTreeMap<String, Published> {
    let p = Published {
        reported_total: case.reported_total.map(|t| (t, here.clone())),
        counts: case
            .counts
            .iter()
            .map(|(k, v)| (crate::core::text::norm(k), (*v, here.clone())))
            .collect(),
        ..Published::default()
    };
    let mut out = BTreeMap::new();
    if !p.is_empty() {
        out.insert(crate::data::scope_key(Some(&set.id)), p);
    }
    out
}

/// Eligibility as expected (`eligible:`), or eligible when nothing is said.
fn compare_eligibility(
    case: &TestCaseDef,
    file: &Path,
    here: &Span,
    eligible: &Result<(), crate::engine::eval::NotEligible>,
    failures: &mut Vec<Diagnostic>,
) {
    match (&case.expect.eligible, eligible) {
        (Some(want), Err(why)) if want.value => failures.push(test_failed(
            case,
            span_of(file, want),
            TestMismatch::NotEligible {
                stage: why.stage.code().to_string(),
            },
        )),
        (Some(want), Ok(())) if !want.value => failures.push(test_failed(
            case,
            span_of(file, want),
            TestMismatch::Eligible,
        )),
        (None, Err(why)) => failures.push(test_failed(
            case,
            here.clone(),
            TestMismatch::UnexpectedlyNotEligible {
                stage: why.stage.code().to_string(),
            },
        )),
        _ => {}
    }
}

/// Evaluate the case's unit and compare; an evaluation error is reported as the case's.
fn evaluate_case(
    lib: &RuleLibrary,
    set: &RuleSet,
    case: &TestCaseDef,
    ctx: &crate::engine::eval::UnitCtx<'_>,
    rec: &Record,
    failures: &mut Vec<Diagnostic>,
) {
    let mut scope = rhai::Scope::new();
    match crate::engine::eval::evaluate_one(
        &lib.engine,
        &mut scope,
        &crate::engine::scenario::Scenario::default(),
        crate::engine::eval::Detail::Full,
        set,
        ctx,
        rec,
    ) {
        Ok(result) => compare(case, &result, set.file.as_path(), failures),
        Err(ds) => failures.extend(ds.0.into_iter().map(|d| Diagnostic {
            problem: Box::new(Problem::InTest {
                test: case.name.value.clone(),
                problem: d.problem,
            }),
            ..d
        })),
    }
}

/// A failed expectation of `case`, at the line of that expectation.
fn test_failed(case: &TestCaseDef, at: Span, mismatch: TestMismatch) -> Diagnostic {
    Diagnostic::error(
        at,
        LibraryProblem::TestFailed {
            test: case.name.value.clone(),
            mismatch,
        },
    )
}

/// Every expectation of the case against the result, one diagnostic per mismatch:
/// indicators, criteria, verdict, recognition conditions, then the totals.
fn compare(case: &TestCaseDef, r: &UnitResult, file: &Path, out: &mut Vec<Diagnostic>) {
    let fail = |at: Span, mismatch: TestMismatch| test_failed(case, at, mismatch);
    compare_indicators(case, r, file, &fail, out);
    compare_criteria(case, r, file, &fail, out);
    compare_verdict(case, r, file, &fail, out);
    compare_recognition(case, r, file, &fail, out);
    compare_totals(case, r, file, &fail, out);
}

/// An expected value that is not one of the allowed words.
fn not_allowed(item: Checked, found: &str) -> TestMismatch {
    TestMismatch::NotAllowed {
        item,
        found: found.to_string(),
    }
}

fn compare_indicators(
    case: &TestCaseDef,
    r: &UnitResult,
    file: &Path,
    fail: &dyn Fn(Span, TestMismatch) -> Diagnostic,
    out: &mut Vec<Diagnostic>,
) {
    for (id, want) in &case.expect.indicators {
        let at = span_of(file, want);
        let Some(w) = Outcome::parse(&want.value) else {
            out.push(fail(at, not_allowed(Checked::Indicator, &want.value)));
            continue;
        };
        let got = r
            .criteria
            .iter()
            .flat_map(|c| &c.indicators)
            .find(|i| &i.id == id);
        match got {
            Some(i) if i.status == w => {}
            Some(i) => out.push(fail(at, indicator_differs(id, &w, i))),
            None => out.push(fail(at, not_evaluated(Checked::Indicator, id))),
        }
    }
}

/// An indicator's other outcome, with what it was decided on: its value and
/// thresholds, or what was missing.
fn indicator_differs(id: &str, w: &Outcome, i: &IndicatorResult) -> TestMismatch {
    let (no_value, no_threshold) = match &i.reason {
        Some(MissingReason::NoValue { fields, .. }) => (fields.clone(), Vec::new()),
        Some(MissingReason::NoThreshold { parameters, .. }) => (Vec::new(), parameters.clone()),
        None => (Vec::new(), Vec::new()),
    };
    TestMismatch::Differs {
        item: Checked::Indicator,
        id: id.to_string(),
        expected: snake(w),
        got: snake(&i.status),
        value: i.value.as_ref().map(|v| v.to_string()),
        thresholds: i
            .threshold
            .iter()
            .filter(|t| !t.not_applicable)
            .filter_map(|t| Some(format!("{} = {}", t.parameter, t.value.as_ref()?)))
            .collect(),
        not_applicable: i
            .threshold
            .iter()
            .filter(|t| t.not_applicable)
            .map(|t| t.parameter.clone())
            .collect(),
        no_value,
        no_threshold,
    }
}

fn compare_criteria(
    case: &TestCaseDef,
    r: &UnitResult,
    file: &Path,
    fail: &dyn Fn(Span, TestMismatch) -> Diagnostic,
    out: &mut Vec<Diagnostic>,
) {
    for (id, want) in &case.expect.criteria {
        let at = span_of(file, want);
        let Some(w) = Status::parse(&want.value) else {
            out.push(fail(at, not_allowed(Checked::Criterion, &want.value)));
            continue;
        };
        match r.criteria.iter().find(|c| &c.id == id) {
            Some(c) if c.status == w => {}
            Some(c) => out.push(fail(
                at,
                differs(Checked::Criterion, id, snake(&w), snake(&c.status)),
            )),
            None => out.push(fail(at, not_evaluated(Checked::Criterion, id))),
        }
    }
}

fn compare_verdict(
    case: &TestCaseDef,
    r: &UnitResult,
    file: &Path,
    fail: &dyn Fn(Span, TestMismatch) -> Diagnostic,
    out: &mut Vec<Diagnostic>,
) {
    if let Some(want) = &case.expect.verdict {
        let at = span_of(file, want);
        match Verdict::parse(&want.value) {
            Some(w) if w == r.verdict => {}
            Some(w) => out.push(fail(
                at,
                differs(Checked::Verdict, "", snake(&w), snake(&r.verdict)),
            )),
            None => out.push(fail(at, not_allowed(Checked::Verdict, &want.value))),
        }
    }
}

fn compare_recognition(
    case: &TestCaseDef,
    r: &UnitResult,
    file: &Path,
    fail: &dyn Fn(Span, TestMismatch) -> Diagnostic,
    out: &mut Vec<Diagnostic>,
) {
    for (id, want) in &case.expect.recognition {
        let at = span_of(file, want);
        let Some(w) = Outcome::parse(&want.value) else {
            out.push(fail(at, not_allowed(Checked::Condition, &want.value)));
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
                differs(Checked::Condition, id, snake(&w), snake(&c.status)),
            )),
            None => out.push(fail(at, not_evaluated(Checked::Condition, id))),
        }
    }
}

fn differs(item: Checked, id: &str, expected: String, got: String) -> TestMismatch {
    TestMismatch::Differs {
        item,
        id: id.to_string(),
        expected,
        got,
        value: None,
        thresholds: Vec::new(),
        not_applicable: Vec::new(),
        no_value: Vec::new(),
        no_threshold: Vec::new(),
    }
}

fn not_evaluated(item: Checked, id: &str) -> TestMismatch {
    TestMismatch::NotEvaluated {
        item,
        id: id.to_string(),
    }
}

/// Score, level, recognition, criteria met and findings.
fn compare_totals(
    case: &TestCaseDef,
    r: &UnitResult,
    file: &Path,
    fail: &dyn Fn(Span, TestMismatch) -> Diagnostic,
    out: &mut Vec<Diagnostic>,
) {
    if let Some(want) = &case.expect.score {
        let got = r.scoring.as_ref().and_then(|s| s.percent);
        if got.is_none_or(|g| (g - want.value).abs() > 1e-6) {
            let shown = got.map(|g| format!("{g}")).unwrap_or_default();
            out.push(fail(
                span_of(file, want),
                differs(Checked::Score, "", want.value.to_string(), shown),
            ));
        }
    }
    if let Some(want) = &case.expect.level {
        // The unit's level: by the set's verdict rules when it has them (also from
        // counts alone), else its score's.
        let got = match r.scoring.as_ref() {
            Some(s) if r.level.is_none() => s.level.clone(),
            _ => r.level.as_ref().map(|l| l.id.clone()),
        };
        if got.as_deref() != Some(want.value.trim()) {
            out.push(fail(
                span_of(file, want),
                differs(
                    Checked::Level,
                    "",
                    want.value.clone(),
                    got.unwrap_or_default(),
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
                differs(Checked::Recognisable, "", snake(&w), snake(&rec.status)),
            )),
            (Some(_), None) => out.push(fail(at, TestMismatch::NoRecognition)),
            (None, _) => out.push(fail(
                at,
                TestMismatch::NotAllowed {
                    item: Checked::Recognisable,
                    found: want.value.clone(),
                },
            )),
        }
    }
    if let Some(want) = &case.expect.met {
        if want.value != r.met as i64 {
            out.push(fail(
                span_of(file, want),
                differs(Checked::Met, "", want.value.to_string(), r.met.to_string()),
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
                differs(Checked::Finding, "", want.value.clone(), got.join(", ")),
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
