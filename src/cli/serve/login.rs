//! Signing in when the server asks for tokens: the form (`GET /login`, and any page
//! asked without a token: 401), and its answer (`POST /login`), which keeps a valid
//! token in an HTTP-only, same-site cookie.

use super::pages_html::page;
use super::query::{language, Params};
use super::state::{LoadStatus, State};
use super::words::Label;
use axum::body::Bytes;
use axum::extract::RawQuery;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use ntm::render::Lang;
use std::sync::Arc;

pub(crate) async fn login(q: RawQuery, h: HeaderMap) -> Response {
    let p = Params::parse(q.0.as_deref());
    (StatusCode::OK, Html(login_page(language(&p, &h)))).into_response()
}

/// A page that needs a token, asked without one: the sign-in form, 401.
pub(crate) fn login_needed(lang: Lang) -> Response {
    let mut r = (StatusCode::UNAUTHORIZED, Html(login_page(lang))).into_response();
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

pub(crate) fn login_page(lang: Lang) -> String {
    let body = format!(
        "<p>{}</p><form method=\"post\" action=\"/login\"><label for=\"token\">{}</label> <input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"current-password\" required> <button type=\"submit\">{}</button></form>",
        Label::LoginHelp.text(lang),
        Label::Token.text(lang),
        Label::SignIn.text(lang)
    );
    page(
        lang,
        Label::SignIn.text(lang),
        Label::Annex,
        &LoadStatus {
            ok: true,
            ..LoadStatus::default()
        },
        &body,
    )
}

/// `POST /login` (a form with `token`): a valid token is kept in an HTTP-only,
/// same-site cookie and the browser goes to the annex; a wrong one sees the form again.
pub(crate) async fn sign_in(
    s: axum::extract::State<Arc<State>>,
    h: HeaderMap,
    body: Bytes,
) -> Response {
    let form: Vec<(String, String)> = serde_urlencoded::from_bytes(&body).unwrap_or_default();
    let token = form
        .iter()
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v.trim().to_string());
    let lang = super::query::language(&Params::default(), &h);
    match token.filter(|t| s.tokens.who(Some(t)).is_some()) {
        Some(t) if t.bytes().all(|b| b.is_ascii_graphic() && b != b';') => {
            let mut r = Redirect::to("/").into_response();
            let cookie = format!("ntm_token={t}; HttpOnly; SameSite=Strict; Path=/");
            if let Ok(v) = HeaderValue::from_str(&cookie) {
                r.headers_mut().insert(header::SET_COOKIE, v);
            }
            r
        }
        _ => {
            let mut r = login_needed(lang);
            *r.status_mut() = StatusCode::UNAUTHORIZED;
            r
        }
    }
}
