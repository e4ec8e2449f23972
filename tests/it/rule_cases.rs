//! The test cases rule files carry, run over the shipped library and the fixtures.

use ntm::core::source::{Sources, YAML_EXTS};
use ntm::engine::library::load_library;

fn run(path: &str) -> ntm::analysis::testcases::TestRun {
    let root = crate::common::root().to_path_buf();
    let src = Sources::read(&[root.join(path)], YAML_EXTS).expect("readable");
    let (lib, _) = load_library(&src).unwrap_or_else(|d| panic!("{path} does not load: {:?}", d.0));
    ntm::analysis::testcases::run_all(&lib)
}

#[test]
fn shipped_rule_files_pass_their_own_test_cases() {
    let run = run("rules");
    let failures: Vec<String> = run
        .cases
        .iter()
        .flat_map(|c| c.failures.iter().map(|d| d.to_string()))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(run.passed() > 0);
    // The list of cases is snapshotted so that a case silently dropped shows up.
    let names: Vec<String> = run
        .cases
        .iter()
        .map(|c| format!("{} :: {}", c.ruleset, c.name))
        .collect();
    insta::assert_snapshot!(names.join("\n"));
}

#[test]
fn fixture_rule_set_passes_its_test_cases() {
    let run = run("tests/fixtures/rules");
    assert_eq!(run.failed(), 0, "{:?}", run.cases);
    assert_eq!(run.passed(), 14);
}

/// Every indicator of the shipped library has a citation, a department, and test cases
/// that see it pass, fail and be missing.
#[test]
fn every_shipped_indicator_is_cited_assigned_and_tested_three_ways() {
    let root = crate::common::root().to_path_buf();
    let src = Sources::read(&[root.join("rules")], YAML_EXTS).expect("readable");
    let (lib, _) = load_library(&src).expect("rules load");
    let mut problems = Vec::new();
    for set in &lib.sets {
        for c in &set.criteria {
            // An amendment's inherited indicators are tested in the set they come from.
            for i in c.indicators.iter().filter(|i| *i.span.file == *set.file) {
                if i.citation.document.trim().is_empty() {
                    problems.push(format!("{} {}: no citation", set.id, i.id));
                }
                if i.department.is_none() {
                    problems.push(format!("{} {}: no department", set.id, i.id));
                }
                let outcomes: Vec<String> = set
                    .tests
                    .iter()
                    .filter_map(|t| t.expect.indicators.get(&i.id))
                    .map(|o| o.value.trim().to_string())
                    .collect();
                for want in ["pass", "fail", "missing"] {
                    if !outcomes.iter().any(|o| o == want) {
                        problems.push(format!(
                            "{} {}: no test case where it is `{want}`",
                            set.id, i.id
                        ));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
