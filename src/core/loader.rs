//! The one place that reads YAML and JSON documents. Every other module asks this one,
//! so the YAML crate (serde-saphyr, the maintained successor of serde_yaml with the
//! same serde API) can be swapped without touching the rest.

use crate::core::diag::{Diagnostic, Span};
use serde::de::DeserializeOwned;
use std::path::Path;

pub use serde_saphyr::Spanned;

/// The YAML reader's limits, scaled to what a file within
/// [`crate::core::limits::MAX_FILE_BYTES`] can hold: a generated dataset of tens of
/// thousands of units reads; nesting and alias expansion stay bounded.
fn yaml_options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = crate::core::limits::MAX_YAML_NODES;
    budget.max_events = 2 * crate::core::limits::MAX_YAML_NODES;
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
        if let Some(d) = tab_indent(file, text) {
            return d;
        }
        if let Some(d) = misaligned_key(file, text, &msg, line, column) {
            return d;
        }
        if let Some(d) = decimal_comma_in_braces(file, text, &msg, line, column) {
            return d;
        }
        if let Some(d) = unknown_key(file, &msg, line, column) {
            return d;
        }
        if let Some(d) = unknown_value(file, &msg, line, column) {
            return d;
        }
        if let Some(d) = missing_key(file, text, &msg, line, column) {
            return d;
        }
        Diagnostic::error(Span::new(file, line, column), "yaml", yaml_hint(&msg))
    })
}

/// YAML forbids tabs in indentation, and the parser reports them on a neighbouring
/// line: name the tab's own line and column.
fn tab_indent(file: &Path, text: &str) -> Option<Diagnostic> {
    text.lines().enumerate().find_map(|(i, l)| {
        let lead: String = l.chars().take_while(|c| c.is_whitespace()).collect();
        let col = lead.chars().position(|c| c == '\t')?;
        Some(
            Diagnostic::error(
                Span::new(file, i + 1, col + 1),
                "yaml-tab",
                "a tab is used for indentation; YAML accepts only spaces",
            )
            .arg("line", i + 1)
            .with_help("replace the tab with spaces, aligned with the keys of the same entry"),
        )
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
                .arg("key", key)
                .arg("line", line)
                .arg("spaces", column - 1)
                .arg("found", indent)
                .with_help(format!("indent `{key}` by {} spaces, like the keys above it", column - 1)),
            );
        }
    }
    None
}

/// Parse a JSON document into `T`.
pub fn from_json<T: DeserializeOwned>(file: &Path, text: &str) -> Result<T, Diagnostic> {
    if let Some((key, line, column)) = crate::core::json_keys::first_duplicate_key(text) {
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

/// The backticked words of a YAML library message, in order.
fn ticked(msg: &str) -> Vec<&str> {
    msg.split('`').skip(1).step_by(2).collect()
}

/// "unknown field `citaton`, expected one of …": name the key, and the closest
/// allowed key when there is one.
fn unknown_key(file: &Path, msg: &str, line: usize, column: usize) -> Option<Diagnostic> {
    if !msg.starts_with("unknown field") {
        return None;
    }
    let key = *ticked(msg).first()?;
    let expected: Vec<&str> = msg
        .split_once("expected one of ")
        .map(|(_, rest)| {
            rest.split(',')
                .map(|w| w.trim().trim_matches('`'))
                .collect()
        })
        .unwrap_or_default();
    let d = Diagnostic::error(
        Span::new(file, line, column),
        "unknown-key",
        format!("`{key}` is not a key of this entry"),
    )
    .arg("key", key)
    .arg("expected", expected.join(", "));
    Some(
        match crate::core::text::did_you_mean(key, expected.iter().copied()) {
            Some(s) => d
                .arg("suggestion", &s)
                .with_help(format!("did you mean `{s}`? The keys allowed here: {}", expected.join(", "))),
            None => d.with_help(format!(
                "the keys allowed here: {}; a key indented too much or too little belongs to another entry",
                expected.join(", ")
            )),
        },
    )
}

/// "missing field `citation`" when the key is absent (not merely misaligned).
fn missing_key(
    file: &Path,
    text: &str,
    msg: &str,
    line: usize,
    column: usize,
) -> Option<Diagnostic> {
    let key = msg.strip_prefix("missing field `")?.strip_suffix('`')?;
    // The YAML library points at the entry's last key: name the line where it starts.
    let lines: Vec<&str> = text.lines().take(line.saturating_sub(1)).collect();
    let (line, column) = lines
        .iter()
        .enumerate()
        .rev()
        .find_map(|(i, l)| {
            let t = l.trim_start();
            let indent = l.len() - t.len();
            (!t.is_empty() && !t.starts_with('#') && indent + 1 < column)
                .then(|| t.starts_with("- ").then_some((i + 1, indent + 1)))
        })
        .flatten()
        .unwrap_or((line, column));
    Some(
        Diagnostic::error(
            Span::new(file, line, column),
            "missing-key",
            format!("this entry has no `{key}:`, which is required"),
        )
        .arg("key", key)
        .with_help(format!(
            "add `{key}:` to the entry that starts here, indented like its other keys"
        )),
    )
}

/// `{value: 85,5, …}`: inside braces a comma separates entries, so `5` became a key.
fn decimal_comma_in_braces(
    file: &Path,
    text: &str,
    msg: &str,
    line: usize,
    column: usize,
) -> Option<Diagnostic> {
    if !msg.starts_with("unknown field") {
        return None;
    }
    let key = *ticked(msg).first()?;
    if !key.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let chars: Vec<char> = text.lines().nth(line.checked_sub(1)?)?.chars().collect();
    let comma = column.checked_sub(2)?;
    if chars.get(comma) != Some(&',') {
        return None;
    }
    let start = chars[..comma]
        .iter()
        .rposition(|c| !c.is_ascii_digit())
        .map_or(0, |i| i + 1);
    if start == comma {
        return None;
    }
    let number: String = chars[start..column - 1 + key.len()].iter().collect();
    Some(
        Diagnostic::error(
            Span::new(file, line, start + 1),
            "yaml-decimal-comma",
            format!("inside {{ … }} the comma of `{number}` separates two entries"),
        )
        .arg("number", &number)
        .arg("dot", number.replace(',', "."))
        .with_help(format!(
            "write `\"{number}\"` (in quotes) or `{}`",
            number.replace(',', ".")
        )),
    )
}

/// "unknown variant `percnt`, expected one of …": a value outside a fixed list (a field
/// type, a source level, a stage); the closest allowed value when there is one.
fn unknown_value(file: &Path, msg: &str, line: usize, column: usize) -> Option<Diagnostic> {
    if !msg.starts_with("unknown variant") {
        return None;
    }
    let value = *ticked(msg).first()?;
    let expected: Vec<&str> = msg
        .split_once("expected one of ")
        .or_else(|| msg.split_once("expected "))
        .map(|(_, rest)| {
            rest.split(',')
                .map(|w| w.trim().trim_matches('`'))
                .collect()
        })
        .unwrap_or_default();
    let d = Diagnostic::error(
        Span::new(file, line, column),
        "unknown-value",
        format!("`{value}` is not one of the values allowed here"),
    )
    .arg("value", value)
    .arg("expected", expected.join(", "));
    Some(
        match crate::core::text::did_you_mean(value, expected.iter().copied()) {
            Some(s) => d.arg("suggestion", &s).with_help(format!(
                "did you mean `{s}`? Allowed: {}",
                expected.join(", ")
            )),
            None => d.with_help(format!("allowed: {}", expected.join(", "))),
        },
    )
}
