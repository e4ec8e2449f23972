//! Running a rule expression for a unit and year: natively when the expression is in
//! the native subset and the native evaluator decides it, otherwise in Rhai, in a
//! scope filled once per unit and year on first need — a set whose expressions all
//! run natively never fills one.

use super::inputs::Typed;
use crate::core::problem::ValueKind;
use crate::core::value::Value;
use crate::rules::native::{Env, Expressions, Slot, Val, Vars};
use crate::rules::{Expression, ParamValue};
use rhai::{Dynamic, Engine, EvalAltResult, Scope};

/// Each parameter's value for the unit and year (none when no value applies), in the
/// set's order of parameters (sorted by id): read by position (`rules::native::Slot`).
#[derive(Default)]
pub(super) struct Params<'a>(Vec<(&'a str, Option<&'a ParamValue>)>);

impl<'a> Params<'a> {
    /// Values for the set's parameters, in its order.
    pub fn new(values: Vec<(&'a str, Option<&'a ParamValue>)>) -> Self {
        Params(values)
    }

    /// The parameter's entry: `None` when the set has no such parameter, `Some(None)`
    /// when no value applies.
    pub fn get(&self, name: &str) -> Option<Option<&'a ParamValue>> {
        let i = self.0.binary_search_by(|(k, _)| (*k).cmp(name)).ok()?;
        Some(self.0[i].1)
    }

    /// The value of the set's `slot`-th parameter, else of the one named `name`.
    pub fn at(&self, slot: Option<u32>, name: &str) -> Option<&'a ParamValue> {
        match slot {
            Some(i) => self.0.get(i as usize).and_then(|(_, v)| *v),
            None => self.get(name).flatten(),
        }
    }

    /// Every parameter with a value, by name.
    pub fn iter(&self) -> impl Iterator<Item = (&'a str, &'a ParamValue)> + '_ {
        self.0.iter().filter_map(|(k, v)| Some((*k, (*v)?)))
    }
}

/// What the expressions of a unit and year read, looked up as the Rhai scope would
/// give it: the record's values, then the thresholds, then built-ins (a later one hides
/// an earlier one of the same name).
pub(super) struct Names<'a> {
    pub typed: &'a Typed<'a>,
    pub params: &'a Params<'a>,
    /// Recognition's criteria counts, when known.
    pub extra: &'a [(&'static str, Value)],
}

impl<'a> Names<'a> {
    /// A field's or a built-in's value (never a threshold's).
    pub fn input(&self, name: &str) -> Option<&'a Value> {
        self.input_at(None, name)
    }

    /// The same, for the set's `slot`-th field when known (`rules::native::Slot`).
    pub fn input_at(&self, slot: Option<u32>, name: &str) -> Option<&'a Value> {
        if let Some(v) = self.extra(name) {
            return Some(v);
        }
        match slot {
            Some(i) => self.typed.at(i),
            None => self.typed.get(name),
        }
    }

    /// A name read by an expression, found where the set says it is.
    fn slot(&self, s: Slot, name: &str) -> Option<Val<'a>> {
        if let Some(v) = s.builtin.then(|| self.extra(name)).flatten() {
            return Some(Val::of(v));
        }
        // An entry that does not apply holds no value; its indicator never runs.
        if let Some(p) = s.param.and_then(|i| self.params.at(Some(i), name)) {
            return p.value.as_ref().map(Val::of);
        }
        s.field.and_then(|i| self.typed.at(i)).map(Val::of)
    }

    /// A built-in's value, when known (a later one hides an earlier one).
    fn extra(&self, name: &str) -> Option<&'a Value> {
        self.extra
            .iter()
            .rev()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v)
    }
}

impl<'a> Env<'a> for Names<'a> {
    fn get(&self, name: &str) -> Option<Val<'a>> {
        if let Some(v) = self.extra(name) {
            return Some(Val::of(v));
        }
        // An entry that does not apply holds no value; its indicator never runs.
        if let Some(Some(p)) = self.params.get(name) {
            return p.value.as_ref().map(Val::of);
        }
        self.typed.get(name).map(Val::of)
    }
}

