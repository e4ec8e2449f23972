//! The JSON endpoints of evaluation: `/api/v1/eval` (GET and POST: what-if values
//! and uploaded data) and `/api/v1/explain`. Every body is written by the command
//! line's own builders (`commands::eval::spooled`, `commands::explain::json` …), so
//! the API answers exactly what `ntm … --format json` prints for the same request.

use super::fail::ApiError;
use super::query::{bad, Params};
use super::state::{Loaded, State};
use super::words::Http;
use crate::commands::{eval, explain};
use crate::run::Doc;
use axum::body::Bytes;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use ntm::analysis::project::Project;
use ntm::core::source::{Sources, DATA_EXTS};
use ntm::engine::eval::EvalOptions;
use ntm::render::stream::Format;
use ntm::render::{Lang, Render};
use std::sync::Arc;

/// Run `f` on the project being served, on a blocking thread, a few at a time.
pub(crate) async fn work<F>(s: &Arc<State>, f: F) -> Result<Response, ApiError>
where
    F: FnOnce(&Loaded) -> Result<Response, ApiError> + Send + 'static,
{
    let _permit = s
        .work
        .acquire()
        .await
        .map_err(|_| ApiError::http(Http::Internal))?;
    let loaded = s.current();
    let task = tokio::task::spawn_blocking(move || f(&loaded));
    match tokio::time::timeout(TIMEOUT, task).await {
        Ok(Ok(r)) => r,
        Ok(Err(_)) => Err(ApiError::http(Http::Internal)),
        Err(_) => Err(ApiError::http(Http::Timeout)),
    }
}

/// The longest a request's work may take before the answer is a 503.
const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);

/// A renderer's bytes (into memory: a response is whole).
pub(crate) fn bytes(lang: Lang, r: &dyn Render) -> Result<Vec<u8>, ApiError> {
    let mut buf = Vec::new();
    r.render(lang.catalog(), &mut buf)
        .map_err(|_| ApiError::http(Http::Internal))?;
    Ok(buf)
}

pub(crate) fn json_response(body: Vec<u8>) -> Response {
    typed(body, "application/json", None)
}

/// Bytes with their content type; a file name makes it a download.
pub(crate) fn typed(body: impl Into<Bytes>, ctype: &'static str, file: Option<&str>) -> Response {
    let mut r = (StatusCode::OK, body.into()).into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(ctype));
    if let Some(f) = file {
        if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{f}\"")) {
            r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
        }
    }
    r
}

/// What an evaluation request asks for.
#[derive(Clone, Debug, Default)]
pub(crate) struct EvalQuery {
    pub(crate) year: Option<i32>,
    pub(crate) set: Vec<String>,
    pub(crate) unit: Option<String>,
    pub(crate) format: String,
    pub(crate) summary: bool,
    pub(crate) excel: bool,
    /// Uploaded files, by name (in memory only).
    pub(crate) data: Vec<(String, Vec<u8>)>,
}

impl EvalQuery {
    pub(crate) fn from_params(p: &Params) -> Result<EvalQuery, ApiError> {
        Ok(EvalQuery {
            year: p.year()?,
            set: p.sets()?,
            unit: p.get("unit").map(str::to_string),
            format: p.get("format").unwrap_or("json").to_string(),
            summary: p.get("detail") == Some("summary"),
            excel: p.flag("excel"),
            data: Vec::new(),
        })
    }
}

/// The project a request evaluates: the one served, or the same library over the
/// uploaded files (held in memory, never written to disk).
fn project_for(loaded: &Loaded, data: &[(String, Vec<u8>)]) -> Result<Project, ApiError> {
    if data.is_empty() {
        return Ok(loaded.project.clone());
    }
    let mut src = Sources::memory();
    for (name, content) in data {
        src = src.with(std::path::Path::new("upload").join(name), content.clone());
    }
    loaded
        .project
        .with_data(&src)
        .map_err(|e| ApiError::from(e).with_status(StatusCode::UNPROCESSABLE_ENTITY))
}

/// `ntm eval` for one request, in the format asked for.
pub(crate) fn evaluate(lang: Lang, loaded: &Loaded, q: &EvalQuery) -> Result<Response, ApiError> {
    let p = project_for(loaded, &q.data)?;
    let opts = EvalOptions {
        year: q.year,
        scenario: p.scenario(&q.set)?,
        ..EvalOptions::default()
    };
    let detail = if q.summary {
        ntm::render::json::Detail::Summary
    } else {
        ntm::render::json::Detail::Full
    };
    let (stream, ctype, ext) = match q.format.as_str() {
        "json" => (Format::Json(detail), "application/json", "json"),
        "jsonl" => (Format::Jsonl(detail), "application/x-ndjson", "jsonl"),
        "csv" if q.excel => (Format::ExcelCsv, "text/csv; charset=utf-8", "csv"),
        "csv" => (Format::Csv, "text/csv; charset=utf-8", "csv"),
        _ => return document(lang, &p, &opts, &q.format),
    };
    // The data served, without what-if values: the same bytes every time until the
    // next reload (the cache belongs to this load).
    let key = (q.data.is_empty() && q.set.is_empty()).then(|| {
        format!(
            "{lang:?} {:?} {} {} {}",
            q.year, q.format, q.summary, q.excel
        )
    });
    let body = match key.as_deref().and_then(|k| loaded.cached(k)) {
        Some(b) => b,
        None => {
            let (doc, _) = eval::spooled(lang.catalog(), &p, &opts, stream)?;
            let b = Bytes::from(bytes(lang, &doc)?);
            if let Some(k) = key {
                loaded.cache(k, b.clone());
            }
            b
        }
    };
    match &q.unit {
        Some(u) if q.format == "json" => one_unit(&p, &opts, &body, u),
        _ => Ok(typed(
            body,
            ctype,
            (ext != "json").then_some(&*format!("ntm.{ext}")),
        )),
    }
}

