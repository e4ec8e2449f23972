//! The completed fill-in sheet read back: columns found by their headers, every filled
//! row checked against the set it completes (criterion, indicator, field id, comparison,
//! value, source level, group), one value per indicator, group and region.

use crate::core::diag::{Diagnostic, Diagnostics, Span};
use crate::core::number::{parse_number, NumberFormat};
use crate::core::problem::AuthoringProblem;
use crate::core::text::{name_key, norm};
use crate::core::value::parse_bool;
use crate::rules::model::SourceLevel;
use crate::rules::RuleSet;
use std::collections::BTreeMap;
use std::path::Path;

/// The sheet's columns, as staff see them in Excel (Vietnamese headers).
pub const COLUMNS: &[&str] = &[
    "Tiêu chí",
    "Tên tiêu chí",
    "Chỉ tiêu",
    "Tên chỉ tiêu",
    "Mã trường",
    "Tên trường",
    "Đơn vị tính",
    "So sánh",
    "Nhóm xã",
    "Vùng",
    "Giá trị",
    "Mục trong văn bản",
    "Địa chỉ nguồn",
    "Mức nguồn",
    "Phòng phụ trách",
    "Đủ chỉ tiêu",
];

/// One row of the fill-in sheet: blank where staff write.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SheetRow {
    pub criterion: String,
    pub criterion_name: String,
    pub indicator: String,
    pub indicator_name: String,
    pub field: String,
    pub field_label: String,
    pub unit: String,
    pub comparison: String,
    pub group: String,
    pub region: String,
    pub value: String,
    pub section: String,
    pub source: String,
    pub level: String,
    pub department: String,
    pub complete: String,
}

impl SheetRow {
    pub fn cells(&self) -> [&str; 16] {
        [
            &self.criterion,
            &self.criterion_name,
            &self.indicator,
            &self.indicator_name,
            &self.field,
            &self.field_label,
            &self.unit,
            &self.comparison,
            &self.group,
            &self.region,
            &self.value,
            &self.section,
            &self.source,
            &self.level,
            &self.department,
            &self.complete,
        ]
    }
}

/// Template rows: one per pending criterion and commune group (one per criterion when
/// the set has no groups). Staff copy a row for each further indicator.
pub fn template(set: &RuleSet) -> Vec<SheetRow> {
    let groups: Vec<String> = if set.groups.is_empty() {
        vec![String::new()]
    } else {
        set.groups.iter().map(|g| g.id.value.clone()).collect()
    };
    let mut rows = Vec::new();
    for c in set.criteria.iter().filter(|c| c.pending_source.is_some()) {
        for g in &groups {
            rows.push(SheetRow {
                criterion: c.id.clone(),
                criterion_name: c.name.to_string(),
                group: g.clone(),
                department: c.department.as_deref().unwrap_or_default().to_string(),
                ..SheetRow::default()
            });
        }
    }
    rows
}

/// A comparison as written in the sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Cmp {
    Ge,
    Le,
    Eq,
    Gt,
    Lt,
}

impl Cmp {
    pub(super) fn parse(s: &str) -> Option<Cmp> {
        Some(match s.trim() {
            ">=" | "≥" | "=>" => Cmp::Ge,
            "<=" | "≤" | "=<" => Cmp::Le,
            "=" | "==" => Cmp::Eq,
            ">" => Cmp::Gt,
            "<" => Cmp::Lt,
            _ => return None,
        })
    }
    pub(super) fn op(self) -> &'static str {
        match self {
            Cmp::Ge => ">=",
            Cmp::Le => "<=",
            Cmp::Eq => "==",
            Cmp::Gt => ">",
            Cmp::Lt => "<",
        }
    }
    pub(super) fn suffix(self) -> &'static str {
        match self {
            Cmp::Ge => "min",
            Cmp::Le => "max",
            Cmp::Eq => "eq",
            Cmp::Gt => "above",
            Cmp::Lt => "below",
        }
    }
}

