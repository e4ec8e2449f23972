//! The JSON documents `ntm eval` writes, as types: the report in full or in summary
//! detail, and the lines of JSON Lines. Renderers fill these and serde writes them, so
//! the committed schema (docs/report.schema.json, generated from [`EvalJson`]) describes
//! exactly what is written. They borrow from the results: building one copies nothing
//! but the worded messages.

use super::{
    CriterionResult, Finding, GradedLevel, Notice, RecognitionResult, Score, Stamp, Status,
    UnitLevel, UnitRef, UnitResult, Verdict,
};
use crate::core::text::Shared;
use crate::data::model::Provenance;
use crate::rules::model::{SourceLevel, Stage};
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

/// A finding or a notice with its `message` in the chosen language, so that a reader
/// of the file needs no catalogue.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "Worded{T}")]
pub struct Worded<'a, T> {
    #[serde(flatten)]
    pub item: &'a T,
    pub message: String,
}

/// What every result says about its unit, between its rule set and its criteria.
#[derive(Serialize, JsonSchema)]
pub struct ResultBody<'a> {
    /// The region whose thresholds were applied (after any region rule).
    pub region: Option<&'a str>,
    /// The commune group whose thresholds were applied, when the set has groups and
    /// the unit's group is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<&'a str>,
    pub stage: Stage,
    pub document: &'a str,
    pub met: usize,
    pub total: usize,
    pub verdict: Verdict,
    pub reported_total: Option<i64>,
    /// The verdict or level a list published, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_verdict: Option<&'a str>,
    /// A published count with only some criteria known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partial: Option<&'a crate::report::PartialCount>,
    pub unverified: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weakest_source: Option<SourceLevel>,
    pub provenance: Option<Provenance>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<&'a UnitLevel>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub counts: &'a BTreeMap<String, usize>,
    #[serde(skip_serializing_if = "<[UnitLevel]>::is_empty")]
    pub levels: &'a [UnitLevel],
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub count_only: bool,
    #[serde(skip_serializing_if = "<[UnitRef]>::is_empty")]
    pub parts: &'a [UnitRef],
}

/// What follows a result's criteria: score, recognition, findings.
#[derive(Serialize, JsonSchema)]
pub struct ResultEnd<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scoring: Option<&'a Score>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recognition: Option<&'a RecognitionResult>,
    pub findings: Vec<Worded<'a, Finding>>,
}

/// One result in full detail: indicators with values, thresholds and citations.
#[derive(Serialize, JsonSchema)]
pub struct FullResult<'a> {
    pub unit: &'a UnitRef,
    pub year: i32,
    pub ruleset: &'a str,
    pub ruleset_title: &'a str,
    #[serde(flatten)]
    pub body: ResultBody<'a>,
    pub criteria: &'a [CriterionResult],
    #[serde(flatten)]
    pub end: ResultEnd<'a>,
}

/// One result in summary detail: criteria statuses only; the rule set's names and
/// citations are said once, under `rulesets`.
// Written by `render::summary_json` in the same bytes (tests compare them): this type is
// the schema's and the reference (a comment, not a doc comment: the schema keeps those).
#[derive(Serialize, JsonSchema)]
pub struct SummaryResult<'a> {
    pub unit: &'a UnitRef,
    pub year: i32,
    pub ruleset: &'a str,
    #[serde(flatten)]
    pub body: ResultBody<'a>,
    pub criteria: Vec<SummaryCriterion<'a>>,
    #[serde(flatten)]
    pub end: ResultEnd<'a>,
}

/// A criterion's status in summary detail.
#[derive(Serialize, JsonSchema)]
pub struct SummaryCriterion<'a> {
    pub id: &'a str,
    pub status: Status,
    pub basis: super::Basis,
    pub computed: Option<Status>,
    pub declared: Option<Status>,
    pub unverified: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<&'a GradedLevel>,
}

/// A rule set as summary outputs name it once: title, document, and its criteria's
/// names, departments, citations and pending sources.
#[derive(Clone, Serialize, JsonSchema)]
pub struct RulesetEntry {
    pub title: String,
    pub document: String,
    pub criteria: Vec<Shared<crate::rules::CriterionInfo>>,
}

/// Rule sets by id, in the order the document first meets them.
#[derive(Default)]
pub struct Rulesets(pub Vec<(String, RulesetEntry)>);

impl Serialize for Rulesets {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

impl JsonSchema for Rulesets {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Rulesets".into()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <BTreeMap<String, RulesetEntry>>::json_schema(g)
    }
}

/// `ntm eval --format json`: the whole report in full detail.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct FullReport<'a> {
    pub stamp: &'a Stamp,
    pub results: Vec<FullResult<'a>>,
    pub notices: Vec<Worded<'a, Notice>>,
}

