//! The subset of Rhai that indicator expressions use, parsed once into a tree, then
//! compiled into native closures (for the native evaluator) or into decision-table rows
//! (for ZEN). Anything outside the subset is an error: the benchmark never evaluates an
//! expression differently from ntm without saying so.
//!
//! Grammar (Rhai precedence, loosest first): `||`, `&&`, `==` `!=`, `<` `<=` `>` `>=`,
//! `+` `-`, `*`, unary `!` `-`, then numbers, `true`/`false`, identifiers, `( … )` and
//! `if c { a } else { b }`. Division and remainder are refused: Rhai divides integers
//! as integers, which a float evaluator would not reproduce.

use anyhow::{bail, Result};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Mul,
}

impl Op {
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Or => "||",
            Op::And => "&&",
            Op::Eq => "==",
            Op::Ne => "!=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::Add => "+",
            Op::Sub => "-",
            Op::Mul => "*",
        }
    }
    pub fn is_comparison(self) -> bool {
        matches!(self, Op::Eq | Op::Ne | Op::Lt | Op::Le | Op::Gt | Op::Ge)
    }
    /// The comparison that holds exactly when this one does not (for numbers).
    pub fn negated(self) -> Option<Op> {
        Some(match self {
            Op::Eq => Op::Ne,
            Op::Ne => Op::Eq,
            Op::Lt => Op::Ge,
            Op::Le => Op::Gt,
            Op::Gt => Op::Le,
            Op::Ge => Op::Lt,
            _ => return None,
        })
    }
    /// `a op b` ⇔ `b flipped a`.
    pub fn flipped(self) -> Op {
        match self {
            Op::Lt => Op::Gt,
            Op::Le => Op::Ge,
            Op::Gt => Op::Lt,
            Op::Ge => Op::Le,
            o => o,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Num(f64),
    Bool(bool),
    Var(String),
    Not(Box<Expr>),
    Neg(Box<Expr>),
    Bin(Op, Box<Expr>, Box<Expr>),
    If(Box<Expr>, Box<Expr>, Box<Expr>),
}

impl Expr {
    /// Every identifier read, in first-use order.
    pub fn vars(&self) -> Vec<String> {
        fn walk(e: &Expr, out: &mut Vec<String>) {
            match e {
                Expr::Num(_) | Expr::Bool(_) => {}
                Expr::Var(v) => {
                    if !out.contains(v) {
                        out.push(v.clone());
                    }
                }
                Expr::Not(a) | Expr::Neg(a) => walk(a, out),
                Expr::Bin(_, a, b) => {
                    walk(a, out);
                    walk(b, out);
                }
                Expr::If(c, a, b) => {
                    walk(c, out);
                    walk(a, out);
                    walk(b, out);
                }
            }
        }
        let mut out = Vec::new();
        walk(self, &mut out);
        out
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(f64),
    Ident(String),
    Op(&'static str),
}

fn lex(src: &str) -> Result<Vec<Tok>> {
    let b = src.as_bytes();
    let mut i = 0;
    let mut out = Vec::new();
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            let start = i;
            while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_' || b[i] == b'.') {
                i += 1;
            }
            let text: String = src[start..i].chars().filter(|c| *c != '_').collect();
            if text.ends_with('.') || text.matches('.').count() > 1 {
                bail!("number `{}` is not in the supported subset", &src[start..i]);
            }
            out.push(Tok::Num(text.parse()?));
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            out.push(Tok::Ident(src[start..i].to_string()));
        } else {
            const OPS: [&str; 19] = [
                "||", "&&", "==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "!", "(", ")", "{",
                "}", "/", "%", ";",
            ];
            let Some(op) = OPS.iter().find(|o| src[i..].starts_with(**o)) else {
                bail!("character `{}` is not in the supported subset", &src[i..=i]);
            };
            if matches!(*op, "/" | "%" | ";") {
                bail!("`{op}` is not in the supported subset (integer division, statements)");
            }
            out.push(Tok::Op(op));
            i += op.len();
        }
    }
    Ok(out)
}

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }
    fn eat(&mut self, op: &str) -> bool {
        if matches!(self.peek(), Some(Tok::Op(o)) if *o == op) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn expect(&mut self, op: &str) -> Result<()> {
        if !self.eat(op) {
            bail!("expected `{op}` at token {}", self.pos + 1);
        }
        Ok(())
    }
    fn binary(&mut self, level: usize) -> Result<Expr> {
        const LEVELS: [&[(&str, Op)]; 5] = [
            &[("||", Op::Or)],
            &[("&&", Op::And)],
            &[("==", Op::Eq), ("!=", Op::Ne)],
            &[("<=", Op::Le), (">=", Op::Ge), ("<", Op::Lt), (">", Op::Gt)],
            &[("+", Op::Add), ("-", Op::Sub)],
        ];
        if level == LEVELS.len() {
            return self.product();
        }
        let mut lhs = self.binary(level + 1)?;
        loop {
            let Some(&(_, op)) = LEVELS[level].iter().find(|(s, _)| self.eat(s)) else {
                return Ok(lhs);
            };
            let rhs = self.binary(level + 1)?;
            if op.is_comparison() {
                if let Expr::Bin(o, ..) = &lhs {
                    if o.is_comparison() {
                        bail!("chained comparisons are not in the supported subset");
                    }
                }
            }
            lhs = Expr::Bin(op, Box::new(lhs), Box::new(rhs));
        }
    }
    fn product(&mut self) -> Result<Expr> {
        let mut lhs = self.unary()?;
        while self.eat("*") {
            let rhs = self.unary()?;
            lhs = Expr::Bin(Op::Mul, Box::new(lhs), Box::new(rhs));
        }
        Ok(lhs)
    }
    fn unary(&mut self) -> Result<Expr> {
        if self.eat("!") {
            return Ok(Expr::Not(Box::new(self.unary()?)));
        }
        if self.eat("-") {
            return Ok(Expr::Neg(Box::new(self.unary()?)));
        }
        self.primary()
    }
    fn primary(&mut self) -> Result<Expr> {
        let tok = self.peek().cloned();
        self.pos += 1;
        match tok {
            Some(Tok::Num(x)) => Ok(Expr::Num(x)),
            Some(Tok::Ident(id)) => match id.as_str() {
                "true" => Ok(Expr::Bool(true)),
                "false" => Ok(Expr::Bool(false)),
                "if" => self.if_rest(),
                _ => {
                    if matches!(self.peek(), Some(Tok::Op("("))) {
                        bail!("function call `{id}(…)` is not in the supported subset");
                    }
                    Ok(Expr::Var(id))
                }
            },
            Some(Tok::Op("(")) => {
                let e = self.binary(0)?;
                self.expect(")")?;
                Ok(e)
            }
            Some(t) => bail!("unexpected {t:?}"),
            None => bail!("unexpected end of expression"),
        }
    }
    fn if_rest(&mut self) -> Result<Expr> {
        let cond = self.binary(0)?;
        self.expect("{")?;
        let then = self.binary(0)?;
        self.expect("}")?;
        match self.peek() {
            Some(Tok::Ident(k)) if k == "else" => self.pos += 1,
            _ => bail!("`if` without `else` is not in the supported subset"),
        }
        let other = if matches!(self.peek(), Some(Tok::Ident(k)) if k == "if") {
            self.pos += 1;
            self.if_rest()?
        } else {
            self.expect("{")?;
            let e = self.binary(0)?;
            self.expect("}")?;
            e
        };
        Ok(Expr::If(Box::new(cond), Box::new(then), Box::new(other)))
    }
}

