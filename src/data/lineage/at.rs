//! A unit as it stands on a date: its kind after every reclassification and its name
//! after every renaming, so that a xã made a thị trấn is judged under the thị trấn sets
//! from that day on (and under the xã sets before), and shows the name it had then.

use super::Lineage;
use crate::core::date::Date;
use crate::data::Unit;
use std::borrow::Cow;

impl Lineage {
    /// The unit with its kind and name of `date`; borrowed when neither changed.
    pub fn unit_at<'a>(&self, unit: &'a Unit, date: Date) -> Cow<'a, Unit> {
        let kind = self.kind_at(unit, date);
        let name = self.name_on(unit, date);
        if kind == unit.kind && name == unit.name {
            return Cow::Borrowed(unit);
        }
        let name = name.to_string();
        let mut now = unit.clone();
        now.kind = kind;
        now.name = name;
        Cow::Owned(now)
    }

    /// Every name the unit had (its declared one and each renaming's), with the first and
    /// last day it held it (`None`: open).
    pub fn names_of(&self, unit: &Unit) -> Vec<(String, Option<Date>, Option<Date>)> {
        let mut out = vec![(unit.name.clone(), None, None)];
        for e in &self.events {
            if e.kind == super::EventKind::Renamed && e.units.contains(&unit.id) {
                if let Some(n) = &e.name {
                    if let Some(last) = out.last_mut() {
                        last.2 = Some(e.date.pred());
                    }
                    out.push((n.clone(), Some(e.date), None));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Event, EventKind, Lineage};
    use crate::core::date::Date;
    use crate::core::units::UnitKind;

    fn unit() -> crate::data::Unit {
        crate::data::Unit {
            id: "a".into(),
            name: "An".into(),
            kind: UnitKind::Xa,
            parent: None,
            aliases: Vec::new(),
            attributes: Default::default(),
            span: crate::core::diag::Span::file_only("t"),
            provenance: None,
            valid_from: None,
            valid_until: None,
            recognition: None,
            dated: Default::default(),
        }
    }

    fn event(date: &str, kind: EventKind) -> Event {
        let mut e = super::super::tests::ev(date, kind, &["a"], &[]);
        e.to_kind = (kind == EventKind::Reclassified).then_some(UnitKind::ThiTran);
        e.name = (kind == EventKind::Renamed).then(|| "Bình".to_string());
        e
    }

    #[test]
    fn kind_and_name_change_on_their_day() {
        let l = Lineage {
            events: vec![
                event("2021-03-01", EventKind::Renamed),
                event("2023-04-10", EventKind::Reclassified),
            ],
        };
        let u = unit();
        let d = |s: &str| Date::parse(s).unwrap();
        assert!(matches!(
            l.unit_at(&u, d("2020-12-31")),
            std::borrow::Cow::Borrowed(_)
        ));
        let y21 = l.unit_at(&u, d("2021-12-31"));
        assert_eq!((y21.name.as_str(), y21.kind), ("Bình", UnitKind::Xa));
        let y23 = l.unit_at(&u, d("2023-12-31"));
        assert_eq!(y23.kind, UnitKind::ThiTran);
        let names = l.names_of(&u);
        assert_eq!(names.len(), 2);
        assert_eq!(names[0].2, Some(d("2021-02-28")));
        assert_eq!(names[1].1, Some(d("2021-03-01")));
    }
}
