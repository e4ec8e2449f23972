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
/// `batches` are the records as read, a list per table or document, in dataset order.
pub(super) fn resolve(
    mut ds: Dataset,
    units: Vec<RawUnit>,
    batches: Vec<Vec<RawRecord>>,
    mut diags: Diagnostics,
) -> Result<(Dataset, Diagnostics), Diagnostics> {
    let start = diags.0.len();
    link_units(&mut ds, units, &mut diags);
    check_unit_structure(&ds.units, &mut diags);
    let unit_of = record_units(&ds, &batches);
    let mut placing = place(batches.iter().flatten(), unit_of);
    // Each record is moved once, from where its table's reader put it straight to its
    // place in the dataset's order (year, then first row): records are large, and moving
    // them into one list, then another, then sorting, cost more than linking them (a
    // national dataset's records are ~100 MB, each copy into memory never touched before).
    let mut raw = Taken::new(batches);
    let mut said: Vec<(usize, Diagnostic)> = Vec::new();
    for (g, dest) in std::mem::take(&mut placing.dests).into_iter().enumerate() {
        let at = |r: &RawRecord| r.record.span.clone();
        match dest {
            Dest::BadYear => {
                if let Some(r) = raw.get(g) {
                    said.push((g, bad_year(r.record.year, at(r))));
                }
            }
            Dest::Unknown(e) => {
                if let Some(r) = raw.get(g) {
                    said.push((g, e.diagnostic_at(at(r), NamedAt::Record)));
                }
            }
            Dest::Kept => {}
        }
    }
    let mut records = Vec::with_capacity(placing.slots.len());
    let mut positions = Vec::with_capacity(placing.slots.len());
    for s in placing.in_order() {
        let (_, first, position) = placing.slots[s];
        let Some(RawRecord { record: r, .. }) = raw.take(first) else {
            continue;
        };
        let mut rec = Record { order: first, ..r };
        // The unit's id, kept as written when it is the id (most rows name units so).
        match ds.units.get(position) {
            Some(u) if u.id != rec.unit => rec.unit.clone_from(&u.id),
            Some(_) => {}
            None => rec.unit = String::new(),
        }
        for &g in placing.merges_of(s) {
            if let Some(RawRecord { record: r, .. }) = raw.take(g) {
                let mut d = Diagnostics::default();
                merge_into(&mut rec, r, &mut d);
                said.extend(d.0.into_iter().map(|x| (g, x)));
            }
        }
        records.push(rec);
        positions.push(position);
    }
    // Messages in the order of the rows they are about, as when rows were read one by one.
    said.sort_by_key(|(g, _)| *g);
    diags.0.extend(said.into_iter().map(|(_, d)| d));
    suggest_shown(&ds, &mut diags, start);
    ds.records = records;
    ds.set_record_units(positions);
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok((ds, diags))
    }
}

/// Records as read, by their place in the dataset's row order, each taken out once.
struct Taken {
    batches: Vec<Vec<Option<RawRecord>>>,
    /// The row order of each batch's first record.
    starts: Vec<usize>,
}

impl Taken {
    fn new(batches: Vec<Vec<RawRecord>>) -> Self {
        let mut starts = Vec::with_capacity(batches.len());
        let mut n = 0;
        for b in &batches {
            starts.push(n);
            n += b.len();
        }
        // `Option<RawRecord>` has the record's size: each list is reused in place.
        let batches = batches
            .into_iter()
            .map(|b| b.into_iter().map(Some).collect())
            .collect();
        Taken { batches, starts }
    }

    fn slot(&mut self, g: usize) -> Option<&mut Option<RawRecord>> {
        let b = self.starts.partition_point(|&s| s <= g).checked_sub(1)?;
        self.batches.get_mut(b)?.get_mut(g - self.starts[b])
    }

    fn get(&mut self, g: usize) -> Option<&RawRecord> {
        self.slot(g)?.as_ref()
    }

    fn take(&mut self, g: usize) -> Option<RawRecord> {
        self.slot(g)?.take()
    }
}

/// Whether a record read is refused (its year, its unit) or kept: as the record of its
/// unit and year (a slot) when it is the slot's first row, else merged into it.
enum Dest {
    BadYear,
    Unknown(UnitLookupError),
    Kept,
}

/// Each record's destination and the slots, in the order first seen.
struct Placing {
    dests: Vec<Dest>,
    /// Per slot: the year, the row order of its first row, its unit's position.
    slots: Vec<(i32, usize, usize)>,
    /// (slot, row order) of rows merged into an earlier one, by slot then row.
    merges: Vec<(usize, usize)>,
}

