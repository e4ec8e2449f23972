//! Drift between data and rules: a value supplied for a year that no set in force that
//! year reads, although a set in force in an earlier year read it. Copying last year's
//! data under a new set would otherwise drop those values silently ("no data" for an
//! income that was given); one warning per field and year names the set that read it.

use crate::core::date::Date;
use crate::core::diag::{Diagnostic, Span};
use crate::core::problem::DataProblem;
use crate::core::units::UnitKind;
use crate::data::lineage::Lineage;
use crate::data::Dataset;
use crate::engine::eval::{sets_in_force, SetEnds, PROVINCE};
use crate::engine::library::RuleLibrary;
use crate::rules::RuleSet;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What one (field, year) gathers: its first place, how many records, the sets in force
/// (ids borrowed from the library: a national dataset drifts on a million values).
struct Seen<'l> {
    span: Span,
    records: usize,
    in_force: BTreeSet<&'l str>,
    earlier: Option<(&'l str, i32)>,
}

/// Every field read by the expressions of a set.
fn reads(set: &RuleSet) -> BTreeSet<&str> {
    set.criteria
        .iter()
        .flat_map(|c| &c.indicators)
        .flat_map(|i| i.fields.iter().map(String::as_str))
        .collect()
}

/// The latest year before `year` in which a set in force (`in_force`) read the field
/// (`reads`), with that set's id.
fn last_reader<'a>(
    in_force: impl Fn(i32) -> Vec<&'a RuleSet>,
    year: i32,
    reads: impl Fn(&RuleSet) -> bool,
) -> Option<(&'a str, i32)> {
    // Sets change every few years; three decades back is more than any data.
    (1..=30).map(|back| year - back).find_map(|y| {
        in_force(y)
            .into_iter()
            .find(|s| reads(s))
            .map(|s| (s.id.as_str(), y))
    })
}

/// Units' provinces on the last day of a year, as evaluation sees them.
struct Provinces<'a> {
    ds: &'a Dataset,
    lineage: &'a Lineage,
    /// A unit without a province of its own has its parent's of that day: asked once
    /// per parent and year, not once per record.
    memo: RefCell<HashMap<(String, i32), Option<String>>>,
}

impl Provinces<'_> {
    fn full(&self, unit: &crate::data::Unit, year: i32) -> Option<String> {
        let day = Date::end_of_year(year);
        let attributes = self.ds.attributes_at(unit, self.lineage, day);
        crate::data::attributes::attribute_text(&attributes, PROVINCE)
    }

    fn of(&self, unit: &crate::data::Unit, year: i32) -> Option<String> {
        if unit.attributes.contains_key(PROVINCE) || unit.dated.contains_key(PROVINCE) {
            return self.full(unit, year);
        }
        let parent = (self.ds)
            .parent_on(self.lineage, unit, Date::end_of_year(year))
            .filter(|p| p.id != unit.id);
        let Some(parent) = parent else {
            return self.full(unit, year);
        };
        let key = (parent.id.clone(), year);
        if let Some(p) = self.memo.borrow().get(&key) {
            return p.clone();
        }
        let p = self.full(parent, year);
        self.memo.borrow_mut().insert(key, p.clone());
        p
    }
}

/// What every part of the scan reads: the rules, the data, the fields each set reads.
struct Scan<'a> {
    lib: &'a RuleLibrary,
    ds: &'a Dataset,
    lineage: &'a Lineage,
    ends: SetEnds,
    read: BTreeMap<&'a str, BTreeSet<&'a str>>,
    any_reads: BTreeSet<&'a str>,
}

/// Records scanned at once on one core (each part keeps its own caches).
const PART: usize = 8192;

/// The warnings, one per field and year, in field and year order. Each year sees the unit
/// as evaluation does: its province after the lineage's moves, sets whose jurisdiction
/// ended left out. Parts of the records are scanned on every core and combined in
/// dataset order, so the warnings do not depend on the number of threads.
pub fn warnings(lib: &RuleLibrary, ds: &Dataset, lineage: &Lineage) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let read: BTreeMap<&str, BTreeSet<&str>> =
        lib.sets.iter().map(|s| (s.id.as_str(), reads(s))).collect();
    let any_reads = read.values().flatten().copied().collect();
    let scan = Scan {
        lib,
        ds,
        lineage,
        ends: SetEnds::of(lib, ds, lineage),
        read,
        any_reads,
    };
    let parts: Vec<BTreeMap<(&str, i32), Seen>> = (ds.records.par_chunks(PART))
        .enumerate()
        .map(|(k, records)| scan.part(k * PART, records))
        .collect();
    let mut seen: BTreeMap<(&str, i32), Seen> = BTreeMap::new();
    for part in parts {
        for (k, s) in part {
            match seen.entry(k) {
                std::collections::btree_map::Entry::Vacant(v) => {
                    v.insert(s);
                }
                // The first place stays; counts add up; the latest earlier reader wins.
                std::collections::btree_map::Entry::Occupied(o) => {
                    let e = o.into_mut();
                    e.records += s.records;
                    e.in_force.extend(s.in_force);
                    if let Some(later) = s.earlier {
                        if e.earlier.as_ref().is_none_or(|(_, y)| later.1 > *y) {
                            e.earlier = Some(later);
                        }
                    }
                }
            }
        }
    }
    seen.into_iter().filter_map(drift_warning).collect()
}

