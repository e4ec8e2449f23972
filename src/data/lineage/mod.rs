//! Units change too: a lineage is the dated events that created, ended, renamed,
//! reclassified, merged, split or moved administrative units, each with its legal
//! basis and source level. From it: a unit's kind, parent and existence on a date,
//! its successors on a later date, and its history both ways. A lineage that cannot
//! have happened is refused (`validate.rs`).

mod at;
pub mod merge;
pub mod model;
mod validate;

use crate::core::date::Date;
use crate::core::diag::{Diagnostic, Diagnostics, Span};
use crate::core::loader::{self, span_of, Spanned};
use crate::core::problem::{DataProblem, NamedAt};
use crate::core::source::Sources;
use crate::core::units::UnitKind;
use crate::data::{Dataset, Unit};
use crate::rules::model::SourceLevel;
pub use model::{BasisDef, EventKind};
use serde::Serialize;

/// One event, its unit references resolved to ids.
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct Event {
    pub date: Date,
    pub kind: EventKind,
    /// The units the event applies to: the one renamed, reclassified, moved, ended or
    /// split, or the parts of a merger.
    pub units: Vec<String>,
    /// What they became: the merged unit, or the units of a split.
    pub into: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_kind: Option<UnitKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    pub basis: BasisDef,
    pub source_level: SourceLevel,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub location: String,
}

/// Where a unit stands on a date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Existence {
    Exists,
    /// Created later, on `from`.
    NotYet {
        from: Date,
    },
    /// Ended: its last day was `last_day`, by an event of this kind.
    Ended {
        last_day: Date,
        by: EventKind,
    },
}

#[derive(Clone, Debug, Default)]
pub struct Lineage {
    /// Sorted by date, then in file order.
    pub events: Vec<Event>,
}

impl Lineage {
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// The unit's kind on a date: its declared kind, then every reclassification up to it.
    pub fn kind_at(&self, unit: &Unit, date: Date) -> UnitKind {
        let mut kind = unit.kind;
        for e in self.events.iter().filter(|e| e.date <= date) {
            if e.kind == EventKind::Reclassified && e.units.contains(&unit.id) {
                if let Some(k) = e.to_kind {
                    kind = k;
                }
            }
        }
        kind
    }

    /// The unit's name on a date (renamings up to it).
    pub fn name_at(&self, unit: &Unit, date: Date) -> String {
        self.name_on(unit, date).to_string()
    }

    /// The same, borrowed (asked for every unit and year an evaluation reads).
    pub fn name_on<'a>(&'a self, unit: &'a Unit, date: Date) -> &'a str {
        let mut name = unit.name.as_str();
        for e in self.events.iter().filter(|e| e.date <= date) {
            if e.kind == EventKind::Renamed && e.units.contains(&unit.id) {
                if let Some(n) = &e.name {
                    name = n;
                }
            }
        }
        name
    }

    /// The unit's parent on a date: as declared, then every move up to it.
    pub fn parent_at(&self, unit: &Unit, date: Date) -> Option<String> {
        self.parent_on(unit, date).map(str::to_string)
    }

    /// The same, borrowed.
    pub fn parent_on<'a>(&'a self, unit: &'a Unit, date: Date) -> Option<&'a str> {
        let mut parent = unit.parent.as_deref();
        for e in self.events.iter().filter(|e| e.date <= date) {
            if e.kind == EventKind::Moved && e.units.contains(&unit.id) {
                parent = e.parent.as_deref();
            }
        }
        parent
    }

    /// Whether a unit exists on a date.
    pub fn existence(&self, unit_id: &str, date: Date) -> Existence {
        let created = self.events.iter().find(|e| {
            (e.kind == EventKind::Created && e.units.iter().any(|u| u == unit_id))
                || (matches!(e.kind, EventKind::Merged | EventKind::Split)
                    && e.into.iter().any(|u| u == unit_id))
        });
        if let Some(c) = created {
            if date < c.date {
                return Existence::NotYet { from: c.date };
            }
        }
        let ended = self.events.iter().find(|e| {
            e.units.iter().any(|u| u == unit_id)
                && !e.into.iter().any(|u| u == unit_id)
                && matches!(
                    e.kind,
                    EventKind::Ended | EventKind::Merged | EventKind::Split
                )
        });
        match ended {
            Some(e) if date >= e.date => Existence::Ended {
                last_day: e.date.pred(),
                by: e.kind,
            },
            _ => Existence::Exists,
        }
    }

