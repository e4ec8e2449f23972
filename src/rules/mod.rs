//! Rule sets: loading rule files (YAML) into validated, compiled `RuleSet`s.

pub mod compile;
pub mod expr;
pub mod hints;
pub mod model;
pub mod native;
pub mod registry;

use crate::core::date::Date;
use crate::core::diag::{Diagnostic, Diagnostics, Span};
use crate::core::problem::LibraryProblem;
use crate::core::units::UnitKind;
use crate::core::value::Value;
use model::{CitationDef, DocumentDef, FieldType, Stage, TestCaseDef};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

pub use crate::core::text::Shared;
pub use expr::Expression;

#[derive(Clone, Debug, Default, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Citation {
    pub document: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl Citation {
    /// A citation of a whole document (no section, no source).
    pub fn document(document: &str) -> Self {
        Citation {
            document: document.to_string(),
            ..Citation::default()
        }
    }
}

impl From<&CitationDef> for Citation {
    fn from(c: &CitationDef) -> Self {
        Citation {
            document: c.document.value.clone(),
            section: c.section.clone(),
            source: c.source.clone(),
        }
    }
}

impl std::fmt::Display for Citation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.document)?;
        if let Some(s) = &self.section {
            write!(f, ", {s}")?;
        }
        Ok(())
    }
}

#[derive(Clone, Debug)]
pub struct Field {
    pub id: String,
    pub label: String,
    pub ty: FieldType,
    pub unit: Option<String>,
    pub range: Option<(f64, f64)>,
    /// A text field's allowed values (NFC), when closed.
    pub values: Option<Vec<String>>,
}

/// One value of a parameter and the circumstances it applies to.
#[derive(Clone, Debug)]
pub struct ParamValue {
    /// The threshold; none for an entry that does not apply (`not_applicable`), which no
    /// expression reads (the indicator is not applicable before it runs) and renderers word.
    pub value: Option<Value>,
    /// The threshold does not apply to the units this entry selects: the one truth of it.
    pub not_applicable: bool,
    pub from_year: Option<i32>,
    pub to_year: Option<i32>,
    pub region: Option<String>,
    pub group: Option<String>,
    pub citation: Citation,
    pub source_level: crate::rules::model::SourceLevel,
    pub note: Option<String>,
    pub span: Span,
}

impl ParamValue {
    fn matches(&self, year: i32, region: Option<&str>, group: Option<&str>) -> bool {
        self.from_year.is_none_or(|y| year >= y)
            && self.to_year.is_none_or(|y| year <= y)
            && self
                .region
                .as_deref()
                .is_none_or(|r| region.is_some_and(|u| crate::core::text::same_key(u, r)))
            && self
                .group
                .as_deref()
                .is_none_or(|g| group.is_some_and(|u| crate::core::text::same_key(u, g)))
    }
    fn specificity(&self) -> usize {
        usize::from(self.from_year.is_some() || self.to_year.is_some())
            + usize::from(self.region.is_some())
            + usize::from(self.group.is_some())
    }
}

#[derive(Clone, Debug)]
pub struct Parameter {
    pub id: String,
    pub label: String,
    pub unit: Option<String>,
    pub values: Vec<ParamValue>,
}

impl Parameter {
    /// The value in force for a year, region and commune group: the most specific
    /// matching entry (`check` guarantees no two entries of equal specificity overlap).
    pub fn resolve(
        &self,
        year: i32,
        region: Option<&str>,
        group: Option<&str>,
    ) -> Option<&ParamValue> {
        self.values
            .iter()
            .filter(|v| v.matches(year, region, group))
            .max_by_key(|v| v.specificity())
    }
}

