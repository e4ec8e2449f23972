//! The grid every table is read from: rows of cells with their text and position,
//! from a CSV file (here) or a workbook sheet (`xlsx.rs`); how a table is to be read.

use super::model::{Provenance, TableDef};
use crate::core::diag::{Diagnostic, Span};
use crate::core::number::NumberFormat;
use crate::core::problem::TableProblem;
use crate::core::value::{Cell, Scalar};
use std::path::Path;

/// A row: its number (the line of a CSV file, the row of a sheet) and cells, their
/// texts held in one string (a CSV row costs two allocations, not two a cell).
#[derive(Clone, Debug)]
pub(crate) struct GridRow {
    pub row: usize,
    /// Where the row starts (for a diagnostic about the whole row); a CSV cell is on
    /// its line, at its own column.
    pub span: Span,
    text: String,
    cells: Vec<Slot>,
}

/// Where a cell's text ends in its row's string, and its place.
#[derive(Clone, Debug)]
struct Slot {
    end: usize,
    column: usize,
    /// A workbook's cell: its typed value and its own place (`book.xlsx:Sheet1!C7`).
    sheet: Option<Box<SheetCell>>,
}

#[derive(Clone, Debug)]
struct SheetCell {
    /// `None` when the cell is its text (`Cell::Text`).
    cell: Option<Cell>,
    span: Span,
}

/// One cell of a row: its text (trimmed for CSV), its value and its place on demand.
#[derive(Clone, Copy)]
pub(crate) struct GridCell<'r> {
    pub text: &'r str,
    row: &'r GridRow,
    slot: &'r Slot,
}

impl<'r> GridCell<'r> {
    pub(crate) fn is_blank(&self) -> bool {
        // A CSV cell's text is trimmed already.
        match self.slot.sheet {
            None => self.text.is_empty(),
            Some(_) => self.text.trim().is_empty(),
        }
    }

    /// A workbook's typed value (a number, yes/no); `None` when the cell is its text.
    pub(crate) fn scalar(&self) -> Option<&'r Scalar> {
        match self.slot.sheet.as_deref()?.cell.as_ref()? {
            Cell::Scalar(s) => Some(s),
            Cell::Text(_) => None,
        }
    }

    /// The cell as read (a CSV cell is its text).
    pub(crate) fn cell(&self) -> Cell {
        match self.slot.sheet.as_deref().and_then(|s| s.cell.as_ref()) {
            Some(c) => c.clone(),
            None => Cell::Text(self.text.to_string()),
        }
    }

    /// The cell's column in its CSV line (1-based, in characters; 0 when unknown).
    pub(crate) fn column(&self) -> usize {
        self.slot.column
    }

    pub(crate) fn span(&self) -> Span {
        match self.slot.sheet.as_deref() {
            Some(s) => s.span.clone(),
            None => self.row.span.at(self.row.span.line, self.slot.column),
        }
    }
}

impl GridRow {
    /// An empty row numbered `row`, starting at `span`, with room for `cells` cells
    /// of `bytes` bytes of text in all.
    pub(crate) fn with_capacity(row: usize, span: Span, cells: usize, bytes: usize) -> Self {
        GridRow {
            row,
            span,
            text: String::with_capacity(bytes),
            cells: Vec::with_capacity(cells),
        }
    }

    /// A CSV cell at `column` of the row's line (trimmed).
    pub(crate) fn push_csv(&mut self, text: &str, column: usize) {
        self.text.push_str(text.trim());
        self.cells.push(Slot {
            end: self.text.len(),
            column,
            sheet: None,
        });
    }

    /// A workbook's cell, with its value and place.
    pub(crate) fn push_sheet(&mut self, cell: Cell, text: &str, span: Span) {
        self.text.push_str(text);
        let cell = match cell {
            Cell::Text(t) if t == text => None,
            c => Some(c),
        };
        self.cells.push(Slot {
            end: self.text.len(),
            column: 0,
            sheet: Some(Box::new(SheetCell { cell, span })),
        });
    }

    pub(crate) fn len(&self) -> usize {
        self.cells.len()
    }

    pub(crate) fn get(&self, i: usize) -> Option<GridCell<'_>> {
        let slot = self.cells.get(i)?;
        let start = match i {
            0 => 0,
            _ => self.cells[i - 1].end,
        };
        Some(GridCell {
            text: &self.text[start..slot.end],
            row: self,
            slot,
        })
    }

    pub(crate) fn cells(&self) -> impl Iterator<Item = GridCell<'_>> + '_ {
        let mut start = 0;
        self.cells.iter().map(move |slot| {
            let text = &self.text[start..slot.end];
            start = slot.end;
            GridCell {
                text,
                row: self,
                slot,
            }
        })
    }

    pub(crate) fn filled(&self) -> usize {
        self.cells().filter(|c| !c.is_blank()).count()
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
    /// The type of each field, to type cells as they are read.
    pub types: &'a super::values::FieldTypes,
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

/// The rows of a CSV text, one at a time, with their line and column: a table is read
/// as it streams, so memory holds one row of cells, not the whole file's. The line of a
/// row is where it starts, counted the same way for `\n` and `\r\n` line ends (Excel
/// on Windows writes the latter). A malformed file ends the rows; `error` says where.
pub(crate) struct CsvRows<'t> {
    text: &'t str,
    rdr: csv::Reader<&'t [u8]>,
    rec: csv::StringRecord,
    delim: u8,
    base: Span,
    /// Byte and line reached: records come in byte order, so the line count resumes
    /// where the last one stopped (counting from the start made reading quadratic).
    cursor: (usize, usize),
    rows: usize,
    pub error: Option<Diagnostic>,
}

