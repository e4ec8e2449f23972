//! `ntm check`: validate rule files, datasets and plans together, and count what the
//! rule library holds (sets, criteria, indicators, thresholds by source level).

use crate::core::diag::{Diagnostic, Diagnostics, Span};
use crate::core::source::Sources;
use crate::core::source::{file_kind, FileKind};
use crate::core::value::Value;
use crate::data::load::load_dataset;
use crate::data::Dataset;
use crate::engine::eval::{evaluate, EvalOptions};
use crate::engine::library::{load_library, RuleLibrary};
use crate::rules::model::SourceLevel;
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct CheckReport {
    pub diagnostics: Vec<Diagnostic>,
    /// Counts of the rule files checked (none when only datasets were checked).
    pub rules: Option<RuleCounts>,
    /// Every threshold value not read in its document's own text, where it is written.
    pub weak_values: Vec<WeakValue>,
    pub data: Option<DataCounts>,
}

impl CheckReport {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct RuleCounts {
    pub rulesets: usize,
    pub amendments: usize,
    pub criteria: usize,
    /// Criteria whose indicators await a source.
    pub pending: usize,
    pub indicators: usize,
    /// Threshold values written in the files, by source level.
    pub official: usize,
    pub secondary: usize,
    pub none: usize,
    pub tests: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct WeakValue {
    pub span: Span,
    pub ruleset: String,
    pub parameter: String,
    pub value: Value,
    pub level: SourceLevel,
    pub citation: crate::rules::Citation,
}

#[derive(Clone, Debug, Serialize)]
pub struct DataCounts {
    pub units: usize,
    pub records: usize,
    pub evaluations: usize,
}

/// Check every file of `inputs`: rule files, registers and roll-ups as a library;
/// datasets typed against that library (or `default_rules` when `inputs` hold no
/// rules); plans against the datasets.
pub fn check(
    inputs: Sources,
    default_rules: impl FnOnce() -> Result<Sources, Diagnostics>,
) -> CheckReport {
    let mut diags = Diagnostics::default();
    let is_yaml =
        |f: &crate::core::source::SourceFile| f.extension_is(crate::core::source::YAML_EXTS);
    let kind = |f: &crate::core::source::SourceFile| {
        if is_yaml(f) {
            f.text().map(file_kind).unwrap_or(FileKind::Other)
        } else {
            FileKind::Other
        }
    };
    let (plans, rest) = inputs.partition(|f| kind(f) == FileKind::Plan);
    let (rule_src, data_src) = rest.partition(|f| kind(f) != FileKind::Other);
    let only_data = rule_src.is_empty() && !data_src.is_empty();
    let rule_files: Vec<std::path::PathBuf> =
        rule_src.files().iter().map(|f| f.path.clone()).collect();
    let lib_src = if only_data {
        match default_rules() {
            Ok(s) => s,
            Err(d) => {
                diags.extend(d);
                Sources::memory()
            }
        }
    } else if crate::analysis::scaffold::needs_bundled(&rule_src) {
        // An amendment checked on its own: the library it amends goes under it.
        match default_rules() {
            Ok(b) => crate::analysis::scaffold::overlay(&rule_src, &b),
            Err(d) => {
                diags.extend(d);
                rule_src
            }
        }
    } else {
        rule_src
    };
    let lib = match load_library(&lib_src) {
        Ok((lib, w)) => {
            diags.extend(w);
            if !only_data {
                for d in crate::analysis::lint::lints(&lib, Some(&rule_files)) {
                    diags.push(d);
                }
            }
            Some(lib)
        }
        Err(d) => {
            diags.extend(d);
            None
        }
    };
    let mut data = None;
    if !data_src.is_empty() {
        match load_dataset(&data_src) {
            Ok((mut ds, w)) => {
                diags.extend(w);
                if let Some(lib) = &lib {
                    if let Err(d) = crate::engine::rollup::apply_derived(&lib.rollups, &mut ds) {
                        diags.extend(d);
                    }
                    unknown_columns(lib, &ds, &mut diags);
                    match evaluate(lib, &ds, &EvalOptions::default()) {
                        Ok(r) => {
                            data = Some(DataCounts {
                                units: ds.units.len(),
                                records: ds.records.len(),
                                evaluations: r.results.len(),
                            });
                            for pf in plans.files() {
                                if let Err(d) = crate::analysis::plan::load(pf).and_then(|p| {
                                    crate::analysis::plan::evaluate(&p, lib, &ds, &r, None, None)
                                }) {
                                    diags.extend(d);
                                }
                            }
                        }
                        Err(d) => diags.extend(d),
                    }
                }
            }
            Err(d) => diags.extend(d),
        }
    }
    let (rules, weak_values) = match (&lib, only_data) {
        (Some(lib), false) => (Some(counts(lib)), weak_values(lib)),
        _ => (None, Vec::new()),
    };
    CheckReport {
        diagnostics: diags.sorted(),
        rules,
        weak_values,
        data,
    }
}

/// Values written in each file (an amendment's own, not those it inherits).
fn own_values(
    lib: &RuleLibrary,
) -> impl Iterator<
    Item = (
        &crate::rules::RuleSet,
        &crate::rules::Parameter,
        &crate::rules::ParamValue,
    ),
> {
    lib.sets.iter().flat_map(|s| {
        s.parameters.values().flat_map(move |p| {
            p.values
                .iter()
                .filter(move |v| *v.span.file == *s.file)
                .map(move |v| (s, p, v))
        })
    })
}

fn counts(lib: &RuleLibrary) -> RuleCounts {
    // Amendments inherit their base's criteria: count each criterion once.
    let own: Vec<&crate::rules::RuleSet> = lib.sets.iter().filter(|s| s.amends.is_none()).collect();
    let mut c = RuleCounts {
        rulesets: own.len(),
        amendments: lib.sets.len() - own.len(),
        criteria: own.iter().map(|s| s.criteria.len()).sum(),
        pending: own
            .iter()
            .flat_map(|s| &s.criteria)
            .filter(|c| c.pending_source.is_some())
            .count(),
        indicators: own.iter().map(|s| s.indicator_count()).sum(),
        tests: lib.sets.iter().map(|s| s.tests.len()).sum(),
        ..RuleCounts::default()
    };
    for (_, _, v) in own_values(lib) {
        match v.source_level {
            SourceLevel::Official => c.official += 1,
            SourceLevel::Secondary => c.secondary += 1,
            SourceLevel::None => c.none += 1,
        }
    }
    c
}

fn weak_values(lib: &RuleLibrary) -> Vec<WeakValue> {
    let mut v: Vec<WeakValue> = own_values(lib)
        .filter(|(_, _, v)| v.source_level != SourceLevel::Official)
        .map(|(s, p, v)| WeakValue {
            span: v.span.clone(),
            ruleset: s.id.clone(),
            parameter: p.id.clone(),
            value: v.value.clone(),
            level: v.source_level,
            citation: v.citation.clone(),
        })
        .collect();
    // Weakest first, then by place.
    v.sort_by(|a, b| {
        (std::cmp::Reverse(a.level), &a.span).cmp(&(std::cmp::Reverse(b.level), &b.span))
    });
    v
}

/// Dataset columns no rule set declares are probably misspelt.
fn unknown_columns(lib: &RuleLibrary, ds: &Dataset, diags: &mut Diagnostics) {
    let known: Vec<&str> = lib
        .sets
        .iter()
        .flat_map(|s| s.fields.keys().map(String::as_str))
        .chain(lib.rollups.derived.iter().map(|d| d.source_field.as_str()))
        .collect();
    let mut reported = std::collections::BTreeSet::new();
    for r in &ds.records {
        for (k, c) in &r.values {
            if known.contains(&&**k) || !reported.insert(k.clone()) {
                continue;
            }
            diags.push(Diagnostic::warning(
                c.span.clone(),
                crate::core::problem::LibraryProblem::UnknownColumn {
                    name: k.to_string(),
                    suggestion: crate::core::text::did_you_mean(k, known.iter().copied()),
                },
            ));
        }
    }
}
