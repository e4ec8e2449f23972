//! Any bytes as a rule file: loading and checking must end in a result or
//! diagnostics, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use ntm::core::source::Sources;

fuzz_target!(|data: &[u8]| {
    let src = Sources::memory().with("rules/fuzz.yaml", data.to_vec());
    let _ = ntm::engine::library::load_library(&src);
});
