//! Arguments → validated configuration → library facade → renderer → exit code.
//! No evaluation, checking or aggregation happens here.

use crate::args::{Command, Output, ReportFormat};
use crate::commands::{
    check::check,
    diff::diff,
    eval::eval,
    explain::explain,
    gen::gen,
    lineage::lineage,
    new::new_file,
    pending::pending,
    plan::{plan, PlanArgs},
    rollup::rollup,
    sweep::sweep,
    test::test,
};
use crate::output::{binary_target_ok, diagnostics, emit, message, progress_step, ERROR};
use ntm::analysis::project::{Error, Project};
use ntm::core::diag::{Diagnostic, Span};
use ntm::core::problem::RunProblem;
use ntm::core::source::{Sources, DATA_EXTS, YAML_EXTS};
use ntm::engine::eval::EvalOptions;
use ntm::render::view::Bundle;
use ntm::render::Word;
use ntm::render::{self, Catalog, Lang, Render};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The bundled rules: `$NTM_RULES`, else `./rules`, else the rules/ of the source tree.
pub(crate) fn default_rules() -> PathBuf {
    if let Some(p) = std::env::var_os("NTM_RULES") {
        return PathBuf::from(p);
    }
    let local = PathBuf::from("rules");
    if local.is_dir() {
        return local;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules")
}

/// `--lang`, else `NTM_LANG`, else Vietnamese.
pub fn language(arg: Option<&str>) -> Result<Lang, String> {
    match arg {
        Some(a) => Lang::parse(a).ok_or_else(|| format!("--lang: `{a}` is not vi or en")),
        None => Ok(std::env::var("NTM_LANG")
            .ok()
            .and_then(|v| Lang::parse(&v))
            .unwrap_or_default()),
    }
}

pub(crate) struct Ctx {
    pub(crate) m: &'static dyn Catalog,
}

impl Ctx {
    pub(crate) fn fail(&self, e: Error) -> u8 {
        diagnostics(self.m, &e.diagnostics, false);
        ERROR
    }

    pub(crate) fn read(&self, paths: &[PathBuf], exts: &[&str]) -> Result<Sources, u8> {
        Sources::read(paths, exts).map_err(|d| self.fail(d.into()))
    }

    /// Rules (given or bundled) and, when asked, a dataset, loaded into a project;
    /// warnings and derived-value notes on standard error.
    pub(crate) fn project(
        &self,
        rules: Vec<PathBuf>,
        extra: &[PathBuf],
        data: &[PathBuf],
    ) -> Result<Project, u8> {
        progress_step(self.m.word(Word::StepLoading));
        let mut paths = if rules.is_empty() {
            vec![default_rules()]
        } else {
            rules
        };
        paths.extend(extra.iter().cloned());
        let rule_src = self.read(&paths, YAML_EXTS)?;
        let data_src = if data.is_empty() {
            None
        } else {
            let s = self.read(data, DATA_EXTS)?;
            if s.is_empty() {
                return Err(self.fail(Error::one(Diagnostic::error(
                    Span::file_only(&data[0]),
                    RunProblem::NoDataFiles,
                ))));
            }
            Some(s)
        };
        let p = Project::load(&rule_src, data_src.as_ref()).map_err(|e| self.fail(e))?;
        diagnostics(self.m, p.warnings(), false);
        for n in p.notices() {
            message(&format!("note: {}", self.m.notice(n)));
        }
        progress_step(self.m.word(Word::StepEvaluating));
        Ok(p)
    }

    pub(crate) fn options(
        &self,
        p: &Project,
        year: Option<i32>,
        set: &[String],
    ) -> Result<EvalOptions, u8> {
        Ok(EvalOptions {
            year,
            ruleset: None,
            scenario: p.scenario(set).map_err(|e| self.fail(e))?,
            ..EvalOptions::default()
        })
    }

    pub(crate) fn notices(&self, ns: &[ntm::report::Notice]) {
        for n in ns {
            message(&format!("note: {}", self.m.notice(n)));
        }
    }
}

pub fn run(cmd: Command, lang: Lang) -> u8 {
    let cx = Ctx { m: lang.catalog() };
    let outcome = match cmd {
        Command::Check {
            paths,
            rules,
            format,
            list_unverified,
            output,
        } => check(&cx, paths, rules, format, list_unverified, output.output),
        Command::Eval {
            input,
            format,
            output,
            whatif,
            as_units,
            detail,
        } => eval(&cx, input, format, output, &whatif.set, as_units, detail),
        Command::Lineage {
            unit,
            data,
            rules,
            format,
            output,
        } => lineage(&cx, &unit, data, rules, format, output.output),
        Command::Explain {
            input,
            unit,
            summary,
            format,
            output,
            whatif,
        } => explain(
            &cx,
            input,
            &unit,
            summary,
            format,
            output.output,
            &whatif.set,
        ),
        Command::Diff {
            from,
            to,
            data,
            rules,
            year,
            format,
            output,
            whatif,
        } => diff(
            &cx,
            &from,
            &to,
            data,
            rules,
            year,
            format,
            output,
            &whatif.set,
        ),
        Command::Plan {
            file,
            data,
            rules,
            format,
            as_of,
            by_department,
            department,
            as_units,
            output,
            whatif,
        } => plan(
            &cx,
            PlanArgs {
                file,
                data,
                rules,
                format,
                as_of,
                by_department,
                department,
                as_units,
            },
            output,
            &whatif.set,
        ),
        Command::Sweep {
            range,
            input,
            format,
            output,
        } => sweep(&cx, &range, input, format, output.output),
        Command::Rollup {
            input,
            format,
            output,
            as_units,
        } => rollup(&cx, input, format, output, as_units),
        Command::New(what) => new_file(&cx, what),
        Command::Test {
            paths,
            format,
            output,
        } => test(&cx, paths, format, output.output),
        Command::Gen {
            out,
            xa,
            thon_per_xa,
            years,
            seed,
            rules,
        } => gen(&cx, out, xa, thon_per_xa, &years, seed, rules),
        Command::Pending {
            set,
            rules,
            format,
            fill,
            output,
        } => pending(&cx, set, rules, format, fill, output.output),
    };
    outcome.unwrap_or_else(|code| code)
}

pub(crate) fn date_arg(cx: &Ctx, flag: &str, s: &str) -> Result<ntm::core::date::Date, u8> {
    ntm::core::date::Date::parse(s).map_err(|e| {
        cx.fail(Error::one(Diagnostic::error(
            Span::file_only(flag),
            RunProblem::DateArg {
                flag: flag.to_string(),
                given: s.to_string(),
                detail: e.to_string(),
            },
        )))
    })
}

/// Write a report in one of the document formats (XLSX, HTML, Markdown, CSV).
pub(crate) fn emit_doc(
    cx: &Ctx,
    b: &Bundle,
    format: ReportFormat,
    csv: Option<&dyn Render>,
    output: &Output,
) -> Result<(), u8> {
    let out = output.output.as_deref();
    match format {
        ReportFormat::Xlsx => {
            binary_target_ok(out)?;
            emit(cx.m, &render::xlsx::Xlsx(b), out)
        }
        ReportFormat::Html => emit(cx.m, &render::html::Html(b), out),
        ReportFormat::Md => emit(cx.m, &render::markdown::Markdown(b), out),
        ReportFormat::Csv => match csv {
            Some(c) => emit(cx.m, c, out),
            None => {
                let tables: Vec<render::view::Table> = render::view::tables(b, cx.m)
                    .into_iter()
                    .filter(|t| t.kind != render::view::TableKind::Stamp)
                    .collect();
                emit(
                    cx.m,
                    &render::csv::TablesCsv::new(tables, output.excel),
                    out,
                )
            }
        },
        ReportFormat::Text | ReportFormat::Json => Ok(()),
    }
}

/// The bundled datasets: `$NTM_DATA`, else `./datasets`, else those of the source tree.
pub(crate) fn default_data() -> PathBuf {
    if let Some(p) = std::env::var_os("NTM_DATA") {
        return PathBuf::from(p);
    }
    let local = PathBuf::from("datasets");
    if local.is_dir() {
        return local;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../datasets")
}

/// Bytes written as they are (a generated file).
pub(crate) struct Raw<'a>(pub(crate) &'a [u8]);

impl Render for Raw<'_> {
    fn render(&self, _m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(self.0)
    }
}
