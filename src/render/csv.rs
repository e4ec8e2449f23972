//! One row per unit, year and rule set, with one column per criterion marked 1 (met),
//! 0 (not met) or empty (no data): the layout of the plans' annex tables, with stable
//! machine-friendly headers and codes.

use super::{Catalog, Render};
use crate::report::{Report, Status};
use std::io::{self, Write};

/// The report's rows: one per result, a column per criterion.
pub struct EvalCsv<'a>(pub &'a Report);

impl Render for EvalCsv<'_> {
    fn render(&self, m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        super::stream::whole(m, self.0, super::stream::Format::Csv, out)
    }
}

/// A table of the shared view as CSV. For Excel (`--excel`): a UTF-8 byte-order mark,
/// `;` between cells, numbers with a decimal comma (Vietnamese), so that Excel in a
/// Vietnamese locale opens it in columns with the accents right; otherwise `,` and
/// plain numbers.
pub struct TablesCsv<'a> {
    pub tables: Vec<super::view::Table>,
    pub excel: bool,
    pub _marker: std::marker::PhantomData<&'a ()>,
}

impl TablesCsv<'_> {
    pub fn new(tables: Vec<super::view::Table>, excel: bool) -> Self {
        TablesCsv {
            tables,
            excel,
            _marker: std::marker::PhantomData,
        }
    }
}

impl Render for TablesCsv<'_> {
    fn render(&self, m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        use super::view::V;
        if self.excel {
            out.write_all("\u{feff}".as_bytes())?;
        }
        let mut w = csv::WriterBuilder::new()
            .delimiter(if self.excel { b';' } else { b',' })
            .terminator(if self.excel {
                csv::Terminator::CRLF
            } else {
                csv::Terminator::Any(b'\n')
            })
            .flexible(true)
            .from_writer(out);
        for (i, t) in self.tables.iter().enumerate() {
            if i > 0 {
                w.write_record([""])?;
            }
            w.write_record(&t.headers)?;
            for r in &t.rows {
                let cells: Vec<String> = r
                    .iter()
                    .map(|v| match v {
                        V::Mark(Some(Status::Met)) => "1".to_string(),
                        V::Mark(Some(Status::Missing)) => "?".to_string(),
                        V::Mark(_) | V::Blank => String::new(),
                        V::Num(x) if !self.excel => x.to_string(),
                        other => other.show(m),
                    })
                    .collect();
                w.write_record(&cells)?;
            }
        }
        w.flush()
    }
}
