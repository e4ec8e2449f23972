//! An amendment's criteria merged onto its base set's.

use super::criteria::Criteria;
use super::Ctx;
use crate::core::diag::Span;
use crate::core::problem::CriteriaProblem;
use crate::rules::{Criterion, RuleSet};

/// The amendment's criteria replace the base's of the same id, in the base's order;
/// the base's others stay, and the amendment's new ones come last.
pub(super) fn merge_criteria(cx: &mut Ctx<'_>, base: &RuleSet, criteria: &mut Criteria) {
    let own = std::mem::take(&mut criteria.list);
    for bc in &base.criteria {
        match own.iter().find(|c| c.id == bc.id) {
            Some(c) => criteria.list.push(c.clone()),
            None => keep_base_criterion(cx, base, bc, &own, criteria),
        }
    }
    for c in own {
        if !base.criteria.iter().any(|bc| bc.id == c.id) {
            criteria.list.push(c);
        }
    }
}

/// A base criterion kept as it is; its indicator ids must not clash with the
/// amendment's.
fn keep_base_criterion(
    cx: &mut Ctx<'_>,
    base: &RuleSet,
    bc: &Criterion,
    own: &[Criterion],
    criteria: &mut Criteria,
) {
    for i in &bc.indicators {
        if !criteria.indicator_ids.insert(i.id.clone()) {
            let at = own
                .iter()
                .flat_map(|c| &c.indicators)
                .find(|x| x.id == i.id)
                .map(|x| x.span.clone())
                .unwrap_or_else(|| Span::file_only(cx.file));
            cx.err(
                at,
                CriteriaProblem::IndicatorInBase {
                    id: i.id.to_string(),
                    criterion: bc.id.clone(),
                    base: base.id.clone(),
                },
            );
        }
    }
    criteria.ids.insert(bc.id.clone());
    criteria.list.push(bc.clone());
}
