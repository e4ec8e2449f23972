//! The plan file format, the results of evaluating a plan, and loading a plan file.

use crate::core::date::Date;
use crate::core::diag::{Diagnostic, Diagnostics, Span};
use crate::core::loader::{self, span_of, Spanned};
use crate::core::problem::PlanProblem;
use crate::core::units::UnitKind;
use crate::report::UnitRef;
use crate::rules::model::{DocumentDef, Stage};
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct PlanFile {
    plan: PlanMeta,
    targets: Vec<TargetDef>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct PlanMeta {
    pub id: String,
    pub title: String,
    pub document: DocumentDef,
    pub baseline_year: i32,
    pub target_year: i32,
    #[serde(default)]
    pub notes: Option<String>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct TargetDef {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub name: String,
    /// Where the plan states it (e.g. "mục II.1").
    #[serde(default)]
    pub section: Option<String>,
    /// Units named one by one (id, name or alias)…
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub units: Vec<Spanned<String>>,
    /// …or all units of a kind, optionally with a yes/no attribute, minus some.
    #[serde(default)]
    pub kind: Option<UnitKind>,
    #[serde(default, rename = "where")]
    pub where_attribute: Option<String>,
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub except: Vec<Spanned<String>>,
    /// Stage of the rule set whose results count (default NTM).
    #[serde(default)]
    pub stage: Option<Stage>,
    /// `criteria_met`, `criteria_gained`, `dat_chuan`, `children_dat_chuan` (per unit),
    /// or the id of a roll-up (over all the units).
    #[schemars(with = "String")]
    pub measure: Spanned<String>,
    pub at_least: f64,
    /// For `children_dat_chuan`: child units that do not count (e.g. those already registered).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub children_except: Vec<Spanned<String>>,
    #[serde(default)]
    pub notes: Option<String>,
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
    /// The year whose values are "current": the target year when it has data, else the
    /// baseline year (the header says which, whatever `as_of` is).
    pub current_year: i32,
    /// The sets that decided the units in the baseline year and in the current year,
    /// when they differ: the two years are then judged by different rules.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub set_change: Option<SetChange>,
    pub notes: Option<String>,
}

/// The rule sets that changed between two years of results (a plan's baseline and
/// current years, or two successive years of a roll-up): those of each year the other
/// year does not use.
#[derive(Clone, Debug, Serialize)]
pub struct SetChange {
    pub baseline_year: i32,
    pub current_year: i32,
    pub baseline: Vec<String>,
    pub current: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PlanReport {
    pub plan: PlanInfo,
    pub targets: Vec<TargetResult>,
    /// District aggregates for the baseline and target years.
    pub rollups: Vec<crate::engine::rollup::RollupValue>,
    /// Values derived from village data, and other notes.
    pub notices: Vec<crate::report::Notice>,
    pub provenance: Vec<crate::report::DataSource>,
}

/// A plan file, checked against the dataset (every unit it names must exist).
pub struct Plan {
    pub(super) meta: PlanMeta,
    pub(super) targets: Vec<TargetDef>,
    pub(super) file: std::path::PathBuf,
}

impl Plan {
    pub fn target_year(&self) -> i32 {
        self.meta.target_year
    }
    pub fn baseline_year(&self) -> i32 {
        self.meta.baseline_year
    }
}

pub fn load(source: &crate::core::source::SourceFile) -> Result<Plan, Diagnostics> {
    let file = source.path.as_path();
    let text = source.text().map_err(|d| Diagnostics(vec![d]))?;
    let raw: PlanFile = loader::from_yaml(file, text).map_err(|d| Diagnostics(vec![d]))?;
    let mut diags = Diagnostics::default();
    if raw.plan.target_year < raw.plan.baseline_year {
        diags.push(Diagnostic::error(
            Span::file_only(file),
            PlanProblem::PlanYears,
        ));
    }
    for y in [raw.plan.baseline_year, raw.plan.target_year] {
        if !crate::core::limits::year_ok(y) {
            diags.push(crate::data::bad_year(y, Span::file_only(file)));
        }
    }
    if raw.targets.is_empty() {
        diags.push(Diagnostic::error(
            Span::file_only(file),
            PlanProblem::PlanEmpty,
        ));
    }
    let mut seen = std::collections::BTreeSet::new();
    for t in &raw.targets {
        if !t.at_least.is_finite() {
            diags.push(Diagnostic::error(
                span_of(file, &t.id),
                PlanProblem::PlanTargetNotFinite {
                    target: t.id.value.clone(),
                },
            ));
        }
        if !seen.insert(t.id.value.clone()) {
            diags.push(Diagnostic::error(
                span_of(file, &t.id),
                PlanProblem::PlanTargetTwice {
                    target: t.id.value.clone(),
                },
            ));
        }
        if t.units.is_empty() && t.kind.is_none() {
            diags.push(Diagnostic::error(
                span_of(file, &t.id),
                PlanProblem::PlanTargetNoUnits {
                    target: t.id.value.clone(),
                },
            ));
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

/// The JSON Schema of plan files (for editors; `docs/schemas/plan.schema.json`).
pub fn file_schema() -> schemars::Schema {
    schemars::schema_for!(PlanFile)
}
