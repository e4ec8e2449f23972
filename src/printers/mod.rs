//! Printers: turn results and diagnostics into text, tables, CSV or JSON.
//! They return strings; the binary decides where they go.

pub mod csv;
pub mod diagnostics;
pub mod diff;
pub mod explain;
pub mod json;
pub mod plan;
pub mod stamp;
pub mod sweep;
pub mod table;
