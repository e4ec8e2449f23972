//! `ntm lineage UNIT`: what a unit came from and what it became, with dates, acts and
//! how well each act is sourced.

use super::{text_table, Catalog, Render, Word};
use crate::analysis::project::History;
use crate::core::date::Date;
use crate::data::lineage::EventKind;
use std::io::{self, Write};

pub struct HistoryText<'a>(pub &'a History);

impl HistoryText<'_> {
    /// "thị trấn Vân Tùng": a unit's kind on the day before the event, and its name.
    fn unit(
        &self,
        m: &dyn Catalog,
        id: &str,
        kinds: &[(String, crate::core::units::UnitKind)],
    ) -> String {
        let h = self.0;
        match h.names.get(id) {
            Some((name, kind)) => {
                let kind = kinds
                    .iter()
                    .rev()
                    .find(|(u, _)| u == id)
                    .map(|(_, k)| *k)
                    .unwrap_or(*kind);
                format!("{} {name}", m.unit_kind(kind))
            }
            None => id.to_string(),
        }
    }
}

impl Render for HistoryText<'_> {
    fn render(&self, m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        let h = self.0;
        let span = |d: Option<Date>, w: Word| d.map(|d| format!("{} {d}", m.word(w)));
        let when: Vec<String> = [
            span(h.from, Word::ExistsFrom),
            span(h.until, Word::ExistsUntil),
        ]
        .into_iter()
        .flatten()
        .collect();
        writeln!(
            out,
            "{} {} ({}){}",
            m.unit_kind(h.kind),
            h.name,
            h.unit,
            if when.is_empty() {
                String::new()
            } else {
                format!(" — {}", when.join(", "))
            }
        )?;
        if h.events.is_empty() {
            return writeln!(out, "{}", m.word(Word::NoEvents));
        }
        let mut t = text_table();
        t.set_header(vec![
            m.word(Word::Date).to_string(),
            m.word(Word::Event).to_string(),
            m.word(Word::Unit).to_string(),
            m.word(Word::Became).to_string(),
            m.word(Word::Basis).to_string(),
            m.word(Word::SourceLevelWord).to_string(),
        ]);
        // Kinds change with reclassifications: track them as the events go.
        let mut kinds: Vec<(String, crate::core::units::UnitKind)> = Vec::new();
        for e in &h.events {
            t.add_row(self.event_row(m, e, &kinds));
            if let (EventKind::Reclassified, Some(k)) = (e.kind, e.to_kind) {
                for u in &e.units {
                    kinds.push((u.clone(), k));
                }
            }
        }
        writeln!(out, "{t}")?;
        for e in h.events.iter().filter(|e| e.note.is_some()) {
            writeln!(
                out,
                "{} {}: {}",
                e.date,
                m.event_kind(e.kind),
                e.note.as_deref().unwrap_or_default().trim()
            )?;
        }
        Ok(())
    }
}

impl HistoryText<'_> {
    /// One event as a row: date, kind, units (with their kind on that day), what they
    /// became, the act and its source level.
    fn event_row(
        &self,
        m: &dyn Catalog,
        e: &crate::data::lineage::Event,
        kinds: &[(String, crate::core::units::UnitKind)],
    ) -> Vec<String> {
        let units: Vec<String> = e.units.iter().map(|u| self.unit(m, u, kinds)).collect();
        let became = match e.kind {
            EventKind::Reclassified => e.to_kind.map(|k| m.unit_kind(k).to_string()),
            EventKind::Renamed => e.name.clone(),
            EventKind::Moved => e.parent.as_deref().map(|p| self.unit(m, p, kinds)),
            _ => Some(
                e.into
                    .iter()
                    .map(|u| self.unit(m, u, kinds))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        };
        let basis = [
            Some(e.basis.document.clone()),
            e.basis.date.clone(),
            e.basis.source.clone(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("; ");
        vec![
            e.date.to_string(),
            m.event_kind(e.kind).to_string(),
            units.join(", "),
            became.unwrap_or_default(),
            basis,
            m.source_level(e.source_level).to_string(),
        ]
    }
}
