//! Scoring: points per indicator and levels by percentage.

use super::{check_citation, Ctx};
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
                "scoring-levels",
                format!(
                    "levels `{}` and `{}` have the same minimum",
                    w[0].id.value, w[1].id.value
                ),
                "give each level its own `min`",
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
        cx.err(at, "scoring-levels", "scoring needs `levels:` (or `pending_source:` when the point table is not known)", "e.g. levels: [{id: dat, label: đạt, min: 85}, {id: chua_dat, label: chưa đạt, min: 0}]");
    }
    for c in criteria {
        for i in c.indicators.iter().filter(|i| i.points.is_none()) {
            cx.err(
                i.span.clone(),
                "points",
                format!(
                    "indicator {} has no `points:`, but the rule set is scored",
                    i.id
                ),
                "give every indicator its points, or mark the scoring `pending_source:`",
            );
        }
    }
}
