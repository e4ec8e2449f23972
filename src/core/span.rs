//! A place in a file (file, line, column), shared by diagnostics and problems.

use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
