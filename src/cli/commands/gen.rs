//! `ntm gen`: a synthetic country for benchmarks. Its size is checked before any work
//! (at least one xã, at most [`MAX_GEN_ROWS`] table rows); it is written into an
//! empty or new folder only, and atomically: the files go into a temporary sibling
//! folder, renamed to `--out` at the end, so an interrupt (Ctrl-C removes the temporary
//! folder) or a failure leaves what was there before.

use crate::args::GenArgs;
use crate::output::with_temp_dir;
use crate::run::{CliError, Ctx, Exit, IoFailure, Outcome};
use crate::usage::Bad;
use ntm::core::diag::{Diagnostic, Span};
use ntm::core::limits::MAX_GEN_ROWS;
use ntm::core::problem::RunProblem;
use std::path::{Path, PathBuf};

pub(crate) struct GenRequest {
    out: PathBuf,
    rules: Vec<PathBuf>,
    opts: ntm::analysis::gen::GenOptions,
}

impl GenRequest {
    pub(crate) fn new(a: GenArgs) -> Result<Self, Bad> {
        let years = years(&a.years)?;
        if a.xa == 0 {
            return Err(Bad::GenNoXa);
        }
        let units = (a.xa as u128) * (1 + a.thon_per_xa as u128);
        let rows = units * years.len() as u128;
        if rows > u128::from(MAX_GEN_ROWS) {
            return Err(Bad::GenSize { rows });
        }
        Ok(GenRequest {
            opts: ntm::analysis::gen::GenOptions {
                xa: a.xa,
                thon_per_xa: a.thon_per_xa,
                years,
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

fn io(place: &Path, e: std::io::Error) -> CliError {
    CliError::Io {
        place: place.display().to_string(),
        what: IoFailure::Os(e.to_string()),
    }
}

/// `--out` is a new path or an empty folder; anything else is refused before any work.
fn out_is_free(out: &Path) -> Result<(), CliError> {
    let refuse = |p: RunProblem| Err(Diagnostic::error(Span::file_only(out), p).into());
    let Ok(meta) = std::fs::symlink_metadata(out) else {
        return Ok(());
    };
    if !meta.is_dir() {
        return refuse(RunProblem::GenOutNotFolder {
            path: out.to_path_buf(),
        });
    }
    let entries = std::fs::read_dir(out).map_err(|e| io(out, e))?.count();
    if entries > 0 {
        return refuse(RunProblem::GenOutNotEmpty {
            path: out.to_path_buf(),
            entries,
        });
    }
    Ok(())
}

pub(crate) fn run(cx: &Ctx, r: GenRequest) -> Outcome {
    out_is_free(&r.out)?;
    let p = cx.project(&r.rules, &[], &[])?;
    let parent = match r.out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| io(&parent, e))?;
    let files = ntm::analysis::gen::generate(p.library(), &r.opts);
    let temp = with_temp_dir(|| {
        let made = tempfile::Builder::new()
            .prefix(".ntm-gen-")
            .tempdir_in(&parent)
            .map(tempfile::TempDir::keep);
        let registered = made.as_ref().ok().cloned();
        (made, registered)
    })
    .map_err(|e| io(&parent, e))?;
    let written = files
        .iter()
        .try_for_each(|(name, bytes)| std::fs::write(temp.join(name), bytes));
    // Renamed and unregistered under the lock: an interrupt sees the folder or nothing.
    let renamed = written.and_then(|()| with_temp_dir(|| (std::fs::rename(&temp, &r.out), None)));
    if let Err(e) = renamed {
        let _ = with_temp_dir(|| (std::fs::remove_dir_all(&temp), None));
        return Err(io(&r.out, e));
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
