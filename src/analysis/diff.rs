//! Comparing two rule sets: what changed in their structure (criteria and indicators
//! added, removed, renamed, re-numbered; expressions, thresholds and citations), and,
//! on a dataset, which verdicts flip and why.

use crate::core::diag::Diagnostics;
use crate::core::text::name_key;
use crate::core::value::Value;
use crate::data::Dataset;
use crate::engine::eval::{evaluate, EvalOptions};
use crate::engine::library::RuleLibrary;
use crate::report::{
    AnyStatus, Basis, CriterionResult, IndicatorResult, MissingReason, Outcome, Status, UnitRef,
    UnitResult, Verdict,
};
use crate::rules::model::SourceLevel;
use crate::rules::{Citation, Criterion, Indicator, Parameter, RuleSet};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Removed,
    Renamed,
    Renumbered,
    Continued,
    ExpressionChanged,
    ThresholdChanged,
    CitationChanged,
    DepartmentChanged,
    SourceStatusChanged,
    /// The newer set keeps the criterion but does not encode this indicator yet
    /// (its criterion is `pending_source`): not a real removal.
    NotEncoded,
}

/// What a change or a flip is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Item {
    Criterion,
    Indicator,
}

/// One value of a parameter with its selectors, as a diff shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ValueAt {
    pub value: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    pub source_level: SourceLevel,
}

/// A parameter an indicator reads, with all its values (empty when the set lacks it).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ParamValues {
    pub parameter: String,
    pub values: Vec<ValueAt>,
}

/// The data of a structural change; renderers put it into words.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "what", rename_all = "snake_case")]
pub enum ChangeDetail {
    Name {
        name: String,
    },
    Names {
        from: String,
        to: String,
    },
    Departments {
        from: Option<String>,
        to: Option<String>,
    },
    SourceStatus {
        from_pending: bool,
        to_pending: bool,
    },
    NotEncoded {
        name: String,
        criterion: String,
    },
    Expressions {
        from: String,
        to: String,
    },
    Thresholds {
        from: Vec<ParamValues>,
        to: Vec<ParamValues>,
    },
    Citations {
        from: Citation,
        to: Citation,
    },
}

#[derive(Clone, Debug, Serialize)]
pub struct Change {
    pub kind: ChangeKind,
    pub item: Item,
    pub from: Option<String>,
    pub to: Option<String>,
    pub detail: ChangeDetail,
}

#[derive(Clone, Debug, Serialize)]
pub struct SetRef {
    pub id: String,
    pub title: String,
    pub document: String,
    pub valid_from: crate::core::date::Date,
    /// Last day in force; null while no set replaces it.
    pub valid_until: Option<crate::core::date::Date>,
    pub criteria: usize,
    pub indicators: usize,
}

impl SetRef {
    fn of(s: &RuleSet) -> SetRef {
        SetRef {
            id: s.id.clone(),
            title: s.title.clone(),
            document: s.document.number.clone(),
            valid_from: s.valid_from,
            valid_until: s.effective_until(),
            criteria: s.criteria.len(),
            indicators: s.indicator_count(),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Structure {
    pub from: SetRef,
    pub to: SetRef,
    /// True when the newer set declares `continues:`; pairing then follows only those.
    pub paired_by_declaration: bool,
    pub changes: Vec<Change>,
}

/// Items paired (old, new, how), old items unpaired, new items unpaired, and whether
/// the pairing followed `continues:` declarations.
type Pairing<'a, T> = (
    Vec<(&'a T, &'a T, ChangeKind)>,
    Vec<&'a T>,
    Vec<&'a T>,
    bool,
);

/// `continues:` names items of the set(s) a set replaced; between a set and its own
/// amendment it says nothing (they share their ids), so pairing goes by id and name.
fn continues<'a>(a: &RuleSet, b: &RuleSet, list: &'a [String]) -> &'a [String] {
    let same_line =
        b.amends.as_deref() == Some(a.id.as_str()) || a.amends.as_deref() == Some(b.id.as_str());
    if same_line {
        &[]
    } else {
        list
    }
}

