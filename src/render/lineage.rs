//! `ntm lineage UNIT`: what a unit came from and what it became, with dates, acts and
//! how well each act is sourced.

use super::{text_table, Catalog, Render, Word};
use crate::analysis::project::History;
use crate::core::date::Date;
use crate::core::units::UnitKind;
use crate::data::lineage::{Event, EventKind};
use std::collections::BTreeMap;
use std::io::{self, Write};

pub struct HistoryText<'a>(pub &'a History);

/// Each unit's name and kind as the events go: declared, then renamed and reclassified.
type Names = BTreeMap<String, (String, UnitKind)>;

/// "thị trấn Vân Tùng": a unit's kind and name on the day before the event.
fn unit(m: &dyn Catalog, id: &str, names: &Names) -> String {
    match names.get(id) {
        Some((name, kind)) => format!("{} {name}", m.unit_kind(*kind)),
        None => id.to_string(),
    }
}

/// The names and kinds after an event: a renaming's name, a reclassification's kind.
fn after(e: &Event, names: &mut Names) {
    for u in &e.units {
        if let Some((name, kind)) = names.get_mut(u) {
            match (e.kind, &e.name, e.to_kind) {
                (EventKind::Renamed, Some(n), _) => *name = n.clone(),
                (EventKind::Reclassified, _, Some(k)) => *kind = k,
                _ => {}
            }
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
        // Names and kinds change with renamings and reclassifications: tracked as the
        // events go, each row naming the units as they were the day before.
        let mut names = h.names.clone();
        for e in &h.events {
            t.add_row(event_row(m, e, &names));
            after(e, &mut names);
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

/// One event as a row: date, kind, units (with their kind and name on that day), what
/// they became, the act and its source level.
fn event_row(m: &dyn Catalog, e: &Event, names: &Names) -> Vec<String> {
    let units: Vec<String> = e.units.iter().map(|u| unit(m, u, names)).collect();
    let became = match e.kind {
        EventKind::Reclassified => e.to_kind.map(|k| m.unit_kind(k).to_string()),
        EventKind::Renamed => e.name.clone(),
        EventKind::Moved => e.parent.as_deref().map(|p| unit(m, p, names)),
        _ => Some(
            e.into
                .iter()
                .map(|u| unit(m, u, names))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::lineage::BasisDef;
    use crate::render::i18n::Lang;
    use crate::rules::model::SourceLevel;

    fn event(date: &str, kind: EventKind) -> Event {
        Event {
            date: Date::parse(date).unwrap(),
            kind,
            units: vec!["bac".into()],
            into: Vec::new(),
            to_kind: (kind == EventKind::Reclassified).then_some(UnitKind::ThiTran),
            name: (kind == EventKind::Renamed).then(|| "Bắc Sơn".into()),
            parent: None,
            basis: BasisDef {
                document: "1/T".into(),
                date: None,
                source: None,
            },
            source_level: SourceLevel::None,
            note: None,
            location: "t".into(),
        }
    }

    /// A unit renamed, then reclassified: each row names it as it was the day before,
    /// the heading as it is after both.
    #[test]
    fn rows_name_the_unit_as_it_was_the_day_before() {
        let h = History {
            unit: "bac".into(),
            name: "Bắc Sơn".into(),
            kind: UnitKind::ThiTran,
            from: None,
            until: None,
            events: vec![
                event("2022-03-01", EventKind::Renamed),
                event("2024-01-01", EventKind::Reclassified),
            ],
            names: [("bac".to_string(), ("Bắc".to_string(), UnitKind::Xa))].into(),
        };
        let text = crate::render::to_string(&HistoryText(&h), Lang::Vi);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "thị trấn Bắc Sơn (bac)");
        let row = |date: &str| *lines.iter().find(|l| l.contains(date)).unwrap();
        assert!(row("2022-03-01").contains("xã Bắc "), "{text}");
        assert!(row("2024-01-01").contains("xã Bắc Sơn"), "{text}");
    }
}
