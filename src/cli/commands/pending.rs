//! `ntm pending`: what awaits a source; the fill-in sheet and the amendment read from it.

use crate::args::PendingFormat;
use crate::output::{diagnostics, emit, ERROR, FAILED, OK};
use crate::run::{Ctx, Raw};
use ntm::analysis::project::Error;
use ntm::core::diag::{Diagnostic, Span};
use ntm::core::problem::RunProblem;
use ntm::render::json::Json;
use ntm::render::{self, Render};
use std::io::{self};
use std::path::PathBuf;

pub(crate) fn pending(
    cx: &Ctx,
    set: Option<String>,
    rules: Vec<PathBuf>,
    format: Option<PendingFormat>,
    fill: Option<PathBuf>,
    output: Option<PathBuf>,
) -> Result<u8, u8> {
    let p = cx.project(rules, &[], &[])?;
    let need_set = |what: &str| {
        set.clone().ok_or_else(|| {
            cx.fail(Error::one(Diagnostic::error(
                Span::file_only("SET"),
                RunProblem::NeedsRuleset {
                    flag: what.to_string(),
                },
            )))
        })
    };
    if let Some(sheet) = fill {
        let id = need_set("--fill")?;
        let src = cx.read(std::slice::from_ref(&sheet), &["csv", "txt"])?;
        let file = src.files().first().ok_or(ERROR)?;
        let name = output
            .as_ref()
            .map(|o| o.display().to_string())
            .unwrap_or_else(|| "<stdout>".into());
        let filled = p.fill(&id, file, &name).map_err(|e| cx.fail(e))?;
        let failures: Vec<Diagnostic> = filled
            .tests
            .cases
            .iter()
            .flat_map(|c| c.failures.clone())
            .collect();
        diagnostics(cx.m, &failures, false);
        let yaml = Raw(filled.yaml.as_bytes());
        let diff = render::diff::DiffText {
            structure: &filled.structure,
            data: None,
            sources: &[],
        };
        // The amendment goes to --output (or stdout); what it changes, to the other stream.
        emit(cx.m, &yaml, output.as_deref())?;
        let mut err = io::stderr().lock();
        if output.is_some() {
            let _ = emit(cx.m, &diff, None);
        } else {
            let _ = diff.render(cx.m, &mut err);
        }
        return Ok(if filled.tests.failed() > 0 {
            FAILED
        } else {
            OK
        });
    }
    let csv_out = output
        .as_ref()
        .is_some_and(|o| o.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")));
    let format = format.unwrap_or(if csv_out {
        PendingFormat::Csv
    } else {
        PendingFormat::Text
    });
    match format {
        PendingFormat::Csv => {
            let id = need_set("the fill-in sheet")?;
            let rows = p.pending_sheet(&id).map_err(|e| cx.fail(e))?;
            emit(cx.m, &render::pending::SheetCsv(&rows), output.as_deref())?;
        }
        PendingFormat::Text | PendingFormat::Json => {
            let list = p.pending(set.as_deref()).map_err(|e| cx.fail(e))?;
            let (text, json) = (render::pending::PendingText(&list), Json(&list));
            let r: &dyn Render = if format == PendingFormat::Json {
                &json
            } else {
                &text
            };
            emit(cx.m, r, output.as_deref())?;
        }
    }
    Ok(OK)
}
