//! The hand-written native evaluator: the same rule sets as ntm (loaded through the
//! `ntm` crate, which compiles them once), each indicator expression translated into a
//! native closure tree, then every record of the `ntm gen` tables read with the csv crate,
//! typed by hand (decimal comma, có/không) and judged without Rhai.
//!
//! It follows ntm's semantics for what the generated data exercises: sets in force for
//! the unit's province and year (provincial before national, a prerequisite stage only
//! after the unit was judged to meet it the same year), region and commune group for the
//! thresholds, values out of their field's range dropped, an indicator missing when an
//! input or a threshold is missing, a criterion met only when all its indicators pass
//! (never when its source is pending), the unit met only when every criterion is.
//! Anything it does not model (declared statuses, published totals, recognition years,
//! text fields, scenario overrides) is refused when present, never silently ignored.

use crate::expr::{self, Binding, BoolFn, Expr, Row};
use anyhow::{anyhow, bail, Context, Result};
use ntm::core::units::UnitKind;
use ntm::core::value::{FieldType, Value};
use ntm::rules::RuleSet;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The rule library, loaded through ntm exactly as `ntm eval` loads it.
pub fn load_library(rules: &Path) -> Result<ntm::engine::library::RuleLibrary> {
    let src =
        ntm::core::source::Sources::read(&[rules.to_path_buf()], ntm::core::source::YAML_EXTS)
            .map_err(|d| anyhow!("reading {}: {d:?}", rules.display()))?;
    let (lib, _warnings) = ntm::engine::library::load_library(&src)
        .map_err(|d| anyhow!("loading {}: {d:?}", rules.display()))?;
    Ok(lib)
}

/// One table of the generated dataset, in the manifest's order.
pub struct Table {
    pub path: PathBuf,
    pub header: Vec<String>,
    pub rows: Vec<csv::StringRecord>,
}

