//! The fill-in sheet: its columns, the template rows ntm writes, and the completed
//! sheet read back (columns found by their headers, each cell with its place, so that
//! `check.rs` can name the cell of an error: `phieu.csv:7:23`); the comparison words and
//! source levels staff write.

use crate::core::diag::{Diagnostic, Diagnostics, Span};
use crate::core::problem::AuthoringProblem;
use crate::core::source::SourceFile;
use crate::core::text::{name_key, norm};
use crate::rules::model::SourceLevel;
use crate::rules::RuleSet;
use std::path::Path;

/// The sheet's columns, as staff see them in Excel (Vietnamese headers).
pub const COLUMNS: &[&str] = &[
    "Tiêu chí",
    "Tên tiêu chí",
    "Chỉ tiêu",
    "Tên chỉ tiêu",
    "Mã trường",
    "Tên trường",
    "Đơn vị tính",
    "So sánh",
    "Nhóm xã",
    "Vùng",
    "Từ năm",
    "Đến năm",
    "Giá trị",
    "Mục trong văn bản",
    "Địa chỉ nguồn",
    "Mức nguồn",
    "Phòng phụ trách",
    "Đủ chỉ tiêu",
];

/// Columns a sheet may lack (sheets written before they existed): every year.
const OPTIONAL: &[usize] = &[col::FROM, col::TO];

/// Where each column is in [`COLUMNS`].
pub(super) mod col {
    pub const CRITERION: usize = 0;
    pub const INDICATOR: usize = 2;
    pub const FIELD: usize = 4;
    pub const COMPARISON: usize = 7;
    pub const GROUP: usize = 8;
    pub const FROM: usize = 10;
    pub const TO: usize = 11;
    pub const VALUE: usize = 12;
    pub const SOURCE: usize = 14;
    pub const LEVEL: usize = 15;
}

/// One row of the fill-in sheet: blank where staff write.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SheetRow {
    pub criterion: String,
    pub criterion_name: String,
    pub indicator: String,
    pub indicator_name: String,
    pub field: String,
    pub field_label: String,
    pub unit: String,
    pub comparison: String,
    pub group: String,
    pub region: String,
    pub from_year: String,
    pub to_year: String,
    pub value: String,
    pub section: String,
    pub source: String,
    pub level: String,
    pub department: String,
    pub complete: String,
}

impl SheetRow {
    pub fn cells(&self) -> [&str; 18] {
        [
            &self.criterion,
            &self.criterion_name,
            &self.indicator,
            &self.indicator_name,
            &self.field,
            &self.field_label,
            &self.unit,
            &self.comparison,
            &self.group,
            &self.region,
            &self.from_year,
            &self.to_year,
            &self.value,
            &self.section,
            &self.source,
            &self.level,
            &self.department,
            &self.complete,
        ]
    }

    fn from_cells(mut c: impl FnMut(usize) -> String) -> SheetRow {
        SheetRow {
            criterion: c(0),
            criterion_name: c(1),
            indicator: c(2),
            indicator_name: c(3),
            field: c(4),
            field_label: c(5),
            unit: c(6),
            comparison: c(7),
            group: c(8),
            region: c(9),
            from_year: c(10),
            to_year: c(11),
            value: c(12),
            section: c(13),
            source: c(14),
            level: c(15),
            department: c(16),
            complete: c(17),
        }
    }

    /// Staff wrote in it: an indicator, a field, a comparison, a year, a value, a source
    /// (the cells ntm leaves blank, but for `Đủ chỉ tiêu`).
    pub(super) fn written(&self) -> bool {
        const STAFF: [usize; 10] = [2, 3, 4, 7, 10, 11, 12, 13, 14, 15];
        let cells = self.cells();
        STAFF.iter().any(|&k| !cells[k].is_empty())
    }
}

/// A row as read, with the place of each of its cells.
#[derive(Clone, Debug)]
pub struct ReadRow {
    pub row: SheetRow,
    pub line: usize,
    /// One place per column of [`COLUMNS`] (the row's start for a column the sheet lacks).
    cells: Vec<Span>,
}

impl ReadRow {
    pub(super) fn at(&self, column: usize) -> Span {
        self.cells[column].clone()
    }
}

