//! One indicator (or recognition condition): its expressions, the names they read split
//! into fields, parameters and built-ins, its points and its department.

use super::{check_citation, Ctx, Env};
use crate::core::loader::Spanned;
use crate::core::problem::{CriteriaProblem, Owner, OwnerKind};
use crate::rules::expr::{self, Expression};
use crate::rules::model::IndicatorDef;
use crate::rules::{Citation, Indicator};

pub(super) fn compile_indicator(
    env: &Env<'_>,
    cx: &mut Ctx<'_>,
    i: &IndicatorDef,
    default_department: Option<&Spanned<String>>,
    kind: OwnerKind,
) -> Option<Indicator> {
    let iid = i.id.value.trim().to_string();
    check_citation(cx, &i.citation, env.documents);
    let what = Owner::new(kind, iid.as_str());
    let compiled = compile_one(env, cx, &i.expr, true, &what);
    let value = i
        .value
        .as_ref()
        .and_then(|v| compile_one(env, cx, v, false, &what));
    let (expr, mut used) = compiled?;
    let value = value.map(|(e, u)| {
        add_names(&mut used, u);
        e
    });
    let builtins: Vec<String> = used
        .iter()
        .filter(|n| crate::rules::BUILTINS.iter().any(|b| b.0 == n.as_str()))
        .cloned()
        .collect();
    used.retain(|n| !builtins.contains(n));
    let score = i
        .score
        .as_ref()
        .and_then(|v| compile_one(env, cx, v, false, &what))
        .map(|(e, u)| {
            add_names(&mut used, u);
            e
        });
    check_points(cx, i, &what);
    let (fs, ps): (Vec<String>, Vec<String>) =
        used.into_iter().partition(|n| env.fields.contains_key(n));
    Some(Indicator {
        id: iid,
        name: crate::core::text::norm(&i.name),
        department: i
            .department
            .as_ref()
            .or(default_department)
            .map(|d| crate::core::text::norm(&d.value)),
        notes: i.notes.clone(),
        department_at: i
            .department
            .as_ref()
            .map(|d| (crate::core::text::norm(&d.value), cx.at(d))),
        expr,
        value,
        citation: Citation::from(&i.citation),
        fields: fs,
        params: ps,
        // Bound when the whole set is built (`compile::slots`).
        field_slots: Box::default(),
        param_slots: Box::default(),
        builtins,
        continues: i.continues.iter().map(|c| c.trim().to_string()).collect(),
        points: i.points.as_ref().map(|p| p.value),
        score,
        span: cx.at(&i.id),
    })
}

/// Add names not yet in `used`, keeping the order they are first read in.
fn add_names(used: &mut Vec<String>, names: Vec<String>) {
    for n in names {
        if !used.contains(&n) {
            used.push(n);
        }
    }
}

fn check_points(cx: &mut Ctx<'_>, i: &IndicatorDef, what: &Owner) {
    if let Some(p) = &i.points {
        if !(p.value > 0.0 && p.value.is_finite()) {
            let at = cx.at(p);
            cx.err(at, CriteriaProblem::PointsNotPositive);
        }
    }
    if i.score.is_some() && i.points.is_none() {
        let at = cx.at(&i.id);
        cx.err(
            at,
            CriteriaProblem::ScoreWithoutPoints {
                owner: what.clone(),
            },
        );
    }
}

/// Compile one expression and probe it with sample values of the names it reads.
fn compile_one(
    env: &Env<'_>,
    cx: &mut Ctx<'_>,
    src: &Spanned<String>,
    want_bool: bool,
    what: &Owner,
) -> Option<(Expression, Vec<String>)> {
    let at = cx.at(src);
    let (engine, names) = (env.engine, &env.names);
    match expr::compile(engine, cx.yaml, cx.file, at, &src.value, names, what) {
        Ok((e, used)) => match expr::probe(engine, cx.yaml, &e, names, want_bool, what) {
            Ok(()) => Some((e, used)),
            Err(d) => {
                cx.diags.push(d);
                None
            }
        },
        Err(ds) => {
            for d in ds {
                cx.diags.push(d);
            }
            None
        }
    }
}
