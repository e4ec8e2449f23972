//! The rule-file format as policy staff write it (YAML). These types mirror the file
//! one to one; `rules::compile` validates them and turns them into `RuleSet`s.
//! Unknown keys are refused so that a misspelt key is an error, not a silent default.

use crate::core::loader::Spanned;
use crate::core::units::UnitKind;
pub use crate::core::value::{FieldType, Scalar};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    pub ruleset: Meta,
    #[serde(default)]
    pub fields: Vec<FieldDef>,
    #[serde(default)]
    pub parameters: Vec<ParamDef>,
    /// Required, except in an amendment (which may change only parameters).
    #[serde(default)]
    pub criteria: Vec<CriterionDef>,
    /// Scoring (chấm điểm): points per indicator and levels by score.
    #[serde(default)]
    pub scoring: Option<ScoringDef>,
    /// Conditions for recognition (công nhận), beyond the criteria.
    #[serde(default)]
    pub recognition: Option<RecognitionDef>,
    #[serde(default)]
    pub tests: Vec<TestCaseDef>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScoringDef {
    pub citation: CitationDef,
    /// Set when the point tables are not known: scores are then not computed.
    #[serde(default)]
    pub pending_source: Option<String>,
    /// Levels from the highest: a unit (or criterion) takes the first whose `min`
    /// (a percentage of the maximum score) it reaches.
    #[serde(default)]
    pub levels: Vec<LevelDef>,
    #[serde(default)]
    pub notes: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelDef {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub label: String,
    pub min: f64,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecognitionDef {
    pub title: String,
    pub citation: CitationDef,
    /// Each condition is written like an indicator; it may also read the built-in
    /// values `criteria_met`, `criteria_total` and `all_criteria_met`.
    pub conditions: Vec<IndicatorDef>,
    /// How the conditions were read (official, secondary, none); without it, `none`: a
    /// recognition decided by them is marked as resting on no source read.
    #[serde(default)]
    pub source_level: Option<SourceLevel>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub title: String,
    #[schemars(with = "UnitKind")]
    pub level: Spanned<UnitKind>,
    pub stage: Stage,
    /// Province whose units the set applies to (e.g. `Bắc Kạn`); absent = national. A
    /// provincial set takes precedence over a national one for that province's units.
    #[serde(default)]
    pub jurisdiction: Option<String>,
    /// Region whose thresholds apply when a unit does not name its own (e.g. TDMNPB).
    #[serde(default)]
    pub region: Option<String>,
    #[schemars(with = "String")]
    pub valid_from: Spanned<String>,
    /// Last day in force; absent means "until a new set replaces it".
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub valid_until: Option<Spanned<String>>,
    /// A stage the unit must already have reached (NTM nâng cao needs đạt chuẩn NTM).
    #[serde(default)]
    pub prerequisite: Option<Stage>,
    /// Units with a yes/no attribute use another region's thresholds (QĐ 318, Điều 1:
    /// xã đặc biệt khó khăn use the TDMNPB level).
    #[serde(default)]
    pub region_rules: Vec<RegionRuleDef>,
    /// Commune groups (nhóm xã) whose thresholds differ, e.g. the 2026–2030 set.
    #[serde(default)]
    pub groups: Vec<GroupDef>,
    /// Criterion levels, best first (default: đạt / chưa đạt), e.g. đạt, cơ bản đạt,
    /// chưa đạt. Declared statuses may use their ids, labels or aliases.
    #[serde(default)]
    pub levels: Vec<CriterionLevelDef>,
    /// The unit's level from the counts of criteria per level: the first rule whose
    /// `when` (Rhai over the level ids, `met`, `total`) holds.
    #[serde(default)]
    pub verdicts: Vec<VerdictRuleDef>,
    /// Id of the rule set this file amends: only what it changes is written here
    /// (fields, parameters, criteria by id); the rest comes from the base, which ends
    /// the day before the amendment starts.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub amends: Option<Spanned<String>>,
    /// Ids of rule sets this one replaces: each ends the day before this one starts.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub supersedes: Vec<Spanned<String>>,
    /// The decision that issues the set.
    pub document: DocumentDef,
    /// Guidance documents that refine it (Hướng dẫn).
    #[serde(default)]
    pub guidance: Vec<DocumentDef>,
    /// Higher-level sets it is built on (e.g. the national set a provincial set follows).
    #[serde(default)]
    pub based_on: Vec<DocumentDef>,
    #[serde(default)]
    pub notes: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CriterionLevelDef {
    /// A short code, e.g. `co_ban_dat`.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// As printed, e.g. `Cơ bản đạt`.
    pub label: String,
    /// Other ways the level is written in tables (e.g. `x`, `1`, `CBĐ`).
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VerdictRuleDef {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub label: String,
    /// Rhai over the counts: each level id, `met`, `total`.
    #[schemars(with = "String")]
    pub when: Spanned<String>,
    /// The verdict this level stands for: đạt chuẩn (`met`), chưa đạt (`not_met`) or a
    /// step between (`intermediate`, e.g. "cơ bản đạt chuẩn", not yet đạt chuẩn).
    pub means: LevelMeaning,
    #[serde(default)]
    pub citation: Option<CitationDef>,
    /// How the rule was read (official, secondary, none); without it, `none`: a level
    /// decided by the rule is marked as resting on no source read.
    #[serde(default)]
    pub source_level: Option<SourceLevel>,
}

/// The verdict a unit level stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LevelMeaning {
    /// Đạt chuẩn.
    Met,
    /// A step towards it (cơ bản đạt chuẩn): not yet đạt chuẩn.
    Intermediate,
    /// Chưa đạt chuẩn.
    NotMet,
}

#[derive(Clone, Debug, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegionRuleDef {
    /// A yes/no unit attribute, e.g. `dac_biet_kho_khan`.
    pub when: String,
    pub region: String,
    pub citation: CitationDef,
    /// How the rule is sourced, like a threshold value.
    pub source_level: SourceLevel,
}

#[derive(Clone, Debug, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupDef {
    /// The value of a unit's `group` attribute, e.g. "1".
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub name: String,
    pub definition: String,
    pub citation: CitationDef,
    /// How a unit's group follows from its other attributes, for units that do not
    /// carry a `group` of their own.
    #[serde(default)]
    pub derive: Option<GroupDeriveDef>,
}

/// The attributes that put a unit in a group: any one of `any_of` (each a list of
/// conditions that must all hold), or `otherwise` for the group of units in no other.
#[derive(Clone, Debug, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupDeriveDef {
    #[serde(default)]
    pub any_of: Vec<Vec<GroupCondition>>,
    /// The residual group: units whose attributes put them in no other group.
    #[serde(default)]
    pub otherwise: bool,
    /// How the derivation is sourced (the group's citation says where).
    pub source_level: SourceLevel,
}

