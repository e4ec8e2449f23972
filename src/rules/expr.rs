//! Rhai expressions inside rule files: compiled once, checked for unknown names and
//! mismatched comparisons, and with Rhai positions mapped back to YAML line:column.

use crate::core::diag::{Diagnostic, Span};
use crate::core::problem::{ExprLimit, ExprProblem, Owner, ValueKind};
use crate::rules::model::FieldType;
use rhai::{ASTNode, Engine, Expr, Position, Scope, AST};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Clone, Debug)]
pub struct Expression {
    pub source: String,
    pub ast: AST,
    /// Where the expression text starts in the YAML file.
    pub span: Span,
    /// The same expression for the native evaluator, when it is in its subset.
    pub native: Option<std::sync::Arc<super::native::Native>>,
    /// Where each name of the native form is found in the set (bound when the set is built); empty
    /// before binding, when names are looked up as they are read.
    pub slots: Box<[super::native::Slot]>,
}

/// The static type of a name an expression may read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StaticType {
    Number,
    Bool,
    Text,
}

impl StaticType {
    pub fn of_field(t: FieldType) -> StaticType {
        match t {
            FieldType::Number | FieldType::Percent | FieldType::Count => StaticType::Number,
            FieldType::Bool => StaticType::Bool,
            FieldType::Text => StaticType::Text,
        }
    }
    fn kind(self) -> ValueKind {
        match self {
            StaticType::Number => ValueKind::Number,
            StaticType::Bool => ValueKind::YesNo,
            StaticType::Text => ValueKind::Text,
        }
    }
    fn sample(self) -> rhai::Dynamic {
        match self {
            StaticType::Number => 1.0_f64.into(),
            StaticType::Bool => true.into(),
            StaticType::Text => "".into(),
        }
    }
}

/// What an expression is allowed to read, with the kind of each name for messages.
pub struct Names<'a> {
    pub types: &'a BTreeMap<String, (StaticType, &'static str)>,
}

/// Map a Rhai position inside `expr` to the YAML file: `at` is where the scalar
/// starts (its first character, or the `|`/`>` of a block scalar).
pub fn map_position(yaml: &str, at: &Span, expr: &str, pos: Position) -> Span {
    let fallback = at.clone();
    let (Some(rl), Some(rc)) = (pos.line(), pos.position()) else {
        return fallback;
    };
    let offset: usize = expr
        .split('\n')
        .take(rl.saturating_sub(1))
        .map(|l| l.chars().count() + 1)
        .sum::<usize>()
        + rc.saturating_sub(1);
    let lines: Vec<&str> = yaml.lines().collect();
    let Some(first) = lines.get(at.line.wrapping_sub(1)) else {
        return fallback;
    };
    let lead = |l: &str| l.chars().take_while(|c| *c == ' ').count();
    // Segments of the scalar's text: (line, first column, length in chars).
    let mut segs: Vec<(usize, usize, usize)> = Vec::new();
    let head: Vec<char> = first.chars().collect();
    let c0 = head.get(at.column.wrapping_sub(1)).copied();
    let (mut next, block) = match c0 {
        Some('|') | Some('>') => (at.line, true),
        Some('"') | Some('\'') => {
            let len = head.len().saturating_sub(at.column + 1);
            segs.push((at.line, at.column + 1, len));
            (at.line, false)
        }
        _ => {
            let len = head.len().saturating_sub(at.column - 1);
            segs.push((at.line, at.column, len));
            (at.line, false)
        }
    };
    let mut total: usize = segs.iter().map(|s| s.2 + 1).sum();
    // A block scalar loses the indentation of its first line only: deeper lines keep
    // their extra spaces in the expression text.
    let mut block_indent: Option<usize> = None;
    // The YAML library may place a block scalar at its first line of text rather than
    // at its `|`: the line before then ends with the indicator.
    let after_indicator = at
        .line
        .checked_sub(2)
        .and_then(|i| lines.get(i))
        .map(|l| l.trim_end())
        .is_some_and(|l| {
            ["|", "|-", "|+", ">", ">-", ">+"]
                .iter()
                .any(|i| l.ends_with(i))
        });
    let block = if !block && after_indicator {
        block_indent = Some(at.column.saturating_sub(1));
        true
    } else {
        block
    };
    while total <= offset && next < lines.len() {
        let l = lines[next];
        next += 1;
        if !block && l.trim().is_empty() {
            break;
        }
        let ind = if block && !l.trim().is_empty() {
            *block_indent.get_or_insert(lead(l))
        } else {
            lead(l)
        };
        let len = l.trim_end().chars().count().saturating_sub(ind);
        segs.push((next, ind + 1, len));
        total += len + 1;
    }
    let mut acc = 0;
    for (line, col, len) in segs {
        if offset <= acc + len {
            return at.at(line, col + (offset - acc));
        }
        acc += len + 1;
    }
    fallback
}

