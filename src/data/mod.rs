//! Datasets: units (xã, thôn) and their per-year values and declared statuses, read
//! from YAML, JSON, CSV and workbooks. A record's values are typed as they are read,
//! against the one type the rule library gives each field (`values`); unit attributes
//! stay cells as written.

pub mod attributes;
mod block;
mod columns;
mod grid;
pub mod lineage;
pub mod load;
pub mod model;
mod recognised;
mod record;
mod resolve;
mod rows;
pub mod stored;
mod table;
pub mod values;
pub mod xlsx;

/// Rows with each cell's place (CSV, or a workbook's sheet through `xlsx`), for other
/// readers of tables (the fill-in sheet).
pub(crate) use grid::{CsvRows, GridCell, GridRow};
pub use record::*;

use crate::core::diag::{Diagnostic, Span};
use crate::core::problem::{DataProblem, NamedAt};
pub use crate::core::source::FileStamp;
use crate::core::text::{did_you_mean, fold_key, is_folded, name_key, norm};
use crate::core::units::UnitKind;
use crate::core::value::Scalar;
use crate::core::value::{parse_bool, Cell};
use model::{Blank, DatasetMeta, Provenance};
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Clone, Debug)]
pub struct CellAt {
    pub cell: Cell,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Unit {
    pub id: String,
    pub name: String,
    pub kind: UnitKind,
    pub parent: Option<String>,
    pub aliases: Vec<String>,
    pub attributes: BTreeMap<String, CellAt>,
    pub span: Span,
    pub provenance: Option<Provenance>,
    /// First and last day the unit exists, when declared.
    pub valid_from: Option<crate::core::date::Date>,
    pub valid_until: Option<crate::core::date::Date>,
    /// The decision recognising it đạt chuẩn NTM, when declared on the unit (its year is
    /// also the attribute `nam_dat_chuan_ntm`).
    pub recognition: Option<UnitRecognition>,
    /// Attributes whose value changes over time (`group` from a date on): each step
    /// holds from its day until the next; before the first the attribute has no value.
    pub dated: BTreeMap<String, Vec<DatedValue>>,
}

/// The decision recognising a unit đạt chuẩn NTM, as declared on the unit.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitRecognition {
    pub year: i32,
    pub decision: String,
    pub date: crate::core::date::Date,
    pub source_level: crate::rules::model::SourceLevel,
    pub span: Span,
}

/// One step of a dated attribute: the value from `from` on.
#[derive(Clone, Debug)]
pub struct DatedValue {
    pub from: crate::core::date::Date,
    pub value: CellAt,
}

impl Unit {
    /// Exists at some time in `year` by its declared dates.
    pub fn exists_in(&self, year: i32) -> bool {
        self.valid_from.is_none_or(|d| d.year <= year)
            && self.valid_until.is_none_or(|d| d.year >= year)
    }
}

/// The attribute holding the year a unit was recognised đạt chuẩn NTM.
pub const RECOGNISED_NTM: &str = "nam_dat_chuan_ntm";

/// A dataset document and what kind of figures it holds, for every report's header.
#[derive(Clone, Debug, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub struct DataSource {
    pub path: String,
    pub title: String,
    pub provenance: Provenance,
}

/// Why a unit name or id does not resolve.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnitLookupError {
    NotFound {
        wanted: String,
        suggestion: Option<String>,
    },
    Ambiguous {
        wanted: String,
        candidates: Vec<String>,
    },
    /// A name shared by units of different times, asked without a year: each candidate
    /// with the years it exists.
    NeedsYear {
        wanted: String,
        candidates: Vec<crate::core::problem::UnitYears>,
    },
}