pub(super) fn level(s: &str) -> Option<SourceLevel> {
    Some(match name_key(s).as_str() {
        "official" | "chính thức" | "chinh thuc" => SourceLevel::Official,
        "secondary" | "thứ cấp" | "thu cap" => SourceLevel::Secondary,
        "none" | "chưa có nguồn" | "chua co nguon" | "không" => SourceLevel::None,
        _ => return None,
    })
}

/// A threshold as read from the sheet (written as a plain YAML number or yes/no).
#[derive(Clone, Debug, serde::Serialize)]
#[serde(untagged)]
pub(super) enum Threshold {
    Number(f64),
    Bool(bool),
}

/// One filled row, checked.
#[derive(Clone, Debug)]
pub(super) struct Filled {
    pub(super) row: SheetRow,
    pub(super) line: usize,
    pub(super) field: String,
    pub(super) cmp: Cmp,
    pub(super) value: Threshold,
    pub(super) level: SourceLevel,
}

/// Read a completed sheet (CSV, `;` or `,`, with or without a BOM). Rows without a
/// value are template rows left blank and are skipped; every filled row is checked.
pub fn read_sheet(path: &Path, text: &str) -> Result<Vec<(usize, SheetRow)>, Diagnostics> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // The csv crate counts a CRLF line end (Excel on Windows) as no line at all.
    let text = text.replace("\r\n", "\n");
    let text = text.as_str();
    let first = text.lines().next().unwrap_or_default();
    let delim = if first.matches(';').count() >= first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delim)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut diags = Diagnostics::default();
    let headers: Vec<String> = match r.headers() {
        Ok(h) => h.iter().map(name_key).collect(),
        Err(e) => {
            diags.push(Diagnostic::error(
                Span::new(path, 1, 1),
                AuthoringProblem::SheetUnreadable {
                    detail: e.to_string(),
                },
            ));
            return Err(diags);
        }
    };
    let index = columns(path, &headers, &mut diags);
    if diags.has_errors() {
        return Err(diags);
    }
    let mut rows = Vec::new();
    for rec in r.records() {
        match rec {
            Ok(rec) => rows.push((
                rec.position().map(|p| p.line() as usize).unwrap_or(0),
                sheet_row(&rec, &index),
            )),
            Err(e) => diags.push(Diagnostic::error(
                Span::new(
                    path,
                    e.position().map(|p| p.line() as usize).unwrap_or(0),
                    0,
                ),
                AuthoringProblem::SheetUnreadable {
                    detail: e.to_string(),
                },
            )),
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(rows)
}

/// Where each of the sheet's columns is, found by its header; a missing one is an error.
fn columns(path: &Path, headers: &[String], diags: &mut Diagnostics) -> Vec<Option<usize>> {
    let index: Vec<Option<usize>> = COLUMNS
        .iter()
        .map(|c| headers.iter().position(|h| *h == name_key(c)))
        .collect();
    for (c, i) in COLUMNS.iter().zip(&index) {
        if i.is_none() {
            diags.push(Diagnostic::error(
                Span::new(path, 1, 1),
                AuthoringProblem::SheetNoColumn {
                    column: c.to_string(),
                },
            ));
        }
    }
    index
}

/// One record's cells, in the order of [`COLUMNS`], trimmed and normalised.
fn sheet_row(rec: &csv::StringRecord, index: &[Option<usize>]) -> SheetRow {
    let get = |k: usize| {
        index[k]
            .and_then(|i| rec.get(i))
            .map(|s| norm(s.trim()))
            .unwrap_or_default()
    };
    SheetRow {
        criterion: get(0),
        criterion_name: get(1),
        indicator: get(2),
        indicator_name: get(3),
        field: get(4),
        field_label: get(5),
        unit: get(6),
        comparison: get(7),
        group: get(8),
        region: get(9),
        value: get(10),
        section: get(11),
        source: get(12),
        level: get(13),
        department: get(14),
        complete: get(15),
    }
}

pub(super) fn field_id(row: &SheetRow) -> String {
    if !row.field.is_empty() {
        return row.field.clone();
    }
    let id: String = row
        .indicator
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    format!("ct_{}", id.trim_matches('_'))
}

fn valid_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Check the filled rows against the set they complete.
pub(super) fn check_rows(
    set: &RuleSet,
    path: &Path,
    rows: &[(usize, SheetRow)],
) -> Result<Vec<Filled>, Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut out = Vec::new();
    for (line, row) in rows.iter().filter(|(_, r)| !r.value.is_empty()) {
        let at = Span::new(path, *line, 0);
        let mut err =
            |problem: AuthoringProblem| diags.push(Diagnostic::error(at.clone(), problem));
        out.extend(check_row(set, *line, row, &mut err));
    }
    if out.is_empty() && !diags.has_errors() {
        diags.push(Diagnostic::error(
            Span::file_only(path),
            AuthoringProblem::SheetEmpty,
        ));
    }
    duplicates(path, &out, &mut diags);
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(out)
    }
}

