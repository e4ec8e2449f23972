//! Tables: records (one row per unit and year) or units (id, name, kind, parent), read
//! from CSV files or workbook sheets (`xlsx.rs`) into one grid of cells with their
//! positions, then read the same way. Headers may be renamed by a `tables:` entry of a
//! dataset document, so an annex can be pasted as it is printed: a title row above the
//! header, a numbering row under it and a totals row at the end are skipped.

use super::columns::{columns, unit_key, Col};
use super::grid::{csv_grid, GridRow, TableCtx};
use super::model::{Layout, TableDef};
use super::rows::{read_record_row, read_units, row_defaults};
use super::{RawRecord, RawUnit};
use crate::core::diag::{Diagnostic, Diagnostics, Span};
use crate::core::problem::TableProblem;
use crate::core::text::name_key;
use std::collections::BTreeMap;
use std::path::Path;

/// Is this row a totals row (`Tổng cộng`, `Cộng`, `Total`) in its first filled cells?
fn is_totals_row(row: &GridRow) -> bool {
    row.cells.iter().filter(|c| !c.is_blank()).take(2).any(|c| {
        let k = name_key(&c.text);
        matches!(
            k.as_str(),
            "tổng cộng" | "cộng" | "tổng" | "total" | "totals" | "tổng số" | "toàn huyện"
        ) || k.starts_with("tổng cộng")
    })
}

/// Is this row the numbering row under an annex header (`A, B, C, 1 … 16`, `(1) (2)`)?
fn is_numbering_row(row: &GridRow, unit_col: Option<usize>) -> bool {
    let token = |t: &str| {
        let t = t.trim().trim_start_matches('(').trim_end_matches(')');
        !t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_alphanumeric())
    };
    let unit_is_letter = unit_col.and_then(|i| row.cells.get(i)).is_some_and(|c| {
        let t = c.text.trim().trim_start_matches('(').trim_end_matches(')');
        !t.is_empty()
            && t.len() <= 3
            && t.chars()
                .all(|c| c.is_ascii_alphabetic() || c.is_ascii_digit())
    });
    row.filled() >= 2
        && unit_is_letter
        && row
            .cells
            .iter()
            .filter(|c| !c.is_blank())
            .all(|c| token(&c.text))
}

pub(crate) fn read_csv(
    file: &Path,
    text: &str,
    cx: TableCtx,
    units: &mut Vec<RawUnit>,
    records: &mut Vec<RawRecord>,
    diags: &mut Diagnostics,
) {
    let grid = csv_grid(file, text, diags);
    read_grid(file, grid, cx, true, units, records, diags);
}

/// Read a grid (CSV rows or a sheet) as a records table or a units table.
pub(crate) fn read_grid(
    file: &Path,
    grid: Vec<GridRow>,
    cx: TableCtx,
    strict_width: bool,
    units: &mut Vec<RawUnit>,
    records: &mut Vec<RawRecord>,
    diags: &mut Diagnostics,
) {
    let def = cx.def;
    let Some(header_at) = header_row(file, &grid, def, diags) else {
        return;
    };
    let width = grid[header_at].cells.len();
    let headers = header_texts(&grid, header_at);
    let header_span = grid[header_at].span.clone();
    let renames: BTreeMap<String, String> = def
        .map(|d| {
            d.columns
                .iter()
                .map(|(k, v)| (name_key(k), v.clone()))
                .collect()
        })
        .unwrap_or_default();
    let mut body: Vec<GridRow> = grid.into_iter().skip(header_at + 1).collect();
    if strict_width {
        keep_full_rows(&mut body, width, diags);
    }
    // Units table: `id` and `kind` among the (mapped) headers.
    let unit_keys: Vec<String> = headers
        .iter()
        .map(|h| match renames.get(&name_key(h)) {
            Some(v) => name_key(v),
            None => unit_key(h),
        })
        .collect();
    if unit_keys.iter().any(|h| h == "id") && unit_keys.iter().any(|h| h == "kind") {
        let body = trim_rows(body, def, None);
        read_units(body, &unit_keys, cx.provenance, units, diags);
        return;
    }
    let annex = cx.annex || def.is_some_and(|d| d.layout == Layout::Annex);
    let Some(cols) = columns(&headers, &renames, annex, &header_span, diags) else {
        return;
    };
    let Some(unit_col) = cols.iter().position(|c| *c == Col::Unit) else {
        diags.push(Diagnostic::error(header_span, TableProblem::NoUnitColumn));
        return;
    };
    let body = trim_rows(body, def, Some(unit_col));
    if body.iter().all(|r| r.filled() == 0) {
        diags.push(empty_table(file));
        return;
    }
    let Some(defaults) = row_defaults(cx, &cols, annex, header_span, diags) else {
        return;
    };
    for row in body {
        if let Some(r) = read_record_row(row, &cols, &defaults, cx, diags) {
            records.push(r);
        }
    }
}

