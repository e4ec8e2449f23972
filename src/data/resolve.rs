//! Units and records resolved: unit ids unique, parents linked, the unit tree checked
//! against unit kinds, records linked to their unit (by name in the record's year) and
//! rows of the same unit and year merged.

use super::model::Provenance;
use super::{bad_year, Dataset, Published, RawRecord, RawUnit, Record, Unit, UnitLookupError};
use crate::core::diag::{Diagnostic, Diagnostics, Span};
use crate::core::limits::MAX_SHOWN_PER_KIND;
use crate::core::problem::{DataProblem, NamedAt, Problem};
use crate::core::units::UnitKind;
use std::collections::hash_map::Entry as HashEntry;
use std::collections::BTreeMap;

/// Size rank of a unit kind: a unit's parent must be of a larger kind.
fn kind_rank(k: UnitKind) -> u8 {
    match k {
        UnitKind::Tinh => 0,
        UnitKind::Huyen => 1,
        UnitKind::Xa | UnitKind::ThiTran => 2,
        UnitKind::Thon => 3,
    }
}

/// Units must form a tree that matches their kinds: a parent larger than its child
/// (a thôn in a xã, a xã in a huyện or tỉnh), no unit its own ancestor, a thôn with
/// its xã named, a unit's dates in order.
fn check_unit_structure(units: &[Unit], diags: &mut Diagnostics) {
    let by_id: BTreeMap<&str, &Unit> = units.iter().map(|u| (u.id.as_str(), u)).collect();
    for u in units {
        check_unit(u, &by_id, diags);
    }
}

fn check_unit(u: &Unit, by_id: &BTreeMap<&str, &Unit>, diags: &mut Diagnostics) {
    {
        if let (Some(a), Some(b)) = (u.valid_from, u.valid_until) {
            if a > b {
                diags.push(Diagnostic::error(
                    u.span.clone(),
                    DataProblem::UnitDates {
                        unit: u.id.clone(),
                        from: a.to_string(),
                        until: b.to_string(),
                    },
                ));
            }
        }
        let Some(pid) = u.parent.as_deref() else {
            if u.kind == UnitKind::Thon {
                diags.push(Diagnostic::warning(
                    u.span.clone(),
                    DataProblem::NoParent { unit: u.id.clone() },
                ));
            }
            return;
        };
        let mut cur = pid;
        let mut cycle = false;
        for _ in 0..crate::core::limits::MAX_PARENT_DEPTH {
            if cur == u.id {
                cycle = true;
                break;
            }
            match by_id.get(cur).and_then(|p| p.parent.as_deref()) {
                Some(next) => cur = next,
                None => break,
            }
        }
        if cycle {
            diags.push(Diagnostic::error(
                u.span.clone(),
                DataProblem::ParentCycle { unit: u.id.clone() },
            ));
            return;
        }
        if let Some(p) = by_id.get(pid) {
            if kind_rank(p.kind) >= kind_rank(u.kind) {
                diags.push(Diagnostic::error(
                    u.span.clone(),
                    DataProblem::ParentKind {
                        unit: u.id.clone(),
                        kind: u.kind.to_string(),
                        parent: p.id.clone(),
                        parent_kind: p.kind.to_string(),
                    },
                ));
            }
        }
    }
}

/// Link parents and records to units, merge records of the same unit and year.
pub(super) fn resolve(
    mut ds: Dataset,
    units: Vec<RawUnit>,
    records: Vec<RawRecord>,
    mut diags: Diagnostics,
) -> Result<(Dataset, Diagnostics), Diagnostics> {
    let start = diags.0.len();
    link_units(&mut ds, &units, &mut diags);
    check_unit_structure(&ds.units, &mut diags);
    // Each unit and year's record by its place in `kept` (records are large: kept in
    // place, not moved about a tree).
    let mut slot_of: foldhash::HashMap<(String, i32), usize> = Default::default();
    let mut kept: Vec<Record> = Vec::with_capacity(records.len());
    let units = record_units(&ds, &records);
    for ((order, RawRecord { record: r, .. }), unit) in records.into_iter().enumerate().zip(units) {
        if !crate::core::limits::year_ok(r.year) {
            diags.push(bad_year(r.year, r.span.clone()));
            continue;
        }
        let unit = match unit {
            Ok(u) => u,
            Err(e) => {
                diags.push(e.diagnostic_at(r.span.clone(), NamedAt::Record));
                continue;
            }
        };
        match slot_of.entry((unit.clone(), r.year)) {
            // The first row of a unit and year is the record as read (moved, not copied
            // value by value); later rows of the same unit and year merge into it.
            HashEntry::Vacant(slot) => {
                slot.insert(kept.len());
                kept.push(Record { unit, order, ..r });
            }
            HashEntry::Occupied(slot) => merge_into(&mut kept[*slot.get()], r, &mut diags),
        }
    }
    suggest_shown(&ds, &mut diags, start);
    // `order` is each record's first row: the order is the same whatever the map.
    kept.sort_by_key(|r| (r.year, r.order));
    ds.records = kept;
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok((ds, diags))
    }
}

