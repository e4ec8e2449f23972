//! The JSON report (schema in docs/json-schema.md).

use crate::report::Report;

pub fn render(report: &Report) -> String {
    // Serialising plain data structures cannot fail; keep the fallback anyway.
    serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
        + "\n"
}
