//! `ntm new ruleset`: a new set copied from one in force, its header renewed, its
//! values those of the day before it starts, written through the YAML serializer.

use super::yaml::{to_yaml, usage};
use crate::core::date::Date;
use crate::core::diag::Diagnostics;
use crate::core::problem::AuthoringProblem;
use crate::engine::library::RuleLibrary;
use crate::rules::RuleSet;
use serde_json::{Map, Value};

/// What `ntm new ruleset` needs.
pub struct NewRuleset<'a> {
    pub from: &'a RuleSet,
    pub id: &'a str,
    pub valid_from: Date,
    pub title: Option<&'a str>,
    /// The province of a provincial set made from a national one.
    pub jurisdiction: Option<&'a str>,
}

/// Fixed text: the set's ids, dates and origin are in the YAML below it (`notes`).
const HEAD: &str = "\
# Bộ tiêu chí mới, tạo bằng `ntm new ruleset` từ một bộ đang có hiệu lực (xem `notes`).
# Việc cần làm: ghi số, ngày, cơ quan ban hành của văn bản mới trong `document:`; sửa
# ngưỡng và trích dẫn; đổi `source_level` thành `official` khi đã đối chiếu văn bản gốc;
# chạy `ntm check` và `ntm test`.
";

/// A new rule set, copied from `from` as it stands on the day before `valid_from`:
/// header renewed (id, validity, `supersedes`), parameter values of that day with their
/// year selectors dropped, criteria and pending slots as they are, and the test cases
/// whose thresholds are the same as on that day, moved to the new set's first year.
pub fn new_ruleset(lib: &RuleLibrary, req: &NewRuleset<'_>) -> Result<String, Diagnostics> {
    let from = req.from;
    refuse(lib, req)?;
    let mut doc: Value = crate::core::loader::from_yaml(&from.file, &from.source)
        .map_err(|d| Diagnostics(vec![d]))?;
    let Some(top) = doc.as_object_mut() else {
        return Err(usage(AuthoringProblem::ScaffoldNotRuleSet));
    };
    if let Some(Value::Object(h)) = top.get_mut("ruleset") {
        *h = header(lib, req, std::mem::take(h));
    }
    let ref_year = req.valid_from.pred().year;
    let mut params_by_year = Vec::new();
    if let Some(Value::Array(ps)) = top.get_mut("parameters") {
        for p in ps.iter_mut() {
            if let Some(Value::Array(vals)) = p.get_mut("values") {
                params_by_year.push(vals.clone());
                *vals = values_of_day(vals, ref_year);
            }
        }
    }
    if let Some(Value::Array(tests)) = top.get_mut("tests") {
        tests.retain(|t| {
            let y = t.get("year").and_then(Value::as_i64).map(|y| y as i32);
            y.is_none_or(|y| {
                params_by_year
                    .iter()
                    .all(|vals| values_in(vals, y) == values_in(vals, ref_year))
            })
        });
        for t in tests.iter_mut().filter_map(Value::as_object_mut) {
            if t.contains_key("year") {
                t.insert("year".into(), Value::from(req.valid_from.year));
            }
        }
    }
    Ok(format!("{HEAD}{}", to_yaml(&doc)?))
}

fn refuse(lib: &RuleLibrary, req: &NewRuleset<'_>) -> Result<(), Diagnostics> {
    let from = req.from;
    if from.amends.is_some() {
        return Err(usage(AuthoringProblem::ScaffoldFromAmendment {
            from: from.id.clone(),
        }));
    }
    if lib.get(req.id).is_some() {
        return Err(usage(AuthoringProblem::ScaffoldExists {
            id: req.id.to_string(),
            amendment: false,
        }));
    }
    if req.valid_from <= from.valid_from {
        return Err(usage(AuthoringProblem::ScaffoldTooEarly {
            base: from.id.clone(),
            from: from.valid_from.to_string(),
            amendment: false,
        }));
    }
    Ok(())
}

