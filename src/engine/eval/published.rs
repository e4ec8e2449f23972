//! What a published list says of a unit for one set: its counts checked against the
//! set's size, criteria named met or not met read as statuses, and a published count
//! that stands for the criteria it does not name ("đạt 16/19; các tiêu chí chưa đạt:
//! Môi trường, Y tế, Thu nhập": three known not met, sixteen met among the rest).

use crate::core::diag::{Diagnostic, Diagnostics, Span};
use crate::core::problem::{DataProblem, PublishedFault};
use crate::core::text::{did_you_mean, name_key};
use crate::data::{Declared, Published, Record};
use crate::report::{
    CriterionResult, Finding, FindingDetail, PartialCount, Status, UnitLevel, Verdict,
};
use crate::rules::RuleSet;
use std::collections::BTreeMap;

/// Statuses of criteria named by a published list, by criterion id.
pub(super) type ListedStatuses = BTreeMap<String, Declared>;

/// What the record's published lists say for this set's stage (never another stage's),
/// checked against the set's size, and the criteria they name as statuses.
pub(super) fn for_set<'r>(
    set: &RuleSet,
    rec: &'r Record,
    diags: &mut Diagnostics,
) -> (Option<&'r Published>, ListedStatuses) {
    let published = rec.published_for(&set.id, set.stage);
    check_counts(set, published, diags);
    let listed = listed_statuses(set, rec, published, diags);
    (published, listed)
}

/// The number of criteria met a list publishes: its total, else its count at the best
/// level.
pub(super) fn published_met(set: &RuleSet, p: &Published) -> Option<i64> {
    let best = set.levels.first().map(|l| l.id.as_str());
    p.reported_total
        .as_ref()
        .or_else(|| best.and_then(|b| p.counts.get(b)))
        .map(|t| t.0)
}

/// A count above the set's number of criteria, or counts per level that do not add up
/// to it (when they name every level, or exceed it), are errors at their cells.
fn check_counts(set: &RuleSet, p: Option<&Published>, diags: &mut Diagnostics) {
    let Some(p) = p else { return };
    let total = set.criteria.len();
    let above = |given: i64| usize::try_from(given).map_or(true, |g| g > total);
    let given = p.reported_total.iter().chain(p.counts.values());
    for (n, span) in given.filter(|(n, _)| above(*n)) {
        diags.push(Diagnostic::error(
            span.clone(),
            DataProblem::PublishedList {
                fault: PublishedFault::CountAbove { given: *n, total },
                set: set.id.clone(),
            },
        ));
    }
    let known = |k: &str| set.levels.iter().any(|l| l.id == k);
    for (k, (_, span)) in p.counts.iter().filter(|(k, _)| !known(k)) {
        let words = set.levels.iter().map(|l| l.id.as_str());
        diags.push(Diagnostic::error(
            span.clone(),
            DataProblem::DeclaredNotLevel {
                found: k.clone(),
                set: set.id.clone(),
                suggestion: did_you_mean(k, words),
                levels: set.levels.iter().map(|l| l.id.clone()).collect(),
            },
        ));
    }
    let sum: i64 = p.counts.values().map(|c| c.0).sum();
    let every_level =
        !set.levels.is_empty() && set.levels.iter().all(|l| p.counts.contains_key(&l.id));
    let first = p
        .counts
        .values()
        .map(|c| &c.1)
        .min_by_key(|s| (s.line, s.column));
    if let Some(span) = first.filter(|_| (every_level && sum != total as i64) || above(sum)) {
        diags.push(Diagnostic::error(
            span.clone(),
            DataProblem::PublishedList {
                fault: PublishedFault::CountsSum { sum, total },
                set: set.id.clone(),
            },
        ));
    }
}

/// The criterion a list names: by number (`17`, `TC 17`, `Tiêu chí 17`, `17. Môi
/// trường`) or by name, NFC and case ignored; a name may be its first words as the
/// press shortens it (`Môi trường` for `Môi trường và an toàn thực phẩm`) when they
/// begin no other criterion's name.
fn named_criterion<'s>(set: &'s RuleSet, name: &str) -> Option<&'s str> {
    let key = name_key(name);
    let bare = ["tiêu chí số", "tiêu chí", "tc"]
        .iter()
        .find_map(|p| key.strip_prefix(p))
        .unwrap_or(&key)
        .trim();
    let number: String = bare
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let number = number.trim_end_matches('.');
    set.criteria
        .iter()
        .find(|c| !number.is_empty() && c.id == number)
        .or_else(|| set.criteria.iter().find(|c| name_key(&c.name) == key))
        .or_else(|| {
            let mut begun = set
                .criteria
                .iter()
                .filter(|c| begins_with_words(&c.name, &key));
            let first = begun.next()?;
            begun.next().is_none().then_some(first)
        })
        .map(|c| c.id.as_str())
}

