//! One sheet of a workbook as a grid, read cell by cell: the sheet's declared and found
//! extent bounded ([`MAX_XLSX_CELLS`]) before the grid is allocated, values as Excel
//! shows them (number formats, dates), and formulas saved without a value refused at
//! their cell.

use super::format::{date_text, number_text, percent_text, shown_by, Shown};
use crate::core::diag::{Diagnostic, Span};
use crate::core::limits::MAX_XLSX_CELLS;
use crate::core::number::NumberFormat;
use crate::core::problem::TableProblem;
use crate::core::value::{Cell, Scalar};
use crate::data::grid::GridRow;
use calamine::{DataRef, Xlsx, XlsxError};
use std::io::Cursor;
use std::path::Path;

type Book<'b> = Xlsx<Cursor<&'b [u8]>>;

/// A filled cell: 0-based row and column, value and text.
struct Found {
    row: u32,
    col: u32,
    cell: Cell,
    text: String,
}

/// The extent of the cells met so far, refused once it spans more than the limit.
#[derive(Default)]
struct Extent {
    rows: Option<(u32, u32)>,
    max_col: u32,
}

impl Extent {
    fn add(&mut self, row: u32, col: u32) {
        let (lo, hi) = self.rows.unwrap_or((row, row));
        self.rows = Some((lo.min(row), hi.max(row)));
        self.max_col = self.max_col.max(col);
    }
    /// Rows × columns of the grid (columns counted from A, as the grid pads them).
    fn cells(&self) -> u64 {
        self.rows.map_or(0, |(lo, hi)| {
            (u64::from(hi - lo) + 1) * (u64::from(self.max_col) + 1)
        })
    }
}

fn unreadable(file: &Path, sheet: &str, e: XlsxError) -> Diagnostic {
    Diagnostic::error(
        Span::file_only(file),
        TableProblem::XlsxSheetUnreadable {
            sheet: sheet.to_string(),
            detail: e.to_string(),
        },
    )
}

fn too_many(file: &Path, sheet: &str, cells: u64) -> Diagnostic {
    Diagnostic::error(
        Span::file_only(file),
        TableProblem::XlsxTooManyCells {
            sheet: sheet.to_string(),
            cells,
            limit: MAX_XLSX_CELLS,
        },
    )
}

/// A value as Excel shows it, `None` for an empty cell.
fn shown_value(d: DataRef<'_>, shown: Shown, format: NumberFormat) -> Option<(Cell, String)> {
    let text = |t: String| Some((Cell::Text(t.clone()), t));
    match d {
        DataRef::Empty => None,
        DataRef::String(s) => text(s.trim().to_string()),
        DataRef::SharedString(s) => text(s.trim().to_string()),
        DataRef::Int(i) => Some((Cell::Scalar(Scalar::Int(i)), i.to_string())),
        DataRef::Float(x) if shown == Shown::Percent => text(percent_text(x, format)),
        DataRef::Float(x) if shown == Shown::LiteralPercent => {
            text(percent_text(x / 100.0, format))
        }
        DataRef::Float(x) if x.fract() == 0.0 && x.abs() < 1e15 => {
            Some((Cell::Scalar(Scalar::Int(x as i64)), number_text(x)))
        }
        DataRef::Float(x) => Some((Cell::Scalar(Scalar::Float(x)), number_text(x))),
        DataRef::Bool(b) => Some((Cell::Scalar(Scalar::Bool(b)), b.to_string())),
        DataRef::DateTime(d) => text(date_text(&d)),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => text(s),
        DataRef::Error(e) => text(e.to_string()),
    }
}