impl UnitLookupError {
    /// As a diagnostic at `span`; `at` says where the name was written.
    pub fn diagnostic_at(&self, span: Span, at: NamedAt) -> Diagnostic {
        if let UnitLookupError::NeedsYear { wanted, candidates } = self {
            return Diagnostic::error(
                span,
                DataProblem::UnitNeedsYear {
                    name: wanted.clone(),
                    candidates: candidates.clone(),
                },
            );
        }
        let (name, suggestion, candidates) = match self {
            UnitLookupError::NotFound { wanted, suggestion } => {
                (wanted, suggestion.clone(), Vec::new())
            }
            UnitLookupError::Ambiguous { wanted, candidates } => (wanted, None, candidates.clone()),
            UnitLookupError::NeedsYear { wanted, candidates } => (
                wanted,
                None,
                candidates.iter().map(|c| c.id.clone()).collect(),
            ),
        };
        Diagnostic::error(
            span,
            DataProblem::UnknownUnit {
                name: name.clone(),
                suggestion,
                candidates,
                at,
            },
        )
    }
    /// As a diagnostic at `span`, for a name given on the command line.
    pub fn diagnostic(&self, span: Span) -> Diagnostic {
        self.diagnostic_at(span, NamedAt::Command)
    }
}

impl std::fmt::Display for UnitLookupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UnitLookupError::NotFound {
                wanted,
                suggestion: Some(s),
            } => write!(f, "no unit named `{wanted}`; did you mean `{s}`?"),
            UnitLookupError::NotFound { wanted, .. } => {
                write!(f, "no unit named `{wanted}` in the dataset")
            }
            UnitLookupError::Ambiguous { wanted, candidates } => write!(
                f,
                "`{wanted}` names several units ({}); give its parent xã or use the unit id",
                candidates.join(", ")
            ),
            UnitLookupError::NeedsYear { wanted, candidates } => write!(
                f,
                "`{wanted}` names units of different times ({}); give --year",
                candidates
                    .iter()
                    .map(|c| c.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

#[derive(Debug, Default)]
pub struct Dataset {
    pub meta: Vec<(PathBuf, DatasetMeta)>,
    pub units: Vec<Unit>,
    pub records: Vec<Record>,
    pub files: Vec<FileStamp>,
    /// Look-ups by id and by name, built on first use: every look-up is then constant
    /// time, so a national dataset loads and evaluates in linear time.
    index: std::sync::OnceLock<UnitIndex>,
    /// Each unit's declared parent, by position (walking up a national tree for every
    /// record by id cost a copy of the id and a hash look-up a step).
    parents: std::sync::OnceLock<Vec<Option<usize>>>,
    /// Each record's unit by position, as linking found it (a look-up by id per record
    /// was a twentieth of a national run, made by evaluation, roll-ups and drift alike).
    /// Checked against the record's id when used, so records changed since only cost
    /// the look-up by id again.
    record_units: Vec<u32>,
}

#[derive(Debug, Default)]
struct UnitIndex {
    by_id: foldhash::HashMap<String, usize>,
    /// Name and alias keys (NFC, case and spacing ignored) → units, in dataset order.
    by_name: foldhash::HashMap<String, Vec<usize>>,
    /// The same keys with diacritics folded, for names typed without them.
    by_fold: foldhash::HashMap<String, Vec<usize>>,
}

impl Dataset {
    fn index(&self) -> &UnitIndex {
        self.index.get_or_init(|| {
            use rayon::prelude::*;
            let keys_of = |u: &Unit| {
                let mut keys: Vec<String> = std::iter::once(&u.name)
                    .chain(&u.aliases)
                    .map(|n| name_key(n))
                    .collect();
                keys.sort();
                keys.dedup();
                let mut folded: Vec<String> = keys.iter().map(|k| fold_key(k)).collect();
                folded.sort();
                folded.dedup();
                (keys, folded)
            };
            // Keys are made on every core (a national dataset has ~90,000 units), then
            // indexed in dataset order. Not from a worker: while waiting it could take up
            // a job that asks for this same index (a lock cannot be taken twice).
            let keys: Vec<(Vec<String>, Vec<String>)> = if rayon::current_thread_index().is_some() {
                self.units.iter().map(keys_of).collect()
            } else {
                self.units.par_iter().map(keys_of).collect()
            };
            let mut ix = UnitIndex::default();
            ix.by_id.reserve(self.units.len());
            for (i, (u, (keys, folded))) in self.units.iter().zip(keys).enumerate() {
                ix.by_id.entry(u.id.clone()).or_insert(i);
                for k in folded {
                    ix.by_fold.entry(k).or_default().push(i);
                }
                for k in keys {
                    ix.by_name.entry(k).or_default().push(i);
                }
            }
            ix
        })
    }

    /// Each unit's declared parent by position, made on first use (after the parents
    /// are linked: see [`Dataset::parents_changed`]).
    fn parents(&self) -> &[Option<usize>] {
        self.parents.get_or_init(|| {
            let by_id = &self.index().by_id;
            (self.units.iter())
                .map(|u| u.parent.as_deref().and_then(|p| by_id.get(p).copied()))
                .collect()
        })
    }

    /// Units' parents were changed in place: their positions are found again.
    pub(crate) fn parents_changed(&mut self) {
        self.parents = std::sync::OnceLock::new();
    }

    /// A unit's declared parent in this dataset. `u` is one of its units, or a copy of
    /// one (found again by id).
    pub fn parent_of(&self, u: &Unit) -> Option<&Unit> {
        match self.position_of(u) {
            Some(i) => self.parents()[i].map(|p| &self.units[p]),
            None => self.unit(u.parent.as_deref()?),
        }
    }

    /// Set the units (the index is rebuilt on next use).
    pub fn set_units(&mut self, units: Vec<Unit>) {
        self.units = units;
        self.record_units = Vec::new();
        self.index = std::sync::OnceLock::new();
        self.parents = std::sync::OnceLock::new();
    }

    /// Build the unit index now (from the thread that will wait for it, not a worker).
    pub(crate) fn index_now(&self) {
        self.index();
    }

    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.index().by_id.get(id).map(|&i| &self.units[i])
    }

    /// The unit of record `i` (`self.records[i]`): by the position linking found, else
    /// by its id.
    pub fn unit_of_record(&self, i: usize) -> Option<&Unit> {
        let rec = self.records.get(i)?;
        (self.record_units.get(i))
            .and_then(|&u| self.units.get(u as usize))
            .filter(|u| u.id == rec.unit)
            .or_else(|| self.unit(&rec.unit))
    }

    /// Records' units by position, in the records' order.
    pub(crate) fn set_record_units(&mut self, positions: Vec<usize>) {
        self.record_units = (positions.into_iter())
            .map(|u| u32::try_from(u).unwrap_or(u32::MAX))
            .collect();
    }

    /// Find a unit by id, name or alias as officials type it: with its kind word
    /// before it or not ("xã Bằng Vân", "TT Nà Phặc"); when a name is shared by units of
    /// different times (an old xã and the new xã of the same name), the one that exists
    /// in `year` — units that never coexisted are not ambiguous then.
    pub fn find_unit_in(
        &self,
        wanted: &str,
        parent: Option<&str>,
        year: Option<i32>,
    ) -> Result<&Unit, UnitLookupError> {
        self.find_unit_where(wanted, parent, &|u| year.is_none_or(|y| u.exists_in(y)))
    }

    /// Find a unit by id, name or alias (with or without its kind word); among units
    /// sharing the name, the only one `live` accepts (the one that exists then).
    pub fn find_unit_where(
        &self,
        wanted: &str,
        parent: Option<&str>,
        live: &dyn Fn(&Unit) -> bool,
    ) -> Result<&Unit, UnitLookupError> {
        self.find_where(wanted, parent, live, true)
    }

    /// [`Dataset::find_unit_where`] without a suggestion for a name not found: for
    /// callers that meet many unknown names and suggest only for those shown
    /// ([`Dataset::suggest_unit`]), so that the cost stays proportional to the input.
    /// Where `u` (a unit of this dataset) is in `units`.
    pub(crate) fn position_of(&self, u: &Unit) -> Option<usize> {
        let size = std::mem::size_of::<Unit>().max(1);
        let at = (std::ptr::from_ref(u) as usize).checked_sub(self.units.as_ptr() as usize)?;
        (at % size == 0 && at / size < self.units.len()).then_some(at / size)
    }

    pub fn find_unit_unsuggested(
        &self,
        wanted: &str,
        parent: Option<&str>,
        live: &dyn Fn(&Unit) -> bool,
    ) -> Result<&Unit, UnitLookupError> {
        self.find_where(wanted, parent, live, false)
    }

    /// The unit name or id closest to a name not found (its kind word set aside), as
    /// [`Dataset::find_unit_where`] suggests it.
    pub fn suggest_unit(&self, wanted: &str) -> Option<String> {
        match crate::core::units::split_kind_prefix(wanted) {
            Some((_, rest)) => self.suggestion(&rest),
            None => self.suggestion(wanted),
        }
    }

    fn suggestion(&self, wanted: &str) -> Option<String> {
        let names = self
            .units
            .iter()
            .flat_map(|u| std::iter::once(u.name.as_str()).chain(std::iter::once(u.id.as_str())));
        did_you_mean(wanted, names)
    }

    fn find_where(
        &self,
        wanted: &str,
        parent: Option<&str>,
        live: &dyn Fn(&Unit) -> bool,
        suggest: bool,
    ) -> Result<&Unit, UnitLookupError> {
        let found = self.narrow(self.lookup(wanted, parent, suggest), None, live);
        if !matches!(found, Err(UnitLookupError::NotFound { .. })) {
            return found;
        }
        let Some((kind, rest)) = crate::core::units::split_kind_prefix(wanted) else {
            return found;
        };
        match self.narrow(self.lookup(&rest, parent, suggest), kind, live) {
            Ok(u) => Ok(u),
            Err(UnitLookupError::NotFound { suggestion, .. }) => Err(UnitLookupError::NotFound {
                wanted: wanted.to_string(),
                suggestion,
            }),
            Err(UnitLookupError::Ambiguous { candidates, .. }) => Err(UnitLookupError::Ambiguous {
                wanted: wanted.to_string(),
                candidates,
            }),
            Err(other) => Err(other),
        }
    }

    /// Among units sharing a name, the only one that is `live` (and of `kind`, when the
    /// name was typed with its kind word).
    fn narrow<'a>(
        &'a self,
        found: Result<&'a Unit, UnitLookupError>,
        kind: Option<UnitKind>,
        live: &dyn Fn(&Unit) -> bool,
    ) -> Result<&'a Unit, UnitLookupError> {
        match found {
            Err(UnitLookupError::Ambiguous { candidates, wanted }) => {
                let hits: Vec<&Unit> = candidates
                    .iter()
                    .filter_map(|c| self.unit(c))
                    .filter(|u| live(u) && kind.is_none_or(|k| u.kind == k))
                    .collect();
                match hits.as_slice() {
                    [one] => Ok(*one),
                    _ => Err(UnitLookupError::Ambiguous { wanted, candidates }),
                }
            }
            other => other,
        }
    }

    /// Find a unit by id, name or alias (NFC, case and spacing ignored).
    pub fn find_unit(&self, wanted: &str, parent: Option<&str>) -> Result<&Unit, UnitLookupError> {
        self.lookup(wanted, parent, true)
    }

    fn lookup(
        &self,
        wanted: &str,
        parent: Option<&str>,
        suggest: bool,
    ) -> Result<&Unit, UnitLookupError> {
        if let Some(u) = self.unit(wanted.trim()) {
            return Ok(u);
        }
        let key = name_key(wanted);
        let ix = self.index();
        // A name typed without diacritics ("Thuong Quan") is read folded when it is no
        // unit's exact name; several folded matches are candidates, as a shared name's.
        let found = ix
            .by_name
            .get(&key)
            .or_else(|| is_folded(&key).then(|| ix.by_fold.get(&key)).flatten());
        let mut hits: Vec<&Unit> = found
            .map(|v| v.iter().map(|&i| &self.units[i]).collect())
            .unwrap_or_default();
        if let Some(p) = parent {
            let pk = name_key(p);
            hits.retain(|u| {
                u.parent.as_deref().is_some_and(|pid| {
                    pid == p.trim()
                        || self.unit(pid).is_some_and(|pu| {
                            name_key(&pu.name) == pk || pu.aliases.iter().any(|a| name_key(a) == pk)
                        })
                })
            });
        }
        match hits.len() {
            1 => Ok(hits[0]),
            0 => Err(UnitLookupError::NotFound {
                wanted: wanted.to_string(),
                suggestion: suggest.then(|| self.suggestion(wanted)).flatten(),
            }),
            _ => Err(UnitLookupError::Ambiguous {
                wanted: wanted.to_string(),
                candidates: hits.iter().map(|u| u.id.clone()).collect(),
            }),
        }
    }

    /// Every dataset document with its title and provenance, sorted by path; reports
    /// show them so that illustrative figures are never taken for published ones.
    pub fn sources(&self) -> Vec<DataSource> {
        let mut v: Vec<DataSource> = self
            .meta
            .iter()
            .map(|(p, m)| DataSource {
                path: p.display().to_string(),
                title: m.title.clone(),
                provenance: m.provenance,
            })
            .collect();
        v.sort_by(|a, b| a.path.cmp(&b.path));
        v
    }

    pub fn years(&self) -> Vec<i32> {
        let mut y: Vec<i32> = self.records.iter().map(|r| r.year).collect();
        y.sort();
        y.dedup();
        y
    }
}

