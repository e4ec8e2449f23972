//! The integration tests: one binary, several modules.

mod annex;
mod check_fixtures;
mod cli;
mod common;
mod diff;
mod hostile;
mod inputs;
mod layering;
mod lineage;
mod numbers;
mod outputs;
mod pending;
mod plan;
mod reports;
mod repository;
mod robustness;
mod rule_cases;
mod scenarios;
mod schema;
mod snapshots;
mod whatif;