    /// The units that carry `unit_id` on `date`: itself when it still exists, else what
    /// it was merged or split into, followed through later events. Sorted, no repeats.
    pub fn successors(&self, unit_id: &str, date: Date) -> Vec<String> {
        let mut current = vec![unit_id.to_string()];
        for e in self.events.iter().filter(|e| e.date <= date) {
            if !matches!(e.kind, EventKind::Merged | EventKind::Split) {
                continue;
            }
            let mut next = Vec::new();
            for u in current {
                if e.units.contains(&u) && !e.into.contains(&u) {
                    next.extend(e.into.iter().cloned());
                } else {
                    next.push(u);
                }
            }
            next.sort();
            next.dedup();
            current = next;
        }
        current
    }

    /// The units merged into `unit_id` (directly), with the event.
    pub fn parts_of(&self, unit_id: &str) -> Vec<(&Event, &[String])> {
        self.events
            .iter()
            .filter(|e| e.kind == EventKind::Merged && e.into.iter().any(|u| u == unit_id))
            .map(|e| (e, e.units.as_slice()))
            .collect()
    }

    /// Every event in the unit's history: its own, its predecessors' (what it came
    /// from, recursively) and its successors' (what it became), in date order.
    pub fn history(&self, unit_id: &str) -> Vec<&Event> {
        let grow = |seed: &str, backwards: bool| {
            let mut set = vec![seed.to_string()];
            let mut changed = true;
            while changed {
                changed = false;
                for e in self
                    .events
                    .iter()
                    .filter(|e| matches!(e.kind, EventKind::Merged | EventKind::Split))
                {
                    let (look, add) = if backwards {
                        (&e.into, &e.units)
                    } else {
                        (&e.units, &e.into)
                    };
                    if look.iter().any(|u| set.contains(u)) {
                        for u in add {
                            if !set.contains(u) {
                                set.push(u.clone());
                                changed = true;
                            }
                        }
                    }
                }
            }
            set
        };
        let mut related = grow(unit_id, true);
        related.extend(grow(unit_id, false));
        self.events
            .iter()
            .filter(|e| {
                e.units.iter().any(|u| related.contains(u))
                    || e.into.iter().any(|u| related.contains(u))
            })
            .collect()
    }

    /// The latest event date: the date the lineage describes units up to.
    pub fn horizon(&self) -> Option<Date> {
        self.events.iter().map(|e| e.date).max()
    }
}

/// When a jurisdiction (a province, by name) ends: its last day and what says so.
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct JurisdictionEnd {
    /// The unit of that name (a tỉnh) whose end it is.
    pub unit: String,
    pub last_day: Date,
    /// The event that ends it, or none when only its declared `valid_until` does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<EventKind>,
    /// Where that event (or the unit's declaration) is written.
    pub location: String,
}

impl Lineage {
    /// The end of the jurisdiction `name`: the tỉnh of that name in the dataset, ended
    /// by an event of the lineage or by its declared last day. `None` while it goes on,
    /// or when the dataset has no tỉnh of that name.
    pub fn jurisdiction_end(&self, ds: &Dataset, name: &str) -> Option<JurisdictionEnd> {
        let key = crate::core::text::name_key(name);
        let named = |u: &&Unit| {
            u.kind == UnitKind::Tinh
                && (crate::core::text::name_key(&u.name) == key
                    || u.aliases
                        .iter()
                        .any(|a| crate::core::text::name_key(a) == key))
        };
        let ends: Vec<JurisdictionEnd> = ds
            .units
            .iter()
            .filter(named)
            .map(|u| self.end_of(u))
            .collect::<Option<Vec<_>>>()?;
        // Every unit of the name has ended: the jurisdiction ends with the last of them.
        ends.into_iter().max_by_key(|e| e.last_day)
    }

    /// The last day of a unit: by an event, else by its declared `valid_until`.
    fn end_of(&self, u: &Unit) -> Option<JurisdictionEnd> {
        let by_event = self.events.iter().find(|e| {
            e.units.contains(&u.id)
                && !e.into.contains(&u.id)
                && matches!(
                    e.kind,
                    EventKind::Ended | EventKind::Merged | EventKind::Split
                )
        });
        match (by_event, u.valid_until) {
            (Some(e), _) => Some(JurisdictionEnd {
                unit: u.id.clone(),
                last_day: e.date.pred(),
                by: Some(e.kind),
                location: e.location.clone(),
            }),
            (None, Some(last_day)) => Some(JurisdictionEnd {
                unit: u.id.clone(),
                last_day,
                by: None,
                location: u.span.to_string(),
            }),
            (None, None) => None,
        }
    }
}

