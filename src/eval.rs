//! Evaluation: each unit and year against each rule set in force for it. Indicators
//! are pass / fail / missing (missing is never a fail); criteria take the computed
//! status when values decide it, otherwise a declared one; the unit is đạt chuẩn only
//! when every criterion is met.

use crate::data::{CellAt, Dataset, Record, Unit};
use crate::date::Date;
use crate::diag::{Diagnostic, Diagnostics};
use crate::library::RuleLibrary;
use crate::report::*;
use crate::rules::{Criterion, Indicator, RuleSet};
use crate::value::Cell;
use crate::value::Scalar;
use crate::value::{type_cell, Value};
use rhai::{Engine, Scope};
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default)]
pub struct EvalOptions {
    /// Only this year (all years of the dataset when absent).
    pub year: Option<i32>,
    /// Evaluate with this rule set only, whatever its validity (for `diff`).
    pub ruleset: Option<String>,
    /// What-if values that replace thresholds for this run.
    pub scenario: crate::scenario::Scenario,
}

/// The rule sets in force for a unit kind on the last day of a year.
/// The attribute naming a unit's province (inherited from its parents).
pub const PROVINCE: &str = "province";

/// The rule sets in force for a unit on the last day of a year: national sets, and sets
/// of the unit's province, which take precedence over national ones of the same stage.
pub fn sets_in_force<'a>(
    lib: &'a RuleLibrary,
    unit: &Unit,
    province: Option<&str>,
    year: i32,
) -> Vec<&'a RuleSet> {
    let day = Date::end_of_year(year);
    let here = |s: &RuleSet| match (&s.jurisdiction, province) {
        (None, _) => true,
        (Some(j), Some(p)) => crate::text::name_key(j) == crate::text::name_key(p),
        (Some(_), None) => false,
    };
    let candidates: Vec<&RuleSet> = lib
        .sets
        .iter()
        .filter(|s| s.level == unit.kind && s.in_force(day) && here(s))
        .collect();
    candidates
        .iter()
        .copied()
        .filter(|s| {
            s.jurisdiction.is_some()
                || !candidates
                    .iter()
                    .any(|o| o.jurisdiction.is_some() && o.stage == s.stage)
        })
        .collect()
}

pub fn evaluate(
    lib: &RuleLibrary,
    ds: &Dataset,
    opts: &EvalOptions,
) -> Result<Report, Diagnostics> {
    let mut results = Vec::new();
    let mut notices = Vec::new();
    let mut diags = Diagnostics::default();
    let mut scope = Scope::new();
    // Units a set with a prerequisite does not apply to, reported once per set and year.
    let mut not_eligible: BTreeMap<(String, i32, Option<crate::rules::model::Stage>), Vec<String>> =
        BTreeMap::new();
    for rec in ds
        .records
        .iter()
        .filter(|r| opts.year.is_none_or(|y| r.year == y))
    {
        let Some(unit) = ds.unit(&rec.unit) else {
            continue;
        };
        let sets = match &opts.ruleset {
            Some(id) => lib
                .sets
                .iter()
                .filter(|s| &s.id == id && s.level == unit.kind)
                .collect(),
            None => {
                let province = attribute_text(&ds.attributes_of(unit), PROVINCE);
                sets_in_force(lib, unit, province.as_deref(), rec.year)
            }
        };
        if sets.is_empty() && opts.ruleset.is_none() {
            notices.push(Notice::NoRuleSet {
                unit: unit.id.clone(),
                unit_name: unit.name.clone(),
                unit_kind: unit.kind,
                year: rec.year,
            });
        }
        let ctx = UnitCtx {
            unit,
            parent_name: unit
                .parent
                .as_deref()
                .and_then(|p| ds.unit(p))
                .map(|p| p.name.clone()),
            attributes: ds.attributes_of(unit),
        };
        // Sets without a prerequisite first, so that an NTM verdict can open NTM nâng cao.
        let (plain, gated): (Vec<&RuleSet>, Vec<&RuleSet>) =
            sets.into_iter().partition(|s| s.prerequisite.is_none());
        let first = results.len();
        for set in plain.into_iter().chain(gated) {
            if eligible(set, &ctx, rec.year, &results[first..]).is_err() {
                not_eligible
                    .entry((set.id.clone(), rec.year, set.prerequisite))
                    .or_default()
                    .push(unit.name.clone());
                continue;
            }
            match evaluate_one(&lib.engine, &mut scope, &opts.scenario, set, &ctx, rec) {
                Ok(r) => results.push(r),
                Err(d) => diags.extend(d),
            }
        }
    }
    if let Some(y) = opts.year {
        if !ds.records.iter().any(|r| r.year == y) {
            notices.push(Notice::NoDataForYear {
                year: y,
                years: ds.years(),
            });
        }
    }
    for ((set, year, stage), names) in not_eligible {
        notices.push(Notice::NotEligible {
            ruleset: set,
            year,
            stage: stage.unwrap_or(crate::rules::model::Stage::Ntm),
            units: names,
        });
    }
    if diags.has_errors() {
        return Err(diags);
    }
    // Grouped by year and rule set; within a group, the dataset's order.
    results.sort_by(|a, b| (a.year, &a.ruleset).cmp(&(b.year, &b.ruleset)));
    let rules = lib.files.clone();
    Ok(Report {
        stamp: Stamp {
            engine: crate::ENGINE_VERSION.to_string(),
            rules,
            data: ds.files.clone(),
            year: opts.year,
            overrides: opts.scenario.texts(),
        },
        results,
        notices,
    })
}

