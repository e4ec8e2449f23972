//! The native tree evaluated as the sandbox's Rhai does it (fast operators off, so
//! the registered and built-in operators of `core::sandbox`): `i64` arithmetic checked,
//! mixed `i64`/`f64` arithmetic in `f64`, `/` always exact and refusing zero, numbers
//! compared with Rhai's relative tolerance when a float is involved, values of unlike
//! types never equal, `&&` `||` short-circuit on yes/no only. `None` is "undecided":
//! Rhai gives an error there (or something this evaluator does not reproduce).

use super::tree::{Arith, Cmp, Env, Node, Val};

pub(super) fn eval<'a, E: Env<'a>>(n: &'a Node, env: &E) -> Option<Val<'a>> {
    Some(match n {
        Node::Bool(b) => Val::Bool(*b),
        Node::Int(i) => Val::Int(*i),
        Node::Float(x) => Val::Float(*x),
        Node::Str(s) => Val::Str(s),
        Node::Var(i, name) => return env.var(*i as usize, name),
        Node::Neg(x) => match eval(x, env)? {
            Val::Int(i) => Val::Int(i.checked_neg()?),
            Val::Float(x) => Val::Float(-x),
            _ => return None,
        },
        Node::Plus(x) => match eval(x, env)? {
            v @ (Val::Int(_) | Val::Float(_)) => v,
            _ => return None,
        },
        Node::Not(x) => match eval(x, env)? {
            Val::Bool(b) => Val::Bool(!b),
            _ => return None,
        },
        Node::Arith(op, xy) => return arith(*op, eval(&xy.0, env)?, eval(&xy.1, env)?),
        Node::Cmp(op, xy) => Val::Bool(compare(*op, eval(&xy.0, env)?, eval(&xy.1, env)?)),
        Node::And(xs) => Val::Bool(chain(xs, env, false)?),
        Node::Or(xs) => Val::Bool(chain(xs, env, true)?),
        Node::If(x) => {
            let (guard, then, other) = &**x;
            match eval(guard, env)? {
                Val::Bool(true) => return eval(then, env),
                Val::Bool(false) => return eval(other, env),
                _ => return None,
            }
        }
    })
}

/// `&&` (stops at the first `false`) or `||` (`stop` true: at the first `true`).
fn chain<'a, E: Env<'a>>(xs: &'a [Node], env: &E, stop: bool) -> Option<bool> {
    for x in xs {
        match eval(x, env)? {
            Val::Bool(b) if b == stop => return Some(stop),
            Val::Bool(_) => {}
            _ => return None,
        }
    }
    Some(!stop)
}

/// Both operands as floats, when both are numbers and at least one is a float.
fn floats(a: Val<'_>, b: Val<'_>) -> Option<(f64, f64)> {
    match (a, b) {
        (Val::Float(x), Val::Float(y)) => Some((x, y)),
        (Val::Int(x), Val::Float(y)) => Some((x as f64, y)),
        (Val::Float(x), Val::Int(y)) => Some((x, y as f64)),
        _ => None,
    }
}

fn arith<'a>(op: Arith, a: Val<'a>, b: Val<'a>) -> Option<Val<'a>> {
    if op == Arith::Div {
        // The sandbox's `/`: both as floats, a zero divisor is an error.
        let (x, y) = match (a, b) {
            (Val::Int(x), Val::Int(y)) => (x as f64, y as f64),
            _ => floats(a, b)?,
        };
        return (y != 0.0).then(|| Val::Float(x / y));
    }
    if let (Val::Int(x), Val::Int(y)) = (a, b) {
        let r = match op {
            Arith::Add => x.checked_add(y),
            Arith::Sub => x.checked_sub(y),
            _ => x.checked_mul(y),
        };
        return r.map(Val::Int);
    }
    let (x, y) = floats(a, b)?;
    Some(Val::Float(match op {
        Arith::Add => x + y,
        Arith::Sub => x - y,
        _ => x * y,
    }))
}

fn compare(op: Cmp, a: Val<'_>, b: Val<'_>) -> bool {
    match (a, b) {
        (Val::Int(x), Val::Int(y)) => ordered(op, &x, &y),
        (Val::Bool(x), Val::Bool(y)) => ordered(op, &x, &y),
        (Val::Str(x), Val::Str(y)) => ordered(op, &x, &y),
        _ => match floats(a, b) {
            Some((x, y)) => float_compare(op, x, y),
            // Unlike types: only `!=` holds.
            None => op == Cmp::Ne,
        },
    }
}

fn ordered<T: PartialOrd>(op: Cmp, x: &T, y: &T) -> bool {
    match op {
        Cmp::Eq => x == y,
        Cmp::Ne => x != y,
        Cmp::Lt => x < y,
        Cmp::Le => x <= y,
        Cmp::Gt => x > y,
        Cmp::Ge => x >= y,
    }
}

/// Rhai's float comparison (checked builds): relative to the larger magnitude, within
/// `f64::EPSILON` counts as equal.
#[allow(clippy::float_cmp)]
fn float_compare(op: Cmp, x: f64, y: f64) -> bool {
    let max = if x * y == 0.0 {
        1.0
    } else {
        x.abs().max(y.abs())
    };
    if max == 0.0 {
        return matches!(op, Cmp::Eq | Cmp::Ge | Cmp::Le);
    }
    match op {
        Cmp::Eq => (x - y).abs() / max <= f64::EPSILON,
        Cmp::Ne => (x - y).abs() / max > f64::EPSILON,
        Cmp::Gt => (x - y) / max > f64::EPSILON,
        Cmp::Ge => (x - y) / max > -f64::EPSILON,
        Cmp::Lt => (y - x) / max > f64::EPSILON,
        Cmp::Le => (y - x) / max > -f64::EPSILON,
    }
}
