//! Native expressions against Rhai (issue 20, item 3). Every expression of every
//! bundled rule set, of every rule file among the fixtures that compiles on its own,
//! and of the expression corpus (`tests/fixtures/native/expressions.txt`, also the
//! fuzz target's seeds) runs through both evaluators on many generated inputs: where
//! the native evaluator decides, it must give Rhai's value and type. Then whole
//! evaluations of the bundled dataset, the evaluation fixtures and a generated
//! dataset go through both paths and must give the same report.

use crate::common::{ntm, ntm_env, root};
use ntm::core::source::{file_kind, FileKind, SourceFile, Sources, DATA_EXTS, YAML_EXTS};
use ntm::core::value::{Scalar, Value};
use ntm::engine::eval::EvalOptions;
use ntm::rules::model::FieldType;
use ntm::rules::native::check::{compare, compare_text, Agreement};
use ntm::rules::native::Expressions;
use ntm::rules::{Expression, Indicator, RuleSet};

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[(self.next() % xs.len() as u64) as usize]
    }
}

/// Numbers at the edges: zero, signs, integers and floats near thresholds, extremes.
fn numbers(around: &[f64]) -> Vec<Value> {
    let mut v: Vec<Value> = [
        0,
        1,
        -1,
        2,
        3,
        7,
        50,
        99,
        100,
        101,
        1_000,
        i64::MAX,
        i64::MIN,
    ]
    .into_iter()
    .map(Value::Int)
    .collect();
    v.extend(
        [
            0.0,
            -0.0,
            0.5,
            1.0,
            49.999_999_9,
            50.0,
            99.9,
            100.0,
            0.1 + 0.2,
            1e9,
            -3.5,
            1e300,
        ]
        .into_iter()
        .map(Value::Number),
    );
    for x in around {
        for d in [-1.0, -0.5, 0.0, 0.5, 1.0] {
            v.push(Value::Number(x + d));
        }
        if x.fract() == 0.0 && x.abs() < 1e15 {
            v.push(Value::Int(*x as i64));
            v.push(Value::Int(*x as i64 - 1));
        }
    }
    v
}

fn scalar(s: &Scalar) -> Value {
    match s {
        Scalar::Bool(b) => Value::Bool(*b),
        Scalar::Int(i) => Value::Int(*i),
        Scalar::Float(x) => Value::Number(*x),
        Scalar::Text(t) => Value::Text(t.clone()),
    }
}

/// The values a name may take in a set: by its field's type, around its parameter's
/// values, or as a count.
fn pool(set: &RuleSet, name: &str) -> Vec<Value> {
    let thresholds: Vec<f64> = set
        .parameters
        .values()
        .flat_map(|p| p.values.iter().filter_map(|v| v.value.as_ref()?.as_f64()))
        .collect();
    if let Some(f) = set.fields.get(name) {
        return match f.ty {
            FieldType::Bool => vec![Value::Bool(true), Value::Bool(false)],
            FieldType::Text => {
                let mut v: Vec<Value> = f
                    .values
                    .iter()
                    .flatten()
                    .cloned()
                    .map(Value::Text)
                    .collect();
                v.extend(["", "khác"].map(|t| Value::Text(t.to_string())));
                v
            }
            _ => {
                let mut around = thresholds;
                around.extend(
                    f.range
                        .iter()
                        .flat_map(|r| [r.0, r.1])
                        .filter(|x| x.is_finite()),
                );
                numbers(&around)
            }
        };
    }
    if let Some(p) = set.parameters.get(name) {
        let mut v: Vec<Value> = p.values.iter().filter_map(|v| v.value.clone()).collect();
        let own: Vec<f64> = v.iter().filter_map(Value::as_f64).collect();
        if !own.is_empty() {
            v.extend(numbers(&own));
        }
        return v;
    }
    match name {
        "all_criteria_met" => vec![Value::Bool(true), Value::Bool(false)],
        _ => (0..=20).map(Value::Int).collect(),
    }
}

