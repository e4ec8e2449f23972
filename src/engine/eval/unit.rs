//! One unit in one year against one rule set, step by step: region and group,
//! thresholds, scope, criteria, verdict, scoring, recognition, findings, result.

use super::criterion::{criterion_score, decide_criterion, unit_score};
use super::exprs::{Exprs, Names};
use super::indicator::{evaluate_indicator, Frame, Params};
use super::inputs::{attribute_flag, type_inputs, Typed, UnitCtx};
use crate::core::diag::Diagnostics;
use crate::core::value::Value;
use crate::data::Record;
use crate::report::*;
use crate::rules::model::SourceLevel;
use crate::rules::native::Expressions;
use crate::rules::{Recognition, RuleSet};
use rhai::{Engine, Scope};
use std::collections::BTreeMap;

/// How a unit is evaluated: the what-if values, the detail kept, the evaluator of
/// expressions.
#[derive(Clone, Copy)]
pub struct How<'a> {
    pub scenario: &'a crate::engine::scenario::Scenario,
    pub detail: super::detail::Detail,
    pub expressions: Expressions,
}

/// One unit and year against one set, with `Expressions::Auto`.
pub fn evaluate_one(
    engine: &Engine,
    scope: &mut Scope<'static>,
    scenario: &crate::engine::scenario::Scenario,
    detail: super::detail::Detail,
    set: &RuleSet,
    ctx: &UnitCtx<'_>,
    rec: &Record,
) -> Result<UnitResult, Diagnostics> {
    let how = How {
        scenario,
        detail,
        expressions: Expressions::Auto,
    };
    evaluate_how(engine, scope, &how, set, ctx, rec)
}

/// One unit and year against one set, as `how` says.
pub fn evaluate_how(
    engine: &Engine,
    scope: &mut Scope<'static>,
    how: &How<'_>,
    set: &RuleSet,
    ctx: &UnitCtx<'_>,
    rec: &Record,
) -> Result<UnitResult, Diagnostics> {
    let (scenario, detail) = (how.scenario, how.detail);
    let mut findings = Vec::new();
    let typed = type_inputs(set, &ctx.attributes, rec, &mut findings)?;
    let region = select_region(set, ctx);
    let (group, group_finding) = super::group::group_of(set, ctx);
    findings.extend(group_finding);
    // Resolve thresholds once for this unit and year.
    let params = resolve_thresholds(scenario, set, rec.year, region.as_deref(), group.as_deref());
    // The scope is filled only if an expression needs Rhai.
    let mut x = Exprs::new(scope, how.expressions);
    let frame = Frame {
        engine,
        set,
        params: &params,
        year: rec.year,
        region: region.as_deref(),
        lean: detail != super::detail::Detail::Full,
    };
    let mut diags = Diagnostics::default();
    let mut criteria = evaluate_criteria(&frame, &mut x, &typed, rec, &mut findings, &mut diags);
    if diags.has_errors() {
        return Err(diags);
    }
    findings.extend(unknown_declared(set, rec));
    let mut count = Count::of(&criteria);
    let mut counts = level_counts(set, &criteria);
    let count_only = count_only(set, rec, &criteria, &mut count, &mut counts);
    let scoring = set.scoring.as_ref().map(|sc| unit_score(sc, &criteria));
    let recognition = set
        .recognition
        .as_ref()
        .map(|r| evaluate_recognition(&frame, &mut x, r, &typed, &count, &mut diags));
    if diags.has_errors() {
        return Err(diags);
    }
    if !count_only {
        findings.extend(reported_total_mismatch(rec, count.met));
        findings.extend(level_count_mismatches(rec, &counts));
    }
    let level = unit_level(
        &frame, x.mode, &count, &counts, &criteria, count_only, &mut diags,
    );
    let level_source = level_decides(set, level.as_ref(), &mut count);
    findings.extend(published_verdict(
        set,
        rec,
        count.verdict,
        level.as_ref(),
        &mut diags,
    ));
    if diags.has_errors() {
        return Err(diags);
    }
    let (unverified, weakest_source) = threshold_sources(&criteria, &mut findings);
    let weakest_source = weakest_source.max(level_source);
    if detail == super::detail::Detail::Criteria {
        for c in &mut criteria {
            c.indicators.clear();
        }
    }
    findings.extend(illustrative_data(rec));
    let mut result = unit_result(set, ctx, rec, region, count, criteria);
    result.level = level;
    result.counts = counts;
    result.count_only = count_only;
    result.unverified = unverified;
    result.weakest_source = weakest_source;
    result.scoring = scoring;
    result.recognition = recognition;
    result.findings = findings;
    result.group = group;
    Ok(result)
}