#[derive(Clone, Debug)]
pub struct Indicator {
    pub id: String,
    pub name: String,
    pub department: Option<String>,
    pub expr: Expression,
    pub value: Option<Expression>,
    pub citation: Citation,
    pub notes: Option<String>,
    /// The department as written, where it is written (None when inherited).
    pub department_at: Option<(String, Span)>,
    /// Fields and parameters the expressions read, in first-use order.
    pub fields: Vec<String>,
    pub params: Vec<String>,
    /// Where each of `fields` and `params` is among the set's fields and parameters
    /// (bound when the set is built; none for a name the set does not have, or before binding).
    pub field_slots: Box<[Option<u32>]>,
    pub param_slots: Box<[Option<u32>]>,
    /// Built-in values read (recognition conditions only): see `BUILTINS`.
    pub builtins: Vec<String>,
    pub continues: Vec<String>,
    /// With scoring: the points it is worth, and the expression for points earned.
    pub points: Option<f64>,
    pub score: Option<Expression>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Scoring {
    pub citation: Citation,
    pub pending_source: Option<String>,
    /// Highest first.
    pub levels: Vec<model::LevelDef>,
}

impl Scoring {
    pub fn level(&self, percent: f64) -> Option<&model::LevelDef> {
        self.levels.iter().find(|l| percent + 1e-9 >= l.min)
    }
}

/// Values recognition conditions may read besides fields and parameters: the outcome
/// of the criteria. (name, type, Vietnamese label)
pub const BUILTINS: &[(&str, expr::StaticType, &str)] = &[
    ("criteria_met", expr::StaticType::Number, "số tiêu chí đạt"),
    (
        "criteria_total",
        expr::StaticType::Number,
        "tổng số tiêu chí",
    ),
    (
        "all_criteria_met",
        expr::StaticType::Bool,
        "đạt tất cả các tiêu chí",
    ),
];

#[derive(Clone, Debug, Serialize)]
pub struct CriterionLevel {
    pub id: String,
    pub label: String,
    pub aliases: Vec<String>,
}

impl CriterionLevel {
    /// Whether a declared word names this level (id, label or alias; NFC, case and
    /// spacing ignored).
    pub fn named(&self, word: &str) -> bool {
        let k = crate::core::text::name_key(word);
        crate::core::text::name_key(&self.id) == k
            || crate::core::text::name_key(&self.label) == k
            || self
                .aliases
                .iter()
                .any(|a| crate::core::text::name_key(a) == k)
    }
}

#[derive(Clone, Debug)]
pub struct VerdictRule {
    pub id: String,
    pub label: String,
    pub when: Expression,
    /// The verdict a unit at this level has.
    pub means: model::LevelMeaning,
    pub citation: Option<Citation>,
    pub source_level: model::SourceLevel,
}

/// Conditions for recognising a unit (công nhận), separate from the criteria.
#[derive(Clone, Debug)]
pub struct Recognition {
    pub title: String,
    pub citation: Citation,
    pub conditions: Vec<Indicator>,
    /// How the conditions were read (`none` when the file does not say).
    pub source_level: model::SourceLevel,
}

#[derive(Clone, Debug)]
pub struct Criterion {
    /// What its results show of it, made on first use (see [`Criterion::info`]).
    pub info: InfoCell,
    pub id: String,
    pub name: Shared<str>,
    pub group: Option<String>,
    pub department: Option<Shared<str>>,
    pub citation: Option<Shared<Citation>>,
    pub indicators: Vec<Indicator>,
    pub pending_source: Option<Shared<str>>,
    pub notes: Option<String>,
    pub department_at: Option<(String, Span)>,
    pub continues: Vec<String>,
    pub span: Span,
}

// What every result of a criterion shows of it, shared by them all; summary outputs
// name each criterion with it once (no doc comment: the report's schema keeps none).
#[derive(Clone, Debug, serde::Serialize, schemars::JsonSchema)]
#[schemars(rename = "CriterionMeta")]
pub struct CriterionInfo {
    pub id: String,
    pub name: Shared<str>,
    pub department: Option<Shared<str>>,
    pub citation: Option<Shared<Citation>>,
    pub pending_source: Option<Shared<str>>,
}

/// A criterion's [`CriterionInfo`], made once per worker thread; a copy of the criterion
/// starts without one (copies are edited, as amendments do, before anything is evaluated).
#[derive(Debug, Default)]
pub struct InfoCell([std::sync::OnceLock<Shared<CriterionInfo>>; INFO_COPIES]);

/// Copies of a criterion's info, one per worker thread (beyond that, threads share):
/// every result takes a reference, and cores taking references to one shared value
/// contend for its counter — measured as most of the time spent deciding a criterion.
const INFO_COPIES: usize = 8;

impl Clone for InfoCell {
    fn clone(&self) -> Self {
        InfoCell::default()
    }
}

impl Criterion {
    /// The criterion as its results show it: one shared value for every result (one per
    /// worker thread), so that a result holds one reference instead of a copy of each text.
    pub fn info(&self) -> Shared<CriterionInfo> {
        let copy = rayon::current_thread_index().map_or(0, |i| (i + 1) % INFO_COPIES);
        let made = self.info.0[copy].get_or_init(|| {
            Shared::new(CriterionInfo {
                id: self.id.clone(),
                name: self.name.clone(),
                department: self.department.clone(),
                citation: self.citation.clone(),
                pending_source: self.pending_source.clone(),
            })
        });
        made.clone()
    }
}

#[derive(Clone, Debug)]
pub struct RuleSet {
    pub id: String,
    pub title: String,
    pub level: UnitKind,
    pub stage: Stage,
    pub jurisdiction: Option<String>,
    pub region: Option<String>,
    pub valid_from: Date,
    pub valid_until: Option<Date>,
    pub prerequisite: Option<Stage>,
    pub region_rules: Vec<model::RegionRuleDef>,
    pub groups: Vec<model::GroupDef>,
    /// Criterion levels, best first (empty: đạt / chưa đạt).
    pub levels: Vec<CriterionLevel>,
    /// Unit levels from the counts per level, first match wins.
    pub verdicts: Vec<VerdictRule>,
    /// Rule sets this one replaces, with where they are named in the file.
    pub supersedes: Vec<(String, Span)>,
    /// Set by the library when another set replaces this one: (its id, last day in force).
    pub superseded_by: Option<(String, Date)>,
    pub document: DocumentDef,
    pub guidance: Vec<DocumentDef>,
    pub based_on: Vec<DocumentDef>,
    pub notes: Option<String>,
    pub fields: BTreeMap<String, Field>,
    pub parameters: BTreeMap<String, Parameter>,
    pub criteria: Vec<Criterion>,
    pub recognition: Option<Recognition>,
    pub scoring: Option<Scoring>,
    /// The set this one amends (its criteria and thresholds are inherited).
    pub amends: Option<String>,
    pub tests: Vec<TestCaseDef>,
    pub file: PathBuf,
    pub sha256: String,
    /// The file's text, to map run-time expression errors back to it.
    pub source: std::sync::Arc<str>,
}

impl RuleSet {
    /// Last day in force: its own end, or the day before its replacement starts.
    pub fn effective_until(&self) -> Option<Date> {
        match (self.valid_until, &self.superseded_by) {
            (Some(u), Some((_, s))) => Some(u.min(*s)),
            (u, s) => u.or(s.as_ref().map(|s| s.1)),
        }
    }
    /// In force at some time in `year` by its own dates, whatever replaced it later:
    /// test cases are checked against the set as written (an amendment does not make
    /// its base's tests fail).
    pub fn declared_for_year(&self, year: i32) -> bool {
        self.valid_from.year <= year && self.valid_until.is_none_or(|u| u.year >= year)
    }
    pub fn in_force(&self, date: Date) -> bool {
        self.valid_from <= date && self.effective_until().is_none_or(|u| date <= u)
    }
    /// The days the set is in force, for messages (worded by the catalogues).
    pub fn period(&self) -> crate::core::problem::Period {
        crate::core::problem::Period {
            from: self.valid_from.to_string(),
            until: self.effective_until().map(|u| u.to_string()),
        }
    }
    pub fn indicator_count(&self) -> usize {
        self.criteria.iter().map(|c| c.indicators.len()).sum()
    }
    pub fn unverified_values(&self) -> impl Iterator<Item = (&Parameter, &ParamValue)> {
        self.parameters
            .values()
            .flat_map(|p| p.values.iter().map(move |v| (p, v)))
            .filter(|(_, v)| v.source_level != crate::rules::model::SourceLevel::Official)
    }
    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.id == id)
    }
}