/// The unit each record names (by id, name or alias, in its year, under its parent),
/// looked up on every core: on a national dataset this was most of linking records.
fn record_units(ds: &Dataset, records: &[RawRecord]) -> Vec<Result<String, UnitLookupError>> {
    use rayon::prelude::*;
    records
        .par_iter()
        .map(|RawRecord { parent, record: r }| {
            let live = |u: &Unit| u.exists_in(r.year);
            (ds.find_unit_unsuggested(&r.unit, parent.as_deref(), &live)).map(|u| u.id.clone())
        })
        .collect()
}

/// Unit ids are unique; parents named by id, name or alias are linked.
fn link_units(ds: &mut Dataset, units: &[RawUnit], diags: &mut Diagnostics) {
    let mut seen: BTreeMap<String, Span> = BTreeMap::new();
    for u in units {
        if let Some(first) = seen.insert(u.unit.id.clone(), u.unit.span.clone()) {
            diags.push(Diagnostic::error(
                u.unit.span.clone(),
                DataProblem::DuplicateUnit {
                    unit: u.unit.id.clone(),
                    first: first.clone(),
                },
            ));
        }
    }
    ds.set_units(units.iter().map(|u| u.unit.clone()).collect());
    for (i, u) in units.iter().enumerate() {
        if let Some(p) = &u.parent_ref {
            // A parent named as typed ("xã Thượng Ân"); of units sharing the name, the
            // one that exists while the unit does (the huyện Ngân Sơn, not the later xã).
            let child = &u.unit;
            let coexists = |c: &Unit| {
                c.valid_from
                    .is_none_or(|f| child.valid_until.is_none_or(|t| f <= t))
                    && c.valid_until
                        .is_none_or(|t| child.valid_from.is_none_or(|f| f <= t))
            };
            match ds.find_unit_unsuggested(p, None, &coexists) {
                Ok(pu) => {
                    let pid = pu.id.clone();
                    ds.units[i].parent = Some(pid);
                }
                Err(e) => diags.push(
                    e.diagnostic_at(u.unit.span.clone(), NamedAt::ParentOf(u.unit.id.clone())),
                ),
            }
        }
    }
}

/// Unknown unit names get a did-you-mean only where it is read: text shows the first
/// [`MAX_SHOWN_PER_KIND`] diagnostics of a kind in sorted order, so only those (of the
/// ones from `start` on) are compared with every unit name — 200,000 unknown names
/// cost ten searches, not 200,000. The count of the rest is unchanged.
fn suggest_shown(ds: &Dataset, diags: &mut Diagnostics, start: usize) {
    let list = &mut diags.0;
    let mut unknown: Vec<usize> = (start..list.len())
        .filter(|&i| unsuggested_name(&list[i]).is_some())
        .collect();
    unknown.sort_by(|&a, &b| list[a].cmp(&list[b]));
    // Identical diagnostics are shown once: every copy of a shown one gets its suggestion.
    let mut distinct = 0;
    let shown: Vec<usize> = (0..unknown.len())
        .take_while(|&k| {
            if k == 0 || list[unknown[k]] != list[unknown[k - 1]] {
                distinct += 1;
            }
            distinct <= MAX_SHOWN_PER_KIND
        })
        .map(|k| unknown[k])
        .collect();
    for i in shown {
        let suggested = unsuggested_name(&list[i]).and_then(|n| ds.suggest_unit(n));
        if let Problem::Data(DataProblem::UnknownUnit { suggestion, .. }) = &mut *list[i].problem {
            *suggestion = suggested;
        }
    }
}

/// The name of an unknown unit (not an ambiguous one) still without a suggestion.
fn unsuggested_name(d: &Diagnostic) -> Option<&str> {
    match &*d.problem {
        Problem::Data(DataProblem::UnknownUnit {
            name,
            suggestion: None,
            candidates,
            ..
        }) if candidates.is_empty() => Some(name),
        _ => None,
    }
}

