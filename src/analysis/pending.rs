//! What awaits a source, and a fast way to fill it: `ntm pending` lists the criteria
//! whose indicators are not encoded and the threshold values nobody read; it writes a
//! fill-in sheet (one row per indicator × commune group or region) that staff holding
//! the decision's text complete in Excel, and reads the completed sheet back into an
//! amendment file (YAML) with fields, parameters, indicators and test cases.

use crate::core::diag::{Diagnostic, Diagnostics, Span};
use crate::core::number::{parse_number, NumberFormat};
use crate::core::problem::AuthoringProblem;
use crate::core::text::{name_key, norm};
use crate::core::value::parse_bool;
use crate::engine::library::RuleLibrary;
use crate::rules::model::SourceLevel;
use crate::rules::RuleSet;
use serde::Serialize;
use std::collections::BTreeMap;

/// A criterion decided only by declared statuses until its indicators are encoded.
#[derive(Clone, Debug, Serialize)]
pub struct PendingCriterion {
    pub id: String,
    pub name: String,
    /// Why it is pending, as the rule file says.
    pub note: String,
    /// Indicators already encoded (a partial criterion).
    pub encoded: usize,
}

/// A threshold value with no source read.
#[derive(Clone, Debug, Serialize)]
pub struct AssumedValue {
    pub parameter: String,
    pub value: crate::core::value::Value,
    pub span: Span,
}

#[derive(Clone, Debug, Serialize)]
pub struct PendingSet {
    pub id: String,
    pub title: String,
    pub document: String,
    pub criteria: Vec<PendingCriterion>,
    pub assumed: Vec<AssumedValue>,
    /// Commune groups the set declares (each row of the sheet is per group).
    pub groups: Vec<String>,
}

/// Every set's pending criteria and unsourced values (amendments count with their base).
pub fn list(lib: &RuleLibrary, only: Option<&RuleSet>) -> Vec<PendingSet> {
    lib.sets
        .iter()
        .filter(|s| only.is_none_or(|o| o.id == s.id))
        .map(|s| PendingSet {
            id: s.id.clone(),
            title: s.title.clone(),
            document: s.document.number.clone(),
            criteria: s
                .criteria
                .iter()
                .filter_map(|c| {
                    c.pending_source.as_ref().map(|n| PendingCriterion {
                        id: c.id.clone(),
                        name: c.name.to_string(),
                        note: n.to_string(),
                        encoded: c.indicators.len(),
                    })
                })
                .collect(),
            assumed: s
                .parameters
                .values()
                .flat_map(|p| p.values.iter().map(move |v| (p, v)))
                .filter(|(_, v)| v.source_level == SourceLevel::None && *v.span.file == *s.file)
                .map(|(p, v)| AssumedValue {
                    parameter: p.id.clone(),
                    value: v.value.clone(),
                    span: v.span.clone(),
                })
                .collect(),
            groups: s.groups.iter().map(|g| g.id.value.clone()).collect(),
        })
        .filter(|p| !p.criteria.is_empty() || !p.assumed.is_empty())
        .collect()
}

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
enum Cmp {
    Ge,
    Le,
    Eq,
    Gt,
    Lt,
}

impl Cmp {
    fn parse(s: &str) -> Option<Cmp> {
        Some(match s.trim() {
            ">=" | "≥" | "=>" => Cmp::Ge,
            "<=" | "≤" | "=<" => Cmp::Le,
            "=" | "==" => Cmp::Eq,
            ">" => Cmp::Gt,
            "<" => Cmp::Lt,
            _ => return None,
        })
    }
    fn op(self) -> &'static str {
        match self {
            Cmp::Ge => ">=",
            Cmp::Le => "<=",
            Cmp::Eq => "==",
            Cmp::Gt => ">",
            Cmp::Lt => "<",
        }
    }
    fn suffix(self) -> &'static str {
        match self {
            Cmp::Ge => "min",
            Cmp::Le => "max",
            Cmp::Eq => "eq",
            Cmp::Gt => "above",
            Cmp::Lt => "below",
        }
    }
}

fn level(s: &str) -> Option<SourceLevel> {
    Some(match name_key(s).as_str() {
        "official" | "chính thức" | "chinh thuc" => SourceLevel::Official,
        "secondary" | "thứ cấp" | "thu cap" => SourceLevel::Secondary,
        "none" | "chưa có nguồn" | "chua co nguon" | "không" => SourceLevel::None,
        _ => return None,
    })
}

/// A threshold as read from the sheet.
#[derive(Clone, Debug)]
enum Threshold {
    Number(f64),
    Bool(bool),
}

