//! Any bytes as a dataset document (YAML and JSON) or a CSV table, read against a
//! small rule set and evaluated.
#![no_main]
use libfuzzer_sys::fuzz_target;
use ntm::core::source::Sources;

const RULES: &str = include_str!("../../tests/fixtures/hostile/_rules/mini.yaml");

fuzz_target!(|data: &[u8]| {
    let rules = Sources::memory().with("mini.yaml", RULES);
    let (kind, body) = match data.split_first() {
        Some((k, rest)) => (*k % 3, rest.to_vec()),
        None => return,
    };
    let name = ["so-lieu.yaml", "so-lieu.json", "so-lieu.csv"][kind as usize];
    let mut data = Sources::memory().with(name, body);
    if kind == 2 {
        data = data.with(
            "don-vi.yaml",
            "units:\n  - {id: xa-a, name: Xã A, kind: xã}\n  - {id: thon-1, name: Thôn Một, kind: thôn, parent: xa-a}\n",
        );
    }
    if let Ok(p) = ntm::analysis::project::Project::load(&rules, Some(&data)) {
        let _ = p.evaluate(&ntm::engine::eval::EvalOptions::default());
    }
});
