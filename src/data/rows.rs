//! The rows of a table read into records (one per unit and year) or units.

use super::block::BlockBuilder;
use super::columns::Col;
use super::grid::{GridCell, GridRow, TableCtx};
use super::model::{Blank, Provenance};
use super::stored::store_text;
use super::values::{Entry, FieldTypes, Values};
use super::{
    declared_from_scalar, CellAt, Declared, Listed, Published, RawRecord, RawUnit, Record, Unit,
};
use crate::core::diag::{Diagnostic, Diagnostics, Span};
use crate::core::problem::{DataProblem, TableProblem};
use crate::core::text::norm;
use crate::core::units::UnitKind;
use crate::core::value::{FieldType, Scalar};
use std::collections::BTreeMap;
use std::path::Path;

/// A whole number from a cell (a typed number, or text).
fn whole(gc: &GridCell, text: &str) -> Option<i64> {
    match gc.scalar() {
        Some(Scalar::Int(i)) => Some(*i),
        Some(Scalar::Float(x)) if x.fract() == 0.0 && x.is_finite() => Some(*x as i64),
        _ => text.parse().ok(),
    }
}

pub(crate) fn read_units(
    body: impl Iterator<Item = GridRow>,
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
            recognition: None,
            dated: BTreeMap::new(),
        };
        let mut parent_ref = None;
        for (gc, key) in row.cells().zip(header_keys) {
            let cell = gc.text.trim();
            match key.as_str() {
                "id" => unit.id = norm(cell),
                "name" => unit.name = norm(cell),
                "kind" => match UnitKind::parse(cell) {
                    Some(k) => unit.kind = k,
                    None => diags.push(Diagnostic::error(
                        gc.span(),
                        TableProblem::UnitKindCell {
                            found: cell.to_string(),
                        },
                    )),
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
                            cell: gc.cell(),
                            span: gc.span(),
                        },
                    );
                }
            }
        }
        if unit.id.is_empty() {
            diags.push(Diagnostic::error(span, TableProblem::EmptyUnitId));
            continue;
        }
        units.push(RawUnit { unit, parent_ref });
    }
}

/// What every row of a records table shares: the year when there is no year column,
/// how a blank status cell reads, the scope of declared statuses.
pub(crate) struct RowDefaults {
    year: Option<i32>,
    blank: Blank,
    scope: Option<String>,
}

/// The defaults of a table's rows; a table that gives no year anywhere is refused.
pub(crate) fn row_defaults(
    cx: TableCtx,
    cols: &[Col],
    annex: bool,
    header_span: Span,
    diags: &mut Diagnostics,
) -> Option<RowDefaults> {
    let def = cx.def;
    let blank =
        def.and_then(|d| d.blank)
            .unwrap_or(if annex { Blank::NotMet } else { Blank::Missing });
    let year = cx.year.or(def.and_then(|d| d.year)).or_else(|| {
        (!cols.contains(&Col::Year)).then(|| super::grid::year_in_name(cx.name_for_year))?
    });
    let scope = cx
        .scope
        .map(str::to_string)
        .or_else(|| def.and_then(|d| d.scope.clone()));
    if let Some(d) = super::check_scope(scope.as_deref(), &header_span) {
        diags.push(d);
        return None;
    }
    if let Some(y) = year.filter(|y| !crate::core::limits::year_ok(*y)) {
        diags.push(super::bad_year(y, header_span));
        return None;
    }
    if year.is_none() && !cols.contains(&Col::Year) {
        diags.push(Diagnostic::error(header_span, TableProblem::NoYearColumn));
        return None;
    }
    Some(RowDefaults { year, blank, scope })
}

/// A CSV table's block being filled, and where each column's value goes in it with
/// its field's type (found once a table, not once a cell).
pub(crate) struct Packer {
    pub block: BlockBuilder,
    slots: Vec<Option<(usize, Option<FieldType>)>>,
}

impl Packer {
    /// For a table of `file` with columns `cols`, about `rows` rows.
    pub(crate) fn new(file: &Path, cols: &[Col], types: &FieldTypes, rows: usize) -> Packer {
        let fields = cols.iter().filter_map(|c| match c {
            Col::Field(f) => Some(f.clone()),
            _ => None,
        });
        let block = BlockBuilder::new(file, fields, rows);
        let slots = cols
            .iter()
            .map(|c| match c {
                Col::Field(f) => Some((block.column_of(f)?, types.get(f))),
                _ => None,
            })
            .collect();
        Packer { block, slots }
    }
}