impl Placing {
    /// Slots in the dataset's order: year, then first row (the same whatever the map).
    fn in_order(&self) -> Vec<usize> {
        let mut by_order: Vec<usize> = (0..self.slots.len()).collect();
        by_order.sort_unstable_by_key(|&s| (self.slots[s].0, self.slots[s].1));
        by_order
    }

    /// The rows merged into slot `s`, in row order.
    fn merges_of(&self, s: usize) -> impl Iterator<Item = &usize> {
        let from = self.merges.partition_point(|(x, _)| *x < s);
        self.merges[from..]
            .iter()
            .take_while(move |(x, _)| *x == s)
            .map(|(_, g)| g)
    }
}

fn place<'a>(
    records: impl Iterator<Item = &'a RawRecord>,
    units: Vec<Result<usize, UnitLookupError>>,
) -> Placing {
    let mut slot_of: foldhash::HashMap<(usize, i32), usize> = Default::default();
    slot_of.reserve(units.len());
    let mut p = Placing {
        dests: Vec::with_capacity(units.len()),
        slots: Vec::with_capacity(units.len()),
        merges: Vec::new(),
    };
    for ((g, raw), unit) in records.enumerate().zip(units) {
        let year = raw.record.year;
        p.dests.push(if !crate::core::limits::year_ok(year) {
            Dest::BadYear
        } else {
            match unit {
                Err(e) => Dest::Unknown(e),
                Ok(u) => match slot_of.entry((u, year)) {
                    HashEntry::Vacant(slot) => {
                        slot.insert(p.slots.len());
                        p.slots.push((year, g, u));
                        Dest::Kept
                    }
                    HashEntry::Occupied(slot) => {
                        p.merges.push((*slot.get(), g));
                        Dest::Kept
                    }
                },
            }
        });
    }
    // Stable: each slot's merged rows stay in row order.
    p.merges.sort_by_key(|(s, _)| *s);
    p
}

/// The unit each record names (by id, name or alias, in its year, under its parent),
/// looked up on every core: on a national dataset this was most of linking records.
fn record_units(ds: &Dataset, batches: &[Vec<RawRecord>]) -> Vec<Result<usize, UnitLookupError>> {
    use rayon::prelude::*;
    // By position in the units, not id: no id copied per record, a cheap key to merge on.
    let mut all = Vec::with_capacity(batches.iter().map(Vec::len).sum());
    for b in batches {
        all.par_extend(b.par_iter().map(|RawRecord { parent, record: r }| {
            let live = |u: &Unit| u.exists_in(r.year);
            let u = ds.find_unit_unsuggested(&r.unit, parent.as_deref(), &live)?;
            // The unit its id names: records of units sharing an id (an error said
            // elsewhere) merge as they did by id.
            let u = ds.unit(&u.id).unwrap_or(u);
            ds.position_of(u).ok_or_else(|| UnitLookupError::NotFound {
                wanted: r.unit.clone(),
                suggestion: None,
            })
        }));
    }
    all
}

/// Unit ids are unique; parents named by id, name or alias are linked.
fn link_units(ds: &mut Dataset, raw: Vec<RawUnit>, diags: &mut Diagnostics) {
    let mut seen: BTreeMap<String, Span> = BTreeMap::new();
    for u in &raw {
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
    // Moved, not copied: a national dataset has ~90,000 units.
    let (units, parents): (Vec<Unit>, Vec<Option<String>>) =
        raw.into_iter().map(|u| (u.unit, u.parent_ref)).unzip();
    ds.set_units(units);
    ds.index_now();
    // A parent named as typed ("xã Thượng Ân"); of units sharing the name, the one that
    // exists while the unit does (the huyện Ngân Sơn, not the later xã). Looked up on
    // every core (no lookup depends on another's link), linked in order.
    let found: Vec<Option<Result<String, UnitLookupError>>> = {
        use rayon::prelude::*;
        let ds = &*ds;
        (parents.par_iter().zip(&ds.units))
            .map(|(p, child)| {
                let coexists = |c: &Unit| {
                    c.valid_from
                        .is_none_or(|f| child.valid_until.is_none_or(|t| f <= t))
                        && c.valid_until
                            .is_none_or(|t| child.valid_from.is_none_or(|f| f <= t))
                };
                let p = p.as_deref()?;
                Some(
                    ds.find_unit_unsuggested(p, None, &coexists)
                        .map(|pu| pu.id.clone()),
                )
            })
            .collect()
    };
    for (u, f) in ds.units.iter_mut().zip(found) {
        match f {
            None => {}
            Some(Ok(pid)) => u.parent = Some(pid),
            Some(Err(e)) => {
                diags.push(e.diagnostic_at(u.span.clone(), NamedAt::ParentOf(u.id.clone())))
            }
        }
    }
    ds.parents_changed();
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
