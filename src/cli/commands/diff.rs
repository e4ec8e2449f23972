//! `ntm diff`: two rule sets (or an older copy of one) compared, with flips on data.

use crate::args::{Output, ReportFormat};
use crate::output::{emit, OK};
use crate::run::{emit_doc, Ctx};
use ntm::analysis::project::Error;
use ntm::core::diag::{Diagnostic, Span};
use ntm::core::problem::RunProblem;
use ntm::core::source::YAML_EXTS;
use ntm::render::json::Json;
use ntm::render::stamp::StampLine;
use ntm::render::view::Bundle;
use ntm::render::{self, Seq};
use std::path::{Path, PathBuf};

#[allow(clippy::too_many_arguments)]
pub(crate) fn diff(
    cx: &Ctx,
    from: &str,
    to: &str,
    data: Vec<PathBuf>,
    rules: Vec<PathBuf>,
    year: Option<i32>,
    format: ReportFormat,
    output: Output,
    set: &[String],
) -> Result<u8, u8> {
    if let Some(code) = diff_copy(cx, from, to, &rules, &data, year, set, &output)? {
        return Ok(code);
    }
    // A rule file named directly is loaded beside the library.
    let extra: Vec<PathBuf> = [from, to]
        .iter()
        .map(PathBuf::from)
        .filter(|p| p.is_file())
        .collect();
    let p = cx.project(rules, &extra, &data)?;
    let opts = cx.options(&p, year, set)?;
    let d = p.diff(from, to, &opts).map_err(|e| cx.fail(e))?;
    let text = render::diff::DiffText {
        structure: &d.structure,
        data: d.data.as_ref(),
        sources: &d.sources,
    };
    let (stamp, json) = (StampLine(&d.stamp), Json(&d));
    let r: Seq = match format {
        ReportFormat::Text => Seq(vec![&text, &stamp]),
        ReportFormat::Json => Seq(vec![&json]),
        doc => {
            let b = Bundle {
                stamp: Some(&d.stamp),
                sources: &d.sources,
                diff: Some(&d),
                ..Bundle::default()
            };
            return emit_doc(cx, &b, doc, None, &output).map(|()| OK);
        }
    };
    emit(cx.m, &r, output.output.as_deref()).map(|()| OK)
}

/// `ntm diff --from OLD-COPY.yaml --to ID`: an older copy of a file (saved, or from
/// git) whose set has the same id as one in the library: the changes of an in-place
/// edit. Structural changes only.
#[allow(clippy::too_many_arguments)]
fn diff_copy(
    cx: &Ctx,
    from: &str,
    to: &str,
    rules: &[PathBuf],
    data: &[PathBuf],
    year: Option<i32>,
    set: &[String],
    output: &Output,
) -> Result<Option<u8>, u8> {
    let path = Path::new(from);
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
    let p = cx.project(rules.to_vec(), &[], &[])?;
    let same = p.ruleset(&id).is_ok_and(|s| {
        s.id == to
            || Path::new(to) == s.file
            || std::fs::canonicalize(to).ok() == std::fs::canonicalize(&s.file).ok()
    });
    if !same {
        return Ok(None);
    }
    if !data.is_empty() {
        return Err(cx.fail(Error::one(Diagnostic::error(
            Span::file_only("--data"),
            RunProblem::DiffCopyWithData {
                flag: "--data".into(),
            },
        ))));
    }
    let opts = cx.options(&p, year, set)?;
    let d = p.diff_copy(old, &opts).map_err(|e| cx.fail(e))?;
    let text = render::diff::DiffText {
        structure: &d.structure,
        data: None,
        sources: &d.sources,
    };
    let stamp = StampLine(&d.stamp);
    emit(cx.m, &Seq(vec![&text, &stamp]), output.output.as_deref())?;
    Ok(Some(OK))
}
