//! `ntm pending`: what awaits a source; the fill-in sheet and the amendment read from it.

use crate::args::{PendingArgs, PendingFormat};
use crate::output::{diagnostics, emit};
use crate::request::{conflict, needs, out, Out};
use crate::run::{Ctx, Exit, Outcome, Raw};
use crate::usage::Bad;
use ntm::analysis::project::Project;
use ntm::core::diag::Diagnostic;
use ntm::render::json::Json;
use ntm::render::{self, Render};
use std::path::PathBuf;

pub(crate) struct PendingRequest {
    rules: Vec<PathBuf>,
    /// Datasets whose units without a commune group are listed (with the list only).
    data: Vec<PathBuf>,
    what: What,
    out: Out,
}

enum What {
    /// The list of what awaits a source, of one set or all; JSON or text.
    List { set: Option<String>, json: bool },
    /// The fill-in sheet of a set.
    Sheet { set: String },
    /// The amendment a completed sheet describes.
    Fill { set: String, sheet: PathBuf },
}

impl PendingRequest {
    pub(crate) fn new(a: PendingArgs) -> Result<Self, Bad> {
        let csv_out = a
            .output
            .output
            .as_ref()
            .is_some_and(|o| o.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")));
        let format = a.format.unwrap_or(if csv_out {
            PendingFormat::Csv
        } else {
            PendingFormat::Text
        });
        let has_set = a.set.is_some();
        // --fill writes YAML: a format would be ignored.
        conflict(a.format.is_some(), "--format", a.fill.is_some(), "--fill")?;
        needs(a.fill.is_some(), "--fill", has_set, "SET")?;
        let sheet = a.fill.is_none() && format == PendingFormat::Csv;
        // The sheet is asked for by --format csv, or by an --output ending in .csv.
        let asked_by = if a.format.is_some() {
            "--format csv"
        } else {
            "--output *.csv"
        };
        needs(sheet, asked_by, has_set, "SET")?;
        let what = match (a.fill, a.set) {
            (Some(sheet), Some(set)) => What::Fill { set, sheet },
            (None, Some(set)) if sheet => What::Sheet { set },
            (_, set) => What::List {
                set,
                json: format == PendingFormat::Json,
            },
        };
        Ok(PendingRequest {
            rules: a.rules,
            data: a.data,
            what,
            out: out(a.output),
        })
    }
}

pub(crate) fn run(cx: &Ctx, r: PendingRequest) -> Outcome {
    let p = cx.project(&r.rules, &[], &r.data)?;
    let path = r.out.path.as_deref();
    match &r.what {
        What::Fill { set, sheet } => return fill(cx, &p, set, sheet, &r.out),
        What::Sheet { set } => {
            let rows = p.pending_sheet(set)?;
            emit(cx.m, &render::pending::SheetCsv(&rows), path)?;
        }
        What::List { set, json } => {
            let list = p.pending(set.as_deref())?;
            if !r.data.is_empty() {
                // With data: the units that await a commune group follow the list.
                let units = p.ungrouped(set.as_deref())?;
                let both = render::pending::WithUngrouped(&list, &units);
                let both = render::escape::terminal::Terminal(&both);
                let value = serde_json::json!({ "sets": list, "ungrouped": units });
                let js = Json(&value);
                let doc: &dyn Render = if *json { &js } else { &both };
                emit(cx.m, doc, path)?;
                return Ok(Exit::Ok);
            }
            // Names from rule files are shown, never obeyed by the terminal.
            let text = render::pending::PendingText(&list);
            let (text, js) = (render::escape::terminal::Terminal(&text), Json(&list));
            let doc: &dyn Render = if *json { &js } else { &text };
            emit(cx.m, doc, path)?;
        }
    }
    Ok(Exit::Ok)
}

/// The amendment to --output (or stdout); what it changes, to the other stream.
fn fill(cx: &Ctx, p: &Project, set: &str, sheet: &PathBuf, out: &Out) -> Outcome {
    let src = cx.read(std::slice::from_ref(sheet), &["csv", "txt", "xlsx"])?;
    let Some(file) = src.files().first() else {
        return Err(Diagnostic::error(
            ntm::core::diag::Span::file_only(sheet),
            ntm::core::problem::RunProblem::NotASheet,
        )
        .into());
    };
    let name = out
        .path
        .as_ref()
        .map(|o| o.display().to_string())
        .unwrap_or_else(|| "<stdout>".into());
    let filled = p.fill(set, file, &name)?;
    let failures: Vec<Diagnostic> = filled
        .tests
        .cases
        .iter()
        .flat_map(|c| c.failures.clone())
        .collect();
    diagnostics(cx.m, &failures, false);
    let diff = render::diff::DiffText {
        structure: &filled.structure,
        data: None,
        sources: &[],
    };
    emit(cx.m, &Raw(filled.yaml.as_bytes()), out.path.as_deref())?;
    if out.path.is_some() {
        let _ = emit(cx.m, &diff, None);
    } else {
        let _ = diff.render(cx.m, &mut std::io::stderr().lock());
    }
    Ok(if filled.tests.failed() > 0 {
        Exit::Failed
    } else {
        Exit::Ok
    })
}
