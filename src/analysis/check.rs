//! `ntm check`: validate rule files, datasets and plans together, and count what the
//! rule library holds (sets, criteria, indicators, thresholds by source level).

use crate::analysis::project::{Error, Project};
use crate::core::diag::{Diagnostic, Diagnostics, Span};
use crate::core::source::{file_kind, FileKind, SourceFile, Sources, YAML_EXTS};
use crate::core::value::Value;
use crate::data::Dataset;
use crate::engine::eval::EvalOptions;
use crate::engine::library::RuleLibrary;
use crate::rules::model::SourceLevel;
use serde::Serialize;
use std::path::PathBuf;

#[derive(Clone, Debug, Serialize)]
pub struct CheckReport {
    pub diagnostics: Vec<Diagnostic>,
    /// Counts of the rule files checked (none when only datasets were checked).
    pub rules: Option<RuleCounts>,
    /// Every threshold value not read in its document's own text, where it is written.
    pub weak_values: Vec<WeakValue>,
    pub data: Option<DataCounts>,
    /// Sets scoped to a jurisdiction that ends, with that end as the lineage gives it.
    pub set_ends: Vec<SetEnd>,
}

/// A set that stops applying when its jurisdiction ends (`ntm check` prints each).
#[derive(Clone, Debug, Serialize)]
pub struct SetEnd {
    pub ruleset: String,
    pub jurisdiction: String,
    /// The set's own last day, when it has one.
    pub valid_until: Option<crate::core::date::Date>,
    pub end: crate::data::lineage::JurisdictionEnd,
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
    /// The threshold; null for an entry that does not apply.
    pub value: Option<Value>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub not_applicable: bool,
    pub level: SourceLevel,
    pub citation: crate::rules::Citation,
}

#[derive(Clone, Debug, Serialize)]
pub struct DataCounts {
    pub units: usize,
    pub records: usize,
    pub evaluations: usize,
}

/// The files given to `check`, by kind (the first key of a YAML file).
struct Inputs {
    /// Rule sets, registers, roll-ups and merge rules.
    rules: Sources,
    /// Datasets (any format) and lineage files.
    data: Sources,
    plans: Sources,
}

fn classify(inputs: Sources) -> Inputs {
    let kind = |f: &SourceFile| {
        if f.extension_is(YAML_EXTS) {
            f.text().map(file_kind).unwrap_or(FileKind::Other)
        } else {
            FileKind::Other
        }
    };
    let (plans, rest) = inputs.partition(|f| kind(f) == FileKind::Plan);
    let (data, rules) = rest.partition(|f| matches!(kind(f), FileKind::Other | FileKind::Lineage));
    Inputs { rules, data, plans }
}

/// Check every file of `inputs` through the [`Project`] facade: rule files, registers
/// and roll-ups as a library; datasets and lineage files typed against that library
/// (or against `library()` — the given `--rules`, else the bundled rules — when
/// `inputs` hold no rule files); plans tracked on the datasets' results.
pub fn check(
    inputs: Sources,
    library: impl FnOnce() -> Result<Sources, Diagnostics>,
) -> CheckReport {
    let mut diags = Diagnostics::default();
    let Inputs { rules, data, plans } = classify(inputs);
    let given: Option<Vec<PathBuf>> =
        (!rules.is_empty()).then(|| rules.files().iter().map(|f| f.path.clone()).collect());
    let lib_src = library_sources(rules, library, &mut diags);
    let with_data = (!data.is_empty()).then_some(&data);
    let mut counts_of_data = None;
    let mut set_ends = Vec::new();
    let lib = match Project::load(&lib_src, with_data) {
        Ok(p) => {
            diags.extend(Diagnostics(p.warnings().to_vec()));
            if p.dataset().is_some() {
                counts_of_data = check_data(&p, &plans, &mut diags);
                set_ends = ends_of_sets(&p);
            }
            Some(p)
        }
        Err(e) => {
            diags.extend(Diagnostics(e.diagnostics));
            // The rules or the data failed: the rules alone are still counted; when
            // they fail, the data files alone still report their own errors.
            match Project::load(&lib_src, None) {
                Ok(p) => {
                    diags.extend(Diagnostics(p.warnings().to_vec()));
                    Some(p)
                }
                Err(_) => {
                    let types = crate::data::values::FieldTypes::default();
                    if let Err(d) = crate::data::load::load_dataset(&data, &types) {
                        diags.extend(d);
                    }
                    None
                }
            }
        }
    };
    let (rules, weak_values) = match (&lib, &given) {
        (Some(p), Some(files)) => {
            diags.extend(Diagnostics(crate::analysis::lint::lints(
                p.library(),
                Some(files.as_slice()),
            )));
            (Some(counts(p.library())), weak_values(p.library()))
        }
        _ => (None, Vec::new()),
    };
    CheckReport {
        diagnostics: diags.sorted(),
        rules,
        weak_values,
        data: counts_of_data,
        set_ends,
    }
}

