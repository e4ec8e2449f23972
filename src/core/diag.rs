//! One diagnostic model for every problem the engine reports (rule files, datasets,
//! test cases). Renderers in `printers::diagnostics` turn it into text or JSON.

use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A place in a file: 1-based line and column (column 0 when unknown).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Span {
    /// Shared: a dataset has a span per cell, all pointing at a few files.
    pub file: Arc<Path>,
    pub line: usize,
    pub column: usize,
}

impl Span {
    pub fn new(file: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Span {
            file: Arc::from(file.into()),
            line,
            column,
        }
    }
    /// Another place in the same file, sharing its path (no allocation).
    pub fn at(&self, line: usize, column: usize) -> Self {
        Span {
            file: Arc::clone(&self.file),
            line,
            column,
        }
    }
    pub fn file_only(file: impl Into<PathBuf>) -> Self {
        Span::new(file, 0, 0)
    }
    /// A cell of a workbook sheet (1-based row and column), named as Excel does:
    /// `book.xlsx:Sheet1!C7` is the whole `file`, with no line or column.
    pub fn cell(file: &Path, sheet: &str, row: usize, column: usize) -> Self {
        Span::file_only(format!(
            "{}:{sheet}!{}{row}",
            file.display(),
            column_letters(column)
        ))
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        Ok(())
    }
}

/// Excel's column letters: 1 → A, 27 → AA.
pub fn column_letters(mut column: usize) -> String {
    let mut s = Vec::new();
    while column > 0 {
        s.push(b'A' + ((column - 1) % 26) as u8);
        column = (column - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Diagnostic {
    pub span: Span,
    pub severity: Severity,
    /// A short stable code, e.g. `unknown-field`, so tools can filter.
    pub code: &'static str,
    pub message: String,
    /// What to do about it, in the terms of the person editing the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The values the message is about, by name, so that the renderers' catalogues
    /// can word it in each language (`message`/`help` are the English wording).
    /// Boxed: diagnostics travel in `Result`s and should stay small.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub args: Option<Box<Vec<(&'static str, String)>>>,
}

impl Diagnostic {
    pub fn error(span: Span, code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            span,
            severity: Severity::Error,
            code,
            message: message.into(),
            help: None,
            args: None,
        }
    }
    pub fn warning(span: Span, code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(span, code, message)
        }
    }
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
    /// A named value of the message, for the catalogues.
    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args
            .get_or_insert_with(Default::default)
            .push((name, value.to_string()));
        self
    }
    pub fn get(&self, name: &str) -> Option<&str> {
        self.args
            .as_deref()?
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {}[{}]: {}", self.span, sev, self.code, self.message)
    }
}

/// A list of diagnostics collected while loading; loading goes on after an error
/// so that one run shows every problem in a file.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort();
        self.0.dedup();
        self.0
    }
}

/// Error for I/O problems: a path that cannot be read.
pub fn io_error(path: &Path, err: &std::io::Error) -> Diagnostic {
    let msg = match err.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        _ => format!("cannot read: {err}"),
    };
    Diagnostic::error(Span::file_only(path), "io", msg).arg(
        "missing",
        (err.kind() == std::io::ErrorKind::NotFound).to_string(),
    )
}
