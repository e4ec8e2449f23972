//! Unit names over time: a name a unit had before a renaming resolves for the years it
//! held it, and a name shared by units of different times, asked without a year, is
//! refused with each candidate's years (so that `--year` can choose).

use super::Project;
use crate::core::problem::UnitYears;
use crate::core::text::{fold_key, is_folded, name_key};
use crate::data::{Unit, UnitLookupError};

type Found<'a> = std::result::Result<&'a Unit, UnitLookupError>;

impl Project {
    /// The lookup's answer, completed: a name no unit declares looked up among the names
    /// units took by renaming (held in `year`, when given); a shared name asked without
    /// a year turned into the candidates with their years, when their times differ.
    pub(super) fn by_former_name<'a>(
        &'a self,
        found: Found<'a>,
        wanted: &str,
        year: Option<i32>,
    ) -> Found<'a> {
        match found {
            Err(UnitLookupError::NotFound { .. }) => match self.renamed_to(wanted, year) {
                Some(hit) => hit,
                None => found,
            },
            Err(UnitLookupError::Ambiguous { wanted, candidates }) if year.is_none() => {
                let mut dated: Vec<UnitYears> = candidates
                    .iter()
                    .filter_map(|id| self.data().ok()?.unit(id))
                    .map(|u| self.years_of(u))
                    .collect();
                dated.sort_by_key(|c| (c.from.unwrap_or(i32::MIN), c.id.clone()));
                if dated.iter().any(|c| c.from.is_some() || c.until.is_some()) {
                    Err(UnitLookupError::NeedsYear {
                        wanted,
                        candidates: dated,
                    })
                } else {
                    Err(UnitLookupError::Ambiguous { wanted, candidates })
                }
            }
            other => other,
        }
    }

    /// Units that took `wanted` by a renaming (with or without its kind word, exactly or
    /// typed without diacritics) and held it in `year`: the one, several, or none.
    fn renamed_to(&self, wanted: &str, year: Option<i32>) -> Option<Found<'_>> {
        let ds = self.data().ok()?;
        let bare = crate::core::units::split_kind_prefix(wanted).map(|(_, rest)| rest);
        let keys: Vec<&str> = std::iter::once(wanted).chain(bare.as_deref()).collect();
        let matches = |name: &str| {
            keys.iter().any(|k| {
                name_key(name) == name_key(k) || (is_folded(k) && fold_key(name) == fold_key(k))
            })
        };
        let held = |from: Option<crate::core::date::Date>,
                    until: Option<crate::core::date::Date>| {
            year.is_none_or(|y| {
                from.is_none_or(|d| d.year <= y) && until.is_none_or(|d| d.year >= y)
            })
        };
        let named = |any_year: bool| -> Vec<&Unit> {
            ds.units
                .iter()
                .filter(|u| {
                    self.lineage
                        .names_of(u)
                        .iter()
                        .skip(1)
                        .any(|(n, from, until)| matches(n) && (any_year || held(*from, *until)))
                })
                .collect()
        };
        let hits = named(false);
        match hits.as_slice() {
            // Held in other years only: the name the unit had in the year asked.
            [] => match (named(true).as_slice(), year) {
                ([one], Some(y)) => Some(Err(UnitLookupError::NotFound {
                    wanted: wanted.to_string(),
                    suggestion: Some(
                        self.lineage
                            .name_at(one, crate::core::date::Date::end_of_year(y)),
                    ),
                })),
                _ => None,
            },
            [one] => Some(Ok(*one)),
            many => Some(Err(UnitLookupError::Ambiguous {
                wanted: wanted.to_string(),
                candidates: many.iter().map(|u| u.id.clone()).collect(),
            })),
        }
    }

    /// The first and last year a unit exists, by its declared dates and the lineage.
    fn years_of(&self, u: &Unit) -> UnitYears {
        let (from, until) = crate::data::lineage::unit_span(&self.lineage, u);
        UnitYears {
            id: u.id.clone(),
            name: u.name.clone(),
            from: from.or(u.valid_from).map(|d| d.year),
            until: until.or(u.valid_until).map(|d| d.year),
        }
    }
}
