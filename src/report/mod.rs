//! Evaluation results: the stable JSON schema of `ntm eval --format json`
//! (documented in docs/json-schema.md). Printers read these; nothing here prints.

use crate::core::source::FileStamp;
use crate::core::units::UnitKind;
use crate::core::value::Value;
use crate::data::model::Provenance;
pub use crate::data::DataSource;
use crate::rules::model::{SourceLevel, Stage};
use crate::rules::Citation;
pub use crate::rules::CriterionInfo;
use serde::Serialize;

mod codes;
mod criterion;
pub mod doc;

pub use crate::core::text::Shared;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Pass,
    Fail,
    Missing,
    /// A threshold it reads does not apply to the unit (its commune group): neither
    /// passed nor failed nor missing.
    NotApplicable,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Met,
    NotMet,
    Missing,
    /// No indicator of the criterion applies to the unit: it counts neither for nor
    /// against it (left out of "N/M").
    NotApplicable,
}

impl Verdict {
    /// Criteria met, criteria in all, and the verdict they give: đạt chuẩn only when
    /// every criterion is met, chưa đạt when one is not, otherwise not enough data.
    pub fn of(criteria: &[CriterionResult]) -> (usize, usize, Verdict) {
        let met = criteria.iter().filter(|c| c.status == Status::Met).count();
        // A criterion that does not apply to the unit is not one of its M.
        let total = criteria
            .iter()
            .filter(|c| c.status != Status::NotApplicable)
            .count();
        let verdict = if criteria.iter().any(|c| c.status == Status::NotMet) {
            Verdict::NotMet
        } else if met == total {
            Verdict::Met
        } else {
            Verdict::Incomplete
        };
        (met, total, verdict)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Đạt chuẩn: every criterion met, or (in a set graded in levels) the unit's level
    /// stands for đạt chuẩn.
    Met,
    /// Chưa đạt: at least one criterion not met.
    NotMet,
    /// Some criterion has no data and none is failed.
    Incomplete,
}

/// A status that may be an indicator outcome or a criterion status (flips, work lists).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum AnyStatus {
    Indicator(Outcome),
    Criterion(Status),
}

/// A criterion's level among its set's levels: 0 is the best of `of`.
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct GradedLevel {
    pub id: String,
    pub rank: usize,
    pub of: usize,
}

/// A unit level from a set's verdict rules: its code and its label as the set writes it.
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct UnitLevel {
    pub id: String,
    pub label: String,
    /// For the unit's level: the verdict it stands for (đạt chuẩn, a step, chưa đạt).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub means: Option<crate::rules::model::LevelMeaning>,
}

/// Where a criterion's status came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Computed from indicator values.
    Computed,
    /// Taken from a status declared in the dataset (e.g. an annex mark).
    Declared,
    /// Neither values nor a declared status.
    None,
    /// Combined from the statuses of merged units' parts, by a declared merge rule.
    Merged,
}

#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct ThresholdUsed {
    pub parameter: String,
    pub label: String,
    /// The threshold; null for an entry that does not apply.
    pub value: Option<Value>,
    /// The entry says the threshold does not apply (`value` is then null).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_applicable: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    pub verified: bool,
    /// official | secondary | none: how the value was sourced.
    pub source_level: SourceLevel,
    pub citation: Citation,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct InputUsed {
    pub field: String,
    pub label: String,
    pub value: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct IndicatorResult {
    pub id: String,
    pub name: String,
    pub status: Outcome,
    /// The measured value (the `value` expression, or the single field read).
    pub value: Option<Value>,
    /// The thresholds (parameters) the decision used, with citations.
    pub threshold: Vec<ThresholdUsed>,
    /// How far a failing value is from its threshold (always ≥ 0), when known.
    pub shortfall: Option<f64>,
    pub inputs: Vec<InputUsed>,
    /// True when any threshold used is not verified against its document.
    pub unverified: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    pub citation: Citation,
    pub expr: String,
    /// Why the indicator is missing (no value, no threshold), when it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<MissingReason>,
    /// The weakest source level among the thresholds used (null without thresholds).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weakest_source: Option<SourceLevel>,
    /// With scoring: points earned (null when missing) and points it is worth.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points: Option<Score>,
}

/// Why an indicator could not be decided.
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MissingReason {
    /// Fields without a value; `out_of_range` lists those whose value was refused.
    NoValue {
        fields: Vec<String>,
        out_of_range: Vec<String>,
    },
    /// Parameters with no value for the year (and region or group).
    NoThreshold {
        parameters: Vec<String>,
        year: i32,
        region: Option<String>,
    },
}

/// English wording, for test-case failures (diagnostics of rule files).
impl std::fmt::Display for MissingReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MissingReason::NoValue { fields, .. } => write!(f, "no value: {}", fields.join(", ")),
            MissingReason::NoThreshold {
                parameters, year, ..
            } => write!(f, "no threshold {} for {year}", parameters.join(", ")),
        }
    }
}

