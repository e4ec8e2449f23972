//! The Rhai engine every rule expression runs in. Expressions only: no statements,
//! loops, closures or `eval`; strict variables; limits on operations, depth and sizes;
//! nothing that reaches files, the network, the clock or the terminal.

use rhai::packages::{
    ArithmeticPackage, BasicArrayPackage, BasicMathPackage, BasicStringPackage, LogicPackage,
    Package,
};
use rhai::{Engine, OptimizationLevel};

pub const MAX_OPERATIONS: u64 = 10_000;
pub const MAX_EXPR_DEPTH: usize = 32;
pub const MAX_STRING: usize = 4_096;
pub const MAX_ARRAY: usize = 256;

pub fn engine() -> Engine {
    let mut e = Engine::new_raw();
    // Only the packages an expression over numbers, yes/no and short texts needs.
    e.register_global_module(ArithmeticPackage::new().as_shared_module());
    e.register_global_module(LogicPackage::new().as_shared_module());
    e.register_global_module(BasicMathPackage::new().as_shared_module());
    e.register_global_module(BasicStringPackage::new().as_shared_module());
    e.register_global_module(BasicArrayPackage::new().as_shared_module());
    e.set_strict_variables(true)
        .set_allow_looping(false)
        .set_allow_statement_expression(false)
        .set_allow_anonymous_fn(false)
        .set_allow_shadowing(false)
        .set_max_operations(MAX_OPERATIONS)
        .set_max_expr_depths(MAX_EXPR_DEPTH, MAX_EXPR_DEPTH)
        .set_max_call_levels(8)
        .set_max_string_size(MAX_STRING)
        .set_max_array_size(MAX_ARRAY)
        .set_max_map_size(64)
        .set_max_variables(1_024)
        // Parameters differ by year and region, so nothing may be folded in at compile time.
        .set_optimization_level(OptimizationLevel::None);
    e.disable_symbol("eval");
    // Reading a key a map does not have is an error, not a silent `()` that makes
    // every comparison false.
    e.set_fail_on_invalid_map_property(true);
    // `/` always divides exactly: counts are integers, and `so_ho_dien / so_ho * 100`
    // must not be 0 because integer division truncates. Dividing by zero is an error
    // (it would otherwise give an infinity or NaN that compares false). Registered
    // operators only take effect with fast operators off.
    e.set_fast_operators(false);
    e.register_fn("/", |a: i64, b: i64| divide(a as f64, b as f64));
    e.register_fn("/", |a: f64, b: f64| divide(a, b));
    e.register_fn("/", |a: i64, b: f64| divide(a as f64, b));
    e.register_fn("/", |a: f64, b: i64| divide(a, b as f64));
    // The library never prints.
    e.on_print(|_| {});
    e.on_debug(|_, _, _| {});
    e
}

/// Exact division, refusing a zero divisor.
fn divide(a: f64, b: f64) -> Result<f64, Box<rhai::EvalAltResult>> {
    if b == 0.0 {
        return Err(format!("Division by zero: {a} / {b}").into());
    }
    Ok(a / b)
}

#[cfg(test)]
mod tests {
    #[test]
    fn division_is_exact_and_refuses_zero() {
        let e = super::engine();
        assert_eq!(e.eval_expression::<f64>("5 / 10 * 100").unwrap(), 50.0);
        assert_eq!(e.eval_expression::<f64>("19 / 20.0").unwrap(), 0.95);
        assert!(e.eval_expression::<f64>("5 / 0").is_err());
        assert!(e.eval_expression::<f64>("5.0 / 0.0").is_err());
        assert!(e.eval_expression::<bool>("#{a: 1}.b > 0").is_err());
    }
}