impl<'a> Scan<'a> {
    /// The (field, year) pairs some records of `records` (the dataset's from `first` on)
    /// drift on, in record order.
    fn part(
        &self,
        first: usize,
        records: &'a [crate::data::Record],
    ) -> BTreeMap<(&'a str, i32), Seen<'a>> {
        let (lib, ds, lineage, ends) = (self.lib, self.ds, self.lineage, &self.ends);
        let provinces = Provinces {
            ds,
            lineage,
            memo: RefCell::default(),
        };
        let province_in = |unit: &crate::data::Unit, year: i32| provinces.of(unit, year);
        let reads_field = |set: &RuleSet, field: &str| self.read[set.id.as_str()].contains(field);
        // The latest earlier year in which a set for such a unit read a field, once per
        // unit kind, declared parent (units under one parent share their provinces over
        // the years), province and year, then field.
        type Key = (UnitKind, Option<String>, Option<String>, i32);
        type Earlier<'l> = BTreeMap<&'l str, Option<(&'l str, i32)>>;
        let mut earlier_of: BTreeMap<Key, Earlier<'a>> = BTreeMap::new();
        // Sets in force per unit kind, province and year (few keys, many records), with
        // the fields they read.
        type InForce<'l> = (Vec<&'l RuleSet>, BTreeSet<&'l str>);
        let mut cache: BTreeMap<(UnitKind, Option<String>, i32), InForce<'a>> = BTreeMap::new();
        let mut seen: BTreeMap<(&'a str, i32), Seen<'a>> = BTreeMap::new();
        for (i, rec) in (first..).zip(records) {
            let Some(declared) = ds.unit_of_record(i) else {
                continue;
            };
            // The unit of its kind that year (a xã made a thị trấn has no xã set to drift from).
            let at = |y: i32| lineage.unit_at(declared, Date::end_of_year(y));
            let unit: &crate::data::Unit = &at(rec.year);
            let key = (unit.kind, province_in(unit, rec.year), rec.year);
            if !cache.contains_key(&key) {
                let sets = sets_in_force(lib, unit, key.1.as_deref(), rec.year, ends);
                let fields = sets
                    .iter()
                    .flat_map(|s| self.read[s.id.as_str()].iter().copied())
                    .collect();
                cache.insert(key.clone(), (sets, fields));
            }
            let (kind, province) = (key.0, &key.1);
            let (now, now_reads) = &cache[&key];
            if now.is_empty() {
                continue;
            }
            let drifts = |field: &str| self.any_reads.contains(field) && !now_reads.contains(field);
            if !rec.values.iter().any(|v| drifts(v.field)) {
                continue;
            }
            let ekey = (kind, unit.parent.clone(), province.clone(), rec.year);
            let here = earlier_of.entry(ekey).or_default();
            for v in rec.values.iter() {
                let field: &'a str = v.field;
                if !drifts(field) {
                    continue;
                }
                let earlier = *here.entry(field).or_insert_with(|| {
                    let in_force = |y: i32| {
                        sets_in_force(lib, &at(y), province_in(unit, y).as_deref(), y, ends)
                    };
                    last_reader(in_force, rec.year, |s| reads_field(s, field))
                });
                let Some(earlier) = earlier else {
                    continue;
                };
                let e = seen.entry((field, rec.year)).or_insert_with(|| Seen {
                    span: v.span(),
                    records: 0,
                    in_force: BTreeSet::new(),
                    earlier: None,
                });
                e.records += 1;
                e.in_force.extend(now.iter().map(|s| s.id.as_str()));
                if e.earlier.as_ref().is_none_or(|(_, y)| earlier.1 > *y) {
                    e.earlier = Some(earlier);
                }
            }
        }
        seen
    }
}

/// The warning for one (field, year), when a set read the field in an earlier year.
fn drift_warning(((field, year), s): ((&str, i32), Seen)) -> Option<Diagnostic> {
    let (used_by, used_until) = s.earlier?;
    Some(Diagnostic::warning(
        s.span,
        DataProblem::FieldDrift {
            field: field.to_string(),
            year,
            records: s.records,
            used_by: used_by.to_string(),
            used_until,
            in_force: s.in_force.into_iter().map(str::to_string).collect(),
        },
    ))
}