/// The attribute holding the year a unit was recognised đạt chuẩn NTM.
pub const RECOGNISED_NTM: &str = "nam_dat_chuan_ntm";

/// A set with a prerequisite applies only to units that have reached that stage:
/// recognised in or before the year (attribute), or judged met this year by a set of
/// that stage in the same run.
pub fn eligible(
    set: &RuleSet,
    ctx: &UnitCtx<'_>,
    year: i32,
    same_unit_results: &[UnitResult],
) -> Result<(), NotEligible> {
    let Some(stage) = set.prerequisite else {
        return Ok(());
    };
    let recognised = attribute_text(&ctx.attributes, RECOGNISED_NTM)
        .and_then(|t| t.trim().parse::<f64>().ok())
        .map(|y| y as i64);
    if recognised.is_some_and(|y| y <= year as i64) {
        return Ok(());
    }
    let judged = same_unit_results.iter().any(|r| {
        r.unit.id == ctx.unit.id && r.year == year && r.verdict == Verdict::Met && r.stage == stage
    });
    if judged {
        return Ok(());
    }
    Err(NotEligible { stage })
}

/// Why a set with a prerequisite does not apply to a unit: it has not reached `stage`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotEligible {
    pub stage: crate::rules::model::Stage,
}

impl std::fmt::Display for NotEligible {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the set applies only to units already recognised as {} ({RECOGNISED_NTM} ≤ year, or met in the same year)",
            self.stage.code()
        )
    }
}

/// A unit as evaluation sees it: with its parent's name and inherited attributes.
pub struct UnitCtx<'a> {
    pub unit: &'a Unit,
    pub parent_name: Option<String>,
    pub attributes: BTreeMap<String, CellAt>,
}

impl UnitCtx<'_> {
    fn attribute_text(&self, key: &str) -> Option<String> {
        attribute_text(&self.attributes, key)
    }
}

/// A unit attribute as text (numbers and yes/no written out), NFC-normalised.
pub fn attribute_text(attributes: &BTreeMap<String, CellAt>, key: &str) -> Option<String> {
    attributes.get(key).map(|c| match &c.cell {
        Cell::Text(s) | Cell::Scalar(Scalar::Text(s)) => crate::text::norm(s),
        Cell::Scalar(Scalar::Int(i)) => i.to_string(),
        Cell::Scalar(Scalar::Float(x)) => x.to_string(),
        Cell::Scalar(Scalar::Bool(b)) => b.to_string(),
    })
}

/// Is a yes/no attribute set (true, 1, có, đạt …)?
pub fn attribute_flag(attributes: &BTreeMap<String, CellAt>, key: &str) -> bool {
    attribute_text(attributes, key)
        .and_then(|v| crate::value::parse_bool(&v))
        .unwrap_or(false)
}

/// Values a rule set can read for a unit in a year: unit attributes, then the
/// year's values, each typed against the set's field dictionary.
struct Typed {
    values: BTreeMap<String, Value>,
    out_of_range: std::collections::BTreeSet<String>,
}

