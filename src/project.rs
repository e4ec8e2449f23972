//! The library's front door: load rules, registers, roll-ups and a dataset from
//! [`Sources`] (files or in-memory bytes) once, then ask for typed reports — evaluate,
//! explain, diff, sweep, plan, roll-up, test. The loaded library is immutable and
//! shared (`Arc`), so one project can serve many requests and what-if scenarios.

use crate::data::{load_dataset, Dataset};
use crate::diag::{Diagnostic, Diagnostics, Span};
use crate::diff::{DataDiff, Structure};
use crate::eval::{evaluate, EvalOptions};
use crate::library::{load_library, RuleLibrary};
use crate::plan::{DepartmentList, Plan, PlanReport};
use crate::report::{DataSource, Notice, Report, Stamp, UnitResult};
use crate::rollup::RollupValue;
use crate::rules::RuleSet;
use crate::scenario::{Override, Scenario};
use crate::source::Sources;
use crate::testcases::TestRun;
use crate::whatif::SweepRow;
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
    dataset: Option<Arc<Dataset>>,
    /// Commune values derived from village data while loading.
    notices: Vec<Notice>,
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

/// `ntm rollup`: district aggregates per year.
#[derive(Clone, Debug, Serialize)]
pub struct RollupReport {
    pub stamp: Stamp,
    pub rollups: Vec<RollupValue>,
    #[serde(skip)]
    pub sources: Vec<DataSource>,
}

