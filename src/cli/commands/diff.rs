//! `ntm diff`: two rule sets (or an older copy of one) compared, with flips on data.

use crate::args::{DiffArgs, ReportFormat};
use crate::request::{csv_out, needs, sets, year, Out};
use crate::run::{emit_doc, CliError, Ctx, Doc, Exit, Outcome};
use crate::usage::Bad;
use ntm::core::diag::{Diagnostic, Span};
use ntm::core::problem::RunProblem;
use ntm::core::source::YAML_EXTS;
use ntm::render;
use ntm::render::view::Bundle;
use std::path::{Path, PathBuf};

pub(crate) struct DiffRequest {
    from: String,
    to: String,
    data: Vec<PathBuf>,
    rules: Vec<PathBuf>,
    year: Option<i32>,
    set: Vec<String>,
    format: ReportFormat,
    out: Out,
}

impl DiffRequest {
    pub(crate) fn new(a: DiffArgs) -> Result<Self, Bad> {
        // The year and what-if values act on the data's verdicts only.
        let data = !a.data.is_empty();
        needs(a.year.is_some(), "--year", data, "--data")?;
        needs(!a.whatif.set.is_empty(), "--set", data, "--data")?;
        Ok(DiffRequest {
            year: year("--year", a.year)?,
            set: sets("--set", a.whatif.set)?,
            out: csv_out(
                a.output,
                a.format == ReportFormat::Csv,
                a.format == ReportFormat::Xlsx,
            )?,
            from: a.from,
            to: a.to,
            data: a.data,
            rules: a.rules,
            format: a.format,
        })
    }
}

pub(crate) fn run(cx: &Ctx, r: DiffRequest) -> Outcome {
    if let Some(done) = diff_copy(cx, &r)? {
        return Ok(done);
    }
    // A rule file named directly is loaded beside the library.
    let extra: Vec<PathBuf> = [&r.from, &r.to]
        .iter()
        .map(PathBuf::from)
        .filter(|p| p.is_file())
        .collect();
    let p = cx.project(&r.rules, &extra, &r.data)?;
    let opts = cx.options(&p, r.year, &r.set)?;
    let d = p.diff(&r.from, &r.to, &opts)?;
    write(cx, &r, &d)
}

/// The comparison in the requested format, whichever way it was made: every format
/// flag is honoured (the text report never goes into an `.html` file).
fn write(cx: &Ctx, r: &DiffRequest, d: &ntm::analysis::project::DiffReport) -> Outcome {
    if let Some(doc) = Doc::of(r.format) {
        let b = Bundle {
            stamp: Some(&d.stamp),
            sources: &d.sources,
            diff: Some(d),
            ..Bundle::default()
        };
        emit_doc(cx, &b, doc, None, &r.out)?;
        return Ok(Exit::Ok);
    }
    let text = render::diff::DiffText {
        structure: &d.structure,
        data: d.data.as_ref(),
        sources: &d.sources,
    };
    let json = ntm::render::json::Json(d);
    let as_json = r.format == ReportFormat::Json;
    crate::run::emit_text_or_json(cx, as_json, &text, &json, &d.stamp, &r.out)
}

/// `ntm diff --from OLD-COPY.yaml --to ID`: an older copy of a file (saved, or from
/// git) whose set has the same id as one in the library: the changes of an in-place
/// edit. Structural changes only.
fn diff_copy(cx: &Ctx, r: &DiffRequest) -> Result<Option<Exit>, CliError> {
    let path = Path::new(&r.from);
    if !path.is_file() {
        return Ok(None);
    }
    let src = cx.read(&[path.to_path_buf()], YAML_EXTS)?;
    let Some(old) = src.files().first() else {
        return Ok(None);
    };
    let Some(id) = ntm::analysis::scaffold::set_id(old) else {
        return Ok(None);
    };
    let p = cx.project(&r.rules, &[], &[])?;
    let to = &r.to;
    let same = p.ruleset(&id).is_ok_and(|s| {
        s.id == *to
            || Path::new(to) == s.file
            || std::fs::canonicalize(to).ok() == std::fs::canonicalize(&s.file).ok()
    });
    if !same {
        return Ok(None);
    }
    if !r.data.is_empty() {
        return Err(Diagnostic::error(
            Span::file_only("--data"),
            RunProblem::DiffCopyWithData {
                flag: "--data".into(),
            },
        )
        .into());
    }
    let opts = cx.options(&p, r.year, &r.set)?;
    let d = p.diff_copy(old, &opts)?;
    write(cx, r, &d).map(Some)
}
