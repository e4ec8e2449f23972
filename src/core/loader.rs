//! The one place that reads YAML and JSON documents. Every other module asks this one,
//! so the YAML crate (serde-saphyr, the maintained successor of serde_yaml with the
//! same serde API) can be swapped without touching the rest.

use crate::core::diag::{Diagnostic, Span};
use crate::core::problem::{InputProblem, YamlFault};
use serde::de::DeserializeOwned;
use std::path::Path;

pub use serde_saphyr::Spanned;

/// The YAML reader's limits, scaled to what a file within
/// [`crate::core::limits::MAX_FILE_BYTES`] can hold: a generated dataset of tens of
/// thousands of units reads; nesting and alias expansion stay bounded, and cheaply: the
/// text an alias repeats counts against the same total as the text written, so aliases
/// can never make a document larger than the largest file read
/// ([`crate::core::limits::MAX_YAML_ALIASES`] and the replay limits below).
fn yaml_options() -> serde_saphyr::Options {
    use crate::core::limits::{MAX_FILE_BYTES, MAX_YAML_ALIASES, MAX_YAML_NODES};
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = MAX_YAML_NODES;
    budget.max_events = 2 * MAX_YAML_NODES;
    budget.max_aliases = MAX_YAML_ALIASES;
    budget.max_anchors = MAX_YAML_ALIASES;
    budget.max_total_scalar_bytes = MAX_FILE_BYTES as usize;
    budget.max_recorded_anchor_bytes = 4 * 1024 * 1024;
    budget.max_recorded_anchor_events = 100 * MAX_YAML_ALIASES;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options.alias_limits.max_total_replayed_events = 100 * MAX_YAML_ALIASES;
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
    serde_saphyr::from_str_with_options::<T>(text, yaml_options())
        .map_err(|e| yaml_error(file, text, &e))
}

/// A YAML reader error as a problem, by the error's kind and location (its English
/// wording is kept only for the English catalogue).
fn yaml_error(file: &Path, text: &str, e: &serde_saphyr::Error) -> Diagnostic {
    use serde_saphyr::Error as E;
    let e = e.without_snippet();
    if let E::AliasError { error, .. } = e {
        return yaml_error(file, text, error);
    }
    let (line, column) = e
        .location()
        .map(|l| (l.line() as usize, l.column() as usize))
        .unwrap_or((0, 0));
    if let Some(d) = tab_indent(file, text) {
        return d;
    }
    let at = || Span::new(file, line, column);
    let strs = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    match e {
        E::SerdeUnknownField {
            field, expected, ..
        } => decimal_comma_in_braces(file, text, field, line, column)
            .unwrap_or_else(|| unknown_key(at(), field, strs(expected))),
        E::SerdeUnknownVariant {
            variant, expected, ..
        } => unknown_value(at(), variant, strs(expected)),
        E::SerdeMissingField { field, .. } => misaligned_key(file, text, field, line, column)
            .unwrap_or_else(|| missing_key(file, text, field, line, column)),
        other => Diagnostic::error(
            at(),
            InputProblem::Yaml {
                fault: fault_of(other),
                detail: clean_message(&other.to_string()),
            },
        ),
    }
}

/// What kind of YAML fault an error is.
fn fault_of(e: &serde_saphyr::Error) -> YamlFault {
    use serde_saphyr::Error as E;
    match e {
        E::ExternalMessage { .. } | E::ContainerEndMismatch { .. } => YamlFault::Syntax,
        E::UnexpectedContainerEndWhileReadingKeyNode { .. } => YamlFault::Syntax,
        E::Eof { .. } => YamlFault::Eof,
        E::Unexpected { .. } | E::SerdeInvalidType { .. } | E::NullIntoString { .. } => {
            YamlFault::WrongType
        }
        E::SerdeInvalidValue { .. } | E::InvalidScalar { .. } | E::SerdeInvalidLength { .. } => {
            YamlFault::BadValue
        }
        E::DuplicateMappingKey { key, .. } => YamlFault::DuplicateKey { key: key.clone() },
        E::NonFiniteFloat { value, .. } => YamlFault::NonFinite {
            value: value.clone(),
        },
        E::Budget { .. }
        | E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. }
        | E::AliasReplayCounterOverflow { .. } => YamlFault::Limit,
        E::UnknownAnchor { .. } => YamlFault::UnknownAnchor,
        _ => YamlFault::Other,
    }
}