/// Template rows: one per pending criterion and commune group (one per criterion when
/// the set has no groups). Staff copy a row for each further indicator or year.
pub fn template(set: &RuleSet) -> Vec<SheetRow> {
    let groups: Vec<String> = if set.groups.is_empty() {
        vec![String::new()]
    } else {
        set.groups.iter().map(|g| g.id.value.clone()).collect()
    };
    let mut rows = Vec::new();
    for c in set.criteria.iter().filter(|c| c.pending_source.is_some()) {
        for g in &groups {
            rows.push(SheetRow {
                criterion: c.id.clone(),
                criterion_name: c.name.to_string(),
                group: g.clone(),
                department: c.department.as_deref().unwrap_or_default().to_string(),
                ..SheetRow::default()
            });
        }
    }
    rows
}

/// A comparison as written in the sheet: a sign, or the words officials write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Cmp {
    Ge,
    Le,
    Eq,
    Gt,
    Lt,
    /// `có` / `đạt`: a yes/no indicator that must hold.
    Yes,
}

impl Cmp {
    pub(super) fn parse(s: &str) -> Option<Cmp> {
        let k = name_key(s);
        Some(match k.as_str() {
            ">="
            | "≥"
            | "=>"
            | "tối thiểu"
            | "toi thieu"
            | "không thấp hơn"
            | "không dưới"
            | "không ít hơn"
            | "ít nhất"
            | "trở lên"
            | "từ … trở lên" => Cmp::Ge,
            "<="
            | "≤"
            | "=<"
            | "tối đa"
            | "toi da"
            | "không quá"
            | "không vượt quá"
            | "không cao hơn"
            | "không lớn hơn"
            | "trở xuống" => Cmp::Le,
            "=" | "==" | "bằng" => Cmp::Eq,
            ">" | "trên" | "lớn hơn" | "cao hơn" => Cmp::Gt,
            "<" | "dưới" | "nhỏ hơn" | "thấp hơn" => Cmp::Lt,
            "có" | "co" | "đạt" | "dat" | "có/đạt" | "có / đạt" | "đạt/có" => {
                Cmp::Yes
            }
            _ => return None,
        })
    }
    pub(super) fn op(self) -> &'static str {
        match self {
            Cmp::Ge => ">=",
            Cmp::Le => "<=",
            Cmp::Eq | Cmp::Yes => "==",
            Cmp::Gt => ">",
            Cmp::Lt => "<",
        }
    }
    pub(super) fn suffix(self) -> &'static str {
        match self {
            Cmp::Ge => "min",
            Cmp::Le => "max",
            Cmp::Eq | Cmp::Yes => "eq",
            Cmp::Gt => "above",
            Cmp::Lt => "below",
        }
    }
}

pub(super) fn level(s: &str) -> Option<SourceLevel> {
    Some(match name_key(s).as_str() {
        "official" | "chính thức" | "chinh thuc" => SourceLevel::Official,
        "secondary" | "thứ cấp" | "thu cap" => SourceLevel::Secondary,
        "none" | "chưa có nguồn" | "chua co nguon" | "không" => SourceLevel::None,
        _ => return None,
    })
}

/// `Giá trị` saying the indicator does not apply to the row's group or region.
pub(super) fn not_applicable(s: &str) -> bool {
    matches!(
        name_key(s).as_str(),
        "không áp dụng" | "khong ap dung" | "kad" | "k/a" | "n/a"
    )
}

/// A threshold as read from the sheet (written as a plain YAML number or yes/no).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub(super) enum Threshold {
    Number(f64),
    Bool(bool),
}

/// Read a completed sheet: CSV (`;` or `,`, with or without a BOM; cells named
/// `phieu.csv:7:23`) or a workbook saved from Excel (its first visible sheet; cells
/// named `phieu.xlsx:Sheet1!M7`). Header row first; every other row is kept with the
/// place of each cell.
pub fn read_sheet(sheet: &SourceFile) -> Result<Vec<ReadRow>, Diagnostics> {
    let path = sheet.path.as_path();
    if crate::data::xlsx::is_xlsx(path) {
        let rows = crate::data::xlsx::first_sheet(path, &sheet.bytes)?;
        return sheet_rows(path, rows.into_iter());
    }
    let text = sheet.text().map_err(|d| Diagnostics(vec![d]))?;
    let mut grid = crate::data::CsvRows::new(path, text);
    let rows = sheet_rows(path, grid.by_ref());
    match grid.error.take() {
        Some(e) => Err(Diagnostics(vec![e])),
        None => rows,
    }
}

