//! Merge rules (`merge:` files under rules/): how the parts of a merged unit combine,
//! criterion by criterion or field by field. Declared, so that a merged unit's result
//! is never a guess.

use crate::core::diag::{Diagnostic, Diagnostics, Span};
use crate::core::loader::{self, span_of, Spanned};
use crate::core::problem::{DataProblem, MergeFault};
use crate::core::value::FieldType;
use serde::{Deserialize, Serialize};
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MergeFile {
    merge: MergeMeta,
    rules: Vec<MergeRuleDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MergeMeta {
    id: String,
    title: String,
    /// Free text: where the rules come from.
    #[serde(default)]
    #[allow(dead_code)]
    notes: Option<String>,
}

/// How parts combine into the merged unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MergeHow {
    /// Criteria: met when every part met it, not met when a part did not, else unknown.
    AllParts,
    Sum,
    Mean,
    /// Mean weighted by another field (e.g. households, population).
    WeightedMean,
    Min,
    Max,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MergeRuleDef {
    /// Rule sets the rule applies to (ids); all when absent.
    #[serde(default)]
    rulesets: Vec<String>,
    /// Criterion ids, or `all`.
    #[serde(default)]
    criteria: Option<CriteriaDef>,
    #[serde(default)]
    fields: Vec<String>,
    how: Spanned<MergeHow>,
    #[serde(default)]
    weight: Option<String>,
    /// Where the way of combining comes from (a guidance, a report).
    #[serde(default)]
    #[allow(dead_code)]
    source: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum CriteriaDef {
    All(String),
    List(Vec<String>),
}

#[derive(Clone, Debug)]
pub struct MergeRule {
    pub rulesets: Vec<String>,
    /// None = every criterion.
    pub criteria: Option<Vec<String>>,
    pub has_criteria: bool,
    pub fields: Vec<String>,
    pub how: MergeHow,
    pub weight: Option<String>,
    /// Where the rule's `how` is written.
    pub at: Span,
}

/// The merge rules of the library (`merge:` files under rules/).
#[derive(Clone, Debug, Default)]
pub struct MergeRules {
    rules: Vec<MergeRule>,
    pub ids: Vec<(String, String)>,
}

impl MergeRules {
    fn applies(r: &MergeRule, set: &str) -> bool {
        r.rulesets.is_empty() || r.rulesets.iter().any(|s| s == set)
    }

    /// The rule combining a criterion's statuses, if any.
    pub fn criterion(&self, set: &str, id: &str) -> Option<&MergeRule> {
        self.rules.iter().find(|r| {
            Self::applies(r, set)
                && r.has_criteria
                && r.criteria
                    .as_ref()
                    .is_none_or(|c| c.iter().any(|x| x == id))
        })
    }

    /// The rule aggregating a field, if any.
    pub fn field(&self, set: &str, field: &str) -> Option<&MergeRule> {
        self.rules
            .iter()
            .find(|r| Self::applies(r, set) && r.fields.iter().any(|f| f == field))
    }
}

impl MergeRules {
    /// Every rule typed against the rule sets it applies to: the sets it names exist;
    /// each field it combines (and its weight) is a field of one of them, a number for
    /// any way but `all_parts`. Each fault an error at the rule, never a rule ignored.
    pub fn check(&self, sets: &[crate::rules::RuleSet]) -> Diagnostics {
        let mut diags = Diagnostics::default();
        for r in &self.rules {
            for set in r
                .rulesets
                .iter()
                .filter(|s| !sets.iter().any(|x| x.id == **s))
            {
                let p = DataProblem::MergeUnknownSet { set: set.clone() };
                diags.push(Diagnostic::error(r.at.clone(), p));
            }
            let applies: Vec<_> = sets.iter().filter(|s| Self::applies(r, &s.id)).collect();
            for field in r.fields.iter().chain(&r.weight) {
                let found = applies.iter().find_map(|s| s.fields.get(field));
                let problem = match found {
                    None => DataProblem::MergeUnknownField {
                        field: field.clone(),
                        suggestion: crate::core::text::did_you_mean(
                            field,
                            applies
                                .iter()
                                .flat_map(|s| s.fields.keys().map(String::as_str)),
                        ),
                    },
                    Some(f) if matches!(f.ty, FieldType::Text | FieldType::Bool) => {
                        DataProblem::MergeFieldType {
                            field: field.clone(),
                            ty: f.ty.label().to_string(),
                            how: how_code(r.how).to_string(),
                        }
                    }
                    Some(_) => continue,
                };
                diags.push(Diagnostic::error(r.at.clone(), problem));
            }
        }
        diags
    }
}

fn how_code(h: MergeHow) -> &'static str {
    match h {
        MergeHow::AllParts => "all_parts",
        MergeHow::Sum => "sum",
        MergeHow::Mean => "mean",
        MergeHow::WeightedMean => "weighted_mean",
        MergeHow::Min => "min",
        MergeHow::Max => "max",
    }
}

/// Read a `merge:` file into the library's rules.
pub fn load_into(
    rules: &mut MergeRules,
    file: &std::path::Path,
    text: &str,
    diags: &mut Diagnostics,
) {
    let raw: MergeFile = match loader::from_yaml(file, text) {
        Ok(r) => r,
        Err(d) => {
            diags.push(d);
            return;
        }
    };
    rules
        .ids
        .push((raw.merge.id.clone(), raw.merge.title.clone()));
    for r in raw.rules {
        let at = span_of(file, &r.how);
        let how = r.how.value;
        let criteria = match &r.criteria {
            None => None,
            Some(CriteriaDef::All(s)) if s.trim() == "all" => None,
            Some(CriteriaDef::All(s)) => Some(vec![s.trim().to_string()]),
            Some(CriteriaDef::List(v)) => Some(v.iter().map(|s| s.trim().to_string()).collect()),
        };
        let has_criteria = r.criteria.is_some();
        let problem = match (has_criteria, r.fields.is_empty(), how) {
            (true, _, MergeHow::AllParts) if !r.fields.is_empty() => Some(MergeFault::Both),
            (true, true, MergeHow::AllParts) => None,
            (true, _, _) => Some(MergeFault::CriteriaHow),
            (false, true, _) => Some(MergeFault::NothingNamed),
            (false, false, MergeHow::AllParts) => Some(MergeFault::FieldsHow),
            (false, false, MergeHow::WeightedMean) if r.weight.is_none() => {
                Some(MergeFault::NoWeight)
            }
            _ => None,
        };
        if let Some(p) = problem {
            diags.push(Diagnostic::error(at, DataProblem::MergeRule { fault: p }));
            continue;
        }
        rules.rules.push(MergeRule {
            rulesets: r.rulesets,
            criteria,
            has_criteria,
            fields: r.fields,
            how,
            weight: r.weight,
            at,
        });
    }
}