/// The filled cells of a sheet, in the sheet's order; `Err` when the sheet cannot be
/// read or spans too many cells. `empty` tells whether some cell had no value.
fn found_cells(
    book: &mut Book<'_>,
    file: &Path,
    sheet: &str,
    format: NumberFormat,
) -> Result<(Vec<Found>, Extent, bool), Diagnostic> {
    let mut reader = book
        .worksheet_cells_reader(sheet)
        .map_err(|e| unreadable(file, sheet, e))?;
    let declared = reader.dimensions();
    if declared.len() > MAX_XLSX_CELLS {
        return Err(too_many(file, sheet, declared.len()));
    }
    let shown: Vec<Shown> = reader
        .styles()
        .iter()
        .map(|s| {
            s.number_format
                .as_ref()
                .map_or(Shown::Plain, |n| shown_by(&n.format_code))
        })
        .collect();
    let (mut cells, mut extent, mut empty) = (Vec::new(), Extent::default(), false);
    while let Some((c, style)) = reader
        .next_cell_with_style_id()
        .map_err(|e| unreadable(file, sheet, e))?
    {
        let (row, col) = c.get_position();
        let how = shown.get(style).copied().unwrap_or(Shown::Plain);
        let Some((cell, text)) = shown_value(c.get_value().clone(), how, format) else {
            empty = true;
            continue;
        };
        extent.add(row, col);
        if extent.cells() > MAX_XLSX_CELLS {
            return Err(too_many(file, sheet, extent.cells()));
        }
        cells.push(Found {
            row,
            col,
            cell,
            text,
        });
    }
    Ok((cells, extent, empty))
}

/// Formula cells saved without a value, each an error at its cell.
fn formulas_without_value(
    book: &mut Book<'_>,
    file: &Path,
    sheet: &str,
) -> Result<Vec<Diagnostic>, Diagnostic> {
    let mut reader = book
        .worksheet_cells_reader(sheet)
        .map_err(|e| unreadable(file, sheet, e))?;
    let mut out = Vec::new();
    while let Some(c) = reader
        .next_cell_with_formula_metadata()
        .map_err(|e| unreadable(file, sheet, e))?
    {
        let Some(f) = c.formula.filter(|_| c.value == DataRef::Empty) else {
            continue;
        };
        let formula = match f {
            calamine::XlsxFormulaMetadata::Normal { formula }
            | calamine::XlsxFormulaMetadata::Shared { formula, .. } => formula,
            _ => String::new(),
        };
        let (r, col) = c.pos;
        out.push(Diagnostic::error(
            Span::cell(file, sheet, r as usize + 1, col as usize + 1),
            TableProblem::XlsxFormula { formula },
        ));
    }
    Ok(out)
}

/// The grid of one sheet, absolute positions: every row from the first filled one to
/// the last, every row as wide as the widest (columns from A). `Err` holds every
/// problem found (the sheet unreadable or too large, formulas without a value).
pub(super) fn sheet_grid(
    book: &mut Book<'_>,
    file: &Path,
    sheet: &str,
    format: NumberFormat,
) -> Result<Vec<GridRow>, Vec<Diagnostic>> {
    let (mut cells, extent, empty) = found_cells(book, file, sheet, format).map_err(|d| vec![d])?;
    if empty {
        let bad = formulas_without_value(book, file, sheet).map_err(|d| vec![d])?;
        if !bad.is_empty() {
            return Err(bad);
        }
    }
    let Some((first, last)) = extent.rows else {
        return Ok(Vec::new());
    };
    cells.sort_by_key(|c| (c.row, c.col));
    let width = extent.max_col as usize + 1;
    let blank = |row: &mut GridRow, c: usize| {
        let span = Span::cell(file, sheet, row.row, c + 1);
        row.push_sheet(Cell::Text(String::new()), "", span);
    };
    let mut found = cells.into_iter().peekable();
    let mut rows = Vec::with_capacity((last - first) as usize + 1);
    for r in first..=last {
        let r = r as usize;
        let span = Span::cell(file, sheet, r + 1, 1);
        let mut row = GridRow::with_capacity(r + 1, span, width, 0);
        while let Some(f) = found.next_if(|f| f.row as usize == r) {
            let c = f.col as usize;
            if c < row.len() {
                continue; // a second cell at the same place: the first one counts
            }
            (row.len()..c).for_each(|c| blank(&mut row, c));
            row.push_sheet(f.cell, &f.text, Span::cell(file, sheet, r + 1, c + 1));
        }
        (row.len()..width).for_each(|c| blank(&mut row, c));
        rows.push(row);
    }
    Ok(rows)
}