fn type_inputs(
    set: &RuleSet,
    attributes: &BTreeMap<String, CellAt>,
    rec: &Record,
    findings: &mut Vec<Finding>,
) -> Result<Typed, Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut values = BTreeMap::new();
    let mut out_of_range = std::collections::BTreeSet::new();
    let cells = attributes.iter().chain(rec.values.iter());
    for (k, c) in cells {
        let Some(field) = set.fields.get(k) else {
            continue;
        };
        match type_cell(&c.cell, field.ty, rec.number_format) {
            Ok(v) => {
                if let (Some(x), Some((lo, hi))) = (v.as_f64(), field.range) {
                    if x < lo || x > hi {
                        findings.push(Finding {
                            detail: FindingDetail::OutOfRange {
                                field: k.clone(),
                                label: field.label.clone(),
                                value: x,
                                min: lo,
                                max: hi.is_finite().then_some(hi),
                            },
                            criterion: None,
                            location: Some(c.span.to_string()),
                        });
                        out_of_range.insert(k.clone());
                        values.remove(k);
                        continue;
                    }
                }
                out_of_range.remove(k);
                values.insert(k.clone(), v);
            }
            Err(e) => diags.push(
                Diagnostic::error(
                    c.span.clone(),
                    "bad-value",
                    format!("{} (`{k}`): {e}", field.label),
                )
                .with_help(format!(
                    "this field is declared as {} in {}",
                    field.ty.label(),
                    set.file.display()
                )),
            ),
        }
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(Typed {
            values,
            out_of_range,
        })
    }
}

pub fn evaluate_one(
    engine: &Engine,
    scope: &mut Scope<'static>,
    scenario: &crate::scenario::Scenario,
    set: &RuleSet,
    ctx: &UnitCtx<'_>,
    rec: &Record,
) -> Result<UnitResult, Diagnostics> {
    let unit = ctx.unit;
    let mut findings = Vec::new();
    let typed = type_inputs(set, &ctx.attributes, rec, &mut findings)?;
    let region = set
        .region_rules
        .iter()
        .find(|r| attribute_flag(&ctx.attributes, &r.when))
        .map(|r| r.region.clone())
        .or_else(|| ctx.attribute_text("region"))
        .or_else(|| set.region.clone());
    let group = ctx.attribute_text("group");
    // Resolve thresholds once for this unit and year.
    let mut params: BTreeMap<&str, Option<&crate::rules::ParamValue>> = BTreeMap::new();
    for p in set.parameters.values() {
        let value = scenario
            .value(&set.id, &p.id)
            .or_else(|| p.resolve(rec.year, region.as_deref(), group.as_deref()));
        params.insert(p.id.as_str(), value);
    }
    scope.clear();
    for (k, v) in &typed.values {
        scope.push_dynamic(k.clone(), v.to_dynamic());
    }
    for (k, v) in &params {
        if let Some(v) = v {
            scope.push_dynamic(k.to_string(), v.value.to_dynamic());
        }
    }
    let mut diags = Diagnostics::default();
    let mut criteria = Vec::new();
    for c in &set.criteria {
        let mut indicators = Vec::new();
        for ind in &c.indicators {
            match evaluate_indicator(
                engine,
                scope,
                set,
                ind,
                &typed,
                &params,
                rec.year,
                region.as_deref(),
            ) {
                Ok(r) => indicators.push(r),
                Err(d) => diags.push(d),
            }
        }
        let mut cr = decide_criterion(set, c, indicators, rec, &mut findings);
        if let Some(sc) = set
            .scoring
            .as_ref()
            .filter(|sc| sc.pending_source.is_none())
        {
            let scores: Vec<&Score> = cr
                .indicators
                .iter()
                .filter_map(|i| i.points.as_ref())
                .collect();
            if !scores.is_empty() {
                cr.score = Some(total_score(sc, &scores));
            }
        }
        criteria.push(cr);
    }
    if diags.has_errors() {
        return Err(diags);
    }
    for (k, d) in rec.declared_applying(&set.id, set.stage.code()) {
        if set.criterion(k).is_none() {
            findings.push(Finding {
                detail: FindingDetail::UnknownCriterion {
                    ruleset: set.id.clone(),
                },
                criterion: Some(k.to_string()),
                location: Some(d.span.to_string()),
            });
        }
    }
    let met = criteria.iter().filter(|c| c.status == Status::Met).count();
    let total = criteria.len();
    let verdict = if criteria.iter().any(|c| c.status == Status::NotMet) {
        Verdict::NotMet
    } else if met == total {
        Verdict::Met
    } else {
        Verdict::Incomplete
    };
    let scoring = set.scoring.as_ref().map(|sc| match &sc.pending_source {
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
    });
    let recognition = match &set.recognition {
        None => None,
        Some(r) => {
            // The criteria counts are known only when no criterion is missing.
            let mut with = Typed {
                values: typed.values.clone(),
                out_of_range: typed.out_of_range.clone(),
            };
            if verdict != Verdict::Incomplete {
                let builtins = [
                    ("criteria_met", Value::Int(met as i64)),
                    ("criteria_total", Value::Int(total as i64)),
                    ("all_criteria_met", Value::Bool(met == total)),
                ];
                for (k, v) in builtins {
                    scope.push_dynamic(k, v.to_dynamic());
                    with.values.insert(k.to_string(), v);
                }
            }
            let mut conditions = Vec::new();
            for c in &r.conditions {
                match evaluate_indicator(
                    engine,
                    scope,
                    set,
                    c,
                    &with,
                    &params,
                    rec.year,
                    region.as_deref(),
                ) {
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
            Some(RecognitionResult {
                title: r.title.clone(),
                citation: r.citation.clone(),
                status,
                conditions,
            })
        }
    };
    if diags.has_errors() {
        return Err(diags);
    }
    if let Some((reported, span)) = &rec.reported_total {
        if *reported != met as i64 {
            findings.push(Finding {
                detail: FindingDetail::ReportedTotalMismatch {
                    reported: *reported,
                    counted: met,
                },
                criterion: None,
                location: Some(span.to_string()),
            });
        }
    }
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
                weakest: weakest_source.unwrap_or(crate::rules::model::SourceLevel::None),
            },
            criterion: None,
            location: None,
        });
    }
    if rec.provenance == Some(crate::data::model::Provenance::Illustrative) {
        findings.push(Finding {
            detail: FindingDetail::IllustrativeData,
            criterion: None,
            location: Some(rec.span.to_string()),
        });
    }
    Ok(UnitResult {
        unit: UnitRef {
            id: unit.id.clone(),
            name: unit.name.clone(),
            kind: unit.kind,
            parent: unit.parent.clone(),
            parent_name: ctx.parent_name.clone(),
        },
        year: rec.year,
        ruleset: set.id.clone(),
        ruleset_title: set.title.clone(),
        region: region.clone(),
        stage: set.stage,
        document: set.document.number.clone(),
        met,
        total,
        verdict,
        reported_total: rec.reported_total.as_ref().map(|t| t.0),
        unverified,
        weakest_source,
        provenance: rec.provenance,
        criteria,
        scoring,
        recognition,
        findings,
    })
}