/// The result of a unit and year: who, under which set, the count and verdict; the
/// rest is filled in by the caller.
fn unit_result(
    set: &RuleSet,
    ctx: &UnitCtx<'_>,
    rec: &Record,
    region: Option<String>,
    count: Count,
    criteria: Vec<CriterionResult>,
) -> UnitResult {
    UnitResult {
        level: None,
        counts: Default::default(),
        levels: level_labels(set),
        count_only: false,
        parts: Vec::new(),
        unit: unit_ref(ctx),
        year: rec.year,
        ruleset: set.id.clone(),
        ruleset_title: set.title.clone(),
        region,
        group: None,
        stage: set.stage,
        document: set.document.number.clone(),
        met: count.met,
        total: count.total,
        verdict: count.verdict,
        reported_total: rec.reported_total.as_ref().map(|t| t.0),
        unverified: Default::default(),
        weakest_source: Default::default(),
        provenance: rec.provenance,
        criteria,
        scoring: None,
        recognition: None,
        findings: Vec::new(),
    }
}

/// The region whose thresholds apply: the first region rule whose flag the unit has,
/// else the unit's `region` attribute, else the set's default.
fn select_region(set: &RuleSet, ctx: &UnitCtx<'_>) -> Option<String> {
    set.region_rules
        .iter()
        .find(|r| attribute_flag(&ctx.attributes, &r.when))
        .map(|r| r.region.clone())
        .or_else(|| ctx.attribute_text("region"))
        .or_else(|| set.region.clone())
}

/// Each parameter's value: a what-if value, else the one for the year, region and group.
fn resolve_thresholds<'a>(
    scenario: &'a crate::engine::scenario::Scenario,
    set: &'a RuleSet,
    year: i32,
    region: Option<&str>,
    group: Option<&str>,
) -> Params<'a> {
    let mut params = Params::new();
    for p in set.parameters.values() {
        let value = scenario
            .value(&set.id, &p.id)
            .or_else(|| p.resolve(year, region, group));
        params.insert(p.id.as_str(), value);
    }
    params
}

/// Every criterion with its indicators; expression errors go to `diags`.
fn evaluate_criteria(
    f: &Frame<'_>,
    x: &mut Exprs<'_>,
    typed: &Typed,
    rec: &Record,
    findings: &mut Vec<Finding>,
    diags: &mut Diagnostics,
) -> Vec<CriterionResult> {
    let names = Names {
        typed,
        params: f.params,
        extra: &[],
    };
    let mut criteria = Vec::new();
    for c in &f.set.criteria {
        let mut indicators = Vec::new();
        for ind in &c.indicators {
            match evaluate_indicator(f, x, ind, &names) {
                Ok(r) => indicators.push(r),
                Err(d) => diags.push(d),
            }
        }
        let mut cr = decide_criterion(f.set, c, indicators, rec, findings, diags);
        cr.score = criterion_score(f.set, &cr);
        criteria.push(cr);
    }
    criteria
}

/// Declared statuses for this set naming criteria it does not have.
fn unknown_declared(set: &RuleSet, rec: &Record) -> Vec<Finding> {
    rec.declared_applying(&set.id, set.stage.code())
        .filter(|(k, _)| set.criterion(k).is_none())
        .map(|(k, d)| Finding {
            detail: FindingDetail::UnknownCriterion {
                ruleset: set.id.clone(),
            },
            criterion: Some(k.to_string()),
            location: Some(d.span.to_string()),
        })
        .collect()
}

/// Criteria met, criteria in all, and the verdict they give.
struct Count {
    met: usize,
    total: usize,
    verdict: Verdict,
}

impl Count {
    fn of(criteria: &[CriterionResult]) -> Count {
        let (met, total, verdict) = Verdict::of(criteria);
        Count {
            met,
            total,
            verdict,
        }
    }
}

