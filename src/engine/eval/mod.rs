//! Evaluation: each unit and year against each rule set in force for it. Indicators
//! are pass / fail / missing (missing is never a fail); criteria take the computed
//! status when values decide it, otherwise a declared one; the unit is đạt chuẩn only
//! when every criterion is met.

mod criterion;
mod detail;
mod exprs;
mod group;
mod in_year;
mod indicator;
mod inputs;
mod published;
mod unit;

pub use detail::Detail;
pub use group::{group_of, GROUP};
pub use in_year::{criteria_of, sets_in_force, InYear, SetEnds, PROVINCE};
pub use inputs::{attribute_flag, attribute_text, UnitCtx};
pub use unit::{evaluate_how, evaluate_one, How, Thresholds};

use crate::core::date::Date;
use crate::core::diag::Diagnostics;
use crate::data::{Dataset, Unit};
use crate::engine::library::RuleLibrary;
use crate::report::*;
use crate::rules::model::Stage;
use crate::rules::RuleSet;
use rhai::Scope;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default)]
pub struct EvalOptions {
    /// Only this year (all years of the dataset when absent).
    pub year: Option<i32>,
    /// Only this unit's records (by id; all units when absent), for `explain`.
    pub unit: Option<String>,
    /// Evaluate with this rule set only, whatever its validity (for `diff`).
    pub ruleset: Option<String>,
    /// What-if values that replace thresholds for this run.
    pub scenario: crate::engine::scenario::Scenario,
    /// Dated events of the units: a record of a unit that did not exist that year, or
    /// was no longer of the kind the sets judge, is not assessed (a notice says why).
    pub lineage: Option<std::sync::Arc<crate::data::lineage::Lineage>>,
    /// How much of each indicator the results keep.
    pub detail: Detail,
    /// Records per chunk of a streamed run (0: [`CHUNK`]).
    pub chunk: usize,
    /// Which evaluator runs expressions (the results are the same).
    pub expressions: crate::rules::native::Expressions,
}

/// What evaluating a record leaves besides its results.
#[derive(Default)]
struct Run<'l> {
    notices: Vec<Notice>,
    diags: Diagnostics,
    /// Units a set with a prerequisite does not apply to, reported once per set and year
    /// (the set by its id in the library: not copied for every unit).
    not_eligible: BTreeMap<(&'l str, i32, Option<Stage>), Vec<String>>,
}

impl Run<'_> {
    fn is_empty(&self) -> bool {
        self.notices.is_empty() && self.diags.is_empty() && self.not_eligible.is_empty()
    }
}

/// A worker's part of a chunk: its records' results (made into what the sink takes),
/// in order, and what else each record left.
struct Share<'l, T> {
    results: Vec<T>,
    runs: Vec<(usize, Run<'l>)>,
    /// The record being evaluated's results (a set with a prerequisite reads them).
    record: Vec<UnitResult>,
}

impl<T> Default for Share<'_, T> {
    fn default() -> Self {
        Share {
            results: Vec::new(),
            runs: Vec::new(),
            record: Vec::new(),
        }
    }
}

/// Records evaluated at once between two hand-overs to the sink: bounds the memory
/// a streamed run holds to one chunk of results.
pub const CHUNK: usize = 2048;

/// What a streamed evaluation returns once every chunk is handed over.
pub struct Tail {
    pub stamp: Stamp,
    pub notices: Vec<Notice>,
}

/// Why a streamed evaluation stopped: the data (diagnostics), or the sink.
pub enum StreamError<E> {
    Data(Diagnostics),
    Sink(E),
}

/// Evaluate year by year (ascending), in chunks of records in dataset order, handing
/// each chunk's results to `sink` as soon as they are computed. Within a chunk the
/// records run in parallel (each worker reuses its scope) and are gathered in dataset
/// order, so what the sink sees does not depend on the number of threads. Once a data
/// error is found the sink gets nothing more, but every record is still checked, so
/// that all errors are reported together.
pub fn evaluate_stream<E>(
    lib: &RuleLibrary,
    ds: &Dataset,
    opts: &EvalOptions,
    sink: &mut dyn FnMut(Vec<UnitResult>) -> Result<(), E>,
) -> Result<Tail, StreamError<E>> {
    evaluate_stream_each(lib, ds, opts, &|r| r, sink)
}

