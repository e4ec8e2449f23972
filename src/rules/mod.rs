//! Rule sets: loading rule files (YAML) into validated, compiled `RuleSet`s.

pub mod compile;
pub mod expr;
pub mod model;

use crate::date::Date;
use crate::diag::{Diagnostic, Diagnostics, Span};
use crate::source::Sources;
use crate::units::UnitKind;
use crate::value::Value;
use model::{CitationDef, DocumentDef, FieldType, Stage, TestCaseDef};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

pub use expr::Expression;

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Citation {
    pub document: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
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
}

/// One value of a parameter and the circumstances it applies to.
#[derive(Clone, Debug)]
pub struct ParamValue {
    pub value: Value,
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
            && self.region.as_deref().is_none_or(|r| {
                region.is_some_and(|u| crate::text::name_key(u) == crate::text::name_key(r))
            })
            && self.group.as_deref().is_none_or(|g| {
                group.is_some_and(|u| crate::text::name_key(u) == crate::text::name_key(g))
            })
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

/// Conditions for recognising a unit (công nhận), separate from the criteria.
#[derive(Clone, Debug)]
pub struct Recognition {
    pub title: String,
    pub citation: Citation,
    pub conditions: Vec<Indicator>,
}

#[derive(Clone, Debug)]
pub struct Criterion {
    pub id: String,
    pub name: String,
    pub group: Option<String>,
    pub department: Option<String>,
    pub citation: Option<Citation>,
    pub indicators: Vec<Indicator>,
    pub pending_source: Option<String>,
    pub notes: Option<String>,
    pub department_at: Option<(String, Span)>,
    pub continues: Vec<String>,
    pub span: Span,
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
    pub fn in_force(&self, date: Date) -> bool {
        self.valid_from <= date && self.effective_until().is_none_or(|u| date <= u)
    }
    pub fn validity_text(&self) -> String {
        match self.effective_until() {
            Some(u) => format!("{} – {}", self.valid_from, u),
            None => format!("{} – (until replaced)", self.valid_from),
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

/// Every rule set read from some paths, the registers, and the sandboxed engine.
#[derive(Debug)]
pub struct RuleLibrary {
    pub sets: Vec<RuleSet>,
    pub registry: crate::registry::Registry,
    pub rollups: crate::rollup::Rollups,
    pub engine: rhai::Engine,
    /// Every file read (rule sets, registers, roll-ups), with its SHA-256, for stamps.
    pub files: Vec<crate::source::FileStamp>,
}

/// What a YAML file under rules/ is, by its first top-level key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    RuleSet,
    Registry,
    Rollups,
    Plan,
    Other,
}

pub fn file_kind(text: &str) -> FileKind {
    let first_key = text
        .lines()
        .find(|l| {
            !l.trim().is_empty()
                && !l.starts_with('#')
                && !l.starts_with(' ')
                && !l.starts_with("---")
        })
        .and_then(|l| l.split(':').next())
        .map(str::trim);
    match first_key {
        Some("ruleset") => FileKind::RuleSet,
        Some("documents") | Some("departments") => FileKind::Registry,
        Some("rollups") | Some("derived") => FileKind::Rollups,
        Some("plan") => FileKind::Plan,
        _ => FileKind::Other,
    }
}

impl RuleLibrary {
    pub fn get(&self, id: &str) -> Option<&RuleSet> {
        self.sets.iter().find(|s| s.id == id)
    }
}

/// Load every rule file of the sources. All problems are collected; the library is
/// returned (with any warnings) only when there is no error.
pub fn load_library(sources: &Sources) -> Result<(RuleLibrary, Diagnostics), Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut sets = Vec::new();
    let mut registry = crate::registry::Registry::default();
    let mut rollups = crate::rollup::Rollups::default();
    let engine = crate::sandbox::engine();
    let mut rule_files = Vec::new();
    for file in sources.files() {
        let text = match file.text() {
            Ok(t) => t,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let path = &file.path;
        match file_kind(text) {
            FileKind::Registry => crate::registry::load_into(&mut registry, path, text, &mut diags),
            FileKind::Rollups => crate::rollup::load_into(&engine, &mut rollups, path, text, &mut diags),
            FileKind::Plan => diags.push(
                Diagnostic::warning(Span::new(path, 1, 1), "not-rules", "this is a plan; run it with `ntm plan`")
                    .with_help("plans belong beside their datasets"),
            ),
            FileKind::RuleSet => rule_files.push((file, text)),
            FileKind::Other => diags.push(
                Diagnostic::warning(Span::new(path, 1, 1), "not-rules", "this file is neither a rule set (`ruleset:`) nor a register (`documents:`, `departments:`); it is skipped")
                    .with_help("datasets belong under datasets/, given with --data"),
            ),
        }
    }
    crate::registry::check_references(&registry, &mut diags);
    // Base sets first, then amendments on top of what they amend (possibly in chains).
    let mut pending: Vec<compile::RawRuleFile> = Vec::new();
    for (file, text) in rule_files {
        match compile::parse_rule_file(file, text) {
            Ok(rf) => pending.push(rf),
            Err(d) => diags.extend(d),
        }
    }
    while !pending.is_empty() {
        let before = pending.len();
        let mut waiting = Vec::new();
        for rf in pending {
            let base = match rf.amends() {
                None => None,
                Some(id) => match sets.iter().find(|s: &&RuleSet| s.id == id) {
                    Some(b) => Some(b),
                    None => {
                        waiting.push(rf);
                        continue;
                    }
                },
            };
            match compile::compile_rule_file(&engine, rf, base) {
                Ok((set, warnings)) => {
                    diags.extend(warnings);
                    sets.push(set);
                }
                Err(d) => diags.extend(d),
            }
        }
        if waiting.len() == before {
            for rf in waiting {
                let at = rf
                    .raw
                    .ruleset
                    .amends
                    .as_ref()
                    .map(|a| crate::loader::span_of(&rf.file, a))
                    .unwrap_or_else(|| Span::file_only(&rf.file));
                diags.push(
                    Diagnostic::error(
                        at,
                        "unknown-ruleset",
                        format!(
                            "this file amends `{}`, which is not among the loaded rule sets",
                            rf.amends().unwrap_or_default()
                        ),
                    )
                    .with_help("check the id, or load the whole rules/ folder"),
                );
            }
            break;
        }
        pending = waiting;
    }
    check_against_registry(&sets, &registry, &mut diags);
    link_supersessions(&mut sets, &mut diags);
    let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
    for s in &sets {
        if let Some(first) = seen.insert(s.id.clone(), s.file.clone()) {
            diags.push(
                Diagnostic::error(
                    Span::file_only(&s.file),
                    "duplicate-ruleset",
                    format!("rule set id `{}` is also used by {}", s.id, first.display()),
                )
                .with_help("every rule set needs its own id"),
            );
        }
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok((
            RuleLibrary {
                sets,
                registry,
                rollups,
                engine,
                files: sources.stamps(),
            },
            diags,
        ))
    }
}

/// Apply `supersedes`, then refuse two sets for the same level and stage in force on
/// the same day: evaluation must never have to choose between them.
fn link_supersessions(sets: &mut [RuleSet], diags: &mut Diagnostics) {
    let mut ends: Vec<(usize, String, Date)> = Vec::new();
    for s in sets.iter() {
        for (old, span) in &s.supersedes {
            match sets.iter().position(|o| &o.id == old) {
                Some(i) => ends.push((i, s.id.clone(), s.valid_from.pred())),
                // Checking one file alone: the replaced set is simply not loaded.
                None => diags.push(
                    Diagnostic::warning(
                        span.clone(),
                        "unknown-ruleset",
                        format!("`{old}` is not among the loaded rule sets"),
                    )
                    .with_help("check the id, or load the whole rules/ folder"),
                ),
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
            let same_place = a.jurisdiction.as_deref().map(crate::text::name_key)
                == b.jurisdiction.as_deref().map(crate::text::name_key);
            if a.level != b.level || a.stage != b.stage || !same_place {
                continue;
            }
            let a_end = a.effective_until();
            let b_end = b.effective_until();
            let overlap = a.valid_from <= b_end.unwrap_or(Date::end_of_year(9999))
                && b.valid_from <= a_end.unwrap_or(Date::end_of_year(9999));
            if overlap {
                diags.push(
                    Diagnostic::error(
                        Span::file_only(&b.file),
                        "overlapping-validity",
                        format!(
                            "rule sets `{}` ({}, {}) and `{}` ({}, {}) are both in force for {} {} on the same days",
                            a.id,
                            a.file.display(),
                            a.validity_text(),
                            b.id,
                            b.file.display(),
                            b.validity_text(),
                            a.level,
                            a.stage.code()
                        ),
                    )
                    .with_help("give the older set a `valid_until`, or list it under `supersedes:` in the newer one"),
                );
            }
        }
    }
}

/// Departments named in rule sets must be registered; documents should be.
fn check_against_registry(
    sets: &[RuleSet],
    reg: &crate::registry::Registry,
    diags: &mut Diagnostics,
) {
    if reg.is_empty() {
        return;
    }
    for s in sets {
        for (name, span) in s.criteria.iter().flat_map(|c| {
            c.department_at
                .iter()
                .chain(c.indicators.iter().flat_map(|i| i.department_at.iter()))
        }) {
            if let Err(msg) = reg.check_department(name) {
                diags.push(
                    Diagnostic::error(span.clone(), "unknown-department", msg).with_help(format!(
                        "departments are listed in {}",
                        reg.files
                            .iter()
                            .map(|f| f.display().to_string())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                );
            }
        }
        if reg.documents.is_empty() {
            continue;
        }
        for d in std::iter::once(&s.document)
            .chain(&s.guidance)
            .chain(&s.based_on)
        {
            if reg.document(&d.number).is_none() {
                diags.push(
                    Diagnostic::warning(Span::file_only(&s.file), "unregistered-document", format!("{} ({}) is not in the document register", d.number, s.id))
                        .with_help("add it to the register with its date, issuer, title and what it amends or replaces"),
                );
            }
        }
    }
}
