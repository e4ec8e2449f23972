//! JSON outputs. Results are codes, not words (schema in docs/json-schema.md); the
//! one exception is a `message` beside each finding and notice, worded in the chosen
//! language, so that a reader of the file needs no catalogue.

use super::{Catalog, Render};
use crate::report::{Finding, Notice, Report};
use serde::Serialize;
use serde_json::Value;
use std::io::{self, Write};

/// Any serialisable value, pretty-printed.
pub struct Json<'a, T: Serialize>(pub &'a T);

impl<T: Serialize> Render for Json<'_, T> {
    fn render(&self, _m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, self.0)?;
        writeln!(out)
    }
}

/// Add `message` to a serialised finding or notice.
fn with_message(mut v: Value, message: String) -> Value {
    if let Value::Object(o) = &mut v {
        o.insert("message".into(), Value::String(message));
    }
    v
}

pub fn finding(m: &dyn Catalog, f: &Finding) -> Value {
    with_message(serde_json::to_value(f).unwrap_or_default(), m.finding(f))
}

pub fn notice(m: &dyn Catalog, n: &Notice) -> Value {
    with_message(serde_json::to_value(n).unwrap_or_default(), m.notice(n))
}

pub fn notices(m: &dyn Catalog, ns: &[Notice]) -> Value {
    Value::Array(ns.iter().map(|n| notice(m, n)).collect())
}

/// A report as JSON, with the findings' and notices' messages.
pub fn report_value(m: &dyn Catalog, report: &Report) -> Value {
    let mut v = serde_json::to_value(report).unwrap_or_default();
    if let Some(results) = v.get_mut("results").and_then(Value::as_array_mut) {
        for (rv, r) in results.iter_mut().zip(&report.results) {
            if let Some(fs) = rv.get_mut("findings") {
                *fs = Value::Array(r.findings.iter().map(|f| finding(m, f)).collect());
            }
        }
    }
    if let Some(ns) = v.get_mut("notices") {
        *ns = notices(m, &report.notices);
    }
    v
}

/// How much of each result a JSON output carries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Detail {
    /// Everything: indicators with values, thresholds, citations.
    #[default]
    Full,
    /// Criteria and verdicts only (indicators left out), for very large runs.
    Summary,
}

/// One result as JSON: findings worded, indicators dropped in summary detail.
pub fn result_value(m: &dyn Catalog, r: &crate::report::UnitResult, detail: Detail) -> Value {
    let mut v = serde_json::to_value(r).unwrap_or_default();
    if let Some(fs) = v.get_mut("findings") {
        *fs = Value::Array(r.findings.iter().map(|f| finding(m, f)).collect());
    }
    if detail == Detail::Summary {
        // Rule metadata (names, citations, notes) is said once, under `rulesets`.
        if let Some(o) = v.as_object_mut() {
            o.remove("ruleset_title");
        }
        if let Some(cs) = v.get_mut("criteria").and_then(Value::as_array_mut) {
            for c in cs {
                if let Some(o) = c.as_object_mut() {
                    for k in ["name", "department", "citation", "pending_source", "score"] {
                        o.remove(k);
                    }
                }
                c["indicators"] = Value::Array(Vec::new());
            }
        }
    }
    v
}

/// A rule set's title, document, and criteria names, departments, citations and notes,
/// said once for outputs whose results leave them out (from one of its results).
pub fn ruleset_entry(r: &crate::report::UnitResult) -> Value {
    let criteria: Vec<Value> = r
        .criteria
        .iter()
        .map(|c| {
            serde_json::json!({
                "id": c.id, "name": c.name, "department": c.department,
                "citation": c.citation, "pending_source": c.pending_source,
            })
        })
        .collect();
    serde_json::json!({"title": r.ruleset_title, "document": r.document, "criteria": criteria})
}

/// The report as one JSON document, written result by result (never the whole report
/// as one JSON tree in memory).
pub struct JsonReport<'a>(pub &'a Report, pub Detail);

impl Render for JsonReport<'_> {
    fn render(&self, m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        super::stream::whole(m, self.0, super::stream::Format::Json(self.1), out)
    }
}

/// JSON Lines: the stamp, then one result per line, then one notice per line; each line
/// a JSON object with `type`.
pub struct JsonLines<'a>(pub &'a Report, pub Detail);

impl Render for JsonLines<'_> {
    fn render(&self, m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        super::stream::whole(m, self.0, super::stream::Format::Jsonl(self.1), out)
    }
}

/// Pretty JSON nested inside the document, each line after the first indented.
pub(crate) fn write_indented(out: &mut dyn Write, v: &Value, indent: &str) -> io::Result<()> {
    let text = serde_json::to_vec_pretty(v).unwrap_or_default();
    // Strings in JSON escape their line breaks: every newline here is the layout's.
    let mut buf = Vec::with_capacity(text.len() + text.len() / 8);
    for part in text.split_inclusive(|&b| b == b'\n') {
        buf.extend_from_slice(part);
        if part.ends_with(b"\n") {
            buf.extend_from_slice(indent.as_bytes());
        }
    }
    out.write_all(&buf)
}

/// A JSON value built by the caller (e.g. `{"stamp": …, "plan": …}`).
pub struct JsonValue(pub Value);

impl Render for JsonValue {
    fn render(&self, _m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &self.0)?;
        writeln!(out)
    }
}
