//! Starting points for policy staff: a new rule set copied from one in force (when new
//! guidance replaces it), and a small amendment file (when a decision changes a few
//! values). Both are returned as YAML text that passes `ntm check` and `ntm test`
//! beside the library they were made from.
//!
//! Also: the bundled library under files being worked on (`ntm test rules/<province>`
//! needs the base sets its amendments name).

use crate::core::date::Date;
use crate::core::diag::{Diagnostic, Diagnostics, Span};
use crate::core::problem::AuthoringProblem;
use crate::core::problem::RunProblem;
use crate::core::source::{SourceFile, Sources};
use crate::engine::library::RuleLibrary;
use crate::rules::RuleSet;
use serde_json::{Map, Value};
use std::path::Path;

/// What `ntm new ruleset` needs.
pub struct NewRuleset<'a> {
    pub from: &'a RuleSet,
    pub id: &'a str,
    pub valid_from: Date,
    pub title: Option<&'a str>,
    /// The province of a provincial set made from a national one.
    pub jurisdiction: Option<&'a str>,
}

/// What `ntm new amendment` needs.
pub struct NewAmendment<'a> {
    pub base: &'a RuleSet,
    pub id: Option<&'a str>,
    pub valid_from: Date,
    pub document: Option<&'a str>,
    /// Parameters to change: `(id, value as typed)`.
    pub set: &'a [(String, String)],
    /// A provincial layer over a national set: both stay in force, the layer applies
    /// to the province's units.
    pub jurisdiction: Option<&'a str>,
}

fn usage(problem: AuthoringProblem) -> Diagnostics {
    Diagnostics(vec![Diagnostic::error(Span::file_only("ntm new"), problem)])
}

