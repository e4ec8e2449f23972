//! What changed in the structure of a rule set: criteria and indicators added,
//! removed, renamed, re-numbered; expressions, thresholds, citations, departments.
//! Items are paired by declared continuity, else by name and number.

use crate::core::text::name_key;
use crate::core::value::Value;
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
    /// The threshold; null for an entry that does not apply.
    pub value: Option<Value>,
    /// The entry says the threshold does not apply to the units it selects.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub not_applicable: bool,
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
pub(super) type Pairing<'a, T> = (
    Vec<(&'a T, &'a T, ChangeKind)>,
    Vec<&'a T>,
    Vec<&'a T>,
    bool,
);

/// `continues:` names items of the set(s) a set replaced; between a set and its own
/// amendment it says nothing (they share their ids), so pairing goes by id and name.
pub(super) fn continues<'a>(a: &RuleSet, b: &RuleSet, list: &'a [String]) -> &'a [String] {
    let same_line =
        b.amends.as_deref() == Some(a.id.as_str()) || a.amends.as_deref() == Some(b.id.as_str());
    if same_line {
        &[]
    } else {
        list
    }
}

/// Pairs (old, new) by declared continuity, else by id, then by name; the rest unpaired.
pub(super) fn pair<'a, T>(
    old: &'a [T],
    new: &'a [T],
    id: impl Fn(&T) -> &str,
    name: impl Fn(&T) -> &str,
    continues: impl Fn(&T) -> &[String],
) -> Pairing<'a, T> {
    let declared = new.iter().any(|n| !continues(n).is_empty());
    let mut m = Matching {
        old,
        new,
        pairs: Vec::new(),
        used_old: BTreeSet::new(),
        used_new: BTreeSet::new(),
    };
    if declared {
        for (j, n) in new.iter().enumerate() {
            for c in continues(n) {
                if let Some(i) = old.iter().position(|o| id(o) == c) {
                    m.take(i, j, ChangeKind::Continued);
                }
            }
        }
    } else {
        m.by_name(&id, &name);
        m.by_number(&id, &name);
        m.by_similarity(&name);
    }
    let removed = (0..old.len())
        .filter(|i| !m.used_old.contains(i))
        .map(|i| &old[i])
        .collect();
    let added = (0..new.len())
        .filter(|j| !m.used_new.contains(j))
        .map(|j| &new[j])
        .collect();
    (m.pairs, removed, added, declared)
}

/// Pairs found so far, and which items they used.
struct Matching<'a, T> {
    old: &'a [T],
    new: &'a [T],
    pairs: Vec<(&'a T, &'a T, ChangeKind)>,
    used_old: BTreeSet<usize>,
    used_new: BTreeSet<usize>,
}

impl<'a, T> Matching<'a, T> {
    fn take(&mut self, i: usize, j: usize, how: ChangeKind) {
        self.pairs.push((&self.old[i], &self.new[j], how));
        self.used_old.insert(i);
        self.used_new.insert(j);
    }

    /// 1. The same name, whatever the number (re-numbered when the number differs).
    fn by_name(&mut self, id: &impl Fn(&T) -> &str, name: &impl Fn(&T) -> &str) {
        for j in 0..self.new.len() {
            let n = &self.new[j];
            let hit = (0..self.old.len()).find(|i| {
                !self.used_old.contains(i) && name_key(name(&self.old[*i])) == name_key(name(n))
            });
            if let Some(i) = hit {
                let how = if id(&self.old[i]) == id(n) {
                    ChangeKind::Renamed
                } else {
                    ChangeKind::Renumbered
                };
                self.take(i, j, how);
            }
        }
    }

    /// 2. The same number, when the names still share enough words (a real rename,
    ///    not a different item that took the number).
    fn by_number(&mut self, id: &impl Fn(&T) -> &str, name: &impl Fn(&T) -> &str) {
        for j in 0..self.new.len() {
            if self.used_new.contains(&j) {
                continue;
            }
            let n = &self.new[j];
            let hit = (0..self.old.len()).find(|i| {
                let o = &self.old[*i];
                !self.used_old.contains(i) && id(o) == id(n) && similarity(name(o), name(n)) >= 0.2
            });
            if let Some(i) = hit {
                self.take(i, j, ChangeKind::Renamed);
            }
        }
    }

    /// 3. The most similar remaining name, when clearly similar (re-numbered and renamed).
    fn by_similarity(&mut self, name: &impl Fn(&T) -> &str) {
        for j in 0..self.new.len() {
            if self.used_new.contains(&j) {
                continue;
            }
            let n = &self.new[j];
            let best = (0..self.old.len())
                .filter(|i| !self.used_old.contains(i))
                .map(|i| (similarity(name(&self.old[i]), name(n)), i))
                .max_by(|x, y| x.0.total_cmp(&y.0).then(y.1.cmp(&x.1)));
            if let Some((_, i)) = best.filter(|b| b.0 >= 0.5) {
                self.take(i, j, ChangeKind::Renumbered);
            }
        }
    }
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
pub(super) fn not_encoded<T>(
    criteria_pairs: &[(&Criterion, &Criterion, T)],
) -> BTreeMap<String, String> {
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

pub(super) fn squash(s: &str) -> String {
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
                        not_applicable: v.not_applicable,
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
                                    "{:?}|{:?}|{:?}|{:?}",
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
    criterion_changes(&pairs, &removed, &added, &mut changes);
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
                name_detail(&i.name),
            ),
        });
    }
    for i in added {
        changes.push(change(
            ChangeKind::Added,
            Item::Indicator,
            None,
            Some(&i.id),
            name_detail(&i.name),
        ));
    }
    for (o, n, how) in pairs {
        indicator_changes((a, o), (b, n), how, &mut changes);
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

fn change(
    kind: ChangeKind,
    item: Item,
    from: Option<&String>,
    to: Option<&String>,
    detail: ChangeDetail,
) -> Change {
    Change {
        kind,
        item,
        from: from.cloned(),
        to: to.cloned(),
        detail,
    }
}

fn name_detail(n: &str) -> ChangeDetail {
    ChangeDetail::Name {
        name: n.to_string(),
    }
}

/// Criteria removed, added, and what changed in each pair.
fn criterion_changes(
    pairs: &[(&Criterion, &Criterion, ChangeKind)],
    removed: &[&Criterion],
    added: &[&Criterion],
    changes: &mut Vec<Change>,
) {
    for c in removed {
        let d = name_detail(&c.name);
        changes.push(change(
            ChangeKind::Removed,
            Item::Criterion,
            Some(&c.id),
            None,
            d,
        ));
    }
    for c in added {
        let d = name_detail(&c.name);
        changes.push(change(
            ChangeKind::Added,
            Item::Criterion,
            None,
            Some(&c.id),
            d,
        ));
    }
    for (o, n, how) in pairs {
        let mk = |kind, detail| change(kind, Item::Criterion, Some(&o.id), Some(&n.id), detail);
        changes.extend(renaming(*how, &o.name, &n.name).map(|(k, d)| mk(k, d)));
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
}

/// What changed in a pair of indicators: name or number, expression, thresholds,
/// citation.
fn indicator_changes(
    (a, o): (&RuleSet, &Indicator),
    (b, n): (&RuleSet, &Indicator),
    how: ChangeKind,
    changes: &mut Vec<Change>,
) {
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
