//! GoRules ZEN on the same xã rule set, as a decision table built programmatically:
//! inputNode → decisionTableNode (hit policy `collect`) → outputNode, one input column per
//! field, one row per way an indicator can pass (a conjunction of unary tests such as
//! `>= 80`; an `if` in a threshold or a `||` gives several rows), and the indicator's id
//! as the output. Thresholds are resolved for the year and region before the table is
//! built (one table per distinct resolution).
//!
//! Limits of the model: a decision table tells only which rows matched, so ZEN cannot
//! tell a missing value from a failing one (both are "no match"), and criteria, verdicts,
//! pending sources and prerequisites are not modelled; the check compares passes only.

use crate::expr::{Expr, Op};
use crate::native::{self, Table};
use anyhow::{anyhow, bail, Context, Result};
use ntm::core::units::UnitKind;
use ntm::core::value::{FieldType, Value};
use ntm::rules::RuleSet;
use rayon::prelude::*;
use serde_json::{json, Map, Value as Json};
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use zen_engine::Decision;

/// A row condition: (field, unary test) pairs, all of which must hold.
type Conj = Vec<(String, String)>;

/// A threshold or literal as a number, for a unary test.
fn constant(e: &Expr, params: &HashMap<&str, Option<&Value>>) -> Result<Option<String>> {
    Ok(match e {
        Expr::Num(x) => Some(format_num(*x)),
        Expr::Neg(a) => constant(a, params)?.map(|s| format!("-{s}")),
        Expr::Var(v) => match params.get(v.as_str()) {
            None => return Ok(None),
            Some(Some(Value::Int(i))) => Some(i.to_string()),
            Some(Some(Value::Number(x))) => Some(format_num(*x)),
            Some(Some(other)) => bail!("threshold `{v}` = {other:?} is not a number"),
            Some(None) => bail!("threshold `{v}` has no value (the indicator can never pass)"),
        },
        _ => None,
    })
}

fn format_num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// The rows (disjuncts) under which `e` holds.
fn rows(e: &Expr, params: &HashMap<&str, Option<&Value>>, bools: &[&str]) -> Result<Vec<Conj>> {
    match e {
        Expr::Var(v) if bools.contains(&v.as_str()) => Ok(vec![vec![(v.clone(), "true".into())]]),
        Expr::Not(a) => match &**a {
            Expr::Var(v) if bools.contains(&v.as_str()) => {
                Ok(vec![vec![(v.clone(), "false".into())]])
            }
            _ => rows(&negate(a)?, params, bools),
        },
        Expr::Bool(true) => Ok(vec![vec![]]),
        Expr::Bool(false) => Ok(vec![]),
        Expr::Bin(Op::And, a, b) => {
            let (ra, rb) = (rows(a, params, bools)?, rows(b, params, bools)?);
            let mut out = Vec::new();
            for x in &ra {
                for y in &rb {
                    let mut r = x.clone();
                    for (f, t) in y {
                        if r.iter().any(|(g, _)| g == f) {
                            bail!("`{f}` tested twice in one row: not modelled");
                        }
                        r.push((f.clone(), t.clone()));
                    }
                    out.push(r);
                }
            }
            Ok(out)
        }
        Expr::Bin(Op::Or, a, b) => {
            let mut out = rows(a, params, bools)?;
            out.extend(rows(b, params, bools)?);
            Ok(out)
        }
        Expr::Bin(op, a, b) if op.is_comparison() => {
            // A threshold chosen by `if`: one set of rows per branch.
            if let Expr::If(c, x, y) = &**b {
                let when = Expr::Bin(
                    Op::And,
                    c.clone(),
                    Box::new(Expr::Bin(*op, a.clone(), x.clone())),
                );
                let unless = Expr::Bin(
                    Op::And,
                    Box::new(negate(c)?),
                    Box::new(Expr::Bin(*op, a.clone(), y.clone())),
                );
                let mut out = rows(&when, params, bools)?;
                out.extend(rows(&unless, params, bools)?);
                return Ok(out);
            }
            if let Expr::If(..) = &**a {
                return rows(
                    &Expr::Bin(op.flipped(), b.clone(), a.clone()),
                    params,
                    bools,
                );
            }
            match (&**a, &**b) {
                (Expr::Var(f), k) if !params.contains_key(f.as_str()) => match constant(k, params)?
                {
                    Some(k) => Ok(vec![vec![(f.clone(), format!("{} {k}", zen_op(*op)))]]),
                    None => bail!("`{f} {} …`: the right side is not a threshold", op.symbol()),
                },
                (k, Expr::Var(f)) if !params.contains_key(f.as_str()) => rows(
                    &Expr::Bin(op.flipped(), b.clone(), Box::new(k.clone())),
                    params,
                    bools,
                ),
                _ => bail!("comparison `{e:?}` is not modelled as a unary test"),
            }
        }
        _ => bail!("`{e:?}` is not modelled as decision-table rows"),
    }
}

