//! Roll-ups declared in rule files (`rollups:`): district aggregates as provinces publish
//! them (average criteria per xã, units đạt chuẩn, distribution by criteria met), and
//! commune values derived from village data (`derived:`).

use crate::core::diag::{Diagnostic, Diagnostics};
use crate::core::loader::{self, span_of, Spanned};
use crate::core::problem::{LibraryProblem, Owner, OwnerKind};
use crate::core::units::UnitKind;
use crate::core::value::{Cell, Value};
use crate::data::values::{Entry, Stored};
use crate::data::{Dataset, Record, Unit};
use crate::rules::expr::{self, Names, StaticType};
use crate::rules::model::Stage;
use rhai::Engine;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

mod model;
mod tally;

pub use model::{Aggregate, Bucket, Derived, DerivedHow, Incomplete, Recognised, Rollup, Rollups};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RollupFile {
    #[serde(default)]
    rollups: Vec<RollupDef>,
    #[serde(default)]
    derived: Vec<DerivedDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RollupDef {
    id: Spanned<String>,
    label: String,
    /// Units aggregated: their kind and the stage of the rule set judging them.
    kind: UnitKind,
    #[serde(default = "default_stage")]
    stage: Stage,
    /// Rhai over `met`, `total`, `dat_chuan`, `intermediate` (the unit's level is a step
    /// towards đạt chuẩn, e.g. cơ bản đạt chuẩn): the per-unit value.
    value: Spanned<String>,
    aggregate: Aggregate,
    #[serde(default)]
    buckets: Vec<BucketDef>,
    /// Units without enough data: left out (the default), or counted at their partial
    /// count. Either way the roll-up says how many.
    #[serde(default)]
    incomplete: Incomplete,
    /// Units recognised đạt chuẩn NTM in or before the year (`nam_dat_chuan_ntm`):
    /// judged as evaluated (the default), or counted as meeting every criterion, as
    /// district reports do.
    #[serde(default)]
    recognised: Recognised,
    /// Where this way of counting comes from (a report, a guidance).
    #[serde(default)]
    source: Option<String>,
}

fn default_stage() -> Stage {
    Stage::Ntm
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BucketDef {
    label: String,
    /// Rhai over `value`, `met`, `total`, `dat_chuan`, `intermediate`: is the unit in this
    /// bucket?
    when: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DerivedDef {
    /// Field of the parent unit (e.g. a xã percentage).
    field: Spanned<String>,
    label: String,
    /// Kind of the children (thôn) and of the parent (xã).
    from: UnitKind,
    to: UnitKind,
    /// Field of the children it is computed from, and that field's type.
    source_field: String,
    source_type: crate::rules::model::FieldType,
    how: DerivedHow,
    #[serde(default)]
    source: Option<String>,
}

fn unit_names() -> BTreeMap<String, (StaticType, &'static str)> {
    [
        ("met", StaticType::Number),
        ("total", StaticType::Number),
        ("dat_chuan", StaticType::Bool),
        ("intermediate", StaticType::Bool),
        ("value", StaticType::Number),
    ]
    .into_iter()
    .map(|(k, t)| (k.to_string(), (t, "built-in value")))
    .collect()
}

/// What compiling a roll-up file's expressions needs, gathered once for the file.
struct Compiler<'a> {
    engine: &'a Engine,
    file: &'a Path,
    text: &'a str,
    names: Names<'a>,
}

impl Compiler<'_> {
    /// One expression compiled and probed (a trial run, for its type); its faults are
    /// reported and it is left out.
    fn compile(
        &self,
        src: &Spanned<String>,
        want_bool: bool,
        what: &Owner,
        diags: &mut Diagnostics,
    ) -> Option<expr::Expression> {
        let (engine, text, names) = (self.engine, self.text, &self.names);
        let at = span_of(self.file, src);
        match expr::compile(engine, text, self.file, at, &src.value, names, what) {
            Ok((e, _)) => match expr::probe(engine, text, &e, names, want_bool, what) {
                Ok(()) => Some(e),
                Err(d) => {
                    diags.push(d);
                    None
                }
            },
            Err(ds) => {
                for d in ds {
                    diags.push(d);
                }
                None
            }
        }
    }

    /// One roll-up as declared, compiled; `None` when its value does not compile or
    /// its id is taken (`known`).
    fn rollup(
        &self,
        r: RollupDef,
        known: &[Rollup],
        yaml: &std::sync::Arc<str>,
        diags: &mut Diagnostics,
    ) -> Option<Rollup> {
        let what = Owner::new(OwnerKind::Rollup, r.id.value.as_str());
        let value = self.compile(&r.value, false, &what, diags)?;
        if r.aggregate == Aggregate::Buckets && r.buckets.is_empty() {
            diags.push(Diagnostic::error(
                span_of(self.file, &r.id),
                LibraryProblem::RollupNoBuckets {
                    rollup: r.id.value.clone(),
                },
            ));
        }
        let buckets = self.buckets(&r.buckets, &what, diags);
        if known.iter().any(|x| x.id == r.id.value) {
            diags.push(Diagnostic::error(
                span_of(self.file, &r.id),
                LibraryProblem::DuplicateRollup {
                    rollup: r.id.value.clone(),
                },
            ));
            return None;
        }
        Some(Rollup {
            id: r.id.value.trim().to_string(),
            label: crate::core::text::norm(&r.label),
            kind: r.kind,
            stage: r.stage,
            value,
            aggregate: r.aggregate,
            buckets,
            incomplete: r.incomplete,
            recognised: r.recognised,
            source: r.source,
            file: self.file.to_path_buf(),
            yaml: yaml.clone(),
        })
    }

    /// A roll-up's buckets whose conditions compile (the others are reported).
    fn buckets(&self, defs: &[BucketDef], rollup: &Owner, diags: &mut Diagnostics) -> Vec<Bucket> {
        let mut buckets = Vec::new();
        for b in defs {
            let what = Owner {
                kind: OwnerKind::Bucket,
                id: b.label.clone(),
                within: Some(rollup.id.clone()),
            };
            if let Some(when) = self.compile(&b.when, true, &what, diags) {
                buckets.push(Bucket {
                    label: crate::core::text::norm(&b.label),
                    when,
                });
            }
        }
        buckets
    }
}

fn derived_of(d: DerivedDef, file: &Path) -> Derived {
    Derived {
        field: d.field.value.trim().to_string(),
        label: crate::core::text::norm(&d.label),
        from: d.from,
        to: d.to,
        source_field: d.source_field.trim().to_string(),
        source_type: d.source_type,
        how: d.how,
        source: d.source,
        span: span_of(file, &d.field),
    }
}

pub fn load_into(
    engine: &Engine,
    reg: &mut Rollups,
    file: &Path,
    text: &str,
    diags: &mut Diagnostics,
) {
    let raw: RollupFile = match loader::from_yaml(file, text) {
        Ok(r) => r,
        Err(d) => {
            diags.push(d);
            return;
        }
    };
    let types = unit_names();
    let compiler = Compiler {
        engine,
        file,
        text,
        names: Names { types: &types },
    };
    let yaml: std::sync::Arc<str> = std::sync::Arc::from(text);
    for r in raw.rollups {
        if let Some(rollup) = compiler.rollup(r, &reg.rollups, &yaml, diags) {
            reg.rollups.push(rollup);
        }
    }
    for d in raw.derived {
        reg.derived.push(derived_of(d, file));
    }
}

/// Each record's children records, by (parent id, year, child kind): built once, so
/// deriving is linear in the records.
type Children<'a> = foldhash::HashMap<(&'a str, i32, UnitKind), Vec<&'a Record>>;

