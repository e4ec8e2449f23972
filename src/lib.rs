//! ntm: evaluates Vietnamese communes (xã) and villages (thôn) against the criteria
//! of the New Rural Development programme (Nông thôn mới), with the criteria kept
//! as data in YAML rule files with Rhai expressions.
//!
//! The library never prints and has no command-line types: `ntm` (src/main.rs) parses
//! the command line and calls it; `printers` turn results into text.

pub mod check;
pub mod data;
pub mod date;
pub mod diag;
pub mod diff;
pub mod eval;
pub mod library;
pub mod loader;
pub mod number;
pub mod plan;
pub mod project;
pub mod registry;
pub mod render;
pub mod report;
pub mod rollup;
pub mod rules;
pub mod sandbox;
pub mod scenario;
pub mod source;
pub mod testcases;
pub mod text;
pub mod units;
pub mod value;
pub mod whatif;

pub const ENGINE_VERSION: &str = concat!("ntm ", env!("CARGO_PKG_VERSION"));