/// `ntm eval --format json --detail summary`.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct SummaryReport<'a> {
    pub stamp: &'a Stamp,
    pub results: Vec<SummaryResult<'a>>,
    /// After the results: known once they are, so that the results are written as
    /// they are computed.
    pub rulesets: Rulesets,
    pub notices: Vec<Worded<'a, Notice>>,
}

/// The `type` of a JSON Lines line: one type per kind of line, so that the schema says
/// which `type` goes with which object.
macro_rules! line_tag {
    ($name:ident, $code:literal) => {
        #[derive(Clone, Copy, Serialize, JsonSchema)]
        pub enum $name {
            #[serde(rename = $code)]
            Tag,
        }
    };
}
line_tag!(StampTag, "stamp");
line_tag!(RulesetsTag, "rulesets");
line_tag!(ResultTag, "result");
line_tag!(NoticeTag, "notice");

/// One JSON Lines line: the object, then its `type`.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "{T}Line")]
pub struct Line<T, K> {
    #[serde(flatten)]
    pub item: T,
    #[serde(rename = "type")]
    pub kind: K,
}

/// The `rulesets` line of summary JSON Lines.
#[derive(Serialize, JsonSchema)]
pub struct RulesetsBlock<'a> {
    pub rulesets: &'a Rulesets,
}

/// Every JSON document `ntm eval` writes, and every line of its JSON Lines: the root
/// of docs/report.schema.json (only a schema; each output is written as its own type).
#[derive(JsonSchema)]
#[serde(untagged)]
pub enum EvalJson<'a> {
    Full(FullReport<'a>),
    Summary(SummaryReport<'a>),
    StampLine(Line<&'a Stamp, StampTag>),
    RulesetsLine(Line<RulesetsBlock<'a>, RulesetsTag>),
    FullResultLine(Line<FullResult<'a>, ResultTag>),
    SummaryResultLine(Line<SummaryResult<'a>, ResultTag>),
    NoticeLine(Line<Worded<'a, Notice>, NoticeTag>),
}

impl<'a> ResultBody<'a> {
    pub fn of(r: &'a UnitResult) -> Self {
        ResultBody {
            region: r.region.as_deref(),
            group: r.group.as_deref(),
            stage: r.stage,
            document: &r.document,
            met: r.met,
            total: r.total,
            verdict: r.verdict,
            reported_total: r.reported_total,
            published_verdict: r.published_verdict.as_deref(),
            partial: r.partial.as_ref(),
            unverified: r.unverified,
            weakest_source: r.weakest_source,
            provenance: r.provenance,
            level: r.level.as_ref(),
            counts: &r.counts,
            levels: &r.levels,
            count_only: r.count_only,
            parts: &r.parts,
        }
    }
}

impl<'a> ResultEnd<'a> {
    /// `word` gives each finding's message.
    pub fn of(r: &'a UnitResult, word: &dyn Fn(&Finding) -> String) -> Self {
        ResultEnd {
            scoring: r.scoring.as_ref(),
            recognition: r.recognition.as_ref(),
            findings: r
                .findings
                .iter()
                .map(|f| Worded {
                    item: f,
                    message: word(f),
                })
                .collect(),
        }
    }
}

impl<'a> FullResult<'a> {
    pub fn of(r: &'a UnitResult, word: &dyn Fn(&Finding) -> String) -> Self {
        FullResult {
            unit: &r.unit,
            year: r.year,
            ruleset: &r.ruleset,
            ruleset_title: &r.ruleset_title,
            body: ResultBody::of(r),
            criteria: &r.criteria,
            end: ResultEnd::of(r, word),
        }
    }
}

impl<'a> SummaryResult<'a> {
    pub fn of(r: &'a UnitResult, word: &dyn Fn(&Finding) -> String) -> Self {
        SummaryResult {
            unit: &r.unit,
            year: r.year,
            ruleset: &r.ruleset,
            body: ResultBody::of(r),
            criteria: r
                .criteria
                .iter()
                .map(|c| SummaryCriterion {
                    id: &c.id,
                    status: c.status,
                    basis: c.basis,
                    computed: c.computed,
                    declared: c.declared,
                    unverified: c.unverified,
                    level: c.level.as_ref(),
                })
                .collect(),
            end: ResultEnd::of(r, word),
        }
    }
}

impl RulesetEntry {
    /// A rule set's entry, from one of its results.
    pub fn of(r: &UnitResult) -> Self {
        RulesetEntry {
            title: r.ruleset_title.clone(),
            document: r.document.clone(),
            criteria: r.criteria.iter().map(|c| c.info.clone()).collect(),
        }
    }
}