/// The tables a `ntm gen` manifest lists (units first), checked to be what it writes.
pub fn table_names(data: &Path) -> Result<Vec<String>> {
    let manifest = data.join("bo-du-lieu.yaml");
    let text = std::fs::read_to_string(&manifest)
        .with_context(|| format!("reading {}", manifest.display()))?;
    if !text.contains("number_format: vi") {
        bail!("{}: expected `number_format: vi`", manifest.display());
    }
    let names: Vec<String> = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- {file: "))
        .map(|l| l.trim_end_matches('}').trim().to_string())
        .collect();
    if names.is_empty() {
        bail!("{}: no `- {{file: …}}` table listed", manifest.display());
    }
    Ok(names)
}

pub fn read_table(path: &Path) -> Result<Table> {
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_path(path)
        .with_context(|| format!("reading {}", path.display()))?;
    let header = r
        .headers()
        .with_context(|| format!("reading {}", path.display()))?
        .iter()
        .map(str::to_string)
        .collect();
    let rows = r
        .records()
        .collect::<Result<Vec<_>, _>>()
        .with_context(|| format!("reading {}", path.display()))?;
    Ok(Table {
        path: path.to_path_buf(),
        header,
        rows,
    })
}

/// A unit with its attributes, inherited from its parents (nearer ones win; empty
/// cells inherit), as ntm reads a unit table.
pub struct Unit {
    pub id: String,
    pub kind: UnitKind,
    pub attrs: BTreeMap<String, String>,
}

pub fn read_units(data: &Path) -> Result<Vec<Unit>> {
    let t = read_table(&data.join("don-vi.csv"))?;
    let col = |k: &str| t.header.iter().position(|h| h == k);
    let (Some(id), Some(kind), Some(parent)) = (col("id"), col("kind"), col("parent")) else {
        bail!("{}: expected columns id, kind, parent", t.path.display());
    };
    for h in &t.header {
        if h == ntm::data::RECOGNISED_NTM || h == "aliases" || h == "valid_from" {
            bail!(
                "{}: column `{h}` is not modelled by the native evaluator",
                t.path.display()
            );
        }
    }
    let attr_cols: Vec<(usize, &String)> = t
        .header
        .iter()
        .enumerate()
        .filter(|(_, h)| !matches!(h.as_str(), "id" | "name" | "kind" | "parent"))
        .collect();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut units: Vec<Unit> = Vec::with_capacity(t.rows.len());
    for (n, row) in t.rows.iter().enumerate() {
        let get = |i: usize| row.get(i).unwrap_or("").trim();
        let k = UnitKind::parse(get(kind))
            .ok_or_else(|| anyhow!("{} row {}: bad kind", t.path.display(), n + 2))?;
        // Parents come before their children in generated data: inherit right away.
        let mut attrs = match get(parent) {
            "" => BTreeMap::new(),
            p => {
                let &pi = index.get(p).ok_or_else(|| {
                    anyhow!(
                        "{} row {}: parent `{p}` not listed before",
                        t.path.display(),
                        n + 2
                    )
                })?;
                units[pi].attrs.clone()
            }
        };
        for &(i, h) in &attr_cols {
            if !get(i).is_empty() {
                attrs.insert(h.clone(), ntm::core::text::norm(get(i)));
            }
        }
        index.insert(get(id).to_string(), units.len());
        units.push(Unit {
            id: get(id).to_string(),
            kind: k,
            attrs,
        });
    }
    Ok(units)
}

/// How one input is read from a cell.
#[derive(Clone, Copy)]
enum InputKind {
    Num,
    Count,
    Bool,
}

struct Input {
    col: usize,
    kind: InputKind,
    slot: usize,
    present: usize,
    range: Option<(f64, f64)>,
}

struct IndicatorPlan {
    /// Presence flags it needs; empty `f` when a threshold has no value (always missing).
    needs: Vec<usize>,
    f: Option<BoolFn>,
}

struct CriterionPlan {
    partial: bool,
    indicators: Vec<IndicatorPlan>,
}

/// A rule set bound to one table's columns and one resolution of its thresholds.
struct Plan {
    set: usize,
    inputs: Vec<Input>,
    nums: usize,
    bools: usize,
    presents: usize,
    criteria: Vec<CriterionPlan>,
}

/// Every indicator expression of the sets, parsed once.
pub struct Parsed {
    pub exprs: HashMap<(usize, String), Expr>,
}

/// Parse every indicator of every set of `kinds`, checking that the names it reads are
/// exactly those ntm found (fields and parameters), and that it reads no built-in.
pub fn parse_sets(lib: &ntm::engine::library::RuleLibrary) -> Result<Parsed> {
    let mut exprs = HashMap::new();
    for (si, set) in lib.sets.iter().enumerate() {
        for ind in set.criteria.iter().flat_map(|c| &c.indicators) {
            let e = expr::parse(&ind.expr.source).with_context(|| {
                format!("{} indicator {}: `{}`", set.id, ind.id, ind.expr.source)
            })?;
            let mut known: Vec<String> = ind.fields.iter().chain(&ind.params).cloned().collect();
            known.sort();
            let mut seen = e.vars();
            seen.sort();
            if seen != known || !ind.builtins.is_empty() {
                bail!(
                    "{} indicator {}: the translator reads {seen:?}, ntm reads {known:?} (built-ins {:?})",
                    set.id,
                    ind.id,
                    ind.builtins
                );
            }
            exprs.insert((si, ind.id.clone()), e);
        }
    }
    Ok(Parsed { exprs })
}

/// The region whose thresholds apply (ntm: a region rule's flag, else the unit's
/// `region`, else the set's own).
pub fn select_region(set: &RuleSet, attrs: &BTreeMap<String, String>) -> Option<String> {
    set.region_rules
        .iter()
        .find(|r| {
            attrs
                .get(&r.when)
                .and_then(|v| ntm::core::value::parse_bool(v))
                .unwrap_or(false)
        })
        .map(|r| r.region.clone())
        .or_else(|| attrs.get("region").cloned())
        .or_else(|| set.region.clone())
}

fn build_plan(
    lib: &ntm::engine::library::RuleLibrary,
    parsed: &Parsed,
    si: usize,
    header: &[String],
    year: i32,
    region: Option<&str>,
    group: Option<&str>,
) -> Result<Plan> {
    let set = &lib.sets[si];
    let mut inputs: Vec<Input> = Vec::new();
    let (mut nums, mut bools) = (0, 0);
    for (col, name) in header.iter().enumerate().skip(2) {
        let Some(field) = set.fields.get(name) else {
            continue;
        };
        let kind = match field.ty {
            FieldType::Number | FieldType::Percent => InputKind::Num,
            FieldType::Count => InputKind::Count,
            FieldType::Bool => InputKind::Bool,
            FieldType::Text => bail!("{}: text field `{name}` is not modelled", set.id),
        };
        let slot = match kind {
            InputKind::Bool => {
                bools += 1;
                bools - 1
            }
            _ => {
                nums += 1;
                nums - 1
            }
        };
        inputs.push(Input {
            col,
            kind,
            slot,
            present: inputs.len(),
            range: field.range,
        });
    }
    let by_name: HashMap<&str, &Input> =
        inputs.iter().map(|i| (header[i.col].as_str(), i)).collect();
    let mut criteria = Vec::new();
    for c in &set.criteria {
        let mut indicators = Vec::new();
        for ind in &c.indicators {
            let mut needs = Vec::new();
            let mut absent_column = false;
            for f in &ind.fields {
                match by_name.get(f.as_str()) {
                    Some(i) => needs.push(i.present),
                    None => absent_column = true,
                }
            }
            let values: Vec<(&str, Option<&Value>)> = ind
                .params
                .iter()
                .map(|p| {
                    let v = set.parameters[p]
                        .resolve(year, region, group)
                        .and_then(|v| v.value.as_ref());
                    (p.as_str(), v)
                })
                .collect();
            let resolved = values.iter().all(|(_, v)| v.is_some());
            let f = if absent_column || !resolved {
                // Never decided: an input column absent from the table or a threshold
                // without a value for the year and region.
                needs.push(usize::MAX);
                None
            } else {
                let bind = |v: &str| -> Result<Binding> {
                    if let Some(i) = by_name.get(v) {
                        return Ok(match i.kind {
                            InputKind::Bool => Binding::BoolSlot(i.slot),
                            _ => Binding::NumSlot(i.slot),
                        });
                    }
                    match values.iter().find(|(p, _)| *p == v) {
                        Some((_, Some(Value::Int(x)))) => Ok(Binding::Num(*x as f64)),
                        Some((_, Some(Value::Number(x)))) => Ok(Binding::Num(*x)),
                        Some((_, Some(Value::Bool(b)))) => Ok(Binding::Bool(*b)),
                        Some((_, Some(Value::Text(_)))) => {
                            bail!("text threshold `{v}` is not modelled")
                        }
                        _ => bail!("`{v}` is neither a column nor a threshold"),
                    }
                };
                let e = &parsed.exprs[&(si, ind.id.clone())];
                Some(
                    expr::boolean(e, &bind)
                        .with_context(|| format!("{} indicator {}", set.id, ind.id))?,
                )
            };
            indicators.push(IndicatorPlan { needs, f });
        }
        criteria.push(CriterionPlan {
            partial: c.pending_source.is_some(),
            indicators,
        });
    }
    Ok(Plan {
        set: si,
        presents: inputs.len(),
        inputs,
        nums,
        bools,
        criteria,
    })
}

/// One line of the native output: a unit, year and rule set, with the counts of
/// indicator outcomes, each criterion's code in the set's order (`1` met, `0` not met,
/// empty: no data, as in ntm's CSV) and each indicator's outcome (`P`ass, `F`ail,
/// `M`issing) in the set's order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub unit: String,
    pub year: i32,
    pub ruleset: String,
    pub pass: usize,
    pub fail: usize,
    pub missing: usize,
    pub met: usize,
    pub total: usize,
    pub verdict: &'static str,
    pub criteria: String,
    pub indicators: String,
}

