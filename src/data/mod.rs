//! Datasets: units (xã, thôn) and their per-year values and declared statuses, read
//! from YAML, JSON, CSV and workbooks. A record's values are typed as they are read,
//! against the one type the rule library gives each field (`values`); unit attributes
//! stay cells as written.

mod block;
mod columns;
mod grid;
pub mod lineage;
pub mod load;
pub mod model;
mod resolve;
mod rows;
pub mod stored;
mod table;
pub mod values;
pub mod xlsx;

use crate::core::diag::{Diagnostic, Span};
use crate::core::number::NumberFormat;
use crate::core::problem::{DataProblem, NamedAt};
pub use crate::core::source::FileStamp;
use crate::core::text::{did_you_mean, name_key, norm};
use crate::core::units::UnitKind;
use crate::core::value::Scalar;
use crate::core::value::{parse_bool, Cell};
use crate::rules::model::Stage;
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
}

impl Unit {
    /// Exists at some time in `year` by its declared dates.
    pub fn exists_in(&self, year: i32) -> bool {
        self.valid_from.is_none_or(|d| d.year <= year)
            && self.valid_until.is_none_or(|d| d.year >= year)
    }
}

#[derive(Clone, Debug)]
pub struct Declared {
    /// `None`: the cell was present but empty and means "no information", or it holds
    /// a word that is not yes/no (see `text`).
    pub met: Option<bool>,
    /// A status written as a word that is not yes/no (e.g. "Cơ bản đạt"), NFC: the rule
    /// set's levels decide what it means, or evaluation refuses it at its cell.
    pub text: Option<String>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Record {
    pub unit: String,
    pub year: i32,
    /// Field → cell, typed as read; the field names are shared by every row of a table.
    pub values: values::Values,
    pub declared: BTreeMap<String, Declared>,
    /// What a published list says of the unit, per scope (`""`: no scope, the base
    /// stage; else a rule set id or a stage, NFC).
    pub published: BTreeMap<String, Published>,
    pub number_format: NumberFormat,
    pub provenance: Option<Provenance>,
    pub span: Span,
    /// Position of the record's first appearance, to keep the dataset's row order.
    pub order: usize,
}

/// What a published list says of a unit and year for one stage or set: the number of
/// criteria met, counts per level, the verdict, criteria named met or not met.
#[derive(Clone, Debug, Default)]
pub struct Published {
    pub reported_total: Option<(i64, Span)>,
    /// Criteria counted per level (level id → count), as published.
    pub counts: BTreeMap<String, (i64, Span)>,
    /// A published unit-level verdict (as written, NFC).
    pub verdict: Option<(String, Span)>,
    /// Criteria named as met or not met (by number or name, as written), the rest of
    /// the set unknown: "đạt 16/19; các tiêu chí chưa đạt: Môi trường, Y tế".
    pub listed: Vec<Listed>,
}

impl Published {
    pub fn is_empty(&self) -> bool {
        self.reported_total.is_none()
            && self.counts.is_empty()
            && self.verdict.is_none()
            && self.listed.is_empty()
    }
}

/// A criterion named in a published list as met or not met.
#[derive(Clone, Debug)]
pub struct Listed {
    /// As written (NFC): a number (`17`, `TC 17`) or a name (`Môi trường`).
    pub name: String,
    pub met: bool,
    pub span: Span,
}

/// The names of a list cell: separated by `;` when there is one (names may hold commas:
/// "Thủy lợi và phòng, chống thiên tai"), else by `,`; NFC, empty ones dropped.
pub fn list_names(text: &str) -> Vec<String> {
    let sep = if text.contains(';') { ';' } else { ',' };
    text.split(sep)
        .map(|s| norm(s.trim()))
        .filter(|s| !s.is_empty())
        .collect()
}

/// A scope must name a stage (NFC, case ignored) or a rule set id (ids hold a `/`): any
/// other text would silently apply to no set.
pub fn check_scope(scope: Option<&str>, span: &Span) -> Option<Diagnostic> {
    let s = scope.map(str::trim).filter(|s| !s.is_empty())?;
    let stages = [Stage::Ntm.code(), Stage::NtmNangCao.code()];
    if s.contains('/') || stages.iter().any(|st| name_key(st) == name_key(s)) {
        return None;
    }
    Some(Diagnostic::error(
        span.clone(),
        crate::core::problem::TableProblem::UnknownScope {
            found: s.to_string(),
            suggestion: did_you_mean(s, stages),
        },
    ))
}

/// The key of a scope in `Record::published`: `""` without one.
pub fn scope_key(scope: Option<&str>) -> String {
    scope
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(norm)
        .unwrap_or_default()
}

/// Key of a declared status in `Record::declared`: the criterion id, or
/// `scope::id` when it is declared for one rule set (by id) or one stage.
pub fn declared_key(scope: Option<&str>, criterion: &str) -> String {
    match scope.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => format!("{}::{}", norm(s), norm(criterion)),
        None => norm(criterion),
    }
}

