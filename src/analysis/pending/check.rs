//! The filled rows of a sheet checked against the set they complete: each cell
//! (criterion, indicator, field id, comparison, group, years, value within its unit's
//! range, source level and address), then one value per indicator, group, region and
//! year, and every commune group filled or marked not applicable. Errors name the cell.

use super::sheet::{
    col, field_id, level, not_applicable, valid_ident, Cmp, ReadRow, SheetRow, Threshold, COLUMNS,
};
use crate::core::diag::{Diagnostic, Diagnostics, Span};
use crate::core::number::{parse_number, NumberFormat};
use crate::core::problem::AuthoringProblem;
use crate::core::value::parse_bool;
use crate::rules::model::SourceLevel;
use crate::rules::RuleSet;
use std::collections::BTreeMap;
use std::path::Path;

/// One filled row, checked.
#[derive(Clone, Debug)]
pub(super) struct Filled {
    pub(super) row: SheetRow,
    pub(super) line: usize,
    pub(super) field: String,
    pub(super) cmp: Cmp,
    /// None: the indicator does not apply to this row's group or region.
    pub(super) value: Option<Threshold>,
    pub(super) level: SourceLevel,
    pub(super) from_year: Option<i32>,
    pub(super) to_year: Option<i32>,
    /// The row's `Nhóm xã` and `Giá trị` cells, for errors about its indicator's values.
    group_at: Span,
    value_at: Span,
    year_at: Span,
}

/// Check the filled rows against the set they complete.
pub(super) fn check_rows(
    set: &RuleSet,
    path: &Path,
    rows: &[ReadRow],
) -> Result<Vec<Filled>, Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut out = Vec::new();
    for r in rows.iter().filter(|r| r.row.written()) {
        let mut err = |column: usize, problem: AuthoringProblem| {
            diags.push(Diagnostic::error(r.at(column), problem))
        };
        out.extend(check_row(set, r, &mut err));
    }
    if out.is_empty() && !diags.has_errors() {
        diags.push(Diagnostic::error(
            Span::file_only(path),
            AuthoringProblem::SheetEmpty,
        ));
    }
    duplicates(&out, &mut diags);
    if !diags.has_errors() {
        every_group(set, &out, &mut diags);
        every_year(set, &out, &mut diags);
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(out)
    }
}

/// One filled row checked: None (with an error said at its cell) when a cell is wrong.
fn check_row(
    set: &RuleSet,
    r: &ReadRow,
    err: &mut dyn FnMut(usize, AuthoringProblem),
) -> Option<Filled> {
    let row = &r.row;
    let (field, cmp) = identify(set, row, err)?;
    let (from_year, to_year) = years(set, row, err)?;
    let value = if not_applicable(&row.value) {
        None
    } else {
        Some(value(set, row, cmp, &field, err)?)
    };
    let level = source(row, err)?;
    Some(Filled {
        row: row.clone(),
        line: r.line,
        field,
        cmp,
        value,
        level,
        from_year,
        to_year,
        group_at: r.at(col::GROUP),
        value_at: r.at(col::VALUE),
        year_at: r.at(col::FROM),
    })
}

/// What a row is about: its criterion, a new indicator, its field, comparison, group.
fn identify(
    set: &RuleSet,
    row: &SheetRow,
    err: &mut dyn FnMut(usize, AuthoringProblem),
) -> Option<(String, Cmp)> {
    if set.criterion(&row.criterion).is_none() {
        err(
            col::CRITERION,
            AuthoringProblem::SheetNoCriterion {
                set: set.id.clone(),
                criterion: row.criterion.clone(),
            },
        );
        return None;
    }
    if row.indicator.is_empty() || row.indicator_name.is_empty() {
        err(col::INDICATOR, AuthoringProblem::SheetNoIndicator);
        return None;
    }
    if set
        .criteria
        .iter()
        .flat_map(|c| &c.indicators)
        .any(|i| i.id == row.indicator)
    {
        err(
            col::INDICATOR,
            AuthoringProblem::SheetIndicatorExists {
                indicator: row.indicator.clone(),
                set: set.id.clone(),
            },
        );
        return None;
    }
    let field = field_id(row);
    if !valid_ident(&field) {
        err(
            col::FIELD,
            AuthoringProblem::SheetFieldId {
                field: field.clone(),
            },
        );
        return None;
    }
    let Some(cmp) = Cmp::parse(&row.comparison) else {
        err(
            col::COMPARISON,
            AuthoringProblem::SheetComparison {
                found: row.comparison.clone(),
            },
        );
        return None;
    };
    if !row.group.is_empty() && !set.groups.iter().any(|g| g.id.value == row.group) {
        err(
            col::GROUP,
            AuthoringProblem::SheetGroup {
                set: set.id.clone(),
                group: row.group.clone(),
            },
        );
        return None;
    }
    Some((field, cmp))
}

