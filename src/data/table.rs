//! Tables: records (one row per unit and year) or units (id, name, kind, parent), read
//! from CSV files or workbook sheets (`xlsx.rs`) into one grid of cells with their
//! positions, then read the same way. Headers may be renamed by a `tables:` entry of a
//! dataset document, so an annex can be pasted as it is printed: a title row above the
//! header, a numbering row under it and a totals row at the end are skipped.

use super::columns::{columns, unit_key, Col};
use super::model::{Layout, Provenance, TableDef};
use super::rows::{read_record_row, read_units, row_defaults};
use super::{RawRecord, RawUnit};
use crate::core::diag::{Diagnostic, Diagnostics, Span};
use crate::core::number::NumberFormat;
use crate::core::text::name_key;
use crate::core::value::Cell;
use std::collections::BTreeMap;
use std::path::Path;

/// One cell of a table: its value, its text (for headers and names) and position.
#[derive(Clone, Debug)]
pub(crate) struct GridCell {
    pub cell: Cell,
    pub text: String,
    pub span: Span,
}

impl GridCell {
    pub(crate) fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// A row: its number (the line of a CSV file, the row of a sheet) and cells.
#[derive(Clone, Debug)]
pub(crate) struct GridRow {
    pub row: usize,
    pub cells: Vec<GridCell>,
    /// Where the row starts (for a diagnostic about the whole row).
    pub span: Span,
}

impl GridRow {
    pub(crate) fn filled(&self) -> usize {
        self.cells.iter().filter(|c| !c.is_blank()).count()
    }
}

/// How a table is to be read, from its `tables:` entry (if any).
#[derive(Clone, Copy)]
pub(crate) struct TableCtx<'a> {
    pub def: Option<&'a TableDef>,
    pub provenance: Option<Provenance>,
    pub format: NumberFormat,
    /// Where the year comes from when there is neither `year:` nor a year column.
    pub name_for_year: &'a str,
    /// Read as an annex even without `layout: annex` (a workbook written by ntm).
    pub annex: bool,
    pub scope: Option<&'a str>,
    pub year: Option<i32>,
}

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

/// A year (1900–2099) in a file or sheet name: `phu-luc-thon-2020.csv` → 2020.
pub(crate) fn year_in_name(name: &str) -> Option<i32> {
    let b = name.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        let w = &b[i..i + 4];
        let digits = w.iter().all(u8::is_ascii_digit);
        let before = i == 0 || !b[i - 1].is_ascii_digit();
        let after = i + 4 == b.len() || !b[i + 4].is_ascii_digit();
        if digits && before && after && (w.starts_with(b"19") || w.starts_with(b"20")) {
            return std::str::from_utf8(w).ok()?.parse().ok();
        }
        i += 1;
    }
    None
}

/// Split a CSV text into rows of cells with their line and column. The line of a row
/// is where it starts, counted the same way for `\n` and `\r\n` line ends (Excel on
/// Windows writes the latter).
pub(crate) fn csv_grid(file: &Path, text: &str, diags: &mut Diagnostics) -> Vec<GridRow> {
    let header_line = text.lines().next().unwrap_or("");
    let delim = detect_delimiter(header_line);
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delim)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    // Records come in byte order, so the line count resumes where the last one stopped
    // (counting from the start for each record made reading quadratic).
    let mut cursor = (0usize, 1usize);
    let mut line_at = |byte: usize| -> usize {
        let bytes = text.as_bytes();
        let mut b = byte.min(bytes.len());
        while b < bytes.len() && (bytes[b] == b'\n' || bytes[b] == b'\r') {
            b += 1;
        }
        if b < cursor.0 {
            cursor = (0, 1);
        }
        cursor.1 += bytes[cursor.0..b].iter().filter(|&&c| c == b'\n').count();
        cursor.0 = b;
        cursor.1
    };
    let lines: Vec<&str> = text.lines().collect();
    let base = Span::file_only(file);
    let mut rows = Vec::new();
    let mut rec = csv::StringRecord::new();
    loop {
        match rdr.read_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e
                    .position()
                    .map(|p| line_at(p.byte() as usize))
                    .unwrap_or(0);
                diags.push(Diagnostic::error(
                    Span::new(file, line, 0),
                    "csv",
                    format!("{e}"),
                ));
                break;
            }
        }
        let line = rec
            .position()
            .map(|p| line_at(p.byte() as usize))
            .unwrap_or(0);
        let starts = lines
            .get(line.wrapping_sub(1))
            .map(|l| field_columns(l, delim as char))
            .unwrap_or_default();
        let cells = rec
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let t = c.trim().to_string();
                GridCell {
                    cell: Cell::Text(t.clone()),
                    text: t,
                    span: base.at(line, starts.get(i).copied().unwrap_or(0)),
                }
            })
            .collect();
        rows.push(GridRow {
            row: rows.len() + 1,
            cells,
            span: base.at(line, 1),
        });
    }
    rows
}