impl Line {
    pub fn csv_header() -> &'static str {
        "unit;year;ruleset;pass;fail;missing;criteria_met;criteria_total;verdict;criteria;indicators"
    }
    pub fn to_csv(&self) -> String {
        format!(
            "{};{};{};{};{};{};{};{};{};{};{}",
            self.unit,
            self.year,
            self.ruleset,
            self.pass,
            self.fail,
            self.missing,
            self.met,
            self.total,
            self.verdict,
            self.criteria,
            self.indicators
        )
    }
    pub fn parse(s: &str) -> Result<Line> {
        let f: Vec<&str> = s.split(';').collect();
        if f.len() != 11 {
            bail!("bad native line `{s}`");
        }
        let n = |i: usize| -> Result<usize> { Ok(f[i].parse()?) };
        Ok(Line {
            unit: f[0].to_string(),
            year: f[1].parse()?,
            ruleset: f[2].to_string(),
            pass: n(3)?,
            fail: n(4)?,
            missing: n(5)?,
            met: n(6)?,
            total: n(7)?,
            verdict: verdict_code(f[8])?,
            criteria: f[9].to_string(),
            indicators: f[10].to_string(),
        })
    }
}

pub fn verdict_code(s: &str) -> Result<&'static str> {
    Ok(match s {
        "met" => "met",
        "not_met" => "not_met",
        "incomplete" => "incomplete",
        _ => bail!("unknown verdict `{s}`"),
    })
}