/// Pairs (old, new) by declared continuity, else by id, then by name; the rest unpaired.
fn pair<'a, T>(
    old: &'a [T],
    new: &'a [T],
    id: impl Fn(&T) -> &str,
    name: impl Fn(&T) -> &str,
    continues: impl Fn(&T) -> &[String],
) -> Pairing<'a, T> {
    let declared = new.iter().any(|n| !continues(n).is_empty());
    let mut pairs = Vec::new();
    let mut used_old = BTreeSet::new();
    let mut used_new = BTreeSet::new();
    if declared {
        for (j, n) in new.iter().enumerate() {
            for c in continues(n) {
                if let Some(i) = old.iter().position(|o| id(o) == c) {
                    pairs.push((&old[i], n, ChangeKind::Continued));
                    used_old.insert(i);
                    used_new.insert(j);
                }
            }
        }
    } else {
        // 1. The same name, whatever the number (re-numbered when the number differs).
        for (j, n) in new.iter().enumerate() {
            let hit = old
                .iter()
                .enumerate()
                .find(|(i, o)| !used_old.contains(i) && name_key(name(o)) == name_key(name(n)));
            if let Some((i, o)) = hit {
                let how = if id(o) == id(n) {
                    ChangeKind::Renamed
                } else {
                    ChangeKind::Renumbered
                };
                pairs.push((o, n, how));
                used_old.insert(i);
                used_new.insert(j);
            }
        }
        // 2. The same number, when the names still share enough words (a real rename,
        //    not a different item that took the number).
        for (j, n) in new.iter().enumerate() {
            if used_new.contains(&j) {
                continue;
            }
            let hit = old.iter().enumerate().find(|(i, o)| {
                !used_old.contains(i) && id(o) == id(n) && similarity(name(o), name(n)) >= 0.2
            });
            if let Some((i, o)) = hit {
                pairs.push((o, n, ChangeKind::Renamed));
                used_old.insert(i);
                used_new.insert(j);
            }
        }
        // 3. The most similar remaining name, when clearly similar (re-numbered and renamed).
        for (j, n) in new.iter().enumerate() {
            if used_new.contains(&j) {
                continue;
            }
            let best = old
                .iter()
                .enumerate()
                .filter(|(i, _)| !used_old.contains(i))
                .map(|(i, o)| (similarity(name(o), name(n)), i, o))
                .max_by(|x, y| x.0.total_cmp(&y.0).then(y.1.cmp(&x.1)));
            if let Some((score, i, o)) = best.filter(|b| b.0 >= 0.5) {
                let _ = score;
                pairs.push((o, n, ChangeKind::Renumbered));
                used_old.insert(i);
                used_new.insert(j);
            }
        }
    }
    let removed = old
        .iter()
        .enumerate()
        .filter(|(i, _)| !used_old.contains(i))
        .map(|(_, o)| o)
        .collect();
    let added = new
        .iter()
        .enumerate()
        .filter(|(j, _)| !used_new.contains(j))
        .map(|(_, n)| n)
        .collect();
    (pairs, removed, added, declared)
}

