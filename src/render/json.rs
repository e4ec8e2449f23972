//! JSON outputs. Results are codes, not words (schema in docs/json-schema.md); the
//! one exception is a `message` beside each finding and notice, worded in the chosen
//! language, so that a reader of the file needs no catalogue. `eval`'s documents are
//! written by the spooler ([`super::stream`]) from the types of [`crate::report::doc`].

use super::{Catalog, Render};
use crate::report::doc::Worded;
use crate::report::{Finding, Notice, Report};
use serde::Serialize;
use serde_json::Value;
use std::io::{self, Write};

pub use super::stream::Detail;

/// Any serialisable value, pretty-printed.
pub struct Json<'a, T: Serialize>(pub &'a T);

impl<T: Serialize> Render for Json<'_, T> {
    fn render(&self, _m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, self.0)?;
        writeln!(out)
    }
}

/// A finding with its message, for documents other commands build.
pub fn finding(m: &dyn Catalog, f: &Finding) -> Value {
    serde_json::to_value(Worded {
        item: f,
        message: m.finding(f),
    })
    .unwrap_or_default()
}

/// Notices with their messages, for documents other commands build.
pub fn notices(m: &dyn Catalog, ns: &[Notice]) -> Value {
    let worded: Vec<Worded<Notice>> = ns
        .iter()
        .map(|n| Worded {
            item: n,
            message: m.notice(n),
        })
        .collect();
    serde_json::to_value(worded).unwrap_or_default()
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

/// A JSON value built by the caller (e.g. `{"stamp": …, "plan": …}`).
pub struct JsonValue(pub Value);

impl Render for JsonValue {
    fn render(&self, _m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &self.0)?;
        writeln!(out)
    }
}