fn children_of(ds: &Dataset) -> Children<'_> {
    use rayon::prelude::*;
    // Units looked up on every core, grouped in dataset order.
    let units: Vec<Option<&Unit>> = (0..ds.records.len())
        .into_par_iter()
        .map(|i| ds.unit_of_record(i))
        .collect();
    let mut kids = Children::default();
    for (c, u) in ds.records.iter().zip(units) {
        if let Some(u) = u {
            if let Some(p) = u.parent.as_deref() {
                kids.entry((p, c.year, u.kind)).or_default().push(c);
            }
        }
    }
    kids
}

/// The children's values of a derived value's source field, typed; a value that does
/// not type is reported.
fn source_values(d: &Derived, children: &[&Record], diags: &mut Diagnostics) -> Vec<Value> {
    let mut vals = Vec::new();
    for c in children {
        if let Some(cell) = c.values.get(d.source_field.as_str()) {
            match cell.stored.typed(d.source_type, c.number_format) {
                Ok(v) => vals.push(v),
                Err(e) => diags.push(Diagnostic::error(
                    cell.span(),
                    crate::core::problem::DataProblem::RollupValue {
                        field: d.source_field.clone(),
                        found: e.shown.clone(),
                        fault: e.fault.clone(),
                        detail: e.to_string(),
                    },
                )),
            }
        }
    }
    vals
}

