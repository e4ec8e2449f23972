//! CSV tables: records (one row per unit and year) or units (id, name, kind, parent).
//! Headers may be renamed by a `tables:` entry of a dataset document, so an annex can
//! be pasted as it is printed.

use super::model::{Blank, Provenance, TableDef};
use super::{declared_from_scalar, CellAt, Declared, RawRecord, RawUnit, Record, Unit};
use crate::diag::{Diagnostic, Diagnostics, Span};
use crate::number::NumberFormat;
use crate::text::{name_key, norm};
use crate::units::UnitKind;
use crate::value::Cell;
use crate::value::Scalar;
use std::collections::BTreeMap;
use std::path::Path;

/// What a column holds once its header is mapped.
#[derive(Clone, Debug, PartialEq)]
enum Col {
    Unit,
    Parent,
    Year,
    ReportedTotal,
    Ignore,
    Declared(String),
    Field(String),
}

fn classify(name: &str) -> Col {
    let n = norm(name);
    match n.as_str() {
        "unit" => Col::Unit,
        "parent" => Col::Parent,
        "year" => Col::Year,
        "reported_total" => Col::ReportedTotal,
        "ignore" | "" => Col::Ignore,
        _ => match n.strip_prefix("declared:") {
            Some(c) => Col::Declared(c.trim().to_string()),
            None => Col::Field(n),
        },
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
    def: Option<(&TableDef, Option<Provenance>, NumberFormat)>,
    units: &mut Vec<RawUnit>,
    records: &mut Vec<RawRecord>,
    diags: &mut Diagnostics,
) {
    let header_line = text.lines().next().unwrap_or("");
    let delim = detect_delimiter(header_line);
    let lines: Vec<&str> = text.lines().collect();
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delim)
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = match rdr.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            diags.push(Diagnostic::error(
                Span::new(file, 1, 1),
                "csv",
                format!("cannot read the header row: {e}"),
            ));
            return;
        }
    };
    let renames: BTreeMap<String, String> = def
        .map(|d| {
            d.0.columns
                .iter()
                .map(|(k, v)| (name_key(k), v.clone()))
                .collect()
        })
        .unwrap_or_default();
    let cols: Vec<Col> = headers
        .iter()
        .map(|h| classify(renames.get(&name_key(h)).map(String::as_str).unwrap_or(h)))
        .collect();
    let header_keys: Vec<String> = headers.iter().map(name_key).collect();
    if header_keys.iter().any(|h| h == "id") && header_keys.iter().any(|h| h == "kind") {
        read_units(
            file,
            &mut rdr,
            &header_keys,
            def.and_then(|d| d.1),
            units,
            diags,
        );
        return;
    }
    if !cols.contains(&Col::Unit) {
        diags.push(
            Diagnostic::error(Span::new(file, 1, 1), "csv-header", "the table has no `unit` column")
                .with_help("name the column that holds the unit `unit`, or map its header to `unit` under `tables: … columns:` in a dataset file"),
        );
        return;
    }
    let (blank, year_default, provenance, format) = match def {
        Some((d, p, f)) => (d.blank, d.year, p, f),
        None => (Blank::Missing, None, None, NumberFormat::Auto),
    };
    let scope = def.and_then(|d| d.0.scope.clone());
    if year_default.is_none() && !cols.contains(&Col::Year) {
        diags.push(
            Diagnostic::error(Span::new(file, 1, 1), "csv-header", "the table has no `year` column")
                .with_help("add a `year` column, or give `year:` for the table under `tables:` in a dataset file"),
        );
        return;
    }
    let delim_char = delim as char;
    for row in rdr.records() {
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
                diags.push(
                    Diagnostic::error(Span::new(file, line, 0), "csv", format!("{e}"))
                        .with_help("every row needs as many cells as the header"),
                );
                continue;
            }
        };
        let line = row.position().map(|p| p.line() as usize).unwrap_or(0);
        let starts = lines
            .get(line.wrapping_sub(1))
            .map(|l| field_columns(l, delim_char))
            .unwrap_or_default();
        let at = |i: usize| Span::new(file, line, starts.get(i).copied().unwrap_or(0));
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut parent = None;
        let mut rec = Record {
            unit: String::new(),
            year: year_default.unwrap_or(0),
            values: BTreeMap::new(),
            declared: BTreeMap::new(),
            reported_total: None,
            number_format: format,
            provenance,
            span: at(0),
            order: 0,
        };
        let mut ok = true;
        for (i, (cell, col)) in row.iter().zip(&cols).enumerate() {
            let cell = cell.trim();
            match col {
                Col::Unit => {
                    rec.unit = cell.to_string();
                    rec.span = at(i);
                }
                Col::Parent => parent = (!cell.is_empty()).then(|| cell.to_string()),
                Col::Year => match cell.parse::<i32>() {
                    Ok(y) => rec.year = y,
                    Err(_) => {
                        diags.push(Diagnostic::error(
                            at(i),
                            "csv-year",
                            format!("`{cell}` is not a year"),
                        ));
                        ok = false;
                    }
                },
                Col::ReportedTotal if cell.is_empty() => {}
                Col::ReportedTotal => match cell.parse::<i64>() {
                    Ok(t) => rec.reported_total = Some((t, at(i))),
                    Err(_) => {
                        diags.push(Diagnostic::error(
                            at(i),
                            "csv-total",
                            format!("`{cell}` is not a whole number"),
                        ));
                        ok = false;
                    }
                },
                Col::Ignore => {}
                Col::Declared(c) => {
                    match declared_from_scalar(&Scalar::Text(cell.to_string()), blank) {
                        Ok(met) => {
                            rec.declared.insert(
                                super::declared_key(scope.as_deref(), c),
                                Declared { met, span: at(i) },
                            );
                        }
                        Err(e) => {
                            diags.push(Diagnostic::error(at(i), "declared-status", e));
                            ok = false;
                        }
                    }
                }
                Col::Field(_) if cell.is_empty() => {}
                Col::Field(f) => {
                    rec.values.insert(
                        f.clone(),
                        CellAt {
                            cell: Cell::Text(cell.to_string()),
                            span: at(i),
                        },
                    );
                }
            }
        }
        if rec.unit.is_empty() {
            diags.push(Diagnostic::error(
                rec.span.clone(),
                "csv-unit",
                "the unit cell is empty",
            ));
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

fn read_units(
    file: &Path,
    rdr: &mut csv::Reader<&[u8]>,
    header_keys: &[String],
    provenance: Option<Provenance>,
    units: &mut Vec<RawUnit>,
    diags: &mut Diagnostics,
) {
    for row in rdr.records() {
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
                diags.push(Diagnostic::error(
                    Span::new(file, line, 0),
                    "csv",
                    format!("{e}"),
                ));
                continue;
            }
        };
        let line = row.position().map(|p| p.line() as usize).unwrap_or(0);
        let span = Span::new(file, line, 1);
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
        for (cell, key) in row.iter().zip(header_keys) {
            let cell = cell.trim();
            match key.as_str() {
                "id" => unit.id = norm(cell),
                "name" => unit.name = norm(cell),
                "kind" => match UnitKind::parse(cell) {
                    Some(k) => unit.kind = k,
                    None => diags.push(
                        Diagnostic::error(
                            span.clone(),
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
                _ if cell.is_empty() => {}
                other => {
                    unit.attributes.insert(
                        other.to_string(),
                        CellAt {
                            cell: Cell::Text(cell.to_string()),
                            span: span.clone(),
                        },
                    );
                }
            }
        }
        units.push(RawUnit { unit, parent_ref });
    }
}
