//! Warnings `ntm check` gives about a library that loads: what is declared and never
//! read, what has no test, what has no department. Only `check` asks for them, so that
//! evaluation runs stay quiet.

use crate::core::diag::{Diagnostic, Span};
use crate::core::problem::LibraryProblem;
use crate::engine::library::RuleLibrary;
use crate::rules::RuleSet;
use std::collections::BTreeSet;

/// The warnings for the sets whose file is among `files` (all sets when `None`).
pub fn lints(lib: &RuleLibrary, files: Option<&[std::path::PathBuf]>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let rollup_fields: BTreeSet<&str> = lib
        .rollups
        .derived
        .iter()
        .flat_map(|d| [d.source_field.as_str(), d.field.as_str()])
        .collect();
    for set in &lib.sets {
        if files.is_some_and(|f| !f.contains(&set.file)) {
            continue;
        }
        unused_fields(set, &rollup_fields, &mut out);
        untested(set, &mut out);
        no_department(set, &mut out);
    }
    out
}

/// Fields declared in this file that no expression, region rule or roll-up reads.
fn unused_fields(set: &RuleSet, rollup_fields: &BTreeSet<&str>, out: &mut Vec<Diagnostic>) {
    let read: BTreeSet<&str> = set
        .criteria
        .iter()
        .flat_map(|c| &c.indicators)
        .chain(set.recognition.iter().flat_map(|r| &r.conditions))
        .flat_map(|i| &i.fields)
        .map(String::as_str)
        .chain(set.region_rules.iter().map(|r| r.when.as_str()))
        .collect();
    let own = own_field_lines(set);
    for (id, line) in own {
        if read.contains(id.as_str())
            || rollup_fields.contains(id.as_str())
            || ["region", "group", "nam_dat_chuan_ntm"].contains(&id.as_str())
        {
            continue;
        }
        out.push(Diagnostic::warning(
            Span::new(&set.file, line, 0),
            LibraryProblem::UnusedField { field: id.clone() },
        ));
    }
}

/// The fields declared in the set's own file, with their lines.
fn own_field_lines(set: &RuleSet) -> Vec<(String, usize)> {
    let mut in_fields = false;
    let mut out = Vec::new();
    for (i, l) in set.source.lines().enumerate() {
        if !l.starts_with(' ') && !l.starts_with('#') && !l.trim().is_empty() {
            in_fields = l.starts_with("fields:");
            continue;
        }
        if !in_fields {
            continue;
        }
        let t = l
            .trim_start()
            .trim_start_matches("- ")
            .trim_start_matches('{');
        if let Some(rest) = t.strip_prefix("id:") {
            let id = rest
                .split([',', '}', '#'])
                .next()
                .unwrap_or_default()
                .trim()
                .trim_matches('"');
            if set.fields.contains_key(id) {
                out.push((id.to_string(), i + 1));
            }
        }
    }
    out
}

/// Indicators of this file that no test case expects anything of (neither the
/// indicator nor its criterion), said once per set.
fn untested(set: &RuleSet, out: &mut Vec<Diagnostic>) {
    if set.amends.is_some() && set.tests.is_empty() {
        return;
    }
    let mut tested_ind = BTreeSet::new();
    let mut tested_crit = BTreeSet::new();
    for t in &set.tests {
        tested_ind.extend(t.expect.indicators.keys().cloned());
        tested_crit.extend(t.expect.criteria.keys().cloned());
    }
    let missing: Vec<&str> = set
        .criteria
        .iter()
        .filter(|c| *c.span.file == *set.file && !tested_crit.contains(&c.id))
        .flat_map(|c| &c.indicators)
        .filter(|i| !tested_ind.contains(&i.id))
        .map(|i| i.id.as_str())
        .collect();
    if missing.is_empty() {
        return;
    }
    out.push(Diagnostic::warning(
        Span::file_only(&set.file),
        LibraryProblem::UntestedIndicator {
            set: set.id.clone(),
            ids: missing.iter().map(|s| s.to_string()).collect(),
        },
    ));
}

/// Criteria of this file with no department, on them or on every indicator: said
/// once per set. A criterion awaiting its source (`pending_source`) has no indicator
/// to give anyone yet, so it needs no department until it is filled in.
fn no_department(set: &RuleSet, out: &mut Vec<Diagnostic>) {
    let missing: Vec<&str> = set
        .criteria
        .iter()
        .filter(|c| *c.span.file == *set.file && c.department.is_none())
        .filter(|c| c.pending_source.is_none())
        .filter(|c| c.indicators.is_empty() || c.indicators.iter().any(|i| i.department.is_none()))
        .map(|c| c.id.as_str())
        .collect();
    let Some(first) = set
        .criteria
        .iter()
        .find(|c| missing.first() == Some(&c.id.as_str()))
    else {
        return;
    };
    out.push(Diagnostic::warning(
        first.span.clone(),
        LibraryProblem::NoDepartment {
            set: set.id.clone(),
            ids: missing.iter().map(|s| s.to_string()).collect(),
        },
    ));
}
