//! `ntm check`: rules, datasets and plans validated together.

use crate::args::TextFormat;
use crate::output::{diag_text, diagnostics, emit, FAILED, OK};
use crate::run::{default_rules, Ctx};
use ntm::analysis::project::Project;
use ntm::core::source::{Sources, DATA_EXTS, YAML_EXTS};
use ntm::render::json::JsonValue;
use ntm::render::{Catalog, Render};
use std::io::{self, Write};
use std::path::PathBuf;

/// `ntm check`'s summary: counts, and the weak threshold values when asked.
struct CheckText<'a> {
    report: &'a ntm::analysis::check::CheckReport,
    list: bool,
}

impl Render for CheckText<'_> {
    fn render(&self, m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        if let Some(c) = &self.report.rules {
            writeln!(out, "{}", m.rule_counts(c))?;
        }
        if self.list {
            for w in &self.report.weak_values {
                writeln!(
                    out,
                    "{}: [{}] {} {} = {} ({})",
                    w.span,
                    m.source_level(w.level),
                    w.ruleset,
                    w.parameter,
                    m.value(&w.value),
                    w.citation
                )?;
            }
        }
        if let Some(d) = &self.report.data {
            writeln!(out, "{}", m.data_counts(d))?;
        }
        writeln!(
            out,
            "{}",
            m.check_summary(self.report.errors(), self.report.warnings())
        )
    }
}

pub(crate) fn check(
    cx: &Ctx,
    paths: Vec<PathBuf>,
    rules: Vec<PathBuf>,
    format: TextFormat,
    list: bool,
    output: Option<PathBuf>,
) -> Result<u8, u8> {
    let paths = if paths.is_empty() {
        vec![default_rules()]
    } else {
        paths
    };
    let inputs = cx.read(&paths, DATA_EXTS)?;
    let rules = if rules.is_empty() {
        vec![default_rules()]
    } else {
        rules
    };
    let report = Project::check(inputs, || Sources::read(&rules, YAML_EXTS));
    let code = if report.errors() > 0 { FAILED } else { OK };
    match format {
        TextFormat::Text => {
            diagnostics(cx.m, &report.diagnostics, false);
            emit(
                cx.m,
                &CheckText {
                    report: &report,
                    list,
                },
                output.as_deref(),
            )?;
        }
        TextFormat::Json => {
            let mut v = serde_json::to_value(&report).unwrap_or_default();
            let mut buf = Vec::new();
            let _ = ntm::render::diagnostics::DiagJson(&report.diagnostics).render(cx.m, &mut buf);
            v["diagnostics"] = serde_json::from_slice(&buf).unwrap_or_default();
            emit(cx.m, &JsonValue(v), output.as_deref())?;
        }
    }
    let _ = diag_text;
    Ok(code)
}