/// A score: points earned out of a maximum, the percentage, and the level reached.
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct Score {
    pub earned: Option<f64>,
    pub max: f64,
    pub percent: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level_label: Option<String>,
    /// Why no score is computed (the point table is not known).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pending_source: Option<String>,
}

/// A criterion's result: its rule's id, name, department, citation and pending source are
/// one value shared by every result, not copied into each (JSON: `criterion.rs`).
#[derive(Clone, Debug)]
pub struct CriterionResult {
    /// The criterion as its rule set gives it (read through `Deref`: `c.id`, `c.name`).
    pub info: Shared<CriterionInfo>,
    pub status: Status,
    pub basis: Basis,
    pub computed: Option<Status>,
    pub declared: Option<Status>,
    pub unverified: bool,
    pub score: Option<Score>,
    pub level: Option<GradedLevel>,
    pub indicators: Vec<IndicatorResult>,
}

/// Reading a result's criterion fields as its own (`c.id`, `c.name`, `c.department` …).
impl std::ops::Deref for CriterionResult {
    type Target = CriterionInfo;
    fn deref(&self) -> &CriterionInfo {
        &self.info
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// A total written in the source differs from the recomputed count.
    ReportedTotalMismatch,
    /// A declared status differs from the one computed from values.
    DeclaredMismatch,
    /// A value lies outside its field's declared range (it is not used).
    OutOfRange,
    /// A declared status names a criterion the rule set does not have.
    UnknownCriterion,
    /// The verdict rests on at least one unverified threshold.
    UnverifiedThreshold,
    /// The data are illustrative, not real figures.
    IllustrativeData,
    /// A merged unit's criteria that no merge rule says how to combine (left unknown).
    NoMergeRule,
    /// A published unit-level verdict differs from the computed one.
    PublishedVerdictMismatch,
    /// A published count of criteria at a level differs from the recount.
    LevelCountMismatch,
    /// A set with commune groups, and the unit's group is not known.
    NoGroup,
    /// The unit's group derived from its attributes by the set's declared rule.
    GroupDerived,
    /// The criteria known (named or decided) contradict a published count that stands
    /// for the rest.
    KnownContradictsCount,
}

impl FindingDetail {
    pub fn kind(&self) -> FindingKind {
        match self {
            FindingDetail::ReportedTotalMismatch { .. } => FindingKind::ReportedTotalMismatch,
            FindingDetail::DeclaredMismatch { .. } => FindingKind::DeclaredMismatch,
            FindingDetail::OutOfRange { .. } => FindingKind::OutOfRange,
            FindingDetail::UnknownCriterion { .. } => FindingKind::UnknownCriterion,
            FindingDetail::UnverifiedThreshold { .. } => FindingKind::UnverifiedThreshold,
            FindingDetail::IllustrativeData => FindingKind::IllustrativeData,
            FindingDetail::NoMergeRule { .. } => FindingKind::NoMergeRule,
            FindingDetail::PublishedVerdictMismatch { .. } => FindingKind::PublishedVerdictMismatch,
            FindingDetail::LevelCountMismatch { .. } => FindingKind::LevelCountMismatch,
            FindingDetail::NoGroup { .. } => FindingKind::NoGroup,
            FindingDetail::GroupDerived { .. } => FindingKind::GroupDerived,
            FindingDetail::KnownContradictsCount { .. } => FindingKind::KnownContradictsCount,
        }
    }
}

/// What a finding is about, with the values a reader needs; words come from the
/// renderers' message catalogue.
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FindingDetail {
    ReportedTotalMismatch {
        reported: i64,
        counted: usize,
    },
    DeclaredMismatch {
        criterion_name: String,
        declared: Status,
        computed: Status,
    },
    OutOfRange {
        field: String,
        label: String,
        value: f64,
        min: f64,
        /// Null when unbounded.
        max: Option<f64>,
    },
    UnknownCriterion {
        ruleset: String,
    },
    UnverifiedThreshold {
        indicators: Vec<String>,
        /// The weakest source level among them.
        weakest: SourceLevel,
    },
    IllustrativeData,
    NoMergeRule {
        criteria: Vec<String>,
    },
    PublishedVerdictMismatch {
        /// As published.
        published: String,
        /// The computed verdict code or unit level id.
        computed: String,
    },
    LevelCountMismatch {
        level: String,
        reported: i64,
        counted: usize,
    },
    /// The set's thresholds differ by commune group and the unit's group is unknown:
    /// it has no `group`, and the set's derivation lacks the attributes in `missing`,
    /// or several groups' conditions hold at once (`matching`) and no source says
    /// which prevails. Every threshold by group is then missing.
    NoGroup {
        ruleset: String,
        missing: Vec<String>,
        matching: Vec<String>,
    },
    /// The unit has no `group`; the set's declared derivation puts it in `group`.
    GroupDerived {
        group: String,
        source_level: SourceLevel,
    },
    /// `met` criteria known met and `not_met` known not met, of `total`, beside a
    /// published count `reported`: more known met than published, or more known not
    /// met than `total - reported`.
    KnownContradictsCount {
        reported: i64,
        met: usize,
        not_met: usize,
        total: usize,
    },
}

/// A published count beside criteria of which only some are known: the count stands
/// for the unknown ones (they are not failed).
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct PartialCount {
    /// The number of criteria met, as published.
    pub reported: i64,
    /// Criteria known met, known not met, and not known.
    pub met: usize,
    pub not_met: usize,
    pub unknown: usize,
}

#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct Finding {
    #[serde(flatten)]
    pub detail: FindingDetail,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub criterion: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
}

