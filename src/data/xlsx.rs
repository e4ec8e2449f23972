//! Excel workbooks (.xlsx) as tables: a sheet becomes the same grid of cells as a CSV
//! file, each cell with its position (`book.xlsx:Sheet1!C7`). Numbers stay numbers;
//! a cell formatted as a percentage (Excel stores 85,5 % as 0,855) is read as the
//! percentage it shows, so a `percent` field gets 85.5 and any other field refuses it.
//! A workbook written by ntm names its annex sheets, their rule set and year in its
//! `ntm` sheet, and is read back without any declaration.

use super::grid::{GridCell, GridRow, TableCtx};
use super::table::read_grid;
use super::{RawRecord, RawUnit};
use crate::core::diag::{Diagnostic, Diagnostics, Span};
use crate::core::number::NumberFormat;
use crate::core::problem::TableProblem;
use crate::core::text::name_key;
use crate::core::value::{Cell, Scalar};
use calamine::{Data, Reader, Xlsx};
use std::io::Cursor;
use std::path::Path;

/// The sheet of a workbook written by ntm that lists its annex sheets.
pub const INDEX_SHEET: &str = "ntm";
/// Headers of the list of annex sheets in the index sheet.
pub const INDEX_HEADERS: [&str; 3] = ["sheet", "scope", "year"];