/// A scope with sample values for the names an expression's text mentions, and only
/// those: a set with thousands of fields compiles each expression in time linear in
/// the expression, not in the set (a scope is searched name by name).
fn scope_for(source: &str, names: &Names<'_>) -> Scope<'static> {
    let mut scope = Scope::new();
    let mut seen: Vec<&str> = Vec::new();
    for word in source.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
        if word.is_empty() || seen.contains(&word) {
            continue;
        }
        seen.push(word);
        if let Some((ty, _)) = names.types.get(word) {
            scope.push_dynamic(word.to_string(), ty.sample());
        }
    }
    scope
}

/// Compile one expression. `what` is what it belongs to ("indicator 4.2").
pub fn compile(
    engine: &Engine,
    yaml: &str,
    file: &Path,
    at: Span,
    source: &str,
    names: &Names<'_>,
    what: &Owner,
) -> Result<(Expression, Vec<String>), Vec<Diagnostic>> {
    let _ = file;
    let scope = scope_for(source, names);
    let source_trimmed = source.trim_end();
    let ast = match engine.compile_expression_with_scope(&scope, source_trimmed) {
        Ok(ast) => ast,
        Err(e) => {
            let d = parse_error(yaml, &at, source_trimmed, &e, names, what);
            return Err(vec![d]);
        }
    };
    let mut walk = Walk {
        yaml,
        at: &at,
        source: source_trimmed,
        names,
        what,
        used: Vec::new(),
        errors: Vec::new(),
    };
    ast.walk(&mut |path: &[ASTNode]| {
        if let Some(ASTNode::Expr(e)) = path.last() {
            walk.visit(e);
        }
        true
    });
    let Walk { used, errors, .. } = walk;
    if !errors.is_empty() {
        return Err(errors);
    }
    let native = super::native::compile(&ast).map(std::sync::Arc::new);
    Ok((
        Expression {
            source: source_trimmed.to_string(),
            ast,
            span: at,
            native,
            slots: Box::default(),
        },
        used,
    ))
}

/// Why an expression does not parse, in the editor's terms: an unknown name, an
/// operator written as on paper, or Rhai's own words.
fn parse_error(
    yaml: &str,
    at: &Span,
    source: &str,
    e: &rhai::ParseError,
    names: &Names<'_>,
    what: &Owner,
) -> Diagnostic {
    let span = map_position(yaml, at, source, e.position());
    match e.err_type() {
        rhai::ParseErrorType::VariableUndefined(name) => {
            unknown_name(span, name, names, what, source)
        }
        _ if slip_before(source, e.position()) => operator_slip(yaml, at, source, what),
        other => Diagnostic::error(
            span,
            ExprProblem::ExpressionSyntax {
                owner: what.clone(),
                detail: other.to_string(),
            },
        ),
    }
}

/// A walk over a compiled expression: the names it reads, in order of first use,
/// and what the parser lets through (division by a literal zero, comparing values of
/// different types).
struct Walk<'a> {
    yaml: &'a str,
    at: &'a Span,
    source: &'a str,
    names: &'a Names<'a>,
    what: &'a Owner,
    used: Vec<String>,
    errors: Vec<Diagnostic>,
}

impl Walk<'_> {
    fn visit(&mut self, e: &Expr) {
        match e {
            Expr::Variable(x, _, _) => {
                let n = x.1.to_string();
                if !self.used.contains(&n) {
                    self.used.push(n);
                }
            }
            Expr::FnCall(call, pos)
                if call.args.len() == 2
                    && matches!(call.name.as_str(), "/" | "%")
                    && (matches!(&call.args[1], Expr::IntegerConstant(0, _))
                        || matches!(&call.args[1], Expr::FloatConstant(x, _) if **x == 0.0)) =>
            {
                let owner = self.what.clone();
                self.error(*pos, ExprProblem::DivisionByZero { owner });
            }
            Expr::FnCall(call, pos) if call.args.len() == 2 && is_comparison(&call.name) => {
                let l = static_type(&call.args[0], self.names);
                let r = static_type(&call.args[1], self.names);
                if let (Some(l), Some(r)) = (l, r) {
                    if l != r {
                        let problem = ExprProblem::TypeMismatch {
                            owner: self.what.clone(),
                            op: call.name.to_string(),
                            left: l.kind(),
                            right: r.kind(),
                        };
                        self.error(*pos, problem);
                    }
                }
            }
            _ => {}
        }
    }

    fn error(&mut self, pos: Position, problem: ExprProblem) {
        let span = map_position(self.yaml, self.at, self.source, pos);
        self.errors.push(Diagnostic::error(span, problem));
    }
}

/// Whether a wrong operator comes at or before where the parser stopped (then it is
/// the likely cause; a later one is not).
fn slip_before(source: &str, pos: Position) -> bool {
    let Some(s) = super::hints::operator_slip(source) else {
        return false;
    };
    match (pos.line(), pos.position()) {
        (Some(l), Some(c)) => (s.line, s.column) <= (l, c),
        _ => true,
    }
}

