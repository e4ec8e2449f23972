//! The router: pages, assets and the API under `/api/v1`, behind one guard (token,
//! log line, security headers) and the limits: request body (`--max-body-mb`,
//! 413), requests at once (the rest wait); `api::work` bounds the time (503).

use super::api::{self, work, EvalQuery};
use super::api_reports;
use super::auth::Who;
use super::fail::ApiError;
use super::query::{language, Params};
use super::state::State;
use super::words::Http;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, RawQuery, Request};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use ntm::render::Lang;
use std::sync::Arc;
use std::time::Instant;

type S = axum::extract::State<Arc<State>>;

/// Every route the server answers (for did-you-mean on a 404).
pub(crate) const ROUTES: &[&str] = &[
    "/",
    "/unit",
    "/whatif",
    "/plan",
    "/upload",
    "/login",
    "/healthz",
    "/api/v1/status",
    "/api/v1/eval",
    "/api/v1/explain",
    "/api/v1/plan",
    "/api/v1/rollup",
    "/api/v1/rulesets",
    "/api/v1/diff",
    "/api/v1/amendment",
    "/api/v1/openapi.json",
];

pub(crate) fn router(state: Arc<State>) -> Router {
    let limit = state.config.body_limit;
    Router::new()
        .route("/healthz", get(|| async { "ok\n" }))
        .merge(super::pages::routes())
        .route("/assets/{name}", get(super::assets::get))
        .route("/api/v1/status", get(status))
        .route("/api/v1/eval", get(eval_get).post(eval_post))
        .route("/api/v1/explain", get(explain))
        .route("/api/v1/plan", get(plan))
        .route("/api/v1/rollup", get(rollup))
        .route("/api/v1/rulesets", get(rulesets))
        .route("/api/v1/diff", get(diff))
        .route("/api/v1/amendment", get(amendment))
        .route("/api/v1/openapi.json", get(super::api_docs::openapi))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(limit))
        .layer(middleware::from_fn_with_state(Arc::clone(&state), guard))
        .layer(tower::limit::ConcurrencyLimitLayer::new(64))
        .with_state(state)
}

/// Parameters and language of a request.
fn ask(q: &RawQuery, h: &HeaderMap) -> (Params, Lang) {
    let p = Params::parse(q.0.as_deref());
    let lang = language(&p, h);
    (p, lang)
}

fn answer(lang: Lang, r: Result<Response, ApiError>) -> Response {
    r.unwrap_or_else(|e| e.respond(lang))
}

async fn status(s: S, q: RawQuery, h: HeaderMap) -> Response {
    let (_, lang) = ask(&q, &h);
    api_reports::status(lang, &s)
}

async fn eval_get(s: S, q: RawQuery, h: HeaderMap) -> Response {
    let (p, lang) = ask(&q, &h);
    let r = match EvalQuery::from_params(&p) {
        Ok(eq) => work(&s, move |l| api::evaluate(lang, l, &eq)).await,
        Err(e) => Err(e),
    };
    answer(lang, r)
}

async fn eval_post(
    s: S,
    q: RawQuery,
    h: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let (_, lang) = ask(&q, &h);
    let limit = s.config.body_limit;
    let r = match body
        .map_err(|e| too_large(&e, limit))
        .and_then(|b| api::parse_body(&b))
    {
        Ok(eq) => work(&s, move |l| api::evaluate(lang, l, &eq)).await,
        Err(e) => Err(e),
    };
    answer(lang, r)
}

/// A body that could not be read: over the limit (413), or cut off (400).
fn too_large(e: &BytesRejection, limit: usize) -> ApiError {
    let problem = ntm::core::problem::InputProblem::FileTooLarge {
        limit_mb: (limit >> 20) as u64,
    };
    let d =
        ntm::core::diag::Diagnostic::error(ntm::core::diag::Span::file_only("<request>"), problem);
    let err = ApiError::diagnostics(vec![d]);
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        err
    } else {
        err.with_status(StatusCode::BAD_REQUEST)
    }
}