/// A record before its unit reference is resolved: `record.unit` holds the id or name
/// as written, `record.span` where it is written.
pub(crate) struct RawRecord {
    pub parent: Option<String>,
    pub record: Record,
}

pub(crate) struct RawUnit {
    pub unit: Unit,
    pub parent_ref: Option<String>,
}

/// A declared status cell: yes/no (1/0, đạt/chưa đạt, x), empty, or a word left for
/// the rule set's levels to read ("Cơ bản đạt"). Numbers other than 1 and 0 are refused
/// (the error is the value as written).
pub fn declared_from_scalar(
    s: &Scalar,
    blank: Blank,
) -> Result<(Option<bool>, Option<String>), String> {
    match s {
        Scalar::Bool(b) => Ok((Some(*b), None)),
        Scalar::Int(1) => Ok((Some(true), None)),
        Scalar::Int(0) => Ok((Some(false), None)),
        Scalar::Text(t) if t.trim().is_empty() => Ok((
            match blank {
                Blank::Missing => None,
                Blank::NotMet => Some(false),
            },
            None,
        )),
        // An annex written by ntm marks a criterion without data `?`.
        Scalar::Text(t) if t.trim() == "?" => Ok((None, None)),
        // … and one none of whose thresholds applies `na`: the rules decide it again.
        Scalar::Text(t) if t.trim() == "na" => Ok((None, None)),
        Scalar::Text(t) => Ok(match parse_bool(t) {
            Some(b) => (Some(b), Some(norm(t.trim()))),
            None => (None, Some(norm(t.trim()))),
        }),
        // The value as written, for the diagnostic.
        other => Err(format!("{other:?}")),
    }
}

/// A year outside the plausible range, at the place it is written.
pub fn bad_year(year: i32, span: Span) -> Diagnostic {
    use crate::core::limits::{MAX_YEAR, MIN_YEAR};
    Diagnostic::error(
        span,
        DataProblem::BadYear {
            year,
            min: MIN_YEAR,
            max: MAX_YEAR,
        },
    )
}
