//! Tables: records (one row per unit and year) or units (id, name, kind, parent), read
//! from CSV files or workbook sheets (`xlsx.rs`) into one grid of cells with their
//! positions, then read the same way. Headers may be renamed by a `tables:` entry of a
//! dataset document, so an annex can be pasted as it is printed: a title row above the
//! header, a numbering row under it and a totals row at the end are skipped.

use super::block::room;
use super::columns::{columns, unit_key, Col};
use super::grid::{CsvRows, GridRow, TableCtx};
use super::model::{Layout, TableDef};
use super::rows::{read_record_row, read_units, row_defaults, Packer};
use super::{RawRecord, RawUnit};
use crate::core::diag::{Diagnostic, Diagnostics, Span};
use crate::core::problem::TableProblem;
use crate::core::text::name_key;
use std::collections::BTreeMap;
use std::path::Path;

/// Is this row a totals row (`Tổng cộng`, `Cộng`, `Total`) in its first filled cells?
fn is_totals_row(row: &GridRow) -> bool {
    row.cells().filter(|c| !c.is_blank()).take(2).any(|c| {
        // Every word below starts with `t` or `c` (of any case): no key built for others.
        if !c.text.trim_start().starts_with(['t', 'T', 'c', 'C']) {
            return false;
        }
        let k = name_key(c.text);
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
    let unit_is_letter = unit_col.and_then(|i| row.get(i)).is_some_and(|c| {
        let t = c.text.trim().trim_start_matches('(').trim_end_matches(')');
        !t.is_empty()
            && t.len() <= 3
            && t.chars()
                .all(|c| c.is_ascii_alphabetic() || c.is_ascii_digit())
    });
    row.filled() >= 2
        && unit_is_letter
        && row.cells().filter(|c| !c.is_blank()).all(|c| token(c.text))
}

pub(crate) fn read_csv(
    file: &Path,
    text: &str,
    cx: TableCtx,
    units: &mut Vec<RawUnit>,
    records: &mut Vec<RawRecord>,
    diags: &mut Diagnostics,
) {
    let mut rows = CsvRows::new(file, text);
    let size = (rows_in(text), true);
    read_rows(file, &mut rows, cx, size, units, records, diags);
    if let Some(d) = rows.error.take() {
        diags.push(d);
    }
}

/// Read a grid (a sheet's rows) as a records table or a units table.
pub(crate) fn read_grid(
    file: &Path,
    grid: Vec<GridRow>,
    cx: TableCtx,
    strict_width: bool,
    units: &mut Vec<RawUnit>,
    records: &mut Vec<RawRecord>,
    diags: &mut Diagnostics,
) {
    let size = (grid.len(), strict_width);
    read_rows(file, grid.into_iter(), cx, size, units, records, diags);
}

/// About how many rows a CSV text has, from the length of its first lines (to reserve
/// room for its records and values at once rather than doubling it row by row).
fn rows_in(text: &str) -> usize {
    let filled = |l: &&str| !l.trim().is_empty();
    let lines = text.split_inclusive('\n').skip(1).filter(filled).take(16);
    let (n, bytes) = lines.fold((0, 0), |(n, b), l| (n + 1, b + l.len()));
    match n {
        0 => 0,
        _ => text.len() / (bytes / n).max(1),
    }
}

/// Read rows as they come as a records table or a units table: the rows down to the
/// header are kept, then each body row is read and let go. `size`: about how many
/// rows there are, and whether a row must be as wide as the header (CSV).
fn read_rows(
    file: &Path,
    mut rows: impl Iterator<Item = GridRow>,
    cx: TableCtx,
    (size, strict_width): (usize, bool),
    units: &mut Vec<RawUnit>,
    records: &mut Vec<RawRecord>,
    diags: &mut Diagnostics,
) {
    let Some(head) = header_rows(file, &mut rows, cx.def, diags) else {
        return;
    };
    let header_at = head.len() - 1;
    let width = head[header_at].len();
    let head = Head {
        headers: header_texts(&head, header_at),
        span: head[header_at].span.clone(),
        renames: cx
            .def
            .map(|d| {
                d.columns
                    .iter()
                    .map(|(k, v)| (name_key(k), v.clone()))
                    .collect()
            })
            .unwrap_or_default(),
    };
    let mut ragged = Diagnostics::default();
    let body = rows.filter(|r| !strict_width || full_row(r, width, &mut ragged));
    let packed = strict_width.then_some(size);
    read_body(file, body, cx, &head, (units, records), packed, diags);
    diags.extend(ragged);
}

/// A table's header: its texts, their renames (`columns:`), where it is.
struct Head {
    headers: Vec<String>,
    renames: BTreeMap<String, String>,
    span: Span,
}

/// The rows under the header, as units or records; every row is pulled through (so that
/// each ragged row is said) whatever stops the reading. `packed`: the values go into
/// one block (about that many rows).
fn read_body(
    file: &Path,
    body: impl Iterator<Item = GridRow>,
    cx: TableCtx,
    head: &Head,
    (units, records): (&mut Vec<RawUnit>, &mut Vec<RawRecord>),
    packed: Option<usize>,
    diags: &mut Diagnostics,
) {
    let def = cx.def;
    // Units table: `id` and `kind` among the (mapped) headers.
    let unit_keys: Vec<String> = head
        .headers
        .iter()
        .map(|h| match head.renames.get(&name_key(h)) {
            Some(v) => name_key(v),
            None => unit_key(h),
        })
        .collect();
    if unit_keys.iter().any(|h| h == "id") && unit_keys.iter().any(|h| h == "kind") {
        units.reserve(room(packed.unwrap_or(0), std::mem::size_of::<RawUnit>()));
        let body = Trimmed::new(body, def, None);
        read_units(body, &unit_keys, cx.provenance, units, diags);
        return;
    }
    let annex = cx.annex || def.is_some_and(|d| d.layout == Layout::Annex);
    let Some(cols) = columns(&head.headers, &head.renames, annex, &head.span, diags) else {
        body.for_each(drop);
        return;
    };
    let Some(unit_col) = cols.iter().position(|c| *c == Col::Unit) else {
        body.for_each(drop);
        diags.push(Diagnostic::error(
            head.span.clone(),
            TableProblem::NoUnitColumn,
        ));
        return;
    };
    let mut body = Trimmed::new(body, def, Some(unit_col)).peekable();
    if body.peek().is_none() {
        diags.push(empty_table(file));
        return;
    }
    let Some(defaults) = row_defaults(cx, &cols, annex, head.span.clone(), diags) else {
        body.for_each(drop);
        return;
    };
    // A CSV table's values go into one block as its rows are read (a sheet's cells are
    // named by sheet and cell, not line and column: they stay with their records).
    let mut packer = packed.map(|rows| Packer::new(file, &cols, cx.types, rows));
    let start = records.len();
    records.reserve(room(packed.unwrap_or(0), std::mem::size_of::<RawRecord>()));
    for row in body {
        if let Some(r) = read_record_row(&row, &cols, &defaults, cx, packer.as_mut(), diags) {
            records.push(r);
        }
    }
    if let Some(p) = packer {
        let block = p.block.finish();
        for r in &mut records[start..] {
            r.record.values.attach(&block);
        }
    }
}

/// The rows down to the header row (declared, else the first with two or more filled
/// cells), the header last; none when there is no header (said in `diags`).
fn header_rows(
    file: &Path,
    rows: &mut impl Iterator<Item = GridRow>,
    def: Option<&TableDef>,
    diags: &mut Diagnostics,
) -> Option<Vec<GridRow>> {
    let declared = def.and_then(|d| d.header_row);
    let mut head = Vec::new();
    for r in rows.by_ref() {
        let found = match declared {
            Some(n) => r.row == n,
            None => r.filled() >= 2,
        };
        head.push(r);
        if found {
            return Some(head);
        }
    }
    let head_span = head
        .first()
        .map(|r| r.span.clone())
        .unwrap_or_else(|| Span::new(file, 1, 1));
    diags.push(match declared {
        Some(n) => Diagnostic::error(head_span, TableProblem::HeaderRowMissing { row: n }),
        None if head.iter().any(|r| r.filled() > 0) => {
            Diagnostic::error(head_span, TableProblem::NoHeaderRow)
        }
        None => empty_table(file),
    });
    None
}

/// Header texts; an empty cell takes the text above it (vertically merged headers).
fn header_texts(grid: &[GridRow], header_at: usize) -> Vec<String> {
    (0..grid[header_at].len())
        .map(|i| {
            (0..=header_at)
                .rev()
                .map(|r| {
                    grid[r]
                        .get(i)
                        .map(|c| c.text.to_string())
                        .unwrap_or_default()
                })
                .find(|t| !t.trim().is_empty())
                .unwrap_or_default()
        })
        .collect()
}

/// A CSV row whose width differs from the header's is refused (and left out).
fn full_row(r: &GridRow, width: usize, diags: &mut Diagnostics) -> bool {
    if r.len() == width || r.filled() == 0 {
        return true;
    }
    diags.push(Diagnostic::error(
        r.span.clone(),
        TableProblem::RaggedRow {
            cells: r.len(),
            width,
        },
    ));
    false
}

/// A table with no rows is said, not silently read as nothing.
fn empty_table(file: &Path) -> Diagnostic {
    Diagnostic::warning(Span::file_only(file), TableProblem::EmptyTable)
}

/// The rows that hold data, as they come: declared skip and footer rows left out (the
/// last `footer` rows are held back until a later row shows they are not the last), a
/// numbering row right under the header and everything from a totals row on recognised
/// and left out, empty rows dropped.
struct Trimmed<I> {
    rows: I,
    skip: usize,
    footer: usize,
    held: std::collections::VecDeque<GridRow>,
    /// The unit column, while the first row may still be a numbering row.
    numbering: Option<Option<usize>>,
    done: bool,
}

impl<I: Iterator<Item = GridRow>> Trimmed<I> {
    fn new(rows: I, def: Option<&TableDef>, unit_col: Option<usize>) -> Self {
        Trimmed {
            rows,
            skip: def.map_or(0, |d| d.skip_rows),
            footer: def.map_or(0, |d| d.footer_rows),
            held: Default::default(),
            numbering: Some(unit_col),
            done: false,
        }
    }

    /// The next non-empty row that is not skipped nor among the last `footer` ones.
    fn next_kept(&mut self) -> Option<GridRow> {
        for r in self.rows.by_ref() {
            if r.filled() == 0 {
                continue;
            }
            if self.skip > 0 {
                self.skip -= 1;
                continue;
            }
            self.held.push_back(r);
            if self.held.len() > self.footer {
                return self.held.pop_front();
            }
        }
        None
    }
}

impl<I: Iterator<Item = GridRow>> Iterator for Trimmed<I> {
    type Item = GridRow;

    fn next(&mut self) -> Option<GridRow> {
        if self.done {
            return None;
        }
        let mut r = self.next_kept();
        if let Some(unit_col) = self.numbering.take() {
            if r.as_ref().is_some_and(|r| is_numbering_row(r, unit_col)) {
                r = self.next_kept();
            }
        }
        match r {
            Some(r) if !is_totals_row(&r) => Some(r),
            _ => {
                // The rest is the totals row's and below: read (for errors) and let go.
                self.done = true;
                self.rows.by_ref().for_each(drop);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_estimated_from_the_first_filled_lines_and_room_is_bounded() {
        assert_eq!(rows_in("a;b\n1;2\n3;4\n"), 3);
        assert_eq!(rows_in("a;b\n"), 0);
        let blank = format!("a;b\n{}", "\n".repeat(100_000));
        assert_eq!(rows_in(&blank), 0);
        let mostly_blank = format!("a;b\n1;2\n{}", "\n".repeat(100_000));
        assert_eq!(rows_in(&mostly_blank), mostly_blank.len() / 4);
        // However large the estimate, the room made ahead is bounded.
        assert_eq!(room(10, 16), 10);
        assert!(room(usize::MAX, 16) * 16 <= 64 << 20);
        assert!(room(usize::MAX, 0) <= 64 << 20);
    }

    /// Each record's values (field, cell, place), and the messages, as strings.
    fn read(packed: bool, text: &str) -> (Vec<Vec<String>>, Vec<String>) {
        use crate::core::number::NumberFormat;
        use crate::core::value::FieldType;
        let types = super::super::values::FieldTypes::new([
            ("n", FieldType::Number),
            ("p", FieldType::Percent),
            ("c", FieldType::Count),
            ("b", FieldType::Bool),
            ("t", FieldType::Text),
        ]);
        let cx = TableCtx {
            def: None,
            provenance: None,
            format: NumberFormat::Vi,
            name_for_year: "xa-2021.csv",
            annex: false,
            scope: None,
            year: None,
            types: &types,
        };
        let file = Path::new("xa-2021.csv");
        let (mut units, mut records, mut diags) = (vec![], vec![], Diagnostics::default());
        if packed {
            read_csv(file, text, cx, &mut units, &mut records, &mut diags);
        } else {
            let grid = CsvRows::new(file, text).collect();
            read_grid(file, grid, cx, false, &mut units, &mut records, &mut diags);
        }
        let values = records
            .iter()
            .map(|r| {
                let v = r.record.values.iter();
                v.map(|f| format!("{} {:?} {}", f.field, f.stored, f.span()))
                    .collect()
            })
            .collect();
        (values, diags.0.iter().map(|d| format!("{d:?}")).collect())
    }

    #[test]
    fn values_written_into_a_block_are_the_values_a_record_holds() {
        let text = "unit;n;p;c;b;t;u;year\n\
                    x0;12,5;85,5%;3;có;  Thôn  A ;raw;2021\n\
                    x1;1.234;7;2,5;maybe;;;2021\n\
                    \"x2\";\"1;5\";;-0;KHÔNG;x;;2O21\n\
                    ;1;1;1;1;1;1;2021\n\
                    x3;;;;;;;2021\n\
                    x4;ấ;1e5;99999999999999999999;0;\"a\"\"b\";7;2021\n";
        let packed = read(true, text);
        assert_eq!(packed, read(false, text));
        assert_eq!(packed.0.len(), 4, "{packed:?}");
        assert_eq!(packed.0[0][0], "b Bool(true) xa-2021.csv:2:17");
        assert!(packed.0[2].is_empty(), "{packed:?}");
        assert_eq!(packed.1.len(), 2, "{packed:?}");
    }
}
