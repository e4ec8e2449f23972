//! Any bytes as an .xlsx workbook.
#![no_main]
use libfuzzer_sys::fuzz_target;
use ntm::core::source::Sources;

const RULES: &str = include_str!("../../tests/fixtures/hostile/_rules/mini.yaml");

fuzz_target!(|data: &[u8]| {
    let rules = Sources::memory().with("mini.yaml", RULES);
    let data = Sources::memory().with("so-lieu.xlsx", data.to_vec());
    if let Ok(p) = ntm::analysis::project::Project::load(&rules, Some(&data)) {
        let _ = p.evaluate(&ntm::engine::eval::EvalOptions::default());
    }
});