/// `name` begins with the whole words of `key` (a name key).
fn begins_with_words(name: &str, key: &str) -> bool {
    let n = name_key(name);
    n.strip_prefix(key)
        .and_then(|rest| rest.chars().next())
        .is_some_and(|c| c.is_whitespace() || c.is_ascii_punctuation())
}

/// The criteria a list names, read as declared statuses of the set; a name the set does
/// not have, or a status another place of the record contradicts, is an error.
fn listed_statuses(
    set: &RuleSet,
    rec: &Record,
    p: Option<&Published>,
    diags: &mut Diagnostics,
) -> ListedStatuses {
    let mut out = ListedStatuses::new();
    for l in p.map(|p| p.listed.as_slice()).unwrap_or_default() {
        let Some(id) = named_criterion(set, &l.name) else {
            let names = set.criteria.iter().map(|c| &*c.name);
            diags.push(Diagnostic::error(
                l.span.clone(),
                DataProblem::PublishedList {
                    fault: PublishedFault::UnknownCriterion {
                        found: l.name.clone(),
                        suggestion: did_you_mean(&l.name, names),
                    },
                    set: set.id.clone(),
                },
            ));
            continue;
        };
        let before = rec
            .declared_for(&set.id, set.stage, id)
            .map(|d| (d.met, &d.span))
            .or_else(|| out.get(id).map(|d| (d.met, &d.span)));
        match before {
            Some((Some(m), _)) if m == l.met => {}
            Some((_, other)) => diags.push(conflict(rec, id, &l.span, other)),
            None => {
                out.insert(
                    id.to_string(),
                    Declared {
                        met: Some(l.met),
                        text: None,
                        span: l.span.clone(),
                    },
                );
            }
        }
    }
    out
}

fn conflict(rec: &Record, id: &str, at: &Span, other: &Span) -> Diagnostic {
    Diagnostic::error(
        at.clone(),
        DataProblem::ConflictingDeclared {
            criterion: id.to_string(),
            unit: rec.unit.clone(),
            year: rec.year,
            other: other.clone(),
        },
    )
}

/// A published count beside some criteria known and some unknown.
pub(super) struct Partial {
    pub known: PartialCount,
    /// The criteria met the result shows: the published count, or the known ones when
    /// they contradict it.
    pub stands_for: usize,
    pub verdict: Verdict,
    span: Span,
}

/// With a published count and criteria of which some are decided and some not, the
/// count stands for the unknown ones: the verdict is "chưa đạt chuẩn" when one is known
/// not met or the count is below the set's size, đạt chuẩn when it is the set's size.
/// Known criteria that contradict the count leave it aside (the known ones decide).
pub(super) fn partial(
    set: &RuleSet,
    p: Option<&Published>,
    criteria: &[CriterionResult],
) -> Option<Partial> {
    let p = p?;
    let reported = published_met(set, p)?;
    let span = p
        .reported_total
        .as_ref()
        .map(|t| t.1.clone())
        .or_else(|| p.counts.values().next().map(|c| c.1.clone()))?;
    let of = |s: Status| criteria.iter().filter(|c| c.status == s).count();
    let unknown = of(Status::Missing);
    if unknown == 0 {
        return None; // every criterion decided: the recount compares them all
    }
    let known = PartialCount {
        reported,
        met: of(Status::Met),
        not_met: of(Status::NotMet),
        unknown,
    };
    let total = criteria.len();
    let count = usize::try_from(reported).unwrap_or(0).min(total);
    let (stands_for, verdict) = if contradicts(&known) {
        let (met, _, verdict) = Verdict::of(criteria);
        (met, verdict)
    } else if known.not_met == 0 && count == total {
        (count, Verdict::Met)
    } else {
        (count, Verdict::NotMet)
    };
    Some(Partial {
        known,
        stands_for,
        verdict,
        span,
    })
}