pub(crate) fn is_xlsx(f: &Path) -> bool {
    f.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

/// A number shown as a percentage, written so that the number reader takes it back
/// exactly: `0.855` → `85,5%` (`85.5%` for English-format datasets); three decimals
/// get a fourth so that they cannot be read as thousands.
fn percent_text(x: f64, format: NumberFormat) -> String {
    let p = (x * 100.0 * 1e9).round() / 1e9;
    let mut s = format!("{p}");
    if let Some(i) = s.find('.') {
        if s.len() - i - 1 == 3 {
            s.push('0');
        }
    }
    if format != NumberFormat::En {
        s = s.replace('.', ",");
    }
    s + "%"
}

fn number_text(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// The grid of one sheet, absolute positions.
fn sheet_grid(
    book: &mut Xlsx<Cursor<&[u8]>>,
    file: &Path,
    sheet: &str,
    format: NumberFormat,
) -> Result<Vec<GridRow>, Diagnostic> {
    let range = book.worksheet_range(sheet).map_err(|e| {
        Diagnostic::error(
            Span::file_only(file),
            TableProblem::XlsxSheetUnreadable {
                sheet: sheet.to_string(),
                detail: e.to_string(),
            },
        )
    })?;
    let styles = book.worksheet_style(sheet).ok();
    let Some((r0, c0)) = range.start() else {
        return Ok(Vec::new());
    };
    let mut rows = Vec::new();
    for (i, row) in range.rows().enumerate() {
        let r = r0 as usize + i;
        let mut cells: Vec<GridCell> = (0..c0 as usize)
            .map(|c| GridCell {
                cell: Cell::Text(String::new()),
                text: String::new(),
                span: Span::cell(file, sheet, r + 1, c + 1),
            })
            .collect();
        for (j, d) in row.iter().enumerate() {
            let c = c0 as usize + j;
            let span = Span::cell(file, sheet, r + 1, c + 1);
            let percent = || {
                styles
                    .as_ref()
                    .and_then(|s| s.get((r as u32, c as u32)))
                    .and_then(|s| s.number_format.as_ref())
                    .is_some_and(|n| n.format_code.contains('%'))
            };
            let (cell, text) = match d {
                Data::Empty => (Cell::Text(String::new()), String::new()),
                Data::String(s) => (Cell::Text(s.trim().to_string()), s.trim().to_string()),
                Data::Int(i) => (Cell::Scalar(Scalar::Int(*i)), i.to_string()),
                Data::Float(x) if percent() => {
                    let t = percent_text(*x, format);
                    (Cell::Text(t.clone()), t)
                }
                Data::Float(x) if x.fract() == 0.0 && x.abs() < 1e15 => {
                    (Cell::Scalar(Scalar::Int(*x as i64)), number_text(*x))
                }
                Data::Float(x) => (Cell::Scalar(Scalar::Float(*x)), number_text(*x)),
                Data::Bool(b) => (Cell::Scalar(Scalar::Bool(*b)), b.to_string()),
                other => {
                    let t = other.to_string();
                    (Cell::Text(t.clone()), t)
                }
            };
            cells.push(GridCell { cell, text, span });
        }
        rows.push(GridRow {
            row: r + 1,
            span: Span::cell(file, sheet, r + 1, 1),
            cells,
        });
    }
    Ok(rows)
}

/// The annex sheets a workbook written by ntm lists: (sheet, scope, year).
fn ntm_index(grid: &[GridRow]) -> Option<Vec<(String, String, i32)>> {
    let head = grid.iter().position(|r| {
        let keys: Vec<String> = r.cells.iter().map(|c| name_key(&c.text)).collect();
        keys.len() >= 3 && keys[..3] == INDEX_HEADERS
    })?;
    let mut out = Vec::new();
    for r in &grid[head + 1..] {
        let t = |i: usize| r.cells.get(i).map(|c| c.text.clone()).unwrap_or_default();
        if t(0).is_empty() {
            break;
        }
        out.push((t(0), t(1), t(2).parse().ok()?));
    }
    Some(out)
}

/// Read a workbook: the sheet its `tables:` entry names (else the first), or, for a
/// workbook written by ntm, every annex sheet its index lists.
pub(crate) fn read_xlsx(
    file: &Path,
    bytes: &[u8],
    cx: TableCtx,
    units: &mut Vec<RawUnit>,
    records: &mut Vec<RawRecord>,
    diags: &mut Diagnostics,
) {
    let mut book = match Xlsx::new(Cursor::new(bytes)) {
        Ok(b) => b,
        Err(e) => {
            diags.push(Diagnostic::error(
                Span::file_only(file),
                TableProblem::Xlsx {
                    detail: e.to_string(),
                },
            ));
            return;
        }
    };
    let names = book.sheet_names();
    let wanted = cx.def.and_then(|d| d.sheet.clone());
    if wanted.is_none()
        && names.iter().any(|n| n == INDEX_SHEET)
        && read_indexed(&mut book, file, cx, units, records, diags)
    {
        return;
    }
    let Some(sheet) = sheet_to_read(&names, wanted, file, diags) else {
        return;
    };
    let name_for_year = if super::grid::year_in_name(&sheet).is_some() {
        sheet.clone()
    } else {
        cx.name_for_year.to_string()
    };
    match sheet_grid(&mut book, file, &sheet, cx.format) {
        Ok(grid) => {
            let scx = TableCtx {
                name_for_year: &name_for_year,
                ..cx
            };
            read_grid(file, grid, scx, false, units, records, diags);
        }
        Err(d) => diags.push(d),
    }
}

/// A workbook written by ntm: every annex sheet its index sheet lists, each as an
/// annex of its scope and year. False when the index lists none, so that the workbook
/// is read as any other; true when it was read (or its index could not be).
fn read_indexed(
    book: &mut Xlsx<Cursor<&[u8]>>,
    file: &Path,
    cx: TableCtx,
    units: &mut Vec<RawUnit>,
    records: &mut Vec<RawRecord>,
    diags: &mut Diagnostics,
) -> bool {
    let index = match sheet_grid(book, file, INDEX_SHEET, cx.format) {
        Ok(g) => ntm_index(&g),
        Err(d) => {
            diags.push(d);
            return true;
        }
    };
    let Some(sheets) = index else {
        return false;
    };
    for (sheet, scope, year) in sheets {
        match sheet_grid(book, file, &sheet, cx.format) {
            Ok(grid) => {
                let scx = TableCtx {
                    annex: true,
                    scope: Some(&scope),
                    year: Some(year),
                    name_for_year: &sheet,
                    ..cx
                };
                read_grid(file, grid, scx, false, units, records, diags);
            }
            Err(d) => diags.push(d),
        }
    }
    true
}

/// The sheet to read: the one named (by name key), else the first; `None` when the
/// named sheet is not there (said in `diags`) or the workbook has no sheet.
fn sheet_to_read(
    names: &[String],
    wanted: Option<String>,
    file: &Path,
    diags: &mut Diagnostics,
) -> Option<String> {
    let Some(w) = wanted else {
        return names.first().cloned();
    };
    let found = names.iter().find(|n| name_key(n) == name_key(&w)).cloned();
    if found.is_none() {
        diags.push(Diagnostic::error(
            Span::file_only(file),
            TableProblem::XlsxNoSheet {
                sheet: w.to_string(),
                sheets: names.iter().map(|n| n.to_string()).collect(),
            },
        ));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_are_written_back_exactly() {
        assert_eq!(percent_text(0.855, NumberFormat::Auto), "85,5%");
        assert_eq!(percent_text(0.855, NumberFormat::En), "85.5%");
        assert_eq!(percent_text(0.85125, NumberFormat::Auto), "85,1250%");
        assert_eq!(percent_text(1.0, NumberFormat::Vi), "100%");
        let back = crate::core::number::parse_number("85,1250%", NumberFormat::Auto).unwrap();
        assert_eq!(back.value, 85.125);
    }
}
