//! Department work lists: what each department must do in each unit, nearest to the
//! threshold first.

use crate::engine::library::RuleLibrary;
use crate::report::{
    AnyStatus, Basis, CriterionResult, IndicatorResult, Outcome, Report, Status, UnitRef,
    UnitResult,
};
use serde::Serialize;

/// One thing a department must do in one unit.
#[derive(Clone, Debug, Serialize)]
pub struct WorkItem {
    pub unit: UnitRef,
    pub ruleset: String,
    pub criterion: String,
    pub criterion_name: String,
    /// The indicator, when the criterion is decided by indicators.
    pub indicator: Option<String>,
    pub name: String,
    pub status: AnyStatus,
    pub value: Option<crate::core::value::Value>,
    /// Unit of measure of the threshold, when it has one.
    pub unit_of_measure: Option<String>,
    pub threshold: Vec<crate::core::value::Value>,
    /// How the weakest of those thresholds is sourced: a threshold read nowhere must
    /// not look like law in a department's list.
    pub source_level: Option<crate::rules::model::SourceLevel>,
    pub shortfall: Option<f64>,
    /// Shortfall as a share of the threshold, to order items across units of measure.
    pub relative_gap: Option<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct DepartmentList {
    /// The department as registered; null for work no department is assigned.
    pub department: Option<String>,
    pub items: Vec<WorkItem>,
    /// Indicators of its criteria with no data, which it should collect.
    pub missing_data: usize,
}

/// For each department, the unmet indicators (and criteria decided by declaration) in
/// each unit of a year, nearest to the threshold first.
pub fn departments(lib: &RuleLibrary, report: &Report, year: i32) -> Vec<DepartmentList> {
    // The departments in force on the year's last day (a huyện's end with the huyện).
    let day = crate::core::date::Date::end_of_year(year);
    let mut lists: Vec<DepartmentList> = lib
        .registry
        .departments
        .iter()
        .filter(|d| d.in_force(day))
        .map(|d| DepartmentList {
            department: Some(d.name.clone()),
            items: Vec::new(),
            missing_data: 0,
        })
        .collect();
    for r in report.results.iter().filter(|r| r.year == year) {
        for c in &r.criteria {
            add_criterion_work(lib, &mut lists, r, c);
        }
    }
    for l in &mut lists {
        l.items.sort_by(|a, b| {
            let key = |w: &WorkItem| w.relative_gap.unwrap_or(f64::INFINITY);
            key(a)
                .total_cmp(&key(b))
                .then_with(|| a.unit.id.cmp(&b.unit.id))
                .then_with(|| a.criterion.cmp(&b.criterion))
        });
    }
    lists
}

/// Keep only the list of department `name` (registered name, id or alias, or the name
/// as written in a rule file; or the first words of one name, as officials shorten it:
/// "Phòng Nông nghiệp" for "Phòng Nông nghiệp và PTNT"); an error naming the departments
/// listed when none is, or when the words begin several names.
pub fn only_department(
    lib: &RuleLibrary,
    lists: &mut Vec<DepartmentList>,
    name: &str,
) -> Result<(), crate::core::diag::Diagnostic> {
    use crate::core::text::name_key;
    let wanted = lib
        .registry
        .department(name)
        .map_or(name, |d| d.name.as_str());
    let key = name_key(wanted);
    let listed: Vec<String> = lists.iter().filter_map(|l| l.department.clone()).collect();
    let exact = |n: &str| name_key(n) == key;
    let starts = |n: &str| {
        name_key(n)
            .strip_prefix(&key)
            .is_some_and(|rest| rest.starts_with(' '))
    };
    let matches: &dyn Fn(&str) -> bool = if listed.iter().any(|n| exact(n)) {
        &exact
    } else if listed.iter().filter(|n| starts(n)).count() == 1 {
        &starts
    } else {
        &exact
    };
    lists.retain(|l| l.department.as_deref().is_some_and(matches));
    if lists.is_empty() {
        return Err(crate::core::diag::Diagnostic::error(
            crate::core::diag::Span::file_only("--department"),
            crate::core::problem::LibraryProblem::UnknownDepartmentFlag {
                name: name.to_string(),
                known: listed,
            },
        ));
    }
    Ok(())
}

/// A department's list, by its registered name; added when not there yet.
fn slot(
    lib: &RuleLibrary,
    lists: &mut Vec<DepartmentList>,
    dept: Option<&str>,
    year: i32,
) -> usize {
    let day = crate::core::date::Date::end_of_year(year);
    // A department that no longer exists that year leaves its work unassigned.
    let name = dept.and_then(|d| match lib.registry.department(d) {
        Some(x) if !x.in_force(day) => None,
        Some(x) => Some(x.name.clone()),
        None => Some(d.to_string()),
    });
    match lists.iter().position(|l| l.department == name) {
        Some(i) => i,
        None => {
            lists.push(DepartmentList {
                department: name,
                items: Vec::new(),
                missing_data: 0,
            });
            lists.len() - 1
        }
    }
}

/// A criterion declared not met is work for its department; a failed indicator for
/// the indicator's (or else the criterion's), and a missing one is data to collect.
fn add_criterion_work(
    lib: &RuleLibrary,
    lists: &mut Vec<DepartmentList>,
    r: &UnitResult,
    c: &CriterionResult,
) {
    if c.basis != Basis::Computed && c.status == Status::NotMet {
        let i = slot(lib, lists, c.department.as_deref(), r.year);
        lists[i].items.push(WorkItem {
            unit: r.unit.clone(),
            ruleset: r.ruleset.clone(),
            criterion: c.id.clone(),
            criterion_name: c.name.to_string(),
            indicator: None,
            name: c.name.to_string(),
            status: AnyStatus::Criterion(Status::NotMet),
            value: None,
            unit_of_measure: None,
            threshold: Vec::new(),
            source_level: None,
            shortfall: None,
            relative_gap: None,
        });
    }
    for ind in &c.indicators {
        let i = slot(
            lib,
            lists,
            ind.department.as_deref().or(c.department.as_deref()),
            r.year,
        );
        match ind.status {
            Outcome::Fail => lists[i].items.push(failed_indicator(r, c, ind)),
            Outcome::Missing if c.basis != Basis::Declared => lists[i].missing_data += 1,
            _ => {}
        }
    }
}

fn failed_indicator(r: &UnitResult, c: &CriterionResult, ind: &IndicatorResult) -> WorkItem {
    let t = ind.threshold.first();
    let rel = match (
        ind.shortfall,
        t.and_then(|t| t.value.as_ref()).and_then(|v| v.as_f64()),
    ) {
        (Some(s), Some(v)) if v.abs() > 1e-9 => Some(s / v.abs()),
        _ => None,
    };
    WorkItem {
        unit: r.unit.clone(),
        ruleset: r.ruleset.clone(),
        criterion: c.id.clone(),
        criterion_name: c.name.to_string(),
        indicator: Some(ind.id.clone()),
        name: ind.name.clone(),
        status: AnyStatus::Indicator(Outcome::Fail),
        value: ind.value.clone(),
        unit_of_measure: t.and_then(|t| t.unit.clone()),
        // A failed indicator has no entry that does not apply.
        threshold: ind
            .threshold
            .iter()
            .filter_map(|t| t.value.clone())
            .collect(),
        source_level: ind.threshold.iter().map(|t| t.source_level).max(),
        shortfall: ind.shortfall,
        relative_gap: rel,
    }
}
