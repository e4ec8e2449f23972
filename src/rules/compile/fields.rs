//! The field dictionary: the values a dataset may give a rule set. An amendment
//! starts from its base's and may add or replace fields.

use super::{valid_ident, Ctx};
use crate::core::problem::RuleProblem;
use crate::core::value::default_range;
use crate::rules::model::{FieldDef, FieldType};
use crate::rules::{Field, RuleSet};
use std::collections::{BTreeMap, BTreeSet};

pub(super) fn compile(
    cx: &mut Ctx<'_>,
    defs: &[FieldDef],
    base: Option<&RuleSet>,
) -> BTreeMap<String, Field> {
    let mut fields = base.map(|b| b.fields.clone()).unwrap_or_default();
    let mut own_fields = BTreeSet::new();
    for f in defs {
        let field = compile_field(cx, f);
        let fid = field.id.clone();
        let at = cx.at(&f.id);
        fields.insert(fid.clone(), field);
        if !own_fields.insert(fid.clone()) {
            cx.err(at, RuleProblem::DuplicateField { field: fid.clone() });
        }
    }
    fields
}

fn compile_field(cx: &mut Ctx<'_>, f: &FieldDef) -> Field {
    let fid = f.id.value.trim().to_string();
    if !valid_ident(&fid) {
        let at = cx.at(&f.id);
        cx.err(at, RuleProblem::FieldId { id: fid.clone() });
    }
    if f.values.is_some() && f.ty != crate::core::value::FieldType::Text {
        let at = cx.at(&f.id);
        cx.err(at, RuleProblem::FieldValues { field: fid.clone() });
    }
    Field {
        values: f.values.as_ref().map(|v| {
            v.iter()
                .map(|x| crate::core::text::norm(x.trim()))
                .collect()
        }),
        range: range(cx, f),
        id: fid,
        label: crate::core::text::norm(&f.label),
        ty: f.ty,
        unit: f.unit.clone(),
    }
}

/// The declared range, or the type's default; none for a range that is malformed or
/// given to a type without one.
fn range(cx: &mut Ctx<'_>, f: &FieldDef) -> Option<(f64, f64)> {
    match &f.range {
        Some(r) if r.value.len() != 2 || r.value[0] > r.value[1] => {
            let at = cx.at(r);
            cx.err(at, RuleProblem::FieldRangeOrder);
            None
        }
        Some(r) if matches!(f.ty, FieldType::Bool | FieldType::Text) => {
            let at = cx.at(r);
            cx.err(
                at,
                RuleProblem::FieldRangeType {
                    ty: f.ty.label().to_string(),
                },
            );
            None
        }
        Some(r) => Some((r.value[0], r.value[1])),
        None => default_range(f.ty),
    }
}
