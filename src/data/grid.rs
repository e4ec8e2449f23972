//! The grid every table is read from: rows of cells with their text and position,
//! from a CSV file (here) or a workbook sheet (`xlsx.rs`); how a table is to be read.

use super::model::{Provenance, TableDef};
use crate::core::diag::{Diagnostic, Diagnostics, Span};
use crate::core::number::NumberFormat;
use crate::core::problem::TableProblem;
use crate::core::value::Cell;
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
                    TableProblem::Csv {
                        detail: e.to_string(),
                    },
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
