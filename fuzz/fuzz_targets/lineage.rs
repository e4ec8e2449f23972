//! Any bytes as a lineage file beside the units of the lineage fixture: loaded
//! (resolved and validated: one event per unit and day, no unit ending before it
//! begins, no merge or parent cycle), then every unit's history and the results mapped
//! onto the units of a later date.
#![no_main]
use libfuzzer_sys::fuzz_target;
use ntm::core::source::Sources;

const UNITS: &str = include_str!("../../tests/fixtures/eval/lineage-merge/data/don-vi.yaml");
const RULES: &str = include_str!("../../tests/fixtures/eval/lineage-merge/rules/xa-thu.yaml");
const MERGE: &str = include_str!("../../tests/fixtures/eval/lineage-merge/rules/gop.yaml");

fuzz_target!(|data: &[u8]| {
    let rules = Sources::memory()
        .with("xa-thu.yaml", RULES)
        .with("gop.yaml", MERGE);
    let mut lineage = b"lineage: {id: fuzz, title: Fuzz}\n".to_vec();
    lineage.extend_from_slice(data);
    let data = Sources::memory()
        .with("don-vi.yaml", UNITS)
        .with("lich-su.yaml", lineage);
    let Ok(p) = ntm::analysis::project::Project::load(&rules, Some(&data)) else {
        return;
    };
    for unit in ["a", "b", "ab", "c", "d"] {
        let _ = p.history(unit, None);
    }
    if let Ok(date) = ntm::core::date::Date::parse("2026-01-01") {
        let _ = p.evaluate_as_units(&ntm::engine::eval::EvalOptions::default(), date);
    }
});