/// One filled row, checked.
#[derive(Clone, Debug)]
struct Filled {
    row: SheetRow,
    line: usize,
    field: String,
    cmp: Cmp,
    value: Threshold,
    level: SourceLevel,
}

/// Read a completed sheet (CSV, `;` or `,`, with or without a BOM). Rows without a
/// value are template rows left blank and are skipped; every filled row is checked.
pub fn read_sheet(
    path: &std::path::Path,
    text: &str,
) -> Result<Vec<(usize, SheetRow)>, Diagnostics> {
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
    if diags.has_errors() {
        return Err(diags);
    }
    let mut rows = Vec::new();
    for rec in r.records() {
        match rec {
            Ok(rec) => {
                let get = |k: usize| {
                    index[k]
                        .and_then(|i| rec.get(i))
                        .map(|s| norm(s.trim()))
                        .unwrap_or_default()
                };
                rows.push((
                    rec.position().map(|p| p.line() as usize).unwrap_or(0),
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
                    },
                ));
            }
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

fn field_id(row: &SheetRow) -> String {
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
fn check_rows(
    set: &RuleSet,
    path: &std::path::Path,
    rows: &[(usize, SheetRow)],
) -> Result<Vec<Filled>, Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut out = Vec::new();
    for (line, row) in rows {
        let (line, row) = (*line, row.clone());
        if row.value.is_empty() {
            continue;
        }
        let at = Span::new(path, line, 0);
        let mut err =
            |problem: AuthoringProblem| diags.push(Diagnostic::error(at.clone(), problem));
        if set.criterion(&row.criterion).is_none() {
            err(AuthoringProblem::SheetNoCriterion {
                set: set.id.clone(),
                criterion: row.criterion.clone(),
            });
            continue;
        }
        if row.indicator.is_empty() || row.indicator_name.is_empty() {
            err(AuthoringProblem::SheetNoIndicator);
            continue;
        }
        let field = field_id(&row);
        if !valid_ident(&field) {
            err(AuthoringProblem::SheetFieldId {
                field: field.clone(),
            });
            continue;
        }
        let Some(cmp) = Cmp::parse(&row.comparison) else {
            err(AuthoringProblem::SheetComparison {
                found: row.comparison.clone(),
            });
            continue;
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
                    continue;
                }
            },
        };
        let Some(level) = level(&row.level) else {
            err(AuthoringProblem::SheetLevel {
                found: row.level.clone(),
            });
            continue;
        };
        if !row.group.is_empty() && !set.groups.iter().any(|g| g.id.value == row.group) {
            err(AuthoringProblem::SheetGroup {
                set: set.id.clone(),
                group: row.group.clone(),
            });
            continue;
        }
        out.push(Filled {
            row,
            line,
            field,
            cmp,
            value,
            level,
        });
    }
    if out.is_empty() && !diags.has_errors() {
        diags.push(Diagnostic::error(
            Span::file_only(path),
            AuthoringProblem::SheetEmpty,
        ));
    }
    // One field, one comparison per indicator; one value per group or region.
    let mut seen: BTreeMap<(String, String, String), usize> = BTreeMap::new();
    for f in &out {
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
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(out)
    }
}

