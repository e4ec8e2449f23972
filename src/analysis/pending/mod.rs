//! What awaits a source, and a fast way to fill it: `ntm pending` lists the criteria
//! whose indicators are not encoded and the threshold values nobody read; it writes a
//! fill-in sheet (one row per indicator × commune group or region) that staff holding
//! the decision's text complete in Excel, and reads the completed sheet back into an
//! amendment file (YAML) with fields, parameters, indicators and test cases.

use crate::core::diag::{Diagnostics, Span};
use crate::engine::library::RuleLibrary;
use crate::rules::model::SourceLevel;
use crate::rules::RuleSet;
use serde::Serialize;

mod check;
mod groups;
mod sheet;
mod write;

pub use groups::{ungrouped, Ungrouped};

pub use sheet::{read_sheet, template, ReadRow, SheetRow, COLUMNS};

/// Fixed text: the set it amends and every value are in the YAML below it.
const HEAD: &str = "\
# Chỉ tiêu chép từ phiếu điền bằng `ntm pending --fill`, bổ sung cho bộ tiêu chí ghi ở `amends`.
# Đối chiếu từng giá trị với văn bản trước khi dùng; đổi `source_level` thành `official` khi
# đã đối chiếu.
";

/// Write the amendment that adds the sheet's indicators to `set`.
pub fn amendment(
    lib: &RuleLibrary,
    set: &RuleSet,
    sheet: &crate::core::source::SourceFile,
) -> Result<String, Diagnostics> {
    let rows = read_sheet(sheet)?;
    let filled = check::check_rows(set, &sheet.path, &rows)?;
    // A criterion is complete when a row of it says so (`Đủ chỉ tiêu`); every group of
    // each of its indicators was checked to be filled or marked not applicable.
    let complete = rows
        .iter()
        .filter(|r| crate::core::value::parse_bool(&r.row.complete) == Some(true))
        .map(|r| r.row.criterion.clone())
        .collect();
    let yaml = crate::analysis::scaffold::to_yaml(&write::file(
        set,
        &inherited(lib, set),
        &filled,
        &complete,
    ))?;
    Ok(format!("{HEAD}{yaml}"))
}

/// The documents of the sets `set` amends, in turn: the criteria the amendment rewrites
/// keep their citations, which may name them.
fn inherited(lib: &RuleLibrary, set: &RuleSet) -> Vec<crate::rules::model::DocumentDef> {
    let mut out: Vec<crate::rules::model::DocumentDef> = Vec::new();
    let declared = |n: &str, out: &[crate::rules::model::DocumentDef]| {
        std::iter::once(&set.document)
            .chain(&set.guidance)
            .chain(&set.based_on)
            .chain(out)
            .any(|d| d.number == n)
    };
    let mut next = set.amends.as_deref();
    // A chain of amendments is short and acyclic (the library refuses cycles); the
    // bound only guards against a library built otherwise.
    for _ in 0..lib.sets.len() {
        let Some(base) = next.and_then(|id| lib.get(id)) else {
            break;
        };
        for d in std::iter::once(&base.document)
            .chain(&base.guidance)
            .chain(&base.based_on)
        {
            if !declared(&d.number, &out) {
                out.push(d.clone());
            }
        }
        next = base.amends.as_deref();
    }
    out
}

/// A criterion decided only by declared statuses until its indicators are encoded.
#[derive(Clone, Debug, Serialize)]
pub struct PendingCriterion {
    pub id: String,
    pub name: String,
    /// Why it is pending, as the rule file says.
    pub note: String,
    /// Indicators already encoded (a partial criterion).
    pub encoded: usize,
}

/// A threshold value with no source read.
#[derive(Clone, Debug, Serialize)]
pub struct AssumedValue {
    pub parameter: String,
    /// The threshold; null for an entry that does not apply.
    pub value: Option<crate::core::value::Value>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub not_applicable: bool,
    pub span: Span,
}

#[derive(Clone, Debug, Serialize)]
pub struct PendingSet {
    pub id: String,
    pub title: String,
    pub document: String,
    pub criteria: Vec<PendingCriterion>,
    pub assumed: Vec<AssumedValue>,
    /// Commune groups the set declares (each row of the sheet is per group).
    pub groups: Vec<String>,
}

/// Every set's pending criteria and unsourced values (amendments count with their base).
pub fn list(lib: &RuleLibrary, only: Option<&RuleSet>) -> Vec<PendingSet> {
    lib.sets
        .iter()
        .filter(|s| only.is_none_or(|o| o.id == s.id))
        .map(|s| PendingSet {
            id: s.id.clone(),
            title: s.title.clone(),
            document: s.document.number.clone(),
            criteria: s
                .criteria
                .iter()
                .filter_map(|c| {
                    c.pending_source.as_ref().map(|n| PendingCriterion {
                        id: c.id.clone(),
                        name: c.name.to_string(),
                        note: n.to_string(),
                        encoded: c.indicators.len(),
                    })
                })
                .collect(),
            assumed: s
                .parameters
                .values()
                .flat_map(|p| p.values.iter().map(move |v| (p, v)))
                .filter(|(_, v)| v.source_level == SourceLevel::None && *v.span.file == *s.file)
                .map(|(p, v)| AssumedValue {
                    parameter: p.id.clone(),
                    value: v.value.clone(),
                    not_applicable: v.not_applicable,
                    span: v.span.clone(),
                })
                .collect(),
            groups: s.groups.iter().map(|g| g.id.value.clone()).collect(),
        })
        .filter(|p| !p.criteria.is_empty() || !p.assumed.is_empty())
        .collect()
}