/// One expression of a set with the names it may read.
struct Case<'a> {
    what: String,
    e: &'a Expression,
    names: Vec<String>,
}

fn indicator_cases<'a>(ind: &'a Indicator, out: &mut Vec<Case<'a>>) {
    let names: Vec<String> = ind
        .fields
        .iter()
        .chain(&ind.params)
        .chain(&ind.builtins)
        .cloned()
        .collect();
    let exprs = std::iter::once(&ind.expr)
        .chain(&ind.value)
        .chain(&ind.score);
    for e in exprs {
        out.push(Case {
            what: ind.id.clone(),
            e,
            names: names.clone(),
        });
    }
}

/// Every expression of a set: indicators, recognition conditions, verdicts.
fn cases(set: &RuleSet) -> Vec<Case<'_>> {
    let mut out = Vec::new();
    for ind in set.criteria.iter().flat_map(|c| &c.indicators) {
        indicator_cases(ind, &mut out);
    }
    for c in set.recognition.iter().flat_map(|r| &r.conditions) {
        indicator_cases(c, &mut out);
    }
    let counts: Vec<String> = set
        .levels
        .iter()
        .map(|l| l.id.clone())
        .chain(["met".to_string(), "total".to_string()])
        .collect();
    for v in &set.verdicts {
        out.push(Case {
            what: v.id.clone(),
            e: &v.when,
            names: counts.clone(),
        });
    }
    out
}

/// Inputs for a case: generated ones (a name is sometimes missing), then the set's
/// test cases' values.
fn inputs(set: &RuleSet, case: &Case<'_>, rng: &mut Rng, n: usize) -> Vec<Vec<(String, Value)>> {
    let pools: Vec<(String, Vec<Value>)> = case
        .names
        .iter()
        .map(|k| (k.clone(), pool(set, k)))
        .collect();
    let mut out: Vec<Vec<(String, Value)>> = (0..n)
        .map(|_| {
            pools
                .iter()
                .filter_map(|(k, p)| {
                    let keep = !rng.next().is_multiple_of(16);
                    keep.then(|| (k.clone(), rng.pick(p).clone()))
                })
                .collect()
        })
        .collect();
    for t in &set.tests {
        out.push(
            pools
                .iter()
                .map(|(k, p)| {
                    let v = t.values.get(k).map(|s| scalar(&s.value));
                    (k.clone(), v.unwrap_or_else(|| rng.pick(p).clone()))
                })
                .collect(),
        );
    }
    out
}

#[derive(Default)]
struct Tally {
    expressions: usize,
    native: usize,
    runs: usize,
    decided: usize,
}

/// Both evaluators on every input of every expression of `sets`; panics on a difference.
fn run_sets(sets: &[&RuleSet], per_expression: usize) -> Tally {
    let engine = ntm::core::sandbox::engine();
    let mut rng = Rng(20);
    let mut t = Tally::default();
    for set in sets {
        for case in cases(set) {
            t.expressions += 1;
            let native = case.e.native.as_deref();
            t.native += usize::from(native.is_some());
            let mut decided = 0;
            for vars in inputs(set, &case, &mut rng, per_expression) {
                let vars: Vec<(&str, Value)> =
                    vars.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
                match compare(&engine, &case.e.ast, native, &vars) {
                    Agreement::Same => decided += 1,
                    Agreement::Undecided => {}
                    Agreement::Differ(why) => {
                        panic!(
                            "{} {} `{}` on {vars:?}: {why}",
                            set.id, case.what, case.e.source
                        )
                    }
                }
                t.runs += 1;
            }
            // A native expression that never decides would make this test vacuous.
            assert!(
                native.is_none() || decided > 0,
                "{} {} `{}`: never decided natively",
                set.id,
                case.what,
                case.e.source
            );
            t.decided += decided;
        }
    }
    t
}

