//! `ntm check`: rules, datasets and plans validated together, through the facade.

use crate::args::{CheckArgs, TextFormat};
use crate::output::{diagnostics, emit};
use crate::request::{needs, out, Out};
use crate::run::{default_rules, Ctx, Exit, Outcome};
use crate::usage::Bad;
use ntm::analysis::project::Project;
use ntm::core::source::{Sources, DATA_EXTS, YAML_EXTS};
use ntm::render::json::JsonValue;
use ntm::render::{Catalog, Render};
use std::io::{self, Write};
use std::path::PathBuf;

pub(crate) struct CheckRequest {
    paths: Vec<PathBuf>,
    rules: Vec<PathBuf>,
    json: bool,
    list_unverified: bool,
    out: Out,
}

impl CheckRequest {
    pub(crate) fn new(a: CheckArgs) -> Result<Self, Bad> {
        let CheckArgs {
            paths,
            rules,
            format,
            list_unverified,
            output,
        } = a;
        let json = matches!(format, TextFormat::Json);
        // JSON always carries the weak values: the list is a text view.
        needs(list_unverified, "--list-unverified", !json, "--format text")?;
        Ok(CheckRequest {
            paths,
            rules,
            json,
            list_unverified,
            out: out(output),
        })
    }
}

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
                    m.threshold(w.value.as_ref(), w.not_applicable),
                    w.citation
                )?;
            }
        }
        if let Some(d) = &self.report.data {
            writeln!(out, "{}", m.data_counts(d))?;
        }
        for e in &self.report.set_ends {
            writeln!(out, "{}", m.set_end(e))?;
        }
        writeln!(
            out,
            "{}",
            m.check_summary(self.report.errors(), self.report.warnings())
        )
    }
}

pub(crate) fn run(cx: &Ctx, r: CheckRequest) -> Outcome {
    let paths = if r.paths.is_empty() {
        vec![default_rules()]
    } else {
        r.paths
    };
    let inputs = cx.read(&paths, DATA_EXTS)?;
    let rules = if r.rules.is_empty() {
        vec![default_rules()]
    } else {
        r.rules
    };
    let report = Project::check(inputs, || {
        let src = Sources::read(&rules, YAML_EXTS)?;
        crate::output::note_inputs(src.files().iter().map(|f| f.path.as_path()));
        Ok(src)
    });
    let path = r.out.path.as_deref();
    if r.json {
        let mut v = serde_json::to_value(&report).unwrap_or_default();
        let mut buf = Vec::new();
        let _ = ntm::render::diagnostics::DiagJson(&report.diagnostics).render(cx.m, &mut buf);
        v["diagnostics"] = serde_json::from_slice(&buf).unwrap_or_default();
        emit(cx.m, &JsonValue(v), path)?;
    } else {
        diagnostics(cx.m, &report.diagnostics, false);
        let text = CheckText {
            report: &report,
            list: r.list_unverified,
        };
        emit(cx.m, &ntm::render::escape::terminal::Terminal(&text), path)?;
    }
    Ok(if report.errors() > 0 {
        Exit::Failed
    } else {
        Exit::Ok
    })
}
