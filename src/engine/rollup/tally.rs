//! A roll-up computed over the results of a year: which units it counts and how
//! (recognised, counts only, not enough data, no record), and its value.

use super::model::{Aggregate, Incomplete, Recognised, Rollup};
use crate::core::diag::Diagnostic;
use crate::core::problem::{Owner, OwnerKind};
use crate::data::{Dataset, Unit};
use crate::report::{Report, Status, UnitResult, Verdict};
use crate::rules::expr;
use crate::rules::model::{LevelMeaning, Stage};
use rhai::{Engine, Scope};
use serde::Serialize;

/// Units as they are in a year, given by the caller, who knows the library and lineage.
pub trait UnitsInYear {
    /// The unit's kind on the year's last day (after any reclassification).
    fn kind_in(&self, unit: &Unit, year: i32) -> crate::core::units::UnitKind;
    /// The number of criteria of the set of a stage in force for the unit in the year
    /// (for a unit recognised đạt chuẩn with no result to read it from).
    fn criteria(&self, unit: &Unit, stage: Stage, year: i32) -> Option<usize>;
}

/// How a roll-up sees units in a year.
pub type CriteriaOf<'a> = &'a dyn UnitsInYear;

#[derive(Clone, Debug, Serialize)]
pub struct RollupValue {
    pub id: String,
    pub label: String,
    pub year: i32,
    /// Units counted.
    pub units: usize,
    /// Mean, sum, count or share; null for buckets or when no unit was counted.
    pub value: Option<f64>,
    pub buckets: Vec<(String, usize)>,
    /// How units without enough data were treated, and how many there were.
    pub incomplete: Incomplete,
    pub incomplete_units: usize,
    /// Units counted as meeting every criterion because they were recognised đạt chuẩn.
    pub counted_as_recognised: usize,
    /// Units whose record gave only the number of criteria met.
    pub count_only_units: usize,
    /// Units whose record gave a count with some criteria named (a partial published
    /// list: "16/19, chưa đạt: …"): the criteria it does not name rest on the count.
    pub partial_list_units: usize,
    /// Units with a criterion that does not apply to them (their group): counted on the
    /// criteria that apply (`total` is smaller than the set's).
    pub not_applicable_units: usize,
    /// Of those counted as recognised, units with no result for the year at all: counted
    /// from their recognition alone (declared on the unit).
    pub recognised_only_units: usize,
    /// Those units, with the decision recognising them when declared on the unit.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub recognised_only: Vec<RecognisedOnly>,
    /// Units of the kind that exist in the year but have no result for it at the
    /// roll-up's stage (no record), and are not counted by recognition: left out.
    pub no_result_units: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// Evaluate one roll-up over the results of a year, for the given units (all of the
/// roll-up's kind when `units` is None). Units without enough data are left out or
/// counted at their partial count, recognised units as evaluated or as meeting every
/// criterion, as the roll-up declares; the value says how many of each.
pub fn compute(
    engine: &Engine,
    r: &Rollup,
    report: &Report,
    ds: &Dataset,
    year: i32,
    units: Option<&[String]>,
    criteria_of: CriteriaOf<'_>,
) -> Result<RollupValue, Diagnostic> {
    let all: Vec<&UnitResult> = report
        .results
        .iter()
        .filter(|x| x.year == year && x.unit.kind == r.kind && x.stage == r.stage)
        .filter(|x| units.is_none_or(|u| u.contains(&x.unit.id)))
        .collect();
    let mut scope = Scope::new();
    let mut tally = Tally {
        values: Vec::new(),
        buckets: r.buckets.iter().map(|b| (b.label.clone(), 0)).collect(),
        incomplete_units: 0,
        counted_as_recognised: 0,
        count_only_units: 0,
        partial_list_units: 0,
        not_applicable_units: 0,
        recognised_only_units: 0,
        recognised_only: Vec::new(),
        no_result_units: 0,
    };
    let without = tally.without_result(criteria_of, r, &all, ds, year, units);
    let what = Owner::new(OwnerKind::Rollup, r.id.as_str());
    let run = |scope: &mut Scope, e: &expr::Expression| {
        engine
            .eval_ast_with_scope::<rhai::Dynamic>(scope, &e.ast)
            .map_err(|err| {
                let span = expr::map_position(&r.yaml, &e.span, &e.source, err.position());
                expr::runtime_error(span, &err, &what)
            })
    };
    let counted = all
        .iter()
        .filter_map(|x| tally.counted(r, x, ds, year))
        .collect::<Vec<_>>();
    for c in counted.into_iter().chain(without) {
        scope.clear();
        scope.push("met", c.met as i64);
        scope.push("total", c.total as i64);
        scope.push("dat_chuan", c.dat_chuan);
        scope.push("intermediate", c.intermediate);
        let v = run(&mut scope, &r.value)?;
        let v = v
            .as_float()
            .ok()
            .or_else(|| v.as_int().ok().map(|i| i as f64))
            .or_else(|| v.as_bool().ok().map(|b| f64::from(u8::from(b))))
            .unwrap_or(0.0);
        tally.values.push(v);
        scope.push("value", v);
        for (b, slot) in r.buckets.iter().zip(tally.buckets.iter_mut()) {
            if run(&mut scope, &b.when)?.as_bool().unwrap_or(false) {
                slot.1 += 1;
                break;
            }
        }
    }
    Ok(tally.value_of(r, year))
}

/// The values a roll-up has gathered, and how its units were counted.
struct Tally {
    values: Vec<f64>,
    buckets: Vec<(String, usize)>,
    incomplete_units: usize,
    counted_as_recognised: usize,
    count_only_units: usize,
    partial_list_units: usize,
    not_applicable_units: usize,
    recognised_only_units: usize,
    recognised_only: Vec<RecognisedOnly>,
    no_result_units: usize,
}

/// A unit counted from its recognition alone (no result for the year).
#[derive(Clone, Debug, Serialize)]
pub struct RecognisedOnly {
    pub unit: String,
    pub name: String,
    /// The year recognised.
    pub year: i32,
    /// The decision (number, date) and where it was read, when declared on the unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_level: Option<crate::rules::model::SourceLevel>,
}

/// How one unit counts: what a roll-up's expressions read of it.
struct Counted {
    met: usize,
    total: usize,
    dat_chuan: bool,
    intermediate: bool,
}

impl Counted {
    /// A unit recognised đạt chuẩn: every criterion of its set met.
    fn recognised(total: usize) -> Counted {
        Counted {
            met: total,
            total,
            dat_chuan: true,
            intermediate: false,
        }
    }
}

/// A unit counted from its recognition alone, with its decision when declared.
fn recognised_only(u: &Unit, year: i32) -> RecognisedOnly {
    let r = u.recognition.as_ref();
    RecognisedOnly {
        unit: u.id.clone(),
        name: u.name.clone(),
        year: r
            .map(|r| r.year)
            .or_else(|| crate::data::attributes::recognised_year(&u.attributes))
            .unwrap_or(year),
        decision: r.map(|r| r.decision.clone()),
        date: r.map(|r| r.date.to_string()),
        source_level: r.map(|r| r.source_level),
    }
}

/// Is the unit recognised đạt chuẩn NTM in or before the year? Read on the unit itself:
/// a thôn is not recognised because its xã is (attributes are otherwise inherited).
fn recognised_by(ds: &Dataset, id: &str, year: i32) -> bool {
    ds.unit(id)
        .and_then(|u| crate::data::attributes::recognised_year(&u.attributes))
        .is_some_and(|y| y <= year)
}

/// A unit expected in a year's roll-up exists on its last day (as sets in force are taken):
/// one merged away during the year is not.
fn exists_at_end_of(u: &Unit, year: i32) -> bool {
    let last = crate::core::date::Date::end_of_year(year);
    u.valid_from.is_none_or(|d| d <= last) && u.valid_until.is_none_or(|d| d >= last)
}

impl Tally {
    /// Units of the roll-up's kind that exist in the year with no result for it at the
    /// roll-up's stage: a recognised one, when the roll-up counts recognition, meets
    /// every criterion of the set in force for it (criteria met, in all, đạt chuẩn);
    /// the others are left out, and counted so that the roll-up says so.
    fn without_result(
        &mut self,
        criteria_of: CriteriaOf<'_>,
        r: &Rollup,
        all: &[&UnitResult],
        ds: &Dataset,
        year: i32,
        units: Option<&[String]>,
    ) -> Vec<Counted> {
        // A result mapped onto today's units (`--as-units`) carries its earlier parts.
        let have: std::collections::HashSet<&str> = all
            .iter()
            .flat_map(|x| std::iter::once(&x.unit).chain(&x.parts))
            .map(|u| u.id.as_str())
            .collect();
        let mut out = Vec::new();
        for u in ds.units.iter().filter(|u| {
            criteria_of.kind_in(u, year) == r.kind
                && exists_at_end_of(u, year)
                && !have.contains(u.id.as_str())
                && units.is_none_or(|ids| ids.contains(&u.id))
        }) {
            let total = (r.recognised == Recognised::AllCriteria && recognised_by(ds, &u.id, year))
                .then(|| criteria_of.criteria(u, r.stage, year))
                .flatten();
            match total {
                Some(total) => {
                    self.counted_as_recognised += 1;
                    self.recognised_only_units += 1;
                    self.recognised_only.push(recognised_only(u, year));
                    out.push(Counted::recognised(total));
                }
                None => self.no_result_units += 1,
            }
        }
        out
    }