async fn explain(s: S, q: RawQuery, h: HeaderMap) -> Response {
    let (p, lang) = ask(&q, &h);
    answer(
        lang,
        work(&s, move |l| api::explain_unit(lang, l, &p)).await,
    )
}

async fn plan(s: S, q: RawQuery, h: HeaderMap) -> Response {
    let (p, lang) = ask(&q, &h);
    answer(
        lang,
        work(&s, move |l| api_reports::plan_run(lang, l, &p)).await,
    )
}

async fn rollup(s: S, q: RawQuery, h: HeaderMap) -> Response {
    let (p, lang) = ask(&q, &h);
    answer(
        lang,
        work(&s, move |l| api_reports::rollup(lang, l, &p)).await,
    )
}

async fn rulesets(s: S) -> Response {
    api_reports::rulesets(&s.current())
}

async fn diff(s: S, q: RawQuery, h: HeaderMap) -> Response {
    let (p, lang) = ask(&q, &h);
    answer(
        lang,
        work(&s, move |l| api_reports::diff(lang, l, &p)).await,
    )
}

async fn amendment(s: S, q: RawQuery, h: HeaderMap) -> Response {
    let (p, lang) = ask(&q, &h);
    answer(
        lang,
        work(&s, move |l| super::api_amendment::amendment(l, &p)).await,
    )
}

async fn not_found(q: RawQuery, h: HeaderMap, uri: axum::http::Uri) -> Response {
    let (_, lang) = ask(&q, &h);
    let path = uri.path().to_string();
    let suggestion = ntm::core::text::did_you_mean(&path, ROUTES.iter().copied());
    ApiError::http(Http::NoRoute { path, suggestion }).respond(lang)
}

/// Paths anyone may open: the health check, the login page and the app's assets.
fn public(path: &str) -> bool {
    path == "/healthz" || path == "/login" || path.starts_with("/assets/")
}

/// The token of a request: `Authorization: Bearer …`, else the `ntm_token` cookie
/// the login page sets.
fn token(h: &HeaderMap) -> Option<String> {
    let bearer = h
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_string());
    bearer.or_else(|| {
        h.get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|c| c.trim().strip_prefix("ntm_token="))
            .map(str::to_string)
            .next()
    })
}

/// Who asks (401 for no valid token), one log line, the security headers.
async fn guard(s: S, req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = req.method().to_string();
    let path = req.uri().path().to_string();
    let (_, lang) = ask(
        &RawQuery(req.uri().query().map(str::to_string)),
        req.headers(),
    );
    let who = s.tokens.who(token(req.headers()).as_deref());
    let mut resp = match (&who, public(&path)) {
        (Some(_), _) | (None, true) => next.run(req).await,
        (None, false) if !path.starts_with("/api/") => super::login::login_needed(lang),
        (None, false) => ApiError::http(Http::Unauthorized).respond(lang),
    };
    secure(resp.headers_mut());
    let anyone = Who::Person("?".into());
    super::log::request(
        who.as_ref().unwrap_or(&anyone),
        &method,
        &path,
        resp.status().as_u16(),
        start.elapsed(),
    );
    resp
}

/// Content-Security-Policy: scripts and styles from this server only, no inline
/// script or style, no frames, no outside connections.
pub(crate) const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

fn secure(h: &mut HeaderMap) {
    let set = |h: &mut HeaderMap, k: &'static str, v: &'static str| {
        h.insert(k, HeaderValue::from_static(v));
    };
    set(h, "content-security-policy", CSP);
    set(h, "x-content-type-options", "nosniff");
    set(h, "x-frame-options", "DENY");
    set(h, "referrer-policy", "no-referrer");
    if !h.contains_key(header::CACHE_CONTROL) {
        set(h, "cache-control", "no-store");
    }
}
