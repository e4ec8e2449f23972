//! How much of each result evaluation builds (its own file: both the run and each
//! unit's evaluation read it).

/// How much of each result evaluation builds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Detail {
    /// Every indicator with its inputs, thresholds, citation and expression.
    #[default]
    Full,
    /// Criteria and verdicts: indicators are decided (their statuses, sources and
    /// points count as in full detail) but not kept, so none of their metadata is
    /// copied. For CSV and summary JSON, whose outputs do not show indicators.
    Criteria,
    /// Indicators kept with their id, status and points only (sweeps count passes).
    Statuses,
}
