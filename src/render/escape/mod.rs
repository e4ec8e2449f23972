//! Escaping, one module per medium, for text that comes from files (names of units,
//! criteria, indicators; values; paths):
//!
//! - terminal ([`terminal`]): control characters, ANSI escape sequences (colours,
//!   hyperlinks, cursor moves) and bidirectional overrides removed, so that a name
//!   cannot act on the terminal that shows it;
//! - HTML ([`html`]): every character that could start markup or end an attribute
//!   becomes an entity;
//! - Markdown ([`markdown`]): markup characters backslash-escaped, line breaks made
//!   spaces;
//! - spreadsheet ([`spreadsheet`]: CSV for Excel and the fill-in sheet): a cell Excel
//!   would read as a formula (`=`, `+`, `-`, `@`, tab or carriage return first) starts
//!   with `'` (OWASP); plain machine CSV and JSON keep data as it is.
//!
//! `tests/it/hostile_payloads.rs` and `hostile_payloads_reports.rs` run one list of payloads
//! (`tests/fixtures/hostile/payloads.txt`) through every output format.

pub mod html;
pub mod markdown;
pub mod spreadsheet;
pub mod terminal;