/// [`evaluate_stream`], each result first made into what the sink takes by `each`, on
/// the core that computed it while the result is still in that core's cache (rendering
/// results read back from memory a chunk later was mostly waiting for it).
pub fn evaluate_stream_each<T: Send, E>(
    lib: &RuleLibrary,
    ds: &Dataset,
    opts: &EvalOptions,
    each: &(dyn Fn(UnitResult) -> T + Sync),
    sink: &mut dyn FnMut(Vec<T>) -> Result<(), E>,
) -> Result<Tail, StreamError<E>> {
    use rayon::prelude::*;
    let by_year = records_by_year(ds, opts);
    let ends = match opts.lineage.as_deref() {
        Some(l) => SetEnds::of(lib, ds, l),
        None => SetEnds::default(),
    };
    let mut gathered = Gathered::default();
    for indices in by_year.values() {
        let size = if opts.chunk == 0 { CHUNK } else { opts.chunk };
        for chunk in indices.chunks(size) {
            // Each worker's share in one list of results (a list per record was an
            // allocation per unit and year, and copied once more).
            let shares: Vec<Share<T>> = chunk
                .par_iter()
                .fold(
                    || (Scope::new(), Thresholds::default(), Share::default()),
                    |(mut scope, thresholds, mut share), &i| {
                        let mut run = Run::default();
                        let worker = Worker {
                            scope: &mut scope,
                            thresholds: &thresholds,
                        };
                        let out = (&mut share.record, &mut run);
                        evaluate_record(lib, ds, opts, &ends, i, worker, out);
                        share.results.extend(share.record.drain(..).map(each));
                        if !run.is_empty() {
                            share.runs.push((i, run));
                        }
                        (scope, thresholds, share)
                    },
                )
                .map(|(_, _, share)| share)
                .collect();
            let results = gathered.absorb(shares);
            if !gathered.failed {
                sink(results).map_err(StreamError::Sink)?;
            }
        }
    }
    let notices = gathered.finish(ds, opts).map_err(StreamError::Data)?;
    Ok(Tail {
        stamp: stamp(lib, ds, opts),
        notices,
    })
}

/// The records a run evaluates (its year and unit, if given), by year.
fn records_by_year(ds: &Dataset, opts: &EvalOptions) -> BTreeMap<i32, Vec<usize>> {
    let mut by_year: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    for (i, r) in ds.records.iter().enumerate() {
        if evaluated(opts, r) {
            by_year.entry(r.year).or_default().push(i);
        }
    }
    by_year
}

/// Whether a run evaluates `r` (its year and unit, if given).
fn evaluated(opts: &EvalOptions, r: &crate::data::Record) -> bool {
    opts.year.is_none_or(|y| r.year == y) && opts.unit.as_ref().is_none_or(|u| r.unit == *u)
}

/// What a run's report is stamped with: engine, files read, year, overrides.
pub fn stamp(lib: &RuleLibrary, ds: &Dataset, opts: &EvalOptions) -> Stamp {
    Stamp {
        engine: crate::ENGINE_VERSION.to_string(),
        rules: lib.files.clone(),
        data: ds.files.clone(),
        year: opts.year,
        overrides: opts.scenario.texts(),
        as_units: None,
    }
}

/// What a streamed run's document can say before its first result: the stamp, and for
/// each year evaluated the set whose results come first in the report's order — the
/// smallest id among the sets that can give a result that year (with `--set`-like
/// `ruleset`, that set alone). Its results can be written as they come; the year's
/// other sets wait until the year ends.
pub struct StreamHead {
    pub stamp: Stamp,
    pub lead: BTreeMap<i32, String>,
}

pub fn stream_head(lib: &RuleLibrary, ds: &Dataset, opts: &EvalOptions) -> StreamHead {
    let years: std::collections::BTreeSet<i32> = (ds.records.iter())
        .filter(|r| evaluated(opts, r))
        .map(|r| r.year)
        .collect();
    let lead = years
        .into_iter()
        .filter_map(|year| {
            // Every set a result can name that year: those in force on its last day
            // (`sets_in_force` keeps a subset of them), or the one asked for.
            let day = Date::end_of_year(year);
            let first = match &opts.ruleset {
                Some(id) => Some(id.clone()),
                None => (lib.sets.iter())
                    .filter(|s| s.in_force(day))
                    .map(|s| s.id.as_str())
                    .min()
                    .map(str::to_string),
            };
            first.map(|id| (year, id))
        })
        .collect();
    StreamHead {
        stamp: stamp(lib, ds, opts),
        lead,
    }
}