fn zen_op(op: Op) -> &'static str {
    match op {
        Op::Eq => "==",
        Op::Ne => "!=",
        o => o.symbol(),
    }
}

/// `!e`, pushed down to the tests (De Morgan; a comparison's negation).
fn negate(e: &Expr) -> Result<Expr> {
    Ok(match e {
        Expr::Not(a) => (**a).clone(),
        Expr::Var(_) => Expr::Not(Box::new(e.clone())),
        Expr::Bool(b) => Expr::Bool(!b),
        Expr::Bin(Op::And, a, b) => Expr::Bin(Op::Or, Box::new(negate(a)?), Box::new(negate(b)?)),
        Expr::Bin(Op::Or, a, b) => Expr::Bin(Op::And, Box::new(negate(a)?), Box::new(negate(b)?)),
        Expr::Bin(op, a, b) if op.is_comparison() => {
            let n = op
                .negated()
                .ok_or_else(|| anyhow!("cannot negate `{e:?}`"))?;
            Expr::Bin(n, a.clone(), b.clone())
        }
        _ => bail!("cannot negate `{e:?}`"),
    })
}

/// The JDM graph for one set and one resolution of its thresholds, with the number of
/// rows it holds.
fn graph(
    set: &RuleSet,
    parsed: &native::Parsed,
    si: usize,
    year: i32,
    region: Option<&str>,
) -> Result<(Json, usize)> {
    let bools: Vec<&str> = set
        .fields
        .values()
        .filter(|f| f.ty == FieldType::Bool)
        .map(|f| f.id.as_str())
        .collect();
    let mut columns: Vec<String> = Vec::new();
    let mut rules: Vec<Json> = Vec::new();
    for ind in set.criteria.iter().flat_map(|c| &c.indicators) {
        let params: HashMap<&str, Option<&Value>> = ind
            .params
            .iter()
            .map(|p| {
                (
                    p.as_str(),
                    set.parameters[p]
                        .resolve(year, region, None)
                        .and_then(|v| v.value.as_ref()),
                )
            })
            .collect();
        if params.values().any(Option::is_none) {
            // A threshold without a value for the year and region: ntm says missing; the
            // table has no row for it, so it never passes here either.
            continue;
        }
        let e = &parsed.exprs[&(si, ind.id.clone())];
        let conjs = rows(e, &params, &bools)
            .with_context(|| format!("{} indicator {}: `{}`", set.id, ind.id, ind.expr.source))?;
        for conj in conjs {
            let mut rule = Map::new();
            rule.insert("_id".into(), json!(format!("r{}", rules.len())));
            for (f, test) in conj {
                let i = match columns.iter().position(|c| *c == f) {
                    Some(i) => i,
                    None => {
                        columns.push(f.clone());
                        columns.len() - 1
                    }
                };
                rule.insert(format!("i{i}"), json!(test));
            }
            rule.insert("out".into(), json!(format!("\"{}\"", ind.id)));
            rules.push(Json::Object(rule));
        }
    }
    let inputs: Vec<Json> = columns
        .iter()
        .enumerate()
        .map(|(i, f)| json!({"id": format!("i{i}"), "name": f, "field": f}))
        .collect();
    let n = rules.len();
    Ok((
        json!({
            "nodes": [
                {"id": "in", "name": "request", "type": "inputNode", "content": {}},
                {"id": "table", "name": set.id, "type": "decisionTableNode", "content": {
                    "hitPolicy": "collect",
                    "inputs": inputs,
                    "outputs": [{"id": "out", "name": "indicator", "field": "indicator"}],
                    "rules": rules,
                }},
                {"id": "out", "name": "response", "type": "outputNode", "content": {}},
            ],
            "edges": [
                {"id": "e1", "sourceId": "in", "targetId": "table"},
                {"id": "e2", "sourceId": "table", "targetId": "out"},
            ],
        }),
        n,
    ))
}

