//! The amendment written from a completed sheet: typed, and written through the YAML
//! serializer, so that whatever staff typed in a cell (quotes, `: `, `#`, line breaks,
//! control characters) comes back unchanged when the file is read.

use super::sheet::{Filled, Threshold};
use crate::core::date::Date;
use crate::core::value::parse_bool;
use crate::rules::model::{SourceLevel, Stage};
use crate::rules::RuleSet;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
pub(super) struct File {
    ruleset: Header,
    fields: Vec<Field>,
    parameters: Vec<Parameter>,
    criteria: Vec<Criterion>,
    tests: Vec<Case>,
}

#[derive(Serialize)]
struct Header {
    id: String,
    title: String,
    level: &'static str,
    stage: Stage,
    amends: String,
    valid_from: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    valid_until: Option<Date>,
    document: Document,
}

#[derive(Serialize)]
struct Document {
    number: String,
    date: String,
    issuer: String,
    title: String,
}

#[derive(Serialize)]
struct Field {
    id: String,
    label: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<String>,
}

#[derive(Serialize)]
struct Parameter {
    id: String,
    label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<String>,
    values: Vec<ParamValue>,
}

#[derive(Serialize)]
struct ParamValue {
    value: Threshold,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<String>,
    citation: Citation,
    source_level: SourceLevel,
}

#[derive(Serialize)]
struct Citation {
    document: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<String>,
}

#[derive(Serialize)]
struct Criterion {
    id: String,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    department: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    citation: Option<Citation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    continues: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pending_source: Option<String>,
    indicators: Vec<Indicator>,
}

#[derive(Serialize)]
struct Indicator {
    id: String,
    name: String,
    expr: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    department: Option<String>,
    citation: Citation,
}

#[derive(Serialize)]
struct Case {
    name: String,
    year: i32,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    attributes: BTreeMap<&'static str, String>,
    values: BTreeMap<String, Threshold>,
    expect: Expect,
}

#[derive(Serialize)]
struct Expect {
    indicators: BTreeMap<String, &'static str>,
}

/// A cell's text, or nothing when it is empty.
fn some(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// Filled rows by indicator, in the sheet's order.
struct Rows<'a> {
    order: Vec<&'a str>,
    by: BTreeMap<&'a str, Vec<&'a Filled>>,
}

impl<'a> Rows<'a> {
    fn of(filled: &'a [Filled]) -> Self {
        let mut rows = Rows {
            order: Vec::new(),
            by: BTreeMap::new(),
        };
        for f in filled {
            let id = f.row.indicator.as_str();
            if !rows.by.contains_key(id) {
                rows.order.push(id);
            }
            rows.by.entry(id).or_default().push(f);
        }
        rows
    }
    fn first(&self, id: &str) -> &'a Filled {
        self.by[id][0]
    }
}

/// The amendment that adds the sheet's indicators to `set`.
pub(super) fn file(set: &RuleSet, filled: &[Filled]) -> File {
    let rows = Rows::of(filled);
    let mut tests = Vec::new();
    let criteria = criteria(set, &rows, &mut tests);
    File {
        ruleset: Header {
            id: format!("{}/chi-tieu", set.id),
            title: set.title.clone(),
            level: set.level.code(),
            stage: set.stage,
            amends: set.id.clone(),
            valid_from: set.valid_from,
            valid_until: set.valid_until,
            document: Document {
                number: set.document.number.clone(),
                date: set.document.date.clone(),
                issuer: set.document.issuer.clone(),
                title: set.document.title.clone(),
            },
        },
        fields: fields(set, &rows),
        parameters: parameters(set, &rows),
        criteria,
        tests,
    }
}

/// One field per indicator's field the set does not have; percent when the unit is %.
fn fields(set: &RuleSet, rows: &Rows) -> Vec<Field> {
    let mut out: Vec<Field> = Vec::new();
    for id in &rows.order {
        let f = rows.first(id);
        if out.iter().any(|x| x.id == f.field) || set.fields.contains_key(&f.field) {
            continue;
        }
        let kind = match (&f.value, f.row.unit.trim()) {
            (Threshold::Bool(_), _) => "bool",
            (_, "%") => "percent",
            _ => "number",
        };
        let label = if f.row.field_label.is_empty() {
            &f.row.indicator_name
        } else {
            &f.row.field_label
        };
        out.push(Field {
            id: f.field.clone(),
            label: label.clone(),
            kind,
            unit: some(&f.row.unit),
        });
    }
    out
}

/// One threshold parameter per indicator, a value per group or region.
fn parameters(set: &RuleSet, rows: &Rows) -> Vec<Parameter> {
    let doc = &set.document.number;
    rows.order
        .iter()
        .map(|id| {
            let f = rows.first(id);
            Parameter {
                id: format!("{}_{}", f.field, f.cmp.suffix()),
                label: format!("Ngưỡng chỉ tiêu {id}"),
                unit: some(&f.row.unit),
                values: rows.by[id]
                    .iter()
                    .map(|v| ParamValue {
                        value: v.value.clone(),
                        group: some(&v.row.group),
                        region: some(&v.row.region),
                        citation: Citation {
                            document: doc.clone(),
                            section: some(&v.row.section),
                            source: some(&v.row.source),
                        },
                        source_level: v.level,
                    })
                    .collect(),
            }
        })
        .collect()
}