fn bundled() -> ntm::analysis::project::Project {
    let rules = Sources::read(&[root().join("rules")], YAML_EXTS).expect("readable");
    ntm::analysis::project::Project::load(&rules, None).expect("the bundled rules load")
}

#[test]
fn every_bundled_expression_agrees_with_rhai() {
    let p = bundled();
    let sets: Vec<&RuleSet> = p.library().sets.iter().collect();
    let t = run_sets(&sets, 96);
    eprintln!(
        "bundled: {} expressions, {} native; {} runs, {} decided natively",
        t.expressions, t.native, t.runs, t.decided
    );
    // Every bundled expression is in the native subset (docs/benchmark.md).
    assert_eq!((t.expressions, t.native), (209, 209));
    assert!(t.decided * 2 > t.runs, "{} of {}", t.decided, t.runs);
}

/// Rule files among the fixtures that compile on their own (amendments and broken
/// files are left out).
fn fixture_sets() -> Vec<RuleSet> {
    let engine = ntm::core::sandbox::engine();
    let mut sets = Vec::new();
    for entry in walkdir::WalkDir::new(root().join("tests/fixtures")).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|x| x != "yaml") {
            continue;
        }
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let file = SourceFile::new(path, bytes);
        let Ok(text) = file.text() else { continue };
        if file_kind(text) != FileKind::RuleSet {
            continue;
        }
        let Ok(raw) = ntm::rules::compile::parse_rule_file(&file, text) else {
            continue;
        };
        if let Ok((set, _)) = ntm::rules::compile::compile_rule_file(&engine, raw, None) {
            sets.push(set);
        }
    }
    sets
}

#[test]
fn every_fixture_expression_agrees_with_rhai() {
    let sets = fixture_sets();
    let refs: Vec<&RuleSet> = sets.iter().collect();
    let t = run_sets(&refs, 48);
    eprintln!(
        "fixtures: {} sets, {} expressions, {} native; {} runs, {} decided natively",
        sets.len(),
        t.expressions,
        t.native,
        t.runs,
        t.decided
    );
    assert!(
        sets.len() >= 10 && t.native >= 30,
        "{} sets, {} native",
        sets.len(),
        t.native
    );
}

/// The corpus: one expression a line over the names `a b c d` (numbers), `p q`
/// (yes/no), `s t` (texts), each run on inputs of every type.
#[test]
fn the_expression_corpus_agrees_with_rhai() {
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/native/expressions.txt")).unwrap();
    let engine = ntm::core::sandbox::engine();
    let mut values = numbers(&[0.3, 80.0]);
    values.extend([true, false].map(Value::Bool));
    values.extend(["", "a", "b", "Có"].map(|t| Value::Text(t.to_string())));
    let mut rng = Rng(3);
    let (mut lines, mut native, mut decided) = (0, 0, 0);
    for src in text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        lines += 1;
        for round in 0..64 {
            // First typed as named, then any value of any type.
            let vars: Vec<(&str, Value)> = ["a", "b", "c", "d", "p", "q", "s", "t"]
                .iter()
                .map(|k| {
                    let v = match (round, *k) {
                        (0..=31, "a" | "b" | "c" | "d") => {
                            rng.pick(&values[..values.len() - 6]).clone()
                        }
                        (0..=31, "p" | "q") => Value::Bool(rng.next().is_multiple_of(2)),
                        (0..=31, _) => rng.pick(&values[values.len() - 4..]).clone(),
                        _ => rng.pick(&values).clone(),
                    };
                    (*k, v)
                })
                .collect();
            match compare_text(&engine, src, &vars) {
                None => panic!("the corpus line does not compile: {src}"),
                Some((n, a)) => {
                    native += usize::from(n && round == 0);
                    match a {
                        Agreement::Same => decided += 1,
                        Agreement::Undecided => {}
                        Agreement::Differ(why) => panic!("`{src}` on {vars:?}: {why}"),
                    }
                }
            }
        }
    }
    eprintln!("corpus: {lines} expressions, {native} native, {decided} runs decided natively");
    assert!(
        lines >= 60 && native * 10 >= lines * 8,
        "{native} of {lines}"
    );
    assert!(decided >= lines * 16, "{decided}");
}

