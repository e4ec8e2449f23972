//! Scoring: points per indicator and levels by percentage.

use super::{check_citation, Ctx};
use crate::core::problem::CriteriaProblem;
use crate::rules::model::ScoringDef;
use crate::rules::{Citation, Criterion, Scoring};
use std::collections::BTreeSet;

/// `criteria`: the set's final criteria (an amendment's merged with its base's), all of
/// which a scored set must give points to.
pub(super) fn compile(
    cx: &mut Ctx<'_>,
    def: Option<&ScoringDef>,
    criteria: &[Criterion],
    documents: &BTreeSet<String>,
) -> Option<Scoring> {
    let sc = def?;
    check_citation(cx, &sc.citation, documents);
    let mut levels = sc.levels.clone();
    if sc.pending_source.is_none() {
        check_point_table(cx, sc, criteria);
    }
    levels.sort_by(|a, b| b.min.total_cmp(&a.min));
    for w in levels.windows(2) {
        if w[0].min == w[1].min {
            let at = cx.at(&w[1].id);
            cx.err(
                at,
                CriteriaProblem::ScoringSameMin {
                    a: w[0].id.value.clone(),
                    b: w[1].id.value.clone(),
                },
            );
        }
    }
    Some(Scoring {
        citation: Citation::from(&sc.citation),
        pending_source: sc.pending_source.clone(),
        levels,
    })
}

/// With a known point table, there are levels and every indicator has points.
fn check_point_table(cx: &mut Ctx<'_>, sc: &ScoringDef, criteria: &[Criterion]) {
    if sc.levels.is_empty() {
        let at = cx.at(&sc.citation.document);
        cx.err(at, CriteriaProblem::ScoringNoLevels);
    }
    for c in criteria {
        for i in c.indicators.iter().filter(|i| i.points.is_none()) {
            cx.err(
                i.span.clone(),
                CriteriaProblem::PointsMissing {
                    indicator: i.id.clone(),
                },
            );
        }
    }
}
