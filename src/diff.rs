//! Comparing two rule sets: what changed in their structure (criteria and indicators
//! added, removed, renamed, re-numbered; expressions, thresholds and citations), and,
//! on a dataset, which verdicts flip and why.

use crate::data::Dataset;
use crate::diag::Diagnostics;
use crate::eval::{evaluate, EvalOptions};
use crate::report::{
    CriterionResult, IndicatorResult, Outcome, Status, UnitRef, UnitResult, Verdict,
};
use crate::rules::{Criterion, Indicator, Parameter, RuleLibrary, RuleSet};
use crate::text::name_key;
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

#[derive(Clone, Debug, Serialize)]
pub struct Change {
    pub kind: ChangeKind,
    /// `criterion` or `indicator`.
    pub item: &'static str,
    pub from: Option<String>,
    pub to: Option<String>,
    pub detail: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct SetRef {
    pub id: String,
    pub title: String,
    pub document: String,
    pub validity: String,
    pub criteria: usize,
    pub indicators: usize,
}

impl SetRef {
    fn of(s: &RuleSet) -> SetRef {
        SetRef {
            id: s.id.clone(),
            title: s.title.clone(),
            document: s.document.number.clone(),
            validity: s.validity_text(),
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

/// A parameter's values as one line: `95 (TDMNPB); 36 (2020)`.
fn param_text(p: Option<&Parameter>) -> String {
    let Some(p) = p else { return "—".into() };
    let vals: Vec<String> = p
        .values
        .iter()
        .map(|v| {
            let mut sel = Vec::new();
            match (v.from_year, v.to_year) {
                (Some(a), Some(b)) if a == b => sel.push(a.to_string()),
                (Some(a), Some(b)) => sel.push(format!("{a}–{b}")),
                (Some(a), None) => sel.push(format!("từ {a}")),
                (None, Some(b)) => sel.push(format!("đến {b}")),
                (None, None) => {}
            }
            sel.extend(v.region.clone());
            sel.extend(v.group.as_ref().map(|g| format!("nhóm {g}")));
            let flag = if v.source_level == crate::rules::model::SourceLevel::Official {
                ""
            } else {
                "*"
            };
            if sel.is_empty() {
                format!("{}{flag}", v.value)
            } else {
                format!("{}{flag} ({})", v.value, sel.join(", "))
            }
        })
        .collect();
    vals.join("; ")
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

fn thresholds(set: &RuleSet, ind: &Indicator) -> Vec<String> {
    ind.params
        .iter()
        .map(|p| format!("{p} = {}", param_text(set.parameters.get(p))))
        .collect()
}

pub fn structure(a: &RuleSet, b: &RuleSet) -> Structure {
    let mut changes = Vec::new();
    let (pairs, removed, added, declared) = pair(
        &a.criteria,
        &b.criteria,
        |c| &c.id,
        |c| &c.name,
        |c| &c.continues,
    );
    let pending = not_encoded(&pairs);
    for c in removed {
        changes.push(Change {
            kind: ChangeKind::Removed,
            item: "criterion",
            from: Some(c.id.clone()),
            to: None,
            detail: c.name.clone(),
        });
    }
    for c in added {
        changes.push(Change {
            kind: ChangeKind::Added,
            item: "criterion",
            from: None,
            to: Some(c.id.clone()),
            detail: c.name.clone(),
        });
    }
    for (o, n, how) in pairs {
        let (from, to) = (Some(o.id.clone()), Some(n.id.clone()));
        if how == ChangeKind::Continued {
            changes.push(Change {
                kind: how,
                item: "criterion",
                from: from.clone(),
                to: to.clone(),
                detail: format!("{} → {}", o.name, n.name),
            });
        } else if how == ChangeKind::Renumbered {
            let detail = if name_key(&o.name) == name_key(&n.name) {
                n.name.clone()
            } else {
                format!("{} → {}", o.name, n.name)
            };
            changes.push(Change {
                kind: how,
                item: "criterion",
                from: from.clone(),
                to: to.clone(),
                detail,
            });
        } else if name_key(&o.name) != name_key(&n.name) {
            changes.push(Change {
                kind: ChangeKind::Renamed,
                item: "criterion",
                from: from.clone(),
                to: to.clone(),
                detail: format!("{} → {}", o.name, n.name),
            });
        }
        if o.department != n.department && n.department.is_some() {
            let d = |x: &Option<String>| x.clone().unwrap_or_else(|| "—".into());
            changes.push(Change {
                kind: ChangeKind::DepartmentChanged,
                item: "criterion",
                from: from.clone(),
                to: to.clone(),
                detail: format!("{} → {}", d(&o.department), d(&n.department)),
            });
        }
        if o.pending_source.is_some() != n.pending_source.is_some() {
            let state = |p: bool| {
                if p {
                    "chưa có nguồn chỉ tiêu"
                } else {
                    "có chỉ tiêu"
                }
            };
            changes.push(Change {
                kind: ChangeKind::SourceStatusChanged,
                item: "criterion",
                from,
                to,
                detail: format!(
                    "{} → {}",
                    state(o.pending_source.is_some()),
                    state(n.pending_source.is_some())
                ),
            });
        }
    }
    let old_ind: Vec<&Indicator> = a.criteria.iter().flat_map(|c| &c.indicators).collect();
    let new_ind: Vec<&Indicator> = b.criteria.iter().flat_map(|c| &c.indicators).collect();
    let (pairs, removed, added, _) =
        pair(&old_ind, &new_ind, |i| &i.id, |i| &i.name, |i| &i.continues);
    for i in removed {
        match pending.get(&i.id) {
            Some(nc) => changes.push(Change {
                kind: ChangeKind::NotEncoded,
                item: "indicator",
                from: Some(i.id.clone()),
                to: None,
                detail: format!(
                    "{} (tiêu chí {nc} của bộ mới chưa có nguồn chỉ tiêu)",
                    i.name
                ),
            }),
            None => changes.push(Change {
                kind: ChangeKind::Removed,
                item: "indicator",
                from: Some(i.id.clone()),
                to: None,
                detail: i.name.clone(),
            }),
        }
    }
    for i in added {
        changes.push(Change {
            kind: ChangeKind::Added,
            item: "indicator",
            from: None,
            to: Some(i.id.clone()),
            detail: i.name.clone(),
        });
    }
    for (o, n, how) in pairs {
        let (from, to) = (Some(o.id.clone()), Some(n.id.clone()));
        let mk = |kind, detail| Change {
            kind,
            item: "indicator",
            from: from.clone(),
            to: to.clone(),
            detail,
        };
        match how {
            ChangeKind::Continued => changes.push(mk(how, format!("{} → {}", o.name, n.name))),
            ChangeKind::Renumbered if name_key(&o.name) == name_key(&n.name) => {
                changes.push(mk(how, n.name.clone()))
            }
            ChangeKind::Renumbered => changes.push(mk(how, format!("{} → {}", o.name, n.name))),
            _ if name_key(&o.name) != name_key(&n.name) => {
                changes.push(mk(ChangeKind::Renamed, format!("{} → {}", o.name, n.name)))
            }
            _ => {}
        }
        if squash(&o.expr.source) != squash(&n.expr.source) {
            changes.push(mk(
                ChangeKind::ExpressionChanged,
                format!(
                    "`{}` → `{}`",
                    squash(&o.expr.source),
                    squash(&n.expr.source)
                ),
            ));
        }
        let (to_, tn) = (thresholds(a, o), thresholds(b, n));
        if to_ != tn && !same_values(a, o, b, n) {
            changes.push(mk(
                ChangeKind::ThresholdChanged,
                format!("{} → {}", or_dash(&to_), or_dash(&tn)),
            ));
        }
        if o.citation.document != n.citation.document || o.citation.section != n.citation.section {
            changes.push(mk(
                ChangeKind::CitationChanged,
                format!("{} → {}", o.citation, n.citation),
            ));
        }
    }
    // Criteria first, then indicators, each in number order with its changes together.
    changes.sort_by(|x, y| {
        (x.item != "criterion", id_key(x), x.kind).cmp(&(y.item != "criterion", id_key(y), y.kind))
    });
    Structure {
        from: SetRef::of(a),
        to: SetRef::of(b),
        paired_by_declaration: declared,
        changes,
    }
}

fn or_dash(v: &[String]) -> String {
    if v.is_empty() {
        "—".into()
    } else {
        v.join("; ")
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

#[derive(Clone, Debug, Serialize)]
pub struct Flip {
    pub item: &'static str,
    pub from_id: Option<String>,
    pub to_id: Option<String>,
    pub name: String,
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    /// What caused the change, in words: threshold X → Y, expression changed, added…
    pub causes: Vec<String>,
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
    pub lose_dat_chuan: usize,
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

fn status_text<T: Serialize>(s: &T) -> String {
    serde_json::to_value(s)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn values_text(i: &IndicatorResult) -> String {
    i.threshold
        .iter()
        .map(|t| format!("{} = {}", t.parameter, t.value))
        .collect::<Vec<_>>()
        .join("; ")
}

fn indicator_causes(o: &IndicatorResult, n: &IndicatorResult) -> Vec<String> {
    let mut causes = Vec::new();
    let (to_, tn) = (values_text(o), values_text(n));
    if to_ != tn {
        causes.push(format!(
            "ngưỡng {} → {}",
            if to_.is_empty() { "—" } else { &to_ },
            if tn.is_empty() { "—" } else { &tn }
        ));
    }
    if squash(&o.expr) != squash(&n.expr) {
        causes.push(format!(
            "biểu thức `{}` → `{}`",
            squash(&o.expr),
            squash(&n.expr)
        ));
    }
    for (side, r) in [("cũ", o), ("mới", n)] {
        if let Some(reason) = &r.reason {
            causes.push(format!("bộ {side}: {reason}"));
        }
    }
    if causes.is_empty() {
        causes.push("khác (cùng ngưỡng và biểu thức)".into());
    }
    causes
}

/// Compare the evaluations of one dataset under two rule sets.
pub fn data(
    lib: &RuleLibrary,
    ds: &Dataset,
    a: &RuleSet,
    b: &RuleSet,
    year: Option<i32>,
) -> Result<DataDiff, Diagnostics> {
    let ra = evaluate(
        lib,
        ds,
        &EvalOptions {
            year,
            ruleset: Some(a.id.clone()),
        },
    )?;
    let rb = evaluate(
        lib,
        ds,
        &EvalOptions {
            year,
            ruleset: Some(b.id.clone()),
        },
    )?;
    let (cpairs, _, _, _) = pair(
        &a.criteria,
        &b.criteria,
        |c| &c.id,
        |c| &c.name,
        |c| &c.continues,
    );
    let pending = not_encoded(&cpairs);
    let old_ind: Vec<&Indicator> = a.criteria.iter().flat_map(|c| &c.indicators).collect();
    let new_ind: Vec<&Indicator> = b.criteria.iter().flat_map(|c| &c.indicators).collect();
    let (ipairs, iremoved, iadded, _) =
        pair(&old_ind, &new_ind, |i| &i.id, |i| &i.name, |i| &i.continues);
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
                    item: "indicator",
                    from_id: Some(o.id.clone()),
                    to_id: Some(n.id.clone()),
                    name: n.name.clone(),
                    from_status: Some(status_text(&io.status)),
                    to_status: Some(status_text(&in_.status)),
                    causes: indicator_causes(&io, &in_),
                });
            }
        }
        for o in &iremoved {
            if let Some(io) = ind(x, &o.id).filter(|i| i.status != Outcome::Missing) {
                flips.push(Flip {
                    item: "indicator",
                    from_id: Some(o.id.clone()),
                    to_id: None,
                    name: o.name.clone(),
                    from_status: Some(status_text(&io.status)),
                    to_status: None,
                    causes: vec![match pending.get(&o.id) {
                        Some(_) => "bộ mới chưa mã hóa chỉ tiêu này (chưa có nguồn)".into(),
                        None => "chỉ tiêu bị bỏ trong bộ mới".into(),
                    }],
                });
            }
        }
        for n in &iadded {
            if let Some(in_) = ind(y, &n.id).filter(|i| i.status != Outcome::Missing) {
                flips.push(Flip {
                    item: "indicator",
                    from_id: None,
                    to_id: Some(n.id.clone()),
                    name: n.name.clone(),
                    from_status: None,
                    to_status: Some(status_text(&in_.status)),
                    causes: vec!["chỉ tiêu mới trong bộ mới".into()],
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
            let mut causes: Vec<String> = flips
                .iter()
                .filter(|f| {
                    f.item == "indicator"
                        && (f
                            .to_id
                            .as_ref()
                            .is_some_and(|t| cn.indicators.iter().any(|i| &i.id == t))
                            || f.from_id
                                .as_ref()
                                .is_some_and(|t| co.indicators.iter().any(|i| &i.id == t)))
                })
                .map(|f| {
                    format!(
                        "chỉ tiêu {}",
                        f.to_id.clone().or(f.from_id.clone()).unwrap_or_default()
                    )
                })
                .collect();
            if co.basis != cn.basis {
                let basis = |b: crate::report::Basis| match b {
                    crate::report::Basis::Computed => "tính từ số liệu",
                    crate::report::Basis::Declared => "theo kê khai",
                    crate::report::Basis::None => "không có số liệu hay kê khai",
                };
                causes.push(format!("{} → {}", basis(co.basis), basis(cn.basis)));
            }
            if causes.is_empty() {
                causes.push("khác".into());
            }
            match (co.status, cn.status) {
                (_, Status::Met) => summary.criteria_gained += 1,
                (Status::Met, Status::NotMet) => summary.criteria_lost += 1,
                (Status::Met, Status::Missing) => summary.criteria_undecided += 1,
                _ => {}
            }
            flips.push(Flip {
                item: "criterion",
                from_id: Some(o.id.clone()),
                to_id: Some(n.id.clone()),
                name: n.name.clone(),
                from_status: Some(status_text(&co.status)),
                to_status: Some(status_text(&cn.status)),
                causes,
            });
        }
        summary.indicator_flips += flips.iter().filter(|f| f.item == "indicator").count();
        if x.verdict != Verdict::Met && y.verdict == Verdict::Met {
            summary.gain_dat_chuan += 1;
        }
        if x.verdict == Verdict::Met && y.verdict != Verdict::Met {
            summary.lose_dat_chuan += 1;
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
