//! Recognition conditions: indicators that may also read the built-in criteria counts;
//! the source levels of verdict rules (a unit's level decided by one rests on it).

use super::indicator::compile_indicator;
use super::{check_citation, Ctx, Env};
use crate::core::problem::CriteriaProblem;
use crate::rules::expr::Names;
use crate::rules::model::{RecognitionDef, SourceLevel};
use crate::rules::{Citation, Recognition};
use std::collections::BTreeSet;

pub(super) fn compile(
    env: &Env<'_>,
    cx: &mut Ctx<'_>,
    def: Option<&RecognitionDef>,
) -> Option<Recognition> {
    let r = def?;
    check_citation(cx, &r.citation, env.documents);
    let mut with_builtins = env.names.types.clone();
    for (name, ty, _) in crate::rules::BUILTINS {
        with_builtins.insert(name.to_string(), (*ty, "built-in value"));
    }
    let env = Env {
        engine: env.engine,
        names: Names {
            types: &with_builtins,
        },
        fields: env.fields,
        documents: env.documents,
    };
    let mut ids = BTreeSet::new();
    let mut conditions = Vec::new();
    for i in &r.conditions {
        if !ids.insert(i.id.value.trim().to_string()) {
            let at = cx.at(&i.id);
            cx.err(
                at,
                CriteriaProblem::DuplicateCondition {
                    id: i.id.value.clone(),
                },
            );
        }
        if let Some(ind) = compile_indicator(
            &env,
            cx,
            i,
            None,
            crate::core::problem::OwnerKind::Condition,
        ) {
            conditions.push(ind);
        }
    }
    Some(Recognition {
        title: crate::core::text::norm(&r.title),
        citation: Citation::from(&r.citation),
        conditions,
        source_level: r.source_level.unwrap_or(SourceLevel::None),
    })
}