/// The whole report of an evaluation, as JSON.
fn report_json(p: &ntm::analysis::project::Project, expressions: Expressions) -> String {
    let opts = EvalOptions {
        expressions,
        ..EvalOptions::default()
    };
    serde_json::to_string(&p.evaluate(&opts).expect("evaluates")).unwrap()
}

#[test]
fn the_bundled_dataset_evaluates_the_same_through_both_paths() {
    let rules = Sources::read(&[root().join("rules")], YAML_EXTS).unwrap();
    let data = Sources::read(&[root().join("datasets")], DATA_EXTS).unwrap();
    let p = ntm::analysis::project::Project::load(&rules, Some(&data)).expect("loads");
    let native = report_json(&p, Expressions::Auto);
    assert!(
        native.starts_with("{\"stamp\""),
        "{}",
        &native[..200.min(native.len())]
    );
    assert_eq!(native, report_json(&p, Expressions::RhaiOnly));
}

/// Every `eval` command of the evaluation fixtures (`tests/fixtures/eval/*/cmd`), as
/// JSON, with and without `NTM_EXPR=rhai`: same output, same exit code.
#[test]
fn the_evaluation_fixtures_evaluate_the_same_through_both_paths() {
    let mut compared = 0;
    for e in std::fs::read_dir(root().join("tests/fixtures/eval")).unwrap() {
        let dir = e.unwrap().path();
        let cmd = std::fs::read_to_string(dir.join("cmd")).unwrap();
        let rel = dir.strip_prefix(root()).unwrap().display().to_string();
        for line in cmd.lines().map(|l| l.trim_start_matches("! ")) {
            if !line.starts_with("eval ") {
                continue;
            }
            let line = line.replace("{dir}", &rel);
            let mut args: Vec<&str> = line.split(' ').collect();
            if let Some(i) = args.iter().position(|a| *a == "--format") {
                args.drain(i..i + 2);
            }
            args.extend(["--format", "json"]);
            let native = ntm(&args);
            let rhai = ntm_env(&args, &[("NTM_EXPR", "rhai")]);
            assert_eq!(native.code, rhai.code, "{line}");
            assert!(native.stdout == rhai.stdout, "{line}: the two paths differ");
            assert_eq!(native.stderr, rhai.stderr, "{line}");
            compared += 1;
        }
    }
    assert!(compared >= 10, "{compared}");
}

#[test]
fn a_generated_dataset_evaluates_the_same_through_both_paths() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("gen");
    let g = ntm(&[
        "gen",
        "--out",
        out.to_str().unwrap(),
        "--xa",
        "40",
        "--years",
        "2021..2025",
    ]);
    assert_eq!(g.code, 0, "{}", g.stderr);
    let args = ["eval", "--data", out.to_str().unwrap(), "--format", "json"];
    let native = ntm(&args);
    assert_eq!(native.code, 0, "{}", native.stderr);
    let rhai = ntm_env(&args, &[("NTM_EXPR", "rhai")]);
    assert_eq!(rhai.code, 0, "{}", rhai.stderr);
    assert!(native.stdout.len() > 100_000, "{}", native.stdout.len());
    assert!(
        native.stdout == rhai.stdout,
        "the two paths give different reports"
    );
}