/// Per-thread buffers for one record.
struct Scratch {
    row: Row,
    present: Vec<bool>,
}

/// A cell as a number: digits with a decimal comma (`57,7`), as `ntm gen` writes them.
fn number(cell: &str) -> Option<f64> {
    if cell.contains('.') {
        return None; // `.` groups thousands in Vietnamese figures: not written by gen.
    }
    cell.replace(',', ".").parse().ok()
}

fn yes_no(cell: &str) -> Option<bool> {
    match cell {
        "có" => Some(true),
        "không" => Some(false),
        _ => ntm::core::value::parse_bool(cell),
    }
}

impl Plan {
    /// Type the record's cells into the scratch row; a cell that cannot be read is an
    /// error, as in ntm.
    fn load(&self, rec: &csv::StringRecord, s: &mut Scratch) -> Result<()> {
        s.row.nums.resize(self.nums, 0.0);
        s.row.bools.resize(self.bools, false);
        s.present.clear();
        s.present.resize(self.presents, false);
        for i in &self.inputs {
            let cell = rec.get(i.col).unwrap_or("").trim();
            if cell.is_empty() {
                continue;
            }
            let x = match i.kind {
                InputKind::Bool => {
                    let b = yes_no(cell).ok_or_else(|| anyhow!("`{cell}` is not có/không"))?;
                    s.row.bools[i.slot] = b;
                    s.present[i.present] = true;
                    continue;
                }
                InputKind::Num => number(cell).ok_or_else(|| anyhow!("`{cell}`: not a number"))?,
                InputKind::Count => {
                    let x = number(cell).ok_or_else(|| anyhow!("`{cell}`: not a count"))?;
                    if x.fract() != 0.0 {
                        bail!("`{cell}`: not a whole number");
                    }
                    x
                }
            };
            if i.range.is_some_and(|(lo, hi)| x < lo || x > hi) {
                continue; // Out of range: dropped, so missing.
            }
            s.row.nums[i.slot] = x;
            s.present[i.present] = true;
        }
        Ok(())
    }

