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
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::Arc;

/// How a unit is evaluated: the what-if values, the detail kept, the evaluator of
/// expressions.
#[derive(Clone, Copy)]
pub struct How<'a, 't> {
    pub scenario: &'a crate::engine::scenario::Scenario,
    pub detail: super::detail::Detail,
    pub expressions: Expressions,
    /// Thresholds already resolved by this worker, if it keeps them.
    pub thresholds: Option<&'t Thresholds<'a>>,
}

/// Thresholds resolved once per set, year, region and group while a worker evaluates
/// its share of a run (the units of a run share a handful of them; resolving them for
/// every unit and year was a tenth of evaluating it).
#[derive(Default)]
pub struct Thresholds<'a> {
    /// A handful of entries, compared without making a key.
    resolved: RefCell<Vec<(ThresholdKey, Arc<Params<'a>>)>>,
}

/// A set (by address: sets do not move while a run evaluates), year, region, group.
type ThresholdKey = (usize, i32, Option<String>, Option<String>);

impl<'a> Thresholds<'a> {
    fn get(
        &self,
        scenario: &'a crate::engine::scenario::Scenario,
        set: &'a RuleSet,
        year: i32,
        region: Option<&str>,
        group: Option<&str>,
    ) -> Arc<Params<'a>> {
        let at = std::ptr::from_ref(set) as usize;
        let mut resolved = self.resolved.borrow_mut();
        let known = resolved.iter().find(|((s, y, r, g), _)| {
            (*s, *y, r.as_deref(), g.as_deref()) == (at, year, region, group)
        });
        if let Some((_, p)) = known {
            return Arc::clone(p);
        }
        let made = Arc::new(resolve_thresholds(scenario, set, year, region, group));
        // Bounded: a run with many regions and groups starts over rather than scan long.
        if resolved.len() >= 64 {
            resolved.clear();
        }
        let key = (
            at,
            year,
            region.map(str::to_string),
            group.map(str::to_string),
        );
        resolved.push((key, Arc::clone(&made)));
        made
    }
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
        thresholds: None,
    };
    evaluate_how(engine, scope, &how, set, ctx, rec)
}

/// The thresholds for the unit and year: those the worker resolved already, else
/// resolved now.
fn thresholds_for<'a>(
    how: &How<'a, '_>,
    set: &'a RuleSet,
    year: i32,
    region: Option<&str>,
    group: Option<&str>,
) -> Arc<Params<'a>> {
    match how.thresholds {
        Some(t) => t.get(how.scenario, set, year, region, group),
        None => Arc::new(resolve_thresholds(how.scenario, set, year, region, group)),
    }
}

/// One unit and year against one set, as `how` says.
pub fn evaluate_how<'a>(
    engine: &Engine,
    scope: &mut Scope<'static>,
    how: &How<'a, '_>,
    set: &'a RuleSet,
    ctx: &UnitCtx<'_>,
    rec: &Record,
) -> Result<UnitResult, Diagnostics> {
    let detail = how.detail;
    let mut findings = Vec::new();
    let typed = type_inputs(set, &ctx.attributes, rec, &mut findings)?;
    let region = select_region(set, ctx);
    let (group, group_finding) = super::group::group_of(set, ctx);
    findings.extend(group_finding);
    let params = thresholds_for(how, set, rec.year, region.as_deref(), group.as_deref());
    // The scope is filled only if an expression needs Rhai.
    let mut x = Exprs::new(scope, how.expressions);
    let frame = Frame {
        engine,
        set,
        params: &params,
        year: rec.year,
        region: region.as_deref(),
        lean: detail != super::detail::Detail::Full,
        keep_ids: detail != super::detail::Detail::Criteria,
    };
    let mut diags = Diagnostics::default();
    let (published, listed) = super::published::for_set(set, rec, &mut diags);
    let inputs = (&typed, rec, &listed);
    let mut criteria = evaluate_criteria(&frame, &mut x, inputs, &mut findings, &mut diags);
    if diags.has_errors() {
        return Err(diags);
    }
    findings.extend(unknown_declared(set, rec));
    let t = tally(set, published, &criteria);
    let scoring = set.scoring.as_ref().map(|sc| unit_score(sc, &criteria));
    let recognition = set
        .recognition
        .as_ref()
        .map(|r| evaluate_recognition(&frame, &mut x, r, &typed, &t.count, &mut diags));
    if diags.has_errors() {
        return Err(diags);
    }
    findings.extend(recount_findings(published, &t));
    let level = unit_level(&frame, x.mode, &t, &criteria, &mut diags);
    let mut t = t;
    let level_source = level_decides(set, level.as_ref(), &mut t.count);
    let verdict = t.count.verdict;
    findings.extend(super::published::published_verdict(
        set,
        published,
        verdict,
        level.as_ref(),
        &mut diags,
    ));
    if diags.has_errors() {
        return Err(diags);
    }
    let (unverified, weakest_source) = threshold_sources(&criteria, &mut findings);
    // A level decided by a verdict rule rests on the rule's source too.
    let weakest_source = weakest_source.max(level_source);
    if detail == super::detail::Detail::Criteria {
        for c in &mut criteria {
            c.indicators.clear();
        }
    }
    findings.extend(illustrative_data(rec));
    let mut result = unit_result(set, ctx, (rec, published), region, t, criteria);
    result.level = level;
    result.unverified = unverified;
    result.weakest_source = weakest_source;
    result.scoring = scoring;
    result.recognition = recognition;
    result.findings = findings;
    result.group = group;
    Ok(result)
}

