//! The one place that reads YAML and JSON documents. Every other module asks this one,
//! so the YAML crate (serde-saphyr, the maintained successor of serde_yaml with the
//! same serde API) can be swapped without touching the rest.

use crate::diag::{Diagnostic, Span};
use serde::de::DeserializeOwned;
use std::path::Path;

pub use serde_saphyr::Spanned;

/// Line and column (1-based) of a spanned YAML value.
pub fn span_of<T>(file: &Path, s: &Spanned<T>) -> Span {
    Span::new(
        file,
        s.referenced.line() as usize,
        s.referenced.column() as usize,
    )
}

/// Parse a YAML document into `T`, turning a parse or shape error into a diagnostic
/// with the file, line and column of the fault.
pub fn from_yaml<T: DeserializeOwned>(file: &Path, text: &str) -> Result<T, Diagnostic> {
    serde_saphyr::from_str::<T>(text).map_err(|e| {
        let (line, column) = e
            .location()
            .map(|l| (l.line() as usize, l.column() as usize))
            .unwrap_or((0, 0));
        let msg = clean_message(&e.without_snippet().to_string());
        Diagnostic::error(Span::new(file, line, column), "yaml", yaml_hint(&msg))
    })
}

/// Parse a JSON document into `T`.
pub fn from_json<T: DeserializeOwned>(file: &Path, text: &str) -> Result<T, Diagnostic> {
    serde_json::from_str::<T>(text).map_err(|e| {
        let msg = e.to_string();
        let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
        Diagnostic::error(Span::new(file, e.line(), e.column()), "json", msg)
    })
}

/// Parse by file extension: `.json` as JSON, anything else as YAML.
pub fn from_document<T: DeserializeOwned>(file: &Path, text: &str) -> Result<T, Diagnostic> {
    if file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        from_json(file, text)
    } else {
        from_yaml(file, text)
    }
}

/// The YAML library appends its own position; we print ours in front instead.
fn clean_message(msg: &str) -> String {
    let first = msg.lines().next().unwrap_or(msg).trim();
    let cut = first
        .find(" at line ")
        .map(|i| &first[..i])
        .unwrap_or(first);
    cut.trim_end_matches(':').trim().to_string()
}

/// Add a word of advice for the YAML mistakes policy staff make most.
fn yaml_hint(msg: &str) -> String {
    let lower = msg.to_lowercase();
    if lower.contains("indent") || lower.contains("mapping values are not allowed") {
        format!("{msg} (check the indentation: items at the same level must start in the same column, with spaces, not tabs)")
    } else if lower.contains("unknown field") {
        format!("{msg} (a key is misspelt or placed at the wrong level)")
    } else {
        msg.to_string()
    }
}
