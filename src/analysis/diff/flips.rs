//! Which verdicts, criteria and indicators flip on a dataset evaluated under two
//! rule sets, each flip with its causes.

use super::structural::{continues, not_encoded, pair, squash, Item};
use crate::core::diag::Diagnostics;
use crate::core::value::Value;
use crate::data::Dataset;
use crate::engine::eval::{evaluate, EvalOptions};
use crate::engine::library::RuleLibrary;
use crate::report::{
    AnyStatus, Basis, CriterionResult, IndicatorResult, MissingReason, Outcome, Status, UnitRef,
    UnitResult, Verdict,
};
use crate::rules::{Criterion, Indicator, RuleSet};
use serde::Serialize;
use std::collections::BTreeMap;

/// Old or new rule set, in a cause.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Which {
    Old,
    New,
}

/// Why a status flipped; renderers put it into words.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "cause", rename_all = "snake_case")]
pub enum Cause {
    /// The thresholds used differ: (parameter, value) on each side; no value (null) for
    /// an entry that does not apply to the unit.
    Thresholds {
        from: Vec<(String, Option<Value>)>,
        to: Vec<(String, Option<Value>)>,
    },
    Expression {
        from: String,
        to: String,
    },
    /// One side could not decide the indicator.
    Missing {
        side: Which,
        reason: MissingReason,
    },
    /// The new set does not encode the indicator yet (its criterion awaits a source).
    NotEncoded,
    /// The indicator is dropped in the new set.
    Dropped,
    /// The indicator is new in the new set.
    New,
    /// A criterion flipped because this indicator flipped.
    Indicator {
        id: String,
    },
    /// The criterion is decided differently (computed, declared, none).
    Basis {
        from: Basis,
        to: Basis,
    },
    /// Same thresholds and expression: the values differ in some other way.
    Other,
}

#[derive(Clone, Debug, Serialize)]
pub struct Flip {
    pub item: Item,
    pub from_id: Option<String>,
    pub to_id: Option<String>,
    pub name: String,
    pub from_status: Option<AnyStatus>,
    pub to_status: Option<AnyStatus>,
    pub causes: Vec<Cause>,
}

#[derive(Clone, Debug, Serialize)]
pub struct UnitDiff {
    pub unit: UnitRef,
    pub year: i32,
    pub from: Side,
    pub to: Side,
    pub flips: Vec<Flip>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Side {
    pub met: usize,
    pub total: usize,
    pub verdict: Verdict,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    pub units: usize,
    pub gain_dat_chuan: usize,
    /// Met under the older set, not met under the newer.
    pub lose_dat_chuan: usize,
    /// Met under the older set, not enough data under the newer (not a loss).
    pub lose_to_incomplete: usize,
    pub criteria_gained: usize,
    pub criteria_lost: usize,
    /// Criteria met under the older set that the newer one cannot decide (no data).
    pub criteria_undecided: usize,
    pub indicator_flips: usize,
    /// Every change of a unit's verdict, to and from missing data included
    /// ("chưa đủ dữ liệu → chưa đạt chuẩn"), with how many units and years made it.
    pub verdicts: Vec<Transition<Verdict>>,
    /// Every change of a criterion's status, to and from missing data included.
    pub criteria: Vec<Transition<Status>>,
}

/// One kind of change (from, to) and how often it happened.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Transition<T> {
    pub from: T,
    pub to: T,
    pub count: usize,
}

fn count<T: PartialEq + Copy>(list: &mut Vec<Transition<T>>, from: T, to: T) {
    match list.iter_mut().find(|t| t.from == from && t.to == to) {
        Some(t) => t.count += 1,
        None => list.push(Transition { from, to, count: 1 }),
    }
}

/// A set applied to years of data when it was not in force: its results are a
/// projection, said as such.
#[derive(Clone, Debug, Serialize)]
pub struct Projection {
    pub side: Which,
    pub set: String,
    pub valid_from: crate::core::date::Date,
    pub valid_until: Option<crate::core::date::Date>,
    pub years: Vec<i32>,
}

/// The years of `years` in which `set` was in force on no day.
fn projection(side: Which, set: &RuleSet, years: &[i32]) -> Option<Projection> {
    let until = set.effective_until();
    let outside: Vec<i32> = years
        .iter()
        .copied()
        .filter(|y| {
            set.valid_from.year > *y || until.is_some_and(|u| u.year < *y || u < set.valid_from)
        })
        .collect();
    (!outside.is_empty()).then(|| Projection {
        side,
        set: set.id.clone(),
        valid_from: set.valid_from,
        valid_until: until,
        years: outside,
    })
}

