//! A unit's attributes as evaluation reads them: its own and its parents' (a thôn takes
//! its xã's region), on a date after the lineage's moves, with dated ones (`group`) as of
//! that day — borrowed from the dataset's units, never copied per record.

use super::{lineage, CellAt, Dataset, Unit, RECOGNISED_NTM};
use crate::core::value::{Cell, Scalar};
use std::collections::BTreeMap;

/// A unit's attributes as evaluation reads them: those of the unit and its parents,
/// borrowed from the dataset's units (a copy per record cost more than judging it).
pub type Attributes<'a> = BTreeMap<&'a str, &'a CellAt>;

/// Attributes by name: a unit's own, or as inherited ([`Attributes`]).
pub trait AttributeMap {
    fn cell(&self, key: &str) -> Option<&CellAt>;
}

impl AttributeMap for BTreeMap<String, CellAt> {
    fn cell(&self, key: &str) -> Option<&CellAt> {
        self.get(key)
    }
}

impl AttributeMap for Attributes<'_> {
    fn cell(&self, key: &str) -> Option<&CellAt> {
        self.get(key).copied()
    }
}

/// The year a unit was recognised đạt chuẩn NTM, from its attributes.
pub fn recognised_year(attributes: &impl AttributeMap) -> Option<i32> {
    attribute_text(attributes, RECOGNISED_NTM)
        .and_then(|t| t.trim().parse::<f64>().ok())
        .filter(|y| y.fract() == 0.0 && (1900.0..=2200.0).contains(y))
        .map(|y| y as i32)
}

/// A unit attribute as text (numbers and yes/no written out), NFC-normalised.
pub fn attribute_text(attributes: &impl AttributeMap, key: &str) -> Option<String> {
    attributes.cell(key).map(|c| match &c.cell {
        Cell::Text(s) | Cell::Scalar(Scalar::Text(s)) => crate::core::text::norm(s),
        Cell::Scalar(Scalar::Int(i)) => i.to_string(),
        Cell::Scalar(Scalar::Float(x)) => x.to_string(),
        Cell::Scalar(Scalar::Bool(b)) => b.to_string(),
    })
}

/// Is a yes/no attribute set (true, 1, có, đạt …)?
pub fn attribute_flag(attributes: &impl AttributeMap, key: &str) -> bool {
    attribute_text(attributes, key)
        .and_then(|v| crate::core::value::parse_bool(&v))
        .unwrap_or(false)
}

impl Dataset {
    /// A unit's attributes, inherited from its parents (a thôn takes its xã's region)
    /// and overridden by its own.
    pub fn attributes_of<'a>(&'a self, unit: &'a Unit) -> Attributes<'a> {
        Self::inherited(&self.chain(unit, &|u| self.parent_of(u)))
    }

    /// A unit's attributes as they are on `date`: inherited along its parents of that
    /// day (every move of the lineage applied, so a xã moved to another province takes
    /// that province and its region), its dated attributes (`group`) as of the day.
    pub fn attributes_at<'a>(
        &'a self,
        unit: &'a Unit,
        lineage: &lineage::Lineage,
        date: crate::core::date::Date,
    ) -> Attributes<'a> {
        // The chain of parents that day, walked once for both kinds of attributes.
        let chain = self.chain(unit, &|u| self.parent_on(lineage, u, date));
        let mut out = Self::inherited(&chain);
        // Dated values of the unit and its parents, the unit's own last.
        for u in chain.into_iter().rev() {
            for (k, steps) in &u.dated {
                match steps.iter().rev().find(|s| s.from <= date) {
                    Some(s) => {
                        out.insert(k.as_str(), &s.value);
                    }
                    None => {
                        out.remove(k.as_str());
                    }
                }
            }
        }
        out
    }

    /// A unit's parent on `date`, after the lineage's moves: its declared parent (found
    /// by position, not looked up by id) when no move changed it.
    pub fn parent_on(
        &self,
        lineage: &lineage::Lineage,
        unit: &Unit,
        date: crate::core::date::Date,
    ) -> Option<&Unit> {
        match lineage.parent_on(unit, date) {
            p if p == unit.parent.as_deref() => self.parent_of(unit),
            p => self.unit(p?),
        }
    }

    /// A unit and its parents as `parent_of` gives them, nearest first (a cycle ends it).
    fn chain<'a>(
        &'a self,
        unit: &'a Unit,
        parent_of: &dyn Fn(&Unit) -> Option<&'a Unit>,
    ) -> Vec<&'a Unit> {
        let mut chain = vec![unit];
        let mut cur = unit;
        while let Some(p) = parent_of(cur) {
            if chain.iter().any(|u| u.id == p.id) {
                break;
            }
            chain.push(p);
            cur = p;
        }
        chain
    }

    /// The attributes of a chain of units: a nearer unit's value stands.
    fn inherited<'a>(chain: &[&'a Unit]) -> Attributes<'a> {
        let mut out = BTreeMap::new();
        for u in chain.iter().rev() {
            out.extend(u.attributes.iter().map(|(k, v)| (k.as_str(), v)));
        }
        out
    }
}