/// A cell's text as staff wrote it: a number a workbook holds is written back the
/// Vietnamese way (45,5), as the sheet's number reader expects.
fn cell_text(c: crate::data::GridCell) -> String {
    use crate::core::value::Scalar;
    match c.scalar() {
        Some(Scalar::Float(x)) => x.to_string().replace('.', ","),
        // The `'` the sheet's writer puts before a text Excel would compute
        // (render/escape/spreadsheet.rs) is not part of the text.
        _ => {
            let t = c.text.trim();
            let formula = |s: &str| s.starts_with(['=', '+', '-', '@', '\t', '\r']);
            norm(t.strip_prefix('\'').filter(|s| formula(s)).unwrap_or(t))
        }
    }
}

/// The rows of a sheet, the first one its header.
fn sheet_rows(
    path: &Path,
    mut grid: impl Iterator<Item = crate::data::GridRow>,
) -> Result<Vec<ReadRow>, Diagnostics> {
    let mut diags = Diagnostics::default();
    let Some(header) = grid.next() else {
        diags.push(Diagnostic::error(
            Span::new(path, 1, 1),
            AuthoringProblem::SheetEmpty,
        ));
        return Err(diags);
    };
    let headers: Vec<String> = header.cells().map(|c| name_key(c.text)).collect();
    let index = columns(path, &headers, &mut diags);
    let mut rows = Vec::new();
    for r in grid {
        let cells = index
            .iter()
            .map(|i| match i.and_then(|i| r.get(i)) {
                Some(c) => c.span(),
                None => r.span.clone(),
            })
            .collect();
        let row = SheetRow::from_cells(|k| {
            index[k]
                .and_then(|i| r.get(i))
                .map(cell_text)
                .unwrap_or_default()
        });
        rows.push(ReadRow {
            row,
            line: r.row,
            cells,
        });
    }
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(rows)
}

/// Where each of the sheet's columns is, found by its header; a missing one is an error
/// (but for the year columns, which older sheets lack).
fn columns(path: &Path, headers: &[String], diags: &mut Diagnostics) -> Vec<Option<usize>> {
    let index: Vec<Option<usize>> = COLUMNS
        .iter()
        .map(|c| headers.iter().position(|h| *h == name_key(c)))
        .collect();
    for (k, (c, i)) in COLUMNS.iter().zip(&index).enumerate() {
        if i.is_none() && !OPTIONAL.contains(&k) {
            diags.push(Diagnostic::error(
                Span::new(path, 1, 1),
                AuthoringProblem::SheetNoColumn {
                    column: c.to_string(),
                },
            ));
        }
    }
    index
}

pub(super) fn field_id(row: &SheetRow) -> String {
    if !row.field.is_empty() {
        return row.field.clone();
    }
    let id: String = row
        .indicator
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    format!("ct_{}", id.trim_matches('_'))
}

pub(super) fn valid_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparisons_and_levels_read_the_ways_staff_write_them() {
        assert_eq!(Cmp::parse("≥"), Some(Cmp::Ge));
        assert_eq!(Cmp::parse("<="), Some(Cmp::Le));
        assert_eq!(Cmp::parse("Tối thiểu"), Some(Cmp::Ge));
        assert_eq!(Cmp::parse("không thấp hơn"), Some(Cmp::Ge));
        assert_eq!(Cmp::parse("tối đa"), Some(Cmp::Le));
        assert_eq!(Cmp::parse("Không quá"), Some(Cmp::Le));
        assert_eq!(Cmp::parse("có/đạt"), Some(Cmp::Yes));
        assert_eq!(Cmp::parse("Đạt"), Some(Cmp::Yes));
        assert_eq!(Cmp::parse("≈"), None);
        assert_eq!(level("Chính thức"), Some(SourceLevel::Official));
        assert_eq!(level("thứ cấp"), Some(SourceLevel::Secondary));
        assert_eq!(level("?"), None);
        assert!(not_applicable("Không áp dụng"));
        assert!(!not_applicable("0"));
    }

    #[test]
    fn a_field_id_is_derived_from_the_indicator_number() {
        let row = SheetRow {
            indicator: "1.2".into(),
            ..SheetRow::default()
        };
        assert_eq!(field_id(&row), "ct_1_2");
    }
}
