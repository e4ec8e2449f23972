//! The integration tests: one binary, several modules.

mod annex;
mod authoring;
mod check_fixtures;
mod cli;
mod common;
mod diff;
mod file_schemas;
mod guide;
mod hostile;
mod inputs;
mod layering;
mod lineage;
mod numbers;
mod outputs;
mod pending;
mod plan;
mod published;
mod reports;
mod repository;
mod robustness;
mod rule_cases;
mod scenarios;
mod shipped_language;
mod schema;
mod snapshots;
mod whatif;