/// Each criterion with filled rows, rewritten with its new indicators (an amendment
/// replaces a criterion of the same id); the indicators it already had are kept.
fn criteria(set: &RuleSet, rows: &Rows, tests: &mut Vec<Case>) -> Vec<Criterion> {
    let mut ids: Vec<&str> = Vec::new();
    for id in &rows.order {
        let c = rows.first(id).row.criterion.as_str();
        if !ids.contains(&c) {
            ids.push(c);
        }
    }
    let mut out = Vec::new();
    for c in ids.into_iter().filter_map(|cid| set.criterion(cid)) {
        let mine: Vec<&str> = rows
            .order
            .iter()
            .copied()
            .filter(|i| rows.first(i).row.criterion == c.id)
            .collect();
        let complete = mine
            .iter()
            .flat_map(|i| rows.by[i].iter())
            .any(|f| parse_bool(&f.row.complete) == Some(true));
        let department = rows.by[mine[0]]
            .iter()
            .map(|f| f.row.department.clone())
            .find(|d| !d.is_empty())
            .or_else(|| c.department.as_deref().map(str::to_string));
        let mut indicators: Vec<Indicator> = c.indicators.iter().map(kept).collect();
        for id in mine {
            indicators.push(new_indicator(set, rows, id));
            tests.extend(cases(set, rows.first(id), id));
        }
        out.push(Criterion {
            id: c.id.clone(),
            name: c.name.to_string(),
            department,
            citation: c.citation.as_ref().map(|ci| Citation {
                document: ci.document.clone(),
                section: ci.section.clone(),
                source: None,
            }),
            continues: c.continues.clone(),
            pending_source: c
                .pending_source
                .as_ref()
                .filter(|_| !complete)
                .map(|p| format!("{p} (chỉ tiêu đã nhập một phần từ phiếu)")),
            indicators,
        });
    }
    out
}

/// An indicator the set already encodes, as it is.
fn kept(old: &crate::rules::Indicator) -> Indicator {
    Indicator {
        id: old.id.clone(),
        name: old.name.clone(),
        expr: old.expr.source.clone(),
        value: old.value.as_ref().map(|v| v.source.clone()),
        department: old.department_at.as_ref().map(|(d, _)| d.clone()),
        citation: Citation {
            document: old.citation.document.clone(),
            section: old.citation.section.clone(),
            source: old.citation.source.clone(),
        },
    }
}

fn new_indicator(set: &RuleSet, rows: &Rows, id: &str) -> Indicator {
    let f = rows.first(id);
    Indicator {
        id: id.to_string(),
        name: f.row.indicator_name.clone(),
        // Both sides are identifiers: the field id was checked, the parameter built from it.
        expr: format!("{} {} {}_{}", f.field, f.cmp.op(), f.field, f.cmp.suffix()),
        value: None,
        department: None,
        citation: Citation {
            document: set.document.number.clone(),
            section: some(&f.row.section),
            source: None,
        },
    }
}

/// Test cases of a new indicator, with its first value's group or region: passing,
/// failing (when a value can fail), missing.
fn cases(set: &RuleSet, f: &Filled, id: &str) -> Vec<Case> {
    let mut attributes = BTreeMap::new();
    if let Some(g) = some(&f.row.group) {
        attributes.insert("group", g);
    }
    if let Some(r) = some(&f.row.region) {
        attributes.insert("region", r);
    }
    let case = |what: &str, value: Option<Threshold>, expect: &'static str| Case {
        name: format!("chỉ tiêu {id} {what}"),
        year: set.valid_from.year,
        attributes: attributes.clone(),
        values: value.map(|v| (f.field.clone(), v)).into_iter().collect(),
        expect: Expect {
            indicators: [(id.to_string(), expect)].into(),
        },
    };
    let (pass, fail) = probe(f, f.row.unit.trim() == "%");
    let mut out = vec![case("đạt", Some(pass), "pass")];
    if let Some(fail) = fail {
        out.push(case("chưa đạt", Some(fail), "fail"));
    }
    out.push(case("thiếu số liệu", None, "missing"));
    out
}

/// Values that make an indicator pass and fail (None when no value can fail).
fn probe(f: &Filled, percent: bool) -> (Threshold, Option<Threshold>) {
    match f.value {
        Threshold::Bool(b) => (Threshold::Bool(b), Some(Threshold::Bool(!b))),
        Threshold::Number(v) => {
            use super::sheet::Cmp;
            let (pass, fail) = match f.cmp {
                Cmp::Ge => (v, v - 1.0),
                Cmp::Le => (v, v + 1.0),
                Cmp::Eq => (v, v + 1.0),
                Cmp::Gt => (v + 1.0, v),
                Cmp::Lt => (v - 1.0, v),
            };
            let ok = |x: f64| !percent || (0.0..=100.0).contains(&x);
            let pass = if ok(pass) { pass } else { v };
            (
                Threshold::Number(pass),
                ok(fail).then_some(Threshold::Number(fail)),
            )
        }
    }
}
