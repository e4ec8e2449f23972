//! The native tree and the values it computes with.

use crate::core::value::Value;

/// A value while an expression runs; texts are borrowed from the input or the tree.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Val<'a> {
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(&'a str),
}

impl<'a> Val<'a> {
    /// A typed value as Rhai sees it in a scope (`Value::to_dynamic`).
    pub fn of(v: &'a Value) -> Val<'a> {
        match v {
            Value::Bool(b) => Val::Bool(*b),
            Value::Int(i) => Val::Int(*i),
            Value::Number(x) => Val::Float(*x),
            Value::Text(s) => Val::Str(s),
        }
    }

    /// The value as `Value::from_dynamic` would give it from Rhai's result.
    pub fn to_value(self) -> Value {
        match self {
            Val::Bool(b) => Value::Bool(b),
            Val::Int(i) => Value::Int(i),
            Val::Float(x) => Value::Number(x),
            Val::Str(s) => Value::Text(s.to_string()),
        }
    }
}

/// The names an expression reads, as the Rhai scope would give them; values live as
/// long as `'a`.
pub trait Env<'a> {
    fn get(&self, name: &str) -> Option<Val<'a>>;

    /// The expression's `index`-th name (`Native::vars`): an environment that resolved
    /// the names once may answer without looking `name` up.
    fn var(&self, index: usize, name: &str) -> Option<Val<'a>> {
        let _ = index;
        self.get(name)
    }
}

/// Named values, read as a scope they were pushed into in this order would give them
/// (a later one hides an earlier one of the same name).
pub struct Vars<'a>(pub &'a [(&'a str, Value)]);

impl<'a> Env<'a> for Vars<'a> {
    fn get(&self, name: &str) -> Option<Val<'a>> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| Val::of(v))
    }
}

/// A tree of the native subset.
#[derive(Debug)]
pub(super) enum Node {
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Box<str>),
    /// A name, numbered by first use in the expression (`Native::vars`).
    Var(u32, Box<str>),
    Neg(Box<Node>),
    Plus(Box<Node>),
    Not(Box<Node>),
    Arith(Arith, Box<(Node, Node)>),
    Cmp(Cmp, Box<(Node, Node)>),
    And(Box<[Node]>),
    Or(Box<[Node]>),
    If(Box<(Node, Node, Node)>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Arith {
    Add,
    Sub,
    Mul,
    Div,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Cmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}
