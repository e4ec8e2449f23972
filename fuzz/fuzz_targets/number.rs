//! Any text through the number reader, in every format: never a panic, and a value
//! read is finite.
#![no_main]
use libfuzzer_sys::fuzz_target;
use ntm::core::number::{parse_number, NumberFormat};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    for f in [NumberFormat::Auto, NumberFormat::Vi, NumberFormat::En] {
        if let Ok(p) = parse_number(s, f) {
            assert!(!p.value.is_nan());
        }
    }
});
