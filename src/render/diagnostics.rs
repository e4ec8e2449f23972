//! Diagnostics as text (`file:line:col: error[code]: message`, the offending line
//! with a caret, and what to do) or as JSON, worded by the catalogue.

use super::{Catalog, Render};
use crate::core::diag::{Diagnostic, Severity};
use std::io::{self, Write};
use std::path::Path;

/// Diagnostics for people. `line_of` gives the text of a line of a file, when it can.
pub struct DiagText<'a> {
    pub diags: &'a [Diagnostic],
    pub line_of: &'a dyn Fn(&Path, usize) -> Option<String>,
}

impl Render for DiagText<'_> {
    fn render(&self, m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        for d in self.diags {
            let (message, help) = m.diagnostic(d);
            writeln!(
                out,
                "{}: {}[{}]: {message}",
                d.span,
                m.severity(d.is_error()),
                d.code
            )?;
            if d.span.line > 0 {
                if let Some(text) = (self.line_of)(&d.span.file, d.span.line) {
                    let (text, column) = window(text.trim_end(), d.span.column);
                    let num = d.span.line.to_string();
                    let pad = " ".repeat(num.len());
                    writeln!(out, "{pad} |\n{num} | {text}")?;
                    if column > 0 {
                        let lead: String = text
                            .chars()
                            .take(column - 1)
                            .map(|c| if c == '\t' { '\t' } else { ' ' })
                            .collect();
                        writeln!(out, "{pad} | {lead}^")?;
                    }
                }
            }
            if let Some(h) = help {
                writeln!(out, "  = help: {h}")?;
            }
        }
        Ok(())
    }
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

/// Diagnostics as a JSON array; `message` and `help` in the chosen language.
pub struct DiagJson<'a>(pub &'a [Diagnostic]);

impl Render for DiagJson<'_> {
    fn render(&self, m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        let v: Vec<serde_json::Value> = self
            .0
            .iter()
            .map(|d| {
                let (message, help) = m.diagnostic(d);
                let mut v = serde_json::to_value(d).unwrap_or_default();
                if let serde_json::Value::Object(o) = &mut v {
                    o.insert("message".into(), message.into());
                    match help {
                        Some(h) => o.insert("help".into(), h.into()),
                        None => o.remove("help"),
                    };
                    o.remove("args");
                }
                v
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &v)?;
        writeln!(out)
    }
}

pub fn count(diags: &[Diagnostic]) -> (usize, usize) {
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    (errors, diags.len() - errors)
}
