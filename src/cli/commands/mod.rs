//! One file per command: arguments (already parsed) → the `Project` facade → a renderer.

pub(crate) mod check;
pub(crate) mod diff;
pub(crate) mod eval;
pub(crate) mod explain;
pub(crate) mod gen;
pub(crate) mod lineage;
pub(crate) mod new;
pub(crate) mod pending;
pub(crate) mod plan;
pub(crate) mod rollup;
pub(crate) mod serve;
pub(crate) mod sweep;
pub(crate) mod test;