/// The count and verdict, from the criteria or from what a list published.
struct Tally {
    count: Count,
    counts: BTreeMap<String, usize>,
    count_only: bool,
    partial: Option<super::published::Partial>,
}

/// The criteria counted; a published count stands for criteria no status decides (all
/// of them: count only; some: partial).
fn tally(
    set: &RuleSet,
    published: Option<&crate::data::Published>,
    criteria: &[CriterionResult],
) -> Tally {
    let mut count = Count::of(criteria);
    let mut counts = level_counts(set, criteria);
    let only = super::published::count_only(set, published, criteria, &mut counts);
    if let Some((met, verdict)) = only {
        count.met = met;
        count.verdict = verdict;
    }
    let count_only = only.is_some();
    let partial = (!count_only)
        .then(|| super::published::partial(set, published, criteria))
        .flatten();
    if let Some(p) = &partial {
        count.met = p.stands_for;
        count.verdict = p.verdict;
    }
    Tally {
        count,
        counts,
        count_only,
        partial,
    }
}

/// Published totals the recount contradicts: every criterion decided, the recount; some
/// decided, only what the known ones contradict; none, nothing to compare.
fn recount_findings(published: Option<&crate::data::Published>, t: &Tally) -> Vec<Finding> {
    match (&t.partial, published) {
        (Some(p), _) => p.contradiction().into_iter().collect(),
        (None, Some(pb)) if !t.count_only => {
            let mut out: Vec<Finding> = super::published::reported_total_mismatch(pb, t.count.met)
                .into_iter()
                .collect();
            out.extend(super::published::level_count_mismatches(pb, &t.counts));
            out
        }
        _ => Vec::new(),
    }
}

/// The result of a unit and year: who, under which set, the count and verdict; the
/// rest is filled in by the caller.
fn unit_result(
    set: &RuleSet,
    ctx: &UnitCtx<'_>,
    (rec, published): (&Record, Option<&crate::data::Published>),
    region: Option<String>,
    t: Tally,
    criteria: Vec<CriterionResult>,
) -> UnitResult {
    let count = t.count;
    UnitResult {
        level: None,
        counts: t.counts,
        levels: level_labels(set),
        count_only: t.count_only,
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
        reported_total: published
            .and_then(|p| p.reported_total.as_ref())
            .map(|t| t.0),
        published_verdict: published
            .and_then(|p| p.verdict.as_ref())
            .map(|v| v.0.clone()),
        partial: t.partial.map(|p| p.known),
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
    // In the set's order of parameters, which `rules::native::Slot` counts by.
    let values = set.parameters.iter().map(|(k, p)| {
        let value = scenario
            .value(&set.id, &p.id)
            .or_else(|| p.resolve(year, region, group));
        (k.as_str(), value)
    });
    Params::new(values.collect())
}

/// Every criterion with its indicators; expression errors go to `diags`.
fn evaluate_criteria(
    f: &Frame<'_>,
    x: &mut Exprs<'_>,
    (typed, rec, listed): (&Typed, &Record, &super::published::ListedStatuses),
    findings: &mut Vec<Finding>,
    diags: &mut Diagnostics,
) -> Vec<CriterionResult> {
    let names = Names {
        typed,
        params: f.params,
        extra: &[],
    };
    let mut criteria = Vec::with_capacity(f.set.criteria.len());
    for c in &f.set.criteria {
        let mut indicators = Vec::with_capacity(c.indicators.len());
        for ind in &c.indicators {
            match evaluate_indicator(f, x, ind, &names) {
                Ok(r) => indicators.push(r),
                Err(d) => diags.push(d),
            }
        }
        let declared = rec
            .declared_for(&f.set.id, f.set.stage, &c.id)
            .or_else(|| listed.get(&c.id));
        let mut cr = decide_criterion(f.set, c, indicators, declared, findings, diags);
        cr.score = criterion_score(f.set, &cr);
        criteria.push(cr);
    }
    criteria
}

/// Declared statuses for this set naming criteria it does not have.
fn unknown_declared(set: &RuleSet, rec: &Record) -> Vec<Finding> {
    rec.declared_applying(&set.id, set.stage)
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

/// The unit's level by the set's verdict rules, when every criterion is decided (or the
/// published counts per level stand for them).
fn unit_level(
    f: &Frame<'_>,
    mode: Expressions,
    t: &Tally,
    criteria: &[CriterionResult],
    diags: &mut Diagnostics,
) -> Option<UnitLevel> {
    let (count, counts, count_only) = (&t.count, &t.counts, t.count_only);
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
            Ok(mut res) => {
                // A condition rests on its own reading as on its thresholds.
                res.weakest_source = res.weakest_source.max(Some(r.source_level));
                conditions.push(res)
            }
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
    let weakest_source = (status != Recognisable::Incomplete)
        .then(|| conditions.iter().filter_map(|c| c.weakest_source).max())
        .flatten();
    RecognitionResult {
        title: r.title.clone(),
        citation: r.citation.clone(),
        status,
        conditions,
        weakest_source,
    }
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