    fn judge(&self, s: &Scratch, id: &str, year: i32, set: &RuleSet) -> Line {
        let (mut pass, mut fail, mut missing, mut met, mut not_met) = (0, 0, 0, 0, 0);
        let mut criteria = String::with_capacity(self.criteria.len() * 2);
        let mut indicators = String::with_capacity(self.criteria.len() * 3);
        for (k, c) in self.criteria.iter().enumerate() {
            let (mut p, mut f) = (0, 0);
            for ind in &c.indicators {
                let ready = ind.needs.iter().all(|&n| s.present.get(n) == Some(&true));
                let outcome = match &ind.f {
                    Some(f_) if ready => f_(&s.row),
                    _ => {
                        indicators.push('M');
                        continue;
                    }
                };
                if outcome {
                    p += 1;
                    indicators.push('P');
                } else {
                    f += 1;
                    indicators.push('F');
                }
            }
            let n = c.indicators.len();
            pass += p;
            fail += f;
            missing += n - p - f;
            if k > 0 {
                criteria.push(',');
            }
            // ntm: a failing indicator decides "not met"; all passing, "met" (unless the
            // criterion's source is pending); otherwise no status.
            if n > 0 && f > 0 {
                not_met += 1;
                criteria.push('0');
            } else if n > 0 && !c.partial && p == n {
                met += 1;
                criteria.push('1');
            }
        }
        let total = self.criteria.len();
        let verdict = if not_met > 0 {
            "not_met"
        } else if met == total {
            "met"
        } else {
            "incomplete"
        };
        Line {
            unit: id.to_string(),
            year,
            ruleset: set.id.clone(),
            pass,
            fail,
            missing,
            met,
            total,
            verdict,
            criteria,
            indicators,
        }
    }
}

/// The sets in force for a unit kind, province and year, plain ones first (ntm's order).
pub fn sets_for(
    lib: &ntm::engine::library::RuleLibrary,
    kind: UnitKind,
    province: Option<&str>,
    year: i32,
) -> Vec<usize> {
    let sets = ntm::engine::eval::sets_in_force(
        lib,
        &bare_unit(kind),
        province,
        year,
        &ntm::engine::eval::SetEnds::default(),
    );
    let mut idx: Vec<usize> = sets
        .iter()
        .map(|s| {
            lib.sets
                .iter()
                .position(|x| std::ptr::eq(x, *s))
                .unwrap_or(usize::MAX)
        })
        .collect();
    idx.sort_by_key(|&i| lib.sets[i].prerequisite.is_some());
    idx
}

/// A unit as `ntm::engine::eval::sets_in_force` reads it (only its kind is read there).
pub fn bare_unit(kind: UnitKind) -> ntm::data::Unit {
    ntm::data::Unit {
        id: String::new(),
        name: String::new(),
        kind,
        parent: None,
        aliases: Vec::new(),
        attributes: BTreeMap::new(),
        span: ntm::core::diag::Span::file_only("bench"),
        provenance: None,
        valid_from: None,
        valid_until: None,
        recognition: None,
        dated: BTreeMap::new(),
    }
}

/// What the native run did, for the table.
pub struct Stats {
    /// Records (a unit in a year) read.
    pub unit_years: usize,
    /// Indicator outcomes produced (pass, fail and missing).
    pub indicator_evals: usize,
}

type PlanKey = (usize, i32, Option<String>, Option<String>);