impl Record {
    /// The declared status of a criterion for a rule set: one declared for the set,
    /// else for its stage, else (base stage only) one declared without a scope.
    pub fn declared_for(&self, set_id: &str, stage: Stage, criterion: &str) -> Option<&Declared> {
        if self.declared.is_empty() {
            return None; // most records: no key to build
        }
        self.declared
            .get(&declared_key(Some(set_id), criterion))
            .or_else(|| {
                self.declared
                    .get(&declared_key(Some(stage.code()), criterion))
            })
            .or_else(|| {
                (stage == BASE_STAGE)
                    .then(|| self.declared.get(criterion))
                    .flatten()
            })
    }

    /// Declared statuses that apply to a rule set, with their criterion ids.
    pub fn declared_applying<'a>(
        &'a self,
        set_id: &'a str,
        stage: Stage,
    ) -> impl Iterator<Item = (&'a str, &'a Declared)> + 'a {
        self.declared
            .iter()
            .filter_map(move |(k, d)| match k.rsplit_once("::") {
                None => (stage == BASE_STAGE).then_some((k.as_str(), d)),
                Some((scope, id)) if in_scope(scope, set_id, stage) => Some((id, d)),
                _ => None,
            })
    }

    /// What the published list says for a rule set: given for the set, else for its
    /// stage, else (base stage only) given without a scope.
    pub fn published_for(&self, set_id: &str, stage: Stage) -> Option<&Published> {
        if self.published.is_empty() {
            return None;
        }
        let scoped = |by_set: bool| {
            self.published.iter().find(|(k, _)| {
                !k.is_empty()
                    && (if by_set {
                        k.as_str() == set_id
                    } else {
                        in_scope(k, "", stage)
                    })
            })
        };
        scoped(true)
            .or_else(|| scoped(false))
            .map(|(_, p)| p)
            .or_else(|| {
                (stage == BASE_STAGE)
                    .then(|| self.published.get(""))
                    .flatten()
            })
    }

    /// The published list of the scope `key` (made when first written to).
    pub fn published_mut(&mut self, key: String) -> &mut Published {
        self.published.entry(key).or_default()
    }
}

/// The stage a record or table without a scope gives statuses, counts and verdicts for
/// (a thôn set's only stage); never NTM nâng cao.
pub const BASE_STAGE: Stage = Stage::Ntm;

/// A scope names this set (by id) or its stage.
fn in_scope(scope: &str, set_id: &str, stage: Stage) -> bool {
    scope == set_id || name_key(scope) == name_key(stage.code())
}

/// The attribute holding the year a unit was recognised đạt chuẩn NTM.
pub const RECOGNISED_NTM: &str = "nam_dat_chuan_ntm";

/// The year a unit was recognised đạt chuẩn NTM, from its attributes.
pub fn recognised_year(attributes: &BTreeMap<String, CellAt>) -> Option<i32> {
    attribute_text(attributes, RECOGNISED_NTM)
        .and_then(|t| t.trim().parse::<f64>().ok())
        .filter(|y| y.fract() == 0.0 && (1900.0..=2200.0).contains(y))
        .map(|y| y as i32)
}

/// A unit attribute as text (numbers and yes/no written out), NFC-normalised.
pub fn attribute_text(attributes: &BTreeMap<String, CellAt>, key: &str) -> Option<String> {
    attributes.get(key).map(|c| match &c.cell {
        Cell::Text(s) | Cell::Scalar(Scalar::Text(s)) => crate::core::text::norm(s),
        Cell::Scalar(Scalar::Int(i)) => i.to_string(),
        Cell::Scalar(Scalar::Float(x)) => x.to_string(),
        Cell::Scalar(Scalar::Bool(b)) => b.to_string(),
    })
}

