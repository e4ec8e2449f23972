//! The differential check: the native evaluator and ZEN against ntm's own output.
//!
//! * native ↔ ntm CSV (every record): the same unit × year × rule set rows, each
//!   criterion's code (1 / 0 / empty, which ntm writes `?`), criteria met, total and verdict;
//! * native ↔ ntm full-detail JSON Lines (the small run): every indicator's outcome
//!   (pass / fail / missing), hence the counts;
//! * ZEN ↔ native (every record ZEN evaluated): the indicators passed;
//! * ZEN ↔ ntm CSV (same records): the criteria whose indicators all passed in ZEN are
//!   exactly those ntm marks met (criteria with a pending source excepted);
//! * ZEN ↔ ntm full-detail JSON Lines (the small run): the indicators passed.

use crate::native::Line;
use anyhow::{anyhow, bail, Context, Result};
use ntm::engine::library::RuleLibrary;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::BufRead;
use std::path::Path;

type Key = (String, i32, String);

/// What one comparison found.
pub struct Finding {
    pub what: String,
    pub compared: usize,
    /// The first differences (at most a few), empty when they agree.
    pub differences: Vec<String>,
    pub total_differences: usize,
}

impl Finding {
    fn new(what: impl Into<String>) -> Finding {
        Finding {
            what: what.into(),
            compared: 0,
            differences: Vec::new(),
            total_differences: 0,
        }
    }
    fn differ(&mut self, d: String) {
        self.total_differences += 1;
        if self.differences.len() < 5 {
            self.differences.push(d);
        }
    }
}

pub fn read_native(path: &Path) -> Result<BTreeMap<Key, Line>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = BTreeMap::new();
    for l in text.lines().skip(1) {
        let line = Line::parse(l)?;
        out.insert((line.unit.clone(), line.year, line.ruleset.clone()), line);
    }
    Ok(out)
}

/// A row of ntm's CSV: the criterion codes by id, met, total, verdict.
pub struct NtmRow {
    pub criteria: HashMap<String, String>,
    pub met: usize,
    pub total: usize,
    pub verdict: String,
}

pub fn read_ntm_csv(path: &Path) -> Result<BTreeMap<Key, NtmRow>> {
    let mut r =
        csv::Reader::from_path(path).with_context(|| format!("reading {}", path.display()))?;
    let header: Vec<String> = r.headers()?.iter().map(str::to_string).collect();
    let col = |k: &str| {
        header
            .iter()
            .position(|h| h == k)
            .ok_or_else(|| anyhow!("{}: no column `{k}`", path.display()))
    };
    let (unit, year, set) = (col("unit_id")?, col("year")?, col("ruleset")?);
    let (met, total, verdict) = (col("met")?, col("total")?, col("verdict")?);
    let crit: Vec<(usize, String)> = header
        .iter()
        .enumerate()
        .filter_map(|(i, h)| h.strip_prefix("tc_").map(|id| (i, id.to_string())))
        .collect();
    let mut out = BTreeMap::new();
    for rec in r.records() {
        let rec = rec.with_context(|| format!("reading {}", path.display()))?;
        let get = |i: usize| rec.get(i).unwrap_or("").to_string();
        let key = (get(unit), get(year).parse()?, get(set));
        let row = NtmRow {
            criteria: crit.iter().map(|(i, id)| (id.clone(), get(*i))).collect(),
            met: get(met).parse()?,
            total: get(total).parse()?,
            verdict: get(verdict),
        };
        if out.insert(key.clone(), row).is_some() {
            bail!("{}: {key:?} twice", path.display());
        }
    }
    Ok(out)
}

