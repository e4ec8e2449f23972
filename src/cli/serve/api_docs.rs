//! `/api/v1/openapi.json`: the API described in OpenAPI 3.0, written by hand beside
//! the routes (a test checks that it names every route of `routes::ROUTES` under
//! `/api/v1` and `/healthz`).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

pub(crate) const OPENAPI: &str = include_str!("assets/openapi.json");

pub(crate) async fn openapi() -> Response {
    let mut r = (StatusCode::OK, OPENAPI).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_document_is_openapi_3_and_names_every_api_route() {
        let v: serde_json::Value = serde_json::from_str(super::OPENAPI).unwrap();
        assert!(v["openapi"].as_str().unwrap().starts_with("3."));
        for r in super::super::routes::ROUTES {
            if r.starts_with("/api/") || *r == "/healthz" {
                assert!(v["paths"].get(*r).is_some(), "{r} is not in openapi.json");
            }
        }
    }
}
