//! Questions answered by evaluating the dataset: results, one unit's results, a
//! unit's history, sweeps, roll-ups, plans and department work lists.

use super::{
    DepartmentsReport, Error, Explanation, History, PlanDocument, PlanRun, Project, Result,
    RollupReport, SweepReport,
};
use crate::analysis::plan::Plan;
use crate::core::date::Date;
use crate::core::diag::{Diagnostic, Diagnostics, Span};
use crate::core::problem::RunProblem;
use crate::engine::eval::{evaluate, EvalOptions};
use crate::engine::rollup::RollupValue;
use crate::report::{Report, UnitResult};

impl Project {
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
        self.evaluate_stream_each(opts, &|r| r, sink)
    }

    /// [`Project::evaluate_stream`], each result made into what the sink takes by
    /// `each` on the core that computed it: see
    /// [`crate::engine::eval::evaluate_stream_each`].
    pub fn evaluate_stream_each<T: Send, E>(
        &self,
        opts: &EvalOptions,
        each: &(dyn Fn(UnitResult) -> T + Sync),
        sink: &mut dyn FnMut(Vec<T>) -> std::result::Result<(), E>,
    ) -> std::result::Result<crate::engine::eval::Tail, crate::engine::eval::StreamError<E>> {
        let opts = EvalOptions {
            lineage: Some(self.lineage.clone()),
            ..opts.clone()
        };
        let ds = self
            .data()
            .map_err(|e| crate::engine::eval::StreamError::Data(Diagnostics(e.diagnostics)))?;
        crate::engine::eval::evaluate_stream_each(&self.library, ds, &opts, each, sink)
    }

    /// What a streamed run can write before its first result (stamp, the set that
    /// leads each year): see [`crate::engine::eval::stream_head`].
    pub fn stream_head(
        &self,
        opts: &EvalOptions,
    ) -> std::result::Result<crate::engine::eval::StreamHead, Diagnostics> {
        let ds = self.data().map_err(|e| Diagnostics(e.diagnostics))?;
        Ok(crate::engine::eval::stream_head(&self.library, ds, opts))
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
        self.as_units_of(&report, date)
    }

    /// Results already evaluated, mapped onto the units that exist on `date`.
    pub fn as_units_of(&self, report: &Report, date: Date) -> Result<Report> {
        Ok(crate::analysis::as_units::map_report(
            &self.library,
            self.data()?,
            &self.lineage,
            report,
            date,
        )?)
    }

    /// A unit's history: the events that made it and those it went through, headed by
    /// the unit as it stands on `at` (by default after the lineage's last event: today),
    /// or on its last day when it ended before — its kind and name then, as `explain`
    /// names a unit. Any name it had finds it (one given by a renaming too).
    pub fn history(&self, unit: &str, at: Option<crate::core::date::Date>) -> Result<History> {
        let ds = self.data()?;
        let at = at.or_else(|| self.lineage.horizon());
        let found = match at {
            Some(day) => self.find_unit_on(unit, day),
            None => ds.find_unit_in(unit, None, None),
        };
        let found = self
            .by_former_name(found, unit, None)
            .map_err(|e| Error::one(e.diagnostic(Span::file_only("UNIT"))))?;
        let events = self
            .lineage
            .history(&found.id)
            .into_iter()
            .cloned()
            .collect();
        let (from, until) = crate::data::lineage::unit_span(&self.lineage, found);
        let now = match at {
            Some(day) => {
                let day = until.or(found.valid_until).map_or(day, |u| u.min(day));
                let day = from.or(found.valid_from).map_or(day, |f| f.max(day));
                self.lineage.unit_at(found, day)
            }
            None => std::borrow::Cow::Borrowed(found),
        };
        let names = ds
            .units
            .iter()
            .map(|u| (u.id.clone(), (u.name.clone(), u.kind)))
            .collect();
        Ok(History {
            unit: found.id.clone(),
            name: now.name.clone(),
            kind: now.kind,
            from,
            until,
            events,
            names,
        })
    }

    /// The results of one unit (by id, name or alias).
    pub fn explain(&self, unit: &str, opts: &EvalOptions) -> Result<Explanation> {
        let id = self
            .find_unit_in_year(unit, opts.year)
            .map_err(|e| Error::one(e.diagnostic(Span::file_only("--unit"))))?
            .id
            .clone();
        // Only this unit's records: a unit's results never depend on another's.
        let report = self.evaluate(&EvalOptions {
            unit: Some(id.clone()),
            ..opts.clone()
        })?;
        let results: Vec<UnitResult> = report
            .results
            .into_iter()
            .filter(|r| r.unit.id == id)
            .collect();
        if let (true, Some(n)) = (results.is_empty(), no_set_for(&report.notices, &id)) {
            return Err(Error::one(Diagnostic::error(Span::file_only("--unit"), n)));
        }
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

    /// Units a set with commune groups would judge without a group (every such set, or
    /// the one named), with what is missing: for `ntm pending --data`.
    pub fn ungrouped(&self, set: Option<&str>) -> Result<Vec<crate::analysis::pending::Ungrouped>> {
        let only = set.map(|s| self.ruleset(s)).transpose()?;
        Ok(crate::analysis::pending::ungrouped(
            &self.library,
            self.data()?,
            &self.lineage,
            only,
        ))
    }

    /// A unit by id, or by name as typed (with or without its kind word), among those
    /// that exist at some time in `year` (by their declared dates and the lineage):
    /// units of one name that never coexisted are not ambiguous once the year is known.
    pub fn find_unit_in_year(
        &self,
        unit: &str,
        year: Option<i32>,
    ) -> std::result::Result<&crate::data::Unit, crate::data::UnitLookupError> {
        let found = self.unit_where(unit, &|u| self.exists_in(u, year));
        self.by_former_name(found, unit, year)
    }

    /// Does the unit exist at some time in `year` (any year when `None`)?
    pub(super) fn exists_in(&self, u: &crate::data::Unit, year: Option<i32>) -> bool {
        year.is_none_or(|y| {
            let first = Date {
                year: y,
                month: 1,
                day: 1,
            };
            self.exists_on(u, first) || self.exists_on(u, Date::end_of_year(y))
        })
    }

    /// A unit by id or name among those that exist on `day`.
    pub fn find_unit_on(
        &self,
        unit: &str,
        day: Date,
    ) -> std::result::Result<&crate::data::Unit, crate::data::UnitLookupError> {
        self.unit_where(unit, &|u| self.exists_on(u, day))
    }

    /// A unit by id or name; among those sharing the name, the only one `live` keeps.
    pub(super) fn unit_where(
        &self,
        unit: &str,
        live: &dyn Fn(&crate::data::Unit) -> bool,
    ) -> std::result::Result<&crate::data::Unit, crate::data::UnitLookupError> {
        let ds = self
            .data()
            .map_err(|_| crate::data::UnitLookupError::NotFound {
                wanted: unit.to_string(),
                suggestion: None,
            })?;
        ds.find_unit_where(unit, None, live)
    }

    /// Does the unit exist on `day`, by its declared dates and by the lineage?
    fn exists_on(&self, u: &crate::data::Unit, day: Date) -> bool {
        u.valid_from.is_none_or(|d| d <= day)
            && u.valid_until.is_none_or(|d| d >= day)
            && self.lineage.existence(&u.id, day) == crate::data::lineage::Existence::Exists
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
        let mut years: Vec<i32> = report.results.iter().map(|r| r.year).collect();
        years.sort_unstable();
        years.dedup();
        let set_changes = years
            .windows(2)
            .filter_map(|w| crate::analysis::plan::set_change(&report, w[0], w[1]))
            .collect();
        Ok(RollupReport {
            rollups: self.rollups_of(&report)?,
            set_changes,
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
                let v = crate::engine::rollup::compute(
                    &self.library.engine,
                    r,
                    report,
                    ds,
                    *y,
                    None,
                    &crate::engine::eval::criteria_of(&self.library, ds, Some(&self.lineage)),
                )?;
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
        as_of: Option<Date>,
        opts: &EvalOptions,
        as_units: Option<Date>,
    ) -> Result<PlanRun> {
        let report = self.evaluate(&every_year(opts))?;
        self.plan_on(plan, &report, as_of, as_units)
    }

    /// A plan tracked on results already evaluated (every year, units as they were);
    /// with `as_units`, mapped onto the units of that date first.
    pub fn plan_on(
        &self,
        plan: &Plan,
        report: &Report,
        as_of: Option<Date>,
        as_units: Option<Date>,
    ) -> Result<PlanRun> {
        let mapped = as_units.map(|d| self.as_units_of(report, d)).transpose()?;
        let report = mapped.as_ref().unwrap_or(report);
        let find = |name: &str, year| Ok(self.find_unit_in_year(name, Some(year))?.id.clone());
        let units = crate::analysis::plan::PlanUnits {
            ds: self.data()?,
            lineage: &self.lineage,
            find: &find,
        };
        let mut result =
            crate::analysis::plan::evaluate(plan, &self.library, units, report, as_of, as_units)?;
        result.notices.extend(report.notices.iter().cloned());
        Ok(PlanRun {
            stamp: report.stamp.clone(),
            plan: result,
        })
    }

    /// Each department's unmet indicators in the plan's target year; with `only`, the
    /// list of that department (its name or id), refused when there is none.
    pub fn departments(
        &self,
        plan: &Plan,
        opts: &EvalOptions,
        only: Option<&str>,
    ) -> Result<DepartmentsReport> {
        let report = self.evaluate(&every_year(opts))?;
        self.departments_on(plan, &report, only)
    }

    /// Department work lists from results already evaluated.
    pub fn departments_on(
        &self,
        plan: &Plan,
        report: &Report,
        only: Option<&str>,
    ) -> Result<DepartmentsReport> {
        let year = plan.target_year();
        let mut lists = crate::analysis::plan::departments(&self.library, report, year);
        if let Some(name) = only {
            crate::analysis::plan::only_department(&self.library, &mut lists, name)?;
        }
        Ok(DepartmentsReport {
            departments: lists,
            stamp: report.stamp.clone(),
            year,
            sources: self.sources(),
        })
    }

    /// A plan's whole report from one evaluation of every year: the plan tracked (on
    /// the units of `as_units` when given), the results, and the department work lists.
    pub fn plan_document(
        &self,
        plan: &Plan,
        as_of: Option<Date>,
        opts: &EvalOptions,
        as_units: Option<Date>,
    ) -> Result<PlanDocument> {
        let report = self.evaluate(&every_year(opts))?;
        Ok(PlanDocument {
            run: self.plan_on(plan, &report, as_of, as_units)?,
            departments: self.departments_on(plan, &report, None)?,
            report,
        })
    }
}

/// Plans span years: whatever year was asked for, every year is evaluated.
fn every_year(opts: &EvalOptions) -> EvalOptions {
    EvalOptions {
        year: None,
        ..opts.clone()
    }
}

/// The unit's record had no set of the unit's kind that year (a xã made a thị trấn).
fn no_set_for(notices: &[crate::report::Notice], id: &str) -> Option<RunProblem> {
    notices.iter().find_map(|n| match n {
        crate::report::Notice::NoRuleSet {
            unit,
            unit_name,
            unit_kind,
            year,
        } if unit == id => Some(RunProblem::NoSetForKind {
            name: unit_name.clone(),
            year: *year,
            kind: *unit_kind,
        }),
        _ => None,
    })
}
