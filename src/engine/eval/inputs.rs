//! What evaluation reads of a unit: its attributes, and the year's values typed against
//! a rule set's field dictionary.

use crate::core::diag::{Diagnostic, Diagnostics};
use crate::core::problem::DataProblem;
use crate::core::text::{did_you_mean, name_key};
use crate::core::value::{type_cell, Value};
use crate::data::{Record, Unit};
use crate::report::{Finding, FindingDetail};
use crate::rules::RuleSet;
use std::collections::BTreeSet;

/// A unit as evaluation sees it: with its parent's name and inherited attributes.
pub struct UnitCtx<'a> {
    pub unit: &'a Unit,
    pub parent_name: Option<String>,
    pub attributes: crate::data::attributes::Attributes<'a>,
}

impl UnitCtx<'_> {
    pub(super) fn attribute_text(&self, key: &str) -> Option<String> {
        attribute_text(&self.attributes, key)
    }
}

pub use crate::data::attributes::{attribute_flag, attribute_text};

/// Values a rule set can read for a unit in a year: unit attributes, then the
/// year's values, each typed against the set's field dictionary.
#[derive(Clone)]
pub(super) struct Typed<'a> {
    /// One place per field of the set, in its order (never copying a name).
    pub values: TypedValues<'a>,
    /// Fields whose value was dropped for being out of range.
    pub out_of_range: BTreeSet<String>,
}

impl Typed<'_> {
    /// The value of a field (or attribute) for the unit and year, if it has one.
    pub(super) fn get(&self, name: &str) -> Option<&Value> {
        self.values.get(name)
    }

    /// The value of the set's `slot`-th field (`rules::native::Slot`), if it has one.
    pub(super) fn at(&self, slot: u32) -> Option<&Value> {
        self.values.0.get(slot as usize)?.1.as_ref()
    }
}

/// A value per field of the set, by the set's order of fields (sorted by id): read by
/// position (`rules::native::Slot`) for every indicator, unit and year, by name otherwise.
#[derive(Clone, Default)]
pub(super) struct TypedValues<'a>(Vec<(&'a str, Option<Value>)>);

impl<'a> TypedValues<'a> {
    /// A place for each of `names` (sorted), none filled.
    fn empty(names: impl Iterator<Item = &'a str>) -> Self {
        TypedValues(names.map(|k| (k, None)).collect())
    }

    fn find(&self, name: &str) -> Option<usize> {
        self.0.binary_search_by(|(k, _)| (*k).cmp(name)).ok()
    }

    pub(super) fn get(&self, name: &str) -> Option<&Value> {
        self.0[self.find(name)?].1.as_ref()
    }

    /// Every value, by name.
    pub(super) fn iter(&self) -> impl Iterator<Item = (&'a str, &Value)> {
        self.0.iter().filter_map(|(k, v)| Some((*k, v.as_ref()?)))
    }
}

#[cfg(test)]
impl<'a> FromIterator<(&'a str, Value)> for TypedValues<'a> {
    /// Values for names sorted first (a set's fields are).
    fn from_iter<I: IntoIterator<Item = (&'a str, Value)>>(iter: I) -> Self {
        let mut v: Vec<_> = iter.into_iter().map(|(k, v)| (k, Some(v))).collect();
        v.sort_by(|a, b| a.0.cmp(b.0));
        TypedValues(v)
    }
}

pub(super) fn type_inputs<'a>(
    set: &'a RuleSet,
    attributes: &'a crate::data::attributes::Attributes<'a>,
    rec: &'a Record,
    findings: &mut Vec<Finding>,
) -> Result<Typed<'a>, Diagnostics> {
    let mut t = Typing {
        set,
        diags: Diagnostics::default(),
        typed: Typed {
            values: TypedValues::empty(set.fields.keys().map(String::as_str)),
            out_of_range: BTreeSet::new(),
        },
        findings,
    };
    for (k, c) in attributes {
        if let (Some(field), Some(slot)) = (set.fields.get(*k), t.typed.values.find(k)) {
            let v = type_cell(&c.cell, field.ty, rec.number_format);
            t.take(slot, field, v, &|| c.span.clone());
        }
    }
    // Record values are typed already (as read); a set reading a field as another type
    // types it again.
    // The record's values and the set's fields are both sorted by name: walked together
    // rather than each value looked up.
    let mut fields = set.fields.iter().enumerate().peekable();
    for e in rec.values.iter() {
        let name: &str = e.field;
        while fields.next_if(|(_, (k, _))| k.as_str() < name).is_some() {}
        if let Some((slot, (_, field))) = fields.peek().filter(|(_, (k, _))| k.as_str() == name) {
            let v = e.stored.typed(field.ty, rec.number_format);
            t.take(*slot, field, v, &|| e.span());
        }
    }
    if t.diags.has_errors() {
        Err(t.diags)
    } else {
        Ok(t.typed)
    }
}

/// Values being typed for a set: later ones (the record's) replace earlier ones (the
/// unit's attributes).
struct Typing<'s, 'a, 'f> {
    set: &'s RuleSet,
    diags: Diagnostics,
    typed: Typed<'a>,
    findings: &'f mut Vec<Finding>,
}

impl Typing<'_, '_, '_> {
    /// The value of the set's `slot`-th field.
    fn take(
        &mut self,
        slot: usize,
        field: &crate::rules::Field,
        v: Result<Value, crate::core::value::CellError>,
        span: &dyn Fn() -> crate::core::diag::Span,
    ) {
        let k = self.typed.values.0[slot].0;
        let v = match v {
            Ok(v) => v,
            Err(e) => {
                self.diags.push(Diagnostic::error(
                    span(),
                    DataProblem::BadValue {
                        field: k.to_string(),
                        label: field.label.clone(),
                        found: e.shown.clone(),
                        ty: field.ty.label().to_string(),
                        file: self.set.file.to_path_buf(),
                        fault: e.fault.clone(),
                        detail: e.to_string(),
                    },
                ));
                return;
            }
        };
        if let (Value::Text(t), Some(allowed)) = (&v, &field.values) {
            if !allowed.iter().any(|a| name_key(a) == name_key(t)) {
                self.diags.push(Diagnostic::error(
                    span(),
                    DataProblem::NotOneOf {
                        field: k.to_string(),
                        label: field.label.clone(),
                        found: t.clone(),
                        allowed: allowed.clone(),
                        suggestion: did_you_mean(t, allowed.iter().map(String::as_str)),
                    },
                ));
                return;
            }
        }
        if let Some(finding) = range_finding(field, k, &span, &v) {
            self.findings.push(finding);
            self.typed.out_of_range.insert(k.to_string());
            self.typed.values.0[slot].1 = None;
            return;
        }
        self.typed.out_of_range.remove(k);
        self.typed.values.0[slot].1 = Some(v);
    }
}

/// A finding when a number lies outside its field's range.
fn range_finding(
    field: &crate::rules::Field,
    k: &str,
    span: &dyn Fn() -> crate::core::diag::Span,
    v: &Value,
) -> Option<Finding> {
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
        location: Some(span().to_string()),
    })
}