/// An operator typed the way it is written on paper (`≥`, `và`, `=` …): say which to write.
fn operator_slip(yaml: &str, at: &Span, source: &str, what: &Owner) -> Diagnostic {
    let Some(s) = super::hints::operator_slip(source) else {
        return Diagnostic::error(
            at.clone(),
            ExprProblem::ExpressionSyntax {
                owner: what.clone(),
                detail: String::new(),
            },
        );
    };
    let pos = Position::new(s.line as u16, s.column as u16);
    let span = map_position(yaml, at, source, pos);
    Diagnostic::error(
        span,
        ExprProblem::ExpressionOperator {
            owner: what.clone(),
            found: s.found.to_string(),
            write: s.write.to_string(),
        },
    )
}

fn is_comparison(op: &str) -> bool {
    matches!(op, "==" | "!=" | "<" | ">" | "<=" | ">=")
}

fn static_type(e: &Expr, names: &Names<'_>) -> Option<StaticType> {
    match e {
        Expr::BoolConstant(..) => Some(StaticType::Bool),
        Expr::IntegerConstant(..) | Expr::FloatConstant(..) => Some(StaticType::Number),
        Expr::StringConstant(..) | Expr::CharConstant(..) => Some(StaticType::Text),
        Expr::Variable(x, ..) => names.types.get(x.1.as_str()).map(|t| t.0),
        _ => None,
    }
}

fn unknown_name(
    span: Span,
    name: &str,
    names: &Names<'_>,
    what: &Owner,
    source: &str,
) -> Diagnostic {
    // A name the expression already uses is never suggested: `a >= a_min` with `a_min`
    // misspelt must not become `a >= a`, a comparison of a value with itself.
    let used: Vec<&str> = source
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    let candidates = names
        .types
        .keys()
        .map(String::as_str)
        .filter(|k| !used.contains(k));
    let suggestion = crate::core::text::did_you_mean(name, candidates);
    let suggestion_is_parameter = suggestion
        .as_ref()
        .and_then(|s| names.types.get(s))
        .is_some_and(|t| t.1 == "parameter");
    Diagnostic::error(
        span,
        ExprProblem::UnknownField {
            owner: what.clone(),
            name: name.to_string(),
            suggestion,
            suggestion_is_parameter,
        },
    )
}

/// Run an expression once on sample values of the right types, to catch a wrong
/// type that only shows at run time, and check that the result has the wanted type.
pub fn probe(
    engine: &Engine,
    yaml: &str,
    expr: &Expression,
    names: &Names<'_>,
    want_bool: bool,
    what: &Owner,
) -> Result<(), Diagnostic> {
    let mut scope = scope_for(&expr.source, names);
    match engine.eval_ast_with_scope::<rhai::Dynamic>(&mut scope, &expr.ast) {
        Ok(v) => {
            let want = if want_bool {
                ValueKind::YesNo
            } else {
                ValueKind::Number
            };
            let ok = if want_bool {
                v.is_bool()
            } else {
                v.is_float() || v.is_int() || v.is_bool()
            };
            if !ok {
                return Err(Diagnostic::error(
                    expr.span.clone(),
                    ExprProblem::ExpressionType {
                        owner: what.clone(),
                        want,
                        gives: gives(&v),
                        score: false,
                    },
                ));
            }
            Ok(())
        }
        Err(e) => {
            let span = map_position(yaml, &expr.span, &expr.source, e.position());
            Err(runtime_error(span, &e, what))
        }
    }
}

/// The kind of a value an expression gave.
pub fn gives(v: &rhai::Dynamic) -> ValueKind {
    if v.is_float() || v.is_int() {
        ValueKind::Number
    } else if v.is_string() || v.is_char() {
        ValueKind::Text
    } else if v.is_bool() {
        ValueKind::YesNo
    } else {
        ValueKind::Other
    }
}

/// A run-time error of an expression, in the editor's terms.
pub fn runtime_error(span: Span, e: &rhai::EvalAltResult, what: &Owner) -> Diagnostic {
    use rhai::EvalAltResult as E;
    let owner = what.clone();
    let limit = |limit| ExprProblem::ExpressionLimit {
        owner: what.clone(),
        limit,
    };
    let problem = match e {
        E::ErrorTooManyOperations(..) => limit(ExprLimit::Operations),
        E::ErrorDataTooLarge(..) => limit(ExprLimit::Size),
        E::ErrorStackOverflow(..) | E::ErrorTooManyModules(..) => limit(ExprLimit::Depth),
        E::ErrorFunctionNotFound(sig, ..)
            if sig.starts_with(|c: char| c.is_alphabetic() || c == '_') =>
        {
            ExprProblem::UnknownFunction {
                owner,
                function: sig.split([' ', '(']).next().unwrap_or(sig).to_string(),
            }
        }
        E::ErrorFunctionNotFound(sig, ..) => ExprProblem::WrongOperands {
            owner,
            signature: sig.to_string(),
        },
        other => ExprProblem::ExpressionError {
            owner,
            detail: other.to_string(),
        },
    };
    Diagnostic::error(span, problem)
}
