//! Parameters as generated files write them (`ntm new amendment`, the amendment read
//! from a fill-in sheet): one set of serde types, so both write the same form.

use crate::rules::model::SourceLevel;
use serde::Serialize;

#[derive(Serialize)]
pub struct Parameter {
    pub id: String,
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    pub values: Vec<ParamValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

#[derive(Serialize)]
pub struct ParamValue {
    /// None for an entry that says the threshold does not apply.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Written>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub not_applicable: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_year: Option<i32>,
    pub citation: Citation,
    pub source_level: SourceLevel,
}

impl ParamValue {
    /// A value for every group, region and year.
    pub fn plain(value: Written, citation: Citation, source_level: SourceLevel) -> Self {
        ParamValue {
            value: Some(value),
            not_applicable: false,
            group: None,
            region: None,
            from_year: None,
            to_year: None,
            citation,
            source_level,
        }
    }
}

/// A citation as generated files write it: the library's own type (same keys, same order).
pub use crate::rules::Citation;

/// A value as written: a plain YAML number, yes/no, or text.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Written {
    Number(f64),
    Bool(bool),
    Text(String),
}