/// A later row of the same unit and year: new values added, a different value for
/// one already given refused.
fn merge_into(entry: &mut Record, r: Record, diags: &mut Diagnostics) {
    for v in r.values.into_entries() {
        if let Some(old) = entry.values.get(&v.field) {
            if *old.stored != v.stored {
                let other = old.span();
                diags.push(Diagnostic::error(
                    v.span.clone(),
                    DataProblem::ConflictingValue {
                        field: v.field.to_string(),
                        unit: entry.unit.clone(),
                        year: entry.year,
                        other,
                    },
                ));
            }
            continue;
        }
        entry.values.insert(v);
    }
    for (k, v) in r.declared {
        if let Some(old) = entry.declared.get(&k) {
            if old.met != v.met || old.text != v.text {
                diags.push(Diagnostic::error(
                    v.span.clone(),
                    DataProblem::ConflictingDeclared {
                        criterion: k.to_string(),
                        unit: entry.unit.clone(),
                        year: entry.year,
                        other: old.span.clone(),
                    },
                ));
            }
            continue;
        }
        entry.declared.insert(k, v);
    }
    merge_published(entry, r.published, diags);
    if entry.provenance.is_none() || r.provenance == Some(Provenance::Illustrative) {
        entry.provenance = r.provenance.or(entry.provenance);
    }
}

/// Published counts, verdicts and lists stay under their own scope: a row for NTM nâng
/// cao never fills in the NTM figures of the same unit and year. Within one scope, a
/// second different figure is refused like a second value.
fn merge_published(
    entry: &mut Record,
    published: BTreeMap<String, Published>,
    diags: &mut Diagnostics,
) {
    let (unit, year) = (entry.unit.clone(), entry.year);
    let mut clash = |what: String, at: &Span, other: &Span| {
        diags.push(Diagnostic::error(
            at.clone(),
            DataProblem::ConflictingValue {
                field: what,
                unit: unit.clone(),
                year,
                other: other.clone(),
            },
        ))
    };
    for (scope, p) in published {
        let e = entry.published_mut(scope);
        if let Some(t) = p.reported_total {
            match &e.reported_total {
                Some(old) if old.0 != t.0 => clash("reported_total".into(), &t.1, &old.1),
                Some(_) => {}
                None => e.reported_total = Some(t),
            }
        }
        for (k, v) in p.counts {
            match e.counts.get(&k) {
                Some(old) if old.0 != v.0 => clash(format!("count:{k}"), &v.1, &old.1),
                Some(_) => {}
                None => {
                    e.counts.insert(k, v);
                }
            }
        }
        if let Some(v) = p.verdict {
            match &e.verdict {
                Some(old) if old.0 != v.0 => clash("published_verdict".into(), &v.1, &old.1),
                Some(_) => {}
                None => e.verdict = Some(v),
            }
        }
        e.listed.extend(p.listed);
    }
}

#[cfg(test)]
mod tests {
    use crate::core::limits::MAX_SHOWN_PER_KIND;
    use crate::core::problem::{DataProblem, Problem};
    use crate::core::source::Sources;

    /// 25 records name units that do not exist, each close to the one that does.
    fn unknown_unit_diagnostics() -> Vec<(String, Option<String>)> {
        let records: Vec<_> = (0..25)
            .map(|i| serde_json::json!({"unit": format!("Bằng Vân {i}"), "year": 2021}))
            .collect();
        let doc = serde_json::json!({
            "units": [{"id": "bang-van", "name": "Bằng Vân", "kind": "xã"}],
            "records": records,
        });
        let src = Sources::memory().with("ds.json", doc.to_string());
        let types = crate::data::values::FieldTypes::default();
        let diags = crate::data::load::load_dataset(&src, &types).unwrap_err();
        diags
            .sorted()
            .into_iter()
            .filter_map(|d| match *d.problem {
                Problem::Data(DataProblem::UnknownUnit {
                    name, suggestion, ..
                }) => Some((name, suggestion)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_unknown_unit_is_counted_and_only_the_shown_ones_get_a_suggestion() {
        let found = unknown_unit_diagnostics();
        assert_eq!(found.len(), 25);
        let (shown, rest) = found.split_at(MAX_SHOWN_PER_KIND);
        for (name, suggestion) in shown {
            assert_eq!(suggestion.as_deref(), Some("Bằng Vân"), "{name}");
        }
        assert!(rest.iter().all(|(_, s)| s.is_none()), "{rest:?}");
    }
}
