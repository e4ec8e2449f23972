//! One target of a plan: the units it covers, its measure, and its progress unit by
//! unit or over all its units at once.

use super::model::{TargetDef, TargetResult, TargetStatus, UnitTarget};
use crate::core::diag::{Diagnostic, Diagnostics};
use crate::core::loader::{span_of, Spanned};
use crate::core::problem::{NamedAt, PlanProblem};
use crate::data::{Dataset, Unit, UnitLookupError};
use crate::engine::library::RuleLibrary;
use crate::engine::rollup::Rollup;
use crate::report::{Report, UnitRef, UnitResult, Verdict};
use crate::rules::model::Stage;
use std::path::Path;

const PER_UNIT: &[&str] = &[
    "criteria_met",
    "criteria_gained",
    "dat_chuan",
    "children_dat_chuan",
];

/// The id of the unit a name gives in a year (a former name before a renaming too).
pub type FindUnit<'f> = dyn Fn(&str, i32) -> Result<String, UnitLookupError> + 'f;

/// What every target of a plan is evaluated against.
pub(super) struct Scene<'a> {
    pub lib: &'a RuleLibrary,
    pub ds: &'a Dataset,
    /// How a name the plan gives finds its unit in one of the plan's years.
    pub find: &'a FindUnit<'a>,
    pub report: &'a Report,
    /// The plan file, where unknown names are reported.
    pub file: &'a Path,
    pub baseline_year: i32,
    pub target_year: i32,
    /// The dataset has records for the target year.
    pub has_target_year: bool,
    /// The target year is over on the `as_of` date.
    pub year_over: bool,
    /// The dataset's lineage: which sets are in force for a unit without a result.
    pub lineage: &'a crate::data::lineage::Lineage,
    /// With `--as-units`: the lineage and the date whose units the results are on; a
    /// target's old units then follow their successors.
    pub successors: Option<(&'a crate::data::lineage::Lineage, crate::core::date::Date)>,
    /// Old units replaced by their successors: (target, old unit, new unit).
    pub followed: std::cell::RefCell<Vec<(String, String, String)>>,
}

impl Scene<'_> {
    fn status(&self, current: Option<f64>, required: Option<f64>) -> TargetStatus {
        match (current, required) {
            (Some(c), Some(r)) if c + 1e-9 >= r => TargetStatus::Achieved,
            (None, _) | (_, None) if self.has_target_year => TargetStatus::Unknown,
            _ if !self.has_target_year => TargetStatus::NotYet,
            _ if self.year_over => TargetStatus::NotAchieved,
            _ => TargetStatus::AtRisk,
        }
    }

    /// A measure in the baseline year and now: the target year, or the baseline while
    /// the target year has no data.
    fn baseline_and_current(
        &self,
        value: impl Fn(i32) -> Option<f64>,
    ) -> (Option<f64>, Option<f64>) {
        let b = value(self.baseline_year);
        let c = if self.has_target_year {
            value(self.target_year)
        } else {
            b
        };
        (b, c)
    }

    fn result(&self, unit: &str, year: i32, stage: Stage) -> Option<&UnitResult> {
        self.report
            .results
            .iter()
            .find(|r| r.unit.id == unit && r.year == year && r.stage == stage)
    }

    /// The unit as it is in the target year (its kind and name after the lineage's events).
    fn unit_ref(&self, u: &Unit) -> UnitRef {
        let now = self
            .lineage
            .unit_at(u, crate::core::date::Date::end_of_year(self.target_year));
        UnitRef {
            id: u.id.clone(),
            name: now.name.clone(),
            kind: now.kind,
            parent: u.parent.clone(),
            parent_name: u
                .parent
                .as_deref()
                .and_then(|p| self.ds.unit(p))
                .map(|p| p.name.clone()),
        }
    }
}

/// A target's progress, unit by unit or over all its units.
struct Progress {
    baseline: Option<f64>,
    current: Option<f64>,
    required: Option<f64>,
    gap: Option<f64>,
    status: TargetStatus,
    units: Vec<UnitTarget>,
}