/// Each indicator's outcome (`P`, `F`, `M`) in the set's order, from ntm's full-detail
/// JSON Lines.
pub fn read_ntm_jsonl(path: &Path) -> Result<BTreeMap<Key, String>> {
    let f = std::fs::File::open(path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = BTreeMap::new();
    for line in std::io::BufReader::new(f).lines() {
        let line = line.with_context(|| format!("reading {}", path.display()))?;
        let v: serde_json::Value =
            serde_json::from_str(&line).with_context(|| format!("{}: not JSON", path.display()))?;
        let (Some(unit), Some(criteria)) = (v.get("unit"), v.get("criteria")) else {
            continue;
        };
        let id = unit.get("id").and_then(|x| x.as_str()).unwrap_or_default();
        let year = v.get("year").and_then(|x| x.as_i64()).unwrap_or_default() as i32;
        let set = v
            .get("ruleset")
            .and_then(|x| x.as_str())
            .unwrap_or_default();
        let mut codes = String::new();
        for c in criteria.as_array().into_iter().flatten() {
            for i in c
                .get("indicators")
                .and_then(|x| x.as_array())
                .into_iter()
                .flatten()
            {
                codes.push(match i.get("status").and_then(|x| x.as_str()) {
                    Some("pass") => 'P',
                    Some("fail") => 'F',
                    Some("missing") => 'M',
                    other => bail!("{}: indicator status {other:?}", path.display()),
                });
            }
        }
        out.insert((id.to_string(), year, set.to_string()), codes);
    }
    Ok(out)
}

/// ZEN's output: the indicators passed per unit and year.
pub fn read_zen(path: &Path) -> Result<BTreeMap<(String, i32), BTreeSet<String>>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = BTreeMap::new();
    for l in text.lines().skip(1) {
        let f: Vec<&str> = l.split(';').collect();
        if f.len() != 3 {
            bail!("{}: bad line `{l}`", path.display());
        }
        let passed = f[2]
            .split('|')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        out.insert((f[0].to_string(), f[1].parse()?), passed);
    }
    Ok(out)
}

/// The ids of a set's indicators, in order.
fn indicator_ids(lib: &RuleLibrary, set: &str) -> Result<Vec<String>> {
    let s = lib.get(set).ok_or_else(|| anyhow!("unknown set {set}"))?;
    Ok(s.criteria
        .iter()
        .flat_map(|c| c.indicators.iter().map(|i| i.id.clone()))
        .collect())
}

fn passed(ids: &[String], codes: &str) -> BTreeSet<String> {
    ids.iter()
        .zip(codes.chars())
        .filter(|(_, c)| *c == 'P')
        .map(|(i, _)| i.clone())
        .collect()
}

pub fn native_vs_csv(
    native: &BTreeMap<Key, Line>,
    ntm: &BTreeMap<Key, NtmRow>,
    lib: &RuleLibrary,
    scale: &str,
) -> Result<Finding> {
    let mut f = Finding::new(format!(
        "native ↔ ntm CSV ({scale}): criteria, met, total, verdict"
    ));
    for k in ntm.keys().filter(|k| !native.contains_key(*k)) {
        f.differ(format!("{k:?}: in ntm's output only"));
    }
    for (k, n) in native {
        let Some(t) = ntm.get(k) else {
            f.differ(format!("{k:?}: in the native output only"));
            continue;
        };
        f.compared += 1;
        let set = lib
            .get(&k.2)
            .ok_or_else(|| anyhow!("unknown set {}", k.2))?;
        let codes: Vec<&str> = n.criteria.split(',').collect();
        for (c, code) in set.criteria.iter().zip(&codes) {
            // ntm's CSV marks a criterion the data do not decide `?`; native leaves it empty.
            let theirs = match t.criteria.get(&c.id).map(String::as_str) {
                Some("?") | None => "",
                Some(code) => code,
            };
            if theirs != *code {
                f.differ(format!(
                    "{k:?} criterion {}: native `{code}`, ntm `{theirs}`",
                    c.id
                ));
            }
        }
        if (n.met, n.total, n.verdict) != (t.met, t.total, t.verdict.as_str()) {
            f.differ(format!(
                "{k:?}: native {}/{} {}, ntm {}/{} {}",
                n.met, n.total, n.verdict, t.met, t.total, t.verdict
            ));
        }
    }
    Ok(f)
}

