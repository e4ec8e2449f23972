//! Foundations every layer uses: diagnostics, sources, the YAML/JSON loader, text,
//! numbers, typed values, dates, unit kinds, the Rhai sandbox and resource limits.

pub mod date;
pub mod diag;
pub mod json_keys;
pub mod limits;
pub mod loader;
pub mod number;
pub mod problem;
pub mod sandbox;
pub mod source;
pub mod span;
pub mod text;
pub mod units;
pub mod value;
