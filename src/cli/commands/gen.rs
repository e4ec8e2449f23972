//! `ntm gen`: a synthetic country for benchmarks.

use crate::args::GenArgs;
use crate::output::emit;
use crate::run::{CliError, Ctx, Exit, Outcome, Raw};
use crate::usage::Bad;
use std::path::PathBuf;

pub(crate) struct GenRequest {
    out: PathBuf,
    rules: Vec<PathBuf>,
    opts: ntm::analysis::gen::GenOptions,
}

impl GenRequest {
    pub(crate) fn new(a: GenArgs) -> Result<Self, Bad> {
        Ok(GenRequest {
            opts: ntm::analysis::gen::GenOptions {
                xa: a.xa,
                thon_per_xa: a.thon_per_xa,
                years: years(&a.years)?,
                seed: a.seed,
                ..Default::default()
            },
            out: a.out,
            rules: a.rules,
        })
    }
}

/// `2021..2025` or `2023`, within the years ntm accepts.
fn years(s: &str) -> Result<Vec<i32>, Bad> {
    let bad = || Bad::Years {
        value: s.to_string(),
    };
    let year = |t: &str| {
        t.trim()
            .parse::<i32>()
            .ok()
            .filter(|y| ntm::core::limits::year_ok(*y))
    };
    match s.split_once("..") {
        Some((a, b)) => match (year(a), year(b)) {
            (Some(a), Some(b)) if a <= b => Ok((a..=b).collect()),
            _ => Err(bad()),
        },
        None => year(s).map(|y| vec![y]).ok_or_else(bad),
    }
}

pub(crate) fn run(cx: &Ctx, r: GenRequest) -> Outcome {
    let p = cx.project(&r.rules, &[], &[])?;
    if let Err(e) = std::fs::create_dir_all(&r.out) {
        return Err(CliError::Io {
            place: r.out.display().to_string(),
            what: crate::run::IoFailure::Os(e.to_string()),
        });
    }
    for (name, bytes) in ntm::analysis::gen::generate(p.library(), &r.opts) {
        emit(cx.m, &Raw(&bytes), Some(&r.out.join(name)))?;
    }
    Ok(Exit::Ok)
}

#[cfg(test)]
mod tests {
    #[test]
    fn years_are_one_or_a_range() {
        assert_eq!(super::years("2023"), Ok(vec![2023]));
        assert_eq!(super::years("2021..2023"), Ok(vec![2021, 2022, 2023]));
        for bad in ["2025..2021", "20x1", "2021..", "1..3"] {
            assert!(super::years(bad).is_err(), "{bad}");
        }
    }
}
