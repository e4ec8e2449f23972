//! The sets in force for a unit in a year (those of a jurisdiction that ended left out),
//! and units as roll-ups see them in a year, as evaluation does: the kind a unit has on the
//! year's last day (a xã made a thị trấn counts with thị trấn from then on) and the
//! number of criteria of the set in force for it (for a unit recognised đạt chuẩn that
//! has no result to read it from).

use crate::core::date::Date;
use crate::core::units::UnitKind;
use crate::data::attributes::attribute_text;
use crate::data::lineage::Lineage;
use crate::data::{Dataset, Unit};
use crate::engine::library::RuleLibrary;
use crate::rules::model::Stage;
use crate::rules::RuleSet;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The attribute naming a unit's province (inherited from its parents).
pub const PROVINCE: &str = "province";

/// The rule sets in force for a unit on the last day of a year: national sets, and sets
/// of the unit's province, which take precedence over national ones of the same stage.
pub fn sets_in_force<'a>(
    lib: &'a RuleLibrary,
    unit: &Unit,
    province: Option<&str>,
    year: i32,
    ends: &SetEnds,
) -> Vec<&'a RuleSet> {
    let day = Date::end_of_year(year);
    let here = |s: &RuleSet| match (&s.jurisdiction, province) {
        (None, _) => true,
        (Some(j), Some(p)) => crate::core::text::same_key(j, p),
        (Some(_), None) => false,
    };
    let candidates: Vec<&RuleSet> = lib
        .sets
        .iter()
        .filter(|s| s.level == unit.kind && s.in_force(day) && here(s) && !ends.ended(s, day))
        .collect();
    candidates
        .iter()
        .copied()
        .filter(|s| {
            s.jurisdiction.is_some()
                || !candidates
                    .iter()
                    .any(|o| o.jurisdiction.is_some() && o.stage == s.stage)
        })
        .collect()
}

/// Sets scoped to a jurisdiction that ends (a province merged into another): from the
/// lineage, each such set by id with the end of its jurisdiction. A set is not in
/// force after its jurisdiction's last day, whatever its own validity says.
#[derive(Clone, Debug, Default)]
pub struct SetEnds(pub BTreeMap<String, crate::data::lineage::JurisdictionEnd>);

impl SetEnds {
    /// The ends of the library's sets' jurisdictions, from the dataset and its lineage.
    pub fn of(lib: &RuleLibrary, ds: &Dataset, lineage: &crate::data::lineage::Lineage) -> SetEnds {
        SetEnds(
            lib.sets
                .iter()
                .filter_map(|s| {
                    let j = s.jurisdiction.as_deref()?;
                    Some((s.id.clone(), lineage.jurisdiction_end(ds, j)?))
                })
                .collect(),
        )
    }

    /// Has the set's jurisdiction ended by `day`?
    pub fn ended(&self, set: &RuleSet, day: Date) -> bool {
        self.0.get(&set.id).is_some_and(|e| day > e.last_day)
    }
}

/// The library, dataset and lineage a roll-up reads units through.
pub struct InYear<'a> {
    lib: &'a RuleLibrary,
    ds: &'a Dataset,
    lineage: Option<&'a Lineage>,
    ends: SetEnds,
}

/// Units in a year as evaluation sees them: the unit as it is on the year's last day
/// (its kind after reclassifications, its province after the lineage's moves, sets
/// whose jurisdiction ended left out).
pub fn criteria_of<'a>(
    lib: &'a RuleLibrary,
    ds: &'a Dataset,
    lineage: Option<&'a Lineage>,
) -> InYear<'a> {
    let ends = lineage.map_or_else(SetEnds::default, |l| SetEnds::of(lib, ds, l));
    InYear {
        lib,
        ds,
        lineage,
        ends,
    }
}

impl InYear<'_> {
    fn unit_in<'u>(&self, unit: &'u Unit, year: i32) -> Cow<'u, Unit> {
        match self.lineage {
            Some(l) => l.unit_at(unit, Date::end_of_year(year)),
            None => Cow::Borrowed(unit),
        }
    }
}

impl crate::engine::rollup::UnitsInYear for InYear<'_> {
    fn kind_in(&self, unit: &Unit, year: i32) -> UnitKind {
        self.unit_in(unit, year).kind
    }

    fn criteria(&self, unit: &Unit, stage: Stage, year: i32) -> Option<usize> {
        let attributes = match self.lineage {
            Some(l) => self.ds.attributes_at(unit, l, Date::end_of_year(year)),
            None => self.ds.attributes_of(unit),
        };
        let province = attribute_text(&attributes, PROVINCE);
        let unit = self.unit_in(unit, year);
        sets_in_force(self.lib, &unit, province.as_deref(), year, &self.ends)
            .into_iter()
            .find(|s| s.stage == stage)
            .map(|s| s.criteria.len())
    }
}
