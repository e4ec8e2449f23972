//! A record (one unit, one year): its values, declared statuses and published figures,
//! each under the scope (stage or set) it was given for.

use super::model::Provenance;
use super::values;
use crate::core::diag::{Diagnostic, Span};
use crate::core::number::NumberFormat;
use crate::core::text::{did_you_mean, name_key, norm};
use crate::rules::model::Stage;
use std::collections::BTreeMap;

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
