//! Deciding a criterion from its indicators and the declared status; scores.

use crate::data::Record;
use crate::report::*;
use crate::rules::{Criterion, RuleSet, Scoring};

pub(super) fn decide_criterion(
    set: &RuleSet,
    c: &Criterion,
    indicators: Vec<IndicatorResult>,
    rec: &Record,
    findings: &mut Vec<Finding>,
) -> CriterionResult {
    let computed = computed_status(c, &indicators);
    let declared_entry = rec.declared_for(&set.id, set.stage.code(), &c.id);
    let declared =
        declared_entry
            .and_then(|d| d.met)
            .map(|m| if m { Status::Met } else { Status::NotMet });
    let (status, basis) = match (computed, declared) {
        (Some(s), _) => (s, Basis::Computed),
        (None, Some(d)) => (d, Basis::Declared),
        (None, None) => (Status::Missing, Basis::None),
    };
    if let (Some(cs), Some(ds)) = (computed, declared) {
        if cs != ds {
            findings.push(Finding {
                detail: FindingDetail::DeclaredMismatch {
                    criterion_name: c.name.clone(),
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
    CriterionResult {
        id: c.id.clone(),
        name: c.name.clone(),
        status,
        basis,
        computed,
        declared,
        department: c.department.clone(),
        citation: c.citation.clone(),
        pending_source: c.pending_source.clone(),
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
    if indicators.is_empty() {
        None
    } else if indicators.iter().any(|i| i.status == Outcome::Fail) {
        Some(Status::NotMet)
    } else if !partial && indicators.iter().all(|i| i.status == Outcome::Pass) {
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