/// YAML string, always double-quoted.
fn q(s: &str) -> String {
    let mut o = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

fn num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

fn threshold_yaml(t: &Threshold) -> String {
    match t {
        Threshold::Number(x) => num(*x),
        Threshold::Bool(b) => b.to_string(),
    }
}

/// Values that make an indicator pass and fail (None when no value can fail).
fn probe(f: &Filled, percent: bool) -> (String, Option<String>) {
    match f.value {
        Threshold::Bool(b) => (b.to_string(), Some((!b).to_string())),
        Threshold::Number(v) => {
            let (pass, fail) = match f.cmp {
                Cmp::Ge => (v, v - 1.0),
                Cmp::Le => (v, v + 1.0),
                Cmp::Eq => (v, v + 1.0),
                Cmp::Gt => (v + 1.0, v),
                Cmp::Lt => (v - 1.0, v),
            };
            let ok = |x: f64| !percent || (0.0..=100.0).contains(&x);
            let pass = if ok(pass) { pass } else { v };
            (num(pass), ok(fail).then(|| num(fail)))
        }
    }
}

/// Write the amendment that adds the sheet's indicators to `set`.
pub fn amendment(set: &RuleSet, path: &std::path::Path, text: &str) -> Result<String, Diagnostics> {
    let rows = read_sheet(path, text)?;
    let filled = check_rows(set, path, &rows)?;
    let mut by_indicator: BTreeMap<String, Vec<&Filled>> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for f in &filled {
        if !by_indicator.contains_key(&f.row.indicator) {
            order.push(f.row.indicator.clone());
        }
        by_indicator
            .entry(f.row.indicator.clone())
            .or_default()
            .push(f);
    }
    let year = set.valid_from.year;
    let doc = &set.document.number;
    let mut y = String::new();
    y.push_str(&format!(
        "# Indicators of {} transcribed with `ntm pending --fill` from {}.\n# Review every value against the decision before relying on it.\n",
        set.id,
        path.display()
    ));
    y.push_str("ruleset:\n");
    y.push_str(&format!("  id: {}\n", q(&format!("{}/chi-tieu", set.id))));
    y.push_str(&format!("  title: {}\n", q(&set.title)));
    y.push_str(&format!("  level: {}\n", q(set.level.code())));
    y.push_str(&format!("  stage: {}\n", q(set.stage.code())));
    y.push_str(&format!("  amends: {}\n", q(&set.id)));
    y.push_str(&format!("  valid_from: {}\n", set.valid_from));
    if let Some(u) = set.valid_until {
        y.push_str(&format!("  valid_until: {u}\n"));
    }
    y.push_str(&format!(
        "  document: {{number: {}, date: {}, issuer: {}, title: {}}}\n",
        q(doc),
        q(&set.document.date),
        q(&set.document.issuer),
        q(&set.document.title)
    ));
    // Fields: one per indicator's field; percent when the unit is %.
    y.push_str("fields:\n");
    let mut fields_done: Vec<String> = Vec::new();
    for id in &order {
        let f = by_indicator[id][0];
        if fields_done.contains(&f.field) || set.fields.contains_key(&f.field) {
            continue;
        }
        fields_done.push(f.field.clone());
        let ty = match (&f.value, f.row.unit.trim()) {
            (Threshold::Bool(_), _) => "bool",
            (_, "%") => "percent",
            _ => "number",
        };
        let label = if f.row.field_label.is_empty() {
            &f.row.indicator_name
        } else {
            &f.row.field_label
        };
        y.push_str(&format!(
            "  - {{id: {}, label: {}, type: {ty}",
            f.field,
            q(label)
        ));
        if !f.row.unit.is_empty() {
            y.push_str(&format!(", unit: {}", q(&f.row.unit)));
        }
        y.push_str("}\n");
    }
    if fields_done.is_empty() {
        y.push_str("  []\n");
    }
    y.push_str("parameters:\n");
    for id in &order {
        let fs = &by_indicator[id];
        let f = fs[0];
        y.push_str(&format!("  - id: {}_{}\n", f.field, f.cmp.suffix()));
        y.push_str(&format!(
            "    label: {}\n",
            q(&format!("Ngưỡng chỉ tiêu {id}"))
        ));
        if !f.row.unit.is_empty() {
            y.push_str(&format!("    unit: {}\n", q(&f.row.unit)));
        }
        y.push_str("    values:\n");
        for v in fs {
            y.push_str(&format!("      - value: {}\n", threshold_yaml(&v.value)));
            if !v.row.group.is_empty() {
                y.push_str(&format!("        group: {}\n", q(&v.row.group)));
            }
            if !v.row.region.is_empty() {
                y.push_str(&format!("        region: {}\n", q(&v.row.region)));
            }
            y.push_str(&format!("        citation: {{document: {}", q(doc)));
            if !v.row.section.is_empty() {
                y.push_str(&format!(", section: {}", q(&v.row.section)));
            }
            if !v.row.source.is_empty() {
                y.push_str(&format!(", source: {}", q(&v.row.source)));
            }
            y.push_str("}\n");
            let lvl = match v.level {
                SourceLevel::Official => "official",
                SourceLevel::Secondary => "secondary",
                SourceLevel::None => "none",
            };
            y.push_str(&format!("        source_level: {lvl}\n"));
        }
    }
    // Criteria: each one with filled rows is rewritten with its new indicators (an
    // amendment replaces a criterion of the same id); encoded ones are kept.
    y.push_str("criteria:\n");
    let mut crit_order: Vec<&str> = Vec::new();
    for id in &order {
        let c = by_indicator[id][0].row.criterion.as_str();
        if !crit_order.contains(&c) {
            crit_order.push(c);
        }
    }
    let mut tests = String::new();
    for cid in crit_order {
        let Some(c) = set.criterion(cid) else {
            continue;
        };
        let mine: Vec<&String> = order
            .iter()
            .filter(|i| by_indicator[*i][0].row.criterion == cid)
            .collect();
        let complete = mine
            .iter()
            .flat_map(|i| by_indicator[*i].iter())
            .any(|f| parse_bool(&f.row.complete) == Some(true));
        y.push_str(&format!("  - id: {}\n    name: {}\n", q(&c.id), q(&c.name)));
        if let Some(d) = by_indicator[mine[0]]
            .iter()
            .map(|f| f.row.department.clone())
            .find(|d| !d.is_empty())
            .or_else(|| c.department.as_deref().map(str::to_string))
        {
            y.push_str(&format!("    department: {}\n", q(&d)));
        }
        if let Some(ci) = &c.citation {
            y.push_str(&format!("    citation: {{document: {}", q(&ci.document)));
            if let Some(s) = &ci.section {
                y.push_str(&format!(", section: {}", q(s)));
            }
            y.push_str("}\n");
        }
        if !c.continues.is_empty() {
            let list: Vec<String> = c.continues.iter().map(|x| q(x)).collect();
            y.push_str(&format!("    continues: [{}]\n", list.join(", ")));
        }
        if !complete {
            if let Some(p) = &c.pending_source {
                y.push_str(&format!(
                    "    pending_source: {}\n",
                    q(&format!("{p} (chỉ tiêu đã nhập một phần từ phiếu)"))
                ));
            }
        }
        y.push_str("    indicators:\n");
        // Indicators already encoded stay (the amendment rewrites the whole criterion).
        for old in &c.indicators {
            y.push_str(&format!("      - id: {}\n", q(&old.id)));
            y.push_str(&format!("        name: {}\n", q(&old.name)));
            y.push_str(&format!("        expr: {}\n", q(&old.expr.source)));
            if let Some(v) = &old.value {
                y.push_str(&format!("        value: {}\n", q(&v.source)));
            }
            if let Some((d, _)) = &old.department_at {
                y.push_str(&format!("        department: {}\n", q(d)));
            }
            y.push_str(&format!(
                "        citation: {{document: {}",
                q(&old.citation.document)
            ));
            if let Some(sec) = &old.citation.section {
                y.push_str(&format!(", section: {}", q(sec)));
            }
            if let Some(src) = &old.citation.source {
                y.push_str(&format!(", source: {}", q(src)));
            }
            y.push_str("}\n");
        }
        for id in mine {
            let fs = &by_indicator[id];
            let f = fs[0];
            let param = format!("{}_{}", f.field, f.cmp.suffix());
            y.push_str(&format!("      - id: {}\n", q(id)));
            y.push_str(&format!("        name: {}\n", q(&f.row.indicator_name)));
            y.push_str(&format!(
                "        expr: {} {} {param}\n",
                f.field,
                f.cmp.op()
            ));
            y.push_str(&format!("        citation: {{document: {}", q(doc)));
            if !f.row.section.is_empty() {
                y.push_str(&format!(", section: {}", q(&f.row.section)));
            }
            y.push_str("}\n");
            // Test cases: the first value's group or region, passing, failing, missing.
            let percent = f.row.unit.trim() == "%";
            let (pass, fail) = probe(f, percent);
            let mut attrs = Vec::new();
            if !f.row.group.is_empty() {
                attrs.push(format!("group: {}", q(&f.row.group)));
            }
            if !f.row.region.is_empty() {
                attrs.push(format!("region: {}", q(&f.row.region)));
            }
            let attrs = if attrs.is_empty() {
                String::new()
            } else {
                format!("    attributes: {{{}}}\n", attrs.join(", "))
            };
            let case = |what: &str, values: &str, expect: &str| {
                format!(
                    "  - name: {}\n    year: {year}\n{attrs}    values: {{{values}}}\n    expect: {{indicators: {{{}: {expect}}}}}\n",
                    q(&format!("chỉ tiêu {id} {what}")),
                    q(id)
                )
            };
            tests.push_str(&case("đạt", &format!("{}: {pass}", f.field), "pass"));
            if let Some(fail) = fail {
                tests.push_str(&case("chưa đạt", &format!("{}: {fail}", f.field), "fail"));
            }
            tests.push_str(&case("thiếu số liệu", "", "missing"));
        }
    }
    y.push_str("tests:\n");
    y.push_str(&tests);
    Ok(y)
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

    #[test]
    fn yaml_strings_are_quoted_and_escaped() {
        assert_eq!(q("a \"b\" c"), "\"a \\\"b\\\" c\"");
    }
}