/// Whether `from` reaches `to` by following `supersedes` (itself included).
fn supersedes_path(sets: &[RuleSet], from: &str, to: &str) -> bool {
    let mut todo = vec![from.to_string()];
    let mut seen = std::collections::BTreeSet::new();
    while let Some(id) = todo.pop() {
        if id == to {
            return true;
        }
        if !seen.insert(id.clone()) {
            continue;
        }
        for s in sets.iter().filter(|s| s.id == id) {
            todo.extend(s.supersedes.iter().map(|(o, _)| o.clone()));
        }
    }
    false
}

/// Apply `supersedes`, then refuse two sets for the same level and stage in force on
/// the same day: evaluation must never have to choose between them.
pub(crate) fn link_supersessions(sets: &mut [RuleSet], diags: &mut Diagnostics) {
    let mut ends: Vec<(usize, String, Date)> = Vec::new();
    for s in sets.iter() {
        for (old, span) in &s.supersedes {
            match sets.iter().position(|o| &o.id == old) {
                // A set replaces only an older one: replacing itself, a newer set, or
                // (through a chain) a set that replaces it, would end a set before it
                // starts.
                Some(i)
                    if supersedes_path(sets, old, &s.id) || sets[i].valid_from > s.valid_from =>
                {
                    diags.push(Diagnostic::error(
                        span.clone(),
                        LibraryProblem::SupersedesCycle {
                            ruleset: s.id.clone(),
                            old: old.clone(),
                        },
                    ));
                }
                Some(i) => ends.push((i, s.id.clone(), s.valid_from.pred())),
                // Checking one file alone: the replaced set is simply not loaded.
                None => diags.push(Diagnostic::warning(
                    span.clone(),
                    LibraryProblem::SupersedesUnknown { old: old.clone() },
                )),
            }
        }
    }
    for (i, by, end) in ends {
        let keep = sets[i]
            .superseded_by
            .as_ref()
            .is_some_and(|(_, e)| *e <= end);
        if !keep {
            sets[i].superseded_by = Some((by, end));
        }
    }
    for (i, a) in sets.iter().enumerate() {
        for b in &sets[i + 1..] {
            let same_place = a.jurisdiction.as_deref().map(crate::core::text::name_key)
                == b.jurisdiction.as_deref().map(crate::core::text::name_key);
            if a.level != b.level || a.stage != b.stage || !same_place {
                continue;
            }
            let a_end = a.effective_until();
            let b_end = b.effective_until();
            let overlap = a.valid_from <= b_end.unwrap_or(Date::end_of_year(9999))
                && b.valid_from <= a_end.unwrap_or(Date::end_of_year(9999));
            if overlap {
                diags.push(Diagnostic::error(
                    Span::file_only(&b.file),
                    LibraryProblem::OverlappingValidity {
                        a: a.id.clone(),
                        a_file: a.file.to_path_buf(),
                        a_dates: a.period(),
                        b: b.id.clone(),
                        b_file: b.file.to_path_buf(),
                        b_dates: b.period(),
                        level: a.level.to_string(),
                        stage: a.stage.code().to_string(),
                    },
                ));
            }
        }
    }
}
