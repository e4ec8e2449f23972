//! Diagnostics as text (`file:line:col: error[code]: message`, the offending line
//! with a caret, and what to do) or as JSON.

use crate::diag::{Diagnostic, Severity};
use std::path::Path;

/// Render for people. `line_of` gives the text of a line of a file, when it can.
pub fn render_text(
    diags: &[Diagnostic],
    line_of: &dyn Fn(&Path, usize) -> Option<String>,
) -> String {
    let mut out = String::new();
    for d in diags {
        out.push_str(&d.to_string());
        out.push('\n');
        if d.span.line > 0 {
            if let Some(text) = line_of(&d.span.file, d.span.line) {
                let (text, column) = window(text.trim_end(), d.span.column);
                let num = d.span.line.to_string();
                let pad = " ".repeat(num.len());
                out.push_str(&format!("{pad} |\n{num} | {text}\n"));
                if column > 0 {
                    let lead: String = text
                        .chars()
                        .take(column - 1)
                        .map(|c| if c == '\t' { '\t' } else { ' ' })
                        .collect();
                    out.push_str(&format!("{pad} | {lead}^\n"));
                }
            }
        }
        if let Some(h) = &d.help {
            out.push_str(&format!("  = help: {h}\n"));
        }
    }
    out
}

/// A long line is cut to a window around the column, so the caret stays readable.
fn window(text: &str, column: usize) -> (String, usize) {
    const WIDTH: usize = 120;
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= WIDTH {
        return (text.to_string(), column);
    }
    let start = column
        .saturating_sub(WIDTH / 2)
        .min(chars.len().saturating_sub(WIDTH));
    let end = (start + WIDTH).min(chars.len());
    let mut s: String = chars[start..end].iter().collect();
    let mut col = column.saturating_sub(start);
    if start > 0 {
        s.insert(0, '…');
        col += 1;
    }
    if end < chars.len() {
        s.push('…');
    }
    (s, col)
}

/// Render as a JSON array (one object per diagnostic).
pub fn render_json(diags: &[Diagnostic]) -> String {
    serde_json::to_string_pretty(diags).unwrap_or_else(|_| "[]".into()) + "\n"
}

pub fn count(diags: &[Diagnostic]) -> (usize, usize) {
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    (errors, diags.len() - errors)
}