/// One row of a records table; `None` when a cell of it is refused (said in `diags`).
/// Its values go into the table's block when there is one (`packer`), else into the
/// record.
pub(crate) fn read_record_row(
    row: &GridRow,
    cols: &[Col],
    defaults: &RowDefaults,
    cx: TableCtx,
    mut packer: Option<&mut Packer>,
    diags: &mut Diagnostics,
) -> Option<RawRecord> {
    let mut parent = None;
    let mut rec = Record {
        unit: String::new(),
        year: defaults.year.unwrap_or(0),
        values: Values::default(),
        declared: BTreeMap::new(),
        published: BTreeMap::new(),
        number_format: cx.format,
        provenance: cx.provenance,
        span: row.span.clone(),
        order: 0,
    };
    if let Some(p) = packer.as_deref_mut() {
        p.block.start_row();
    }
    let mut ok = true;
    for (i, (gc, col)) in row.cells().zip(cols).enumerate() {
        match col {
            Col::Unit => {
                rec.unit = gc.text.trim().to_string();
                rec.span = gc.span();
            }
            Col::Parent => {
                let text = gc.text.trim();
                parent = (!text.is_empty()).then(|| text.to_string());
            }
            Col::Field(_) if gc.is_blank() => {}
            Col::Field(f) => match packer.as_deref_mut() {
                Some(p) => {
                    if let Some((at, ty)) = p.slots[i] {
                        let stored = store_text(ty, gc.text, cx.format);
                        p.block.set(at, stored, gc.column());
                    }
                }
                None => rec.values.insert(Entry {
                    field: f.clone(),
                    stored: cx.types.store(f, gc.cell(), rec.number_format),
                    span: gc.span(),
                }),
            },
            _ => ok &= read_cell(&gc, col, defaults, &mut rec, diags),
        }
    }
    if rec.unit.is_empty() {
        diags.push(Diagnostic::error(
            rec.span.clone(),
            TableProblem::EmptyUnitCell,
        ));
        ok = false;
    }
    if let Some(r) = packer.and_then(|p| p.block.end_row(row.span.line, ok)) {
        rec.values = Values::in_block(r);
    }
    ok.then_some(RawRecord {
        parent,
        record: rec,
    })
}

/// One cell of a records row (not the unit's, its parent's or a value) into the
/// record; false when the cell is refused.
fn read_cell(
    gc: &GridCell,
    col: &Col,
    defaults: &RowDefaults,
    rec: &mut Record,
    diags: &mut Diagnostics,
) -> bool {
    let text = gc.text.trim();
    let at = || gc.span();
    let not_whole = |diags: &mut Diagnostics| {
        diags.push(Diagnostic::error(
            at(),
            TableProblem::NotWhole {
                text: text.to_string(),
            },
        ));
        false
    };
    match col {
        Col::Unit | Col::Parent | Col::Ignore | Col::Field(_) => {}
        Col::Year => return read_year(gc, rec, diags),
        Col::ReportedTotal | Col::PublishedVerdict | Col::Count(_) | Col::Listed(_)
            if text.is_empty() => {}
        Col::ReportedTotal => match whole(gc, text) {
            Some(t) => published(rec, defaults).reported_total = Some((t, at())),
            None => return not_whole(diags),
        },
        Col::PublishedVerdict => published(rec, defaults).verdict = Some((norm(text), at())),
        Col::Count(level) => match whole(gc, text) {
            Some(t) => {
                published(rec, defaults)
                    .counts
                    .insert(level.clone(), (t, at()));
            }
            None => return not_whole(diags),
        },
        Col::Listed(met) => {
            let names = super::list_names(text);
            let p = published(rec, defaults);
            p.listed.extend(names.into_iter().map(|name| Listed {
                name,
                met: *met,
                span: at(),
            }));
        }
        Col::Declared(c) => return read_declared(gc, c, defaults, rec, diags),
    }
    true
}

/// The record's published list for the table's scope.
fn published<'r>(rec: &'r mut Record, defaults: &RowDefaults) -> &'r mut Published {
    rec.published_mut(super::scope_key(defaults.scope.as_deref()))
}

/// The year column's cell into the record; false when it is not a year.
fn read_year(gc: &GridCell, rec: &mut Record, diags: &mut Diagnostics) -> bool {
    let text = gc.text.trim();
    match whole(gc, text) {
        Some(y) if i32::try_from(y).is_ok_and(crate::core::limits::year_ok) => {
            rec.year = y as i32;
            true
        }
        _ => {
            diags.push(Diagnostic::error(
                gc.span(),
                TableProblem::NotAYear {
                    text: text.to_string(),
                },
            ));
            false
        }
    }
}

/// A declared status of criterion `c` into the record (keyed within the table's
/// scope); false when it does not read as one.
fn read_declared(
    gc: &GridCell,
    c: &str,
    defaults: &RowDefaults,
    rec: &mut Record,
    diags: &mut Diagnostics,
) -> bool {
    let scalar = match gc.scalar() {
        Some(s) => s.clone(),
        None => Scalar::Text(gc.text.trim().to_string()),
    };
    match declared_from_scalar(&scalar, defaults.blank) {
        Ok((met, text)) => {
            rec.declared.insert(
                super::declared_key(defaults.scope.as_deref(), c),
                Declared {
                    met,
                    text,
                    span: gc.span(),
                },
            );
            true
        }
        Err(e) => {
            diags.push(Diagnostic::error(
                gc.span(),
                DataProblem::DeclaredStatusValue { found: e },
            ));
            false
        }
    }
}
