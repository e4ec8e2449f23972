//! The rule library: every rule set of the sources, compiled, with the registers of
//! documents and departments, the roll-up declarations and the sandboxed engine.
//! Loaded once, then immutable and shared (`Send + Sync`).

use crate::core::diag::{Diagnostic, Diagnostics, Span};
use crate::core::problem::{LibraryProblem, NotRules};
use crate::core::source::{file_kind, FileKind, SourceFile, Sources};
use crate::rules::{compile, link_supersessions, RuleSet};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Every rule set read from some paths, the registers, and the sandboxed engine.
#[derive(Debug)]
pub struct RuleLibrary {
    pub sets: Vec<RuleSet>,
    pub registry: crate::rules::registry::Registry,
    pub rollups: crate::engine::rollup::Rollups,
    pub engine: rhai::Engine,
    /// How merged units' parts combine (`merge:` files).
    pub merge: crate::data::lineage::merge::MergeRules,
    /// Every file read (rule sets, registers, roll-ups), with its SHA-256, for stamps.
    pub files: Vec<crate::core::source::FileStamp>,
}

impl RuleLibrary {
    pub fn get(&self, id: &str) -> Option<&RuleSet> {
        self.sets.iter().find(|s| s.id == id)
    }

    /// The type of each field in every set and roll-up that reads it: dataset cells are
    /// typed by it as they are read.
    pub fn field_types(&self) -> crate::data::values::FieldTypes {
        let sets = self
            .sets
            .iter()
            .flat_map(|s| s.fields.values().map(|f| (f.id.as_str(), f.ty)));
        let rollups = self
            .rollups
            .derived
            .iter()
            .map(|d| (d.source_field.as_str(), d.source_type));
        crate::data::values::FieldTypes::new(sets.chain(rollups))
    }
}

/// Load every rule file of the sources. All problems are collected; the library is
/// returned (with any warnings) only when there is no error.
pub fn load_library(sources: &Sources) -> Result<(RuleLibrary, Diagnostics), Diagnostics> {
    let mut diags = Diagnostics::default();
    let engine = crate::core::sandbox::engine();
    let mut declared = Declarations::default();
    let rule_files = read_files(sources, &engine, &mut declared, &mut diags);
    crate::rules::registry::check_references(&declared.registry, &mut diags);
    let mut sets = compile_sets(&engine, rule_files, &mut diags);
    check_against_registry(&sets, &declared.registry, &mut diags);
    link_supersessions(&mut sets, &mut diags);
    check_unique_ids(&sets, &mut diags);
    if diags.has_errors() {
        Err(diags)
    } else {
        let Declarations {
            registry,
            rollups,
            merge,
        } = declared;
        Ok((
            RuleLibrary {
                sets,
                registry,
                rollups,
                engine,
                merge,
                files: sources.stamps(),
            },
            diags,
        ))
    }
}

/// What the files other than rule sets declare, read as they come.
#[derive(Default)]
struct Declarations {
    registry: crate::rules::registry::Registry,
    rollups: crate::engine::rollup::Rollups,
    merge: crate::data::lineage::merge::MergeRules,
}

/// Read every file by its kind: registers, roll-ups and merge rules straight into
/// `declared`; rule sets are returned, to be compiled once the registers are known.
fn read_files<'s>(
    sources: &'s Sources,
    engine: &rhai::Engine,
    declared: &mut Declarations,
    diags: &mut Diagnostics,
) -> Vec<(&'s SourceFile, &'s str)> {
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
            FileKind::Registry => {
                crate::rules::registry::load_into(&mut declared.registry, path, text, diags)
            }
            FileKind::Rollups => {
                crate::engine::rollup::load_into(engine, &mut declared.rollups, path, text, diags)
            }
            FileKind::Plan => diags.push(not_rules(path, NotRules::Plan)),
            FileKind::RuleSet => rule_files.push((file, text)),
            FileKind::Merge => {
                crate::data::lineage::merge::load_into(&mut declared.merge, path, text, diags)
            }
            FileKind::Lineage => diags.push(not_rules(path, NotRules::Lineage)),
            FileKind::Other => diags.push(not_rules(path, NotRules::Other)),
        }
    }
    rule_files
}

/// A file given as rules that holds something else (a warning: it is skipped).
fn not_rules(path: &Path, kind: NotRules) -> Diagnostic {
    Diagnostic::warning(Span::new(path, 1, 1), LibraryProblem::NotRules { kind })
}

/// Parse and compile the rule files: base sets first, then amendments on top of what
/// they amend (possibly in chains), round by round until no more can be compiled.
fn compile_sets(
    engine: &rhai::Engine,
    rule_files: Vec<(&SourceFile, &str)>,
    diags: &mut Diagnostics,
) -> Vec<RuleSet> {
    let mut sets = Vec::new();
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
            match compile::compile_rule_file(engine, rf, base) {
                Ok((set, warnings)) => {
                    diags.extend(warnings);
                    sets.push(set);
                }
                Err(d) => diags.extend(d),
            }
        }
        // A round that compiled nothing: what still waits amends a set there is not.
        if waiting.len() == before {
            amends_unknown(waiting, diags);
            break;
        }
        pending = waiting;
    }
    sets
}

/// Amendments whose base set is in no file read.
fn amends_unknown(waiting: Vec<compile::RawRuleFile>, diags: &mut Diagnostics) {
    for rf in waiting {
        let at = rf
            .raw
            .ruleset
            .amends
            .as_ref()
            .map(|a| crate::core::loader::span_of(&rf.file, a))
            .unwrap_or_else(|| Span::file_only(&rf.file));
        diags.push(Diagnostic::error(
            at,
            LibraryProblem::AmendsUnknown {
                base: rf.amends().unwrap_or_default().to_string(),
            },
        ));
    }
}

/// A rule-set id is given by one file only.
fn check_unique_ids(sets: &[RuleSet], diags: &mut Diagnostics) {
    let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
    for s in sets {
        if let Some(first) = seen.insert(s.id.clone(), s.file.clone()) {
            diags.push(Diagnostic::error(
                Span::file_only(&s.file),
                LibraryProblem::DuplicateRuleset {
                    id: s.id.clone(),
                    other: first.clone(),
                },
            ));
        }
    }
}

/// Departments named in rule sets must be registered; documents should be.
fn check_against_registry(
    sets: &[RuleSet],
    reg: &crate::rules::registry::Registry,
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
            if let Err(suggestion) = reg.check_department(name) {
                diags.push(Diagnostic::error(
                    span.clone(),
                    LibraryProblem::UnknownDepartment {
                        name: name.clone(),
                        suggestion,
                        files: reg.files.clone(),
                    },
                ));
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
                diags.push(Diagnostic::warning(
                    Span::file_only(&s.file),
                    LibraryProblem::UnregisteredDocument {
                        document: d.number.clone(),
                        set: s.id.clone(),
                    },
                ));
            }
        }
    }
}
