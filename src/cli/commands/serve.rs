//! `ntm serve`: the request (address, access tokens, limits) checked before anything
//! is read; the server itself is `crate::serve`.

use crate::args::ServeArgs;
use crate::request::conflict;
use crate::run::{Ctx, Exit, Outcome};
use crate::serve::{Access, Config};
use crate::usage::Bad;
use std::net::SocketAddr;

pub(crate) struct ServeRequest {
    config: Config,
}

impl ServeRequest {
    pub(crate) fn new(a: ServeArgs) -> Result<Self, Bad> {
        conflict(a.token.is_some(), "--token", a.tokens.is_some(), "--tokens")?;
        let addr = parse_addr(&a.addr)?;
        let access = match (a.token, a.tokens) {
            (Some(t), _) => Access::Token(crate::serve::auth::hash(&t)),
            (None, Some(f)) => Access::Tokens(f),
            (None, None) => Access::Open,
        };
        // Anyone on the network could read the data: not without tokens.
        if matches!(access, Access::Open) && !addr.ip().is_loopback() {
            return Err(Bad::OffLoopback { addr: a.addr });
        }
        Ok(ServeRequest {
            config: Config {
                rules: a.rules,
                data: a.data,
                addr,
                access,
                body_limit: usize::try_from(a.max_body_mb.saturating_mul(1 << 20))
                    .unwrap_or(usize::MAX),
                lang: ntm::render::Lang::default(),
            },
        })
    }
}

/// `HOST:PORT`, a name such as `localhost:8080` resolved once.
fn parse_addr(value: &str) -> Result<SocketAddr, Bad> {
    use std::net::ToSocketAddrs;
    let bad = || Bad::Addr {
        value: value.to_string(),
    };
    if let Ok(a) = value.parse::<SocketAddr>() {
        return Ok(a);
    }
    value
        .to_socket_addrs()
        .map_err(|_| bad())?
        .next()
        .ok_or_else(bad)
}

pub(crate) fn run(cx: &Ctx, r: ServeRequest) -> Outcome {
    crate::serve::run(cx, r.config)?;
    Ok(Exit::Ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_parse_or_are_refused() {
        assert!(parse_addr("127.0.0.1:8080").is_ok());
        assert!(parse_addr("[::1]:80").unwrap().ip().is_loopback());
        for bad in ["", "8080", "127.0.0.1", "x:y"] {
            assert!(parse_addr(bad).is_err(), "{bad}");
        }
    }
}
