//! Excel workbooks (.xlsx) as tables: a sheet becomes the same grid of cells as a CSV
//! file, each cell with its position (`book.xlsx:Sheet1!C7`), read as Excel shows it
//! (`cells.rs`, `format.rs`). Numbers stay numbers; a cell formatted as a percentage
//! (Excel stores 85,5 % as 0,855) is read as the percentage it shows, so a `percent`
//! field gets 85.5 and any other field refuses it; a date is a date, which no number
//! field takes; a formula saved without its value is an error at its cell. Hidden
//! sheets are read only when named. The workbook's unpacked size (`guard.rs`) and each
//! sheet's extent are bounded before anything is allocated for them.
//! A workbook written by ntm names its annex sheets, their rule set and year in its
//! `ntm` sheet, and is read back without any declaration; a damaged index is refused
//! at its cell, never passed over.

mod cells;
mod format;
mod guard;

use super::grid::{GridRow, TableCtx};
use super::table::read_grid;
use super::{RawRecord, RawUnit};
use crate::core::diag::{Diagnostic, Diagnostics, Span};
use crate::core::problem::TableProblem;
use crate::core::text::name_key;
use calamine::{Reader, SheetType, SheetVisible, Xlsx};
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

/// One listed annex sheet of the index: its name, scope and year.
type Listed = (String, String, i32);

/// The annex sheets a workbook written by ntm lists: (sheet, scope, year); `Ok(None)`
/// when the sheet has no index header (a sheet of the user's that happens to be named
/// `ntm`); `Err` at the cell of a year that is not one, or at the header when nothing
/// is listed.
fn ntm_index(grid: &[GridRow], names: &[String]) -> Result<Option<Vec<Listed>>, Diagnostic> {
    let Some(head) = grid.iter().position(|r| {
        let keys: Vec<String> = r.cells().map(|c| name_key(c.text)).collect();
        keys.len() >= 3 && keys[..3] == INDEX_HEADERS
    }) else {
        return Ok(None);
    };
    let mut out = Vec::new();
    for r in &grid[head + 1..] {
        let t = |i: usize| r.get(i).map(|c| c.text.to_string()).unwrap_or_default();
        let at = |i: usize| r.get(i).map_or(r.span.clone(), |c| c.span());
        if t(0).is_empty() {
            break;
        }
        if !names.contains(&t(0)) {
            let sheet = t(0);
            return Err(Diagnostic::error(
                at(0),
                TableProblem::XlsxIndexSheet { sheet },
            ));
        }
        let year = t(2)
            .parse()
            .ok()
            .filter(|y| crate::core::limits::year_ok(*y));
        let Some(year) = year else {
            let found = t(2);
            return Err(Diagnostic::error(
                at(2),
                TableProblem::XlsxIndexYear { found },
            ));
        };
        out.push((t(0), t(1), year));
    }
    if out.is_empty() {
        return Err(Diagnostic::error(
            grid[head].span.clone(),
            TableProblem::XlsxIndexEmpty,
        ));
    }
    Ok(Some(out))
}

/// Read a workbook: the sheet its `tables:` entry names (else the first visible one),
/// or, for a workbook written by ntm, every annex sheet its index lists.
pub(crate) fn read_xlsx(
    file: &Path,
    bytes: &[u8],
    cx: TableCtx,
    units: &mut Vec<RawUnit>,
    records: &mut Vec<RawRecord>,
    diags: &mut Diagnostics,
) {
    if let Err(d) = guard::unpacked_size_ok(file, bytes) {
        diags.push(d);
        return;
    }
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
    let visible = visible_sheets(&book);
    let Some(sheet) = sheet_to_read(&names, &visible, wanted, file, diags) else {
        return;
    };
    let name_for_year = if super::grid::year_in_name(&sheet).is_some() {
        sheet.clone()
    } else {
        cx.name_for_year.to_string()
    };
    match cells::sheet_grid(&mut book, file, &sheet, cx.format) {
        Ok(grid) => {
            let scx = TableCtx {
                name_for_year: &name_for_year,
                ..cx
            };
            read_grid(file, grid, scx, false, units, records, diags);
        }
        Err(ds) => ds.into_iter().for_each(|d| diags.push(d)),
    }
}

/// The first visible sheet of a workbook as rows of cells named `book.xlsx:Sheet!C7`,
/// for a reader other than datasets (the fill-in sheet of `ntm pending --fill`, saved
/// from Excel as a workbook).
pub(crate) fn first_sheet(file: &Path, bytes: &[u8]) -> Result<Vec<GridRow>, Diagnostics> {
    let mut diags = Diagnostics::default();
    if let Err(d) = guard::unpacked_size_ok(file, bytes) {
        diags.push(d);
        return Err(diags);
    }
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        Diagnostics(vec![Diagnostic::error(
            Span::file_only(file),
            TableProblem::Xlsx {
                detail: e.to_string(),
            },
        )])
    })?;
    let names = book.sheet_names();
    let visible = visible_sheets(&book);
    let Some(sheet) = sheet_to_read(&names, &visible, None, file, &mut diags) else {
        return Err(diags);
    };
    cells::sheet_grid(
        &mut book,
        file,
        &sheet,
        crate::core::number::NumberFormat::Vi,
    )
    .map_err(Diagnostics)
}

/// The worksheets Excel shows, in the workbook's order (hidden ones are read only when
/// a `tables:` entry names them).
fn visible_sheets(book: &Xlsx<Cursor<&[u8]>>) -> Vec<String> {
    book.sheets_metadata()
        .iter()
        .filter(|s| s.visible == SheetVisible::Visible && s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect()
}

/// A workbook written by ntm: every annex sheet its index sheet lists, each as an
/// annex of its scope and year. False when the `ntm` sheet has no index header, so that
/// the workbook is read as any other; true when it was read (or its index refused).
fn read_indexed(
    book: &mut Xlsx<Cursor<&[u8]>>,
    file: &Path,
    cx: TableCtx,
    units: &mut Vec<RawUnit>,
    records: &mut Vec<RawRecord>,
    diags: &mut Diagnostics,
) -> bool {
    let names = book.sheet_names();
    let index = match cells::sheet_grid(book, file, INDEX_SHEET, cx.format) {
        Ok(g) => ntm_index(&g, &names),
        Err(ds) => {
            ds.into_iter().for_each(|d| diags.push(d));
            return true;
        }
    };
    let sheets = match index {
        Ok(Some(sheets)) => sheets,
        Ok(None) => return false,
        Err(d) => {
            diags.push(d);
            return true;
        }
    };
    for (sheet, scope, year) in sheets {
        match cells::sheet_grid(book, file, &sheet, cx.format) {
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
            Err(ds) => ds.into_iter().for_each(|d| diags.push(d)),
        }
    }
    true
}

/// The sheet to read: the one named (by name key, hidden or not), else the first
/// visible one; `None` when the named sheet is not there (said in `diags`) or the
/// workbook shows no sheet.
fn sheet_to_read(
    names: &[String],
    visible: &[String],
    wanted: Option<String>,
    file: &Path,
    diags: &mut Diagnostics,
) -> Option<String> {
    let Some(w) = wanted else {
        if visible.is_empty() {
            diags.push(Diagnostic::error(
                Span::file_only(file),
                TableProblem::XlsxNoVisibleSheet {
                    sheets: names.to_vec(),
                },
            ));
        }
        return visible.first().cloned();
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
