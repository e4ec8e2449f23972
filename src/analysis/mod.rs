//! Analyses over the engine: the `Project` facade and what it answers (check, test
//! cases, diffs, sweeps, plans, results on today's units, pending sources, scaffolds,
//! schemas, synthetic data).

pub mod as_units;
pub mod check;
pub mod diff;
pub mod drift;
pub mod gen;
pub mod lint;
pub mod pending;
pub mod plan;
pub mod project;
pub mod scaffold;
pub mod schemas;
pub mod testcases;
pub mod whatif;