/// Evaluate every record of the dataset at `data` and write one line per unit, year and
/// rule set to `output`.
pub fn run(rules: &Path, data: &Path, output: &Path) -> Result<Stats> {
    let lib = load_library(rules)?;
    let parsed = parse_sets(&lib)?;
    let units = read_units(data)?;
    let by_id: HashMap<&str, usize> = units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.id.as_str(), i))
        .collect();
    let file =
        std::fs::File::create(output).with_context(|| format!("creating {}", output.display()))?;
    let mut out = std::io::BufWriter::new(file);
    writeln!(out, "{}", Line::csv_header())?;
    let mut stats = Stats {
        unit_years: 0,
        indicator_evals: 0,
    };
    let mut sets_cache: HashMap<(UnitKind, Option<String>, i32), Vec<usize>> = HashMap::new();
    for name in table_names(data)? {
        if name == "don-vi.csv" {
            continue;
        }
        let t = read_table(&data.join(&name))?;
        if t.header.first().map(String::as_str) != Some("unit")
            || t.header.get(1).map(String::as_str) != Some("year")
        {
            bail!("{}: expected `unit;year;…`", t.path.display());
        }
        for h in &t.header[2..] {
            if h.contains('.') || h.starts_with("dat_") || h == "so_tieu_chi_dat" {
                bail!(
                    "{}: column `{h}` (declared status or total) is not modelled",
                    t.path.display()
                );
            }
        }
        // Binding, once per table before the loop: each row's unit and the plans of the
        // sets in force for it (a plan per set, year, region and group).
        let mut plan_index: HashMap<PlanKey, usize> = HashMap::new();
        let mut plans: Vec<Plan> = Vec::new();
        let mut bound: Vec<(usize, i32, Vec<usize>)> = Vec::with_capacity(t.rows.len());
        for rec in &t.rows {
            let id = rec.get(0).unwrap_or("").trim();
            let year: i32 = rec
                .get(1)
                .unwrap_or("")
                .trim()
                .parse()
                .with_context(|| format!("{}: unit {id}: bad year", t.path.display()))?;
            let &ui = by_id
                .get(id)
                .ok_or_else(|| anyhow!("{}: unknown unit `{id}`", t.path.display()))?;
            let unit = &units[ui];
            let province = unit.attrs.get(ntm::engine::eval::PROVINCE).cloned();
            let sets = sets_cache
                .entry((unit.kind, province.clone(), year))
                .or_insert_with(|| sets_for(&lib, unit.kind, province.as_deref(), year));
            let mut row_plans = Vec::with_capacity(sets.len());
            for &si in sets.iter() {
                let key = (
                    si,
                    year,
                    select_region(&lib.sets[si], &unit.attrs),
                    unit.attrs.get("group").cloned(),
                );
                let pi = match plan_index.get(&key) {
                    Some(&pi) => pi,
                    None => {
                        let p = build_plan(
                            &lib,
                            &parsed,
                            si,
                            &t.header,
                            year,
                            key.2.as_deref(),
                            key.3.as_deref(),
                        )?;
                        plans.push(p);
                        plan_index.insert(key, plans.len() - 1);
                        plans.len() - 1
                    }
                };
                row_plans.push(pi);
            }
            bound.push((ui, year, row_plans));
        }
        let lines: Vec<Result<Vec<Line>>> = t
            .rows
            .par_iter()
            .zip(&bound)
            .map_init(
                || Scratch {
                    row: Row {
                        nums: Vec::new(),
                        bools: Vec::new(),
                    },
                    present: Vec::new(),
                },
                |s, (rec, (ui, year, row_plans))| -> Result<Vec<Line>> {
                    let id = units[*ui].id.as_str();
                    let mut lines: Vec<Line> = Vec::with_capacity(row_plans.len());
                    for &pi in row_plans {
                        let plan = &plans[pi];
                        let set = &lib.sets[plan.set];
                        // A set with a prerequisite stage: only after a set of that stage
                        // judged the unit met the same year.
                        if let Some(stage) = set.prerequisite {
                            let judged = lines.iter().any(|l| {
                                l.verdict == "met"
                                    && lib.get(&l.ruleset).map(|s| s.stage) == Some(stage)
                            });
                            if !judged {
                                continue;
                            }
                        }
                        plan.load(rec, s)
                            .with_context(|| format!("{}: unit {id}", t.path.display()))?;
                        lines.push(plan.judge(s, id, *year, set));
                    }
                    Ok(lines)
                },
            )
            .collect();
        stats.unit_years += t.rows.len();
        for l in lines {
            for line in l? {
                stats.indicator_evals += line.pass + line.fail + line.missing;
                writeln!(out, "{}", line.to_csv())?;
            }
        }
    }
    out.flush()?;
    Ok(stats)
}