#[derive(Clone, Debug, Serialize)]
pub struct DataDiff {
    pub summary: Summary,
    /// Sides applied outside the years they were in force (empty: none).
    pub projected: Vec<Projection>,
    pub units: Vec<UnitDiff>,
}

/// The thresholds an indicator read (none: an entry that does not apply).
fn values_used(i: &IndicatorResult) -> Vec<(String, Option<Value>)> {
    i.threshold
        .iter()
        .map(|t| (t.parameter.clone(), t.value.clone()))
        .collect()
}

fn indicator_causes(o: &IndicatorResult, n: &IndicatorResult) -> Vec<Cause> {
    let mut causes = Vec::new();
    let (to_, tn) = (values_used(o), values_used(n));
    if to_ != tn {
        causes.push(Cause::Thresholds { from: to_, to: tn });
    }
    if squash(&o.expr) != squash(&n.expr) {
        causes.push(Cause::Expression {
            from: squash(&o.expr),
            to: squash(&n.expr),
        });
    }
    for (side, r) in [(Which::Old, o), (Which::New, n)] {
        if let Some(reason) = &r.reason {
            causes.push(Cause::Missing {
                side,
                reason: reason.clone(),
            });
        }
    }
    if causes.is_empty() {
        causes.push(Cause::Other);
    }
    causes
}

/// Compare the evaluations of one dataset under two rule sets.
pub fn data(
    lib: &RuleLibrary,
    ds: &Dataset,
    a: &RuleSet,
    b: &RuleSet,
    opts: &EvalOptions,
) -> Result<DataDiff, Diagnostics> {
    let under = |set: &RuleSet| {
        evaluate(
            lib,
            ds,
            &EvalOptions {
                ruleset: Some(set.id.clone()),
                ..opts.clone()
            },
        )
    };
    let (ra, rb) = (under(a)?, under(b)?);
    let (cpairs, _, _, _) = pair(
        &a.criteria,
        &b.criteria,
        |c| &c.id,
        |c| &c.name,
        |c| continues(a, b, &c.continues),
    );
    let old_ind: Vec<&Indicator> = a.criteria.iter().flat_map(|c| &c.indicators).collect();
    let new_ind: Vec<&Indicator> = b.criteria.iter().flat_map(|c| &c.indicators).collect();
    let (ipairs, iremoved, iadded, _) = pair(
        &old_ind,
        &new_ind,
        |i| &i.id,
        |i| &i.name,
        |i| continues(a, b, &i.continues),
    );
    let pairing = Paired {
        criteria: cpairs.iter().map(|(o, n, _)| (*o, *n)).collect(),
        indicators: ipairs.iter().map(|(o, n, _)| (**o, **n)).collect(),
        removed: iremoved.iter().map(|i| **i).collect(),
        added: iadded.iter().map(|i| **i).collect(),
        pending: not_encoded(&cpairs),
    };
    let mut summary = Summary::default();
    let mut units = Vec::new();
    for x in &ra.results {
        let Some(y) = rb
            .results
            .iter()
            .find(|y| y.unit.id == x.unit.id && y.year == x.year)
        else {
            continue;
        };
        units.push(unit_diff(x, y, &pairing, &mut summary));
    }
    let mut years: Vec<i32> = ra.results.iter().map(|r| r.year).collect();
    years.sort_unstable();
    years.dedup();
    let projected = [(Which::Old, a), (Which::New, b)]
        .into_iter()
        .filter_map(|(side, set)| projection(side, set, &years))
        .collect();
    Ok(DataDiff {
        summary,
        projected,
        units,
    })
}

/// The items of the two sets paired for a data comparison.
struct Paired<'a> {
    criteria: Vec<(&'a Criterion, &'a Criterion)>,
    indicators: Vec<(&'a Indicator, &'a Indicator)>,
    removed: Vec<&'a Indicator>,
    added: Vec<&'a Indicator>,
    /// Indicators of criteria the newer set does not encode yet.
    pending: BTreeMap<String, String>,
}

fn indicator_of(r: &UnitResult, id: &str) -> Option<IndicatorResult> {
    r.criteria
        .iter()
        .flat_map(|c| &c.indicators)
        .find(|i| i.id == id)
        .cloned()
}