/// The names of one expression as its set resolved them (`Expression::slots`).
struct Bound<'n, 'a> {
    names: &'n Names<'a>,
    slots: &'n [Slot],
}

impl<'a> Env<'a> for Bound<'_, 'a> {
    fn get(&self, name: &str) -> Option<Val<'a>> {
        self.names.get(name)
    }

    fn var(&self, index: usize, name: &str) -> Option<Val<'a>> {
        match self.slots.get(index) {
            Some(s) => self.names.slot(*s, name),
            None => self.names.get(name),
        }
    }
}

/// The scope Rhai runs the unit and year's expressions in, filled on first need.
pub(super) struct Exprs<'s> {
    scope: &'s mut Scope<'static>,
    filled: bool,
    pub mode: Expressions,
}

/// The kind of result an expression must give to be taken from the native evaluator
/// (anything else is left to Rhai, which words the error).
#[derive(Clone, Copy)]
pub(super) enum Want {
    Bool,
    Number,
    Any,
}

/// What an expression gave, and which evaluator gave it.
pub(super) enum Ran<'a> {
    Native(Val<'a>),
    Rhai(Dynamic),
}

impl<'s> Exprs<'s> {
    pub fn new(scope: &'s mut Scope<'static>, mode: Expressions) -> Exprs<'s> {
        Exprs {
            scope,
            filled: false,
            mode,
        }
    }

    /// Run `e` natively if it can be, else in Rhai.
    pub fn run<'a>(
        &mut self,
        engine: &Engine,
        names: &'a Names<'a>,
        e: &'a Expression,
        want: Want,
    ) -> Result<Ran<'a>, Box<EvalAltResult>> {
        let bound = Bound {
            names,
            slots: &e.slots,
        };
        if let Some(v) = native(self.mode, e, &bound, want) {
            return Ok(Ran::Native(v));
        }
        if !self.filled {
            fill_scope(self.scope, names);
            self.filled = true;
        }
        engine
            .eval_ast_with_scope::<Dynamic>(self.scope, &e.ast)
            .map(Ran::Rhai)
    }

    /// Built-ins known from now on: added to a scope already filled (a scope filled
    /// later is filled with them).
    pub fn push_extra(&mut self, extra: &[(&'static str, Value)]) {
        if self.filled {
            for (k, v) in extra {
                self.scope.push_dynamic(*k, v.to_dynamic());
            }
        }
    }
}

/// The native evaluator's answer, when the mode allows it, the expression is in the
/// subset and the answer is decided and of the wanted kind.
fn native<'a, E: Env<'a>>(
    mode: Expressions,
    e: &'a Expression,
    env: &E,
    want: Want,
) -> Option<Val<'a>> {
    if mode != Expressions::Auto {
        return None;
    }
    let v = e.native.as_deref()?.eval(env)?;
    let fits = matches!(
        (want, v),
        (Want::Any, _) | (Want::Bool, Val::Bool(_)) | (Want::Number, Val::Int(_) | Val::Float(_))
    );
    fits.then_some(v)
}

/// The scope expressions run in: the unit's values, then the thresholds that apply,
/// then the built-ins.
fn fill_scope(scope: &mut Scope<'static>, names: &Names<'_>) {
    scope.clear();
    for (k, v) in names.typed.values.iter() {
        scope.push_dynamic(k, v.to_dynamic());
    }
    for (k, v) in names.params.iter() {
        if let Some(v) = v.value.as_ref() {
            scope.push_dynamic(k.to_string(), v.to_dynamic());
        }
    }
    for (k, v) in names.extra {
        scope.push_dynamic(*k, v.to_dynamic());
    }
}