/// The row's source level; a value said to be read somewhere must say where.
fn source(row: &SheetRow, err: &mut dyn FnMut(usize, AuthoringProblem)) -> Option<SourceLevel> {
    let Some(level) = level(&row.level) else {
        err(
            col::LEVEL,
            AuthoringProblem::SheetLevel {
                found: row.level.clone(),
            },
        );
        return None;
    };
    if level != SourceLevel::None && row.section.is_empty() && row.source.is_empty() {
        err(
            col::SOURCE,
            AuthoringProblem::SheetNoAddress {
                level: row.level.clone(),
            },
        );
        return None;
    }
    Some(level)
}

/// The threshold of a row: a number through the one number reader (Vietnamese forms),
/// within the range of its unit (0–100 for %) or of the set's field it names; yes/no for
/// `có`/`đạt` and `=`.
fn value(
    set: &RuleSet,
    row: &SheetRow,
    cmp: Cmp,
    field: &str,
    err: &mut dyn FnMut(usize, AuthoringProblem),
) -> Option<Threshold> {
    if cmp == Cmp::Yes {
        return match (row.value.is_empty(), parse_bool(&row.value)) {
            (true, _) | (_, Some(true)) => Some(Threshold::Bool(true)),
            _ => {
                err(
                    col::VALUE,
                    AuthoringProblem::SheetYesValue {
                        found: row.value.clone(),
                    },
                );
                None
            }
        };
    }
    let n = match parse_number(&row.value, NumberFormat::Vi) {
        Ok(n) => n.value,
        Err(e) => {
            return match (cmp, parse_bool(&row.value)) {
                (Cmp::Eq, Some(b)) => Some(Threshold::Bool(b)),
                _ => {
                    err(
                        col::VALUE,
                        AuthoringProblem::SheetValue {
                            found: row.value.clone(),
                            detail: e.to_string(),
                        },
                    );
                    None
                }
            };
        }
    };
    let known = set.fields.get(field);
    let range = known.and_then(|f| f.range).or_else(|| {
        (row.unit.trim() == "%" || known.is_some_and(|f| f.unit.as_deref() == Some("%")))
            .then_some((0.0, 100.0))
    });
    if let Some((lo, hi)) = range.filter(|(lo, hi)| n < *lo || n > *hi) {
        err(
            col::VALUE,
            AuthoringProblem::SheetValueRange {
                found: row.value.clone(),
                read: crate::core::value::Value::Number(n).to_string(),
                min: crate::core::value::Value::Number(lo).to_string(),
                max: crate::core::value::Value::Number(hi).to_string(),
                unit: row.unit.clone(),
            },
        );
        return None;
    }
    Some(Threshold::Number(n))
}

/// The `Từ năm` / `Đến năm` cells: years within the set's validity, in order.
fn years(
    set: &RuleSet,
    row: &SheetRow,
    err: &mut dyn FnMut(usize, AuthoringProblem),
) -> Option<(Option<i32>, Option<i32>)> {
    let first = set.valid_from.year;
    let last = set.effective_until().map(|d| d.year);
    let mut read = |column: usize, s: &str| -> Result<Option<i32>, ()> {
        if s.is_empty() {
            return Ok(None);
        }
        match s.parse::<i32>() {
            Ok(y) if y >= first && last.is_none_or(|l| y <= l) => Ok(Some(y)),
            _ => {
                err(
                    column,
                    AuthoringProblem::SheetYear {
                        column: COLUMNS[column].to_string(),
                        found: s.to_string(),
                        first,
                        last,
                    },
                );
                Err(())
            }
        }
    };
    let from = read(col::FROM, &row.from_year).ok()?;
    let to = read(col::TO, &row.to_year).ok()?;
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            err(
                col::TO,
                AuthoringProblem::SheetYear {
                    column: COLUMNS[col::TO].to_string(),
                    found: row.to_year.clone(),
                    first: f,
                    last,
                },
            );
            return None;
        }
    }
    Some((from, to))
}