/// One unit and year under both sets: its flips, counted into the summary.
fn unit_diff(x: &UnitResult, y: &UnitResult, p: &Paired, summary: &mut Summary) -> UnitDiff {
    summary.units += 1;
    let mut flips = indicator_flips(x, y, p);
    for (o, n) in &p.criteria {
        if let Some(f) = criterion_flip(x, y, (o, n), &flips, summary) {
            flips.push(f);
        }
    }
    summary.indicator_flips += flips.iter().filter(|f| f.item == Item::Indicator).count();
    if x.verdict != Verdict::Met && y.verdict == Verdict::Met {
        summary.gain_dat_chuan += 1;
    }
    if x.verdict != y.verdict {
        count(&mut summary.verdicts, x.verdict, y.verdict);
    }
    match (x.verdict, y.verdict) {
        (Verdict::Met, Verdict::NotMet) => summary.lose_dat_chuan += 1,
        (Verdict::Met, Verdict::Incomplete) => summary.lose_to_incomplete += 1,
        _ => {}
    }
    let side = |r: &UnitResult| Side {
        met: r.met,
        total: r.total,
        verdict: r.verdict,
    };
    UnitDiff {
        unit: x.unit.clone(),
        year: x.year,
        from: side(x),
        to: side(y),
        flips,
    }
}

/// Indicators whose status differs, and those dropped or new that decided something.
fn indicator_flips(x: &UnitResult, y: &UnitResult, p: &Paired) -> Vec<Flip> {
    let mut flips = Vec::new();
    for (o, n) in &p.indicators {
        let (Some(io), Some(in_)) = (indicator_of(x, &o.id), indicator_of(y, &n.id)) else {
            continue;
        };
        if io.status != in_.status {
            flips.push(Flip {
                item: Item::Indicator,
                from_id: Some(o.id.clone()),
                to_id: Some(n.id.clone()),
                name: n.name.clone(),
                from_status: Some(AnyStatus::Indicator(io.status)),
                to_status: Some(AnyStatus::Indicator(in_.status)),
                causes: indicator_causes(&io, &in_),
            });
        }
    }
    for o in &p.removed {
        if let Some(io) = indicator_of(x, &o.id).filter(|i| i.status != Outcome::Missing) {
            flips.push(Flip {
                item: Item::Indicator,
                from_id: Some(o.id.clone()),
                to_id: None,
                name: o.name.clone(),
                from_status: Some(AnyStatus::Indicator(io.status)),
                to_status: None,
                causes: vec![match p.pending.get(&o.id) {
                    Some(_) => Cause::NotEncoded,
                    None => Cause::Dropped,
                }],
            });
        }
    }
    for n in &p.added {
        if let Some(in_) = indicator_of(y, &n.id).filter(|i| i.status != Outcome::Missing) {
            flips.push(Flip {
                item: Item::Indicator,
                from_id: None,
                to_id: Some(n.id.clone()),
                name: n.name.clone(),
                from_status: None,
                to_status: Some(AnyStatus::Indicator(in_.status)),
                causes: vec![Cause::New],
            });
        }
    }
    flips
}

/// A criterion whose status differs, with the indicator flips that explain it.
fn criterion_flip(
    x: &UnitResult,
    y: &UnitResult,
    (o, n): (&Criterion, &Criterion),
    flips: &[Flip],
    summary: &mut Summary,
) -> Option<Flip> {
    let crit = |r: &UnitResult, id: &str| -> Option<CriterionResult> {
        r.criteria.iter().find(|c| c.id == id).cloned()
    };
    let (co, cn) = (crit(x, &o.id)?, crit(y, &n.id)?);
    if co.status == cn.status {
        return None;
    }
    let mut causes: Vec<Cause> = flips
        .iter()
        .filter(|f| {
            f.item == Item::Indicator
                && (f
                    .to_id
                    .as_ref()
                    .is_some_and(|t| cn.indicators.iter().any(|i| &i.id == t))
                    || f.from_id
                        .as_ref()
                        .is_some_and(|t| co.indicators.iter().any(|i| &i.id == t)))
        })
        .map(|f| Cause::Indicator {
            id: f.to_id.clone().or(f.from_id.clone()).unwrap_or_default(),
        })
        .collect();
    if co.basis != cn.basis {
        causes.push(Cause::Basis {
            from: co.basis,
            to: cn.basis,
        });
    }
    if causes.is_empty() {
        causes.push(Cause::Other);
    }
    count(&mut summary.criteria, co.status, cn.status);
    match (co.status, cn.status) {
        (_, Status::Met) => summary.criteria_gained += 1,
        (Status::Met, Status::NotMet) => summary.criteria_lost += 1,
        (Status::Met, Status::Missing) => summary.criteria_undecided += 1,
        _ => {}
    }
    Some(Flip {
        item: Item::Criterion,
        from_id: Some(o.id.clone()),
        to_id: Some(n.id.clone()),
        name: n.name.to_string(),
        from_status: Some(AnyStatus::Criterion(co.status)),
        to_status: Some(AnyStatus::Criterion(cn.status)),
        causes,
    })
}
