//! Renderers: typed results into bytes. Every output is a value implementing
//! [`Render`], written to any `io::Write` (a terminal, a file written whole or not at
//! all, a buffer in tests), with its words from the message catalogue of one language.

pub mod annex;
mod annex_csv;
pub mod csv;
pub mod diagnostics;
pub mod diff;
pub mod escape;
pub mod explain;
pub mod html;
pub mod i18n;
pub mod json;
mod json_nested;
pub mod lineage;
pub mod markdown;
pub mod pending;
pub mod plan;
pub mod stamp;
pub mod stream;
pub mod summary_json;
pub mod sweep;
pub mod table;
pub mod view;
pub mod xlsx;

pub use i18n::{Catalog, Lang, Word};
use std::io::{self, Write};

/// Something that can be written out in a language.
pub trait Render {
    fn render(&self, m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()>;
}

/// Render into a string (tests, small outputs).
/// A notice as one line, labelled as the catalogue labels notes ("ghi chú: …").
pub fn notice_line(m: &dyn Catalog, n: &crate::report::Notice) -> String {
    format!("{}: {}", m.diag_label(i18n::DiagLabel::Note), m.notice(n))
}

pub fn to_string(r: &dyn Render, lang: Lang) -> String {
    let mut buf = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = r.render(lang.catalog(), &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

/// Several outputs one after the other (e.g. a table, then its stamp line).
pub struct Seq<'a>(pub Vec<&'a dyn Render>);

impl Render for Seq<'_> {
    fn render(&self, m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        for r in &self.0 {
            r.render(m, out)?;
        }
        Ok(())
    }
}

pub(crate) fn text_table() -> comfy_table::Table {
    let mut t = comfy_table::Table::new();
    t.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(comfy_table::ContentArrangement::Disabled)
        .force_no_tty();
    t
}

/// A number or a dash.
pub(crate) fn num(m: &dyn Catalog, x: Option<f64>) -> String {
    x.map(|x| m.number(x)).unwrap_or_else(|| "—".into())
}
