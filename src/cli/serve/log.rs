//! The request log on standard error: who (the token's person), what (method and
//! path, never the query or the body: they hold data values), the status and how
//! long it took.

use super::auth::Who;
use std::time::Duration;

pub(crate) fn line(s: &str) {
    crate::output::message(s);
}

pub(crate) fn request(who: &Who, method: &str, path: &str, status: u16, took: Duration) {
    line(&format!(
        "{} {method} {path} {status} {} ms",
        who.name(),
        took.as_millis()
    ));
}
