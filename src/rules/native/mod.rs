//! Native expressions: the common subset of rule expressions (literals, names,
//! comparisons, `&&` `||` `!`, `+ - * /`, unary minus, `if … else`) compiled once, from
//! the same Rhai AST the sandbox runs, into a small tree evaluated without Rhai.
//!
//! The native evaluator gives exactly what Rhai gives (same value, same type) or
//! nothing: whenever a case could end differently — an unexpected type, an integer
//! overflow, a division by zero, a missing name, a long text — it answers
//! "undecided" (`None`) and the caller runs the Rhai AST, so every error, and its
//! position, stays Rhai's. `tests/it/native.rs` compares both paths on every bundled
//! expression.

pub mod check;
mod compile;
mod eval;
mod tree;

pub use tree::{Env, Val, Vars};

/// Which evaluator expressions run in (an evaluation option; the outcome is the same).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Expressions {
    /// Native first, Rhai for what the native evaluator leaves undecided.
    #[default]
    Auto,
    /// Rhai only (for comparison and benchmarks).
    RhaiOnly,
}

/// Where a name an expression reads is found, in the order evaluation looks: a
/// built-in (recognition's criteria counts), then a threshold, then a field. A name
/// can be more than one (a parameter named like a field); the first with a value wins,
/// exactly as the Rhai scope's order gives it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Slot {
    pub builtin: bool,
    pub param: Option<u32>,
    pub field: Option<u32>,
}

/// An expression compiled to the native subset.
#[derive(Debug)]
pub struct Native {
    root: tree::Node,
    /// The names it reads, by first use: `Env::var`'s numbering.
    vars: Box<[Box<str>]>,
}

/// The native form of a compiled expression, when all of it is in the subset.
pub fn compile(ast: &rhai::AST) -> Option<Native> {
    compile::root(ast).map(|(root, vars)| Native { root, vars })
}

impl Native {
    /// The names the expression reads, numbered as `Env::var` is asked for them.
    pub fn vars(&self) -> &[Box<str>] {
        &self.vars
    }

    /// The expression's value, or `None` when Rhai must decide.
    pub fn eval<'a, E: Env<'a>>(&'a self, env: &E) -> Option<Val<'a>> {
        let v = eval::eval(&self.root, env)?;
        // Rhai checks the size of what it returns; a text that long is left to it.
        match v {
            Val::Str(s) if s.len() > crate::core::sandbox::MAX_STRING => None,
            v => Some(v),
        }
    }
}

#[cfg(test)]
mod tests;
