//! Dataset documents (YAML or JSON) as analysts write them.

use crate::core::loader::Spanned;
use crate::core::number::NumberFormat;
use crate::core::units::UnitKind;
use crate::core::value::Scalar;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataFile {
    #[serde(default)]
    pub dataset: Option<DatasetMeta>,
    #[serde(default)]
    pub units: Vec<UnitDef>,
    #[serde(default)]
    pub records: Vec<RecordDef>,
    /// CSV files of the same folder and how to read them.
    #[serde(default)]
    pub tables: Vec<TableDef>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Provenance {
    /// Copied from a published document (e.g. a plan's annex).
    Published,
    /// Constructed for demonstration; never to be read as real figures.
    Illustrative,
}

#[derive(Clone, Debug, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DatasetMeta {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub source: Option<String>,
    pub provenance: Provenance,
    #[serde(default)]
    pub number_format: NumberFormat,
    #[serde(default)]
    pub notes: Option<String>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitDef {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub name: String,
    pub kind: UnitKind,
    /// Id or name of the unit it belongs to (a thôn's xã).
    #[serde(default)]
    pub parent: Option<String>,
    /// Other spellings of the name met in documents.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Time-invariant facts: region, commune group, Đề án 1385 membership…
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Scalar>")]
    pub attributes: BTreeMap<String, Spanned<Scalar>>,
    /// First day the unit exists (YYYY-MM-DD), when it was created in the period.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub valid_from: Option<Spanned<String>>,
    /// Last day the unit exists, when it ended (merged, split, dissolved).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub valid_until: Option<Spanned<String>>,
    /// Recognised đạt chuẩn NTM (year and decision): the same as the attribute
    /// `nam_dat_chuan_ntm`, with the decision cited.
    #[serde(default)]
    pub recognised: Option<RecognitionDecl>,
    /// Attributes whose value changes over time, each a list of values with the day
    /// they hold from (`group: [{from: 2026-02-15, value: "3", source: …}]`).
    #[serde(default)]
    pub dated: BTreeMap<String, Vec<DatedDef>>,
}

/// A unit recognised đạt chuẩn NTM: the year and the decision that recognised it. Roll-ups
/// that count recognised units count it in and after that year, with or without a record.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecognitionDecl {
    #[schemars(with = "i32")]
    pub year: Spanned<i32>,
    pub decision: DecisionDef,
    /// Where the decision was read: `official` (its text), `secondary` (the press).
    pub source_level: crate::rules::model::SourceLevel,
}

/// A decision as cited: its number and date (YYYY-MM-DD).
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionDef {
    pub number: String,
    #[schemars(with = "String")]
    pub date: Spanned<String>,
}

/// One value of a dated attribute: from a day on, until the next value's day.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DatedDef {
    /// First day the value holds (YYYY-MM-DD).
    #[schemars(with = "String")]
    pub from: Spanned<String>,
    #[schemars(with = "Scalar")]
    pub value: Spanned<Scalar>,
    /// The act or list the value comes from (a decision, an address).
    #[serde(default)]
    pub source: Option<String>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordDef {
    /// Id or name of the unit.
    #[schemars(with = "String")]
    pub unit: Spanned<String>,
    /// Id or name of the parent, when the name alone is ambiguous.
    #[serde(default)]
    pub parent: Option<String>,
    pub year: i32,
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Scalar>")]
    pub values: BTreeMap<String, Spanned<Scalar>>,
    /// Declared criterion statuses: 1/0, đạt/chưa đạt.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Scalar>")]
    pub declared: BTreeMap<String, Spanned<Scalar>>,
    /// The rule set (id) or stage (`NTM nâng cao`) the record's declared statuses,
    /// counts, reported total, published verdict and lists are for; without it they are
    /// for the base stage only (NTM; a thôn set's only stage), never for NTM nâng cao.
    #[serde(default)]
    pub scope: Option<String>,
    /// A total written in the source by hand, kept to be checked. Alone (no
    /// per-criterion status or value), it is the record: "xã X đạt 13/19 tiêu chí".
    #[serde(default)]
    #[schemars(with = "Option<i64>")]
    pub reported_total: Option<Spanned<i64>>,
    /// Criteria counted per level, as district tables publish them (e.g.
    /// `{dat: 13, co_ban_dat: 4, chua_dat: 2}`), for sets that declare levels.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, i64>")]
    pub counts: BTreeMap<String, Spanned<i64>>,
    /// The unit-level verdict a list published for the year (e.g. `chưa đạt chuẩn`, or a
    /// level the set declares), compared with the one ntm computes.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub published_verdict: Option<Spanned<String>>,
    /// Criteria a published list names as not met, by number or name ("các tiêu chí
    /// chưa đạt: Môi trường, Y tế"); the criteria it does not name are unknown.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub criteria_not_met: Vec<Spanned<String>>,
    /// Criteria a published list names as met, by number or name.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub criteria_met: Vec<Spanned<String>>,
}

/// What an empty declared-status cell means in a table.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Blank {
    /// No information (the default).
    #[default]
    Missing,
    /// Not met: the convention of annex tables that mark met criteria with 1.
    NotMet,
}

/// How a table's header names its columns.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// Canonical names (`unit`, `year`, field ids …) or those mapped under `columns:`.
    #[default]
    Plain,
    /// An annex as printed: `TT`, `Tên thôn`/`Tên thôn/xã`/`Đơn vị` (unit), `Thuộc`/`Tên
    /// xã` (parent), one column per criterion headed by its number (`1`, `1. Quy hoạch`),
    /// `Tổng số tiêu chí đạt`/`Báo cáo` (reported total); other columns ignored; empty
    /// marks mean not met unless `blank:` says otherwise.
    Annex,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableDef {
    /// A CSV or XLSX file of the document's folder; `*` and `?` match several
    /// (e.g. `phu-luc-thon-*.csv`).
    #[schemars(with = "String")]
    pub file: Spanned<String>,
    /// The sheet of a workbook (default: the first).
    #[serde(default)]
    pub sheet: Option<String>,
    /// Year of every row, when the table has no `year` column. Without either, the
    /// year is read from the file name (or sheet name), e.g. `phu-luc-thon-2020.csv`.
    #[serde(default)]
    pub year: Option<i32>,
    /// What an empty status cell means (default: missing; `not_met` for an annex).
    #[serde(default)]
    pub blank: Option<Blank>,
    /// The rule set (id) or stage the table's declared statuses, counts, reported
    /// totals, published verdicts and lists are for; without it, the base stage only.
    #[serde(default)]
    pub scope: Option<String>,
    #[serde(default)]
    pub layout: Layout,
    /// The row (1-based, as Excel numbers rows) holding the column headers; rows above
    /// it (a title) are skipped. Empty header cells take the text above them (merged
    /// headers). Default: the first row with two or more filled cells.
    #[serde(default)]
    pub header_row: Option<usize>,
    /// Rows right after the header to skip (e.g. the numbering row A, B, C, 1 … 16;
    /// such a row is also recognised without this).
    #[serde(default)]
    pub skip_rows: usize,
    /// Rows at the end to skip (notes; a totals row `Tổng cộng` is recognised and ends
    /// the table without this).
    #[serde(default)]
    pub footer_rows: usize,
    /// Header as written → meaning: `unit`, `parent`, `year`, `reported_total`,
    /// `ignore`, `declared:<criterion>`, `count:<level>`, `published_verdict`,
    /// `criteria_met`, `criteria_not_met` (names separated by `,` or `;`) or a field id; in a units table `id`, `name`,
    /// `kind`, `parent`, `aliases` or an attribute.
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
}