/// A target's result, or none when its measure is unknown. Unknown names and measures
/// go to `diags`; a roll-up that cannot be computed fails the plan at once.
pub(super) fn evaluate_target(
    sc: &Scene<'_>,
    t: &TargetDef,
    diags: &mut Diagnostics,
) -> Result<Option<TargetResult>, Diagnostics> {
    let stage = t.stage.unwrap_or(Stage::Ntm);
    let units = follow_successors(sc, t, target_units(sc, t, diags));
    if units.is_empty() && !diags.has_errors() {
        diags.push(Diagnostic::error(
            span_of(sc.file, &t.id),
            PlanProblem::PlanEmptyTarget {
                target: t.id.value.clone(),
            },
        ));
        return Ok(None);
    }
    let children_except = find_units(sc, t, &t.children_except, diags)
        .into_iter()
        .map(|u| u.id.clone())
        .collect();
    let measure = t.measure.value.trim();
    let per_unit = PER_UNIT.contains(&measure);
    let rollup = sc.lib.rollups.rollups.iter().find(|r| r.id == measure);
    let progress = match rollup {
        _ if per_unit => {
            let m = Measure {
                name: measure,
                stage,
                children_except,
            };
            per_unit_progress(sc, t, &m, &units)
        }
        Some(r) => district_progress(sc, t, r, &units, stage)?,
        None => {
            diags.push(unknown_measure(sc, t, measure));
            return Ok(None);
        }
    };
    Ok(Some(TargetResult {
        id: t.id.value.clone(),
        name: crate::core::text::norm(&t.name),
        section: t.section.clone(),
        measure: measure.to_string(),
        stage,
        baseline: progress.baseline,
        current: progress.current,
        required: progress.required,
        gap: progress.gap,
        status: progress.status,
        units: progress.units,
        notes: t.notes.clone(),
    }))
}

/// With `--as-units`, each unit replaced by the unit that carries it on that date (a
/// merged xã by the new xã, once), noting every replacement.
fn follow_successors<'a>(sc: &Scene<'a>, t: &TargetDef, units: Vec<&'a Unit>) -> Vec<&'a Unit> {
    let Some((lineage, date)) = sc.successors else {
        return units;
    };
    let mut out: Vec<&'a Unit> = Vec::new();
    for u in units {
        for id in lineage.successors(&u.id, date) {
            let Some(s) = sc.ds.unit(&id) else { continue };
            if s.id != u.id {
                sc.followed
                    .borrow_mut()
                    .push((t.id.value.clone(), u.name.clone(), s.name.clone()));
            }
            if !out.iter().any(|x| x.id == s.id) {
                out.push(s);
            }
        }
    }
    out
}

/// The units named one by one, then those of the target's kind that exist through the
/// plan's years (with its attribute, minus its exceptions).
fn target_units<'a>(sc: &Scene<'a>, t: &TargetDef, diags: &mut Diagnostics) -> Vec<&'a Unit> {
    let mut units = find_units(sc, t, &t.units, diags);
    // An attribute no unit has selects nobody: a misspelling, not an empty target.
    if let Some(a) = t.where_attribute.as_deref() {
        let key = crate::core::text::name_key(a);
        let known = sc.ds.units.iter().any(|u| {
            sc.ds
                .attributes_of(u)
                .keys()
                .any(|k| crate::core::text::name_key(k) == key)
        });
        if !known {
            diags.push(Diagnostic::error(
                span_of(sc.file, &t.id),
                PlanProblem::PlanAttribute {
                    target: t.id.value.clone(),
                    attribute: a.to_string(),
                },
            ));
        }
    }
    if let Some(kind) = t.kind {
        let except: Vec<String> = find_units(sc, t, &t.except, diags)
            .into_iter()
            .map(|u| u.id.clone())
            .collect();
        // Of the kind in the target year: a xã made a thị trấn before it is not a xã's target.
        let day = crate::core::date::Date::end_of_year(sc.target_year);
        for u in sc.ds.units.iter().filter(|u| {
            sc.lineage.kind_at(u, day) == kind
                && u.exists_in(sc.baseline_year)
                && u.exists_in(sc.target_year)
                && !except.contains(&u.id)
        }) {
            if t.where_attribute
                .as_deref()
                .is_none_or(|a| crate::engine::eval::attribute_flag(&sc.ds.attributes_of(u), a))
            {
                units.push(u);
            }
        }
    }
    units
}