/// A whole report as a download (`ntm eval --format xlsx|html|md`).
fn document(
    lang: Lang,
    p: &Project,
    opts: &EvalOptions,
    format: &str,
) -> Result<Response, ApiError> {
    let (doc, ctype) = match format {
        "xlsx" => (
            Doc::Xlsx,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        "html" => (Doc::Html, "text/html; charset=utf-8"),
        "md" => (Doc::Md, "text/markdown; charset=utf-8"),
        other => return Err(bad("format", other)),
    };
    let report = p.evaluate(opts)?;
    let body = eval::with_report_doc(lang.catalog(), p, &report, doc, |r| bytes(lang, r))?;
    Ok(typed(body, ctype, Some(&format!("ntm-phu-luc.{format}"))))
}

/// `unit=`: the results of that unit only (by id or name), or 404 with the closest.
fn one_unit(
    p: &Project,
    opts: &EvalOptions,
    body: &[u8],
    unit: &str,
) -> Result<Response, ApiError> {
    let mut v: serde_json::Value =
        serde_json::from_slice(body).map_err(|_| ApiError::http(Http::Internal))?;
    // The unit as `explain` finds it (by year, with or without its kind word): the
    // library's own error when unknown or ambiguous, with did-you-mean.
    let id = match p.find_unit_in_year(unit, opts.year) {
        Ok(u) => u.id.clone(),
        Err(_) => {
            p.explain(unit, opts)?;
            return Err(ApiError::http(Http::Internal));
        }
    };
    if let Some(rs) = v.get_mut("results").and_then(|r| r.as_array_mut()) {
        rs.retain(|r| r["unit"]["id"].as_str() == Some(id.as_str()));
        if rs.is_empty() {
            // The library's own error: no result for the unit that year.
            p.explain(unit, opts)?;
        }
    }
    Ok(json_response(
        serde_json::to_vec_pretty(&v).unwrap_or_default(),
    ))
}

/// `GET /api/v1/explain?unit=&year=&set=&summary=`: `ntm explain --format json`.
pub(crate) fn explain_unit(lang: Lang, loaded: &Loaded, p: &Params) -> Result<Response, ApiError> {
    let unit = p.required("unit")?;
    let opts = EvalOptions {
        year: p.year()?,
        scenario: loaded.project.scenario(&p.sets()?)?,
        ..EvalOptions::default()
    };
    let mut ex = loaded.project.explain(unit, &opts)?;
    if p.flag("summary") {
        explain::summarize(&mut ex);
    }
    let json = ntm::render::json::JsonValue(explain::json(lang.catalog(), &ex));
    Ok(json_response(bytes(lang, &json)?))
}

/// The body of `POST /api/v1/eval`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct EvalBody {
    year: Option<i32>,
    #[serde(default)]
    set: std::collections::BTreeMap<String, serde_json::Value>,
    #[serde(default)]
    data: std::collections::BTreeMap<String, String>,
    unit: Option<String>,
    format: Option<String>,
    detail: Option<String>,
    #[serde(default)]
    excel: bool,
}

/// A POST body into the query it asks for; malformed JSON is a 400 located at its
/// line and column, an uploaded name with a path in it a 422.
pub(crate) fn parse_body(body: &Bytes) -> Result<EvalQuery, ApiError> {
    let b: EvalBody = serde_json::from_slice(body).map_err(|e| {
        ApiError::diagnostics(vec![ntm::core::diag::Diagnostic::error(
            ntm::core::diag::Span::new("<request>", e.line(), e.column()),
            ntm::core::problem::InputProblem::Json {
                detail: e.to_string(),
            },
        )])
    })?;
    if let Some(y) = b.year {
        super::query::year_of(&y.to_string()).ok_or_else(|| bad("year", &y.to_string()))?;
    }
    let set: Vec<String> = b
        .set
        .iter()
        .map(|(k, v)| match v {
            serde_json::Value::String(s) => format!("{k}={s}"),
            other => format!("{k}={other}"),
        })
        .collect();
    let set = crate::request::sets("set", set).map_err(|_| bad("set", ""))?;
    let mut data = Vec::new();
    for (name, content) in b.data {
        data.push(upload(&name, content)?);
    }
    Ok(EvalQuery {
        year: b.year,
        set,
        unit: b.unit,
        format: b.format.unwrap_or_else(|| "json".into()),
        summary: b.detail.as_deref() == Some("summary"),
        excel: b.excel,
        data,
    })
}

/// One uploaded file: a plain name with a data extension (never a path); an
/// `.xlsx` workbook as base64, anything else as text.
fn upload(name: &str, content: String) -> Result<(String, Vec<u8>), ApiError> {
    let refused = || {
        ApiError::http(Http::BadUpload {
            file: name.chars().take(80).collect(),
        })
    };
    let plain = !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\', ':', '\0'])
        && ntm::core::source::has_extension(std::path::Path::new(name), DATA_EXTS);
    if !plain {
        return Err(refused());
    }
    if !name.to_ascii_lowercase().ends_with(".xlsx") {
        return Ok((name.to_string(), content.into_bytes()));
    }
    use base64::Engine;
    let b64 = content.rsplit_once("base64,").map_or(&*content, |(_, b)| b);
    let raw = base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .map_err(|_| refused())?;
    Ok((name.to_string(), raw))
}