/// Parse an indicator expression, or say why it is outside the supported subset.
pub fn parse(src: &str) -> Result<Expr> {
    let mut p = Parser {
        toks: lex(src)?,
        pos: 0,
    };
    let e = p.binary(0)?;
    if p.pos != p.toks.len() {
        bail!("unexpected {:?} after the expression", p.toks[p.pos]);
    }
    Ok(e)
}

/// A value an identifier is bound to when compiling: a slot of the row, or a constant.
#[derive(Clone, Copy, Debug)]
pub enum Binding {
    NumSlot(usize),
    BoolSlot(usize),
    Num(f64),
    Bool(bool),
}

/// The typed values of one record, by slot (only read when every input is present).
pub struct Row {
    pub nums: Vec<f64>,
    pub bools: Vec<bool>,
}

pub type NumFn = Box<dyn Fn(&Row) -> f64 + Send + Sync>;
pub type BoolFn = Box<dyn Fn(&Row) -> bool + Send + Sync>;

pub enum Compiled {
    Num(NumFn),
    Bool(BoolFn),
}

/// Compile an expression into a closure tree, with each identifier bound by `bind`.
/// Type errors (a yes/no compared with a number …) are errors, as in Rhai.
pub fn compile(e: &Expr, bind: &dyn Fn(&str) -> Result<Binding>) -> Result<Compiled> {
    Ok(match e {
        Expr::Num(x) => {
            let x = *x;
            Compiled::Num(Box::new(move |_| x))
        }
        Expr::Bool(b) => {
            let b = *b;
            Compiled::Bool(Box::new(move |_| b))
        }
        Expr::Var(v) => match bind(v)? {
            Binding::NumSlot(i) => Compiled::Num(Box::new(move |r| r.nums[i])),
            Binding::BoolSlot(i) => Compiled::Bool(Box::new(move |r| r.bools[i])),
            Binding::Num(x) => Compiled::Num(Box::new(move |_| x)),
            Binding::Bool(b) => Compiled::Bool(Box::new(move |_| b)),
        },
        Expr::Not(a) => {
            let a = boolean(a, bind)?;
            Compiled::Bool(Box::new(move |r| !a(r)))
        }
        Expr::Neg(a) => {
            let a = number(a, bind)?;
            Compiled::Num(Box::new(move |r| -a(r)))
        }
        Expr::If(c, a, b) => {
            let c = boolean(c, bind)?;
            match (compile(a, bind)?, compile(b, bind)?) {
                (Compiled::Num(a), Compiled::Num(b)) => {
                    Compiled::Num(Box::new(move |r| if c(r) { a(r) } else { b(r) }))
                }
                (Compiled::Bool(a), Compiled::Bool(b)) => {
                    Compiled::Bool(Box::new(move |r| if c(r) { a(r) } else { b(r) }))
                }
                _ => bail!("the branches of `if` have different types"),
            }
        }
        Expr::Bin(op, a, b) => match op {
            Op::And => {
                let (a, b) = (boolean(a, bind)?, boolean(b, bind)?);
                Compiled::Bool(Box::new(move |r| a(r) && b(r)))
            }
            Op::Or => {
                let (a, b) = (boolean(a, bind)?, boolean(b, bind)?);
                Compiled::Bool(Box::new(move |r| a(r) || b(r)))
            }
            Op::Add | Op::Sub | Op::Mul => {
                let (a, b) = (number(a, bind)?, number(b, bind)?);
                Compiled::Num(match op {
                    Op::Add => Box::new(move |r| a(r) + b(r)),
                    Op::Sub => Box::new(move |r| a(r) - b(r)),
                    _ => Box::new(move |r| a(r) * b(r)),
                })
            }
            Op::Eq | Op::Ne => match (compile(a, bind)?, compile(b, bind)?) {
                (Compiled::Num(a), Compiled::Num(b)) => Compiled::Bool(if *op == Op::Eq {
                    Box::new(move |r| a(r) == b(r))
                } else {
                    Box::new(move |r| a(r) != b(r))
                }),
                (Compiled::Bool(a), Compiled::Bool(b)) => Compiled::Bool(if *op == Op::Eq {
                    Box::new(move |r| a(r) == b(r))
                } else {
                    Box::new(move |r| a(r) != b(r))
                }),
                _ => bail!("`{}` between a number and a yes/no", op.symbol()),
            },
            Op::Lt | Op::Le | Op::Gt | Op::Ge => {
                let (a, b) = (number(a, bind)?, number(b, bind)?);
                Compiled::Bool(match op {
                    Op::Lt => Box::new(move |r| a(r) < b(r)),
                    Op::Le => Box::new(move |r| a(r) <= b(r)),
                    Op::Gt => Box::new(move |r| a(r) > b(r)),
                    _ => Box::new(move |r| a(r) >= b(r)),
                })
            }
        },
    })
}

