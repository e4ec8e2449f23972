//! `ntm serve`: one loaded `Project` behind a local web app and a JSON API.
//!
//! `state` (the project and what its last load said, swapped whole), `reload` (the
//! rule and data folders and the token file watched by polling), `routes` (the router
//! and its limits: body size, time, concurrency), `auth` (bearer tokens, stored
//! hashed), `log` (who, what, how long — never a value), `query` (the request's
//! parameters and language), `api` (the JSON endpoints, through the command line's own
//! builders), `fail` (errors as JSON), `pages`, `login` and `assets` (the web app), `words`
//! (the server's own wording, Vietnamese first).

mod api;
mod api_amendment;
mod api_docs;
mod api_reports;
mod assets;
pub(crate) mod auth;
mod fail;
mod log;
mod login;
mod pages;
mod pages_amendment;
mod pages_html;
mod pages_more;
mod query;
mod reload;
mod routes;
mod state;
mod words;

use crate::run::{CliError, Ctx, IoFailure};
use ntm::render::Lang;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

/// Who may ask: anyone on loopback, or holders of a token.
#[derive(Clone, Debug)]
pub(crate) enum Access {
    Open,
    /// One token (`--token`), kept as its SHA-256 only.
    Token(String),
    /// `--tokens FILE`: `NAME SHA256` per line, re-read when it changes.
    Tokens(PathBuf),
}

/// What `ntm serve` was asked for, checked.
#[derive(Clone, Debug)]
pub(crate) struct Config {
    pub(crate) rules: Vec<PathBuf>,
    pub(crate) data: Vec<PathBuf>,
    pub(crate) addr: SocketAddr,
    pub(crate) access: Access,
    pub(crate) body_limit: usize,
    /// The language of the server's own log lines (requests say theirs).
    pub(crate) lang: Lang,
}

/// Load, listen, serve until Ctrl-C or SIGTERM (requests in flight finish).
pub(crate) fn run(cx: &Ctx, mut config: Config) -> Result<(), CliError> {
    config.lang = cx.m.lang();
    let addr = config.addr;
    let state = Arc::new(state::State::start(config)?);
    reload::watch(Arc::clone(&state));
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| io_failure(addr, &e))?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| io_failure(addr, &e))?;
        crate::output::message(&words::listening(cx.m, addr));
        axum::serve(listener, routes::router(state))
            .with_graceful_shutdown(shutdown())
            .await
            .map_err(|e| io_failure(addr, &e))
    })?;
    crate::output::message(&words::stopped(cx.m));
    Ok(())
}

fn io_failure(addr: SocketAddr, e: &std::io::Error) -> CliError {
    CliError::Io {
        place: addr.to_string(),
        what: IoFailure::Os(e.to_string()),
    }
}

/// Ctrl-C, or SIGTERM (systemd's stop).
async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