/// Share of words two names have in common (Jaccard over lower-cased words).
fn similarity(a: &str, b: &str) -> f64 {
    let words = |s: &str| -> BTreeSet<String> {
        name_key(s)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    // Words every name has say nothing about whether two items are the same.
    const COMMON: &[&str] = &[
        "xã", "có", "các", "và", "của", "được", "theo", "quy", "định", "tỷ", "lệ", "đạt", "trên",
        "địa", "bàn",
    ];
    let keep = |set: BTreeSet<String>| -> BTreeSet<String> {
        set.into_iter()
            .filter(|w| !COMMON.contains(&w.as_str()))
            .collect()
    };
    let (x, y) = (keep(words(a)), keep(words(b)));
    let union = x.union(&y).count();
    if union == 0 {
        return 0.0;
    }
    x.intersection(&y).count() as f64 / union as f64
}

/// Old indicators whose criterion continues into a newer criterion that is
/// `pending_source`, with that criterion's id: not encoded yet, rather than dropped.
fn not_encoded<T>(criteria_pairs: &[(&Criterion, &Criterion, T)]) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (o, n, _) in criteria_pairs {
        if n.pending_source.is_some() {
            for i in &o.indicators {
                out.entry(i.id.clone()).or_insert_with(|| n.id.clone());
            }
        }
    }
    out
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A parameter's values with their selectors.
fn param_values(id: &str, p: Option<&Parameter>) -> ParamValues {
    ParamValues {
        parameter: id.to_string(),
        values: p
            .map(|p| {
                p.values
                    .iter()
                    .map(|v| ValueAt {
                        value: v.value.clone(),
                        from_year: v.from_year,
                        to_year: v.to_year,
                        region: v.region.clone(),
                        group: v.group.clone(),
                        source_level: v.source_level,
                    })
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// The same numbers for the same years, written once with a region and once without:
/// not a change of threshold.
fn same_values(a: &RuleSet, o: &Indicator, b: &RuleSet, n: &Indicator) -> bool {
    let sig = |set: &RuleSet, ind: &Indicator| -> Vec<Vec<String>> {
        ind.params
            .iter()
            .map(|p| {
                let mut v: Vec<String> = set
                    .parameters
                    .get(p)
                    .map(|p| {
                        p.values
                            .iter()
                            .map(|v| {
                                format!(
                                    "{}|{:?}|{:?}|{:?}",
                                    v.value, v.from_year, v.to_year, v.group
                                )
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                v.sort();
                v.dedup();
                v
            })
            .collect()
    };
    let regions = |set: &RuleSet, ind: &Indicator| {
        ind.params
            .iter()
            .flat_map(|p| set.parameters.get(p))
            .flat_map(|p| &p.values)
            .filter(|v| v.region.is_some())
            .count()
    };
    (regions(a, o) == 0 || regions(b, n) == 0) && sig(a, o) == sig(b, n)
}

fn thresholds(set: &RuleSet, ind: &Indicator) -> Vec<ParamValues> {
    ind.params
        .iter()
        .map(|p| param_values(p, set.parameters.get(p)))
        .collect()
}

pub fn structure(a: &RuleSet, b: &RuleSet) -> Structure {
    let mut changes = Vec::new();
    let (pairs, removed, added, declared) = pair(
        &a.criteria,
        &b.criteria,
        |c| &c.id,
        |c| &c.name,
        |c| continues(a, b, &c.continues),
    );
    let pending = not_encoded(&pairs);
    let change = |kind, item, from: Option<&String>, to: Option<&String>, detail| Change {
        kind,
        item,
        from: from.cloned(),
        to: to.cloned(),
        detail,
    };
    let name = |n: &str| ChangeDetail::Name {
        name: n.to_string(),
    };
    for c in removed {
        changes.push(change(
            ChangeKind::Removed,
            Item::Criterion,
            Some(&c.id),
            None,
            name(&c.name),
        ));
    }
    for c in added {
        changes.push(change(
            ChangeKind::Added,
            Item::Criterion,
            None,
            Some(&c.id),
            name(&c.name),
        ));
    }
    for (o, n, how) in pairs {
        let mk = |kind, detail| change(kind, Item::Criterion, Some(&o.id), Some(&n.id), detail);
        changes.extend(renaming(how, &o.name, &n.name).map(|(k, d)| mk(k, d)));
        if o.department != n.department && n.department.is_some() {
            changes.push(mk(
                ChangeKind::DepartmentChanged,
                ChangeDetail::Departments {
                    from: o.department.as_deref().map(str::to_string),
                    to: n.department.as_deref().map(str::to_string),
                },
            ));
        }
        if o.pending_source.is_some() != n.pending_source.is_some() {
            changes.push(mk(
                ChangeKind::SourceStatusChanged,
                ChangeDetail::SourceStatus {
                    from_pending: o.pending_source.is_some(),
                    to_pending: n.pending_source.is_some(),
                },
            ));
        }
    }
    let old_ind: Vec<&Indicator> = a.criteria.iter().flat_map(|c| &c.indicators).collect();
    let new_ind: Vec<&Indicator> = b.criteria.iter().flat_map(|c| &c.indicators).collect();
    let (pairs, removed, added, _) = pair(
        &old_ind,
        &new_ind,
        |i| &i.id,
        |i| &i.name,
        |i| continues(a, b, &i.continues),
    );
    for i in removed {
        changes.push(match pending.get(&i.id) {
            Some(nc) => change(
                ChangeKind::NotEncoded,
                Item::Indicator,
                Some(&i.id),
                None,
                ChangeDetail::NotEncoded {
                    name: i.name.clone(),
                    criterion: nc.clone(),
                },
            ),
            None => change(
                ChangeKind::Removed,
                Item::Indicator,
                Some(&i.id),
                None,
                name(&i.name),
            ),
        });
    }
    for i in added {
        changes.push(change(
            ChangeKind::Added,
            Item::Indicator,
            None,
            Some(&i.id),
            name(&i.name),
        ));
    }
    for (o, n, how) in pairs {
        let mk = |kind, detail| change(kind, Item::Indicator, Some(&o.id), Some(&n.id), detail);
        changes.extend(renaming(how, &o.name, &n.name).map(|(k, d)| mk(k, d)));
        if squash(&o.expr.source) != squash(&n.expr.source) {
            changes.push(mk(
                ChangeKind::ExpressionChanged,
                ChangeDetail::Expressions {
                    from: squash(&o.expr.source),
                    to: squash(&n.expr.source),
                },
            ));
        }
        let (to_, tn) = (thresholds(a, o), thresholds(b, n));
        if to_ != tn && !same_values(a, o, b, n) {
            changes.push(mk(
                ChangeKind::ThresholdChanged,
                ChangeDetail::Thresholds { from: to_, to: tn },
            ));
        }
        if o.citation.document != n.citation.document || o.citation.section != n.citation.section {
            changes.push(mk(
                ChangeKind::CitationChanged,
                ChangeDetail::Citations {
                    from: o.citation.clone(),
                    to: n.citation.clone(),
                },
            ));
        }
    }
    // Criteria first, then indicators, each in number order with its changes together.
    changes.sort_by_key(|x| (x.item, id_key(x), x.kind));
    Structure {
        from: SetRef::of(a),
        to: SetRef::of(b),
        paired_by_declaration: declared,
        changes,
    }
}

/// How a paired item changed name or number: continued, renumbered (named anew when
/// the name changed too), renamed, or not at all.
fn renaming(how: ChangeKind, old: &str, new: &str) -> Option<(ChangeKind, ChangeDetail)> {
    let same_name = name_key(old) == name_key(new);
    let names = || ChangeDetail::Names {
        from: old.to_string(),
        to: new.to_string(),
    };
    match how {
        ChangeKind::Renumbered if same_name => Some((
            how,
            ChangeDetail::Name {
                name: new.to_string(),
            },
        )),
        ChangeKind::Continued | ChangeKind::Renumbered => Some((how, names())),
        _ if !same_name => Some((ChangeKind::Renamed, names())),
        _ => None,
    }
}

/// Sort ids numerically where they are numbers (2 before 10, 4.2 before 4.10).
fn id_key(c: &Change) -> Vec<u64> {
    c.to.as_ref()
        .or(c.from.as_ref())
        .map(|s| {
            s.split(['.', '/'])
                .map(|p| p.parse().unwrap_or(u64::MAX))
                .collect()
        })
        .unwrap_or_default()
}

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
    /// The thresholds used differ: (parameter, value) on each side.
    Thresholds {
        from: Vec<(String, Value)>,
        to: Vec<(String, Value)>,
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
}

#[derive(Clone, Debug, Serialize)]
pub struct DataDiff {
    pub summary: Summary,
    pub units: Vec<UnitDiff>,
}

fn values_used(i: &IndicatorResult) -> Vec<(String, Value)> {
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
    let pending = not_encoded(&cpairs);
    let old_ind: Vec<&Indicator> = a.criteria.iter().flat_map(|c| &c.indicators).collect();
    let new_ind: Vec<&Indicator> = b.criteria.iter().flat_map(|c| &c.indicators).collect();
    let (ipairs, iremoved, iadded, _) = pair(
        &old_ind,
        &new_ind,
        |i| &i.id,
        |i| &i.name,
        |i| continues(a, b, &i.continues),
    );
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
        summary.units += 1;
        let mut flips = Vec::new();
        let ind = |r: &'_ UnitResult, id: &str| -> Option<IndicatorResult> {
            r.criteria
                .iter()
                .flat_map(|c| &c.indicators)
                .find(|i| i.id == id)
                .cloned()
        };
        for (o, n, _) in &ipairs {
            let (Some(io), Some(in_)) = (ind(x, &o.id), ind(y, &n.id)) else {
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
        for o in &iremoved {
            if let Some(io) = ind(x, &o.id).filter(|i| i.status != Outcome::Missing) {
                flips.push(Flip {
                    item: Item::Indicator,
                    from_id: Some(o.id.clone()),
                    to_id: None,
                    name: o.name.clone(),
                    from_status: Some(AnyStatus::Indicator(io.status)),
                    to_status: None,
                    causes: vec![match pending.get(&o.id) {
                        Some(_) => Cause::NotEncoded,
                        None => Cause::Dropped,
                    }],
                });
            }
        }
        for n in &iadded {
            if let Some(in_) = ind(y, &n.id).filter(|i| i.status != Outcome::Missing) {
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
        let crit = |r: &'_ UnitResult, id: &str| -> Option<CriterionResult> {
            r.criteria.iter().find(|c| c.id == id).cloned()
        };
        for (o, n, _) in &cpairs {
            let (Some(co), Some(cn)) = (crit(x, &o.id), crit(y, &n.id)) else {
                continue;
            };
            if co.status == cn.status {
                continue;
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
            match (co.status, cn.status) {
                (_, Status::Met) => summary.criteria_gained += 1,
                (Status::Met, Status::NotMet) => summary.criteria_lost += 1,
                (Status::Met, Status::Missing) => summary.criteria_undecided += 1,
                _ => {}
            }
            flips.push(Flip {
                item: Item::Criterion,
                from_id: Some(o.id.clone()),
                to_id: Some(n.id.clone()),
                name: n.name.to_string(),
                from_status: Some(AnyStatus::Criterion(co.status)),
                to_status: Some(AnyStatus::Criterion(cn.status)),
                causes,
            });
        }
        summary.indicator_flips += flips.iter().filter(|f| f.item == Item::Indicator).count();
        if x.verdict != Verdict::Met && y.verdict == Verdict::Met {
            summary.gain_dat_chuan += 1;
        }
        match (x.verdict, y.verdict) {
            (Verdict::Met, Verdict::NotMet) => summary.lose_dat_chuan += 1,
            (Verdict::Met, Verdict::Incomplete) => summary.lose_to_incomplete += 1,
            _ => {}
        }
        units.push(UnitDiff {
            unit: x.unit.clone(),
            year: x.year,
            from: Side {
                met: x.met,
                total: x.total,
                verdict: x.verdict,
            },
            to: Side {
                met: y.met,
                total: y.total,
                verdict: y.verdict,
            },
            flips,
        });
    }
    Ok(DataDiff { summary, units })
}
