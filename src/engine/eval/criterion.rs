//! Deciding a criterion from its indicators and the declared status; scores.

use crate::core::diag::{Diagnostic, Diagnostics};
use crate::core::problem::DataProblem;
use crate::report::*;
use crate::rules::{Criterion, RuleSet, Scoring};

/// A declared status read through the set's levels: its level index (0 = best) and the
/// status it gives (only the best level is met). Without levels, yes/no only.
fn declared_level(
    set: &RuleSet,
    d: &crate::data::Declared,
    diags: &mut Diagnostics,
) -> Option<(Option<usize>, Status)> {
    let as_status = |i: usize| if i == 0 { Status::Met } else { Status::NotMet };
    if set.levels.is_empty() {
        if let (None, Some(t)) = (d.met, &d.text) {
            diags.push(Diagnostic::error(
                d.span.clone(),
                DataProblem::DeclaredNotYesNo {
                    found: t.clone(),
                    set: set.id.clone(),
                },
            ));
        }
        return d
            .met
            .map(|m| (None, if m { Status::Met } else { Status::NotMet }));
    }
    if let Some(t) = &d.text {
        if let Some(i) = set.levels.iter().position(|l| l.named(t)) {
            return Some((Some(i), as_status(i)));
        }
    }
    match d.met {
        Some(true) => Some((Some(0), Status::Met)),
        Some(false) => Some((Some(set.levels.len() - 1), Status::NotMet)),
        None => {
            if let Some(t) = &d.text {
                let words = set.levels.iter().flat_map(|l| {
                    std::iter::once(l.label.as_str()).chain(l.aliases.iter().map(String::as_str))
                });
                let suggestion = crate::core::text::did_you_mean(t, words);
                diags.push(Diagnostic::error(
                    d.span.clone(),
                    DataProblem::DeclaredNotLevel {
                        found: t.clone(),
                        set: set.id.clone(),
                        suggestion,
                        levels: set.levels.iter().map(|l| l.label.clone()).collect(),
                    },
                ));
            }
            None
        }
    }
}

pub(super) fn decide_criterion(
    set: &RuleSet,
    c: &Criterion,
    indicators: Vec<IndicatorResult>,
    declared_entry: Option<&crate::data::Declared>,
    findings: &mut Vec<Finding>,
    diags: &mut Diagnostics,
) -> CriterionResult {
    let computed = computed_status(c, &indicators);
    let declared_graded = declared_entry.and_then(|d| declared_level(set, d, diags));
    let declared = declared_graded.map(|(_, s)| s);
    let (status, basis) = match (computed, declared) {
        (Some(s), _) => (s, Basis::Computed),
        (None, Some(d)) => (d, Basis::Declared),
        (None, None) => (Status::Missing, Basis::None),
    };
    if let (Some(cs), Some(ds)) = (computed, declared) {
        if cs != ds {
            findings.push(Finding {
                detail: FindingDetail::DeclaredMismatch {
                    criterion_name: c.name.to_string(),
                    declared: ds,
                    computed: cs,
                },
                criterion: Some(c.id.clone()),
                location: declared_entry.map(|d| d.span.to_string()),
            });
        }
    }
    let unverified = basis == Basis::Computed
        && indicators
            .iter()
            .any(|i| i.unverified && i.status != Outcome::Missing);
    // The level: declared when the status is the declared one, else best or worst.
    let graded = !matches!(status, Status::Missing | Status::NotApplicable);
    let level = (!set.levels.is_empty() && graded).then(|| {
        let i = match (basis, declared_graded) {
            (Basis::Declared, Some((Some(i), _))) => i,
            _ if status == Status::Met => 0,
            _ => set.levels.len() - 1,
        };
        GradedLevel {
            id: set.levels[i].id.clone(),
            rank: i,
            of: set.levels.len(),
        }
    });
    CriterionResult {
        level,
        info: c.info(),
        status,
        basis,
        computed,
        declared,
        unverified,
        score: None,
        indicators,
    }
}

/// The status the indicators decide, if they decide one.
fn computed_status(c: &Criterion, indicators: &[IndicatorResult]) -> Option<Status> {
    // With `pending_source`, the encoded indicators are only part of the criterion:
    // a failing one decides "not met", but passing ones cannot make it met.
    let partial = c.pending_source.is_some();
    // Indicators that do not apply to the unit leave the others to decide.
    let applicable: Vec<&IndicatorResult> = indicators
        .iter()
        .filter(|i| i.status != Outcome::NotApplicable)
        .collect();
    if indicators.is_empty() {
        None
    } else if applicable.is_empty() {
        // None applies: not applicable, unless unencoded parts might.
        (!partial).then_some(Status::NotApplicable)
    } else if applicable.iter().any(|i| i.status == Outcome::Fail) {
        Some(Status::NotMet)
    } else if !partial && applicable.iter().all(|i| i.status == Outcome::Pass) {
        Some(Status::Met)
    } else {
        None
    }
}

/// A criterion's score, when the set is scored with a known point table and some of
/// its indicators carry points.
pub(super) fn criterion_score(set: &RuleSet, cr: &CriterionResult) -> Option<Score> {
    let sc = set
        .scoring
        .as_ref()
        .filter(|sc| sc.pending_source.is_none())?;
    let scores: Vec<&Score> = cr
        .indicators
        .iter()
        .filter(|i| i.status != Outcome::NotApplicable)
        .filter_map(|i| i.points.as_ref())
        .collect();
    (!scores.is_empty()).then(|| total_score(sc, &scores))
}

/// The unit's score over every indicator; without a known point table, only the
/// reason it is not known.
pub(super) fn unit_score(sc: &Scoring, criteria: &[CriterionResult]) -> Score {
    match &sc.pending_source {
        Some(p) => Score {
            earned: None,
            max: 0.0,
            percent: None,
            level: None,
            level_label: None,
            pending_source: Some(p.clone()),
        },
        None => {
            let parts: Vec<&Score> = criteria
                .iter()
                .flat_map(|c| c.indicators.iter())
                // Points of what does not apply are not in the unit's maximum.
                .filter(|i| i.status != Outcome::NotApplicable)
                .filter_map(|i| i.points.as_ref())
                .collect();
            total_score(sc, &parts)
        }
    }
}

/// Sum of points; a percentage and level only when no part is missing.
fn total_score(sc: &Scoring, parts: &[&Score]) -> Score {
    let max: f64 = parts.iter().map(|p| p.max).sum();
    let earned: Option<f64> = parts.iter().map(|p| p.earned).sum();
    let percent = earned.map(|e| if max > 0.0 { e / max * 100.0 } else { 0.0 });
    let level = percent.and_then(|p| sc.level(p));
    Score {
        earned,
        max,
        percent,
        level: level.map(|l| l.id.value.clone()),
        level_label: level.map(|l| l.label.clone()),
        pending_source: None,
    }
}
