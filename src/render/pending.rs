//! `ntm pending`: what awaits a source, and the fill-in sheet for Excel.

use super::escape::spreadsheet::excel_text;
use super::{Catalog, Render, Word};
use crate::analysis::pending::{PendingSet, SheetRow, COLUMNS};
use std::io::{self, Write};

pub struct PendingText<'a>(pub &'a [PendingSet]);

impl Render for PendingText<'_> {
    fn render(&self, m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        if self.0.is_empty() {
            return writeln!(out, "{}", m.word(Word::NothingPending));
        }
        for s in self.0 {
            writeln!(out, "{} — {} ({})", s.id, s.title, s.document)?;
            if !s.criteria.is_empty() {
                writeln!(
                    out,
                    "  {} ({}):",
                    m.word(Word::PendingCriteria),
                    s.criteria.len()
                )?;
                let mut said: Vec<&str> = Vec::new();
                for c in &s.criteria {
                    let note = if said.contains(&c.note.as_str()) {
                        "↑".to_string()
                    } else {
                        said.push(&c.note);
                        c.note.split_whitespace().collect::<Vec<_>>().join(" ")
                    };
                    let encoded = if c.encoded > 0 {
                        format!(" [{} {}]", c.encoded, m.word(Word::Encoded))
                    } else {
                        String::new()
                    };
                    writeln!(out, "    {} {}{encoded}: {note}", c.id, c.name)?;
                }
            }
            if !s.assumed.is_empty() {
                writeln!(
                    out,
                    "  {} ({}):",
                    m.word(Word::AssumedThresholds),
                    s.assumed.len()
                )?;
                for a in &s.assumed {
                    writeln!(
                        out,
                        "    {}: {} = {}",
                        a.span,
                        a.parameter,
                        m.threshold(a.value.as_ref(), a.not_applicable)
                    )?;
                }
            }
            writeln!(out)?;
        }
        Ok(())
    }
}

/// The pending list, then the units without a commune group (`ntm pending --data`).
pub struct WithUngrouped<'a>(
    pub &'a [PendingSet],
    pub &'a [crate::analysis::pending::Ungrouped],
);

impl Render for WithUngrouped<'_> {
    fn render(&self, m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        PendingText(self.0).render(m, out)?;
        writeln!(out, "{}", m.ungrouped_heading(self.1.len()))?;
        for u in self.1 {
            writeln!(out, "  {}", m.ungrouped(u))?;
        }
        Ok(())
    }
}

/// The fill-in sheet as CSV for Excel: UTF-8 with a byte-order mark, `;` separators,
/// Vietnamese headers, one row per pending criterion and commune group. A name Excel
/// would read as a formula is written as text (`'=…`); the sheet's reader takes the
/// `'` off again.
pub struct SheetCsv<'a>(pub &'a [SheetRow]);

impl Render for SheetCsv<'_> {
    fn render(&self, _m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        out.write_all("\u{feff}".as_bytes())?;
        let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(out);
        w.write_record(COLUMNS)?;
        for r in self.0 {
            w.write_record(r.cells().map(excel_text))?;
        }
        w.flush()
    }
}
