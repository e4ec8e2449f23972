//! The integration tests: one binary, several modules.

mod annex;
mod check_fixtures;
mod cli;
mod common;
mod diff;
mod layering;
mod plan;
mod rule_cases;
mod schema;
mod snapshots;
mod whatif;
