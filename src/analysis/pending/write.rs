//! The amendment written from a completed sheet: typed, and written through the YAML
//! serializer, so that whatever staff typed in a cell (quotes, `: `, `#`, line breaks,
//! control characters) comes back unchanged when the file is read.

use super::check::Filled;
use super::sheet::{Cmp, Threshold};
use crate::analysis::scaffold::{Citation, ParamValue, Parameter, Written};
use crate::core::date::Date;
use crate::rules::model::{DocumentDef, Stage};
use crate::rules::RuleSet;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

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
    #[serde(skip_serializing_if = "Option::is_none")]
    jurisdiction: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<String>,
    valid_from: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    valid_until: Option<Date>,
    /// The base's documents, so that every citation kept from it is declared here too.
    document: DocumentDef,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    guidance: Vec<DocumentDef>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    based_on: Vec<DocumentDef>,
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
    values: BTreeMap<String, Written>,
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

/// The amendment that adds the sheet's indicators to `set`; `complete` names the
/// criteria whose every indicator the sheet gives (their pending mark is removed).
pub(super) fn file(
    set: &RuleSet,
    inherited: &[DocumentDef],
    filled: &[Filled],
    complete: &BTreeSet<String>,
) -> File {
    let rows = Rows::of(filled);
    let mut tests = Vec::new();
    let criteria = criteria(set, &rows, complete, &mut tests);
    File {
        ruleset: Header {
            id: format!("{}/chi-tieu", set.id),
            title: set.title.clone(),
            level: set.level.code(),
            stage: set.stage,
            amends: set.id.clone(),
            jurisdiction: set.jurisdiction.clone(),
            region: set.region.clone(),
            valid_from: set.valid_from,
            // It completes its base over the base's whole time, so it ends with it.
            valid_until: set.effective_until(),
            document: set.document.clone(),
            guidance: set.guidance.clone(),
            based_on: set.based_on.iter().chain(inherited).cloned().collect(),
        },
        fields: fields(set, &rows),
        parameters: parameters(set, &rows),
        criteria,
        tests,
    }
}

impl From<&Threshold> for Written {
    fn from(t: &Threshold) -> Written {
        match t {
            Threshold::Number(n) => Written::Number(*n),
            Threshold::Bool(b) => Written::Bool(*b),
        }
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
        let yes_no = rows.by[id]
            .iter()
            .any(|v| matches!(v.value, Some(Threshold::Bool(_))));
        let kind = match (yes_no, f.row.unit.trim()) {
            (true, _) => "bool",
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

/// Where a group, region or years are said in words ("nhóm 2, từ năm 2027").
fn scope(f: &Filled) -> String {
    let mut parts = Vec::new();
    if !f.row.group.is_empty() {
        parts.push(format!("nhóm {}", f.row.group));
    }
    if !f.row.region.is_empty() {
        parts.push(format!("vùng {}", f.row.region));
    }
    match (f.from_year, f.to_year) {
        (Some(a), Some(b)) if a == b => parts.push(format!("năm {a}")),
        (Some(a), Some(b)) => parts.push(format!("{a}–{b}")),
        (Some(a), None) => parts.push(format!("từ năm {a}")),
        (None, Some(b)) => parts.push(format!("đến năm {b}")),
        (None, None) => {}
    }
    parts.join(", ")
}

/// One threshold parameter per indicator, a value per group, region and years; a
/// group, region or years it does not apply to gets an entry `not_applicable: true`
/// with the row's citation and source level.
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
                        value: v.value.as_ref().map(Into::into),
                        not_applicable: v.value.is_none(),
                        group: some(&v.row.group),
                        region: some(&v.row.region),
                        from_year: v.from_year,
                        to_year: v.to_year,
                        citation: Citation {
                            document: doc.clone(),
                            section: some(&v.row.section),
                            source: some(&v.row.source),
                        },
                        source_level: v.level,
                    })
                    .collect(),
                notes: None,
            }
        })
        .collect()
}