impl<'t> CsvRows<'t> {
    pub(crate) fn new(file: &Path, text: &'t str) -> Self {
        let header_line = text.lines().next().unwrap_or("");
        let delim = detect_delimiter(header_line);
        let rdr = csv::ReaderBuilder::new()
            .delimiter(delim)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        CsvRows {
            text,
            rdr,
            rec: csv::StringRecord::new(),
            delim,
            base: Span::file_only(file),
            cursor: (0, 1),
            rows: 0,
            error: None,
        }
    }

    /// The line starting at `byte` (after any line ends) and the byte it starts at.
    fn line_at(&mut self, byte: usize) -> (usize, usize) {
        let bytes = self.text.as_bytes();
        let mut b = byte.min(bytes.len());
        while b < bytes.len() && (bytes[b] == b'\n' || bytes[b] == b'\r') {
            b += 1;
        }
        if b < self.cursor.0 {
            self.cursor = (0, 1);
        }
        self.cursor.1 += bytes[self.cursor.0..b]
            .iter()
            .filter(|&&c| c == b'\n')
            .count();
        self.cursor.0 = b;
        (self.cursor.1, b)
    }
}

impl Iterator for CsvRows<'_> {
    type Item = GridRow;

    fn next(&mut self) -> Option<GridRow> {
        if self.error.is_some() {
            return None;
        }
        match self.rdr.read_record(&mut self.rec) {
            Ok(true) => {}
            Ok(false) => return None,
            Err(e) => {
                let line = e
                    .position()
                    .map(|p| self.line_at(p.byte() as usize).0)
                    .unwrap_or(0);
                self.error = Some(Diagnostic::error(
                    self.base.at(line, 0),
                    TableProblem::Csv {
                        detail: e.to_string(),
                    },
                ));
                return None;
            }
        }
        let (line, start) = match self.rec.position() {
            Some(p) => self.line_at(p.byte() as usize),
            None => (0, self.text.len()),
        };
        let rest = self.text.get(start..).unwrap_or_default();
        let text_line = rest.split('\n').next().unwrap_or_default();
        let text_line = text_line.strip_suffix('\r').unwrap_or(text_line);
        let mut starts = FieldStarts::new(text_line, self.delim);
        self.rows += 1;
        let (span, rec) = (self.base.at(line, 1), &self.rec);
        let mut row = GridRow::with_capacity(self.rows, span, rec.len(), rec.as_slice().len());
        for c in rec.iter() {
            row.push_csv(c, starts.next().unwrap_or(0));
        }
        Some(row)
    }
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

/// Start column (1-based, in characters) of each field of a CSV line, one after the
/// other (no list of them built for each row).
struct FieldStarts<'l> {
    line: &'l [u8],
    at: usize,
    /// Characters before `at`.
    chars: usize,
    delim: u8,
    first: bool,
}

impl<'l> FieldStarts<'l> {
    fn new(line: &'l str, delim: u8) -> Self {
        FieldStarts {
            line: line.as_bytes(),
            at: 0,
            chars: 0,
            delim,
            first: true,
        }
    }
}

impl Iterator for FieldStarts<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        if std::mem::take(&mut self.first) {
            return Some(1);
        }
        let rest = self.line.get(self.at..)?;
        let mut quoted = false;
        let end = rest.iter().position(|&b| {
            quoted ^= b == b'"';
            b == self.delim && !quoted
        });
        let skipped = &rest[..end.map_or(rest.len(), |e| e + 1)];
        self.at += skipped.len();
        // A character is counted at its first byte (UTF-8 continuation bytes are not).
        self.chars += skipped.iter().filter(|&&b| b & 0xC0 != 0x80).count();
        end.map(|_| self.chars + 1)
    }
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
        let lines = |text| {
            CsvRows::new(Path::new("a.csv"), text)
                .map(|r| r.span.line)
                .collect::<Vec<_>>()
        };
        assert_eq!(lines("a;b\r\n1;2\r\n3;4\r\n"), vec![1, 2, 3]);
        assert_eq!(lines("a;b\n1;2\n\n3;4\n"), vec![1, 2, 4]);
        // Columns are found on the row's own line.
        let cols: Vec<usize> = CsvRows::new(Path::new("a.csv"), "a;bb\n\n1;\"x;y\";3\n")
            .last()
            .map(|r| r.cells().map(|c| c.span().column).collect())
            .unwrap_or_default();
        assert_eq!(cols, vec![1, 3, 9]);
        // Counted in characters, not bytes; cells trimmed.
        let row = CsvRows::new(Path::new("a.csv"), "ấp;b\n\"Ấ;p\"; đạt ;\n").last();
        let cells = row.as_ref().map(|r| {
            r.cells()
                .map(|c| (c.text, c.column(), c.is_blank()))
                .collect::<Vec<_>>()
        });
        let want = vec![("Ấ;p", 1, false), ("đạt", 7, false), ("", 13, true)];
        assert_eq!(cells, Some(want));
    }
}
