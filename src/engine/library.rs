//! The rule library: every rule set of the sources, compiled, with the registers of
//! documents and departments, the roll-up declarations and the sandboxed engine.
//! Loaded once, then immutable and shared (`Send + Sync`).

use crate::core::diag::{Diagnostic, Diagnostics, Span};
use crate::core::problem::{LibraryProblem, NotRules};
use crate::core::source::{file_kind, FileKind, Sources};
use crate::rules::{compile, link_supersessions, RuleSet};
use std::collections::BTreeMap;
use std::path::PathBuf;

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
}

/// Load every rule file of the sources. All problems are collected; the library is
/// returned (with any warnings) only when there is no error.
pub fn load_library(sources: &Sources) -> Result<(RuleLibrary, Diagnostics), Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut sets = Vec::new();
    let mut registry = crate::rules::registry::Registry::default();
    let mut rollups = crate::engine::rollup::Rollups::default();
    let mut merge = crate::data::lineage::merge::MergeRules::default();
    let engine = crate::core::sandbox::engine();
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
                crate::rules::registry::load_into(&mut registry, path, text, &mut diags)
            }
            FileKind::Rollups => {
                crate::engine::rollup::load_into(&engine, &mut rollups, path, text, &mut diags)
            }
            FileKind::Plan => diags.push(Diagnostic::warning(
                Span::new(path, 1, 1),
                LibraryProblem::NotRules {
                    kind: NotRules::Plan,
                },
            )),
            FileKind::RuleSet => rule_files.push((file, text)),
            FileKind::Merge => {
                crate::data::lineage::merge::load_into(&mut merge, path, text, &mut diags)
            }
            FileKind::Lineage => diags.push(Diagnostic::warning(
                Span::new(path, 1, 1),
                LibraryProblem::NotRules {
                    kind: NotRules::Lineage,
                },
            )),
            FileKind::Other => diags.push(Diagnostic::warning(
                Span::new(path, 1, 1),
                LibraryProblem::NotRules {
                    kind: NotRules::Other,
                },
            )),
        }
    }
    crate::rules::registry::check_references(&registry, &mut diags);
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
                    .map(|a| crate::core::loader::span_of(&rf.file, a))
                    .unwrap_or_else(|| Span::file_only(&rf.file));
                diags.push(Diagnostic::error(
                    at,
                    LibraryProblem::AmendsUnknown {
                        base: rf.amends().unwrap_or_default().to_string(),
                    },
                ));
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
            diags.push(Diagnostic::error(
                Span::file_only(&s.file),
                LibraryProblem::DuplicateRuleset {
                    id: s.id.clone(),
                    other: first.clone(),
                },
            ));
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
                merge,
                files: sources.stamps(),
            },
            diags,
        ))
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
