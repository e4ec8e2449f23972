//! What evaluation reads of a unit: its attributes, and the year's values typed against
//! a rule set's field dictionary.

use crate::core::diag::{Diagnostic, Diagnostics};
use crate::core::problem::DataProblem;
use crate::core::value::{type_cell, Value};
use crate::data::{CellAt, Record, Unit};
use crate::report::{Finding, FindingDetail};
use crate::rules::RuleSet;
use std::collections::{BTreeMap, BTreeSet};

/// A unit as evaluation sees it: with its parent's name and inherited attributes.
pub struct UnitCtx<'a> {
    pub unit: &'a Unit,
    pub parent_name: Option<String>,
    pub attributes: BTreeMap<String, CellAt>,
}

impl UnitCtx<'_> {
    pub(super) fn attribute_text(&self, key: &str) -> Option<String> {
        attribute_text(&self.attributes, key)
    }
}

pub use crate::data::{attribute_flag, attribute_text};

/// Values a rule set can read for a unit in a year: unit attributes, then the
/// year's values, each typed against the set's field dictionary.
#[derive(Clone)]
pub(super) struct Typed<'a> {
    /// Keyed by the names in the unit's attributes and the record (never copied).
    pub values: BTreeMap<&'a str, Value>,
    /// Fields whose value was dropped for being out of range.
    pub out_of_range: BTreeSet<String>,
}

impl Typed<'_> {
    /// The value of a field (or attribute) for the unit and year, if it has one.
    pub(super) fn get(&self, name: &str) -> Option<&Value> {
        self.values.get(name)
    }
}

pub(super) fn type_inputs<'a>(
    set: &RuleSet,
    attributes: &'a BTreeMap<String, CellAt>,
    rec: &'a Record,
    findings: &mut Vec<Finding>,
) -> Result<Typed<'a>, Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut values = BTreeMap::new();
    let mut out_of_range = BTreeSet::new();
    let cells = attributes
        .iter()
        .map(|(k, c)| (k.as_str(), c))
        .chain(rec.values.iter().map(|(k, c)| (&**k, c)));
    for (k, c) in cells {
        let Some(field) = set.fields.get(k) else {
            continue;
        };
        match type_cell(&c.cell, field.ty, rec.number_format) {
            Ok(v) => {
                if let (Value::Text(t), Some(allowed)) = (&v, &field.values) {
                    if !allowed
                        .iter()
                        .any(|a| crate::core::text::name_key(a) == crate::core::text::name_key(t))
                    {
                        diags.push(Diagnostic::error(
                            c.span.clone(),
                            DataProblem::NotOneOf {
                                field: k.to_string(),
                                label: field.label.clone(),
                                found: t.clone(),
                                allowed: allowed.clone(),
                                suggestion: crate::core::text::did_you_mean(
                                    t,
                                    allowed.iter().map(String::as_str),
                                ),
                            },
                        ));
                        continue;
                    }
                }
                if let Some(finding) = range_finding(set, k, c, &v) {
                    findings.push(finding);
                    out_of_range.insert(k.to_string());
                    values.remove(k);
                    continue;
                }
                out_of_range.remove(k);
                values.insert(k, v);
            }
            Err(e) => diags.push(Diagnostic::error(
                c.span.clone(),
                DataProblem::BadValue {
                    field: k.to_string(),
                    label: field.label.clone(),
                    found: crate::core::value::shown(&c.cell),
                    ty: field.ty.label().to_string(),
                    file: set.file.to_path_buf(),
                    fault: e.fault.clone(),
                    detail: e.to_string(),
                },
            )),
        }
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(Typed {
            values,
            out_of_range,
        })
    }
}

/// A finding when a number lies outside its field's range.
fn range_finding(set: &RuleSet, k: &str, c: &CellAt, v: &Value) -> Option<Finding> {
    let field = &set.fields[k];
    let (x, (lo, hi)) = (v.as_f64()?, field.range?);
    (x < lo || x > hi).then(|| Finding {
        detail: FindingDetail::OutOfRange {
            field: k.to_string(),
            label: field.label.clone(),
            value: x,
            min: lo,
            max: hi.is_finite().then_some(hi),
        },
        criterion: None,
        location: Some(c.span.to_string()),
    })
}