/// What the chunks of a run leave besides their results: notices and errors by record
/// (they keep the dataset's order whatever the year grouping), units not eligible.
#[derive(Default)]
struct Gathered<'l> {
    notices: Vec<(usize, Vec<Notice>)>,
    diags: Vec<(usize, Diagnostics)>,
    not_eligible: BTreeMap<(&'l str, i32, Option<Stage>), Vec<String>>,
    failed: bool,
}

impl<'l> Gathered<'l> {
    /// A chunk's shares: their results, in order; the rest kept.
    fn absorb<T>(&mut self, shares: Vec<Share<'l, T>>) -> Vec<T> {
        // Results are large: sized once, not grown (and copied) by doubling.
        let mut results = Vec::with_capacity(shares.iter().map(|s| s.results.len()).sum());
        let mut runs = Vec::new();
        for s in shares {
            results.extend(s.results);
            runs.extend(s.runs);
        }
        for (i, r) in runs {
            if !r.notices.is_empty() {
                self.notices.push((i, r.notices));
            }
            if !r.diags.is_empty() {
                self.failed |= r.diags.has_errors();
                self.diags.push((i, r.diags));
            }
            for (k, names) in r.not_eligible {
                self.not_eligible.entry(k).or_default().extend(names);
            }
        }
        results
    }

    /// Every error in dataset order, or the run's notices.
    fn finish(mut self, ds: &Dataset, opts: &EvalOptions) -> Result<Vec<Notice>, Diagnostics> {
        self.diags.sort_by_key(|(i, _)| *i);
        let mut all = Diagnostics::default();
        for (_, d) in self.diags {
            all.extend(d);
        }
        if all.has_errors() {
            return Err(all);
        }
        self.notices.sort_by_key(|(i, _)| *i);
        let mut notices: Vec<Notice> = self.notices.into_iter().flat_map(|(_, n)| n).collect();
        if let Some(y) = opts.year {
            if !ds.records.iter().any(|r| r.year == y) {
                notices.push(Notice::NoDataForYear {
                    year: y,
                    years: ds.years(),
                });
            }
        }
        for ((set, year, stage), names) in self.not_eligible {
            notices.push(Notice::NotEligible {
                ruleset: set.to_string(),
                year,
                stage: stage.unwrap_or(Stage::Ntm),
                units: names,
            });
        }
        Ok(notices)
    }
}

/// The whole report in memory: results grouped by year and rule set, and within a
/// group in the dataset's order (the order every output of `eval` uses).
pub fn evaluate(
    lib: &RuleLibrary,
    ds: &Dataset,
    opts: &EvalOptions,
) -> Result<Report, Diagnostics> {
    let mut results = Vec::new();
    let tail = evaluate_stream(lib, ds, opts, &mut |chunk| {
        results.extend(chunk);
        Ok::<(), std::convert::Infallible>(())
    });
    let tail = match tail {
        Ok(t) => t,
        Err(StreamError::Data(d)) => return Err(d),
        Err(StreamError::Sink(never)) => match never {},
    };
    // Years come in order already; a stable sort groups each year's rule sets.
    results.sort_by(|a, b| (a.year, &a.ruleset).cmp(&(b.year, &b.ruleset)));
    Ok(Report {
        stamp: tail.stamp,
        results,
        notices: tail.notices,
    })
}

/// What a worker keeps from one record to the next: its Rhai scope, the thresholds
/// it has resolved.
struct Worker<'w, 'a> {
    scope: &'w mut Scope<'static>,
    thresholds: &'w Thresholds<'a>,
}

