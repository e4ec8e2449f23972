//! A criterion's result as JSON writes it: the fields its rule shares with every result
//! (id, name, department, citation, pending source) and its own, in one object.

use super::{Basis, CriterionResult, GradedLevel, IndicatorResult, Score, Status};
use crate::rules::Citation;
use serde::Serialize;

// A criterion result as JSON writes it (and the schema describes it): the rule's fields
// and the result's, in one object, in this order (no doc comment: the schema keeps none).
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "CriterionResult")]
struct Written<'a> {
    id: &'a str,
    // Shared with the rule set: every result of the set points at the same text.
    name: &'a str,
    status: Status,
    basis: Basis,
    /// Status from indicator values (null when they could not decide).
    computed: Option<Status>,
    /// Status declared in the dataset (null when none).
    declared: Option<Status>,
    #[serde(skip_serializing_if = "Option::is_none")]
    department: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    citation: Option<&'a Citation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pending_source: Option<&'a str>,
    unverified: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<&'a Score>,
    /// The level reached, when the set grades criteria in levels (e.g. `co_ban_dat`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    level: Option<&'a GradedLevel>,
    indicators: &'a [IndicatorResult],
}

impl Serialize for CriterionResult {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Written {
            id: &self.info.id,
            name: &self.info.name,
            status: self.status,
            basis: self.basis,
            computed: self.computed,
            declared: self.declared,
            department: self.info.department.as_deref(),
            citation: self.info.citation.as_deref(),
            pending_source: self.info.pending_source.as_deref(),
            unverified: self.unverified,
            score: self.score.as_ref(),
            level: self.level.as_ref(),
            indicators: &self.indicators,
        }
        .serialize(s)
    }
}

impl schemars::JsonSchema for CriterionResult {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        Written::schema_name()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        Written::json_schema(g)
    }
}
