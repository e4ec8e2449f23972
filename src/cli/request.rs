//! Arguments → one validated request per command, before any file is read (ripgrep's
//! "high-level arguments"): dates, years, `--set` and sweep ranges are parsed, and every
//! combination that would be ignored or cannot be honoured is refused. The command
//! files take these typed requests; nothing there re-checks an argument.

use crate::args::{Command, CsvOutput, NewCommand, Output};
use crate::commands::{check, diff, eval, explain, gen, lineage, new, pending, plan, rollup};
use crate::commands::{serve, sweep, test};
use crate::usage::{Bad, UsageError};
use ntm::core::date::Date;
use std::path::PathBuf;

/// Every command's request.
pub(crate) enum Request {
    Check(check::CheckRequest),
    Eval(eval::EvalRequest),
    Lineage(lineage::LineageRequest),
    Explain(explain::ExplainRequest),
    Sweep(sweep::SweepRequest),
    Diff(diff::DiffRequest),
    Plan(plan::PlanRequest),
    Rollup(rollup::RollupRequest),
    Pending(pending::PendingRequest),
    Gen(gen::GenRequest),
    New(new::NewRequest),
    Test(test::TestRequest),
    Serve(serve::ServeRequest),
}

/// Where a result goes.
#[derive(Clone, Debug, Default)]
pub(crate) struct Out {
    pub(crate) path: Option<PathBuf>,
    /// CSV for Excel (only with a CSV format).
    pub(crate) excel: bool,
}

impl Request {
    pub(crate) fn new(cmd: Command) -> Result<Request, UsageError> {
        let (name, r) = match cmd {
            Command::Check(a) => ("ntm check", check::CheckRequest::new(a).map(Request::Check)),
            Command::Eval(a) => ("ntm eval", eval::EvalRequest::new(a).map(Request::Eval)),
            Command::Lineage(a) => (
                "ntm lineage",
                Ok(Request::Lineage(lineage::LineageRequest::new(a))),
            ),
            Command::Explain(a) => (
                "ntm explain",
                explain::ExplainRequest::new(a).map(Request::Explain),
            ),
            Command::Sweep(a) => ("ntm sweep", sweep::SweepRequest::new(a).map(Request::Sweep)),
            Command::Diff(a) => ("ntm diff", diff::DiffRequest::new(a).map(Request::Diff)),
            Command::Plan(a) => ("ntm plan", plan::PlanRequest::new(a).map(Request::Plan)),
            Command::Rollup(a) => (
                "ntm rollup",
                rollup::RollupRequest::new(a).map(Request::Rollup),
            ),
            Command::Pending(a) => (
                "ntm pending",
                pending::PendingRequest::new(a).map(Request::Pending),
            ),
            Command::Gen(a) => ("ntm gen", gen::GenRequest::new(a).map(Request::Gen)),
            Command::New(NewCommand::Ruleset(a)) => (
                "ntm new ruleset",
                new::NewRequest::ruleset(a).map(Request::New),
            ),
            Command::New(NewCommand::Amendment(a)) => (
                "ntm new amendment",
                new::NewRequest::amendment(a).map(Request::New),
            ),
            Command::Test(a) => ("ntm test", Ok(Request::Test(test::TestRequest::new(a)))),
            Command::Serve(a) => ("ntm serve", serve::ServeRequest::new(a).map(Request::Serve)),
        };
        r.map_err(|bad| UsageError { command: name, bad })
    }
}

/// A `YYYY-MM-DD` date.
pub(crate) fn date(flag: &'static str, value: &str) -> Result<Date, Bad> {
    Date::parse(value).map_err(|_| Bad::Date {
        flag,
        value: value.to_string(),
    })
}

/// A date given on the command line, in the years ntm accepts (`--as-units 1800-01-01`
/// is before any unit of the programme existed).
pub(crate) fn opt_date(flag: &'static str, value: Option<String>) -> Result<Option<Date>, Bad> {
    let plausible = |d: Date| {
        ntm::core::limits::year_ok(d.year)
            .then_some(d)
            .ok_or_else(|| Bad::Year {
                flag,
                value: value.clone().unwrap_or_default(),
            })
    };
    value
        .as_deref()
        .map(|v| date(flag, v).and_then(plausible))
        .transpose()
}

