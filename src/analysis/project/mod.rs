//! The library's front door: load rules, registers, roll-ups and a dataset from
//! [`Sources`] (files or in-memory bytes) once, then ask for typed reports — evaluate,
//! explain, diff, sweep, plan, roll-up, test. The loaded library is immutable and
//! shared (`Arc`), so one project can serve many requests and what-if scenarios.

use crate::analysis::diff::{DataDiff, Structure};
use crate::analysis::plan::{DepartmentList, PlanReport};
use crate::analysis::testcases::TestRun;
use crate::analysis::whatif::SweepRow;
use crate::core::diag::{Diagnostic, Diagnostics, Span};
use crate::core::problem::RunProblem;
use crate::core::source::Sources;
use crate::data::load::load_dataset;
use crate::data::Dataset;
use crate::engine::eval::EvalOptions;
use crate::engine::library::{load_library, RuleLibrary};
use crate::engine::rollup::RollupValue;
use crate::engine::scenario::{Override, Scenario};
use crate::report::{DataSource, Notice, Report, Stamp, UnitResult};
use serde::Serialize;
use std::sync::Arc;

/// Everything that stopped a request, as diagnostics (file, line, column, code).
#[derive(Clone, Debug)]
pub struct Error {
    pub diagnostics: Vec<Diagnostic>,
}

impl Error {
    pub fn one(d: Diagnostic) -> Error {
        Error {
            diagnostics: vec![d],
        }
    }
}

