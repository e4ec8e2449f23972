//! The differential oracle: one expression run by both evaluators on the same values
//! (used by the tests and the fuzz target; evaluation never calls it).

use super::tree::Vars;
use super::Native;
use crate::core::value::Value;
use rhai::{Engine, Scope, AST};

/// How the two evaluators compare on one input.
#[derive(Debug, PartialEq)]
pub enum Agreement {
    /// The native evaluator left it to Rhai (which then decides alone).
    Undecided,
    /// Both gave the same value of the same type.
    Same,
    /// They differ: a bug in the native evaluator.
    Differ(String),
}

/// Run `ast` in Rhai and `native` (if any) on `vars`, and compare.
pub fn compare(
    engine: &Engine,
    ast: &AST,
    native: Option<&Native>,
    vars: &[(&str, Value)],
) -> Agreement {
    let env = Vars(vars);
    let Some(v) = native.and_then(|n| n.eval(&env)) else {
        return Agreement::Undecided;
    };
    let mut scope = Scope::new();
    for (k, x) in vars {
        scope.push_dynamic(k.to_string(), x.to_dynamic());
    }
    let rhai = engine.eval_ast_with_scope::<rhai::Dynamic>(&mut scope, ast);
    match rhai.as_ref().ok().and_then(Value::from_dynamic) {
        Some(r) if same(&r, &v.to_value()) => Agreement::Same,
        _ => Agreement::Differ(format!("native {v:?}, Rhai {rhai:?}")),
    }
}

/// Compile `src` as the rule loader does (strictly, with `vars` as the scope) and
/// compare; `None` when Rhai does not compile it.
pub fn compare_text(
    engine: &Engine,
    src: &str,
    vars: &[(&str, Value)],
) -> Option<(bool, Agreement)> {
    let mut scope = Scope::new();
    for (k, x) in vars {
        scope.push_dynamic(k.to_string(), x.to_dynamic());
    }
    let ast = engine.compile_expression_with_scope(&scope, src).ok()?;
    let native = super::compile(&ast);
    Some((
        native.is_some(),
        compare(engine, &ast, native.as_ref(), vars),
    ))
}

/// Same value and same type, floats bit for bit.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.to_bits() == y.to_bits(),
        _ => a == b,
    }
}