/// `ntm plan`: the plan's targets tracked against the results.
#[derive(Clone, Debug, Serialize)]
pub struct PlanRun {
    pub stamp: Stamp,
    pub plan: PlanReport,
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
        let (library, mut warnings) = load_library(rules)?;
        let mut notices = Vec::new();
        let dataset = match data {
            None => None,
            Some(src) => {
                let (mut ds, w) = load_dataset(src)?;
                warnings.extend(w);
                notices = crate::rollup::apply_derived(&library.rollups, &mut ds)?;
                Some(Arc::new(ds))
            }
        };
        Ok(Project {
            library: Arc::new(library),
            dataset,
            notices,
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
                "no-data",
                "this needs a dataset",
            ))
        })
    }

    /// A what-if scenario from `PARAM=VALUE` texts, checked against the library.
    pub fn scenario(&self, overrides: &[String]) -> Result<Scenario> {
        let parsed = overrides
            .iter()
            .map(|s| crate::scenario::parse_override(s))
            .collect::<std::result::Result<Vec<Override>, _>>()?;
        Ok(Scenario::new(&self.library, parsed)?)
    }

    /// Evaluate every unit and year of the dataset.
    pub fn evaluate(&self, opts: &EvalOptions) -> Result<Report> {
        Ok(evaluate(&self.library, self.data()?, opts)?)
    }

    /// The results of one unit (by id, name or alias).
    pub fn explain(&self, unit: &str, opts: &EvalOptions) -> Result<Explanation> {
        let ds = self.data()?;
        let id = ds
            .find_unit(unit, None)
            .map_err(|e| Error::one(e.diagnostic(Span::file_only("--unit"))))?
            .id
            .clone();
        let report = self.evaluate(opts)?;
        let results: Vec<UnitResult> = report
            .results
            .into_iter()
            .filter(|r| r.unit.id == id)
            .collect();
        if results.is_empty() {
            let mut d = Diagnostic::error(
                Span::file_only("--unit"),
                "no-result",
                format!(
                    "`{unit}` has no evaluated record{}",
                    opts.year.map(|y| format!(" in {y}")).unwrap_or_default()
                ),
            )
            .arg("name", unit);
            if let Some(y) = opts.year {
                d = d.arg("year", y);
            }
            return Err(Error::one(d));
        }
        Ok(Explanation {
            stamp: report.stamp,
            results,
            notices: report.notices,
        })
    }

    /// A rule set by id, or by the path of its file.
    pub fn ruleset(&self, arg: &str) -> Result<&RuleSet> {
        let as_path = std::path::Path::new(arg);
        let canon = |p: &std::path::Path| std::fs::canonicalize(p).ok();
        self.library
            .sets
            .iter()
            .find(|s| {
                s.id == arg
                    || s.file == as_path
                    || (canon(as_path).is_some() && canon(&s.file) == canon(as_path))
            })
            .ok_or_else(|| {
                let ids = self.library.sets.iter().map(|s| s.id.as_str());
                let mut d = Diagnostic::error(
                    Span::file_only(arg),
                    "unknown-ruleset",
                    format!("no rule set `{arg}`"),
                )
                .arg("name", arg);
                if let Some(s) = crate::text::did_you_mean(arg, ids) {
                    d = d
                        .arg("suggestion", &s)
                        .with_help(format!("did you mean `{s}`?"));
                }
                Error::one(d)
            })
    }

    /// Compare two rule sets; with a dataset, also the verdicts that flip.
    pub fn diff(&self, from: &str, to: &str, opts: &EvalOptions) -> Result<DiffReport> {
        let (a, b) = (self.ruleset(from)?, self.ruleset(to)?);
        let structure = crate::diff::structure(a, b);
        let data = match self.dataset() {
            Some(ds) => Some(crate::diff::data(&self.library, ds, a, b, opts)?),
            None => None,
        };
        Ok(DiffReport {
            stamp: self.stamp(opts),
            structure,
            data,
            sources: self.sources(),
        })
    }

    /// Sensitivity of a threshold: one evaluation per value, in parallel.
    pub fn sweep(&self, param: &str, values: &[f64], opts: &EvalOptions) -> Result<SweepReport> {
        let rows = crate::whatif::sweep(&self.library, self.data()?, param, values, opts)?;
        let mut stamp = self.stamp(opts);
        if let (Some(a), Some(b)) = (values.first(), values.last()) {
            stamp.overrides = vec![format!("{param}={a}..{b}")];
        }
        Ok(SweepReport {
            stamp,
            parameter: param.to_string(),
            rows,
        })
    }

    /// District aggregates for each year of the dataset (or one year).
    pub fn rollup(&self, opts: &EvalOptions) -> Result<RollupReport> {
        let ds = self.data()?;
        let report = self.evaluate(opts)?;
        let years: Vec<i32> = ds
            .years()
            .into_iter()
            .filter(|y| opts.year.is_none_or(|w| w == *y))
            .collect();
        let mut rollups = Vec::new();
        for r in &self.library.rollups.rollups {
            for y in &years {
                let v = crate::rollup::compute(&self.library.engine, r, &report, *y, None)?;
                if v.units > 0 {
                    rollups.push(v);
                }
            }
        }
        Ok(RollupReport {
            stamp: report.stamp,
            rollups,
            sources: ds.sources(),
        })
    }

    /// Track a plan's targets against the evaluation of every year.
    pub fn plan(
        &self,
        plan: &Plan,
        as_of: Option<crate::date::Date>,
        opts: &EvalOptions,
    ) -> Result<PlanRun> {
        let report = self.evaluate(&EvalOptions {
            year: None,
            ..opts.clone()
        })?;
        let mut result = crate::plan::evaluate(plan, &self.library, self.data()?, &report, as_of)?;
        result.notices.extend(report.notices.iter().cloned());
        Ok(PlanRun {
            stamp: report.stamp,
            plan: result,
        })
    }

    /// Each department's unmet indicators in the plan's target year.
    pub fn departments(&self, plan: &Plan, opts: &EvalOptions) -> Result<DepartmentsReport> {
        let report = self.evaluate(&EvalOptions {
            year: None,
            ..opts.clone()
        })?;
        let year = plan.target_year();
        Ok(DepartmentsReport {
            departments: crate::plan::departments(&self.library, &report, year),
            stamp: report.stamp,
            year,
            sources: self.sources(),
        })
    }

    /// Run the test cases the rule files carry.
    pub fn test(&self) -> TestRun {
        crate::testcases::run_all(&self.library)
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
        }
    }
}