/// The delimiter the header uses: Excel in a Vietnamese locale writes `;`.
fn detect_delimiter(header: &str) -> u8 {
    let count = |c: char| header.matches(c).count();
    [(b',', count(',')), (b';', count(';')), (b'\t', count('\t'))]
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map(|(d, _)| d)
        .unwrap_or(b',')
}

/// Start column (1-based, in characters) of each field of a CSV line.
fn field_columns(line: &str, delim: char) -> Vec<usize> {
    let mut cols = vec![1];
    let mut quoted = false;
    for (i, c) in line.chars().enumerate() {
        if c == '"' {
            quoted = !quoted;
        } else if c == delim && !quoted {
            cols.push(i + 2);
        }
    }
    cols
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
        diags.push(
            Diagnostic::error(header_span, "csv-header", "the table has no `unit` column")
                .with_help("name the column that holds the unit `unit`, or map its header to `unit` under `tables: … columns:` in a dataset file"),
        );
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
            diags.push(
                Diagnostic::error(
                    head_span,
                    "table-header",
                    format!("`header_row: {n}`: the table has no row {n}"),
                )
                .with_help("give the number of the row that holds the column headers, as Excel numbers rows"),
            );
        }
        return found;
    }
    let found = grid.iter().position(|r| r.filled() >= 2);
    if found.is_none() {
        if grid.iter().any(|r| r.filled() > 0) {
            diags.push(Diagnostic::error(
                head_span,
                "table-header",
                "no header row: no row has two or more filled cells",
            ));
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
            diags.push(
                Diagnostic::error(
                    r.span.clone(),
                    "csv",
                    format!(
                        "this row has {} cells, the header has {width}",
                        r.cells.len()
                    ),
                )
                .with_help("every row needs as many cells as the header"),
            );
        }
    }
    body.retain(|r| r.cells.len() == width || r.filled() == 0);
}

/// A table with no rows is said, not silently read as nothing.
fn empty_table(file: &Path) -> Diagnostic {
    Diagnostic::warning(
        Span::file_only(file),
        "empty-table",
        "the table has no data rows; it gives nothing",
    )
    .with_help("fill it, or remove it from the dataset folder")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_come_from_names() {
        assert_eq!(year_in_name("phu-luc-thon-2020.csv"), Some(2020));
        assert_eq!(year_in_name("bieu-12345.csv"), None);
        assert_eq!(year_in_name("Năm 2021"), Some(2021));
    }

    #[test]
    fn crlf_rows_start_on_their_own_line() {
        let mut d = Diagnostics::default();
        let rows = csv_grid(Path::new("a.csv"), "a;b\r\n1;2\r\n3;4\r\n", &mut d);
        assert_eq!(
            rows.iter().map(|r| r.span.line).collect::<Vec<_>>(),
            vec![1, 2, 3]
        );
        let rows = csv_grid(Path::new("a.csv"), "a;b\n1;2\n\n3;4\n", &mut d);
        assert_eq!(
            rows.iter().map(|r| r.span.line).collect::<Vec<_>>(),
            vec![1, 2, 4]
        );
    }
}