/// One filled row checked: None (with an error said) when a cell is wrong.
fn check_row(
    set: &RuleSet,
    line: usize,
    row: &SheetRow,
    err: &mut dyn FnMut(AuthoringProblem),
) -> Option<Filled> {
    if set.criterion(&row.criterion).is_none() {
        err(AuthoringProblem::SheetNoCriterion {
            set: set.id.clone(),
            criterion: row.criterion.clone(),
        });
        return None;
    }
    if row.indicator.is_empty() || row.indicator_name.is_empty() {
        err(AuthoringProblem::SheetNoIndicator);
        return None;
    }
    let field = field_id(row);
    if !valid_ident(&field) {
        err(AuthoringProblem::SheetFieldId {
            field: field.clone(),
        });
        return None;
    }
    let Some(cmp) = Cmp::parse(&row.comparison) else {
        err(AuthoringProblem::SheetComparison {
            found: row.comparison.clone(),
        });
        return None;
    };
    let value = match parse_number(&row.value, NumberFormat::Vi) {
        Ok(n) => Threshold::Number(n.value),
        Err(e) => match (cmp, parse_bool(&row.value)) {
            (Cmp::Eq, Some(b)) => Threshold::Bool(b),
            _ => {
                err(AuthoringProblem::SheetValue {
                    found: row.value.clone(),
                    detail: e.to_string(),
                });
                return None;
            }
        },
    };
    let Some(level) = level(&row.level) else {
        err(AuthoringProblem::SheetLevel {
            found: row.level.clone(),
        });
        return None;
    };
    if !row.group.is_empty() && !set.groups.iter().any(|g| g.id.value == row.group) {
        err(AuthoringProblem::SheetGroup {
            set: set.id.clone(),
            group: row.group.clone(),
        });
        return None;
    }
    Some(Filled {
        row: row.clone(),
        line,
        field,
        cmp,
        value,
        level,
    })
}

/// One field, one comparison per indicator; one value per group or region.
fn duplicates(path: &Path, filled: &[Filled], diags: &mut Diagnostics) {
    let mut seen: BTreeMap<(String, String, String), usize> = BTreeMap::new();
    for f in filled {
        let key = (
            f.row.indicator.clone(),
            f.row.group.clone(),
            f.row.region.clone(),
        );
        if let Some(first) = seen.insert(key, f.line) {
            diags.push(Diagnostic::error(
                Span::new(path, f.line, 0),
                AuthoringProblem::SheetSecondValue {
                    indicator: f.row.indicator.clone(),
                    first_line: first,
                },
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparisons_and_levels_read_the_ways_staff_write_them() {
        assert_eq!(Cmp::parse("≥"), Some(Cmp::Ge));
        assert_eq!(Cmp::parse("<="), Some(Cmp::Le));
        assert_eq!(Cmp::parse("≈"), None);
        assert_eq!(level("Chính thức"), Some(SourceLevel::Official));
        assert_eq!(level("thứ cấp"), Some(SourceLevel::Secondary));
        assert_eq!(level("?"), None);
    }

    #[test]
    fn a_field_id_is_derived_from_the_indicator_number() {
        let row = SheetRow {
            indicator: "1.2".into(),
            ..SheetRow::default()
        };
        assert_eq!(field_id(&row), "ct_1_2");
    }
}