/// Some expressions outside the subset among native ones: the scope is then filled in
/// the middle of a unit (during the criteria, or only for recognition, with the
/// criteria counts), and the report is still Rhai's.
#[test]
fn a_set_mixing_native_and_rhai_expressions_evaluates_the_same() {
    let text = std::fs::read_to_string(root().join("tests/fixtures/rules/xa-demo.yaml")).unwrap();
    let variants: [&[(&str, &str)]; 3] = [
        &[(
            "expr: all_criteria_met",
            "expr: all_criteria_met && abs(1) == 1",
        )],
        &[
            (
                "expr: ho_dien_pct >= ho_dien_min",
                "expr: abs(ho_dien_pct) >= ho_dien_min",
            ),
            (
                "expr: all_criteria_met",
                "expr: all_criteria_met && abs(1) == 1",
            ),
        ],
        &[("value: thu_nhap", "value: abs(thu_nhap)")],
    ];
    for changes in variants {
        let dir = tempfile::tempdir().unwrap();
        let mut rules = text.clone();
        for (from, to) in changes {
            assert!(rules.contains(from), "{from}");
            rules = rules.replace(from, to);
        }
        std::fs::write(dir.path().join("xa-demo.yaml"), rules).unwrap();
        let args = [
            "eval",
            "--data",
            "tests/fixtures/data/demo",
            "--rules",
            dir.path().to_str().unwrap(),
            "--format",
            "json",
        ];
        let native = ntm(&args);
        assert_eq!(native.code, 0, "{}", native.stderr);
        assert!(
            native.stdout.contains("\"recognition\""),
            "{}",
            native.stdout
        );
        let rhai = ntm_env(&args, &[("NTM_EXPR", "rhai")]);
        assert!(
            native.stdout == rhai.stdout,
            "{changes:?}: the two paths differ"
        );
    }
}

/// Names are resolved to places once per set (`Indicator::field_slots`,
/// `param_slots`, `Expression::slots`): each must point at the set's own field or
/// parameter of that name — in every bundled set (an amendment, merged onto its base,
/// included) and every fixture set.
#[test]
fn every_name_is_bound_to_its_own_place_in_its_set() {
    let p = bundled();
    let fixtures = fixture_sets();
    let sets = p.library().sets.iter().chain(&fixtures);
    let (mut names, mut amended) = (0, 0);
    for set in sets {
        names += bound_names(set);
        amended += usize::from(set.amends.is_some());
    }
    assert!(
        names >= 300 && amended >= 1,
        "{names} names, {amended} amended"
    );
}

/// Checks one set's bindings; the number of expression names checked.
fn bound_names(set: &RuleSet) -> usize {
    let fields: Vec<&str> = set.fields.keys().map(String::as_str).collect();
    let params: Vec<&str> = set.parameters.keys().map(String::as_str).collect();
    let place = |all: &[&str], name: &str| all.iter().position(|k| *k == name).map(|i| i as u32);
    let conditions = set.recognition.iter().flat_map(|r| &r.conditions);
    let mut n = 0;
    for ind in set
        .criteria
        .iter()
        .flat_map(|c| &c.indicators)
        .chain(conditions)
    {
        let f: Vec<_> = ind.fields.iter().map(|x| place(&fields, x)).collect();
        let q: Vec<_> = ind.params.iter().map(|x| place(&params, x)).collect();
        assert_eq!(
            (&*ind.field_slots, &*ind.param_slots),
            (&f[..], &q[..]),
            "{}",
            ind.id
        );
        assert!(
            f.iter().all(Option::is_some),
            "{}: a field not in {}",
            ind.id,
            set.id
        );
        for e in [Some(&ind.expr), ind.value.as_ref(), ind.score.as_ref()] {
            let Some(e) = e else { continue };
            let vars = e.native.as_deref().map_or(&[][..], |x| x.vars());
            assert_eq!(e.slots.len(), vars.len(), "{}: {}", ind.id, e.source);
            for (v, s) in vars.iter().zip(e.slots.iter()) {
                let builtin = ntm::rules::BUILTINS.iter().any(|b| b.0 == &**v);
                let want = (builtin, place(&params, v), place(&fields, v));
                assert_eq!((s.builtin, s.param, s.field), want, "{} in {}", v, e.source);
                n += 1;
            }
        }
    }
    n
}
