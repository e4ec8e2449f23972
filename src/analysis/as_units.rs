//! Results on today's units: earlier results mapped onto the units that exist on a
//! date. A unit that continues alone keeps its result; a merged unit is judged
//! criterion by criterion only where a declared merge rule says how — raw values
//! aggregated (sum, mean, weighted mean, min, max) and re-evaluated, or the parts'
//! statuses combined (all parts met) — and is otherwise unknown. Never a guess.

use crate::core::date::Date;
use crate::core::diag::{Diagnostic, Diagnostics, Span};
use crate::core::value::{Cell, Scalar};
use crate::data::lineage::merge::MergeHow;
use crate::data::lineage::Lineage;
use crate::data::values::{Entry, Stored, Values};
use crate::data::{Dataset, Record};
use crate::engine::library::RuleLibrary;
use crate::report::{
    Basis, CriterionResult, Finding, FindingDetail, Report, Status, UnitRef, UnitResult, Verdict,
};
use crate::rules::RuleSet;
use std::collections::BTreeMap;

/// Results of a report mapped onto the units that exist on `date`.
pub fn map_report(
    lib: &RuleLibrary,
    ds: &Dataset,
    lineage: &Lineage,
    report: &Report,
    date: Date,
) -> Result<Report, Diagnostics> {
    // (successor, year, rule set) → the results of its parts, in report order.
    let mut groups: BTreeMap<(String, i32, String), Vec<&UnitResult>> = BTreeMap::new();
    let mut order: Vec<(String, i32, String)> = Vec::new();
    let mut split: Vec<(&UnitResult, Vec<String>)> = Vec::new();
    for r in &report.results {
        let succ = lineage.successors(&r.unit.id, date);
        if succ.len() > 1 {
            split.push((r, succ));
            continue;
        }
        let key = (succ[0].clone(), r.year, r.ruleset.clone());
        if !groups.contains_key(&key) {
            order.push(key.clone());
        }
        groups.entry(key).or_default().push(r);
    }
    let mut results = Vec::new();
    let mut diags = Diagnostics::default();
    for key in order {
        let parts = &groups[&key];
        let Some(unit) = ds.unit(&key.0) else {
            continue;
        };
        if let Some(d) = not_yet(lineage, unit, date) {
            diags.push(d);
            continue;
        }
        let unit_ref = unit_ref_at(ds, lineage, unit, date);
        if parts.len() == 1 && parts[0].unit.id == key.0 {
            let mut r = parts[0].clone();
            r.unit = unit_ref;
            results.push(r);
            continue;
        }
        let Some(set) = lib.get(&key.2) else { continue };
        match merged(lib, ds, set, unit, unit_ref, parts, key.1) {
            Ok(r) => results.push(r),
            Err(d) => diags.extend(d),
        }
    }
    // A unit split into several: its result says nothing about each piece.
    for (r, succ) in split {
        for s in succ {
            let Some(unit) = ds.unit(&s) else { continue };
            let mut m = r.clone();
            m.unit = unit_ref_at(ds, lineage, unit, date);
            m.parts = vec![r.unit.clone()];
            for c in &mut m.criteria {
                unknown(c);
            }
            let missing: Vec<String> = m.criteria.iter().map(|c| c.id.clone()).collect();
            recount(&mut m);
            m.findings.push(Finding {
                detail: FindingDetail::NoMergeRule { criteria: missing },
                criterion: None,
                location: None,
            });
            results.push(m);
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }
    let mut stamp = report.stamp.clone();
    stamp.as_units = Some(date);
    Ok(Report {
        stamp,
        results,
        notices: report.notices.clone(),
    })
}

/// A unit with results that does not exist yet on `date` (by its declared first day or
/// the lineage event creating it): results cannot be mapped back onto an earlier day.
fn not_yet(lineage: &Lineage, unit: &crate::data::Unit, date: Date) -> Option<Diagnostic> {
    let from = match lineage.existence(&unit.id, date) {
        crate::data::lineage::Existence::NotYet { from } => Some(from),
        _ => unit.valid_from.filter(|f| *f > date),
    }?;
    Some(Diagnostic::error(
        Span::file_only("--as-units"),
        crate::core::problem::DataProblem::AsUnitsBefore {
            unit: unit.name.clone(),
            date: date.to_string(),
            from: from.to_string(),
        },
    ))
}

fn unit_ref_at(ds: &Dataset, lineage: &Lineage, unit: &crate::data::Unit, date: Date) -> UnitRef {
    let parent = lineage.parent_at(unit, date);
    UnitRef {
        id: unit.id.clone(),
        name: lineage.name_at(unit, date),
        kind: lineage.kind_at(unit, date),
        parent_name: parent
            .as_deref()
            .and_then(|p| ds.unit(p))
            .map(|p| lineage.name_at(p, date)),
        parent,
    }
}

fn unknown(c: &mut CriterionResult) {
    c.status = Status::Missing;
    c.basis = Basis::None;
    c.computed = None;
    c.declared = None;
    for i in &mut c.indicators {
        i.status = crate::report::Outcome::Missing;
        i.value = None;
        i.shortfall = None;
    }
}

fn recount(r: &mut UnitResult) {
    (r.met, r.total, r.verdict) = Verdict::of(&r.criteria);
}

/// A merged unit's result: aggregated values re-evaluated where rules allow, statuses
/// of parts combined where rules allow, unknown elsewhere.
fn merged(
    lib: &RuleLibrary,
    ds: &Dataset,
    set: &RuleSet,
    unit: &crate::data::Unit,
    unit_ref: UnitRef,
    parts: &[&UnitResult],
    year: i32,
) -> Result<UnitResult, Diagnostics> {
    let records: Vec<&Record> = parts
        .iter()
        .filter_map(|p| {
            ds.records
                .iter()
                .find(|r| r.unit == p.unit.id && r.year == year)
        })
        .collect();
    // Fields combine only when every part has a record.
    let values = if records.len() == parts.len() {
        merged_values(lib, set, &records)
    } else {
        Values::default()
    };
    let rec = Record {
        unit: unit.id.clone(),
        year,
        values,
        declared: BTreeMap::new(),
        published: BTreeMap::new(),
        number_format: Default::default(),
        provenance: records.iter().find_map(|r| r.provenance),
        span: records
            .first()
            .map(|r| r.span.clone())
            .unwrap_or_else(|| crate::core::diag::Span::file_only("lineage")),
        order: 0,
    };
    let ctx = crate::engine::eval::UnitCtx {
        unit,
        parent_name: unit_ref.parent_name.clone(),
        attributes: ds.attributes_of(unit),
    };
    let mut scope = rhai::Scope::new();
    let mut r = crate::engine::eval::evaluate_one(
        &lib.engine,
        &mut scope,
        &Default::default(),
        crate::engine::eval::Detail::Full,
        set,
        &ctx,
        &rec,
    )?;
    r.unit = unit_ref;
    r.parts = parts.iter().map(|p| p.unit.clone()).collect();
    let no_rule = merge_criteria(lib, set, parts, &mut r);
    recount(&mut r);
    r.reported_total = None;
    r.findings
        .retain(|f| f.kind() != crate::report::FindingKind::ReportedTotalMismatch);
    if !no_rule.is_empty() {
        r.findings.push(Finding {
            detail: FindingDetail::NoMergeRule { criteria: no_rule },
            criterion: None,
            location: None,
        });
    }
    Ok(r)
}

/// Each field a merge rule covers, aggregated over the parts' records when every part
/// has it (and its weight).
fn merged_values(lib: &RuleLibrary, set: &RuleSet, records: &[&Record]) -> Values {
    let typed = |rec: &Record, field: &str| -> Option<f64> {
        let f = set.fields.get(field)?;
        let c = rec.values.get(field)?;
        c.stored
            .typed(f.ty, rec.number_format)
            .ok()
            .and_then(|v| v.as_f64())
    };
    let mut values = Values::default();
    for field in set.fields.keys() {
        let Some(rule) = lib.merge.field(&set.id, field) else {
            continue;
        };
        let xs: Option<Vec<f64>> = records.iter().map(|r| typed(r, field)).collect();
        let Some(xs) = xs else { continue };
        let agg = match rule.how {
            MergeHow::Sum => Some(xs.iter().sum()),
            MergeHow::Mean => Some(xs.iter().sum::<f64>() / xs.len() as f64),
            MergeHow::Min => xs.iter().copied().reduce(f64::min),
            MergeHow::Max => xs.iter().copied().reduce(f64::max),
            MergeHow::WeightedMean => {
                let w = rule.weight.as_deref().unwrap_or_default();
                let ws: Option<Vec<f64>> = records.iter().map(|r| typed(r, w)).collect();
                ws.and_then(|ws| {
                    let total: f64 = ws.iter().sum();
                    (total > 0.0)
                        .then(|| xs.iter().zip(&ws).map(|(x, w)| x * w).sum::<f64>() / total)
                })
            }
            MergeHow::AllParts => None,
        };
        if let (Some(x), Some(first)) = (agg, records.first()) {
            values.insert(Entry {
                field: field.as_str().into(),
                stored: Stored::raw(Cell::Scalar(Scalar::Float(x))),
                span: first.span.clone(),
            });
        }
    }
    values
}

/// Criteria not computed from the merged values: combined from the parts where a merge
/// rule says how (not met if any part is not, met if all are), else unknown. Returns
/// the criteria without a rule.
fn merge_criteria(
    lib: &RuleLibrary,
    set: &RuleSet,
    parts: &[&UnitResult],
    r: &mut UnitResult,
) -> Vec<String> {
    let mut no_rule = Vec::new();
    for c in &mut r.criteria {
        if c.basis == Basis::Computed {
            continue;
        }
        unknown(c);
        if lib.merge.criterion(&set.id, &c.id).is_none() {
            no_rule.push(c.id.clone());
            continue;
        }
        let statuses: Vec<Status> = parts
            .iter()
            .map(|p| {
                p.criteria
                    .iter()
                    .find(|x| x.id == c.id)
                    .map(|x| x.status)
                    .unwrap_or(Status::Missing)
            })
            .collect();
        // Parts for which the criterion does not apply leave it to the others.
        let applying: Vec<Status> = statuses
            .iter()
            .copied()
            .filter(|s| *s != Status::NotApplicable)
            .collect();
        c.status = if applying.is_empty() && !statuses.is_empty() {
            Status::NotApplicable
        } else if applying.contains(&Status::NotMet) {
            Status::NotMet
        } else if applying.iter().all(|s| *s == Status::Met) {
            Status::Met
        } else {
            Status::Missing
        };
        if c.status != Status::Missing {
            c.basis = Basis::Merged;
        }
    }
    no_rule
}
