//! Diagnostics as text (`file:line:col: error[code]: message`, the offending line
//! with a caret, and what to do) or as JSON, worded by the catalogue. As text, at most
//! [`MAX_SHOWN_PER_KIND`] of one kind (code and severity) are shown, then one line
//! counts the rest (`… và 199.990 lỗi cùng loại`); JSON keeps every one.

use super::i18n::DiagLabel;
use super::{Catalog, Render};
use crate::core::diag::{Diagnostic, Severity};
use crate::core::limits::MAX_SHOWN_PER_KIND;
use crate::core::problem::{Problem, RunProblem};
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

/// Diagnostics for people. `line_of` gives the text of a line of a file, when it can.
pub struct DiagText<'a> {
    pub diags: &'a [Diagnostic],
    pub line_of: &'a dyn Fn(&Path, usize) -> Option<String>,
}

impl Render for DiagText<'_> {
    fn render(&self, m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        // Names and lines quoted from files are shown, never obeyed by the terminal.
        let out = &mut super::escape::terminal::TerminalSafe::new(out);
        let mut seen: BTreeMap<(&str, bool), usize> = BTreeMap::new();
        for d in self.diags {
            let n = seen
                .entry((d.code(), d.severity == Severity::Error))
                .or_default();
            *n += 1;
            if *n <= MAX_SHOWN_PER_KIND {
                self.one(m, d, out)?;
            }
        }
        for ((code, error), n) in seen {
            if n > MAX_SHOWN_PER_KIND {
                let more = Problem::Run(RunProblem::MoreOfKind {
                    more: n - MAX_SHOWN_PER_KIND,
                    shown: MAX_SHOWN_PER_KIND,
                    error,
                });
                let said = m.problem(&more);
                let label = if error {
                    DiagLabel::Error
                } else {
                    DiagLabel::Warning
                };
                writeln!(out, "{}[{code}]: {}", m.diag_label(label), said.message)?;
                if let Some(h) = &said.help {
                    writeln!(out, "  = {}: {h}", m.diag_label(DiagLabel::Help))?;
                }
            }
        }
        out.flush()
    }
}

impl DiagText<'_> {
    /// One diagnostic: its line, the offending text with a caret, notes and help.
    fn one(&self, m: &dyn Catalog, d: &Diagnostic, out: &mut dyn Write) -> io::Result<()> {
        let said = m.problem(&d.problem);
        writeln!(
            out,
            "{}: {}[{}]: {}",
            d.span,
            m.diag_label(severity(d)),
            d.code(),
            said.message
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
        for n in &said.notes {
            writeln!(out, "  = {}: {n}", m.diag_label(DiagLabel::Note))?;
        }
        if let Some(h) = &said.help {
            writeln!(out, "  = {}: {h}", m.diag_label(DiagLabel::Help))?;
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
                let said = m.problem(&d.problem);
                let mut o = serde_json::Map::new();
                o.insert(
                    "span".into(),
                    serde_json::to_value(&d.span).unwrap_or_default(),
                );
                o.insert(
                    "severity".into(),
                    serde_json::to_value(d.severity).unwrap_or_default(),
                );
                o.insert("code".into(), d.code().into());
                o.insert("message".into(), said.message.into());
                if let Some(h) = said.help {
                    o.insert("help".into(), h.into());
                }
                if !said.notes.is_empty() {
                    o.insert("notes".into(), said.notes.into());
                }
                // The values the message is about, by name.
                if let Ok(args @ serde_json::Value::Object(_)) = serde_json::to_value(&d.problem) {
                    o.insert("args".into(), args);
                }
                serde_json::Value::Object(o)
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &v)?;
        writeln!(out)
    }
}

fn severity(d: &Diagnostic) -> DiagLabel {
    match d.severity {
        Severity::Error => DiagLabel::Error,
        Severity::Warning => DiagLabel::Warning,
    }
}

pub fn count(diags: &[Diagnostic]) -> (usize, usize) {
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    (errors, diags.len() - errors)
}
