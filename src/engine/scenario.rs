//! What-if scenarios: `--set PARAM=VALUE` values that replace thresholds for one run,
//! as a layer over the immutable rule library.

use crate::core::diag::{Diagnostic, Span};
use crate::core::number::{parse_number, NumberFormat};
use crate::core::problem::RunProblem;
use crate::core::value::{parse_bool, Value};
use crate::engine::library::RuleLibrary;
use crate::rules::model::SourceLevel;
use crate::rules::{Citation, ParamValue};
use std::collections::BTreeMap;

#[derive(Clone, Debug)]
pub struct Override {
    pub param: String,
    pub value: Value,
    /// As the user wrote it, for the stamp.
    pub text: String,
}

pub(crate) fn usage(problem: RunProblem) -> Diagnostic {
    Diagnostic::error(Span::file_only("--set"), problem)
}

/// Parse `PARAM=VALUE`; the value is read as a number (Vietnamese or English form),
/// else yes/no, else text.
pub fn parse_override(s: &str) -> Result<Override, Diagnostic> {
    let (param, value) = s.split_once('=').ok_or_else(|| {
        usage(RunProblem::OverrideForm {
            text: s.to_string(),
        })
    })?;
    let param = param.trim().to_string();
    let value = match parse_number(value, NumberFormat::Auto) {
        Ok(n) => Value::Number(n.value),
        Err(_) => match parse_bool(value) {
            Some(b) => Value::Bool(b),
            None => Value::Text(crate::core::text::norm(value)),
        },
    };
    Ok(Override {
        param,
        text: s.trim().to_string(),
        value,
    })
}

/// A what-if layer over an immutable rule library: parameter values that replace,
/// for one run, every value of a parameter in each set that has it. The library is
/// never modified, so scenarios can be evaluated side by side (sweeps, services).
#[derive(Clone, Debug, Default)]
pub struct Scenario {
    overrides: Vec<Override>,
    /// (rule set id, parameter id) → the value that replaces the parameter's values.
    values: BTreeMap<(String, String), ParamValue>,
}

impl Scenario {
    /// Check each override against the library: the parameter must exist in some set,
    /// and take the same kind of value (number, yes/no, text).
    pub fn new(lib: &RuleLibrary, overrides: Vec<Override>) -> Result<Scenario, Diagnostic> {
        let mut values = BTreeMap::new();
        for ov in &overrides {
            let mut found = false;
            for set in &lib.sets {
                let Some(p) = set.parameters.get(&ov.param) else {
                    continue;
                };
                found = true;
                // Entries that do not apply hold no value to compare with.
                let first = p
                    .values
                    .iter()
                    .filter(|v| !v.not_applicable)
                    .find_map(|v| v.value.as_ref());
                let same_kind = first
                    .is_none_or(|v| std::mem::discriminant(v) == std::mem::discriminant(&ov.value));
                if !same_kind {
                    return Err(usage(RunProblem::OverrideType {
                        param: ov.param.clone(),
                        set: set.id.clone(),
                        takes: first.map(|v| v.to_string()).unwrap_or_default(),
                        given: ov.value.to_string(),
                    }));
                }
                let span = p
                    .values
                    .first()
                    .map(|v| v.span.clone())
                    .unwrap_or_else(|| Span::file_only(&set.file));
                values.insert(
                    (set.id.clone(), ov.param.clone()),
                    ParamValue {
                        value: Some(ov.value.clone()),
                        not_applicable: false,
                        from_year: None,
                        to_year: None,
                        region: None,
                        group: None,
                        citation: Citation {
                            document: "--set".into(),
                            section: None,
                            source: Some(ov.text.clone()),
                        },
                        source_level: SourceLevel::None,
                        note: None,
                        span,
                    },
                );
            }
            if !found {
                let names = lib
                    .sets
                    .iter()
                    .flat_map(|s| s.parameters.keys().map(String::as_str));
                return Err(usage(RunProblem::Override {
                    param: ov.param.clone(),
                    set: None,
                    suggestion: crate::core::text::did_you_mean(&ov.param, names),
                }));
            }
        }
        Ok(Scenario { overrides, values })
    }

    /// The value replacing a parameter of a set in this scenario, if any.
    pub fn value(&self, set: &str, param: &str) -> Option<&ParamValue> {
        self.values.get(&(set.to_string(), param.to_string()))
    }

    /// The overrides as the user wrote them, for the stamp.
    pub fn texts(&self) -> Vec<String> {
        self.overrides.iter().map(|o| o.text.clone()).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.overrides.is_empty()
    }
}