/// Criteria per level (only for a set that declares levels).
/// The set's criterion levels with their labels, best first (readers name `counts` by them).
fn level_labels(set: &RuleSet) -> Vec<crate::report::UnitLevel> {
    set.levels
        .iter()
        .map(|l| crate::report::UnitLevel {
            id: l.id.clone(),
            label: l.label.clone(),
            means: None,
        })
        .collect()
}

fn level_counts(set: &RuleSet, criteria: &[CriterionResult]) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    if set.levels.is_empty() {
        return counts;
    }
    for l in &set.levels {
        counts.insert(l.id.clone(), 0);
    }
    for c in criteria {
        if let Some(l) = &c.level {
            *counts.entry(l.id.clone()).or_default() += 1;
        }
    }
    counts
}

/// A record that gives only the number of criteria met (and per level): no criterion is
/// decided, and the count stands for them. Returns whether it is such a record.
fn count_only(
    set: &RuleSet,
    rec: &Record,
    criteria: &[CriterionResult],
    count: &mut Count,
    counts: &mut BTreeMap<String, usize>,
) -> bool {
    if criteria.iter().any(|c| c.status != Status::Missing) {
        return false;
    }
    let best = set.levels.first().map(|l| l.id.as_str());
    let met = match (&rec.reported_total, best.and_then(|b| rec.counts.get(b))) {
        (Some((t, _)), _) => *t,
        (None, Some((t, _))) => *t,
        (None, None) => return false,
    };
    let met = usize::try_from(met).unwrap_or(0).min(count.total);
    count.met = met;
    count.verdict = if met == count.total {
        Verdict::Met
    } else {
        Verdict::NotMet
    };
    for (k, (v, _)) in &rec.counts {
        counts.insert(k.clone(), usize::try_from(*v).unwrap_or(0));
    }
    true
}