/// The copied header renewed: id, title, validity, the sets it replaces, province;
/// `notes` says where it was copied from.
fn header(lib: &RuleLibrary, req: &NewRuleset<'_>, old: Map<String, Value>) -> Map<String, Value> {
    let from = req.from;
    let jurisdiction = req
        .jurisdiction
        .map(crate::core::text::norm)
        .or_else(|| from.jurisdiction.clone());
    let same_kind = |s: &&RuleSet| {
        s.level == from.level && s.stage == from.stage && s.jurisdiction == jurisdiction
    };
    // Sets of the same kind in force on the new set's first day end the day before it;
    // one that starts later (already in the library) ends the new one.
    let supersedes: Vec<Value> = lib
        .sets
        .iter()
        .filter(same_kind)
        .filter(|s| s.in_force(req.valid_from))
        .map(|s| Value::String(s.id.clone()))
        .collect();
    let next = lib
        .sets
        .iter()
        .filter(same_kind)
        .filter(|s| s.valid_from > req.valid_from)
        .min_by_key(|s| s.valid_from);
    let text = |s: String| Value::String(s);
    let mut out = Map::new();
    for (k, v) in old {
        match k.as_str() {
            "id" => _ = out.insert(k, text(req.id.to_string())),
            "title" => {
                let t = req.title.map(str::to_string).unwrap_or_else(|| {
                    let old = v.as_str().unwrap_or_default();
                    format!("{old} (bản mới từ {})", req.valid_from)
                });
                out.insert(k, text(t));
            }
            "valid_from" => {
                out.insert(k, text(req.valid_from.to_string()));
                if let Some(n) = next {
                    out.insert("valid_until".into(), text(n.valid_from.pred().to_string()));
                }
                if !supersedes.is_empty() {
                    out.insert("supersedes".into(), Value::Array(supersedes.clone()));
                }
            }
            "stage" => {
                out.insert(k, v);
                if let Some(j) = &jurisdiction {
                    out.insert("jurisdiction".into(), text(j.clone()));
                }
            }
            "valid_until" | "supersedes" | "notes" | "jurisdiction" => {}
            _ => _ = out.insert(k, v),
        }
    }
    out.insert("notes".into(), text(format!(
        "Bắt đầu từ bản sao của {} (tệp {}), các ngưỡng như ngày {}. Sửa `document`, `title`, các ngưỡng và trích dẫn theo văn bản mới; `source_level` là `none` cho đến khi đã đối chiếu văn bản.",
        from.id,
        from.file.display(),
        req.valid_from.pred()
    )));
    out
}

/// A parameter's values of one year, without year selectors, marked unverified.
fn values_of_day(vals: &[Value], year: i32) -> Vec<Value> {
    values_in(vals, year)
        .into_iter()
        .map(|mut v| {
            if let Value::Object(o) = &mut v {
                o.shift_remove("year");
                o.shift_remove("from_year");
                o.shift_remove("to_year");
                o.insert("source_level".into(), Value::String("none".into()));
            }
            v
        })
        .collect()
}

/// The values of a parameter that apply in `year`: for each region and group, the
/// ones with a year selector when any covers the year, else those without.
fn values_in(vals: &[Value], year: i32) -> Vec<Value> {
    let year_of = |v: &Value, k: &str| v.get(k).and_then(Value::as_i64).map(|y| y as i32);
    let has_years = |v: &Value| {
        ["year", "from_year", "to_year"]
            .iter()
            .any(|k| v.get(*k).is_some())
    };
    let covers = |v: &Value| {
        if let Some(y) = year_of(v, "year") {
            return y == year;
        }
        year_of(v, "from_year").is_none_or(|f| f <= year)
            && year_of(v, "to_year").is_none_or(|t| year <= t)
    };
    let key = |v: &Value| {
        (
            v.get("region").map(Value::to_string),
            v.get("group").map(Value::to_string),
        )
    };
    let mut out: Vec<Value> = Vec::new();
    for v in vals.iter().filter(|v| covers(v)) {
        let k = key(v);
        match out.iter().position(|o| key(o) == k) {
            Some(i) if has_years(v) && !has_years(&out[i]) => out[i] = v.clone(),
            Some(_) => {}
            None => out.push(v.clone()),
        }
    }
    out
}