/// The units a target names; every name must name one unit, at its line.
fn find_units<'a>(
    sc: &Scene<'a>,
    t: &TargetDef,
    names: &[Spanned<String>],
    diags: &mut Diagnostics,
) -> Vec<&'a Unit> {
    let mut units = Vec::new();
    for n in names {
        match find_unit(sc, &n.value) {
            Ok(u) => units.push(u),
            Err(e) => diags
                .push(e.diagnostic_at(span_of(sc.file, n), NamedAt::Target(t.id.value.clone()))),
        }
    }
    units
}

/// The unit a name gives over the plan's years, as `--unit` finds it for a year: by
/// the name it had in any of them (before or after a renaming). A name that gives
/// different units in different years (or two in one) is ambiguous; one no year knows
/// is not found, with the target year's did-you-mean.
fn find_unit<'a>(sc: &Scene<'a>, name: &str) -> Result<&'a Unit, UnitLookupError> {
    let mut candidates: Vec<String> = Vec::new();
    let mut not_found = None;
    for year in (sc.baseline_year.min(sc.target_year)..=sc.target_year).rev() {
        match (sc.find)(name, year) {
            Ok(id) => candidates.push(id),
            Err(UnitLookupError::Ambiguous { candidates: c, .. }) => candidates.extend(c),
            Err(e) => {
                not_found.get_or_insert(e);
            }
        }
    }
    candidates.sort();
    candidates.dedup();
    match candidates.as_slice() {
        [id] => sc.ds.unit(id).ok_or(UnitLookupError::NotFound {
            wanted: name.to_string(),
            suggestion: None,
        }),
        [] => Err(match not_found {
            Some(UnitLookupError::NotFound {
                wanted,
                suggestion: None,
            }) => UnitLookupError::NotFound {
                suggestion: suggest(sc, &wanted),
                wanted,
            },
            Some(e) => e,
            None => UnitLookupError::NotFound {
                wanted: name.to_string(),
                suggestion: suggest(sc, name),
            },
        }),
        _ => Err(UnitLookupError::Ambiguous {
            wanted: name.to_string(),
            candidates,
        }),
    }
}

/// The name closest to one not found among those units had in the plan's years (a
/// name taken by renaming too), its kind word set aside.
fn suggest(sc: &Scene<'_>, wanted: &str) -> Option<String> {
    let (first, last) = (sc.baseline_year.min(sc.target_year), sc.target_year);
    let names: Vec<String> = sc
        .ds
        .units
        .iter()
        .flat_map(|u| sc.lineage.names_of(u))
        .filter(|(_, from, until)| {
            from.is_none_or(|d| d.year <= last) && until.is_none_or(|d| d.year >= first)
        })
        .map(|(n, ..)| n)
        .collect();
    let bare = crate::core::units::split_kind_prefix(wanted).map(|(_, rest)| rest);
    let wanted = bare.as_deref().unwrap_or(wanted);
    crate::core::text::did_you_mean(wanted, names.iter().map(String::as_str))
}

fn unknown_measure(sc: &Scene<'_>, t: &TargetDef, measure: &str) -> Diagnostic {
    let names = PER_UNIT
        .iter()
        .copied()
        .chain(sc.lib.rollups.rollups.iter().map(|r| r.id.as_str()));
    Diagnostic::error(
        span_of(sc.file, &t.measure),
        PlanProblem::PlanMeasure {
            measure: measure.to_string(),
            per_unit: PER_UNIT.iter().map(|s| s.to_string()).collect(),
            suggestion: crate::core::text::did_you_mean(measure, names),
        },
    )
}

/// A per-unit measure, with the results it counts and the children it leaves out.
struct Measure<'a> {
    name: &'a str,
    stage: Stage,
    children_except: Vec<String>,
}

/// Each unit against the target on its own; the target is met when every unit is.
fn per_unit_progress(sc: &Scene<'_>, t: &TargetDef, m: &Measure<'_>, units: &[&Unit]) -> Progress {
    let mut rows = Vec::new();
    for u in units {
        let (b, c) = sc.baseline_and_current(|year| unit_value(sc, m, u, year));
        let req = match m.name {
            "criteria_gained" => b.map(|b| b + t.at_least),
            _ => Some(t.at_least),
        };
        rows.push(UnitTarget {
            unit: sc.unit_ref(u),
            baseline: b,
            current: c,
            required: req,
            gap: gap(c, req),
            status: Some(sc.status(c, req)),
        });
    }
    Progress {
        baseline: None,
        current: None,
        required: None,
        gap: Some(rows.iter().filter_map(|u| u.gap).sum()),
        status: combined_status(&rows),
        units: rows,
    }
}

