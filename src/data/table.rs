//! Tables: records (one row per unit and year) or units (id, name, kind, parent), read
//! from CSV files or workbook sheets (`xlsx.rs`) into one grid of cells with their
//! positions, then read the same way. Headers may be renamed by a `tables:` entry of a
//! dataset document, so an annex can be pasted as it is printed: a title row above the
//! header, a numbering row under it and a totals row at the end are skipped.

use super::model::{Blank, Layout, Provenance, TableDef};
use super::{declared_from_scalar, CellAt, Declared, RawRecord, RawUnit, Record, Unit};
use crate::core::diag::{Diagnostic, Diagnostics, Span};
use crate::core::number::NumberFormat;
use crate::core::text::{name_key, norm};
use crate::core::units::UnitKind;
use crate::core::value::Cell;
use crate::core::value::Scalar;
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
    fn is_blank(&self) -> bool {
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
    fn filled(&self) -> usize {
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

/// What a column holds once its header is mapped.
#[derive(Clone, Debug, PartialEq)]
enum Col {
    Unit,
    Parent,
    Year,
    ReportedTotal,
    /// A published unit-level verdict ("Kết luận" of a published list).
    PublishedVerdict,
    /// Criteria counted at one level (`count:co_ban_dat`).
    Count(String),
    Ignore,
    Declared(String),
    Field(crate::core::text::Shared<str>),
}

fn classify(name: &str) -> Col {
    let n = norm(name);
    match n.as_str() {
        "unit" => Col::Unit,
        "parent" => Col::Parent,
        "year" => Col::Year,
        "reported_total" => Col::ReportedTotal,
        "published_verdict" => Col::PublishedVerdict,
        "ignore" | "" => Col::Ignore,
        _ => match (n.strip_prefix("declared:"), n.strip_prefix("count:")) {
            (Some(c), _) => Col::Declared(c.trim().to_string()),
            (None, Some(l)) => Col::Count(l.trim().to_string()),
            (None, None) => Col::Field(n.into()),
        },
    }
}

/// The criterion number heading an annex column: `1`, `1.`, `19.1`, `1. Quy hoạch`,
/// `TC 1`.
fn criterion_number(header: &str) -> Option<String> {
    let h = header.trim();
    let h = h
        .strip_prefix("TC")
        .or_else(|| h.strip_prefix("Tiêu chí"))
        .map(str::trim_start)
        .unwrap_or(h);
    let end = h
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(h.len());
    let num = h[..end].trim_end_matches('.');
    let rest = h[end..].trim_start();
    let starts_ok = num.chars().next().is_some_and(|c| c.is_ascii_digit());
    let sep_ok = end == h.len()
        || h[end..].starts_with(|c: char| c.is_whitespace() || matches!(c, ':' | ')' | '-'))
        || h[..end].ends_with('.');
    (starts_ok && sep_ok && (rest.is_empty() || !rest.starts_with(|c: char| c.is_ascii_digit())))
        .then(|| num.to_string())
}

/// Columns of an annex as printed (both languages), by their header.
fn classify_annex(header: &str, have_unit: bool) -> Col {
    let k = name_key(header);
    match k.as_str() {
        "tt" | "stt" | "no." | "no" | "số tt" => Col::Ignore,
        "tên thôn/xã" | "tên thôn" | "đơn vị" | "tên đơn vị" | "unit" | "thôn" | "tên thôn, xã"
            if !have_unit =>
        {
            Col::Unit
        }
        "tên xã" | "xã" if !have_unit => Col::Unit,
        "thuộc" | "tên xã" | "xã" | "parent" | "thuộc xã" => Col::Parent,
        "năm" | "year" => Col::Year,
        "tổng số tiêu chí đạt" | "báo cáo" | "tổng báo cáo" | "reported" | "tổng số" => {
            Col::ReportedTotal
        }
        _ => match criterion_number(header) {
            Some(n) => Col::Declared(n),
            None => Col::Ignore,
        },
    }
}

/// Headers of a units table, English or Vietnamese.
fn unit_key(header: &str) -> String {
    let k = name_key(header);
    match k.as_str() {
        "mã" | "mã đơn vị" | "mã số" => "id".into(),
        "tên" | "tên đơn vị" => "name".into(),
        "loại" | "cấp" | "loại đơn vị" => "kind".into(),
        "thuộc" | "đơn vị cấp trên" | "cấp trên" => "parent".into(),
        "tên khác" | "tên gọi khác" => "aliases".into(),
        _ => k,
    }
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
    let head_span = grid
        .first()
        .map(|r| r.span.clone())
        .unwrap_or_else(|| Span::new(file, 1, 1));
    // The header row: declared, else the first with two or more filled cells.
    let header_at = match def.and_then(|d| d.header_row) {
        Some(n) => match grid.iter().position(|r| r.row == n) {
            Some(i) => i,
            None => {
                diags.push(
                    Diagnostic::error(
                        head_span,
                        "table-header",
                        format!("`header_row: {n}`: the table has no row {n}"),
                    )
                    .with_help("give the number of the row that holds the column headers, as Excel numbers rows"),
                );
                return;
            }
        },
        None => match grid.iter().position(|r| r.filled() >= 2) {
            Some(i) => i,
            None => {
                if grid.iter().any(|r| r.filled() > 0) {
                    diags.push(Diagnostic::error(
                        head_span,
                        "table-header",
                        "no header row: no row has two or more filled cells",
                    ));
                } else {
                    diags.push(empty_table(file));
                }
                return;
            }
        },
    };
    // Header texts; an empty cell takes the text above it (vertically merged headers).
    let width = grid[header_at].cells.len();
    let headers: Vec<String> = (0..width)
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
        .collect();
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
        for r in &body {
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
    let mut cols: Vec<Col> = Vec::new();
    for h in &headers {
        let c = match renames.get(&name_key(h)) {
            Some(v) => classify(v),
            None if annex => classify_annex(h, cols.contains(&Col::Unit)),
            None => classify(h),
        };
        cols.push(c);
    }
    // Two columns that mean the same thing: which one would win is a guess.
    for (i, c) in cols.iter().enumerate() {
        if *c == Col::Ignore {
            continue;
        }
        if let Some(j) = cols[..i].iter().position(|d| d == c) {
            let span = header_span.clone();
            diags.push(
                Diagnostic::error(
                    span,
                    "duplicate-column",
                    format!(
                        "columns {} (`{}`) and {} (`{}`) both hold {}; one table cannot give a value twice",
                        crate::core::diag::column_letters(j + 1),
                        headers[j].trim(),
                        crate::core::diag::column_letters(i + 1),
                        headers[i].trim(),
                        col_label(c)
                    ),
                )
                .with_help("remove one of them, or map one to `ignore` under `tables: … columns:`")
                .arg("column", headers[i].trim()),
            );
            return;
        }
    }
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
    let blank =
        def.and_then(|d| d.blank)
            .unwrap_or(if annex { Blank::NotMet } else { Blank::Missing });
    let year_default = cx
        .year
        .or(def.and_then(|d| d.year))
        .or_else(|| (!cols.contains(&Col::Year)).then(|| year_in_name(cx.name_for_year))?);
    let scope = cx
        .scope
        .map(str::to_string)
        .or_else(|| def.and_then(|d| d.scope.clone()));
    if let Some(y) = year_default.filter(|y| !crate::core::limits::year_ok(*y)) {
        diags.push(super::bad_year(y, header_span));
        return;
    }
    if year_default.is_none() && !cols.contains(&Col::Year) {
        diags.push(
            Diagnostic::error(header_span, "csv-header", "the table has no `year` column")
                .with_help("add a `year` column, give `year:` for the table under `tables:` in a dataset file, or put the year in the file name (e.g. phu-luc-2020.csv)"),
        );
        return;
    }
    for row in body {
        let mut parent = None;
        let mut rec = Record {
            unit: String::new(),
            year: year_default.unwrap_or(0),
            values: BTreeMap::new(),
            declared: BTreeMap::new(),
            reported_total: None,
            counts: BTreeMap::new(),
            published_verdict: None,
            number_format: cx.format,
            provenance: cx.provenance,
            span: row.span.clone(),
            order: 0,
        };
        let mut ok = true;
        for (gc, col) in row.cells.into_iter().zip(&cols) {
            let text = gc.text.trim();
            let at = || gc.span.clone();
            match col {
                Col::Unit => {
                    rec.unit = text.to_string();
                    rec.span = at();
                }
                Col::Parent => parent = (!text.is_empty()).then(|| text.to_string()),
                Col::Year => match whole(&gc.cell, text) {
                    Some(y) if i32::try_from(y).is_ok_and(crate::core::limits::year_ok) => {
                        rec.year = y as i32
                    }
                    _ => {
                        diags.push(Diagnostic::error(
                            at(),
                            "csv-year",
                            format!("`{text}` is not a year"),
                        ));
                        ok = false;
                    }
                },
                Col::ReportedTotal if text.is_empty() => {}
                Col::ReportedTotal => match whole(&gc.cell, text) {
                    Some(t) => rec.reported_total = Some((t, at())),
                    None => {
                        diags.push(Diagnostic::error(
                            at(),
                            "csv-total",
                            format!("`{text}` is not a whole number"),
                        ));
                        ok = false;
                    }
                },
                Col::PublishedVerdict if text.is_empty() => {}
                Col::PublishedVerdict => rec.published_verdict = Some((norm(text), at())),
                Col::Count(_) if text.is_empty() => {}
                Col::Count(level) => match whole(&gc.cell, text) {
                    Some(t) => {
                        rec.counts.insert(level.clone(), (t, at()));
                    }
                    None => {
                        diags.push(Diagnostic::error(
                            at(),
                            "csv-total",
                            format!("`{text}` is not a whole number"),
                        ));
                        ok = false;
                    }
                },
                Col::Ignore => {}
                Col::Declared(c) => {
                    let scalar = match &gc.cell {
                        Cell::Scalar(s) => s.clone(),
                        Cell::Text(t) => Scalar::Text(t.trim().to_string()),
                    };
                    match declared_from_scalar(&scalar, blank) {
                        Ok((met, text)) => {
                            rec.declared.insert(
                                super::declared_key(scope.as_deref(), c),
                                Declared {
                                    met,
                                    text,
                                    span: at(),
                                },
                            );
                        }
                        Err(e) => {
                            diags.push(Diagnostic::error(at(), "declared-status", e));
                            ok = false;
                        }
                    }
                }
                Col::Field(_) if gc.is_blank() => {}
                Col::Field(f) => {
                    rec.values.insert(
                        f.clone(),
                        CellAt {
                            cell: gc.cell,
                            span: at(),
                        },
                    );
                }
            }
        }
        if rec.unit.is_empty() {
            diags.push(
                Diagnostic::error(rec.span.clone(), "csv-unit", "the unit cell is empty")
                    .with_help("a title, numbering or notes row is skipped with `header_row:`, `skip_rows:` or `footer_rows:` under `tables:`"),
            );
            ok = false;
        }
        if ok {
            records.push(RawRecord {
                parent,
                record: rec,
            });
        }
    }
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

fn col_label(c: &Col) -> String {
    match c {
        Col::Unit => "the unit".into(),
        Col::Parent => "the parent".into(),
        Col::Year => "the year".into(),
        Col::ReportedTotal => "the reported total".into(),
        Col::PublishedVerdict => "the published verdict".into(),
        Col::Count(l) => format!("the count of criteria at level {l}"),
        Col::Ignore => "nothing".into(),
        Col::Declared(d) => format!("the declared status of criterion {d}"),
        Col::Field(f) => format!("field `{f}`"),
    }
}

/// A whole number from a cell (a typed number, or text).
fn whole(cell: &Cell, text: &str) -> Option<i64> {
    match cell {
        Cell::Scalar(Scalar::Int(i)) => Some(*i),
        Cell::Scalar(Scalar::Float(x)) if x.fract() == 0.0 && x.is_finite() => Some(*x as i64),
        _ => text.parse().ok(),
    }
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

fn read_units(
    body: Vec<GridRow>,
    header_keys: &[String],
    provenance: Option<Provenance>,
    units: &mut Vec<RawUnit>,
    diags: &mut Diagnostics,
) {
    for row in body {
        let span = row.span.clone();
        let mut unit = Unit {
            id: String::new(),
            name: String::new(),
            kind: UnitKind::Xa,
            parent: None,
            aliases: Vec::new(),
            attributes: BTreeMap::new(),
            span: span.clone(),
            provenance,
            valid_from: None,
            valid_until: None,
        };
        let mut parent_ref = None;
        for (gc, key) in row.cells.iter().zip(header_keys) {
            let cell = gc.text.trim();
            match key.as_str() {
                "id" => unit.id = norm(cell),
                "name" => unit.name = norm(cell),
                "kind" => match UnitKind::parse(cell) {
                    Some(k) => unit.kind = k,
                    None => diags.push(
                        Diagnostic::error(
                            gc.span.clone(),
                            "unit-kind",
                            format!("`{cell}` is not a unit kind"),
                        )
                        .with_help("use xã, thôn, thị trấn, huyện or tỉnh"),
                    ),
                },
                "parent" => parent_ref = (!cell.is_empty()).then(|| cell.to_string()),
                "aliases" => {
                    unit.aliases = cell
                        .split('|')
                        .map(norm)
                        .filter(|a| !a.is_empty())
                        .collect()
                }
                "ignore" => {}
                _ if cell.is_empty() => {}
                other => {
                    unit.attributes.insert(
                        other.to_string(),
                        CellAt {
                            cell: gc.cell.clone(),
                            span: gc.span.clone(),
                        },
                    );
                }
            }
        }
        if unit.id.is_empty() {
            diags.push(Diagnostic::error(
                span,
                "unit-id",
                "the id cell of this unit is empty",
            ));
            continue;
        }
        units.push(RawUnit { unit, parent_ref });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn criterion_numbers_head_annex_columns() {
        assert_eq!(criterion_number("1"), Some("1".into()));
        assert_eq!(criterion_number("1. Quy hoạch"), Some("1".into()));
        assert_eq!(criterion_number("19.1 An ninh"), Some("19.1".into()));
        assert_eq!(criterion_number("TC 5"), Some("5".into()));
        assert_eq!(criterion_number("Kết luận"), None);
        assert_eq!(criterion_number("2020"), Some("2020".into()));
    }

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