impl Finding {
    pub fn kind(&self) -> FindingKind {
        self.detail.kind()
    }
}

#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct UnitRef {
    pub id: String,
    pub name: String,
    pub kind: UnitKind,
    pub parent: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_name: Option<String>,
}

#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct UnitResult {
    pub unit: UnitRef,
    pub year: i32,
    pub ruleset: String,
    pub ruleset_title: String,
    /// The region whose thresholds were applied (after any region rule).
    pub region: Option<String>,
    /// The commune group whose thresholds were applied (the unit's `group` on the
    /// year's last day, or derived by the set's rule); absent when unknown or unused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// `NTM` or `NTM nâng cao`.
    pub stage: Stage,
    pub document: String,
    pub met: usize,
    pub total: usize,
    pub verdict: Verdict,
    pub reported_total: Option<i64>,
    /// The verdict or level a list published for the unit and year (as written), shown
    /// beside the computed one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_verdict: Option<String>,
    /// A published count with only some criteria known: known met, not met, unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial: Option<PartialCount>,
    /// True when the verdict rests on a threshold not verified against its document.
    pub unverified: bool,
    /// The weakest source level among the thresholds the verdict rests on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weakest_source: Option<SourceLevel>,
    pub provenance: Option<Provenance>,
    /// The unit's level from its set's verdict rules (e.g. cơ bản đạt chuẩn).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<UnitLevel>,
    /// Criteria per level, when the set grades criteria in levels.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub counts: std::collections::BTreeMap<String, usize>,
    /// The set's criterion levels (ids in `counts` and in criteria's `level`) with their
    /// labels, best first, when the set grades criteria in levels.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<UnitLevel>,
    /// The record gave only the number of criteria met (and per level), no
    /// per-criterion status: `met` and the verdict come from that count.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub count_only: bool,
    /// For a unit mapped onto today's units (`--as-units`): the earlier units whose
    /// results it carries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<UnitRef>,
    pub criteria: Vec<CriterionResult>,
    /// The unit's score and level, when the rule set is scored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scoring: Option<Score>,
    /// Recognition conditions (công nhận), when the rule set has them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recognition: Option<RecognitionResult>,
    pub findings: Vec<Finding>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Recognisable {
    /// Every condition holds.
    Recognisable,
    /// Some condition fails: the unit cannot be recognised even if all criteria are met.
    NotRecognisable,
    Incomplete,
}

#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct RecognitionResult {
    pub title: String,
    pub citation: Citation,
    pub status: Recognisable,
    /// Each condition, reported like an indicator.
    pub conditions: Vec<IndicatorResult>,
    /// When decided, the weakest source level it rests on: the conditions' own (as the
    /// rule file reads them) and their thresholds'.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weakest_source: Option<SourceLevel>,
}

#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct Stamp {
    pub engine: String,
    pub rules: Vec<FileStamp>,
    pub data: Vec<FileStamp>,
    pub year: Option<i32>,
    pub overrides: Vec<String>,
    /// Results mapped onto the units that exist on this date (`--as-units`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_units: Option<crate::core::date::Date>,
}

/// Something the user should know that is not about one result.
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Notice {
    /// A unit has a record for a year when no rule set for its kind is in force.
    NoRuleSet {
        unit: String,
        unit_name: String,
        unit_kind: UnitKind,
        year: i32,
    },
    /// `--year` names a year the dataset has no record for.
    NoDataForYear { year: i32, years: Vec<i32> },
    /// A set with a prerequisite stage skipped these units.
    NotEligible {
        ruleset: String,
        year: i32,
        stage: Stage,
        units: Vec<String>,
    },
    /// A commune value derived from its villages' values (roll-up files).
    Derived {
        unit_name: String,
        unit_kind: UnitKind,
        year: i32,
        field: String,
        value: f64,
        children: usize,
        from: UnitKind,
    },
    /// A record whose unit does not exist that year, or is no longer of the kind the
    /// sets judge (e.g. a xã that became a thị trấn): not assessed.
    NotAssessed {
        unit: String,
        unit_name: String,
        unit_kind: UnitKind,
        year: i32,
        reason: crate::data::lineage::NotAssessed,
    },
    /// A plan target written on an old unit now followed through its successor.
    FollowsSuccessor {
        target: String,
        from: String,
        to: String,
    },
    /// Results that rest on thresholds not read in their document (plans), and the
    /// weakest level among them.
    Unverified {
        results: usize,
        of: usize,
        weakest: Option<SourceLevel>,
    },
}

#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct Report {
    pub stamp: Stamp,
    pub results: Vec<UnitResult>,
    pub notices: Vec<Notice>,
}