/// The xã set ZEN evaluates: the one in force for the generated xã in the last year.
pub fn chosen_set(
    lib: &ntm::engine::library::RuleLibrary,
    units: &[native::Unit],
    last_year: i32,
) -> Result<usize> {
    let xa = units
        .iter()
        .find(|u| u.kind == UnitKind::Xa)
        .ok_or_else(|| anyhow!("no xã in the data"))?;
    let province = xa.attrs.get(ntm::engine::eval::PROVINCE).cloned();
    let unit = native::bare_unit(UnitKind::Xa);
    let sets = ntm::engine::eval::sets_in_force(
        lib,
        &unit,
        province.as_deref(),
        last_year,
        &ntm::engine::eval::SetEnds::default(),
    );
    let set = sets
        .iter()
        .find(|s| s.prerequisite.is_none())
        .ok_or_else(|| anyhow!("no xã set in force in {last_year}"))?;
    lib.sets
        .iter()
        .position(|s| s.id == set.id)
        .ok_or_else(|| anyhow!("set {} not in the library", set.id))
}

pub struct Stats {
    pub ruleset: String,
    pub years: Vec<i32>,
    pub unit_years: usize,
    pub indicator_evals: usize,
    pub tables: usize,
    pub rows: usize,
}

/// A record as ZEN's input: each field of the set typed (numbers with a decimal comma,
/// có/không), empty or out-of-range cells as null, as ntm types them.
fn context(
    set: &RuleSet,
    t: &Table,
    rec: &csv::StringRecord,
    cols: &[(usize, &str)],
) -> Result<Json> {
    let mut m = Map::new();
    for &(c, name) in cols {
        let field = &set.fields[name];
        let cell = rec.get(c).unwrap_or("").trim();
        let v = if cell.is_empty() {
            Json::Null
        } else {
            match field.ty {
                FieldType::Bool => match ntm::core::value::parse_bool(cell) {
                    Some(b) => Json::Bool(b),
                    None => bail!("{}: `{cell}` is not có/không", t.path.display()),
                },
                _ => {
                    let x: f64 = cell.replace(',', ".").parse().with_context(|| {
                        format!("{}: `{cell}` is not a number", t.path.display())
                    })?;
                    if field.range.is_some_and(|(lo, hi)| x < lo || x > hi) {
                        Json::Null
                    } else {
                        json!(x)
                    }
                }
            }
        };
        m.insert(name.to_string(), v);
    }
    Ok(Json::Object(m))
}

