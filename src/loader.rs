//! The one place that reads YAML and JSON documents. Every other module asks this one,
//! so the YAML crate (serde-saphyr, the maintained successor of serde_yaml with the
//! same serde API) can be swapped without touching the rest.

use crate::diag::{Diagnostic, Span};
use serde::de::DeserializeOwned;
use std::path::Path;

pub use serde_saphyr::Spanned;

/// The YAML reader's limits, scaled to what a file within
/// [`crate::limits::MAX_FILE_BYTES`] can hold: a generated dataset of tens of
/// thousands of units reads; nesting and alias expansion stay bounded.
fn yaml_options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = crate::limits::MAX_YAML_NODES;
    budget.max_events = 2 * crate::limits::MAX_YAML_NODES;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options
}

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
    serde_saphyr::from_str_with_options::<T>(text, yaml_options()).map_err(|e| {
        let (line, column) = e
            .location()
            .map(|l| (l.line() as usize, l.column() as usize))
            .unwrap_or((0, 0));
        let msg = clean_message(&e.without_snippet().to_string());
        if let Some(d) = misaligned_key(file, text, &msg, line, column) {
            return d;
        }
        Diagnostic::error(Span::new(file, line, column), "yaml", yaml_hint(&msg))
    })
}

/// "missing field `name`" often means the key is there but indented differently
/// from its siblings; point at that line instead of the start of the entry.
fn misaligned_key(
    file: &Path,
    text: &str,
    msg: &str,
    line: usize,
    column: usize,
) -> Option<Diagnostic> {
    let key = msg.strip_prefix("missing field `")?.strip_suffix('`')?;
    let lines: Vec<&str> = text.lines().collect();
    for (i, l) in lines.iter().enumerate().skip(line).take(40) {
        let trimmed = l.trim_start();
        let indent = l.len() - trimmed.len();
        let body = trimmed.strip_prefix("- ").unwrap_or(trimmed);
        if indent + 1 < column.saturating_sub(2)
            && !trimmed.is_empty()
            && !trimmed.starts_with('#')
            && i > line
        {
            break;
        }
        if body.starts_with(&format!("{key}:")) && indent + 1 != column {
            return Some(
                Diagnostic::error(
                    Span::new(file, i + 1, indent + 1),
                    "yaml-indent",
                    format!("`{key}` is not aligned with the other keys of the entry that starts at line {line} (column {column})"),
                )
                .with_help(format!("indent `{key}` by {} spaces, like the keys above it", column - 1)),
            );
        }
    }
    None
}

/// Parse a JSON document into `T`.
pub fn from_json<T: DeserializeOwned>(file: &Path, text: &str) -> Result<T, Diagnostic> {
    if let Some((key, line, column)) = crate::json_keys::first_duplicate_key(text) {
        return Err(Diagnostic::error(
            Span::new(file, line, column),
            "duplicate-key",
            format!("key `{key}` is given twice in the same object"),
        )
        .with_help("keep one of them: which one was meant cannot be guessed")
        .arg("key", key));
    }
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
    if lower.contains("indent")
        || lower.contains("mapping values are not allowed")
        || lower.contains("did not find expected")
    {
        format!("{msg} (check the indentation: items at the same level must start in the same column, with spaces, not tabs)")
    } else if lower.contains("unknown field") {
        format!("{msg} (a key is misspelt or placed at the wrong level; a text with a comma inside {{ … }} must be quoted)")
    } else {
        msg.to_string()
    }
}