    /// How one unit counts, or `None` when the roll-up leaves it out (not enough data,
    /// excluded).
    fn counted(&mut self, r: &Rollup, x: &UnitResult, ds: &Dataset, year: i32) -> Option<Counted> {
        let recognised =
            r.recognised == Recognised::AllCriteria && recognised_by(ds, &x.unit.id, year);
        let counted = if recognised {
            self.counted_as_recognised += 1;
            Counted::recognised(x.total)
        } else {
            Counted {
                met: x.met,
                total: x.total,
                dat_chuan: x.verdict == Verdict::Met,
                // A level that stands for a step towards đạt chuẩn (cơ bản đạt chuẩn).
                intermediate: x
                    .level
                    .as_ref()
                    .is_some_and(|l| l.means == Some(LevelMeaning::Intermediate)),
            }
        };
        if x.count_only {
            self.count_only_units += 1;
        }
        if x.partial.is_some() {
            self.partial_list_units += 1;
        }
        if x.criteria.iter().any(|c| c.status == Status::NotApplicable) {
            self.not_applicable_units += 1;
        }
        if !recognised && x.verdict == Verdict::Incomplete && !x.count_only {
            self.incomplete_units += 1;
            if r.incomplete == Incomplete::Exclude {
                return None;
            }
        }
        Some(counted)
    }

    fn value_of(self, r: &Rollup, year: i32) -> RollupValue {
        let n = self.values.len();
        let trues = self.values.iter().filter(|v| **v != 0.0).count();
        let value = match r.aggregate {
            Aggregate::Mean if n > 0 => Some(self.values.iter().sum::<f64>() / n as f64),
            Aggregate::Sum => Some(self.values.iter().sum()),
            Aggregate::Count => Some(trues as f64),
            Aggregate::Share if n > 0 => Some(trues as f64 * 100.0 / n as f64),
            _ => None,
        };
        RollupValue {
            id: r.id.clone(),
            label: r.label.clone(),
            year,
            units: n,
            value,
            buckets: if r.aggregate == Aggregate::Buckets {
                self.buckets
            } else {
                Vec::new()
            },
            incomplete: r.incomplete,
            incomplete_units: self.incomplete_units,
            counted_as_recognised: self.counted_as_recognised,
            count_only_units: self.count_only_units,
            partial_list_units: self.partial_list_units,
            not_applicable_units: self.not_applicable_units,
            recognised_only_units: self.recognised_only_units,
            recognised_only: self.recognised_only,
            no_result_units: self.no_result_units,
            source: r.source.clone(),
        }
    }
}
