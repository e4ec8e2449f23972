//! The annex as CSV (one row per unit, year and rule set, a column per criterion coded
//! `1` met, `0` not met, `?` no data, `-` not in the unit's set; see annex_csv.rs), and
//! any table of the shared view as CSV.

use super::{Catalog, Render};
use crate::report::Report;
use std::io::{self, Write};

/// The report's annex for programs: `,`, codes, machine headers.
pub struct EvalCsv<'a>(pub &'a Report);

impl Render for EvalCsv<'_> {
    fn render(&self, m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        super::stream::whole(m, self.0, super::stream::Format::Csv, out)
    }
}

/// The same annex for Excel: the same columns and codes, with a byte-order mark, `;`,
/// CRLF, and headers and labels in the output language.
pub struct EvalExcelCsv<'a>(pub &'a Report);

impl Render for EvalExcelCsv<'_> {
    fn render(&self, m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        super::stream::whole(m, self.0, super::stream::Format::ExcelCsv, out)
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
        let mut w = super::annex_csv::writer(self.excel, out);
        for (i, t) in self.tables.iter().enumerate() {
            if i > 0 {
                w.write_record([""])?;
            }
            w.write_record(&t.headers)?;
            for r in &t.rows {
                let cells: Vec<String> = r
                    .iter()
                    .map(|v| match v {
                        V::Mark(mark) => mark.code().to_string(),
                        V::Blank => String::new(),
                        V::Num(x) if !self.excel => x.to_string(),
                        V::Text(t) if self.excel => super::escape::spreadsheet::excel_text(t),
                        other => other.show(m),
                    })
                    .collect();
                w.write_record(&cells)?;
            }
        }
        w.flush()
    }
}
