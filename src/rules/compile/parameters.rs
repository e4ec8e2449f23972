//! Parameters (thresholds), each with values selected by year, region and group. An
//! amendment replaces its base's by id.

use super::{check_citation, valid_ident, Ctx};
use crate::core::diag::{Diagnostic, Span};
use crate::core::loader::Spanned;
use crate::core::problem::{RuleProblem, ValueKind};
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
            cx.err(at, RuleProblem::DuplicateParameter { param: pid.clone() });
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
        cx.err(
            at.clone(),
            RuleProblem::ParameterValues { param: pid.clone() },
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
            RuleProblem::ParameterId {
                id: pid.to_string(),
            },
        );
    }
    if fields.contains_key(pid) {
        cx.err(
            at.clone(),
            RuleProblem::ParameterIsField {
                id: pid.to_string(),
            },
        );
    }
}

fn compile_value(cx: &mut Ctx<'_>, v: &ParamValueDef, documents: &BTreeSet<String>) -> ParamValue {
    check_citation(cx, &v.citation, documents);
    let at = anchor(cx, v);
    let (from_year, to_year) = match (v.year, v.from_year, v.to_year) {
        (Some(y), None, None) => (Some(y), Some(y)),
        (Some(_), _, _) => {
            cx.err(at.clone(), RuleProblem::ParameterSelector);
            (v.from_year, v.to_year)
        }
        (None, f, t) => (f, t),
    };
    // A range that ends before it starts matches no year: the value would never apply.
    if let (Some(f), Some(t)) = (from_year, to_year) {
        if f > t {
            cx.err(
                at.clone(),
                RuleProblem::ParameterYearsReversed { from: f, to: t },
            );
        }
    }
    for y in [v.year, from_year, to_year].into_iter().flatten() {
        if !crate::core::limits::year_ok(y) {
            cx.err(at.clone(), RuleProblem::ParameterYear { year: y });
        }
    }
    let not_applicable = v.not_applicable.as_ref().is_some_and(|n| n.value);
    let value = match (&v.value, not_applicable) {
        (Some(x), false) => Some(match &x.value {
            Scalar::Bool(b) => Value::Bool(*b),
            Scalar::Int(i) => Value::Number(*i as f64),
            Scalar::Float(x) => Value::Number(*x),
            Scalar::Text(t) => text_value(cx, x, t),
        }),
        // No threshold: listings word the flag (check, diff, pending, explain).
        (None, true) => None,
        _ => {
            cx.err(at.clone(), RuleProblem::ParameterValueOrNotApplicable);
            Some(Value::Bool(false))
        }
    };
    ParamValue {
        value,
        not_applicable,
        from_year,
        to_year,
        region: v.region.clone(),
        group: v.group.clone(),
        citation: Citation::from(&v.citation),
        source_level: v.source_level,
        note: v.note.clone(),
        span: at,
    }
}

/// Where a value entry is: its value, else its `not_applicable`, else its citation.
fn anchor(cx: &Ctx<'_>, v: &ParamValueDef) -> Span {
    match (&v.value, &v.not_applicable) {
        (Some(x), _) => cx.at(x),
        (None, Some(n)) => cx.at(n),
        (None, None) => cx.at(&v.citation.document),
    }
}

/// A threshold typed as text: `85,5` (Vietnamese decimal comma) is the number 85.5; a
/// form that could mean two numbers (`1.234`) is refused at the value, never guessed.
fn text_value(cx: &mut Ctx<'_>, v: &Spanned<Scalar>, t: &str) -> Value {
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
            let at = cx.at(v);
            cx.diags.push(Diagnostic::error(
                at,
                RuleProblem::ParameterNumber {
                    value: t.to_string(),
                    plain: t.replace(['.', ','], ""),
                },
            ));
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
                cx.err(
                    v.span.clone(),
                    RuleProblem::UnknownGroup {
                        group: g.to_string(),
                        groups: ids.iter().map(|s| s.to_string()).collect(),
                    },
                );
            }
        }
    }
}

fn check_one_type(cx: &mut Ctx<'_>, at: &Span, pid: &str, values: &[ParamValue]) {
    let kinds: BTreeSet<ValueKind> = values
        .iter()
        .filter(|v| !v.not_applicable)
        .filter_map(|v| v.value.as_ref().map(value_kind))
        .collect();
    if kinds.len() > 1 {
        cx.err(
            at.clone(),
            RuleProblem::ParameterType {
                param: pid.to_string(),
                kinds: kinds.into_iter().collect(),
            },
        );
    }
}

fn value_kind(v: &Value) -> ValueKind {
    match v {
        Value::Bool(_) => ValueKind::YesNo,
        Value::Text(_) => ValueKind::Text,
        _ => ValueKind::Number,
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
                cx.err(
                    b.span.clone(),
                    RuleProblem::ParameterOverlap {
                        param: pid.to_string(),
                        other_line: a.span.line,
                    },
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
            cx.diags.push(Diagnostic::warning(
                span,
                RuleProblem::UnusedParameter {
                    param: p.id.clone(),
                },
            ));
        }
    }
}
