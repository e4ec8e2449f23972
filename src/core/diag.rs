//! One diagnostic model for every problem the engine reports (rule files, datasets,
//! test cases, the command line): a place, a severity and a [`Problem`], which is
//! data. The library never words a diagnostic; `render::i18n` does, per language.
//!
//! Reporting a problem:
//!
//! ```
//! use ntm::core::diag::{Diagnostic, Span};
//! use ntm::core::problem::RuleProblem;
//! let d = Diagnostic::error(
//!     Span::new("rules/x.yaml", 12, 5),
//!     RuleProblem::DuplicateField { field: "ho_dien_pct".into() },
//! );
//! assert_eq!(d.code(), "duplicate-field");
//! ```
//!
//! Problems come in areas (`InputProblem`, `ExprProblem`, `RuleProblem`,
//! `DataProblem`, `PlanProblem`, `RunProblem`, all in `core/problem.rs`), each
//! variant with its stable code. A new kind of problem is a new variant there and one
//! arm in each language's catalogue (`render/i18n/diag_vi*.rs`, `diag_en*.rs`): the
//! compiler lists every catalogue that lacks it. Give the variant
//! the values the sentence needs, typed (numbers as numbers, lists as lists, other
//! places as [`Span`]s), never a sentence.

use crate::core::problem::Problem;
pub use crate::core::span::{column_letters, Span};
use serde::Serialize;
use std::fmt;
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub span: Span,
    pub severity: Severity,
    /// Boxed: diagnostics travel in `Result`s and should stay small.
    pub problem: Box<Problem>,
}

impl Diagnostic {
    pub fn error(span: Span, problem: impl Into<Problem>) -> Self {
        Diagnostic {
            span,
            severity: Severity::Error,
            problem: Box::new(problem.into()),
        }
    }
    pub fn warning(span: Span, problem: impl Into<Problem>) -> Self {
        Diagnostic {
            span,
            severity: Severity::Warning,
            problem: Box::new(problem.into()),
        }
    }
    /// The stable short code, e.g. `unknown-field`, so tools can filter.
    pub fn code(&self) -> &'static str {
        self.problem.code()
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// As data: place, severity, code and the problem's values (`args`).
impl Serialize for Diagnostic {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Diagnostic", 4)?;
        st.serialize_field("span", &self.span)?;
        st.serialize_field("severity", &self.severity)?;
        st.serialize_field("code", self.code())?;
        st.serialize_field("args", &*self.problem)?;
        st.end()
    }
}

/// Where and what, without words (for logs and test failures; people read the
/// catalogues' wording).
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}: {}[{}]: {:?}",
            self.span,
            sev,
            self.code(),
            self.problem
        )
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
    Diagnostic::error(
        Span::file_only(path),
        crate::core::problem::InputProblem::Io {
            missing: err.kind() == std::io::ErrorKind::NotFound,
            detail: err.to_string(),
        },
    )
}