/// One record (a unit in a year) against each set that applies to it.
fn evaluate_record<'a>(
    lib: &'a RuleLibrary,
    ds: &Dataset,
    opts: &'a EvalOptions,
    ends: &SetEnds,
    i: usize,
    worker: Worker<'_, 'a>,
    (results, run): (&mut Vec<UnitResult>, &mut Run<'a>),
) {
    let (Some(rec), Some(declared)) = (ds.records.get(i), ds.unit_of_record(i)) else {
        return;
    };
    let day = Date::end_of_year(rec.year);
    let now = unit_on(opts, declared, day);
    let unit: &Unit = &now;
    if let Some(why) = opts
        .lineage
        .as_deref()
        .and_then(|l| crate::data::lineage::not_assessed(l, unit, rec.year))
    {
        run.notices.push(Notice::NotAssessed {
            unit: unit.id.clone(),
            unit_name: unit.name.clone(),
            unit_kind: unit.kind,
            year: rec.year,
            reason: why,
        });
        return;
    }
    // Its parent after every move of the lineage, its attributes inherited along that
    // parent chain and its dated ones.
    let (parent, attributes) = match opts.lineage.as_deref() {
        Some(l) => (ds.parent_on(l, unit, day), ds.attributes_at(unit, l, day)),
        None => (ds.parent_of(unit), ds.attributes_of(unit)),
    };
    let sets = sets_for(lib, opts, ends, unit, &attributes, rec.year);
    if sets.is_empty() && opts.ruleset.is_none() {
        run.notices.push(Notice::NoRuleSet {
            unit: unit.id.clone(),
            unit_name: unit.name.clone(),
            unit_kind: unit.kind,
            year: rec.year,
        });
    }
    let ctx = UnitCtx {
        unit,
        // The parent's name that day (after any renaming).
        parent_name: parent.map(|p| match opts.lineage.as_deref() {
            Some(l) => l.name_at(p, day),
            None => p.name.clone(),
        }),
        attributes,
    };
    // Sets without a prerequisite first, so that an NTM verdict can open NTM nâng cao.
    let (plain, gated): (Vec<&RuleSet>, Vec<&RuleSet>) =
        sets.into_iter().partition(|s| s.prerequisite.is_none());
    let first = results.len();
    for set in plain.into_iter().chain(gated) {
        if eligible(set, &ctx, rec.year, &results[first..]).is_err() {
            run.not_eligible
                .entry((set.id.as_str(), rec.year, set.prerequisite))
                .or_default()
                .push(unit.name.clone());
            continue;
        }
        let how = How {
            scenario: &opts.scenario,
            detail: opts.detail,
            expressions: opts.expressions,
            thresholds: Some(worker.thresholds),
        };
        match evaluate_how(&lib.engine, worker.scope, &how, set, &ctx, rec) {
            Ok(r) => results.push(r),
            Err(d) => run.diags.extend(d),
        }
    }
}

/// The unit as it is on `day`: its kind after any reclassification (a xã made a thị
/// trấn is judged under the thị trấn sets), its name after any renaming.
fn unit_on<'a>(opts: &EvalOptions, unit: &'a Unit, day: Date) -> std::borrow::Cow<'a, Unit> {
    match opts.lineage.as_deref() {
        Some(l) => l.unit_at(unit, day),
        None => std::borrow::Cow::Borrowed(unit),
    }
}

/// The set asked for, or else the sets in force for the unit in the year.
fn sets_for<'a>(
    lib: &'a RuleLibrary,
    opts: &EvalOptions,
    ends: &SetEnds,
    unit: &Unit,
    attributes: &crate::data::attributes::Attributes<'_>,
    year: i32,
) -> Vec<&'a RuleSet> {
    match &opts.ruleset {
        Some(id) => lib
            .sets
            .iter()
            .filter(|s| &s.id == id && s.level == unit.kind)
            .collect(),
        None => {
            let province = attribute_text(attributes, PROVINCE);
            sets_in_force(lib, unit, province.as_deref(), year, ends)
        }
    }
}

/// The attribute holding the year a unit was recognised đạt chuẩn NTM.
pub use crate::data::RECOGNISED_NTM;

/// A set with a prerequisite applies only to units that have reached that stage:
/// recognised in or before the year (attribute), or judged met this year by a set of
/// that stage in the same run.
pub fn eligible(
    set: &RuleSet,
    ctx: &UnitCtx<'_>,
    year: i32,
    same_unit_results: &[UnitResult],
) -> Result<(), NotEligible> {
    let Some(stage) = set.prerequisite else {
        return Ok(());
    };
    if crate::data::attributes::recognised_year(&ctx.attributes).is_some_and(|y| y <= year) {
        return Ok(());
    }
    let judged = same_unit_results.iter().any(|r| {
        r.unit.id == ctx.unit.id && r.year == year && r.verdict == Verdict::Met && r.stage == stage
    });
    if judged {
        return Ok(());
    }
    Err(NotEligible { stage })
}

/// Why a set with a prerequisite does not apply to a unit: it has not reached `stage`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotEligible {
    pub stage: Stage,
}

impl std::fmt::Display for NotEligible {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the set applies only to units already recognised as {} ({RECOGNISED_NTM} ≤ year, or met in the same year)",
            self.stage.code()
        )
    }
}
