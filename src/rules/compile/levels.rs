//! Criterion levels (đạt, cơ bản đạt, chưa đạt …) and the unit's level from the counts
//! per level, as some provinces grade them.

use super::{check_citation, valid_ident, Ctx};
use crate::core::problem::CriteriaProblem;
use crate::rules::expr::{self, Names, StaticType};
use crate::rules::model::{LevelMeaning, Meta, SourceLevel};
use crate::rules::{Citation, CriterionLevel, RuleSet, VerdictRule};
use rhai::Engine;
use std::collections::{BTreeMap, BTreeSet};

pub(super) fn levels(cx: &mut Ctx<'_>, m: &Meta, base: Option<&RuleSet>) -> Vec<CriterionLevel> {
    if m.levels.is_empty() {
        return base.map(|b| b.levels.clone()).unwrap_or_default();
    }
    let mut out: Vec<CriterionLevel> = Vec::new();
    for l in &m.levels {
        let id = l.id.value.trim().to_string();
        if !valid_ident(&id) {
            let at = cx.at(&l.id);
            cx.err(at, CriteriaProblem::LevelId { id: id.to_string() });
            continue;
        }
        let level = CriterionLevel {
            id,
            label: crate::core::text::norm(&l.label),
            aliases: l
                .aliases
                .iter()
                .map(|a| crate::core::text::norm(a.trim()))
                .collect(),
        };
        // Two levels written the same way would make a declared status ambiguous.
        let words = std::iter::once(level.id.as_str())
            .chain(std::iter::once(level.label.as_str()))
            .chain(level.aliases.iter().map(String::as_str));
        for w in words {
            if let Some(other) = out.iter().find(|o| o.named(w)) {
                let at = cx.at(&l.id);
                cx.err(
                    at,
                    CriteriaProblem::LevelWordTwice {
                        word: w.to_string(),
                        a: other.id.clone(),
                        b: level.id.clone(),
                    },
                );
            }
        }
        out.push(level);
    }
    if out.len() == 1 {
        let at = cx.at(&m.levels[0].id);
        cx.err(at, CriteriaProblem::SingleLevel);
    }
    out
}

pub(super) fn verdicts(
    engine: &Engine,
    cx: &mut Ctx<'_>,
    m: &Meta,
    levels: &[CriterionLevel],
    base: Option<&RuleSet>,
    documents: &BTreeSet<String>,
) -> Vec<VerdictRule> {
    if m.verdicts.is_empty() {
        return base.map(|b| b.verdicts.clone()).unwrap_or_default();
    }
    // A set graded in levels must say which of them is đạt chuẩn, or no unit ever is.
    if !m.verdicts.iter().any(|v| v.means == LevelMeaning::Met) {
        let at = cx.at(&m.verdicts[0].id);
        cx.err(at, CriteriaProblem::VerdictNoMet);
    }
    // The counts a rule reads: one per level, `met`, `total`.
    let mut types: BTreeMap<String, (StaticType, &'static str)> = levels
        .iter()
        .map(|l| (l.id.clone(), (StaticType::Number, "level count")))
        .collect();
    types.insert("met".into(), (StaticType::Number, "criteria met"));
    types.insert("total".into(), (StaticType::Number, "criteria in all"));
    let names = Names { types: &types };
    let mut out = Vec::new();
    for v in &m.verdicts {
        let what = crate::core::problem::Owner::new(
            crate::core::problem::OwnerKind::Verdict,
            v.id.value.trim(),
        );
        if let Some(c) = &v.citation {
            check_citation(cx, c, documents);
        }
        let at = cx.at(&v.when);
        let compiled =
            match expr::compile(engine, cx.yaml, cx.file, at, &v.when.value, &names, &what) {
                Ok((e, _)) => match expr::probe(engine, cx.yaml, &e, &names, true, &what) {
                    Ok(()) => Some(e),
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
            };
        if let Some(when) = compiled {
            out.push(VerdictRule {
                id: v.id.value.trim().to_string(),
                label: crate::core::text::norm(&v.label),
                when,
                means: v.means,
                citation: v.citation.as_ref().map(Citation::from),
                // Unstated, the rule is an assumption and shown as such.
                source_level: v.source_level.unwrap_or(SourceLevel::None),
            });
        }
    }
    out
}