fn number(e: &Expr, bind: &dyn Fn(&str) -> Result<Binding>) -> Result<NumFn> {
    match compile(e, bind)? {
        Compiled::Num(f) => Ok(f),
        Compiled::Bool(_) => bail!("a yes/no where a number is needed"),
    }
}

pub fn boolean(e: &Expr, bind: &dyn Fn(&str) -> Result<Binding>) -> Result<BoolFn> {
    match compile(e, bind)? {
        Compiled::Bool(f) => Ok(f),
        Compiled::Num(_) => bail!("a number where a yes/no is needed"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(src: &str, a: f64, flag: bool) -> bool {
        let e = parse(src).expect("parses");
        let bind = |v: &str| -> Result<Binding> {
            Ok(match v {
                "a" => Binding::NumSlot(0),
                "f" => Binding::BoolSlot(0),
                "k" => Binding::Num(10.0),
                _ => bail!("unknown {v}"),
            })
        };
        let f = boolean(&e, &bind).expect("compiles");
        f(&Row {
            nums: vec![a],
            bools: vec![flag],
        })
    }

    #[test]
    fn the_subset_evaluates_like_rhai() {
        assert!(run("a >= k", 10.0, false));
        assert!(!run("a >= k && f", 10.0, false));
        assert!(run("a >= k || f", 1.0, true));
        assert!(run("!f && a < 2 * k - 1", 18.5, false));
        assert!(run("a >= (if a > 5 { k } else { 0 })", 3.0, false));
        assert!(run(
            "a >= (if a > 5 { k } else if f { 1 } else { 20 })",
            3.0,
            true
        ));
    }

    #[test]
    fn outside_the_subset_is_an_error() {
        for src in [
            "a / 2 > 1",
            "len(a) > 1",
            "a < k < 3",
            "if f { 1 }",
            "a;b",
            "a.",
        ] {
            assert!(parse(src).is_err(), "{src}");
        }
        let bind = |_: &str| Ok(Binding::BoolSlot(0));
        assert!(boolean(&parse("f >= 1").expect("parses"), &bind).is_err());
    }
}
