//! Rhai's AST into the native tree: anything outside the subset gives `None` (the
//! expression then always runs in Rhai).

use super::tree::{Arith, Cmp, Node};
use rhai::{Expr, FnCallExpr, Stmt, StmtBlock, AST};

/// At most this many nodes: far below what Rhai's operation limit could stop.
const MAX_NODES: usize = 1_000;

/// The tree of a compiled expression, when all of it is in the subset.
pub(super) fn root(ast: &AST) -> Option<(Node, Box<[Box<str>]>)> {
    let mut budget = MAX_NODES;
    let mut root = block(ast.statements(), &mut budget)?;
    let mut vars = Vec::new();
    number(&mut root, &mut vars);
    Some((root, vars.into()))
}

/// Each name numbered by first use (the same name, the same number), so that a rule
/// set can resolve an expression's names once.
fn number(n: &mut Node, vars: &mut Vec<Box<str>>) {
    match n {
        Node::Var(i, name) => {
            let at = vars.iter().position(|v| v == name).unwrap_or_else(|| {
                vars.push(name.clone());
                vars.len() - 1
            });
            // MAX_NODES bounds the count far below u32.
            *i = at as u32;
        }
        Node::Bool(_) | Node::Int(_) | Node::Float(_) | Node::Str(_) => {}
        Node::Neg(x) | Node::Plus(x) | Node::Not(x) => number(x, vars),
        Node::Arith(_, xy) | Node::Cmp(_, xy) => {
            number(&mut xy.0, vars);
            number(&mut xy.1, vars);
        }
        Node::And(xs) | Node::Or(xs) => xs.iter_mut().for_each(|x| number(x, vars)),
        Node::If(x) => {
            number(&mut x.0, vars);
            number(&mut x.1, vars);
            number(&mut x.2, vars);
        }
    }
}

/// A block that is one statement giving a value (the body of an `if`, or the AST).
fn block(stmts: &[Stmt], budget: &mut usize) -> Option<Node> {
    match stmts {
        [s] => stmt(s, budget),
        _ => None,
    }
}

fn stmt(s: &Stmt, budget: &mut usize) -> Option<Node> {
    match s {
        Stmt::Expr(e) => expr(e, budget),
        Stmt::FnCall(call, _) => fn_call(call, budget),
        Stmt::If(flow, _) => {
            spend(budget)?;
            let guard = expr(&flow.expr, budget)?;
            let then = body(&flow.body, budget)?;
            let other = body(&flow.branch, budget)?;
            Some(Node::If(Box::new((guard, then, other))))
        }
        _ => None,
    }
}

fn body(b: &StmtBlock, budget: &mut usize) -> Option<Node> {
    block(b.statements(), budget)
}

fn spend(budget: &mut usize) -> Option<()> {
    *budget = budget.checked_sub(1)?;
    Some(())
}

fn expr(e: &Expr, budget: &mut usize) -> Option<Node> {
    spend(budget)?;
    Some(match e {
        Expr::BoolConstant(b, _) => Node::Bool(*b),
        Expr::IntegerConstant(i, _) => Node::Int(*i),
        Expr::FloatConstant(x, _) => Node::Float(**x),
        Expr::StringConstant(s, _) => Node::Str(s.as_str().into()),
        Expr::Variable(v, _, _) if v.2.is_empty() => Node::Var(0, v.1.as_str().into()),
        Expr::FnCall(call, _) => return fn_call(call, budget),
        Expr::And(xs, _) => Node::And(list(xs, budget)?),
        Expr::Or(xs, _) => Node::Or(list(xs, budget)?),
        Expr::Stmt(b) => return body(b, budget),
        _ => return None,
    })
}

fn list(xs: &[Expr], budget: &mut usize) -> Option<Box<[Node]>> {
    xs.iter().map(|x| expr(x, budget)).collect()
}

/// An operator (a call Rhai marks as one); a named function is not in the subset.
fn fn_call(call: &FnCallExpr, budget: &mut usize) -> Option<Node> {
    if call.op_token.is_none() || !call.namespace.is_empty() {
        return None;
    }
    match (call.name.as_str(), call.args.as_slice()) {
        (op, [x]) => {
            let x = Box::new(expr(x, budget)?);
            match op {
                "-" => Some(Node::Neg(x)),
                "+" => Some(Node::Plus(x)),
                "!" => Some(Node::Not(x)),
                _ => None,
            }
        }
        (op, [a, b]) => {
            let pair = |budget: &mut usize| Some(Box::new((expr(a, budget)?, expr(b, budget)?)));
            if let Some(op) = arith(op) {
                return Some(Node::Arith(op, pair(budget)?));
            }
            let op = cmp(op)?;
            Some(Node::Cmp(op, pair(budget)?))
        }
        _ => None,
    }
}

fn arith(op: &str) -> Option<Arith> {
    Some(match op {
        "+" => Arith::Add,
        "-" => Arith::Sub,
        "*" => Arith::Mul,
        "/" => Arith::Div,
        _ => return None,
    })
}

fn cmp(op: &str) -> Option<Cmp> {
    Some(match op {
        "==" => Cmp::Eq,
        "!=" => Cmp::Ne,
        "<" => Cmp::Lt,
        "<=" => Cmp::Le,
        ">" => Cmp::Gt,
        ">=" => Cmp::Ge,
        _ => return None,
    })
}
