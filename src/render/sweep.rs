//! Sweep results: one row per threshold value with the counts that depend on it.

use super::{text_table, Catalog, Render, Word};
use crate::analysis::whatif::SweepRow;
use std::io::{self, Write};

pub struct SweepTable<'a> {
    pub param: &'a str,
    pub rows: &'a [SweepRow],
}

impl Render for SweepTable<'_> {
    fn render(&self, m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        let Some(first) = self.rows.first() else {
            return Ok(());
        };
        let mut t = text_table();
        let met = m.word(Word::Met).to_lowercase();
        let mut header = vec![self.param.to_string()];
        header.extend(
            first
                .indicators
                .iter()
                .map(|(id, _)| format!("{} {id} {met}", m.word(Word::Indicator))),
        );
        header.extend(
            first
                .criteria
                .iter()
                .map(|(id, _)| format!("{} {id} {met}", m.word(Word::Criterion).to_lowercase())),
        );
        header.push(m.word(Word::DatChuan).to_string());
        t.set_header(header);
        for r in self.rows {
            let mut row = vec![m.number(r.value)];
            row.extend(r.indicators.iter().map(|(_, n)| format!("{n}/{}", r.units)));
            row.extend(r.criteria.iter().map(|(_, n)| format!("{n}/{}", r.units)));
            row.push(format!("{}/{}", r.units_met, r.units));
            t.add_row(row);
        }
        writeln!(out, "{t}")
    }
}

pub struct SweepCsv<'a>(pub &'a [SweepRow]);

impl Render for SweepCsv<'_> {
    fn render(&self, _m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        let mut w = csv::WriterBuilder::new().from_writer(out);
        if let Some(first) = self.0.first() {
            let mut header = vec!["value".to_string()];
            header.extend(
                first
                    .indicators
                    .iter()
                    .map(|(id, _)| format!("indicator_{id}")),
            );
            header.extend(
                first
                    .criteria
                    .iter()
                    .map(|(id, _)| format!("criterion_{id}")),
            );
            header.extend(["units_met".to_string(), "units".to_string()]);
            w.write_record(&header)?;
        }
        for r in self.0 {
            let mut row = vec![r.value.to_string()];
            row.extend(r.indicators.iter().map(|(_, n)| n.to_string()));
            row.extend(r.criteria.iter().map(|(_, n)| n.to_string()));
            row.extend([r.units_met.to_string(), r.units.to_string()]);
            w.write_record(&row)?;
        }
        w.flush()
    }
}
