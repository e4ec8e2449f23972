//! One row per unit, year and rule set, with one column per criterion marked 1 (met),
//! 0 (not met) or empty (no data): the layout of the plans' annex tables, with stable
//! machine-friendly headers and codes.

use super::view::all_criteria;
use super::{Catalog, Render};
use crate::report::{Report, Status};
use std::io::{self, Write};

pub struct EvalCsv<'a>(pub &'a Report);

fn code<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

impl Render for EvalCsv<'_> {
    fn render(&self, m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        let report = self.0;
        let crit = all_criteria(report);
        let mut w = csv::WriterBuilder::new().from_writer(out);
        let mut header: Vec<String> = [
            "unit_id",
            "unit_name",
            "kind",
            "parent",
            "parent_name",
            "year",
            "ruleset",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        header.extend(crit.iter().map(|c| format!("tc_{c}")));
        header.extend(
            [
                "met",
                "total",
                "verdict",
                "reported_total",
                "unverified",
                "findings",
            ]
            .iter()
            .map(|s| s.to_string()),
        );
        w.write_record(&header)?;
        for r in &report.results {
            let mut row = vec![
                r.unit.id.clone(),
                r.unit.name.clone(),
                r.unit.kind.code().to_string(),
                r.unit.parent.clone().unwrap_or_default(),
                r.unit.parent_name.clone().unwrap_or_default(),
                r.year.to_string(),
                r.ruleset.clone(),
            ];
            for id in &crit {
                let cell = match r.criteria.iter().find(|c| c.id == *id).map(|c| c.status) {
                    Some(Status::Met) => "1",
                    Some(Status::NotMet) => "0",
                    _ => "",
                };
                row.push(cell.to_string());
            }
            row.push(r.met.to_string());
            row.push(r.total.to_string());
            row.push(code(&r.verdict));
            row.push(r.reported_total.map(|t| t.to_string()).unwrap_or_default());
            row.push(r.unverified.to_string());
            row.push(
                r.findings
                    .iter()
                    .map(|f| m.finding(f))
                    .collect::<Vec<_>>()
                    .join(" | "),
            );
            w.write_record(&row)?;
        }
        w.flush()
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
