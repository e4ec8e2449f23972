//! Plans (Kế hoạch): targets with a baseline year, a target year, the units they cover
//! and a condition, tracked against evaluation results; and department work lists.

use crate::data::Dataset;
use crate::date::Date;
use crate::diag::{Diagnostic, Diagnostics, Span};
use crate::library::RuleLibrary;
use crate::loader::{self, span_of, Spanned};
use crate::report::{AnyStatus, Basis, Outcome, Report, Status, UnitRef, UnitResult, Verdict};
use crate::rules::model::{DocumentDef, Stage};
use crate::units::UnitKind;
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanFile {
    plan: PlanMeta,
    targets: Vec<TargetDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanMeta {
    id: String,
    title: String,
    document: DocumentDef,
    baseline_year: i32,
    target_year: i32,
    #[serde(default)]
    notes: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetDef {
    id: Spanned<String>,
    name: String,
    /// Where the plan states it (e.g. "mục II.1").
    #[serde(default)]
    section: Option<String>,
    /// Units named one by one (id, name or alias)…
    #[serde(default)]
    units: Vec<Spanned<String>>,
    /// …or all units of a kind, optionally with a yes/no attribute, minus some.
    #[serde(default)]
    kind: Option<UnitKind>,
    #[serde(default, rename = "where")]
    where_attribute: Option<String>,
    #[serde(default)]
    except: Vec<Spanned<String>>,
    /// Stage of the rule set whose results count (default NTM).
    #[serde(default)]
    stage: Option<Stage>,
    /// `criteria_met`, `criteria_gained`, `dat_chuan`, `children_dat_chuan` (per unit),
    /// or the id of a roll-up (over all the units).
    measure: Spanned<String>,
    at_least: f64,
    /// For `children_dat_chuan`: child units that do not count (e.g. those already registered).
    #[serde(default)]
    children_except: Vec<Spanned<String>>,
    #[serde(default)]
    notes: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetStatus {
    Achieved,
    /// The target year has no data yet.
    NotYet,
    /// The target year has data, is not over, and the value is below what is required.
    AtRisk,
    /// The target year is over and the value is below what is required.
    NotAchieved,
    /// Data are missing for some unit.
    Unknown,
}

#[derive(Clone, Debug, Serialize)]
pub struct UnitTarget {
    pub unit: UnitRef,
    pub baseline: Option<f64>,
    pub current: Option<f64>,
    pub required: Option<f64>,
    pub gap: Option<f64>,
    /// Per-unit status (none for the breakdown of a district-wide target).
    pub status: Option<TargetStatus>,
}

#[derive(Clone, Debug, Serialize)]
pub struct TargetResult {
    pub id: String,
    pub name: String,
    pub section: Option<String>,
    pub measure: String,
    pub stage: Stage,
    pub baseline: Option<f64>,
    pub current: Option<f64>,
    pub required: Option<f64>,
    pub gap: Option<f64>,
    pub status: TargetStatus,
    pub units: Vec<UnitTarget>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PlanInfo {
    pub id: String,
    pub title: String,
    pub document: DocumentDef,
    pub baseline_year: i32,
    pub target_year: i32,
    pub as_of: Date,
    pub notes: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PlanReport {
    pub plan: PlanInfo,
    pub targets: Vec<TargetResult>,
    /// District aggregates for the baseline and target years.
    pub rollups: Vec<crate::rollup::RollupValue>,
    /// Values derived from village data, and other notes.
    pub notices: Vec<crate::report::Notice>,
    pub provenance: Vec<crate::report::DataSource>,
}

/// A plan file, checked against the dataset (every unit it names must exist).
pub struct Plan {
    meta: PlanMeta,
    targets: Vec<TargetDef>,
    file: std::path::PathBuf,
}

impl Plan {
    pub fn target_year(&self) -> i32 {
        self.meta.target_year
    }
    pub fn baseline_year(&self) -> i32 {
        self.meta.baseline_year
    }
}

pub fn load(source: &crate::source::SourceFile) -> Result<Plan, Diagnostics> {
    let file = source.path.as_path();
    let text = source.text().map_err(|d| Diagnostics(vec![d]))?;
    let raw: PlanFile = loader::from_yaml(file, text).map_err(|d| Diagnostics(vec![d]))?;
    let mut diags = Diagnostics::default();
    if raw.plan.target_year < raw.plan.baseline_year {
        diags.push(Diagnostic::error(
            Span::file_only(file),
            "plan",
            "target_year is before baseline_year",
        ));
    }
    let mut seen = std::collections::BTreeSet::new();
    for t in &raw.targets {
        if !seen.insert(t.id.value.clone()) {
            diags.push(Diagnostic::error(
                span_of(file, &t.id),
                "plan",
                format!("target `{}` appears twice", t.id.value),
            ));
        }
        if t.units.is_empty() && t.kind.is_none() {
            diags.push(
                Diagnostic::error(
                    span_of(file, &t.id),
                    "plan",
                    format!("target `{}` names no units", t.id.value),
                )
                .with_help("list `units:` or give `kind:` (with optional `where:` and `except:`)"),
            );
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(Plan {
        meta: raw.plan,
        targets: raw.targets,
        file: file.to_path_buf(),
    })
}

const PER_UNIT: &[&str] = &[
    "criteria_met",
    "criteria_gained",
    "dat_chuan",
    "children_dat_chuan",
];

fn unit_ref(ds: &Dataset, u: &crate::data::Unit) -> UnitRef {
    UnitRef {
        id: u.id.clone(),
        name: u.name.clone(),
        kind: u.kind,
        parent: u.parent.clone(),
        parent_name: u
            .parent
            .as_deref()
            .and_then(|p| ds.unit(p))
            .map(|p| p.name.clone()),
    }
}

fn result<'a>(report: &'a Report, unit: &str, year: i32, stage: Stage) -> Option<&'a UnitResult> {
    report
        .results
        .iter()
        .find(|r| r.unit.id == unit && r.year == year && r.stage == stage)
}

/// Evaluate a plan: every target, with its per-unit breakdown. `as_of` defaults to the
/// last day of the latest year in the dataset.
pub fn evaluate(
    plan: &Plan,
    lib: &RuleLibrary,
    ds: &Dataset,
    report: &Report,
    as_of: Option<Date>,
) -> Result<PlanReport, Diagnostics> {
    let m = &plan.meta;
    let file = plan.file.as_path();
    let as_of = as_of
        .unwrap_or_else(|| Date::end_of_year(ds.years().last().copied().unwrap_or(m.target_year)));
    let year_over = as_of >= Date::end_of_year(m.target_year);
    let has_target_year = ds.records.iter().any(|r| r.year == m.target_year);
    let mut diags = Diagnostics::default();
    let mut targets = Vec::new();
    for t in &plan.targets {
        let stage = t.stage.unwrap_or(Stage::Ntm);
        // Resolve the units; every name must exist.
        let mut units: Vec<&crate::data::Unit> = Vec::new();
        for n in &t.units {
            match ds.find_unit(&n.value, None) {
                Ok(u) => units.push(u),
                Err(e) => diags.push(Diagnostic::error(
                    span_of(file, n),
                    "unknown-unit",
                    format!("target `{}`: {e}", t.id.value),
                )),
            }
        }
        if let Some(kind) = t.kind {
            let mut except = Vec::new();
            for n in &t.except {
                match ds.find_unit(&n.value, None) {
                    Ok(u) => except.push(u.id.clone()),
                    Err(e) => diags.push(Diagnostic::error(
                        span_of(file, n),
                        "unknown-unit",
                        format!("target `{}`: {e}", t.id.value),
                    )),
                }
            }
            for u in ds
                .units
                .iter()
                .filter(|u| u.kind == kind && !except.contains(&u.id))
            {
                if t.where_attribute
                    .as_deref()
                    .is_none_or(|a| crate::eval::attribute_flag(&ds.attributes_of(u), a))
                {
                    units.push(u);
                }
            }
        }
        let mut children_except = Vec::new();
        for n in &t.children_except {
            match ds.find_unit(&n.value, None) {
                Ok(u) => children_except.push(u.id.clone()),
                Err(e) => diags.push(Diagnostic::error(
                    span_of(file, n),
                    "unknown-unit",
                    format!("target `{}`: {e}", t.id.value),
                )),
            }
        }
        let measure = t.measure.value.trim();
        let per_unit = PER_UNIT.contains(&measure);
        let rollup = lib.rollups.rollups.iter().find(|r| r.id == measure);
        if !per_unit && rollup.is_none() {
            let names = PER_UNIT
                .iter()
                .copied()
                .chain(lib.rollups.rollups.iter().map(|r| r.id.as_str()));
            let hint = crate::text::did_you_mean(measure, names)
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            diags.push(Diagnostic::error(
                span_of(file, &t.measure),
                "plan-measure",
                format!(
                    "`{measure}` is neither a per-unit measure ({}) nor a roll-up{hint}",
                    PER_UNIT.join(", ")
                ),
            ));
            continue;
        }
        let status_of =
            |current: Option<f64>, required: Option<f64>, known_target_year: bool| match (
                current, required,
            ) {
                (Some(c), Some(r)) if c + 1e-9 >= r => TargetStatus::Achieved,
                (None, _) | (_, None) if known_target_year => TargetStatus::Unknown,
                _ if !has_target_year => TargetStatus::NotYet,
                _ if year_over => TargetStatus::NotAchieved,
                _ => TargetStatus::AtRisk,
            };
        let value_of = |u: &crate::data::Unit, year: i32| -> Option<f64> {
            match measure {
                "children_dat_chuan" => {
                    let kids: Vec<&crate::data::Unit> = ds
                        .units
                        .iter()
                        .filter(|c| {
                            c.parent.as_deref() == Some(u.id.as_str())
                                && !children_except.contains(&c.id)
                        })
                        .collect();
                    let mut n = 0.0;
                    for k in kids {
                        if result(report, &k.id, year, stage)
                            .is_some_and(|r| r.verdict == Verdict::Met)
                        {
                            n += 1.0;
                        }
                    }
                    Some(n)
                }
                "dat_chuan" => result(report, &u.id, year, stage)
                    .map(|r| f64::from(u8::from(r.verdict == Verdict::Met))),
                _ => result(report, &u.id, year, stage).map(|r| r.met as f64),
            }
        };
        let mut unit_rows = Vec::new();
        let (baseline, current, required);
        if per_unit {
            for u in &units {
                let b = value_of(u, m.baseline_year);
                let c = if has_target_year {
                    value_of(u, m.target_year)
                } else {
                    b
                };
                let req = match measure {
                    "criteria_gained" => b.map(|b| b + t.at_least),
                    _ => Some(t.at_least),
                };
                let st = status_of(c, req, has_target_year);
                unit_rows.push(UnitTarget {
                    unit: unit_ref(ds, u),
                    baseline: b,
                    current: c,
                    required: req,
                    gap: match (c, req) {
                        (Some(c), Some(r)) => Some((r - c).max(0.0)),
                        _ => None,
                    },
                    status: Some(st),
                });
            }
            baseline = None;
            current = None;
            required = None;
        } else {
            let r = rollup.expect("checked above");
            let ids: Vec<String> = units.iter().map(|u| u.id.clone()).collect();
            let at = |year: i32| {
                crate::rollup::compute(&lib.engine, r, report, year, Some(&ids)).map(|v| {
                    if v.units == 0 {
                        None
                    } else {
                        v.value
                    }
                })
            };
            baseline = at(m.baseline_year).map_err(|d| Diagnostics(vec![d]))?;
            current = if has_target_year {
                at(m.target_year).map_err(|d| Diagnostics(vec![d]))?
            } else {
                baseline
            };
            required = Some(t.at_least);
            for u in &units {
                let row_value =
                    |year: i32| result(report, &u.id, year, stage).map(|x| x.met as f64);
                let b = row_value(m.baseline_year);
                let c = if has_target_year {
                    row_value(m.target_year)
                } else {
                    b
                };
                unit_rows.push(UnitTarget {
                    unit: unit_ref(ds, u),
                    baseline: b,
                    current: c,
                    required: None,
                    gap: None,
                    status: None,
                });
            }
        }
        let status = if per_unit {
            let sts: Vec<TargetStatus> = unit_rows.iter().filter_map(|u| u.status).collect();
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
        } else {
            status_of(current, required, has_target_year)
        };
        let gap = if per_unit {
            Some(unit_rows.iter().filter_map(|u| u.gap).sum())
        } else {
            match (current, required) {
                (Some(c), Some(r)) => Some((r - c).max(0.0)),
                _ => None,
            }
        };
        targets.push(TargetResult {
            id: t.id.value.clone(),
            name: crate::text::norm(&t.name),
            section: t.section.clone(),
            measure: measure.to_string(),
            stage,
            baseline,
            current,
            required,
            gap,
            status,
            units: unit_rows,
            notes: t.notes.clone(),
        });
    }
    if diags.has_errors() {
        return Err(diags);
    }
    let mut rollups = Vec::new();
    for r in &lib.rollups.rollups {
        for year in [m.baseline_year, m.target_year] {
            if ds.records.iter().any(|x| x.year == year) {
                rollups.push(
                    crate::rollup::compute(&lib.engine, r, report, year, None)
                        .map_err(|d| Diagnostics(vec![d]))?,
                );
            }
        }
    }
    let provenance = ds.sources();
    Ok(PlanReport {
        plan: PlanInfo {
            id: m.id.clone(),
            title: crate::text::norm(&m.title),
            document: m.document.clone(),
            baseline_year: m.baseline_year,
            target_year: m.target_year,
            as_of,
            notes: m.notes.clone(),
        },
        targets,
        rollups,
        notices: unverified_notice(report, m.baseline_year, m.target_year)
            .into_iter()
            .collect(),
        provenance,
    })
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
    })
}

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
    pub value: Option<crate::value::Value>,
    /// Unit of measure of the threshold, when it has one.
    pub unit_of_measure: Option<String>,
    pub threshold: Vec<crate::value::Value>,
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
    let mut lists: Vec<DepartmentList> = lib
        .registry
        .departments
        .iter()
        .map(|d| DepartmentList {
            department: Some(d.name.clone()),
            items: Vec::new(),
            missing_data: 0,
        })
        .collect();
    let slot = |lists: &mut Vec<DepartmentList>, dept: Option<&str>| -> usize {
        let name = dept.map(|d| {
            lib.registry
                .department(d)
                .map(|x| x.name.clone())
                .unwrap_or_else(|| d.to_string())
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
    };
    for r in report.results.iter().filter(|r| r.year == year) {
        for c in &r.criteria {
            if c.basis != Basis::Computed && c.status == Status::NotMet {
                let i = slot(&mut lists, c.department.as_deref());
                lists[i].items.push(WorkItem {
                    unit: r.unit.clone(),
                    ruleset: r.ruleset.clone(),
                    criterion: c.id.clone(),
                    criterion_name: c.name.clone(),
                    indicator: None,
                    name: c.name.clone(),
                    status: AnyStatus::Criterion(Status::NotMet),
                    value: None,
                    unit_of_measure: None,
                    threshold: Vec::new(),
                    shortfall: None,
                    relative_gap: None,
                });
            }
            for ind in &c.indicators {
                let i = slot(
                    &mut lists,
                    ind.department.as_deref().or(c.department.as_deref()),
                );
                match ind.status {
                    Outcome::Fail => {
                        let t = ind.threshold.first();
                        let rel = match (ind.shortfall, t.and_then(|t| t.value.as_f64())) {
                            (Some(s), Some(v)) if v.abs() > 1e-9 => Some(s / v.abs()),
                            _ => None,
                        };
                        lists[i].items.push(WorkItem {
                            unit: r.unit.clone(),
                            ruleset: r.ruleset.clone(),
                            criterion: c.id.clone(),
                            criterion_name: c.name.clone(),
                            indicator: Some(ind.id.clone()),
                            name: ind.name.clone(),
                            status: AnyStatus::Indicator(Outcome::Fail),
                            value: ind.value.clone(),
                            unit_of_measure: t.and_then(|t| t.unit.clone()),
                            threshold: ind.threshold.iter().map(|t| t.value.clone()).collect(),
                            shortfall: ind.shortfall,
                            relative_gap: rel,
                        });
                    }
                    Outcome::Missing if c.basis != Basis::Declared => lists[i].missing_data += 1,
                    _ => {}
                }
            }
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
