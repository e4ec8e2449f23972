//! Escaping, one module per medium, for text that comes from files (names of units,
//! criteria, indicators; values; paths):
//!
//! - terminal ([`terminal`]): control characters, ANSI escape sequences (colours,
//!   hyperlinks, cursor moves) and bidirectional overrides removed, so that a name
//!   cannot act on the terminal that shows it;
//! - HTML (`render/html/escape.rs`): every character that could start markup or end an
//!   attribute becomes an entity;
//! - Markdown (`render/markdown.rs`, `cell`): markup characters backslash-escaped, line
//!   breaks made spaces;
//! - spreadsheet CSV for Excel and the fill-in sheet (`render/annex_csv.rs`,
//!   `excel_text`): a cell Excel would read as a formula (`=`, `+`, `-`, `@`, tab or
//!   carriage return first) starts with `'` (OWASP); plain machine CSV and JSON keep data
//!   as it is.
//!
//! `tests/it/hostile_payloads.rs` runs one list of payloads
//! (`tests/fixtures/hostile/payloads.txt`) through every output format.

pub mod terminal;
