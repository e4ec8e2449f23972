//! Any text as an expression, on values chosen by the input: where the native
//! evaluator decides, it must give exactly Rhai's value and type (issue 20, item 3).
//! Input: 8 bytes choosing the values of `a b c d p q s t` (any type each), then the
//! expression. Seeds: the lines of tests/fixtures/native/expressions.txt, each after
//! 8 bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;
use ntm::core::value::Value;
use ntm::rules::native::check::{compare_text, Agreement};

const NAMES: [&str; 8] = ["a", "b", "c", "d", "p", "q", "s", "t"];

fn value(byte: u8) -> Value {
    let ints = [0, 1, -1, 2, 7, 80, 100, i64::MAX, i64::MIN];
    let floats = [0.0, -0.0, 0.5, 0.3, 0.1 + 0.2, 80.0, 1e300, f64::INFINITY, f64::NAN];
    let texts = ["", "a", "b", "Có"];
    let i = byte as usize;
    match i % 4 {
        0 => Value::Int(ints[i / 4 % ints.len()]),
        1 => Value::Number(floats[i / 4 % floats.len()]),
        2 => Value::Bool(i / 4 % 2 == 0),
        _ => Value::Text(texts[i / 4 % texts.len()].to_string()),
    }
}

thread_local! {
    static ENGINE: rhai::Engine = ntm::core::sandbox::engine();
}

fuzz_target!(|data: &[u8]| {
    let Some((choice, text)) = data.split_first_chunk::<8>() else {
        return;
    };
    let Ok(src) = std::str::from_utf8(text) else {
        return;
    };
    let vars: Vec<(&str, Value)> = NAMES
        .iter()
        .zip(choice)
        .map(|(k, b)| (*k, value(*b)))
        .collect();
    if let Some((_, Agreement::Differ(why))) = ENGINE.with(|e| compare_text(e, src, &vars)) {
        panic!("`{src}` on {vars:?}: {why}");
    }
});