/// A new rule set, copied from `from` as it stands on the day before `valid_from`:
/// header renewed (id, validity, `supersedes`), parameter values of that day with their
/// year selectors dropped, criteria and pending slots as they are, and the test cases
/// whose thresholds are the same as on that day, moved to the new set's first year.
pub fn new_ruleset(lib: &RuleLibrary, req: &NewRuleset<'_>) -> Result<String, Diagnostics> {
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
    let mut doc: Value = crate::core::loader::from_yaml(&from.file, &from.source)
        .map_err(|d| Diagnostics(vec![d]))?;
    let day_before = req.valid_from.pred();
    let ref_year = day_before.year;
    let first_year = req.valid_from.year;
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
    let Some(top) = doc.as_object_mut() else {
        return Err(usage(AuthoringProblem::ScaffoldNotRuleSet));
    };
    if let Some(Value::Object(h)) = top.get_mut("ruleset") {
        let mut out = Map::new();
        for (k, v) in std::mem::take(h) {
            match k.as_str() {
                "id" => {
                    out.insert(k, Value::String(req.id.to_string()));
                }
                "title" => {
                    out.insert(
                        k,
                        Value::String(req.title.map(str::to_string).unwrap_or_else(|| {
                            format!(
                                "{} (bản mới từ {})",
                                v.as_str().unwrap_or_default(),
                                req.valid_from
                            )
                        })),
                    );
                }
                "valid_from" => {
                    out.insert(k, Value::String(req.valid_from.to_string()));
                    if let Some(n) = next {
                        out.insert(
                            "valid_until".into(),
                            Value::String(n.valid_from.pred().to_string()),
                        );
                    }
                    if !supersedes.is_empty() {
                        out.insert("supersedes".into(), Value::Array(supersedes.clone()));
                    }
                }
                "stage" => {
                    out.insert(k, v);
                    if let Some(j) = &jurisdiction {
                        out.insert("jurisdiction".into(), Value::String(j.clone()));
                    }
                }
                "valid_until" | "supersedes" | "notes" | "jurisdiction" => {}
                _ => {
                    out.insert(k, v);
                }
            }
        }
        out.insert(
            "notes".into(),
            Value::String(format!(
                "Bắt đầu từ bản sao của {} (tệp {}), các ngưỡng như ngày {}. Sửa `document`, `title`, các ngưỡng và trích dẫn theo văn bản mới; `source_level` là `none` cho đến khi đã đối chiếu văn bản.",
                from.id,
                from.file.display(),
                day_before
            )),
        );
        *h = out;
    }
    let mut params_by_year = Vec::new();
    if let Some(Value::Array(ps)) = top.get_mut("parameters") {
        for p in ps.iter_mut() {
            if let Some(Value::Array(vals)) = p.get_mut("values") {
                let kept = values_in(vals, ref_year);
                params_by_year.push(vals.clone());
                *vals = kept
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
                    .collect();
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
        for t in tests.iter_mut() {
            if let Some(o) = t.as_object_mut() {
                if o.contains_key("year") {
                    o.insert("year".into(), Value::from(first_year));
                }
            }
        }
    }
    let mut text = format!(
        "# {} — bộ tiêu chí mới, tạo bằng `ntm new ruleset --from {} --id {} --valid-from {}{}`.\n\
         # Việc cần làm: ghi số, ngày, cơ quan ban hành của văn bản mới trong `document:`; sửa\n\
         # ngưỡng và trích dẫn; đổi `source_level` thành `official` khi đã đối chiếu văn bản gốc;\n\
         # chạy `ntm check` và `ntm test`.\n",
        req.id,
        from.id,
        req.id,
        req.valid_from,
        req.jurisdiction
            .map(|j| format!(" --jurisdiction \"{j}\""))
            .unwrap_or_default()
    );
    text.push_str(&to_yaml(&doc));
    Ok(text)
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

/// A small amendment: header only, with each `--set` parameter copied from the base
/// (label, unit) with its new value; everything else is inherited.
pub fn new_amendment(lib: &RuleLibrary, req: &NewAmendment<'_>) -> Result<String, Diagnostics> {
    let base = req.base;
    if req.valid_from <= base.valid_from {
        return Err(usage(AuthoringProblem::ScaffoldTooEarly {
            base: base.id.clone(),
            from: base.valid_from.to_string(),
            amendment: true,
        }));
    }
    let id = req
        .id
        .map(str::to_string)
        .unwrap_or_else(|| format!("{}/sua-doi-{}", base.id, req.valid_from.year));
    if lib.get(&id).is_some() {
        return Err(usage(AuthoringProblem::ScaffoldExists {
            id: id.clone(),
            amendment: true,
        }));
    }
    let number = req.document.unwrap_or("SỐ/QĐ-UBND").to_string();
    let issuer = &base.document.issuer;
    let mut h = Map::new();
    h.insert("id".into(), Value::String(id.clone()));
    h.insert("amends".into(), Value::String(base.id.clone()));
    h.insert(
        "title".into(),
        Value::String(format!("Sửa đổi, bổ sung {}", base.title)),
    );
    h.insert("level".into(), Value::String(base.level.to_string()));
    h.insert(
        "stage".into(),
        serde_json::to_value(base.stage).unwrap_or_default(),
    );
    if let Some(j) = req
        .jurisdiction
        .map(crate::core::text::norm)
        .or_else(|| base.jurisdiction.clone())
    {
        h.insert("jurisdiction".into(), Value::String(j));
    }
    h.insert(
        "valid_from".into(),
        Value::String(req.valid_from.to_string()),
    );
    let mut d = Map::new();
    d.insert("number".into(), Value::String(number.clone()));
    d.insert("date".into(), Value::String(req.valid_from.to_string()));
    d.insert("issuer".into(), Value::String(issuer.clone()));
    d.insert(
        "title".into(),
        Value::String(format!("Sửa đổi, bổ sung {}", base.document.title)),
    );
    h.insert("document".into(), Value::Object(d));
    let mut params = Vec::new();
    let mut errors = Diagnostics::default();
    for (pid, raw) in req.set {
        let Some(p) = base.parameters.get(pid) else {
            errors.push(Diagnostic::error(
                Span::file_only("--set"),
                RunProblem::Override {
                    param: pid.to_string(),
                    set: Some(base.id.clone()),
                    suggestion: crate::core::text::did_you_mean(
                        pid,
                        base.parameters.keys().map(String::as_str),
                    ),
                },
            ));
            continue;
        };
        let value =
            match crate::core::number::parse_number(raw, crate::core::number::NumberFormat::Auto) {
                Ok(n) => serde_json::Number::from_f64(n.value)
                    .map(Value::Number)
                    .unwrap_or_default(),
                Err(_) => match raw.as_str() {
                    "true" | "có" => Value::Bool(true),
                    "false" | "không" => Value::Bool(false),
                    _ => Value::String(raw.clone()),
                },
            };
        let mut o = Map::new();
        o.insert("id".into(), Value::String(pid.clone()));
        o.insert("label".into(), Value::String(p.label.clone()));
        if let Some(u) = &p.unit {
            o.insert("unit".into(), Value::String(u.clone()));
        }
        let mut v = Map::new();
        v.insert("value".into(), value);
        let mut c = Map::new();
        c.insert("document".into(), Value::String(number.clone()));
        v.insert("citation".into(), Value::Object(c));
        v.insert("source_level".into(), Value::String("none".into()));
        o.insert("values".into(), Value::Array(vec![Value::Object(v)]));
        params.push(Value::Object(o));
    }
    if errors.has_errors() {
        return Err(errors);
    }
    let mut top = Map::new();
    top.insert("ruleset".into(), Value::Object(h));
    top.insert("parameters".into(), Value::Array(params));
    let mut text = format!(
        "# {id} — sửa đổi, bổ sung {} từ ngày {}, tạo bằng `ntm new amendment`.\n\
         # Chỉ ghi những gì thay đổi: một tham số (ngưỡng) hay một tiêu chí ghi ở đây thay cho\n\
         # tham số, tiêu chí cùng mã của bộ gốc; mọi thứ khác giữ nguyên. Bộ gốc hết hiệu lực\n\
         # từ ngày trước `valid_from`; các ca kiểm thử của bộ gốc vẫn chạy theo ngày của bộ gốc.\n\
         # Việc cần làm: ghi số, ngày, trích yếu của văn bản sửa đổi trong `document:`; đổi\n\
         # `source_level` thành `official` khi đã đối chiếu văn bản; thêm ca kiểm thử (`tests:`).\n",
        base.id, req.valid_from
    );
    text.push_str(&to_yaml(&Value::Object(top)));
    if req.set.is_empty() {
        if let Some(p) = base.parameters.values().next() {
            text.push_str(&format!(
                "# Ví dụ: đổi ngưỡng `{}` ({}):\n#  - id: {}\n#    label: {}\n#    values:\n#      - {{value: …, citation: {{document: {}}}, source_level: official}}\n",
                p.id, p.label, p.id, p.label, number
            ));
        }
    }
    let _ = lib;
    Ok(text)
}

/// The files being worked on, with the bundled library under them: a bundled file
/// is skipped when it is one of the given files, or declares a set id one of them
/// declares (a working copy replaces its original).
pub fn overlay(given: &Sources, bundled: &Sources) -> Sources {
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let given_paths: Vec<_> = given.files().iter().map(|f| canon(&f.path)).collect();
    let given_ids: Vec<String> = given.files().iter().filter_map(set_id).collect();
    let mut out = Sources::memory();
    for f in bundled.files() {
        if given_paths.contains(&canon(&f.path)) {
            continue;
        }
        if set_id(f).is_some_and(|id| given_ids.contains(&id)) {
            continue;
        }
        out.push(f.clone());
    }
    for f in given.files() {
        out.push(f.clone());
    }
    out
}

/// The `ruleset: id:` of a rule file, read without checking the rest.
pub fn set_id(f: &SourceFile) -> Option<String> {
    head(f).map(|h| h.0)
}

/// Whether some amendment among the files amends a set none of them declares: then
/// the files cannot be loaded on their own.
pub fn needs_bundled(given: &Sources) -> bool {
    let heads: Vec<(String, Option<String>)> = given.files().iter().filter_map(head).collect();
    heads
        .iter()
        .filter_map(|(_, a)| a.as_ref())
        .any(|a| !heads.iter().any(|(id, _)| id == a))
}

/// `ruleset: id:` and `ruleset: amends:` of a rule file.
fn head(f: &SourceFile) -> Option<(String, Option<String>)> {
    #[derive(serde::Deserialize)]
    struct Head {
        ruleset: Id,
    }
    #[derive(serde::Deserialize)]
    struct Id {
        id: String,
        #[serde(default)]
        amends: Option<String>,
    }
    let text = f.text().ok()?;
    if crate::core::source::file_kind(text) != crate::core::source::FileKind::RuleSet {
        return None;
    }
    crate::core::loader::from_yaml::<Head>(&f.path, text)
        .ok()
        .map(|h| {
            (
                h.ruleset.id.trim().to_string(),
                h.ruleset.amends.map(|a| a.trim().to_string()),
            )
        })
}

/// YAML for a generated file: block mappings and lists, short entries of plain values
/// on one line (`{document: 1/QĐ}`), texts quoted when YAML would read them otherwise,
/// several lines as `|` blocks.
pub fn to_yaml(v: &Value) -> String {
    let mut out = String::new();
    block(v, 0, &mut out);
    out
}

fn block(v: &Value, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                out.push_str(&format!("{pad}{}:", key(k)));
                value_after_key(x, indent, out);
            }
        }
        Value::Array(a) => {
            for x in a {
                match x {
                    Value::Object(m) if !m.is_empty() && !fits_flow(x) => {
                        let mut inner = String::new();
                        block(x, indent + 2, &mut inner);
                        out.push_str(&format!("{pad}- {}", &inner[indent + 2..]));
                    }
                    _ => out.push_str(&format!("{pad}- {}\n", flow(x))),
                }
            }
        }
        other => out.push_str(&format!("{pad}{}\n", flow(other))),
    }
}