/// One test on a unit attribute.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum GroupCondition {
    /// A yes/no attribute that is yes: `{yes: lien_ke_do_thi}`.
    Yes(String),
    /// A number attribute below a value: `{below: [ty_trong_nong_nghiep_pct, 10]}`.
    Below(String, f64),
    /// A text attribute that is one of the values: `{one_of: [khu_vuc, [II, III]]}`.
    OneOf(String, Vec<String>),
}

impl GroupCondition {
    pub fn attribute(&self) -> &str {
        match self {
            GroupCondition::Yes(a) | GroupCondition::Below(a, _) | GroupCondition::OneOf(a, _) => a,
        }
    }
}

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, schemars::JsonSchema,
)]
pub enum Stage {
    #[serde(rename = "NTM")]
    Ntm,
    #[serde(rename = "NTM nâng cao", alias = "NTM nang cao")]
    NtmNangCao,
}

impl Stage {
    /// The stage as written in rule files and datasets.
    pub fn code(self) -> &'static str {
        match self {
            Stage::Ntm => "NTM",
            Stage::NtmNangCao => "NTM nâng cao",
        }
    }
}

#[derive(Clone, Debug, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentDef {
    /// Number as printed on the document, e.g. `225/QĐ-UBND`.
    pub number: String,
    pub date: String,
    pub issuer: String,
    pub title: String,
    /// Where the document (or a quotation of it) was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldDef {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub label: String,
    #[serde(rename = "type")]
    pub ty: FieldType,
    #[serde(default)]
    pub unit: Option<String>,
    /// Inclusive [min, max]; percent fields default to [0, 100], counts to [0, ∞).
    #[serde(default)]
    #[schemars(with = "Option<Vec<f64>>")]
    pub range: Option<Spanned<Vec<f64>>>,
    /// For a text field: the only values it may take (anything else is an error).
    #[serde(default)]
    pub values: Option<Vec<String>>,
    #[serde(default)]
    pub notes: Option<String>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ParamDef {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub label: String,
    #[serde(default)]
    pub unit: Option<String>,
    pub values: Vec<ParamValueDef>,
    #[serde(default)]
    pub notes: Option<String>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ParamValueDef {
    /// The threshold; absent exactly when the entry says `not_applicable: true`.
    #[serde(default)]
    #[schemars(with = "Option<Scalar>")]
    pub value: Option<Spanned<Scalar>>,
    /// The threshold does not apply to the units the selectors pick (e.g. one commune
    /// group): an indicator reading it is "không áp dụng" for them, neither met nor
    /// failed nor missing. Written instead of `value`, with its citation and source level.
    #[serde(default)]
    #[schemars(with = "Option<bool>")]
    pub not_applicable: Option<Spanned<bool>>,
    /// Selectors; an absent selector matches everything.
    #[serde(default)]
    pub year: Option<i32>,
    #[serde(default)]
    pub from_year: Option<i32>,
    #[serde(default)]
    pub to_year: Option<i32>,
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub group: Option<String>,
    pub citation: CitationDef,
    /// How the value was sourced: `official` (read in the decision's own text),
    /// `secondary` (news, law libraries) or `none` (no source read: an assumption).
    pub source_level: SourceLevel,
    #[serde(default)]
    pub note: Option<String>,
}

/// How well a value is sourced, weakest last so that `max` gives the weakest.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Deserialize,
    Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum SourceLevel {
    /// The decision's text (government portal, gazette, or a .gov.vn page quoting its table).
    Official,
    /// A secondary source: news, law libraries, summaries.
    Secondary,
    /// No source read: an assumption, shown as such.
    None,
}

#[derive(Clone, Debug, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CitationDef {
    /// Number of a document declared in `ruleset` (document, guidance or based_on).
    #[schemars(with = "String")]
    pub document: Spanned<String>,
    /// Article, section or annex row, as precise as the source allows.
    #[serde(default)]
    pub section: Option<String>,
    /// Where the value or wording was read (a page, a quotation), if not the document itself.
    #[serde(default)]
    pub source: Option<String>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CriterionDef {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub name: String,
    /// Criteria group (nhóm tiêu chí), for display.
    #[serde(default)]
    pub group: Option<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub department: Option<Spanned<String>>,
    #[serde(default)]
    pub citation: Option<CitationDef>,
    #[serde(default)]
    pub indicators: Vec<IndicatorDef>,
    /// Ids of criteria of the replaced set(s) that this one continues, so that diffs
    /// pair them; without it, criteria are paired by id only when neither set declares any.
    #[serde(default)]
    pub continues: Vec<String>,
    /// Set when the indicators of this criterion are not known from a source: the
    /// criterion is then decided only by a declared status in the dataset.
    #[serde(default)]
    pub pending_source: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorDef {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub name: String,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub department: Option<Spanned<String>>,
    /// Ids of indicators of the replaced set(s) that this one continues.
    #[serde(default)]
    pub continues: Vec<String>,
    /// Rhai expression giving true (đạt) or false (chưa đạt).
    #[schemars(with = "String")]
    pub expr: Spanned<String>,
    /// Optional Rhai expression giving the measured value, to report the shortfall.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub value: Option<Spanned<String>>,
    /// With `scoring`: the points the indicator is worth.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub points: Option<Spanned<f64>>,
    /// With `scoring`: a Rhai expression for the points earned (partial credit);
    /// default: all points when it passes, none when it fails.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub score: Option<Spanned<String>>,
    pub citation: CitationDef,
    #[serde(default)]
    pub notes: Option<String>,
}

#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TestCaseDef {
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    pub year: i32,
    /// Unit attributes such as `region` or `group`.
    #[serde(default)]
    pub attributes: BTreeMap<String, Scalar>,
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Scalar>")]
    pub values: BTreeMap<String, Spanned<Scalar>>,
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Scalar>")]
    pub declared: BTreeMap<String, Spanned<Scalar>>,
    #[serde(default)]
    pub reported_total: Option<i64>,
    /// Criteria counted per level (a count-only case), e.g. `{dat: 17, co_ban_dat: 2}`.
    #[serde(default)]
    pub counts: BTreeMap<String, i64>,
    pub expect: ExpectDef,
}

#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExpectDef {
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    pub indicators: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    pub criteria: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub verdict: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<i64>")]
    pub met: Option<Spanned<i64>>,
    /// Recognition condition outcomes: pass | fail | missing.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    pub recognition: BTreeMap<String, Spanned<String>>,
    /// With scoring: the unit's score as a percentage of the maximum.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub score: Option<Spanned<f64>>,
    /// The unit's level id: by the set's verdict rules when it has them (from statuses
    /// or from `counts:` alone), else its score's level.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub level: Option<Spanned<String>>,
    /// recognisable | not_recognisable | incomplete
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub recognisable: Option<Spanned<String>>,
    /// For a set with a prerequisite: whether the unit may be evaluated at all.
    #[serde(default)]
    #[schemars(with = "Option<bool>")]
    pub eligible: Option<Spanned<bool>>,
    /// Finding kinds that must be reported (e.g. `declared_mismatch`).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub findings: Vec<Spanned<String>>,
}