/// The years a row covers, as an inclusive range (open ends as far as they go).
fn span_of(f: &Filled) -> (i32, i32) {
    (
        f.from_year.unwrap_or(i32::MIN),
        f.to_year.unwrap_or(i32::MAX),
    )
}

/// The filled rows of each indicator, group and region, in the sheet's order.
fn by_scope(filled: &[Filled]) -> BTreeMap<(&str, &str, &str), Vec<&Filled>> {
    let mut by: BTreeMap<(&str, &str, &str), Vec<&Filled>> = BTreeMap::new();
    for f in filled {
        let key = (
            f.row.indicator.as_str(),
            f.row.group.as_str(),
            f.row.region.as_str(),
        );
        by.entry(key).or_default().push(f);
    }
    by
}

/// One value per indicator, group, region and year: two rows whose years overlap for the
/// same indicator, group and region are refused.
fn duplicates(filled: &[Filled], diags: &mut Diagnostics) {
    for rows in by_scope(filled).values() {
        for (i, f) in rows.iter().enumerate() {
            let (a, b) = span_of(f);
            if let Some(first) = rows[..i].iter().find(|g| {
                let (c, d) = span_of(g);
                a <= d && c <= b
            }) {
                diags.push(Diagnostic::error(
                    f.value_at.clone(),
                    AuthoringProblem::SheetSecondValue {
                        indicator: f.row.indicator.clone(),
                        first_line: first.line,
                    },
                ));
            }
        }
    }
}

/// Values given by year leave no year without one, from the set's first year to the
/// last year given: a year left out would silently have no threshold.
fn every_year(set: &RuleSet, filled: &[Filled], diags: &mut Diagnostics) {
    let first = set.valid_from.year;
    for ((indicator, group, _), rows) in by_scope(filled) {
        if rows
            .iter()
            .all(|f| f.from_year.is_none() && f.to_year.is_none())
        {
            continue;
        }
        let last = rows
            .iter()
            .map(|f| f.to_year.or(f.from_year).unwrap_or(first))
            .max()
            .unwrap_or(first);
        let missing: Vec<i32> = (first..=last)
            .filter(|y| {
                !rows.iter().any(|f| {
                    let (a, b) = span_of(f);
                    a <= *y && *y <= b
                })
            })
            .collect();
        if !missing.is_empty() {
            diags.push(Diagnostic::error(
                rows[0].year_at.clone(),
                AuthoringProblem::SheetMissingYears {
                    indicator: indicator.to_string(),
                    group: group.to_string(),
                    years: missing,
                },
            ));
        }
    }
}

/// Every commune group the set declares has a value (or is marked not applicable) for
/// each indicator given per group: a group left out would silently have no threshold.
fn every_group(set: &RuleSet, filled: &[Filled], diags: &mut Diagnostics) {
    if set.groups.is_empty() {
        return;
    }
    let mut by: BTreeMap<&str, Vec<&Filled>> = BTreeMap::new();
    for f in filled {
        by.entry(f.row.indicator.as_str()).or_default().push(f);
    }
    for (indicator, rows) in by {
        if rows.iter().any(|f| f.row.group.is_empty()) {
            continue;
        }
        let missing: Vec<String> = set
            .groups
            .iter()
            .map(|g| g.id.value.clone())
            .filter(|g| !rows.iter().any(|f| f.row.group == *g))
            .collect();
        if !missing.is_empty() {
            diags.push(Diagnostic::error(
                rows[0].group_at.clone(),
                AuthoringProblem::SheetMissingGroup {
                    indicator: indicator.to_string(),
                    groups: missing,
                },
            ));
        }
    }
}
