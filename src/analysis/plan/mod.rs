//! Plans (Kế hoạch): targets with a baseline year, a target year, the units they cover
//! and a condition, tracked against evaluation results; and department work lists.

mod departments;
mod model;
mod targets;

pub use departments::{departments, only_department, DepartmentList, WorkItem};
pub use model::{
    file_schema, load, Plan, PlanInfo, PlanReport, SetChange, TargetResult, TargetStatus,
    UnitTarget,
};

use crate::core::date::Date;
use crate::core::diag::Diagnostics;
use crate::data::Dataset;
use crate::engine::library::RuleLibrary;
use crate::report::{Report, UnitResult};
pub use targets::FindUnit;
use targets::{evaluate_target, Scene};

/// The units a plan is about: the dataset, its lineage, and how a name the plan writes
/// finds its unit in a year (the project's `--unit` lookup: names taken by renaming too).
pub struct PlanUnits<'a> {
    pub ds: &'a Dataset,
    pub lineage: &'a crate::data::lineage::Lineage,
    pub find: &'a FindUnit<'a>,
}

/// Evaluate a plan: every target, with its per-unit breakdown. `as_of` defaults to the
/// last day of the latest year in the dataset.
pub fn evaluate(
    plan: &Plan,
    lib: &RuleLibrary,
    units: PlanUnits<'_>,
    report: &Report,
    as_of: Option<Date>,
    successors: Option<Date>,
) -> Result<PlanReport, Diagnostics> {
    let PlanUnits { ds, lineage, find } = units;
    let m = &plan.meta;
    let as_of = as_of
        .unwrap_or_else(|| Date::end_of_year(ds.years().last().copied().unwrap_or(m.target_year)));
    let scene = Scene {
        lib,
        ds,
        find,
        report,
        file: plan.file.as_path(),
        baseline_year: m.baseline_year,
        target_year: m.target_year,
        has_target_year: ds.records.iter().any(|r| r.year == m.target_year),
        year_over: as_of >= Date::end_of_year(m.target_year),
        lineage,
        successors: successors.map(|d| (lineage, d)),
        followed: Default::default(),
    };
    let mut diags = Diagnostics::default();
    let mut targets = Vec::new();
    for t in &plan.targets {
        targets.extend(evaluate_target(&scene, t, &mut diags)?);
    }
    if diags.has_errors() {
        return Err(diags);
    }
    let followed = scene.followed.take();
    let current_year = if scene.has_target_year {
        m.target_year
    } else {
        m.baseline_year
    };
    Ok(PlanReport {
        plan: PlanInfo {
            id: m.id.clone(),
            title: crate::core::text::norm(&m.title),
            document: m.document.clone(),
            baseline_year: m.baseline_year,
            target_year: m.target_year,
            as_of,
            current_year,
            set_change: set_change(report, m.baseline_year, current_year),
            notes: m.notes.clone(),
        },
        targets,
        rollups: rollups(lib, ds, lineage, report, m.baseline_year, m.target_year)?,
        notices: followed
            .into_iter()
            .map(|(target, from, to)| crate::report::Notice::FollowsSuccessor { target, from, to })
            .chain(unverified_notice(report, m.baseline_year, m.target_year))
            .collect(),
        provenance: ds.sources(),
    })
}

/// The sets that decided the baseline year's and the current year's results, when they
/// differ (a roll-up or a target compared across them compares two sets' verdicts):
/// the sets of each year the other year does not use. Roll-ups over several years say
/// the same between successive years.
pub fn set_change(report: &Report, baseline: i32, current: i32) -> Option<model::SetChange> {
    let sets = |year: i32| {
        let mut s: Vec<String> = report
            .results
            .iter()
            .filter(|r| r.year == year)
            .map(|r| r.ruleset.clone())
            .collect();
        s.sort();
        s.dedup();
        s
    };
    let (b, c) = (sets(baseline), sets(current));
    if b.is_empty() || c.is_empty() || b == c {
        return None;
    }
    // Only the sets that changed: those of one year the other year does not use.
    let only = |x: &[String], y: &[String]| x.iter().filter(|s| !y.contains(s)).cloned().collect();
    Some(model::SetChange {
        baseline_year: baseline,
        current_year: current,
        baseline: only(&b, &c),
        current: only(&c, &b),
    })
}

/// Every roll-up of the library in the baseline and target years that have data.
fn rollups(
    lib: &RuleLibrary,
    ds: &Dataset,
    lineage: &crate::data::lineage::Lineage,
    report: &Report,
    baseline: i32,
    target: i32,
) -> Result<Vec<crate::engine::rollup::RollupValue>, Diagnostics> {
    let mut rollups = Vec::new();
    let mut years = vec![baseline, target];
    years.dedup();
    for r in &lib.rollups.rollups {
        for &year in &years {
            if ds.records.iter().any(|x| x.year == year) {
                rollups.push(
                    crate::engine::rollup::compute(
                        &lib.engine,
                        r,
                        report,
                        ds,
                        year,
                        None,
                        &crate::engine::eval::criteria_of(lib, ds, Some(lineage)),
                    )
                    .map_err(|d| Diagnostics(vec![d]))?,
                );
            }
        }
    }
    Ok(rollups)
}

/// Reports must say when verdicts rest on thresholds not verified against their documents.
fn unverified_notice(report: &Report, baseline: i32, target: i32) -> Option<crate::report::Notice> {
    let rs: Vec<&UnitResult> = report
        .results
        .iter()
        .filter(|r| r.year == baseline || r.year == target)
        .collect();
    let n = rs.iter().filter(|r| r.unverified).count();
    (n > 0).then_some(crate::report::Notice::Unverified {
        results: n,
        of: rs.len(),
        weakest: rs.iter().filter_map(|r| r.weakest_source).max(),
    })
}