/// Published counts per level that the recount contradicts.
fn level_count_mismatches(rec: &Record, counts: &BTreeMap<String, usize>) -> Vec<Finding> {
    rec.counts
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

/// The unit's level by the set's verdict rules, when every criterion is decided (or the
/// published counts per level stand for them).
fn unit_level(
    f: &Frame<'_>,
    mode: Expressions,
    count: &Count,
    counts: &BTreeMap<String, usize>,
    criteria: &[CriterionResult],
    count_only: bool,
    diags: &mut Diagnostics,
) -> Option<UnitLevel> {
    let set = f.set;
    if set.verdicts.is_empty() {
        return None;
    }
    let complete = if count_only {
        set.levels
            .iter()
            .map(|l| counts.get(&l.id).copied().unwrap_or(0))
            .sum::<usize>()
            == count.total
    } else {
        criteria.iter().all(|c| c.status != Status::Missing)
    };
    if !complete {
        return None;
    }
    let mut named = Vec::new();
    for l in &set.levels {
        let n = counts.get(&l.id).copied().unwrap_or(0) as i64;
        named.push((l.id.as_str(), Value::Int(n)));
    }
    named.push(("met", Value::Int(count.met as i64)));
    named.push(("total", Value::Int(count.total as i64)));
    let mut scope = None;
    for v in &set.verdicts {
        match super::exprs::verdict_holds(f.engine, mode, &named, &mut scope, &v.when) {
            Ok(true) => {
                return Some(UnitLevel {
                    id: v.id.clone(),
                    label: v.label.clone(),
                    means: Some(v.means),
                })
            }
            Ok(false) => {}
            Err(err) => {
                let span = crate::rules::expr::map_position(
                    &set.source,
                    &v.when.span,
                    &v.when.source,
                    err.position(),
                );
                diags.push(crate::rules::expr::runtime_error(
                    span,
                    &err,
                    &crate::core::problem::Owner::new(
                        crate::core::problem::OwnerKind::Verdict,
                        v.id.as_str(),
                    ),
                ));
                return None;
            }
        }
    }
    None
}

/// A unit level decides the verdict by what it stands for (a step such as "cơ bản đạt
/// chuẩn" is not yet đạt chuẩn); returns the source level of the rule that decided it.
fn level_decides(
    set: &RuleSet,
    level: Option<&UnitLevel>,
    count: &mut Count,
) -> Option<SourceLevel> {
    let level = level?;
    let rule = set.verdicts.iter().find(|v| v.id == level.id)?;
    count.verdict = match rule.means {
        crate::rules::model::LevelMeaning::Met => Verdict::Met,
        _ => Verdict::NotMet,
    };
    Some(rule.source_level)
}

/// A published verdict (a verdict word, or a level of the set) compared with ours.
fn published_verdict(
    set: &RuleSet,
    rec: &Record,
    verdict: Verdict,
    level: Option<&UnitLevel>,
    diags: &mut Diagnostics,
) -> Option<Finding> {
    let (text, span) = rec.published_verdict.as_ref()?;
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
        (None, Some(p)) if verdict != Verdict::Incomplete => (p == verdict, verdict_code(verdict)),
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

fn verdict_code(v: Verdict) -> String {
    match v {
        Verdict::Met => "met",
        Verdict::NotMet => "not_met",
        Verdict::Incomplete => "incomplete",
    }
    .to_string()
}

/// Recognition conditions, which may also read the criteria counts.
fn evaluate_recognition(
    f: &Frame<'_>,
    x: &mut Exprs<'_>,
    r: &Recognition,
    typed: &Typed,
    count: &Count,
    diags: &mut Diagnostics,
) -> RecognitionResult {
    // Conditions are shown in every detail.
    let f = &Frame { lean: false, ..*f };
    // The criteria counts are known only when no criterion is missing.
    let builtins = if count.verdict != Verdict::Incomplete {
        vec![
            ("criteria_met", Value::Int(count.met as i64)),
            ("criteria_total", Value::Int(count.total as i64)),
            ("all_criteria_met", Value::Bool(count.met == count.total)),
        ]
    } else {
        Vec::new()
    };
    x.push_extra(&builtins);
    let names = Names {
        typed,
        params: f.params,
        extra: &builtins,
    };
    let mut conditions = Vec::new();
    for c in &r.conditions {
        match evaluate_indicator(f, x, c, &names) {
            Ok(res) => conditions.push(res),
            Err(d) => diags.push(d),
        }
    }
    let status = if conditions.iter().any(|c| c.status == Outcome::Fail) {
        Recognisable::NotRecognisable
    } else if conditions.iter().all(|c| c.status == Outcome::Pass) {
        Recognisable::Recognisable
    } else {
        Recognisable::Incomplete
    };
    RecognitionResult {
        title: r.title.clone(),
        citation: r.citation.clone(),
        status,
        conditions,
    }
}

fn reported_total_mismatch(rec: &Record, met: usize) -> Option<Finding> {
    let (reported, span) = rec.reported_total.as_ref()?;
    (*reported != met as i64).then(|| Finding {
        detail: FindingDetail::ReportedTotalMismatch {
            reported: *reported,
            counted: met,
        },
        criterion: None,
        location: Some(span.to_string()),
    })
}

/// Whether the verdict rests on an unverified threshold, and the weakest source it
/// rests on, with a finding naming the indicators when it does.
fn threshold_sources(
    criteria: &[CriterionResult],
    findings: &mut Vec<Finding>,
) -> (bool, Option<SourceLevel>) {
    let unverified = criteria.iter().any(|c| c.unverified);
    // The verdict rests on the indicators of computed criteria that were decided.
    let resting: Vec<&IndicatorResult> = criteria
        .iter()
        .filter(|c| c.basis == Basis::Computed)
        .flat_map(|c| c.indicators.iter())
        .filter(|i| i.status != Outcome::Missing)
        .collect();
    let weakest_source = resting.iter().filter_map(|i| i.weakest_source).max();
    if unverified {
        let ids: Vec<String> = resting
            .iter()
            .filter(|i| i.unverified)
            .map(|i| i.id.clone())
            .collect();
        findings.push(Finding {
            detail: FindingDetail::UnverifiedThreshold {
                indicators: ids,
                weakest: weakest_source.unwrap_or(SourceLevel::None),
            },
            criterion: None,
            location: None,
        });
    }
    (unverified, weakest_source)
}

fn illustrative_data(rec: &Record) -> Option<Finding> {
    (rec.provenance == Some(crate::data::model::Provenance::Illustrative)).then(|| Finding {
        detail: FindingDetail::IllustrativeData,
        criterion: None,
        location: Some(rec.span.to_string()),
    })
}

fn unit_ref(ctx: &UnitCtx<'_>) -> UnitRef {
    let unit = ctx.unit;
    UnitRef {
        id: unit.id.clone(),
        name: unit.name.clone(),
        kind: unit.kind,
        parent: unit.parent.clone(),
        parent_name: ctx.parent_name.clone(),
    }
}
