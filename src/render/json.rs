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

pub struct JsonReport<'a>(pub &'a Report);

impl Render for JsonReport<'_> {
    fn render(&self, m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &report_value(m, self.0))?;
        writeln!(out)
    }
}

/// A JSON value built by the caller (e.g. `{"stamp": …, "plan": …}`).
pub struct JsonValue(pub Value);

impl Render for JsonValue {
    fn render(&self, _m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &self.0)?;
        writeln!(out)
    }
}
