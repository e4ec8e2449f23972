//! Units that await a commune group: for each set whose thresholds differ by group, the
//! units it would judge on its first day in force that carry no `group` and whose group
//! its declared derivation cannot give (what is missing, or which groups conflict).

use crate::data::lineage::Lineage;
use crate::data::Dataset;
use crate::engine::library::RuleLibrary;
use crate::report::FindingDetail;
use crate::rules::RuleSet;
use serde::Serialize;

/// A unit without a group for a set with groups.
#[derive(Clone, Debug, Serialize)]
pub struct Ungrouped {
    pub ruleset: String,
    pub unit: String,
    pub name: String,
    /// Attributes the derivation needs and the unit lacks (`group` when the set
    /// declares no derivation).
    pub missing: Vec<String>,
    /// Groups whose conditions all hold at once (no source says which prevails).
    pub matching: Vec<String>,
}

/// Every unit of a set's level that exists on the set's first day in force and has no
/// group for it, set by set (one set with `only`), in dataset order.
pub fn ungrouped(
    lib: &RuleLibrary,
    ds: &Dataset,
    lineage: &Lineage,
    only: Option<&RuleSet>,
) -> Vec<Ungrouped> {
    let mut out = Vec::new();
    for set in lib
        .sets
        .iter()
        .filter(|s| !s.groups.is_empty() && only.is_none_or(|o| o.id == s.id))
    {
        let day = set.valid_from;
        for unit in ds.units.iter().filter(|u| u.kind == set.level) {
            let exists = unit.valid_from.is_none_or(|d| d <= day)
                && unit.valid_until.is_none_or(|d| d >= day)
                && lineage.existence(&unit.id, day) == crate::data::lineage::Existence::Exists;
            if !exists {
                continue;
            }
            let ctx = crate::engine::eval::UnitCtx {
                unit,
                parent_name: None,
                attributes: ds.attributes_at(unit, lineage, day),
            };
            if let (None, Some(f)) = crate::engine::eval::group_of(set, &ctx) {
                if let FindingDetail::NoGroup {
                    missing, matching, ..
                } = f.detail
                {
                    out.push(Ungrouped {
                        ruleset: set.id.clone(),
                        unit: unit.id.clone(),
                        name: unit.name.clone(),
                        missing,
                        matching,
                    });
                }
            }
        }
    }
    out
}