/// The header row: declared, else the first with two or more filled cells.
fn header_row(
    file: &Path,
    grid: &[GridRow],
    def: Option<&TableDef>,
    diags: &mut Diagnostics,
) -> Option<usize> {
    let head_span = grid
        .first()
        .map(|r| r.span.clone())
        .unwrap_or_else(|| Span::new(file, 1, 1));
    if let Some(n) = def.and_then(|d| d.header_row) {
        let found = grid.iter().position(|r| r.row == n);
        if found.is_none() {
            diags.push(Diagnostic::error(
                head_span,
                TableProblem::HeaderRowMissing { row: n },
            ));
        }
        return found;
    }
    let found = grid.iter().position(|r| r.filled() >= 2);
    if found.is_none() {
        if grid.iter().any(|r| r.filled() > 0) {
            diags.push(Diagnostic::error(head_span, TableProblem::NoHeaderRow));
        } else {
            diags.push(empty_table(file));
        }
    }
    found
}

/// Header texts; an empty cell takes the text above it (vertically merged headers).
fn header_texts(grid: &[GridRow], header_at: usize) -> Vec<String> {
    (0..grid[header_at].cells.len())
        .map(|i| {
            (0..=header_at)
                .rev()
                .map(|r| {
                    grid[r]
                        .cells
                        .get(i)
                        .map(|c| c.text.clone())
                        .unwrap_or_default()
                })
                .find(|t| !t.trim().is_empty())
                .unwrap_or_default()
        })
        .collect()
}

/// A CSV row whose width differs from the header's is refused (and left out).
fn keep_full_rows(body: &mut Vec<GridRow>, width: usize, diags: &mut Diagnostics) {
    for r in body.iter() {
        if r.cells.len() != width && r.filled() > 0 {
            diags.push(Diagnostic::error(
                r.span.clone(),
                TableProblem::RaggedRow {
                    cells: r.cells.len(),
                    width,
                },
            ));
        }
    }
    body.retain(|r| r.cells.len() == width || r.filled() == 0);
}

/// A table with no rows is said, not silently read as nothing.
fn empty_table(file: &Path) -> Diagnostic {
    Diagnostic::warning(Span::file_only(file), TableProblem::EmptyTable)
}

/// The rows that hold data: declared skip and footer rows left out, a numbering row
/// right under the header and everything from a totals row on recognised and left out,
/// empty rows dropped.
fn trim_rows(body: Vec<GridRow>, def: Option<&TableDef>, unit_col: Option<usize>) -> Vec<GridRow> {
    let skip = def.map_or(0, |d| d.skip_rows);
    let footer = def.map_or(0, |d| d.footer_rows);
    let mut rows: Vec<GridRow> = body.into_iter().filter(|r| r.filled() > 0).collect();
    rows.drain(..skip.min(rows.len()));
    rows.truncate(rows.len().saturating_sub(footer));
    if rows.first().is_some_and(|r| is_numbering_row(r, unit_col)) {
        rows.remove(0);
    }
    if let Some(i) = rows.iter().position(is_totals_row) {
        rows.truncate(i);
    }
    rows
}