fn value_after_key(x: &Value, indent: usize, out: &mut String) {
    match x {
        Value::String(s) if s.trim_end().contains('\n') => {
            out.push_str(" |\n");
            let pad = " ".repeat(indent + 2);
            for l in s.trim_end().lines() {
                if l.is_empty() {
                    out.push('\n');
                } else {
                    out.push_str(&format!("{pad}{l}\n"));
                }
            }
        }
        Value::Object(m) if !m.is_empty() && !fits_flow(x) => {
            out.push('\n');
            block(x, indent + 2, out);
        }
        Value::Array(a) if !a.is_empty() && !fits_flow(x) => {
            out.push('\n');
            block(x, indent + 2, out);
        }
        _ => out.push_str(&format!(" {}\n", flow(x))),
    }
}

/// Short enough, and without multi-line texts, to be written on one line.
fn fits_flow(v: &Value) -> bool {
    fn simple(v: &Value) -> bool {
        match v {
            Value::String(s) => !s.contains('\n'),
            Value::Array(a) => a.iter().all(simple),
            Value::Object(m) => m.values().all(simple),
            _ => true,
        }
    }
    simple(v) && flow(v).chars().count() <= 100
}

fn flow(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => match n.as_f64() {
            Some(x) if x.fract() == 0.0 && x.abs() < 1e15 => format!("{}", x as i64),
            _ => n.to_string(),
        },
        Value::String(s) => scalar(s),
        Value::Array(a) => format!("[{}]", a.iter().map(flow).collect::<Vec<_>>().join(", ")),
        Value::Object(m) => format!(
            "{{{}}}",
            m.iter()
                .map(|(k, x)| format!("{}: {}", key(k), flow(x)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn key(k: &str) -> String {
    if !k.is_empty()
        && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && k.parse::<f64>().is_err()
    {
        k.to_string()
    } else {
        scalar_quoted(k)
    }
}

/// A text as YAML reads it back: plain when that is unambiguous, else double-quoted.
fn scalar(s: &str) -> String {
    let special = |c: char| ":#{}[],&*!|>'\"%@`\\".contains(c);
    let reserved = ["true", "false", "null", "yes", "no", "on", "off", "~", ""];
    let plain = !s.is_empty()
        && s.trim() == s
        && !s.chars().any(|c| special(c) || c.is_control())
        && !s.starts_with(['-', '?'])
        && !reserved.contains(&s.to_lowercase().as_str())
        && s.parse::<f64>().is_err()
        && !looks_numeric(s);
    if plain {
        s.to_string()
    } else {
        scalar_quoted(s)
    }
}

fn looks_numeric(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || c == '.' || c == '+')
        && s.chars()
            .all(|c| c.is_ascii_digit() || ".,_+-eE".contains(c))
        && !is_date(s)
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

fn scalar_quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_round_trips() {
        let src = r#"
ruleset:
  id: a/b
  valid_from: 2020-01-01
criteria:
  - id: "4"
    name: "Điện: hộ"
    expr: |
      a >= 1 &&
        b
    indicators: []
tests:
  - {name: x, year: 2020, expect: {indicators: {"4.2": pass}}, values: {a: 85.5, b: "yes"}}
"#;
        let v: Value = crate::core::loader::from_yaml(Path::new("t.yaml"), src).unwrap();
        let y = to_yaml(&v);
        let back: Value = crate::core::loader::from_yaml(Path::new("t.yaml"), &y).unwrap();
        assert_eq!(v, back, "{y}");
        assert!(y.contains("valid_from: 2020-01-01"), "{y}");
        assert!(y.contains("id: \"4\""), "{y}");
    }
}