/// A year within those ntm accepts anywhere (see `ntm::core::limits`).
pub(crate) fn year(flag: &'static str, value: Option<String>) -> Result<Option<i32>, Bad> {
    let Some(v) = value else {
        return Ok(None);
    };
    match v.trim().parse::<i32>() {
        Ok(y) if ntm::core::limits::year_ok(y) => Ok(Some(y)),
        _ => Err(Bad::Year { flag, value: v }),
    }
}

/// `PARAM=VALUE` texts (checked against the rules once they are loaded).
pub(crate) fn sets(flag: &'static str, values: Vec<String>) -> Result<Vec<String>, Bad> {
    for v in &values {
        let ok = ntm::engine::scenario::parse_override(v).is_ok_and(|o| !o.param.is_empty())
            && v.split_once('=').is_some_and(|(_, x)| !x.trim().is_empty());
        if !ok {
            return Err(Bad::Set {
                flag,
                value: v.clone(),
            });
        }
    }
    Ok(values)
}

/// Checked `PARAM=VALUE` texts as pairs, trimmed (`ntm new amendment --set`, the
/// server's amendment download).
pub(crate) fn set_pairs(values: &[String]) -> Vec<(String, String)> {
    values
        .iter()
        .filter_map(|s| s.split_once('='))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

pub(crate) fn out(o: Output) -> Out {
    Out {
        path: o.output,
        excel: false,
    }
}

/// `--excel` adapts CSV only; a workbook is not written to a terminal.
pub(crate) fn csv_out(o: CsvOutput, csv: bool, xlsx: bool) -> Result<Out, Bad> {
    if o.excel && !csv {
        return Err(Bad::Needs {
            flag: "--excel",
            with: "--format csv",
        });
    }
    if xlsx {
        binary_target(o.output.as_ref())?;
    }
    Ok(Out {
        path: o.output,
        excel: o.excel,
    })
}

fn binary_target(path: Option<&PathBuf>) -> Result<(), Bad> {
    use std::io::IsTerminal;
    if path.is_none() && std::io::stdout().is_terminal() {
        return Err(Bad::XlsxToTerminal);
    }
    Ok(())
}

/// `flag` given without `with`, which it needs.
pub(crate) fn needs(
    given: bool,
    flag: &'static str,
    has: bool,
    with: &'static str,
) -> Result<(), Bad> {
    if given && !has {
        return Err(Bad::Needs { flag, with });
    }
    Ok(())
}

/// `a` and `b` given together.
pub(crate) fn conflict(
    a_given: bool,
    a: &'static str,
    b_given: bool,
    b: &'static str,
) -> Result<(), Bad> {
    if a_given && b_given {
        return Err(Bad::Conflict { a, b });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_years_and_sets_are_refused_with_their_flag() {
        assert!(date("--as-of", "2021-02-30").is_err());
        assert_eq!(date("--as-of", "2021-02-28").unwrap().year, 2021);
        assert_eq!(year("--year", Some("2021".into())), Ok(Some(2021)));
        assert!(matches!(
            year("--year", Some("20x1".into())),
            Err(Bad::Year { flag: "--year", .. })
        ));
        assert!(year("--year", Some("99999".into())).is_err());
        assert!(sets("--set", vec!["a=1".into()]).is_ok());
        for bad in ["a", "=1", "a=", " = "] {
            assert!(sets("--set", vec![bad.into()]).is_err(), "{bad}");
        }
    }

    #[test]
    fn excel_needs_csv() {
        let o = |excel| CsvOutput {
            output: Some("x".into()),
            excel,
        };
        assert!(csv_out(o(true), false, false).is_err());
        assert!(csv_out(o(true), true, false).unwrap().excel);
        assert!(csv_out(o(false), false, true).is_ok());
    }
}
