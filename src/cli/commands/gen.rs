//! `ntm gen`: a synthetic country for benchmarks.

use crate::output::{emit, message, ERROR, OK};
use crate::run::{Ctx, Raw};
use ntm::analysis::project::Error;
use ntm::core::diag::{Diagnostic, Span};
use ntm::core::problem::RunProblem;
use std::path::PathBuf;

#[allow(clippy::too_many_arguments)]
pub(crate) fn gen(
    cx: &Ctx,
    out: PathBuf,
    xa: usize,
    thon_per_xa: usize,
    years: &str,
    seed: u64,
    rules: Vec<PathBuf>,
) -> Result<u8, u8> {
    let bad = |what: &str| {
        cx.fail(Error::one(Diagnostic::error(
            Span::file_only("--years"),
            RunProblem::YearsArg {
                flag: "--years".into(),
                given: what.to_string(),
            },
        )))
    };
    let year = |t: &str| {
        t.trim()
            .parse::<i32>()
            .ok()
            .filter(|y| (1900..=2200).contains(y))
    };
    let years: Vec<i32> = match years.split_once("..") {
        Some((a, b)) => match (year(a), year(b)) {
            (Some(a), Some(b)) if a <= b => (a..=b).collect(),
            _ => return Err(bad(years)),
        },
        None => vec![year(years).ok_or_else(|| bad(years))?],
    };
    let p = cx.project(rules, &[], &[])?;
    let opts = ntm::analysis::gen::GenOptions {
        xa,
        thon_per_xa,
        years,
        seed,
        ..Default::default()
    };
    if let Err(e) = std::fs::create_dir_all(&out) {
        message(&format!("{}: error[io]: {e}", out.display()));
        return Err(ERROR);
    }
    for (name, bytes) in ntm::analysis::gen::generate(p.library(), &opts) {
        emit(cx.m, &Raw(&bytes), Some(&out.join(name)))?;
    }
    Ok(OK)
}