/// Read the lineage files of the sources, resolving unit names against the dataset.
pub fn load(sources: &Sources, ds: &Dataset) -> Result<Lineage, Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut events = Vec::new();
    for f in sources.files() {
        let text = match f.text() {
            Ok(t) => t,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let raw: model::LineageFile = match loader::from_yaml(&f.path, text) {
            Ok(r) => r,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        for (order, e) in raw.events.into_iter().enumerate() {
            if let Some(ev) = resolve(&f.path, e, ds, &mut diags) {
                events.push((order, ev));
            }
        }
    }
    events.sort_by(|a, b| (a.1.date, &a.1.location, a.0).cmp(&(b.1.date, &b.1.location, b.0)));
    let events: Vec<Event> = events.into_iter().map(|(_, e)| e).collect();
    if !diags.has_errors() {
        validate::check(&events, ds, &mut diags);
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(Lineage { events })
    }
}

fn resolve(
    file: &std::path::Path,
    e: model::EventDef,
    ds: &Dataset,
    diags: &mut Diagnostics,
) -> Option<Event> {
    let at = span_of(file, &e.date);
    let date = event_date(&e.date, at.clone(), diags)?;
    let refs = Refs::resolve(file, &e, date, ds, diags)?;
    if let Some(needs) = lacking(&e, &refs) {
        diags.push(Diagnostic::error(
            at,
            DataProblem::LineageEvent {
                kind: kind_code(e.kind).to_string(),
                needs: needs.to_string(),
            },
        ));
        return None;
    }
    Some(Event {
        date,
        kind: e.kind,
        units: refs.subject,
        into: refs.into,
        to_kind: e.to_kind,
        name: e.name.map(|n| crate::core::text::norm(&n)),
        parent: refs.parent,
        basis: e.basis,
        source_level: e.source_level,
        note: e.note,
        location: at.to_string(),
    })
}

/// An event's date, or its fault reported.
fn event_date(given: &Spanned<String>, at: Span, diags: &mut Diagnostics) -> Option<Date> {
    match Date::parse(&given.value) {
        Ok(d) => Some(d),
        Err(msg) => {
            diags.push(Diagnostic::error(
                at,
                DataProblem::LineageDate {
                    given: given.value.clone(),
                    detail: msg.to_string(),
                },
            ));
            None
        }
    }
}

/// The units an event names, resolved to ids.
struct Refs {
    /// The units it applies to (`unit`, `from`).
    subject: Vec<String>,
    /// What they became (`to`, `into`).
    into: Vec<String>,
    parent: Option<String>,
}

impl Refs {
    /// Every name resolved, or `None` when one is not found (each reported). Parts are
    /// named as they stood the day before; results and parents on the day.
    fn resolve(
        file: &std::path::Path,
        e: &model::EventDef,
        date: Date,
        ds: &Dataset,
        diags: &mut Diagnostics,
    ) -> Option<Refs> {
        let mut ok = true;
        let mut unit = |s: &Spanned<String>, year: i32, diags: &mut Diagnostics| match ds
            .find_unit_in(&s.value, None, Some(year))
        {
            Ok(u) => Some(u.id.clone()),
            Err(err) => {
                ok = false;
                diags.push(err.diagnostic_at(span_of(file, s), NamedAt::Event));
                None
            }
        };
        let subject: Vec<String> = e
            .unit
            .iter()
            .chain(&e.from)
            .filter_map(|s| unit(s, date.pred().year, diags))
            .collect();
        let into: Vec<String> =
            e.to.iter()
                .chain(&e.into)
                .filter_map(|s| unit(s, date.year, diags))
                .collect();
        let parent = e.parent.as_ref().and_then(|p| unit(p, date.year, diags));
        ok.then_some(Refs {
            subject,
            into,
            parent,
        })
    }
}

/// What an event lacks for its kind, as the keys it needs (`None` when complete): so
/// that a misspelt key is not a silent no-op.
fn lacking(e: &model::EventDef, refs: &Refs) -> Option<&'static str> {
    let (units, into) = (refs.subject.len(), refs.into.len());
    let (complete, needs) = match e.kind {
        EventKind::Created | EventKind::Ended => (units == 1, "`unit`"),
        EventKind::Renamed => (units == 1 && e.name.is_some(), "`unit` and `name`"),
        EventKind::Reclassified => (units == 1 && e.to_kind.is_some(), "`unit` and `to_kind`"),
        EventKind::Merged => (
            units >= 2 && into == 1,
            "at least two units under `from` and one `to`",
        ),
        EventKind::Split => (
            units == 1 && into >= 2,
            "`unit` and at least two units under `into`",
        ),
        EventKind::Moved => (units == 1 && refs.parent.is_some(), "`unit` and `parent`"),
    };
    (!complete).then_some(needs)
}

