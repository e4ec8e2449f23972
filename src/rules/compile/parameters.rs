//! Parameters (thresholds), each with values selected by year, region and group. An
//! amendment replaces its base's by id.

use super::{check_citation, valid_ident, Ctx};
use crate::core::diag::{Diagnostic, Span};
use crate::core::value::Value;
use crate::rules::model::{GroupDef, ParamDef, ParamValueDef, Scalar};
use crate::rules::{Citation, Criterion, Field, ParamValue, Parameter, Recognition, RuleSet};
use std::collections::{BTreeMap, BTreeSet};

pub(super) fn compile(
    cx: &mut Ctx<'_>,
    defs: &[ParamDef],
    groups: &[GroupDef],
    fields: &BTreeMap<String, Field>,
    documents: &BTreeSet<String>,
    base: Option<&RuleSet>,
) -> BTreeMap<String, Parameter> {
    let mut parameters = base.map(|b| b.parameters.clone()).unwrap_or_default();
    let mut own_params = BTreeSet::new();
    for p in defs {
        let param = compile_parameter(cx, p, groups, fields, documents);
        let pid = param.id.clone();
        let at = cx.at(&p.id);
        parameters.insert(pid.clone(), param);
        if !own_params.insert(pid.clone()) {
            cx.err_with(
                at,
                "duplicate-parameter",
                format!("parameter `{pid}` is declared twice"),
                "keep one declaration",
                &[("param", &pid)],
            );
        }
    }
    parameters
}

fn compile_parameter(
    cx: &mut Ctx<'_>,
    p: &ParamDef,
    groups: &[GroupDef],
    fields: &BTreeMap<String, Field>,
    documents: &BTreeSet<String>,
) -> Parameter {
    let pid = p.id.value.trim().to_string();
    let at = cx.at(&p.id);
    check_id(cx, &at, &pid, fields);
    if p.values.is_empty() {
        cx.err_with(
            at.clone(),
            "parameter-values",
            format!("parameter `{pid}` has no values"),
            "add at least one entry under `values:` with value, citation and source_level",
            &[("param", &pid)],
        );
    }
    let mut values = Vec::new();
    for v in &p.values {
        values.push(compile_value(cx, v, documents));
    }
    if !groups.is_empty() {
        check_groups(cx, &values, groups);
    }
    check_overlaps(cx, &pid, &values);
    check_one_type(cx, &at, &pid, &values);
    Parameter {
        id: pid,
        label: crate::core::text::norm(&p.label),
        unit: p.unit.clone(),
        values,
    }
}

fn check_id(cx: &mut Ctx<'_>, at: &Span, pid: &str, fields: &BTreeMap<String, Field>) {
    if !valid_ident(pid) {
        cx.err(
            at.clone(),
            "parameter-id",
            format!("parameter id `{pid}` is not a valid name"),
            "use lower-case ASCII letters, digits and `_`, e.g. `ho_dien_min`",
        );
    }
    if fields.contains_key(pid) {
        cx.err(
            at.clone(),
            "parameter-id",
            format!("`{pid}` is both a field and a parameter"),
            "rename one of them",
        );
    }
}

fn compile_value(cx: &mut Ctx<'_>, v: &ParamValueDef, documents: &BTreeSet<String>) -> ParamValue {
    check_citation(cx, &v.citation, documents);
    let (from_year, to_year) = match (v.year, v.from_year, v.to_year) {
        (Some(y), None, None) => (Some(y), Some(y)),
        (Some(_), _, _) => {
            let at = cx.at(&v.value);
            cx.err(
                at,
                "parameter-selector",
                "use either `year` or `from_year`/`to_year`, not both",
                "remove one of them",
            );
            (v.from_year, v.to_year)
        }
        (None, f, t) => (f, t),
    };
    // A range that ends before it starts matches no year: the value would never apply.
    if let (Some(f), Some(t)) = (from_year, to_year) {
        if f > t {
            let at = cx.at(&v.value);
            cx.err(
                at,
                "parameter-years",
                format!(
                    "`from_year: {f}` is after `to_year: {t}`; the value would apply to no year"
                ),
                "swap them",
            );
        }
    }
    for y in [v.year, from_year, to_year].into_iter().flatten() {
        if !crate::core::limits::year_ok(y) {
            let at = cx.at(&v.value);
            cx.err(
                at,
                "parameter-years",
                format!("year {y} is not plausible"),
                "years must lie between 1900 and 2200",
            );
        }
    }
    let value = match &v.value.value {
        Scalar::Bool(b) => Value::Bool(*b),
        Scalar::Int(i) => Value::Number(*i as f64),
        Scalar::Float(x) => Value::Number(*x),
        Scalar::Text(t) => text_value(cx, v, t),
    };
    ParamValue {
        value,
        from_year,
        to_year,
        region: v.region.clone(),
        group: v.group.clone(),
        citation: Citation::from(&v.citation),
        source_level: v.source_level,
        note: v.note.clone(),
        span: cx.at(&v.value),
    }
}

