//! The test cases a rule file carries must name indicators, criteria and fields it has.

use super::criteria::Criteria;
use super::Ctx;
use crate::core::diag::Span;
use crate::core::problem::{CriteriaProblem, TestItem};
use crate::rules::model::TestCaseDef;
use crate::rules::Field;
use std::collections::BTreeMap;

pub(super) fn check(
    cx: &mut Ctx<'_>,
    tests: &[TestCaseDef],
    criteria: &Criteria,
    fields: &BTreeMap<String, Field>,
) {
    for t in tests {
        check_indicators(cx, t, criteria);
        check_criteria(cx, t, criteria);
        check_values(cx, t, fields);
    }
}

fn check_indicators(cx: &mut Ctx<'_>, t: &TestCaseDef, criteria: &Criteria) {
    for (k, v) in t.expect.indicators.iter() {
        if !criteria.indicator_ids.contains(k) {
            let at = cx.at(v);
            cx.err(
                at,
                CriteriaProblem::TestUnknown {
                    test: t.name.value.clone(),
                    item: TestItem::Indicator,
                    name: k.to_string(),
                    suggestion: None,
                },
            );
        }
    }
}

/// Criteria named by expected statuses and by declared ones.
fn check_criteria(cx: &mut Ctx<'_>, t: &TestCaseDef, criteria: &Criteria) {
    let crit_refs: Vec<(String, Span)> = t
        .expect
        .criteria
        .iter()
        .map(|(k, v)| (k.clone(), cx.at(v)))
        .chain(t.declared.iter().map(|(k, v)| (k.clone(), cx.at(v))))
        .collect();
    for (k, at) in crit_refs {
        if !criteria.ids.contains(&k) {
            cx.err(
                at,
                CriteriaProblem::TestUnknown {
                    test: t.name.value.clone(),
                    item: TestItem::Criterion,
                    name: k.to_string(),
                    suggestion: None,
                },
            );
        }
    }
}

fn check_values(cx: &mut Ctx<'_>, t: &TestCaseDef, fields: &BTreeMap<String, Field>) {
    for (k, v) in &t.values {
        if !fields.contains_key(k) {
            let at = cx.at(v);
            let suggestion = crate::core::text::did_you_mean(k, fields.keys().map(String::as_str));
            cx.err(
                at,
                CriteriaProblem::TestUnknown {
                    test: t.name.value.clone(),
                    item: TestItem::Field,
                    name: k.to_string(),
                    suggestion,
                },
            );
        }
    }
}