/// A share, mean or sum of (non-empty) children's values.
fn combine(how: DerivedHow, vals: &[Value]) -> f64 {
    match how {
        DerivedHow::Share => {
            100.0
                * vals
                    .iter()
                    .filter(|v| matches!(v, Value::Bool(true)))
                    .count() as f64
                / vals.len() as f64
        }
        DerivedHow::Mean => vals.iter().filter_map(Value::as_f64).sum::<f64>() / vals.len() as f64,
        DerivedHow::Sum => vals.iter().filter_map(Value::as_f64).sum::<f64>(),
    }
}

/// Fill parent values derived from children's, where the parent's record lacks them.
/// Returns a note per value computed, for the report.
pub fn apply_derived(
    reg: &Rollups,
    ds: &mut Dataset,
) -> Result<Vec<crate::report::Notice>, Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut notes = Vec::new();
    let mut additions: Vec<(usize, Entry)> = Vec::new();
    if reg.derived.is_empty() {
        return Ok(notes);
    }
    let kids = children_of(ds);
    // Which records some derived value is for, found on every core.
    let targets: Vec<(usize, &Unit)> = {
        use rayon::prelude::*;
        ds.records
            .par_iter()
            .enumerate()
            .filter_map(|(ri, _)| {
                let unit = ds.unit_of_record(ri)?;
                reg.derived
                    .iter()
                    .any(|d| d.to == unit.kind)
                    .then_some((ri, unit))
            })
            .collect()
    };
    for (ri, unit) in targets {
        let rec = &ds.records[ri];
        for d in reg.derived.iter().filter(|d| d.to == unit.kind) {
            if rec.values.contains_key(d.field.as_str()) {
                continue;
            }
            let children: &[&Record] = kids
                .get(&(unit.id.as_str(), rec.year, d.from))
                .map(Vec::as_slice)
                .unwrap_or_default();
            let vals = source_values(d, children, &mut diags);
            if vals.is_empty() {
                continue;
            }
            let x = combine(d.how, &vals);
            notes.push(crate::report::Notice::Derived {
                unit_name: unit.name.clone(),
                unit_kind: unit.kind,
                year: rec.year,
                field: d.field.clone(),
                value: x,
                children: vals.len(),
                from: d.from,
            });
            additions.push((
                ri,
                Entry {
                    field: d.field.as_str().into(),
                    stored: Stored::raw(Cell::Scalar(crate::core::value::Scalar::Float(x))),
                    span: d.span.clone(),
                },
            ));
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }
    for (ri, e) in additions {
        ds.records[ri].values.insert(e);
    }
    Ok(notes)
}

pub use tally::{compute, CriteriaOf, RecognisedOnly, RollupValue, UnitsInYear};
