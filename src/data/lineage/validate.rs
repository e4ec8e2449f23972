//! A lineage that cannot have happened is refused, each fault at its event: one event
//! per unit and date, a unit never ending before it begins, no merge or split making a
//! unit come from itself, no move making a unit its own ancestor.

use super::{Event, EventKind, Lineage};
use crate::core::date::Date;
use crate::core::diag::{Diagnostic, Diagnostics, Span};
use crate::core::limits::MAX_PARENT_DEPTH;
use crate::core::problem::DataProblem;
use crate::data::Dataset;
use std::collections::BTreeMap;

fn at(e: &Event) -> Span {
    Span::file_only(&e.location)
}

/// Every fault of the events (sorted by date), reported in `diags`.
pub(super) fn check(events: &[Event], ds: &Dataset, diags: &mut Diagnostics) {
    one_event_a_day(events, diags);
    begins_before_it_ends(events, diags);
    no_cycle(events, diags);
    no_parent_cycle(events, ds, diags);
}

/// A unit changed twice on one day (merged into two units, renamed twice …).
fn one_event_a_day(events: &[Event], diags: &mut Diagnostics) {
    let mut seen: BTreeMap<(&str, Date), &Event> = BTreeMap::new();
    for e in events {
        for u in &e.units {
            if let Some(first) = seen.insert((u.as_str(), e.date), e) {
                diags.push(Diagnostic::error(
                    at(e),
                    DataProblem::LineageTwice {
                        unit: u.clone(),
                        date: e.date.to_string(),
                        other: first.location.clone(),
                    },
                ));
            }
        }
    }
}

/// A unit's first day (created, or made by a merger or split) is before its last.
fn begins_before_it_ends(events: &[Event], diags: &mut Diagnostics) {
    let mut begins: BTreeMap<&str, Date> = BTreeMap::new();
    for e in events {
        let made: &[String] = match e.kind {
            EventKind::Created => &e.units,
            EventKind::Merged | EventKind::Split => &e.into,
            _ => &[],
        };
        for u in made {
            begins.entry(u.as_str()).or_insert(e.date);
        }
    }
    for e in events {
        if !matches!(
            e.kind,
            EventKind::Ended | EventKind::Merged | EventKind::Split
        ) {
            continue;
        }
        for u in e.units.iter().filter(|u| !e.into.contains(u)) {
            if let Some(from) = begins.get(u.as_str()).filter(|from| **from >= e.date) {
                diags.push(Diagnostic::error(
                    at(e),
                    DataProblem::LineageOrder {
                        unit: u.clone(),
                        from: from.to_string(),
                        until: e.date.pred().to_string(),
                    },
                ));
            }
        }
    }
}

/// Merges and splits as edges part → result; a unit that reaches itself is refused.
fn no_cycle(events: &[Event], diags: &mut Diagnostics) {
    let mut next: BTreeMap<&str, Vec<(&str, &Event)>> = BTreeMap::new();
    for e in events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Merged | EventKind::Split))
    {
        for u in &e.units {
            for v in &e.into {
                next.entry(u.as_str()).or_default().push((v.as_str(), e));
            }
        }
    }
    for &start in next.keys() {
        let mut stack: Vec<&str> = vec![start];
        let mut seen = vec![start];
        while let Some(u) = stack.pop() {
            for &(v, e) in next.get(u).map(Vec::as_slice).unwrap_or_default() {
                if v == start {
                    diags.push(Diagnostic::error(
                        at(e),
                        DataProblem::LineageCycle {
                            unit: start.to_string(),
                        },
                    ));
                    return;
                }
                if !seen.contains(&v) {
                    seen.push(v);
                    stack.push(v);
                }
            }
        }
    }
}

/// After each move, every unit's parents lead up without coming back to it.
fn no_parent_cycle(events: &[Event], ds: &Dataset, diags: &mut Diagnostics) {
    let lineage = Lineage {
        events: events.to_vec(),
    };
    for e in events.iter().filter(|e| e.kind == EventKind::Moved) {
        for u in &e.units {
            let Some(unit) = ds.units.iter().find(|x| x.id == *u) else {
                continue;
            };
            let mut p = lineage.parent_at(unit, e.date);
            for _ in 0..=MAX_PARENT_DEPTH {
                let Some(id) = p else { break };
                if id == *u {
                    diags.push(Diagnostic::error(
                        at(e),
                        DataProblem::ParentCycle { unit: u.clone() },
                    ));
                    break;
                }
                p = ds
                    .units
                    .iter()
                    .find(|x| x.id == id)
                    .and_then(|x| lineage.parent_at(x, e.date));
            }
        }
    }
}