/// A threshold typed as text: `85,5` (Vietnamese decimal comma) is the number 85.5; a
/// form that could mean two numbers (`1.234`) is refused at the value, never guessed.
fn text_value(cx: &mut Ctx<'_>, v: &ParamValueDef, t: &str) -> Value {
    let looks_numeric = {
        let s = t.trim().trim_end_matches('%').trim_end();
        let s = s.strip_prefix('-').unwrap_or(s);
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
            && s.chars().any(|c| c.is_ascii_digit())
    };
    if !looks_numeric {
        return Value::Text(crate::core::text::norm(t));
    }
    match crate::core::number::parse_number(t, crate::core::number::NumberFormat::Auto) {
        Ok(n) => Value::Number(n.value),
        Err(_) => {
            let at = cx.at(&v.value);
            cx.diags.push(
                Diagnostic::error(
                    at,
                    "parameter-number",
                    format!("`{t}` could be read as two different numbers"),
                )
                .arg("value", t)
                .arg("plain", t.replace(['.', ','], ""))
                .with_help(format!(
                    "write the number without quotes or thousands separators: `{}` for a whole number; for a decimal, `.` as the mark (e.g. `85.5`) or `,` (e.g. `85,5`)",
                    t.replace(['.', ','], "")
                )),
            );
            // The set is refused anyway; a number keeps the expressions from adding a
            // second, misleading error about comparing with a text.
            Value::Number(0.0)
        }
    }
}

/// A value selected by group must name a group the header declares.
fn check_groups(cx: &mut Ctx<'_>, values: &[ParamValue], groups: &[GroupDef]) {
    for v in values {
        if let Some(g) = &v.group {
            if !groups
                .iter()
                .any(|d| crate::core::text::name_key(&d.id.value) == crate::core::text::name_key(g))
            {
                let ids: Vec<&str> = groups.iter().map(|d| d.id.value.as_str()).collect();
                cx.err(v.span.clone(), "unknown-group", format!("`group: {g}` is not one of the groups declared under `ruleset: groups:` ({})", ids.join(", ")), "use a declared group id");
            }
        }
    }
}

fn check_one_type(cx: &mut Ctx<'_>, at: &Span, pid: &str, values: &[ParamValue]) {
    let kinds: BTreeSet<&str> = values.iter().map(|v| value_kind(&v.value)).collect();
    if kinds.len() > 1 {
        cx.err(
            at.clone(),
            "parameter-type",
            format!(
                "the values of `{pid}` mix types ({})",
                kinds.into_iter().collect::<Vec<_>>().join(", ")
            ),
            "give every value of a parameter the same type",
        );
    }
}

fn value_kind(v: &Value) -> &'static str {
    match v {
        Value::Bool(_) => "yes/no",
        Value::Text(_) => "text",
        _ => "number",
    }
}

/// Two values with the same kind of selectors whose selectors overlap would make
/// the threshold ambiguous for some year or region.
fn check_overlaps(cx: &mut Ctx<'_>, pid: &str, values: &[ParamValue]) {
    for (i, a) in values.iter().enumerate() {
        for b in &values[i + 1..] {
            if a.specificity() != b.specificity() {
                continue;
            }
            let same_region = match (&a.region, &b.region) {
                (Some(x), Some(y)) => {
                    crate::core::text::name_key(x) == crate::core::text::name_key(y)
                }
                (None, None) => true,
                _ => false,
            };
            let same_group = match (&a.group, &b.group) {
                (Some(x), Some(y)) => {
                    crate::core::text::name_key(x) == crate::core::text::name_key(y)
                }
                (None, None) => true,
                _ => false,
            };
            let years_overlap = a.from_year.unwrap_or(i32::MIN) <= b.to_year.unwrap_or(i32::MAX)
                && b.from_year.unwrap_or(i32::MIN) <= a.to_year.unwrap_or(i32::MAX);
            let has_years_a = a.from_year.is_some() || a.to_year.is_some();
            let has_years_b = b.from_year.is_some() || b.to_year.is_some();
            if same_region && same_group && years_overlap && has_years_a == has_years_b {
                cx.err_with(
                    b.span.clone(),
                    "parameter-overlap",
                    format!(
                        "parameter `{pid}` has two values for the same year/region/group (the other is at line {})",
                        a.span.line
                    ),
                    "give each value its own `year`, `region` or `group`, or remove one; to change a value for later years, write an amendment (`ntm new amendment`) instead of editing it in place",
                    &[("param", pid), ("other", &a.span.line.to_string())],
                );
            }
        }
    }
}

/// Warn about parameters no indicator or recognition condition of the compiled set
/// reads; only for a set that compiled cleanly, where the warning is not noise.
pub(super) fn warn_unused(
    cx: &mut Ctx<'_>,
    parameters: &BTreeMap<String, Parameter>,
    criteria: &[Criterion],
    recognition: Option<&Recognition>,
) {
    if cx.diags.has_errors() {
        return;
    }
    let used: BTreeSet<&str> = criteria
        .iter()
        .flat_map(|c| &c.indicators)
        .chain(recognition.into_iter().flat_map(|r| &r.conditions))
        .flat_map(|i| &i.params)
        .map(String::as_str)
        .collect();
    for p in parameters.values() {
        if !used.contains(p.id.as_str()) {
            let span = p
                .values
                .first()
                .map(|v| v.span.clone())
                .unwrap_or_else(|| Span::file_only(cx.file));
            cx.diags.push(
                Diagnostic::warning(
                    span,
                    "unused-parameter",
                    format!("parameter `{}` is not used by any indicator", p.id),
                )
                .arg("param", &p.id)
                .with_help("use it in an indicator's `expr:`, or remove it"),
            );
        }
    }
}