pub fn native_vs_jsonl(
    native: &BTreeMap<Key, Line>,
    ntm: &BTreeMap<Key, String>,
    scale: &str,
) -> Finding {
    let mut f = Finding::new(format!(
        "native ↔ ntm JSONL ({scale}): every indicator's pass / fail / missing"
    ));
    for k in ntm.keys().filter(|k| !native.contains_key(*k)) {
        f.differ(format!("{k:?}: in ntm's output only"));
    }
    for (k, n) in native {
        match ntm.get(k) {
            None => f.differ(format!("{k:?}: in the native output only")),
            Some(codes) => {
                f.compared += 1;
                if *codes != n.indicators {
                    f.differ(format!("{k:?}: native {}, ntm {codes}", n.indicators));
                }
            }
        }
    }
    f
}

pub fn zen_vs_native(
    zen: &BTreeMap<(String, i32), BTreeSet<String>>,
    native: &BTreeMap<Key, Line>,
    lib: &RuleLibrary,
    set: &str,
    scale: &str,
) -> Result<Finding> {
    let ids = indicator_ids(lib, set)?;
    let mut f = Finding::new(format!("ZEN ↔ native ({scale}): indicators passed"));
    let ours: Vec<&Key> = native.keys().filter(|k| k.2 == set).collect();
    if ours.len() != zen.len() {
        f.differ(format!(
            "ZEN evaluated {} records, native {} of {set}",
            zen.len(),
            ours.len()
        ));
    }
    for ((unit, year), z) in zen {
        let key = (unit.clone(), *year, set.to_string());
        let Some(n) = native.get(&key) else {
            f.differ(format!("{key:?}: not in the native output"));
            continue;
        };
        f.compared += 1;
        let p = passed(&ids, &n.indicators);
        if p != *z {
            f.differ(format!("{key:?}: ZEN passes {z:?}, native {p:?}"));
        }
    }
    Ok(f)
}

pub fn zen_vs_csv(
    zen: &BTreeMap<(String, i32), BTreeSet<String>>,
    ntm: &BTreeMap<Key, NtmRow>,
    lib: &RuleLibrary,
    set: &str,
    scale: &str,
) -> Result<Finding> {
    let s = lib.get(set).ok_or_else(|| anyhow!("unknown set {set}"))?;
    let mut f = Finding::new(format!(
        "ZEN ↔ ntm CSV ({scale}): criteria met = all their indicators passed"
    ));
    let theirs = ntm.keys().filter(|k| k.2 == set).count();
    if theirs != zen.len() {
        f.differ(format!(
            "ZEN evaluated {} records, ntm {theirs} of {set}",
            zen.len()
        ));
    }
    for ((unit, year), z) in zen {
        let key = (unit.clone(), *year, set.to_string());
        let Some(t) = ntm.get(&key) else {
            f.differ(format!("{key:?}: not in ntm's output"));
            continue;
        };
        f.compared += 1;
        for c in s
            .criteria
            .iter()
            .filter(|c| c.pending_source.is_none() && !c.indicators.is_empty())
        {
            let all = c.indicators.iter().all(|i| z.contains(&i.id));
            let met = t.criteria.get(&c.id).map(String::as_str) == Some("1");
            if all != met {
                f.differ(format!(
                    "{key:?} criterion {}: ZEN all passed = {all}, ntm met = {met}",
                    c.id
                ));
            }
        }
    }
    Ok(f)
}

pub fn zen_vs_jsonl(
    zen: &BTreeMap<(String, i32), BTreeSet<String>>,
    ntm: &BTreeMap<Key, String>,
    lib: &RuleLibrary,
    set: &str,
    scale: &str,
) -> Result<Finding> {
    let ids = indicator_ids(lib, set)?;
    let mut f = Finding::new(format!("ZEN ↔ ntm JSONL ({scale}): indicators passed"));
    for ((unit, year), z) in zen {
        let key = (unit.clone(), *year, set.to_string());
        let Some(codes) = ntm.get(&key) else {
            f.differ(format!("{key:?}: not in ntm's output"));
            continue;
        };
        f.compared += 1;
        let p = passed(&ids, codes);
        if p != *z {
            f.differ(format!("{key:?}: ZEN passes {z:?}, ntm {p:?}"));
        }
    }
    Ok(f)
}
