//! Roll-ups and derived values as the library holds them, compiled from `rollups:` and
//! `derived:` (what counting and deriving read).

use crate::core::diag::Span;
use crate::core::units::UnitKind;
use crate::rules::expr;
use crate::rules::model::Stage;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregate {
    /// Mean of the per-unit values.
    Mean,
    /// Sum of the per-unit values.
    Sum,
    /// Number of units whose value is true (or non-zero).
    Count,
    /// Number of units in each bucket.
    Buckets,
    /// Share (%) of units whose value is true (or non-zero).
    Share,
}

/// How a roll-up treats units without enough data.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Incomplete {
    #[default]
    Exclude,
    Partial,
}

/// How a roll-up counts units already recognised đạt chuẩn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Recognised {
    #[default]
    AsEvaluated,
    AllCriteria,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DerivedHow {
    /// Percentage of child units whose (yes/no) source field is true.
    Share,
    /// Mean of the children's numeric values.
    Mean,
    /// Sum of the children's numeric values.
    Sum,
}

#[derive(Clone, Debug)]
pub struct Bucket {
    pub label: String,
    pub when: expr::Expression,
}

#[derive(Clone, Debug)]
pub struct Rollup {
    pub id: String,
    pub label: String,
    pub kind: UnitKind,
    pub stage: Stage,
    pub value: expr::Expression,
    pub aggregate: Aggregate,
    pub buckets: Vec<Bucket>,
    pub incomplete: Incomplete,
    pub recognised: Recognised,
    pub source: Option<String>,
    pub file: std::path::PathBuf,
    pub yaml: std::sync::Arc<str>,
}

#[derive(Clone, Debug)]
pub struct Derived {
    pub field: String,
    pub label: String,
    pub from: UnitKind,
    pub to: UnitKind,
    pub source_field: String,
    pub source_type: crate::rules::model::FieldType,
    pub how: DerivedHow,
    pub source: Option<String>,
    pub span: Span,
}

#[derive(Clone, Debug, Default)]
pub struct Rollups {
    pub rollups: Vec<Rollup>,
    pub derived: Vec<Derived>,
}