impl From<Diagnostics> for Error {
    fn from(d: Diagnostics) -> Self {
        Error {
            diagnostics: d.sorted(),
        }
    }
}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Self {
        Error::one(d)
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;

/// A loaded rule library and, optionally, a dataset.
#[derive(Clone, Debug)]
pub struct Project {
    library: Arc<RuleLibrary>,
    /// The rule files as read, to load a variant (e.g. a filled-in amendment) beside them.
    rule_sources: Sources,
    dataset: Option<Arc<Dataset>>,
    /// Dated events of the dataset's units (empty without a lineage file).
    lineage: Arc<crate::data::lineage::Lineage>,
    /// Commune values derived from village data while loading.
    notices: Vec<Notice>,
    /// Warnings of the rules alone (kept to load another dataset beside them).
    rule_warnings: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

/// `ntm explain`: the results of one unit.
#[derive(Clone, Debug, Serialize)]
pub struct Explanation {
    pub stamp: Stamp,
    pub results: Vec<UnitResult>,
    pub notices: Vec<Notice>,
}

/// `ntm diff`: structure, and flips on data when a dataset is loaded.
#[derive(Clone, Debug, Serialize)]
pub struct DiffReport {
    pub stamp: Stamp,
    pub structure: Structure,
    pub data: Option<DataDiff>,
    #[serde(skip)]
    pub sources: Vec<DataSource>,
}

/// `ntm sweep`: one row per value of the parameter.
#[derive(Clone, Debug, Serialize)]
pub struct SweepReport {
    pub stamp: Stamp,
    pub parameter: String,
    pub rows: Vec<SweepRow>,
}

/// `ntm pending --fill`: the amendment written from a sheet, what it changes, and its
/// test run (with every other set's).
#[derive(Clone, Debug, Serialize)]
pub struct Filled {
    pub yaml: String,
    pub structure: Structure,
    pub tests: TestRun,
}

/// `ntm lineage UNIT`: a unit's history.
#[derive(Clone, Debug, Serialize)]
pub struct History {
    pub unit: String,
    /// Its name and kind on the day asked (today: after every event), or on its last day.
    pub name: String,
    pub kind: crate::core::units::UnitKind,
    /// First day, when a recorded event created it.
    pub from: Option<crate::core::date::Date>,
    /// Last day, when a recorded event ended it.
    pub until: Option<crate::core::date::Date>,
    pub events: Vec<crate::data::lineage::Event>,
    /// Names and kinds of the units the events name (as declared: before any event),
    /// for display.
    #[serde(skip)]
    pub names: std::collections::BTreeMap<String, (String, crate::core::units::UnitKind)>,
}

/// `ntm rollup`: district aggregates per year.
#[derive(Clone, Debug, Serialize)]
pub struct RollupReport {
    pub stamp: Stamp,
    pub rollups: Vec<RollupValue>,
    /// Where the sets that decided the results changed between successive years: the
    /// aggregates on either side come from different sets.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub set_changes: Vec<crate::analysis::plan::SetChange>,
    #[serde(skip)]
    pub sources: Vec<DataSource>,
}

/// `ntm plan`: the plan's targets tracked against the results.
#[derive(Clone, Debug, Serialize)]
pub struct PlanRun {
    pub stamp: Stamp,
    pub plan: PlanReport,
}

/// `ntm plan` as a whole document: the plan, the results it was tracked on, the
/// department work lists, from one evaluation.
#[derive(Clone, Debug)]
pub struct PlanDocument {
    pub run: PlanRun,
    pub report: Report,
    pub departments: DepartmentsReport,
}

/// `ntm plan --by-department`: each department's work in the target year.
#[derive(Clone, Debug, Serialize)]
pub struct DepartmentsReport {
    pub stamp: Stamp,
    pub year: i32,
    pub departments: Vec<DepartmentList>,
    #[serde(skip)]
    pub sources: Vec<DataSource>,
}

impl Project {
    /// Load rules (rule sets, registers, roll-ups) and, when given, a dataset; apply the
    /// roll-up files' derived commune values to the dataset once.
    pub fn load(rules: &Sources, data: Option<&Sources>) -> Result<Project> {
        let (library, warnings) = load_library(rules)?;
        // Merge rules typed against the sets' fields: a fault is an error, not a rule ignored.
        let merge_faults = library.merge.check(&library.sets);
        if merge_faults.has_errors() {
            return Err(merge_faults.into());
        }
        let rules_only = Project {
            library: Arc::new(library),
            rule_sources: rules.clone(),
            dataset: None,
            lineage: Arc::default(),
            notices: Vec::new(),
            rule_warnings: warnings.sorted(),
            warnings: Vec::new(),
        };
        match data {
            None => Ok(Project {
                warnings: rules_only.rule_warnings.clone(),
                ..rules_only
            }),
            Some(src) => rules_only.with_data(src),
        }
    }

    /// The same (shared, unchanged) library over another dataset, such as files
    /// uploaded to `ntm serve` and held in memory: the rules are not loaded again.
    pub fn with_data(&self, src: &Sources) -> Result<Project> {
        let mut warnings = Diagnostics(self.rule_warnings.clone());
        // Lineage files describe the dataset's units; the rest is the dataset.
        let is_lineage = |f: &crate::core::source::SourceFile| {
            f.extension_is(crate::core::source::YAML_EXTS)
                && f.text().map(crate::core::source::file_kind)
                    == Ok(crate::core::source::FileKind::Lineage)
        };
        let (lin, rest) = src.clone().partition(is_lineage);
        let (mut ds, w) = load_dataset(&rest, &self.library.field_types())?;
        warnings.extend(w);
        let lineage = crate::data::lineage::load(&lin, &ds)?;
        warnings.extend(crate::core::diag::Diagnostics(
            crate::analysis::drift::warnings(&self.library, &ds, &lineage),
        ));
        ds.files.extend(lin.stamps());
        ds.files.sort();
        let notices = crate::engine::rollup::apply_derived(&self.library.rollups, &mut ds)?;
        Ok(Project {
            library: Arc::clone(&self.library),
            rule_sources: self.rule_sources.clone(),
            dataset: Some(Arc::new(ds)),
            lineage: Arc::new(lineage),
            notices,
            rule_warnings: self.rule_warnings.clone(),
            warnings: warnings.sorted(),
        })
    }

    pub fn library(&self) -> &RuleLibrary {
        &self.library
    }

    pub fn dataset(&self) -> Option<&Dataset> {
        self.dataset.as_deref()
    }

    /// Warnings found while loading (nothing failed because of them).
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// Notes from loading: commune values derived from village data.
    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }

    fn data(&self) -> Result<&Dataset> {
        self.dataset.as_deref().ok_or_else(|| {
            Error::one(Diagnostic::error(
                Span::file_only("--data"),
                RunProblem::NeedsData,
            ))
        })
    }

    /// A what-if scenario from `PARAM=VALUE` texts, checked against the library.
    pub fn scenario(&self, overrides: &[String]) -> Result<Scenario> {
        let parsed = overrides
            .iter()
            .map(|s| crate::engine::scenario::parse_override(s))
            .collect::<std::result::Result<Vec<Override>, _>>()?;
        Ok(Scenario::new(&self.library, parsed)?)
    }

    fn sources(&self) -> Vec<DataSource> {
        self.dataset().map(Dataset::sources).unwrap_or_default()
    }

    /// The stamp of a report: engine, every file read, the year and the overrides.
    pub fn stamp(&self, opts: &EvalOptions) -> Stamp {
        Stamp {
            engine: crate::ENGINE_VERSION.to_string(),
            rules: self.library.files.clone(),
            data: self.dataset().map(|d| d.files.clone()).unwrap_or_default(),
            year: opts.year,
            overrides: opts.scenario.texts(),
            as_units: None,
        }
    }
}

mod queries;
mod rules;
#[cfg(test)]
mod tests;
mod unit_names;