fn kind_code(k: EventKind) -> &'static str {
    match k {
        EventKind::Created => "created",
        EventKind::Ended => "ended",
        EventKind::Renamed => "renamed",
        EventKind::Reclassified => "reclassified",
        EventKind::Merged => "merged",
        EventKind::Split => "split",
        EventKind::Moved => "moved",
    }
}

/// Why a record is not assessed on a date: its unit does not exist then.
pub fn not_assessed(lineage: &Lineage, unit: &crate::data::Unit, year: i32) -> Option<NotAssessed> {
    let day = Date::end_of_year(year);
    // Declared dates count as well as events.
    if let Some(from) = unit.valid_from.filter(|d| d.year > year) {
        return Some(NotAssessed::Existence {
            existence: Existence::NotYet { from },
        });
    }
    if let Some(last_day) = unit.valid_until.filter(|d| d.year < year) {
        return Some(NotAssessed::Existence {
            existence: Existence::Ended {
                last_day,
                by: EventKind::Ended,
            },
        });
    }
    // A reclassified unit is assessed under the sets of its kind on the day (`unit_at`).
    match lineage.existence(&unit.id, day) {
        Existence::Exists => None,
        other => Some(NotAssessed::Existence { existence: other }),
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum NotAssessed {
    Existence { existence: Existence },
}

/// A unit's place in time, for reports: when it existed and what it became.
pub fn unit_span(lineage: &Lineage, unit: &Unit) -> (Option<Date>, Option<Date>) {
    let from = match lineage.existence(&unit.id, Date::end_of_year(1)) {
        Existence::NotYet { from } => Some(from),
        _ => None,
    };
    let until = match lineage.existence(&unit.id, Date::end_of_year(9999)) {
        Existence::Ended { last_day, .. } => Some(last_day),
        _ => None,
    };
    (from, until)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An event with no act, for tests.
    pub(super) fn ev(date: &str, kind: EventKind, units: &[&str], into: &[&str]) -> Event {
        Event {
            date: Date::parse(date).unwrap(),
            kind,
            units: units.iter().map(|s| s.to_string()).collect(),
            into: into.iter().map(|s| s.to_string()).collect(),
            to_kind: None,
            name: None,
            parent: None,
            basis: BasisDef {
                document: "T".into(),
                date: None,
                source: None,
            },
            source_level: SourceLevel::None,
            note: None,
            location: String::new(),
        }
    }

    #[test]
    fn merged_parts_end_and_map_to_their_successor() {
        let l = Lineage {
            events: vec![
                ev("2020-02-01", EventKind::Merged, &["a", "b"], &["ab"]),
                ev("2025-07-01", EventKind::Merged, &["ab", "c"], &["abc"]),
            ],
        };
        let d = |s: &str| Date::parse(s).unwrap();
        assert_eq!(l.successors("a", d("2019-12-31")), ["a"]);
        assert_eq!(l.successors("a", d("2021-12-31")), ["ab"]);
        assert_eq!(l.successors("a", d("2026-01-01")), ["abc"]);
        assert_eq!(
            l.existence("ab", d("2019-06-01")),
            Existence::NotYet {
                from: d("2020-02-01")
            }
        );
        assert_eq!(
            l.existence("c", d("2025-07-01")),
            Existence::Ended {
                last_day: d("2025-06-30"),
                by: EventKind::Merged
            }
        );
        assert_eq!(l.history("abc").len(), 2);
        assert_eq!(l.history("c").len(), 1);
    }
}
