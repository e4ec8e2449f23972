//! Names resolved to positions once per rule set: where each field, threshold and
//! expression name of an indicator is found among the set's fields (sorted by id) and
//! parameters (sorted by id), so evaluation reads a unit's values by position instead
//! of looking every name up for every unit and year.

use crate::rules::native::Slot;
use crate::rules::{Expression, RuleSet, BUILTINS};

/// Every indicator of `set` (criteria and recognition conditions) bound to the set's
/// own fields and parameters. Run last when a set is built: an amendment's merged
/// criteria are bound to the amended set's positions, not their base's.
pub(super) fn bind(set: &mut RuleSet) {
    let RuleSet {
        fields,
        parameters,
        criteria,
        recognition,
        ..
    } = set;
    let field = |name: &str| position(fields.keys(), name);
    let param = |name: &str| position(parameters.keys(), name);
    let slot = |name: &str| Slot {
        builtin: BUILTINS.iter().any(|b| b.0 == name),
        param: param(name),
        field: field(name),
    };
    let indicators = criteria
        .iter_mut()
        .flat_map(|c| c.indicators.iter_mut())
        .chain(recognition.iter_mut().flat_map(|r| r.conditions.iter_mut()));
    for ind in indicators {
        ind.field_slots = ind.fields.iter().map(|f| field(f)).collect();
        ind.param_slots = ind.params.iter().map(|p| param(p)).collect();
        for e in [Some(&mut ind.expr), ind.value.as_mut(), ind.score.as_mut()]
            .into_iter()
            .flatten()
        {
            bind_expression(e, &slot);
        }
    }
}

/// Where `name` is among sorted `keys` (a set has a few hundred names at most).
fn position<'k>(mut keys: impl Iterator<Item = &'k String>, name: &str) -> Option<u32> {
    keys.position(|k| k == name)
        .and_then(|i| u32::try_from(i).ok())
}

fn bind_expression(e: &mut Expression, slot: &dyn Fn(&str) -> Slot) {
    e.slots = match &e.native {
        Some(n) => n.vars().iter().map(|v| slot(v)).collect(),
        None => Box::default(),
    };
}