#[allow(clippy::too_many_arguments)]
fn evaluate_indicator(
    engine: &Engine,
    scope: &mut Scope<'static>,
    set: &RuleSet,
    ind: &Indicator,
    typed: &Typed,
    params: &BTreeMap<&str, Option<&crate::rules::ParamValue>>,
    year: i32,
    region: Option<&str>,
) -> Result<IndicatorResult, Diagnostic> {
    let mut inputs: Vec<InputUsed> = ind
        .fields
        .iter()
        .map(|f| {
            let field = &set.fields[f];
            InputUsed {
                field: f.clone(),
                label: field.label.clone(),
                value: typed.values.get(f).cloned(),
                unit: field.unit.clone(),
            }
        })
        .collect();
    for b in &ind.builtins {
        let label = crate::rules::BUILTINS
            .iter()
            .find(|x| x.0 == b.as_str())
            .map(|x| x.2)
            .unwrap_or_default();
        inputs.push(InputUsed {
            field: b.clone(),
            label: label.to_string(),
            value: typed.values.get(b).cloned(),
            unit: None,
        });
    }
    let threshold: Vec<ThresholdUsed> = ind
        .params
        .iter()
        .filter_map(|p| {
            let param = &set.parameters[p];
            params
                .get(p.as_str())
                .copied()
                .flatten()
                .map(|v| ThresholdUsed {
                    parameter: p.clone(),
                    label: param.label.clone(),
                    value: v.value.clone(),
                    unit: param.unit.clone(),
                    verified: v.source_level == crate::rules::model::SourceLevel::Official,
                    source_level: v.source_level,
                    citation: v.citation.clone(),
                    note: v.note.clone(),
                })
        })
        .collect();
    let unverified = threshold.iter().any(|t| !t.verified);
    let weakest_source = threshold.iter().map(|t| t.source_level).max();
    let mut result = IndicatorResult {
        id: ind.id.clone(),
        name: ind.name.clone(),
        status: Outcome::Missing,
        value: None,
        threshold,
        shortfall: None,
        inputs,
        unverified,
        department: ind.department.clone(),
        citation: ind.citation.clone(),
        expr: ind.expr.source.clone(),
        reason: None,
        weakest_source,
        points: ind.points.map(|max| Score {
            earned: None,
            max,
            percent: None,
            level: None,
            level_label: None,
            pending_source: None,
        }),
    };
    let missing: Vec<&str> = ind
        .fields
        .iter()
        .chain(&ind.builtins)
        .filter(|f| !typed.values.contains_key(*f))
        .map(String::as_str)
        .collect();
    if !missing.is_empty() {
        result.reason = Some(MissingReason::NoValue {
            fields: missing.iter().map(|f| f.to_string()).collect(),
            out_of_range: missing
                .iter()
                .filter(|f| typed.out_of_range.contains(**f))
                .map(|f| f.to_string())
                .collect(),
        });
        return Ok(result);
    }
    let unresolved: Vec<&str> = ind
        .params
        .iter()
        .filter(|p| params.get(p.as_str()).copied().flatten().is_none())
        .map(String::as_str)
        .collect();
    if !unresolved.is_empty() {
        result.reason = Some(MissingReason::NoThreshold {
            parameters: unresolved.iter().map(|p| p.to_string()).collect(),
            year,
            region: region.map(str::to_string),
        });
        return Ok(result);
    }
    let what = format!("indicator {} of {}", ind.id, set.id);
    let run = |scope: &mut Scope<'static>, e: &crate::rules::Expression| {
        engine
            .eval_ast_with_scope::<rhai::Dynamic>(scope, &e.ast)
            .map_err(|err| {
                let span = crate::rules::expr::map_position(
                    &set.source,
                    &e.span,
                    &e.source,
                    err.position(),
                );
                crate::rules::expr::runtime_error(span, &err, &what)
            })
    };
    let decided = run(scope, &ind.expr)?;
    let pass = decided.as_bool().map_err(|t| {
        Diagnostic::error(
            ind.expr.span.clone(),
            "expression-type",
            format!("the expression of {what} gave {t}, not yes/no"),
        )
    })?;
    result.status = if pass { Outcome::Pass } else { Outcome::Fail };
    result.value = match &ind.value {
        Some(v) => Value::from_dynamic(&run(scope, v)?),
        None if ind.fields.len() == 1 => typed.values.get(&ind.fields[0]).cloned(),
        None => None,
    };
    if let (Some(p), Some(max)) = (result.points.as_mut(), ind.points) {
        let earned = match &ind.score {
            Some(e) => {
                let v = run(scope, e)?;
                let x = v
                    .as_float()
                    .ok()
                    .or_else(|| v.as_int().ok().map(|i| i as f64))
                    .ok_or_else(|| {
                        Diagnostic::error(
                            e.span.clone(),
                            "expression-type",
                            format!(
                                "the score expression of {what} gave {}, not a number",
                                v.type_name()
                            ),
                        )
                    })?;
                x.clamp(0.0, max)
            }
            None if pass => max,
            None => 0.0,
        };
        p.earned = Some(earned);
        p.percent = Some(earned / max * 100.0);
    }
    if !pass {
        let numeric: Vec<f64> = result
            .threshold
            .iter()
            .filter_map(|t| t.value.as_f64())
            .collect();
        if let (Some(v), [t]) = (
            result.value.as_ref().and_then(Value::as_f64),
            numeric.as_slice(),
        ) {
            result.shortfall = Some((t - v).abs());
        }
    }
    Ok(result)
}

fn decide_criterion(
    set: &RuleSet,
    c: &Criterion,
    indicators: Vec<IndicatorResult>,
    rec: &Record,
    findings: &mut Vec<Finding>,
) -> CriterionResult {
    // With `pending_source`, the encoded indicators are only part of the criterion:
    // a failing one decides "not met", but passing ones cannot make it met.
    let partial = c.pending_source.is_some();
    let computed = if indicators.is_empty() {
        None
    } else if indicators.iter().any(|i| i.status == Outcome::Fail) {
        Some(Status::NotMet)
    } else if !partial && indicators.iter().all(|i| i.status == Outcome::Pass) {
        Some(Status::Met)
    } else {
        None
    };
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

/// Sum of points; a percentage and level only when no part is missing.
fn total_score(sc: &crate::rules::Scoring, parts: &[&Score]) -> Score {
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
