//! Drift between data and rules: a value supplied for a year that no set in force that
//! year reads, although a set in force in an earlier year read it. Copying last year's
//! data under a new set would otherwise drop those values silently ("no data" for an
//! income that was given); one warning per field and year names the set that read it.

use crate::core::date::Date;
use crate::core::diag::{Diagnostic, Span};
use crate::core::problem::DataProblem;
use crate::data::lineage::Lineage;
use crate::data::Dataset;
use crate::engine::eval::{sets_in_force, SetEnds, PROVINCE};
use crate::engine::library::RuleLibrary;
use crate::rules::RuleSet;
use std::collections::{BTreeMap, BTreeSet};

/// What one (field, year) gathers: its first place, how many records, the sets in force.
struct Seen {
    span: Span,
    records: usize,
    in_force: BTreeSet<String>,
    earlier: Option<(String, i32)>,
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
) -> Option<(String, i32)> {
    // Sets change every few years; three decades back is more than any data.
    (1..=30).map(|back| year - back).find_map(|y| {
        in_force(y)
            .into_iter()
            .find(|s| reads(s))
            .map(|s| (s.id.clone(), y))
    })
}

/// The warnings, one per field and year, in field and year order. Each year sees the unit
/// as evaluation does: its province after the lineage's moves, sets whose jurisdiction
/// ended left out.
pub fn warnings(lib: &RuleLibrary, ds: &Dataset, lineage: &Lineage) -> Vec<Diagnostic> {
    let ends = SetEnds::of(lib, ds, lineage);
    let province_in = |unit: &crate::data::Unit, year: i32| {
        let attributes = ds.attributes_at(unit, lineage, Date::end_of_year(year));
        crate::data::attribute_text(&attributes, PROVINCE)
    };
    let read: BTreeMap<&str, BTreeSet<&str>> =
        lib.sets.iter().map(|s| (s.id.as_str(), reads(s))).collect();
    let reads_field = |set: &RuleSet, field: &str| read[set.id.as_str()].contains(field);
    let any_reads: BTreeSet<&str> = read.values().flatten().copied().collect();
    // The latest earlier year in which a set for such a unit read a field, once per
    // unit kind, declared parent (units under one parent share their provinces over the
    // years), province, field and year.
    type Key = (String, Option<String>, Option<String>, String, i32);
    let mut earlier_of: BTreeMap<Key, Option<(String, i32)>> = BTreeMap::new();
    // Sets in force per unit kind, province and year: few keys, many records.
    let mut cache: BTreeMap<(String, Option<String>, i32), Vec<&RuleSet>> = BTreeMap::new();
    let mut seen: BTreeMap<(String, i32), Seen> = BTreeMap::new();
    for rec in &ds.records {
        let Some(declared) = ds.unit(&rec.unit) else {
            continue;
        };
        // The unit of its kind that year (a xã made a thị trấn has no xã set to drift from).
        let at = |y: i32| lineage.unit_at(declared, Date::end_of_year(y));
        let unit: &crate::data::Unit = &at(rec.year);
        let province = province_in(unit, rec.year);
        let kind = unit.kind.to_string();
        let key = (kind.clone(), province.clone(), rec.year);
        let now = cache
            .entry(key)
            .or_insert_with(|| sets_in_force(lib, unit, province.as_deref(), rec.year, &ends));
        if now.is_empty() {
            continue;
        }
        for v in rec.values.iter() {
            let field: &str = v.field;
            if !any_reads.contains(field) || now.iter().any(|s| reads_field(s, field)) {
                continue;
            }
            let ekey = (
                kind.clone(),
                unit.parent.clone(),
                province.clone(),
                field.to_string(),
                rec.year,
            );
            let earlier = earlier_of.entry(ekey).or_insert_with(|| {
                let in_force =
                    |y: i32| sets_in_force(lib, &at(y), province_in(unit, y).as_deref(), y, &ends);
                last_reader(in_force, rec.year, |s| reads_field(s, field))
            });
            let Some(earlier) = earlier.clone() else {
                continue;
            };
            let e = seen
                .entry((field.to_string(), rec.year))
                .or_insert_with(|| Seen {
                    span: v.span(),
                    records: 0,
                    in_force: BTreeSet::new(),
                    earlier: None,
                });
            e.records += 1;
            e.in_force.extend(now.iter().map(|s| s.id.clone()));
            if e.earlier.as_ref().is_none_or(|(_, y)| earlier.1 > *y) {
                e.earlier = Some(earlier);
            }
        }
    }
    seen.into_iter().filter_map(drift_warning).collect()
}

/// The warning for one (field, year), when a set read the field in an earlier year.
fn drift_warning(((field, year), s): ((String, i32), Seen)) -> Option<Diagnostic> {
    let (used_by, used_until) = s.earlier?;
    Some(Diagnostic::warning(
        s.span,
        DataProblem::FieldDrift {
            field,
            year,
            records: s.records,
            used_by,
            used_until,
            in_force: s.in_force.into_iter().collect(),
        },
    ))
}