/// Evaluate every xã record of the years in which the chosen set is in force for it, and
/// write `unit;year;ids of the indicators passed` to `output`.
pub fn run(rules: &Path, data: &Path, output: &Path, last_year: i32) -> Result<Stats> {
    let lib = native::load_library(rules)?;
    let parsed = native::parse_sets(&lib)?;
    let units = native::read_units(data)?;
    let kind_of: HashMap<&str, &native::Unit> = units.iter().map(|u| (u.id.as_str(), u)).collect();
    let si = chosen_set(&lib, &units, last_year)?;
    let set = &lib.sets[si];
    let indicators = set.indicator_count();
    let file =
        std::fs::File::create(output).with_context(|| format!("creating {}", output.display()))?;
    let mut out = std::io::BufWriter::new(file);
    writeln!(out, "unit;year;passed")?;
    let mut stats = Stats {
        ruleset: set.id.clone(),
        years: Vec::new(),
        unit_years: 0,
        indicator_evals: 0,
        tables: 0,
        rows: 0,
    };
    let mut decisions: HashMap<(i32, Option<String>), Arc<Decision>> = HashMap::new();
    let mut graphs: HashMap<String, Arc<Decision>> = HashMap::new();
    for name in native::table_names(data)? {
        if !name.starts_with("xa-") {
            continue;
        }
        let t = native::read_table(&data.join(&name))?;
        let cols: Vec<(usize, &str)> = t
            .header
            .iter()
            .enumerate()
            .skip(2)
            .filter(|(_, h)| set.fields.contains_key(h.as_str()))
            .map(|(i, h)| (i, h.as_str()))
            .collect();
        // Which rows the set applies to, and the table (per year and region) for each.
        let mut work: Vec<(&csv::StringRecord, i32, Arc<Decision>)> = Vec::new();
        for rec in &t.rows {
            let id = rec.get(0).unwrap_or("").trim();
            let year: i32 = rec.get(1).unwrap_or("").trim().parse()?;
            let u = kind_of
                .get(id)
                .ok_or_else(|| anyhow!("{}: unknown unit `{id}`", t.path.display()))?;
            let province = u.attrs.get(ntm::engine::eval::PROVINCE).cloned();
            let in_force = ntm::engine::eval::sets_in_force(
                &lib,
                &native::bare_unit(u.kind),
                province.as_deref(),
                year,
                &ntm::engine::eval::SetEnds::default(),
            );
            if !in_force.iter().any(|s| s.id == set.id) {
                continue;
            }
            if u.attrs.contains_key("group") {
                bail!("unit {id}: commune groups are not modelled in the ZEN table");
            }
            let region = native::select_region(set, &u.attrs);
            let key = (year, region.clone());
            let d = match decisions.get(&key) {
                Some(d) => d.clone(),
                None => {
                    // Years whose thresholds resolve alike share one table.
                    let (g, n) = graph(set, &parsed, si, year, region.as_deref())?;
                    let text = g.to_string();
                    let d = match graphs.get(&text) {
                        Some(d) => Arc::clone(d),
                        None => {
                            let content = serde_json::from_value(g).context("the JDM graph")?;
                            let mut d = Decision::from(Arc::new(content));
                            d.compile();
                            let d = Arc::new(d);
                            stats.tables += 1;
                            stats.rows = stats.rows.max(n);
                            graphs.insert(text, Arc::clone(&d));
                            d
                        }
                    };
                    decisions.insert(key, Arc::clone(&d));
                    d
                }
            };
            if !stats.years.contains(&year) {
                stats.years.push(year);
            }
            work.push((rec, year, d));
        }
        let results: Vec<Result<String>> = work
            .par_iter()
            .map(|(rec, year, d)| {
                let ctx = context(set, &t, rec, &cols)?;
                let resp = futures_executor::block_on(d.evaluate(ctx.into()))
                    .map_err(|e| anyhow!("ZEN: {e}"))?;
                let result: Json = resp.result.to_value();
                let mut passed: Vec<String> = Vec::new();
                for r in result.as_array().into_iter().flatten() {
                    let id = r
                        .get("indicator")
                        .and_then(Json::as_str)
                        .ok_or_else(|| anyhow!("ZEN output without an indicator: {r}"))?;
                    if !passed.iter().any(|p| p == id) {
                        passed.push(id.to_string());
                    }
                }
                Ok(format!(
                    "{};{year};{}",
                    rec.get(0).unwrap_or("").trim(),
                    passed.join("|")
                ))
            })
            .collect();
        for r in results {
            writeln!(out, "{}", r?)?;
            stats.unit_years += 1;
            stats.indicator_evals += indicators;
        }
    }
    out.flush()?;
    stats.years.sort();
    Ok(stats)
}