/// Each set whose jurisdiction ends by the lineage, in the library's order.
fn ends_of_sets(p: &Project) -> Vec<SetEnd> {
    let Some(ds) = p.dataset() else {
        return Vec::new();
    };
    let ends = crate::engine::eval::SetEnds::of(p.library(), ds, p.lineage());
    p.library()
        .sets
        .iter()
        .filter_map(|s| {
            Some(SetEnd {
                ruleset: s.id.clone(),
                jurisdiction: s.jurisdiction.clone()?,
                valid_until: s.effective_until(),
                end: ends.0.get(&s.id)?.clone(),
            })
        })
        .collect()
}

/// The library the inputs are checked against: their own rule files (with the rules
/// they amend underneath when those are not among them), else `library()`.
fn library_sources(
    rules: Sources,
    library: impl FnOnce() -> Result<Sources, Diagnostics>,
    diags: &mut Diagnostics,
) -> Sources {
    let needs_library = rules.is_empty() || crate::analysis::scaffold::needs_bundled(&rules);
    if !needs_library {
        return rules;
    }
    match library() {
        Ok(lib) if rules.is_empty() => lib,
        Ok(lib) => crate::analysis::scaffold::overlay(&rules, &lib),
        Err(d) => {
            diags.extend(d);
            rules
        }
    }
}

/// A loaded dataset: unknown columns, one evaluation, the plans tracked on it.
fn check_data(p: &Project, plans: &Sources, diags: &mut Diagnostics) -> Option<DataCounts> {
    let ds = p.dataset()?;
    unknown_columns(p.library(), ds, diags);
    let evaluations = if plans.is_empty() {
        count_results(p, diags)?
    } else {
        track_plans(p, plans, diags)?
    };
    Some(DataCounts {
        units: ds.units.len(),
        records: ds.records.len(),
        evaluations,
    })
}

/// The number of results, counted as they stream and let go: with nothing to track,
/// the evaluation's errors and its count are all that is kept (a national dataset's
/// full results held at once took gigabytes).
fn count_results(p: &Project, diags: &mut Diagnostics) -> Option<usize> {
    let lean = EvalOptions {
        detail: crate::engine::eval::Detail::Criteria,
        ..EvalOptions::default()
    };
    let mut evaluations = 0;
    let counted = p.evaluate_stream(&lean, &mut |chunk| {
        evaluations += chunk.len();
        Ok::<(), std::convert::Infallible>(())
    });
    match counted {
        Ok(_) => Some(evaluations),
        Err(crate::engine::eval::StreamError::Data(d)) => {
            diags.extend(d);
            None
        }
        Err(crate::engine::eval::StreamError::Sink(never)) => match never {},
    }
}

/// The whole report, with each plan tracked on it; the number of results.
fn track_plans(p: &Project, plans: &Sources, diags: &mut Diagnostics) -> Option<usize> {
    let report = match p.evaluate(&EvalOptions::default()) {
        Ok(r) => r,
        Err(e) => {
            diags.extend(Diagnostics(e.diagnostics));
            return None;
        }
    };
    for pf in plans.files() {
        let tracked = crate::analysis::plan::load(pf)
            .map_err(Error::from)
            .and_then(|plan| p.plan_on(&plan, &report, None, None));
        if let Err(e) = tracked {
            diags.extend(Diagnostics(e.diagnostics));
        }
    }
    Some(report.results.len())
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
            not_applicable: v.not_applicable,
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
        for c in r.values.iter() {
            let k = c.field;
            if known.contains(&&**k) || !reported.insert(k.clone()) {
                continue;
            }
            diags.push(Diagnostic::warning(
                c.span(),
                crate::core::problem::LibraryProblem::UnknownColumn {
                    name: k.to_string(),
                    suggestion: crate::core::text::did_you_mean(k, known.iter().copied()),
                },
            ));
        }
    }
}