/// YAML forbids tabs in indentation, and the parser reports them on a neighbouring
/// line: name the tab's own line and column.
fn tab_indent(file: &Path, text: &str) -> Option<Diagnostic> {
    text.lines().enumerate().find_map(|(i, l)| {
        let lead: String = l.chars().take_while(|c| c.is_whitespace()).collect();
        let col = lead.chars().position(|c| c == '\t')?;
        Some(Diagnostic::error(
            Span::new(file, i + 1, col + 1),
            InputProblem::YamlTab,
        ))
    })
}

/// A missing key often means the key is there but indented differently from its
/// siblings; point at that line instead of the start of the entry.
fn misaligned_key(
    file: &Path,
    text: &str,
    key: &str,
    line: usize,
    column: usize,
) -> Option<Diagnostic> {
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
            return Some(Diagnostic::error(
                Span::new(file, i + 1, indent + 1),
                InputProblem::YamlIndent {
                    key: key.to_string(),
                    entry_line: line,
                    spaces: column.saturating_sub(1),
                    found: indent,
                },
            ));
        }
    }
    None
}

/// Parse a JSON document into `T`.
pub fn from_json<T: DeserializeOwned>(file: &Path, text: &str) -> Result<T, Diagnostic> {
    if let Some((key, line, column)) = crate::core::json_keys::first_duplicate_key(text) {
        return Err(Diagnostic::error(
            Span::new(file, line, column),
            InputProblem::DuplicateKey { key },
        ));
    }
    serde_json::from_str::<T>(text).map_err(|e| {
        let msg = e.to_string();
        let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
        Diagnostic::error(
            Span::new(file, e.line(), e.column()),
            InputProblem::Json { detail: msg },
        )
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

/// An unknown key, and the closest allowed key when there is one; `verified:` is
/// the old name of `source_level:`.
fn unknown_key(at: Span, key: &str, expected: Vec<String>) -> Diagnostic {
    let renamed_to = (key == "verified" && expected.iter().any(|k| k == "source_level"))
        .then(|| "source_level".to_string());
    let suggestion = crate::core::text::did_you_mean(key, expected.iter().map(String::as_str));
    Diagnostic::error(
        at,
        InputProblem::UnknownKey {
            key: key.to_string(),
            expected,
            suggestion,
            renamed_to,
        },
    )
}

/// A key that is absent (not merely misaligned).
fn missing_key(file: &Path, text: &str, key: &str, line: usize, column: usize) -> Diagnostic {
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
    Diagnostic::error(
        Span::new(file, line, column),
        InputProblem::MissingKey {
            key: key.to_string(),
        },
    )
}

/// `{value: 85,5, …}`: inside braces a comma separates entries, so `5` became a key.
fn decimal_comma_in_braces(
    file: &Path,
    text: &str,
    key: &str,
    line: usize,
    column: usize,
) -> Option<Diagnostic> {
    if key.is_empty() || !key.chars().all(|c| c.is_ascii_digit()) {
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
    let number: String = chars.get(start..column - 1 + key.len())?.iter().collect();
    Some(Diagnostic::error(
        Span::new(file, line, start + 1),
        InputProblem::YamlDecimalComma { number },
    ))
}

/// A value outside a fixed list (a field type, a source level, a stage); the closest
/// allowed value when there is one.
fn unknown_value(at: Span, value: &str, expected: Vec<String>) -> Diagnostic {
    let suggestion = crate::core::text::did_you_mean(value, expected.iter().map(String::as_str));
    Diagnostic::error(
        at,
        InputProblem::UnknownValue {
            value: value.to_string(),
            expected,
            suggestion,
        },
    )
}