/// A unit's value of a per-unit measure in a year; none without a result.
fn unit_value(sc: &Scene<'_>, m: &Measure<'_>, u: &Unit, year: i32) -> Option<f64> {
    match m.name {
        "children_dat_chuan" => {
            let kids: Vec<&Unit> = sc
                .ds
                .units
                .iter()
                .filter(|c| {
                    c.parent.as_deref() == Some(u.id.as_str()) && !m.children_except.contains(&c.id)
                })
                .collect();
            let mut n = 0.0;
            for k in kids {
                match sc.result(&k.id, year, m.stage).map(|r| r.verdict) {
                    Some(Verdict::Met) => n += 1.0,
                    // A child without enough data might be met: the count is unknown.
                    Some(Verdict::Incomplete) => return None,
                    _ => {}
                }
            }
            Some(n)
        }
        // Without enough data a unit is neither met nor not met: unknown, never a fail.
        "dat_chuan" => sc
            .result(&u.id, year, m.stage)
            .filter(|r| r.verdict != Verdict::Incomplete)
            .map(|r| f64::from(u8::from(r.verdict == Verdict::Met))),
        _ => sc
            .result(&u.id, year, m.stage)
            .filter(|r| r.verdict != Verdict::Incomplete || r.count_only)
            .map(|r| r.met as f64),
    }
}

/// The worst status of the units, or achieved when every unit (and at least one) is.
fn combined_status(rows: &[UnitTarget]) -> TargetStatus {
    let sts: Vec<TargetStatus> = rows.iter().filter_map(|u| u.status).collect();
    if sts.iter().all(|s| *s == TargetStatus::Achieved) && !sts.is_empty() {
        TargetStatus::Achieved
    } else if sts.contains(&TargetStatus::NotAchieved) {
        TargetStatus::NotAchieved
    } else if sts.contains(&TargetStatus::AtRisk) {
        TargetStatus::AtRisk
    } else if sts.contains(&TargetStatus::Unknown) {
        TargetStatus::Unknown
    } else {
        TargetStatus::NotYet
    }
}

/// A roll-up over all the target's units, with each unit's criteria met as a
/// breakdown (without a status of its own).
fn district_progress(
    sc: &Scene<'_>,
    t: &TargetDef,
    r: &Rollup,
    units: &[&Unit],
    stage: Stage,
) -> Result<Progress, Diagnostics> {
    let ids: Vec<String> = units.iter().map(|u| u.id.clone()).collect();
    let at = |year: i32| {
        crate::engine::rollup::compute(
            &sc.lib.engine,
            r,
            sc.report,
            sc.ds,
            year,
            Some(&ids),
            &crate::engine::eval::criteria_of(sc.lib, sc.ds, Some(sc.lineage)),
        )
        .map(|v| if v.units == 0 { None } else { v.value })
        .map_err(|d| Diagnostics(vec![d]))
    };
    let baseline = at(sc.baseline_year)?;
    let current = if sc.has_target_year {
        at(sc.target_year)?
    } else {
        baseline
    };
    let required = Some(t.at_least);
    let rows = units
        .iter()
        .map(|u| {
            let (b, c) =
                sc.baseline_and_current(|year| sc.result(&u.id, year, stage).map(|x| x.met as f64));
            UnitTarget {
                unit: sc.unit_ref(u),
                baseline: b,
                current: c,
                required: None,
                gap: None,
                status: None,
            }
        })
        .collect();
    Ok(Progress {
        baseline,
        current,
        required,
        gap: gap(current, required),
        status: sc.status(current, required),
        units: rows,
    })
}

fn gap(current: Option<f64>, required: Option<f64>) -> Option<f64> {
    match (current, required) {
        (Some(c), Some(r)) => Some((r - c).max(0.0)),
        _ => None,
    }
}
