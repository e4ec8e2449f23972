//! `ntm new ruleset|amendment`: starting files.

use crate::output::{emit, OK};
use crate::run::{date_arg, Ctx, Raw};
use ntm::analysis::project::Error;
use ntm::core::diag::{Diagnostic, Span};
use ntm::core::problem::RunProblem;

/// `ntm new ruleset` and `ntm new amendment`: the YAML to --output (or stdout).
pub(crate) fn new_file(cx: &Ctx, what: crate::args::NewCommand) -> Result<u8, u8> {
    use crate::args::NewCommand;
    let (rules, output) = match &what {
        NewCommand::Ruleset { rules, output, .. } | NewCommand::Amendment { rules, output, .. } => {
            (rules.clone(), output.output.clone())
        }
    };
    let p = cx.project(rules, &[], &[])?;
    let yaml = match what {
        NewCommand::Ruleset {
            from,
            id,
            valid_from,
            title,
            jurisdiction,
            ..
        } => {
            let valid_from = date_arg(cx, "--valid-from", &valid_from)?;
            let from = p.ruleset(&from).map_err(|e| cx.fail(e))?;
            ntm::analysis::scaffold::new_ruleset(
                p.library(),
                &ntm::analysis::scaffold::NewRuleset {
                    from,
                    id: &id,
                    valid_from,
                    title: title.as_deref(),
                    jurisdiction: jurisdiction.as_deref(),
                },
            )
        }
        NewCommand::Amendment {
            amends,
            from,
            id,
            document,
            set,
            jurisdiction,
            ..
        } => {
            let valid_from = date_arg(cx, "--from", &from)?;
            let base = p.ruleset(&amends).map_err(|e| cx.fail(e))?;
            let mut pairs = Vec::new();
            for s in &set {
                let Some((k, v)) = s.split_once('=') else {
                    return Err(cx.fail(Error::one(Diagnostic::error(
                        Span::file_only("--set"),
                        RunProblem::ParamValueArg {
                            flag: "--set".into(),
                            given: s.to_string(),
                        },
                    ))));
                };
                pairs.push((k.trim().to_string(), v.trim().to_string()));
            }
            ntm::analysis::scaffold::new_amendment(
                p.library(),
                &ntm::analysis::scaffold::NewAmendment {
                    base,
                    id: id.as_deref(),
                    valid_from,
                    document: document.as_deref(),
                    set: &pairs,
                    jurisdiction: jurisdiction.as_deref(),
                },
            )
        }
    }
    .map_err(|d| {
        cx.fail(Error {
            diagnostics: d.sorted(),
        })
    })?;
    emit(cx.m, &Raw(yaml.as_bytes()), output.as_deref())?;
    Ok(OK)
}
