//! The lineage file format as written (YAML, top-level key `lineage:`): events that
//! create, end, rename, reclassify, merge, split or move administrative units, each
//! with its legal basis and how well that basis is sourced.

use crate::core::loader::Spanned;
use crate::core::units::UnitKind;
use crate::rules::model::SourceLevel;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineageFile {
    pub lineage: LineageMeta,
    pub events: Vec<EventDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineageMeta {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub notes: Option<String>,
}

#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Deserialize,
    serde::Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// A new unit (`unit`), e.g. a new xã from a merger declared separately.
    Created,
    /// A unit stops existing (`unit`), e.g. every huyện on 1/7/2025.
    Ended,
    /// A unit takes a new name (`unit`, `name`).
    Renamed,
    /// A unit becomes another kind (`unit`, `to_kind`), e.g. xã → thị trấn.
    Reclassified,
    /// Several units (`from`) become one (`to`); the parts end the day before.
    Merged,
    /// One unit (`unit`) becomes several (`into`); it ends the day before.
    Split,
    /// A unit gets another parent (`unit`, `parent`), e.g. when a huyện is abolished.
    Moved,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventDef {
    /// The day the change takes effect (YYYY-MM-DD).
    pub date: Spanned<String>,
    pub kind: EventKind,
    #[serde(default)]
    pub unit: Option<Spanned<String>>,
    #[serde(default)]
    pub from: Vec<Spanned<String>>,
    #[serde(default)]
    pub to: Option<Spanned<String>>,
    #[serde(default)]
    pub into: Vec<Spanned<String>>,
    #[serde(default)]
    pub to_kind: Option<UnitKind>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub parent: Option<Spanned<String>>,
    /// The act that makes the change.
    pub basis: BasisDef,
    pub source_level: SourceLevel,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Clone, Debug, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BasisDef {
    /// Number as printed, e.g. `1683/NQ-UBTVQH15`.
    pub document: String,
    #[serde(default)]
    pub date: Option<String>,
    /// Where it was read (an address, or docs/sources/… page).
    #[serde(default)]
    pub source: Option<String>,
}
