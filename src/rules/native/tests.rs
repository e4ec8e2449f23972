//! The native evaluator against the sandbox's Rhai on every pairing of operator and
//! operand type that the subset has, including the edges (overflow, zero divisors,
//! tolerance of float comparisons, unlike types, non-yes/no operands of `&&`).

use super::check::{compare_text, Agreement};
use crate::core::value::Value;

/// Whether the native evaluator decided `src` (it must then agree with Rhai).
fn decided(src: &str, vars: &[(&str, Value)]) -> bool {
    thread_local! {
        static ENGINE: rhai::Engine = crate::core::sandbox::engine();
    }
    match ENGINE.with(|e| compare_text(e, src, vars)) {
        Some((_, Agreement::Same)) => true,
        Some((_, Agreement::Differ(why))) => panic!("{src}: {why}"),
        _ => false,
    }
}

fn operands() -> Vec<(&'static str, Value)> {
    vec![
        ("i0", Value::Int(0)),
        ("i1", Value::Int(1)),
        ("im", Value::Int(-7)),
        ("imax", Value::Int(i64::MAX)),
        ("imin", Value::Int(i64::MIN)),
        ("f0", Value::Number(0.0)),
        ("fz", Value::Number(-0.0)),
        ("f1", Value::Number(1.0)),
        ("fe", Value::Number(1.0 + f64::EPSILON)),
        ("fh", Value::Number(0.1 + 0.2)),
        ("ft", Value::Number(0.3)),
        ("fbig", Value::Number(1e300)),
        ("finf", Value::Number(f64::INFINITY)),
        ("fnan", Value::Number(f64::NAN)),
        ("b0", Value::Bool(false)),
        ("b1", Value::Bool(true)),
        ("s0", Value::Text(String::new())),
        ("sa", Value::Text("a".into())),
        ("sb", Value::Text("b".into())),
    ]
}

#[test]
fn every_operator_on_every_pair_of_operands() {
    let vars = operands();
    let ops = [
        "+", "-", "*", "/", "==", "!=", "<", "<=", ">", ">=", "&&", "||",
    ];
    let mut count = 0;
    for (a, _) in &vars {
        for (b, _) in &vars {
            for op in ops {
                count += usize::from(decided(&format!("{a} {op} {b}"), &vars));
            }
        }
        for u in ["-", "!", "+"] {
            count += usize::from(decided(&format!("{u}{a}"), &vars));
        }
        count += usize::from(decided(&format!("if {a} {{ 1 }} else {{ 2.5 }}"), &vars));
    }
    // Of 19 × 19 × 12 + 19 × 4 = 4,408 expressions, those Rhai does not refuse are
    // decided natively, except integer overflows and zero divisors (which Rhai refuses).
    assert_eq!(count, 2_960);
}

#[test]
fn literals_precedence_and_short_circuits() {
    let vars = operands();
    let cases = [
        ("1 + 2 * 3", true),
        ("-5", true),
        ("- 5.5", true),
        ("-(i1)", true),
        ("(1 + 2) * 3 / 4", true),
        ("5 / 10 * 100", true),
        ("19 / 20.0", true),
        ("7 - 10 >= -3", true),
        ("\"a\" == sa", true),
        ("\"a\" < \"b\"", true),
        ("b0 && 1 / i0 > 1", true),
        ("b1 || sa", true),
        ("b1 && b1 && b0", true),
        ("b0 || b0 || b1", true),
        ("!b0 && !(i1 > 2)", true),
        ("if b1 { sa } else { sb }", true),
        ("if i1 > 0 { 1 } else if i1 < 0 { -1 } else { 0 }", true),
        ("if b0 { 1 } else { f1 + 1 }", true),
        ("fh == ft", true),
        ("fh > ft", true),
        ("fnan == f0", true),
        ("finf - finf", true),
        ("fbig * fbig", true),
        ("true == 1", true),
        ("sa != 1", true),
        ("1 == 1.0", true),
        ("1 != 1.0000000000000002", true),
        // Left to Rhai: a statement block, an overflow, a zero divisor, `&&` on a number.
        ("if b1 { 1; } else { 2 }", false),
        ("imax + 1 > 0", false),
        ("imin * -1", false),
        ("-imin", false),
        ("1 / 0", false),
        ("1.5 / fz", false),
        ("b1 && i1", false),
        ("if i1 { 1 } else { 2 }", false),
    ];
    for (src, native) in cases {
        assert_eq!(decided(src, &vars), native, "{src}");
    }
}

#[test]
fn only_the_subset_compiles() {
    let vars = [("x", Value::Int(1))];
    let engine = crate::core::sandbox::engine();
    let native = |src: &str| compare_text(&engine, src, &vars).unwrap().0;
    for yes in [
        "x > 1 && !(x == 2)",
        "if x > 1 { x } else { -x }",
        "x / 2 + 1.5",
    ] {
        assert!(native(yes), "{yes}");
    }
    for no in [
        "x % 2 == 0",
        "abs(x) > 1",
        "x ** 2",
        "[x].len()",
        "x.to_string()",
        "if x > 1 { 1 }",
        "`${x}` == \"1\"",
    ] {
        assert!(!native(no), "{no}");
    }
}
