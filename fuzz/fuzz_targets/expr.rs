//! Any text as an indicator's expression: compiled, checked and run on a test case
//! by the rule loader and the test runner.
#![no_main]
use libfuzzer_sys::fuzz_target;
use ntm::core::source::Sources;

const RULES: &str = include_str!("../../tests/fixtures/hostile/_rules/mini.yaml");

fuzz_target!(|data: &[u8]| {
    let Ok(expr) = std::str::from_utf8(data) else {
        return;
    };
    if expr.contains('\n') || expr.contains('\'') {
        return;
    }
    let text = RULES.replace(
        "expr: ho_dien_pct >= ho_dien_min",
        &format!("expr: '{expr}'"),
    ) + "tests:\n  - {name: t, year: 2021, values: {ho_dien_pct: 97, so_ho: 3, thu_nhap: 0}, expect: {verdict: đạt chuẩn}}\n";
    let src = Sources::memory().with("mini.yaml", text);
    if let Ok(p) = ntm::analysis::project::Project::load(&src, None) {
        let _ = p.test();
    }
});
