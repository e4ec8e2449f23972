//! Criteria (tiêu chí) and their indicators, and the names their expressions may read.

use super::indicator::compile_indicator;
use super::{check_citation, Ctx, Env};
use crate::core::problem::CriteriaProblem;
use crate::core::value::Value;
use crate::rules::expr::StaticType;
use crate::rules::model::{CriterionDef, RuleFile};
use crate::rules::{Citation, Criterion, Field, Parameter};
use std::collections::{BTreeMap, BTreeSet};

/// Each name an expression may read, with its type and what it is.
pub(super) type Types = BTreeMap<String, (StaticType, &'static str)>;

/// Fields and parameters, typed (a parameter by its first value).
pub(super) fn expression_types(
    fields: &BTreeMap<String, Field>,
    parameters: &BTreeMap<String, Parameter>,
) -> Types {
    let mut types = Types::new();
    for f in fields.values() {
        types.insert(f.id.clone(), (StaticType::of_field(f.ty), "field"));
    }
    for p in parameters.values() {
        // Entries that do not apply hold no threshold to type by.
        let typed = p.values.iter().find(|v| !v.not_applicable);
        let t = match typed.and_then(|v| v.value.as_ref()) {
            Some(Value::Bool(_)) => StaticType::Bool,
            Some(Value::Text(_)) => StaticType::Text,
            _ => StaticType::Number,
        };
        types.insert(p.id.clone(), (t, "parameter"));
    }
    types
}

/// The compiled criteria, and the ids test cases may name: those of every criterion
/// and indicator written, including indicators that did not compile.
#[derive(Default)]
pub(super) struct Criteria {
    pub list: Vec<Criterion>,
    pub ids: BTreeSet<String>,
    pub indicator_ids: BTreeSet<String>,
}

/// `required`: a set that amends none must have criteria of its own.
pub(super) fn compile(env: &Env<'_>, cx: &mut Ctx<'_>, raw: &RuleFile, required: bool) -> Criteria {
    let mut out = Criteria::default();
    for c in &raw.criteria {
        let cid = c.id.value.trim().to_string();
        if !out.ids.insert(cid.clone()) {
            let at = cx.at(&c.id);
            cx.err(
                at,
                CriteriaProblem::DuplicateCriterion {
                    id: cid.to_string(),
                },
            );
        }
        let criterion = compile_criterion(env, cx, c, &mut out.indicator_ids);
        out.list.push(criterion);
    }
    if required && raw.criteria.is_empty() {
        let at = cx.at(&raw.ruleset.id);
        cx.err(at, CriteriaProblem::NoCriteria);
    }
    out
}

fn compile_criterion(
    env: &Env<'_>,
    cx: &mut Ctx<'_>,
    c: &CriterionDef,
    indicator_ids: &mut BTreeSet<String>,
) -> Criterion {
    let cid = c.id.value.trim().to_string();
    let cat = cx.at(&c.id);
    if let Some(ci) = &c.citation {
        check_citation(cx, ci, env.documents);
    }
    if c.indicators.is_empty() && c.pending_source.is_none() {
        cx.err(
            cat.clone(),
            CriteriaProblem::CriterionEmpty {
                id: cid.to_string(),
            },
        );
    }
    let mut indicators = Vec::new();
    for i in &c.indicators {
        let iid = i.id.value.trim().to_string();
        if !indicator_ids.insert(iid.clone()) {
            let iat = cx.at(&i.id);
            cx.err(iat, CriteriaProblem::DuplicateIndicator { id: iid.clone() });
        }
        if let Some(ind) = compile_indicator(
            env,
            cx,
            i,
            c.department.as_ref(),
            crate::core::problem::OwnerKind::Indicator,
        ) {
            indicators.push(ind);
        }
    }
    Criterion {
        info: Default::default(),
        id: cid,
        name: crate::core::text::norm(&c.name).into(),
        group: c.group.clone(),
        department: c
            .department
            .as_ref()
            .map(|d| crate::core::text::norm(&d.value).into()),
        notes: c.notes.clone(),
        department_at: c
            .department
            .as_ref()
            .map(|d| (crate::core::text::norm(&d.value), cx.at(d))),
        continues: c.continues.iter().map(|x| x.trim().to_string()).collect(),
        citation: c.citation.as_ref().map(|x| Citation::from(x).into()),
        indicators,
        pending_source: c.pending_source.as_deref().map(Into::into),
        span: cat,
    }
}