/// Is a yes/no attribute set (true, 1, có, đạt …)?
pub fn attribute_flag(attributes: &BTreeMap<String, CellAt>, key: &str) -> bool {
    attribute_text(attributes, key)
        .and_then(|v| crate::core::value::parse_bool(&v))
        .unwrap_or(false)
}

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
}

impl UnitLookupError {
    /// As a diagnostic at `span`; `at` says where the name was written.
    pub fn diagnostic_at(&self, span: Span, at: NamedAt) -> Diagnostic {
        let (name, suggestion, candidates) = match self {
            UnitLookupError::NotFound { wanted, suggestion } => {
                (wanted, suggestion.clone(), Vec::new())
            }
            UnitLookupError::Ambiguous { wanted, candidates } => (wanted, None, candidates.clone()),
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
}

#[derive(Debug, Default)]
struct UnitIndex {
    by_id: std::collections::HashMap<String, usize>,
    /// Name and alias keys (NFC, case and spacing ignored) → units, in dataset order.
    by_name: std::collections::HashMap<String, Vec<usize>>,
}

impl Dataset {
    fn index(&self) -> &UnitIndex {
        self.index.get_or_init(|| {
            let mut ix = UnitIndex::default();
            for (i, u) in self.units.iter().enumerate() {
                ix.by_id.entry(u.id.clone()).or_insert(i);
                let mut keys: Vec<String> = std::iter::once(&u.name)
                    .chain(&u.aliases)
                    .map(|n| name_key(n))
                    .collect();
                keys.sort();
                keys.dedup();
                for k in keys {
                    ix.by_name.entry(k).or_default().push(i);
                }
            }
            ix
        })
    }

    /// Set the units (the index is rebuilt on next use).
    pub fn set_units(&mut self, units: Vec<Unit>) {
        self.units = units;
        self.index = std::sync::OnceLock::new();
    }

    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.index().by_id.get(id).map(|&i| &self.units[i])
    }

    /// Find a unit by id, name or alias; when a name is shared by units of different
    /// times (an old xã and the new xã of the same name), the one that exists in `year`.
    pub fn find_unit_in(
        &self,
        wanted: &str,
        parent: Option<&str>,
        year: Option<i32>,
    ) -> Result<&Unit, UnitLookupError> {
        match (self.find_unit(wanted, parent), year) {
            (Err(UnitLookupError::Ambiguous { candidates, wanted }), Some(y)) => {
                let live: Vec<&Unit> = candidates
                    .iter()
                    .filter_map(|c| self.unit(c))
                    .filter(|u| u.exists_in(y))
                    .collect();
                match live.as_slice() {
                    [one] => Ok(one),
                    _ => Err(UnitLookupError::Ambiguous { wanted, candidates }),
                }
            }
            (other, _) => other,
        }
    }

    /// Find a unit by id, name or alias (NFC, case and spacing ignored).
    pub fn find_unit(&self, wanted: &str, parent: Option<&str>) -> Result<&Unit, UnitLookupError> {
        if let Some(u) = self.unit(wanted.trim()) {
            return Ok(u);
        }
        let key = name_key(wanted);
        let mut hits: Vec<&Unit> = self
            .index()
            .by_name
            .get(&key)
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
            0 => {
                let names = self.units.iter().flat_map(|u| {
                    std::iter::once(u.name.as_str()).chain(std::iter::once(u.id.as_str()))
                });
                Err(UnitLookupError::NotFound {
                    wanted: wanted.to_string(),
                    suggestion: did_you_mean(wanted, names),
                })
            }
            _ => Err(UnitLookupError::Ambiguous {
                wanted: wanted.to_string(),
                candidates: hits.iter().map(|u| u.id.clone()).collect(),
            }),
        }
    }

    /// A unit's attributes, inherited from its parents (a thôn takes its xã's region)
    /// and overridden by its own.
    pub fn attributes_of(&self, unit: &Unit) -> BTreeMap<String, CellAt> {
        let mut chain = vec![unit];
        let mut cur = unit;
        while let Some(p) = cur.parent.as_deref().and_then(|p| self.unit(p)) {
            if chain.iter().any(|u| u.id == p.id) {
                break;
            }
            chain.push(p);
            cur = p;
        }
        let mut out = BTreeMap::new();
        for u in chain.into_iter().rev() {
            out.extend(u.attributes.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        out
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
