//! The library's front door: load rules, registers, roll-ups and a dataset from
//! [`Sources`] (files or in-memory bytes) once, then ask for typed reports — evaluate,
//! explain, diff, sweep, plan, roll-up, test. The loaded library is immutable and
//! shared (`Arc`), so one project can serve many requests and what-if scenarios.

use crate::analysis::diff::{DataDiff, Structure};
use crate::analysis::plan::{DepartmentList, Plan, PlanReport};
use crate::analysis::testcases::TestRun;
use crate::analysis::whatif::SweepRow;
use crate::core::diag::{Diagnostic, Diagnostics, Span};
use crate::core::problem::RunProblem;
use crate::core::source::Sources;
use crate::data::load::load_dataset;
use crate::data::Dataset;
use crate::engine::eval::{evaluate, EvalOptions};
use crate::engine::library::{load_library, RuleLibrary};
use crate::engine::rollup::RollupValue;
use crate::engine::scenario::{Override, Scenario};
use crate::report::{DataSource, Notice, Report, Stamp, UnitResult};
use crate::rules::RuleSet;
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
    pub name: String,
    pub kind: crate::core::units::UnitKind,
    /// First day, when a recorded event created it.
    pub from: Option<crate::core::date::Date>,
    /// Last day, when a recorded event ended it.
    pub until: Option<crate::core::date::Date>,
    pub events: Vec<crate::data::lineage::Event>,
    /// Names and kinds of the units the events name (as declared), for display.
    #[serde(skip)]
    pub names: std::collections::BTreeMap<String, (String, crate::core::units::UnitKind)>,
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
        let mut lineage = crate::data::lineage::Lineage::default();
        let dataset = match data {
            None => None,
            Some(src) => {
                // Lineage files describe the dataset's units; the rest is the dataset.
                let is_lineage = |f: &crate::core::source::SourceFile| {
                    f.extension_is(crate::core::source::YAML_EXTS)
                        && f.text().map(crate::core::source::file_kind)
                            == Ok(crate::core::source::FileKind::Lineage)
                };
                let (lin, rest) = src.clone().partition(is_lineage);
                let (mut ds, w) = load_dataset(&rest)?;
                warnings.extend(w);
                lineage = crate::data::lineage::load(&lin, &ds)?;
                ds.files.extend(lin.stamps());
                ds.files.sort();
                notices = crate::engine::rollup::apply_derived(&library.rollups, &mut ds)?;
                Some(Arc::new(ds))
            }
        };
        Ok(Project {
            library: Arc::new(library),
            rule_sources: rules.clone(),
            dataset,
            lineage: Arc::new(lineage),
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

    /// Evaluate every unit and year of the dataset.
    pub fn evaluate(&self, opts: &EvalOptions) -> Result<Report> {
        let opts = EvalOptions {
            lineage: Some(self.lineage.clone()),
            ..opts.clone()
        };
        Ok(evaluate(&self.library, self.data()?, &opts)?)
    }

    /// Evaluate chunk by chunk, handing each chunk's results to `sink` as they are
    /// computed (year by year, dataset order within a year), for runs too large to hold:
    /// see [`crate::engine::eval::evaluate_stream`]. Returns the stamp and notices at the end.
    pub fn evaluate_stream<E>(
        &self,
        opts: &EvalOptions,
        sink: &mut dyn FnMut(Vec<crate::report::UnitResult>) -> std::result::Result<(), E>,
    ) -> std::result::Result<crate::engine::eval::Tail, crate::engine::eval::StreamError<E>> {
        let opts = EvalOptions {
            lineage: Some(self.lineage.clone()),
            ..opts.clone()
        };
        let ds = self
            .data()
            .map_err(|e| crate::engine::eval::StreamError::Data(Diagnostics(e.diagnostics)))?;
        crate::engine::eval::evaluate_stream(&self.library, ds, &opts, sink)
    }

    /// The lineage of the dataset's units (empty without a lineage file).
    pub fn lineage(&self) -> &crate::data::lineage::Lineage {
        &self.lineage
    }

    /// Earlier results mapped onto the units that exist on `date`.
    pub fn evaluate_as_units(
        &self,
        opts: &EvalOptions,
        date: crate::core::date::Date,
    ) -> Result<Report> {
        let report = self.evaluate(opts)?;
        Ok(crate::analysis::as_units::map_report(
            &self.library,
            self.data()?,
            &self.lineage,
            &report,
            date,
        )?)
    }

    /// A unit's history: the events that made it and those it went through.
    pub fn history(&self, unit: &str, at: Option<crate::core::date::Date>) -> Result<History> {
        let ds = self.data()?;
        let at = at.or_else(|| self.lineage.horizon());
        let found = match ds.find_unit_in(unit, None, at.map(|d| d.year)) {
            Ok(u) => u,
            // Several units share the name (e.g. the old huyện and the new xã): the one
            // that exists at the lineage's horizon (or `at`) is meant.
            Err(e @ crate::data::UnitLookupError::Ambiguous { .. }) => {
                let day = at.unwrap_or(crate::core::date::Date::end_of_year(9999));
                let candidates = match &e {
                    crate::data::UnitLookupError::Ambiguous { candidates, .. } => candidates,
                    _ => return Err(Error::one(e.diagnostic(Span::file_only("UNIT")))),
                };
                let mut live = candidates.iter().filter_map(|c| ds.unit(c)).filter(|u| {
                    self.lineage.existence(&u.id, day) == crate::data::lineage::Existence::Exists
                });
                match (live.next(), live.next()) {
                    (Some(one), None) => one,
                    _ => return Err(Error::one(e.diagnostic(Span::file_only("UNIT")))),
                }
            }
            Err(e) => return Err(Error::one(e.diagnostic(Span::file_only("UNIT")))),
        };
        let events = self
            .lineage
            .history(&found.id)
            .into_iter()
            .cloned()
            .collect();
        let (from, until) = crate::data::lineage::unit_span(&self.lineage, found);
        let names = ds
            .units
            .iter()
            .map(|u| (u.id.clone(), (u.name.clone(), u.kind)))
            .collect();
        Ok(History {
            unit: found.id.clone(),
            name: found.name.clone(),
            kind: found.kind,
            from,
            until,
            events,
            names,
        })
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
            return Err(Error::one(Diagnostic::error(
                Span::file_only("--unit"),
                RunProblem::NoResult {
                    name: unit.to_string(),
                    year: opts.year,
                },
            )));
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
                Error::one(Diagnostic::error(
                    Span::file_only(arg),
                    RunProblem::NoRuleset {
                        name: arg.to_string(),
                        suggestion: crate::core::text::did_you_mean(arg, ids),
                    },
                ))
            })
    }

    /// Compare two rule sets; with a dataset, also the verdicts that flip.
    pub fn diff(&self, from: &str, to: &str, opts: &EvalOptions) -> Result<DiffReport> {
        let (a, b) = (self.ruleset(from)?, self.ruleset(to)?);
        let structure = crate::analysis::diff::structure(a, b);
        let data = match self.dataset() {
            Some(ds) => Some(crate::analysis::diff::data(&self.library, ds, a, b, opts)?),
            None => None,
        };
        Ok(DiffReport {
            stamp: self.stamp(opts),
            structure,
            data,
            sources: self.sources(),
        })
    }

    /// Compare an older copy of a rule file (a saved copy, or the file as it was in
    /// git) with the set of the same id in the library: the structural changes of an
    /// in-place edit. The copy is loaded in place of the library's file.
    pub fn diff_copy(
        &self,
        old: &crate::core::source::SourceFile,
        opts: &EvalOptions,
    ) -> Result<DiffReport> {
        let id = crate::analysis::scaffold::set_id(old).ok_or_else(|| {
            Error::one(Diagnostic::error(
                Span::file_only(&old.path),
                RunProblem::NotARuleSet,
            ))
        })?;
        let mut given = Sources::memory();
        given.push(old.clone());
        let variant = Project::load(
            &crate::analysis::scaffold::overlay(&given, &self.rule_sources),
            None,
        )?;
        let (a, b) = (variant.ruleset(&id)?, self.ruleset(&id)?);
        Ok(DiffReport {
            stamp: self.stamp(opts),
            structure: crate::analysis::diff::structure(a, b),
            data: None,
            sources: self.sources(),
        })
    }

    /// Sensitivity of a threshold: one evaluation per value, in parallel.
    pub fn sweep(&self, param: &str, values: &[f64], opts: &EvalOptions) -> Result<SweepReport> {
        let rows =
            crate::analysis::whatif::sweep(&self.library, self.data()?, param, values, opts)?;
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

    /// District aggregates for each year of the dataset (or one year); with `as_units`,
    /// over the results mapped onto the units of that date.
    pub fn rollup(
        &self,
        opts: &EvalOptions,
        as_units: Option<crate::core::date::Date>,
    ) -> Result<RollupReport> {
        let ds = self.data()?;
        let report = match as_units {
            Some(d) => self.evaluate_as_units(opts, d)?,
            None => self.evaluate(opts)?,
        };
        Ok(RollupReport {
            rollups: self.rollups_of(&report)?,
            stamp: report.stamp,
            sources: ds.sources(),
        })
    }

    /// The declared roll-ups of a report already evaluated, for each of its years (and
    /// only those with units), without evaluating again.
    pub fn rollups_of(&self, report: &Report) -> Result<Vec<RollupValue>> {
        let ds = self.data()?;
        let mut years: Vec<i32> = report.results.iter().map(|r| r.year).collect();
        years.sort();
        years.dedup();
        let mut rollups = Vec::new();
        for r in &self.library.rollups.rollups {
            for y in &years {
                let v =
                    crate::engine::rollup::compute(&self.library.engine, r, report, ds, *y, None)?;
                if v.units > 0 {
                    rollups.push(v);
                }
            }
        }
        Ok(rollups)
    }

    /// Track a plan's targets against the evaluation of every year; with `as_units`, on
    /// the units of that date, targets written on old units following their successors.
    pub fn plan(
        &self,
        plan: &Plan,
        as_of: Option<crate::core::date::Date>,
        opts: &EvalOptions,
        as_units: Option<crate::core::date::Date>,
    ) -> Result<PlanRun> {
        let all = EvalOptions {
            year: None,
            ..opts.clone()
        };
        let report = match as_units {
            Some(d) => self.evaluate_as_units(&all, d)?,
            None => self.evaluate(&all)?,
        };
        let successors = as_units.map(|d| (&*self.lineage, d));
        let mut result = crate::analysis::plan::evaluate(
            plan,
            &self.library,
            self.data()?,
            &report,
            as_of,
            successors,
        )?;
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
            departments: crate::analysis::plan::departments(&self.library, &report, year),
            stamp: report.stamp,
            year,
            sources: self.sources(),
        })
    }

    /// Pending criteria and unsourced values, of one set or all.
    pub fn pending(&self, set: Option<&str>) -> Result<Vec<crate::analysis::pending::PendingSet>> {
        let only = set.map(|s| self.ruleset(s)).transpose()?;
        Ok(crate::analysis::pending::list(&self.library, only))
    }

    /// The fill-in sheet of a set's pending criteria.
    pub fn pending_sheet(&self, set: &str) -> Result<Vec<crate::analysis::pending::SheetRow>> {
        Ok(crate::analysis::pending::template(self.ruleset(set)?))
    }

    /// Read a completed sheet into an amendment of `set`, load it beside the library
    /// (so it is checked like any rule file), run its test cases, and compare it with
    /// the set it completes.
    pub fn fill(
        &self,
        set: &str,
        sheet: &crate::core::source::SourceFile,
        name: &str,
    ) -> Result<Filled> {
        let base = self.ruleset(set)?;
        let text = sheet.text()?;
        let yaml = crate::analysis::pending::amendment(base, &sheet.path, text)?;
        let mut sources = self.rule_sources.clone();
        sources.push(crate::core::source::SourceFile::new(name, yaml.clone()));
        let variant = Project::load(&sources, None)?;
        let new_id = format!("{set}/chi-tieu");
        let tests = variant.test();
        let new = variant.ruleset(&new_id)?;
        let structure = crate::analysis::diff::structure(variant.ruleset(set)?, new);
        Ok(Filled {
            yaml,
            structure,
            tests,
        })
    }

    /// Run the test cases the rule files carry.
    pub fn test(&self) -> TestRun {
        crate::analysis::testcases::run_all(&self.library)
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

#[cfg(test)]
mod tests {
    //! The facade called directly, on in-memory rules and data: evaluate, explain,
    //! diff, sweep, plan and roll-ups.
    use super::*;
    use crate::analysis::diff::{Cause, ChangeKind};
    use crate::analysis::plan::TargetStatus;
    use crate::report::{Status, Verdict};

    const RULES: &str = r#"
ruleset:
  id: t/xa
  title: Bộ thử
  level: xã
  stage: NTM
  valid_from: 2020-01-01
  valid_until: 2021-12-31
  document: {number: 1/T, date: 2020-01-01, issuer: T, title: T}
fields:
  - {id: dien, label: Hộ dùng điện, type: percent, unit: "%"}
  - {id: nha_tam, label: Nhà tạm, type: count}
parameters:
  - id: dien_min
    label: Điện tối thiểu
    values: [{value: 95, citation: {document: 1/T}, source_level: official}]
criteria:
  - id: "4"
    name: Điện
    indicators:
      - {id: "4.1", name: Điện, expr: dien >= dien_min, citation: {document: 1/T}}
  - id: "9"
    name: Nhà ở
    indicators:
      - {id: "9.1", name: Nhà tạm, expr: nha_tam == 0, citation: {document: 1/T}}
"#;

    const ROLLUPS: &str = r#"
rollups:
  - id: binh_quan
    label: Bình quân tiêu chí/xã
    kind: xã
    value: "if dat_chuan { total } else { met }"
    aggregate: mean
  - id: so_xa_dat
    label: Số xã đạt chuẩn
    kind: xã
    value: dat_chuan
    aggregate: count
"#;

    const DATA: &str = r#"
units:
  - {id: a, name: Xã A, kind: xã}
  - {id: b, name: Xã B, kind: xã}
  - {id: c, name: Xã C, kind: xã}
records:
  - {unit: a, year: 2020, values: {dien: 96, nha_tam: 0}}
  - {unit: b, year: 2020, values: {dien: 90, nha_tam: 0}}
  - {unit: c, year: 2020, values: {dien: 99}}
  - {unit: a, year: 2021, values: {dien: 97, nha_tam: 0}}
  - {unit: b, year: 2021, values: {dien: 96, nha_tam: 0}}
  - {unit: c, year: 2021, values: {dien: 99, nha_tam: 2}}
"#;

    fn project() -> Project {
        let rules = Sources::memory()
            .with("t.yaml", RULES)
            .with("r.yaml", ROLLUPS);
        let data = Sources::memory().with("d.yaml", DATA);
        Project::load(&rules, Some(&data)).expect("loads")
    }

    fn verdict(r: &Report, unit: &str, year: i32) -> Verdict {
        r.results
            .iter()
            .find(|x| x.unit.id == unit && x.year == year)
            .map(|x| x.verdict)
            .unwrap()
    }

    #[test]
    fn evaluate_gives_verdicts_and_never_fails_a_missing_value() {
        let r = project().evaluate(&EvalOptions::default()).unwrap();
        assert_eq!(verdict(&r, "a", 2020), Verdict::Met);
        assert_eq!(verdict(&r, "b", 2020), Verdict::NotMet);
        // Xã C has no nha_tam in 2020: incomplete, not failed.
        assert_eq!(verdict(&r, "c", 2020), Verdict::Incomplete);
        assert_eq!(verdict(&r, "c", 2021), Verdict::NotMet);
    }

    #[test]
    fn a_scenario_changes_results_and_leaves_the_library_alone() {
        let p = project();
        let opts = EvalOptions {
            scenario: p.scenario(&["dien_min=90".into()]).unwrap(),
            ..EvalOptions::default()
        };
        let r = p.evaluate(&opts).unwrap();
        assert_eq!(verdict(&r, "b", 2020), Verdict::Met);
        assert_eq!(r.stamp.overrides, ["dien_min=90"]);
        let plain = p.evaluate(&EvalOptions::default()).unwrap();
        assert_eq!(verdict(&plain, "b", 2020), Verdict::NotMet);
        assert!(p.scenario(&["dien_mn=90".into()]).is_err());
    }

    #[test]
    fn explain_finds_a_unit_by_name_and_refuses_an_unknown_one() {
        let p = project();
        let e = p.explain("xã b", &EvalOptions::default()).unwrap();
        assert_eq!(e.results.len(), 2);
        let err = p.explain("Xã Z", &EvalOptions::default()).unwrap_err();
        assert_eq!(err.diagnostics[0].code(), "unknown-unit");
    }

    #[test]
    fn sweep_rows_follow_the_values_in_order() {
        let p = project();
        let s = p
            .sweep(
                "dien_min",
                &[90.0, 96.5, 99.0, 100.0],
                &EvalOptions::default(),
            )
            .unwrap();
        let passing: Vec<usize> = s.rows.iter().map(|r| r.indicators[0].1).collect();
        // 2020 and 2021 together: values 96, 90, 99, 97, 96, 99.
        assert_eq!(passing, [6, 3, 2, 0]);
    }

    #[test]
    fn diff_reports_a_changed_threshold_and_the_flips_it_causes() {
        let newer = RULES
            .replace("id: t/xa", "id: t/xa-2")
            .replace(
                "valid_from: 2020-01-01\n  valid_until: 2021-12-31",
                "valid_from: 2022-01-01",
            )
            .replace("value: 95", "value: 97");
        let rules = Sources::memory()
            .with("t.yaml", RULES)
            .with("t2.yaml", newer);
        let data = Sources::memory().with("d.yaml", DATA);
        let p = Project::load(&rules, Some(&data)).unwrap();
        let d = p.diff("t/xa", "t/xa-2", &EvalOptions::default()).unwrap();
        assert!(d
            .structure
            .changes
            .iter()
            .any(|c| c.kind == ChangeKind::ThresholdChanged));
        let data = d.data.unwrap();
        // Xã A (96 % in 2020) and Xã B (96 % in 2021) fail at 97.
        assert_eq!(data.summary.lose_dat_chuan, 2);
        let flip = &data.units.iter().find(|u| u.unit.id == "a").unwrap().flips[0];
        assert!(matches!(flip.causes[0], Cause::Thresholds { .. }));
        assert!(p.diff("t/xa", "t/nope", &EvalOptions::default()).is_err());
    }

    #[test]
    fn rollups_count_a_met_xa_as_all_criteria() {
        let r = project().rollup(&EvalOptions::default(), None).unwrap();
        let get = |id: &str, year: i32| {
            r.rollups
                .iter()
                .find(|v| v.id == id && v.year == year)
                .and_then(|v| v.value)
        };
        // 2021: A met (2 counted as 2), B met (2), C 1 of 2 → (2 + 2 + 1) / 3.
        assert_eq!(get("binh_quan", 2021), Some(5.0 / 3.0));
        assert_eq!(get("so_xa_dat", 2021), Some(2.0));
    }

    #[test]
    fn plan_targets_are_tracked_per_unit() {
        let plan_src = crate::core::source::SourceFile::new(
            "kh.yaml",
            r#"
plan:
  id: kh
  title: Kế hoạch thử
  document: {number: 1/KH, date: 2020, issuer: T, title: T}
  baseline_year: 2020
  target_year: 2021
targets:
  - {id: t1, name: Xã B đạt chuẩn, units: [Xã B], measure: dat_chuan, at_least: 1}
  - {id: t2, name: Xã C đạt chuẩn, units: [Xã C], measure: dat_chuan, at_least: 1}
"#,
        );
        let plan = crate::analysis::plan::load(&plan_src).unwrap();
        let run = project()
            .plan(&plan, None, &EvalOptions::default(), None)
            .unwrap();
        let status = |id: &str| {
            run.plan
                .targets
                .iter()
                .find(|t| t.id == id)
                .map(|t| t.status)
                .unwrap()
        };
        assert_eq!(status("t1"), TargetStatus::Achieved);
        assert_eq!(status("t2"), TargetStatus::NotAchieved);
    }

    #[test]
    fn criteria_statuses_come_back_typed() {
        let r = project().evaluate(&EvalOptions::default()).unwrap();
        let b = r
            .results
            .iter()
            .find(|x| x.unit.id == "b" && x.year == 2020)
            .unwrap();
        assert_eq!(b.criteria[0].status, Status::NotMet);
        assert_eq!(b.criteria[1].status, Status::Met);
    }
}