/// Each criterion with filled rows, rewritten with its new indicators (an amendment
/// replaces a criterion of the same id); the indicators it already had are kept.
fn criteria(
    set: &RuleSet,
    rows: &Rows,
    complete: &BTreeSet<String>,
    tests: &mut Vec<Case>,
) -> Vec<Criterion> {
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
        let department = rows.by[mine[0]]
            .iter()
            .map(|f| f.row.department.clone())
            .find(|d| !d.is_empty())
            .or_else(|| c.department.as_deref().map(str::to_string));
        let mut indicators: Vec<Indicator> = c.indicators.iter().map(kept).collect();
        for id in mine {
            indicators.push(new_indicator(set, rows, id));
            tests.extend(cases(set, &rows.by[id], id));
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
                .filter(|_| !complete.contains(&c.id))
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

/// Test cases of a new indicator: for every value filled (each group, region and
/// years), one passing and one failing (when a value can fail) in its first year; one
/// with the value missing.
fn cases(set: &RuleSet, values: &[&Filled], id: &str) -> Vec<Case> {
    let mut out = Vec::new();
    for f in values {
        let mut attributes = BTreeMap::new();
        if let Some(g) = some(&f.row.group) {
            attributes.insert("group", g);
        }
        if let Some(r) = some(&f.row.region) {
            attributes.insert("region", r);
        }
        let year = f.from_year.unwrap_or(set.valid_from.year);
        let at = match scope(f) {
            s if s.is_empty() => format!("năm {year}"),
            s if f.from_year.is_some() => s,
            s => format!("{s}, năm {year}"),
        };
        let case = |what: &str, value: Option<Written>, expect: &'static str| Case {
            name: format!("chỉ tiêu {id} ({at}) {what}"),
            year,
            attributes: attributes.clone(),
            values: value.map(|v| (f.field.clone(), v)).into_iter().collect(),
            expect: Expect {
                indicators: [(id.to_string(), expect)].into(),
            },
        };
        // Where it does not apply it is neither met nor failed, whatever the data.
        let Some(threshold) = &f.value else {
            out.push(case("không áp dụng", None, "not_applicable"));
            continue;
        };
        let (pass, fail) = probe(f.cmp, threshold, f.row.unit.trim() == "%");
        out.push(case("đạt", Some(pass), "pass"));
        if let Some(fail) = fail {
            out.push(case("chưa đạt", Some(fail), "fail"));
        }
    }
    if let Some(f) = values.iter().find(|f| f.value.is_some()) {
        let mut attributes = BTreeMap::new();
        if let Some(g) = some(&f.row.group) {
            attributes.insert("group", g);
        }
        if let Some(r) = some(&f.row.region) {
            attributes.insert("region", r);
        }
        out.push(Case {
            name: format!("chỉ tiêu {id} thiếu số liệu"),
            year: f.from_year.unwrap_or(set.valid_from.year),
            attributes,
            values: BTreeMap::new(),
            expect: Expect {
                indicators: [(id.to_string(), "missing")].into(),
            },
        });
    }
    out
}

/// Values that make an indicator pass and fail (None when no value can fail).
fn probe(cmp: Cmp, t: &Threshold, percent: bool) -> (Written, Option<Written>) {
    match *t {
        Threshold::Bool(b) => (Written::Bool(b), Some(Written::Bool(!b))),
        Threshold::Number(v) => {
            let (pass, fail) = match cmp {
                Cmp::Ge => (v, v - 1.0),
                Cmp::Le => (v, v + 1.0),
                Cmp::Eq | Cmp::Yes => (v, v + 1.0),
                Cmp::Gt => (v + 1.0, v),
                Cmp::Lt => (v - 1.0, v),
            };
            let ok = |x: f64| !percent || (0.0..=100.0).contains(&x);
            let pass = if ok(pass) { pass } else { v };
            (
                Written::Number(pass),
                ok(fail).then_some(Written::Number(fail)),
            )
        }
    }
}
