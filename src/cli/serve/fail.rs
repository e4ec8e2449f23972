//! Errors as JSON: `{"status", "code", "message", "diagnostics"}` with the message in
//! the request's language and every diagnostic located (file, line, column). The
//! status says what kind of error it is: 400 a malformed request, 401 no valid token,
//! 404 an unknown unit, set, parameter or page (with did-you-mean), 409 an amendment
//! whose id is taken, 413 a body over the limit, 422 data or rules that do not load.

use super::words::Http;
use crate::run::CliError;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use ntm::core::diag::Diagnostic;
use ntm::core::problem::{AuthoringProblem, Problem};
use ntm::render::{Lang, Render};

#[derive(Debug)]
pub(crate) enum Kind {
    Http(Http),
    Diagnostics(Vec<Diagnostic>),
    /// A failure worded by the command line (`CliError::Io`), e.g. while rendering.
    Io(CliError),
}

#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    kind: Kind,
}

impl ApiError {
    pub(crate) fn http(h: Http) -> ApiError {
        let status = match &h {
            Http::NoRoute { .. } | Http::NoPlan { .. } => StatusCode::NOT_FOUND,
            Http::Unauthorized => StatusCode::UNAUTHORIZED,
            Http::BadParam { .. } | Http::MissingParam { .. } => StatusCode::BAD_REQUEST,
            Http::Timeout => StatusCode::SERVICE_UNAVAILABLE,
            Http::BadUpload { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            Http::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        };
        ApiError {
            status,
            kind: Kind::Http(h),
        }
    }

    /// Diagnostics, with the status their first error's code calls for.
    pub(crate) fn diagnostics(d: Vec<Diagnostic>) -> ApiError {
        let first = d.iter().find(|x| x.is_error()).or(d.first());
        let status = match first.map(|x| (x.code(), &*x.problem)) {
            Some((_, Problem::Authoring(a))) => authoring_status(a),
            other => code_status(other.map(|(c, _)| c)),
        };
        ApiError {
            status,
            kind: Kind::Diagnostics(d),
        }
    }

    /// The same error with another status (uploaded data that does not load: 422).
    pub(crate) fn with_status(self, status: StatusCode) -> ApiError {
        ApiError { status, ..self }
    }

    pub(crate) fn status(&self) -> StatusCode {
        self.status
    }

    /// The code, the message in `lang` and the located diagnostics.
    fn parts(&self, lang: Lang) -> (String, String, serde_json::Value) {
        let m = lang.catalog();
        match &self.kind {
            Kind::Http(h) => (h.code().to_string(), h.message(lang), serde_json::json!([])),
            Kind::Diagnostics(d) => {
                let first = d.iter().find(|x| x.is_error()).or(d.first());
                (
                    first.map_or("error", |x| x.code()).to_string(),
                    first
                        .map(|x| m.problem(&x.problem).message)
                        .unwrap_or_default(),
                    diagnostics_json(lang, d),
                )
            }
            Kind::Io(e) => (
                "io".into(),
                match e {
                    CliError::Io { place, what } => crate::output::io_line(m, place, what),
                    CliError::Diagnostics(_) => String::new(),
                },
                serde_json::json!([]),
            ),
        }
    }

    /// The message, located at the first diagnostic's place when there is one.
    pub(crate) fn message(&self, lang: Lang) -> String {
        let (_, message, diags) = self.parts(lang);
        match diags.get(0).and_then(|d| d["file"].as_str()) {
            Some(f) if !f.is_empty() => format!("{f}: {message}"),
            _ => message,
        }
    }

    pub(crate) fn respond(self, lang: Lang) -> Response {
        let (code, message, diags) = self.parts(lang);
        let body = serde_json::json!({
            "status": self.status.as_u16(),
            "code": code,
            "message": message,
            "diagnostics": diags,
        });
        (self.status, axum::Json(body)).into_response()
    }
}

/// The status of a diagnostic by its code.
fn code_status(code: Option<&str>) -> StatusCode {
    match code {
        Some("unknown-unit" | "unknown-ruleset" | "no-result" | "override" | "no-data") => {
            StatusCode::NOT_FOUND
        }
        // A name shared by units of different times, asked without a year: the
        // request, not the data, must say more.
        Some("json" | "unit-needs-year") => StatusCode::BAD_REQUEST,
        Some("file-too-large") => StatusCode::PAYLOAD_TOO_LARGE,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

/// The status of an amendment refused (`/api/v1/amendment`): its variants share one
/// code but not one cause.
fn authoring_status(a: &AuthoringProblem) -> StatusCode {
    match a {
        // A parameter the set does not have (yet).
        AuthoringProblem::AmendPending { .. } => StatusCode::NOT_FOUND,
        // A first day the set amended does not allow.
        AuthoringProblem::ScaffoldTooEarly { .. } | AuthoringProblem::ScaffoldBaseEnded { .. } => {
            StatusCode::BAD_REQUEST
        }
        AuthoringProblem::ScaffoldExists { .. } => StatusCode::CONFLICT,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

impl From<CliError> for ApiError {
    fn from(e: CliError) -> Self {
        match e {
            CliError::Diagnostics(d) => ApiError::diagnostics(d),
            io @ CliError::Io { .. } => ApiError {
                status: StatusCode::INTERNAL_SERVER_ERROR,
                kind: Kind::Io(io),
            },
        }
    }
}

impl From<ntm::analysis::project::Error> for ApiError {
    fn from(e: ntm::analysis::project::Error) -> Self {
        ApiError::diagnostics(e.diagnostics)
    }
}

/// Diagnostics as the command line's JSON (`--format json` of `ntm check`), each
/// with its place also as `file`, `line` and `column`.
pub(crate) fn diagnostics_json(lang: Lang, d: &[Diagnostic]) -> serde_json::Value {
    let mut buf = Vec::new();
    let _ = ntm::render::diagnostics::DiagJson(d).render(lang.catalog(), &mut buf);
    let mut v: serde_json::Value = serde_json::from_slice(&buf).unwrap_or_default();
    if let Some(items) = v.as_array_mut() {
        for (item, d) in items.iter_mut().zip(d) {
            item["file"] = d.span.file.display().to_string().into();
            item["line"] = d.span.line.into();
            item["column"] = d.span.column.into();
        }
    }
    v
}

impl From<ntm::core::diag::Diagnostics> for ApiError {
    fn from(d: ntm::core::diag::Diagnostics) -> Self {
        ApiError::diagnostics(d.sorted())
    }
}
