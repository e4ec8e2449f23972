//! The typed details some problems carry (a published list's fault, a merge rule's,
//! a test case's mismatch, a validity period): kept apart from the list of problems.

use serde::Serialize;

/// What a published list gives that its set cannot have.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum PublishedFault {
    /// A count of criteria (`given`, as written) above the set's `total` criteria.
    CountAbove { given: i64, total: usize },
    /// Counts per level that name every level and add up to `sum`, not `total` (or
    /// exceed it).
    CountsSum { sum: i64, total: usize },
    /// A criterion named (`found`) that the set does not have.
    UnknownCriterion {
        found: String,
        suggestion: Option<String>,
    },
}

/// What is wrong with a merge rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MergeFault {
    /// Both `criteria` and `fields`.
    Both,
    /// Criteria with another `how` than `all_parts`.
    CriteriaHow,
    /// Neither `criteria` nor `fields`.
    NothingNamed,
    /// Fields with `how: all_parts`.
    FieldsHow,
    /// A weighted mean without `weight:`.
    NoWeight,
}

/// How a rule-file test case came out differently from what it expects. Outcomes,
/// statuses and verdicts are their stable codes (`pass`, `not_met` …).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum TestMismatch {
    /// Expected eligible, but the unit has not reached the set's prerequisite `stage`
    /// (recognised no later than the year, or met in the same year).
    NotEligible { stage: String },
    /// Expected not eligible, but the prerequisite is met.
    Eligible,
    /// Not eligible (prerequisite `stage`) though the case does not say so.
    UnexpectedlyNotEligible { stage: String },
    /// An expected value that is not one of `allowed`.
    NotAllowed { item: Checked, found: String },
    /// `item` `id` came out `got` where `expected` was expected; for an indicator, the
    /// value, thresholds (`p = v`), those whose entry does not apply to the unit
    /// (`not_applicable`, parameter ids) and what was missing.
    Differs {
        item: Checked,
        id: String,
        expected: String,
        got: String,
        value: Option<String>,
        thresholds: Vec<String>,
        not_applicable: Vec<String>,
        no_value: Vec<String>,
        no_threshold: Vec<String>,
    },
    /// `item` `id` was not evaluated.
    NotEvaluated { item: Checked, id: String },
    /// A recognition status is expected, but the set has no recognition conditions.
    NoRecognition,
}

/// A validity period, worded by the catalogues ("until replaced" when open).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Period {
    pub from: String,
    pub until: Option<String>,
}

/// What a test case checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Checked {
    Indicator,
    Criterion,
    Condition,
    Verdict,
    Score,
    Level,
    Recognisable,
    /// The number of criteria met.
    Met,
    /// A finding expected among those of the result (`got` lists them).
    Finding,
}

/// A unit a shared name may mean, with the first and last year it exists (`None`: open).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct UnitYears {
    pub id: String,
    pub name: String,
    pub from: Option<i32>,
    pub until: Option<i32>,
}