impl Ran<'_> {
    pub fn as_bool(&self) -> Result<bool, ValueKind> {
        match self {
            Ran::Native(Val::Bool(b)) => Ok(*b),
            Ran::Native(v) => Err(kind(*v)),
            Ran::Rhai(d) => d.as_bool().map_err(|_| crate::rules::expr::gives(d)),
        }
    }

    pub fn as_number(&self) -> Result<f64, ValueKind> {
        match self {
            Ran::Native(Val::Int(i)) => Ok(*i as f64),
            Ran::Native(Val::Float(x)) => Ok(*x),
            Ran::Native(v) => Err(kind(*v)),
            Ran::Rhai(d) => d
                .as_float()
                .ok()
                .or_else(|| d.as_int().ok().map(|i| i as f64))
                .ok_or_else(|| crate::rules::expr::gives(d)),
        }
    }

    pub fn to_value(&self) -> Option<Value> {
        match self {
            Ran::Native(v) => Some(v.to_value()),
            Ran::Rhai(d) => Value::from_dynamic(d),
        }
    }
}

fn kind(v: Val<'_>) -> ValueKind {
    match v {
        Val::Bool(_) => ValueKind::YesNo,
        Val::Int(_) | Val::Float(_) => ValueKind::Number,
        Val::Str(_) => ValueKind::Text,
    }
}

/// A verdict's condition on the counts; `scope` is filled from them on first need.
pub(super) fn verdict_holds(
    engine: &Engine,
    mode: Expressions,
    counts: &[(&str, Value)],
    scope: &mut Option<Scope<'static>>,
    e: &Expression,
) -> Result<bool, Box<EvalAltResult>> {
    if let Some(Val::Bool(b)) = native(mode, e, &Vars(counts), Want::Bool) {
        return Ok(b);
    }
    let scope = scope.get_or_insert_with(|| {
        let mut s = Scope::new();
        for (k, v) in counts {
            s.push_dynamic(k.to_string(), v.to_dynamic());
        }
        s
    });
    engine.eval_ast_with_scope::<bool>(scope, &e.ast)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::diag::Span;

    fn expression(engine: &Engine, src: &str) -> Expression {
        let mut scope = Scope::new();
        scope.push("x", 1_i64);
        let ast = engine.compile_expression_with_scope(&scope, src).unwrap();
        Expression {
            source: src.to_string(),
            native: crate::rules::native::compile(&ast).map(std::sync::Arc::new),
            ast,
            span: Span::file_only("t.yaml"),
            slots: Box::default(),
        }
    }

    /// The scope is left alone while expressions run natively, and filled (once) with
    /// the unit's values when one needs Rhai or Rhai is asked for.
    #[test]
    fn the_scope_is_filled_only_when_rhai_runs() {
        let engine = crate::core::sandbox::engine();
        let typed = Typed {
            values: [("x", Value::Int(3))].into_iter().collect(),
            out_of_range: Default::default(),
        };
        let params = Params::default();
        let names = Names {
            typed: &typed,
            params: &params,
            extra: &[],
        };
        let (native, rhai) = (
            expression(&engine, "x > 2"),
            expression(&engine, "abs(x) > 2"),
        );
        let stale = || {
            let mut s = Scope::new();
            s.push("stale", 0_i64);
            s
        };
        let mut scope = stale();
        let mut x = Exprs::new(&mut scope, Expressions::Auto);
        assert!(matches!(
            x.run(&engine, &names, &native, Want::Bool),
            Ok(Ran::Native(Val::Bool(true)))
        ));
        assert!(!x.filled);
        assert!(matches!(
            x.run(&engine, &names, &rhai, Want::Bool),
            Ok(Ran::Rhai(_))
        ));
        assert!(x.filled);
        assert!(scope.contains("x") && !scope.contains("stale"));
        let mut scope = stale();
        let mut x = Exprs::new(&mut scope, Expressions::RhaiOnly);
        assert!(matches!(
            x.run(&engine, &names, &native, Want::Bool),
            Ok(Ran::Rhai(_))
        ));
        assert!(scope.contains("x") && !scope.contains("stale"));
    }
}