/// More criteria known met than published, or more known not met than the set's size
/// less the published count.
fn contradicts(k: &PartialCount) -> bool {
    let total = k.met + k.not_met + k.unknown;
    let reported = usize::try_from(k.reported).unwrap_or(0);
    k.met > reported || k.not_met > total.saturating_sub(reported)
}

impl Partial {
    /// A finding when the known criteria contradict the published count: the recount
    /// finding when more are known met than published, else one saying how many are
    /// known not met.
    pub fn contradiction(&self) -> Option<Finding> {
        let k = &self.known;
        let detail = if k.met as i64 > k.reported {
            FindingDetail::ReportedTotalMismatch {
                reported: k.reported,
                counted: k.met,
            }
        } else if contradicts(k) {
            FindingDetail::KnownContradictsCount {
                reported: k.reported,
                met: k.met,
                not_met: k.not_met,
                total: k.met + k.not_met + k.unknown,
            }
        } else {
            return None;
        };
        Some(Finding {
            detail,
            criterion: None,
            location: Some(self.span.to_string()),
        })
    }
}

/// A record that gives only the number of criteria met (and per level): no criterion is
/// decided, and the count stands for them. The criteria met and the verdict when it is
/// such a record; its counts per level go into `counts`.
pub(super) fn count_only(
    set: &RuleSet,
    published: Option<&Published>,
    criteria: &[CriterionResult],
    counts: &mut BTreeMap<String, usize>,
) -> Option<(usize, Verdict)> {
    // A criterion that does not apply decides nothing either.
    if criteria
        .iter()
        .any(|c| !matches!(c.status, Status::Missing | Status::NotApplicable))
    {
        return None;
    }
    let p = published?;
    let total = criteria.len();
    let met = usize::try_from(published_met(set, p)?)
        .unwrap_or(0)
        .min(total);
    for (k, (v, _)) in &p.counts {
        counts.insert(k.clone(), usize::try_from(*v).unwrap_or(0));
    }
    let verdict = if met == total {
        Verdict::Met
    } else {
        Verdict::NotMet
    };
    Some((met, verdict))
}

/// Published counts per level that the recount contradicts.
pub(super) fn level_count_mismatches(
    p: &Published,
    counts: &BTreeMap<String, usize>,
) -> Vec<Finding> {
    p.counts
        .iter()
        .filter_map(|(k, (reported, span))| {
            let counted = counts.get(k).copied().unwrap_or(0);
            (*reported != counted as i64).then(|| Finding {
                detail: FindingDetail::LevelCountMismatch {
                    level: k.clone(),
                    reported: *reported,
                    counted,
                },
                criterion: None,
                location: Some(span.to_string()),
            })
        })
        .collect()
}

/// A published verdict (a verdict word, or a level of the set) compared with ours.
pub(super) fn published_verdict(
    set: &RuleSet,
    published: Option<&Published>,
    verdict: Verdict,
    level: Option<&UnitLevel>,
    diags: &mut Diagnostics,
) -> Option<Finding> {
    let (text, span) = published?.verdict.as_ref()?;
    let key = crate::core::text::name_key(text);
    let by_level = set.verdicts.iter().find(|v| {
        crate::core::text::name_key(&v.id) == key || crate::core::text::name_key(&v.label) == key
    });
    let (agrees, computed) = match (by_level, Verdict::parse(text)) {
        (Some(v), _) => match level {
            Some(l) => (l.id == v.id, l.id.clone()),
            // Not enough data to know: nothing to compare.
            None => return None,
        },
        (None, Some(p)) if verdict != Verdict::Incomplete => {
            (p == verdict, verdict.code().to_string())
        }
        (None, Some(_)) => return None,
        (None, None) => {
            diags.push(crate::core::diag::Diagnostic::error(
                span.clone(),
                crate::core::problem::DataProblem::PublishedVerdict {
                    found: text.to_string(),
                    set: set.id.clone(),
                },
            ));
            return None;
        }
    };
    (!agrees).then(|| Finding {
        detail: FindingDetail::PublishedVerdictMismatch {
            published: text.clone(),
            computed,
        },
        criterion: None,
        location: Some(span.to_string()),
    })
}

pub(super) fn reported_total_mismatch(p: &Published, met: usize) -> Option<Finding> {
    let (reported, span) = p.reported_total.as_ref()?;
    (*reported != met as i64).then(|| Finding {
        detail: FindingDetail::ReportedTotalMismatch {
            reported: *reported,
            counted: met,
        },
        criterion: None,
        location: Some(span.to_string()),
    })
}
