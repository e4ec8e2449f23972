//! A validated request → library facade → renderer → exit code. No evaluation,
//! checking or aggregation happens here; one error path (`CliError`) for everything
//! that stops a command once it has started.

use crate::commands::{check, diff, eval, explain, gen, lineage, new, pending, plan, rollup};
use crate::commands::{serve, sweep, test};
use crate::output::{diagnostics, emit, message, progress_step};
use crate::request::{Out, Request};
use ntm::analysis::project::{Error, Project};
use ntm::core::diag::{Diagnostic, Diagnostics, Span};
use ntm::core::source::{Sources, DATA_EXTS, YAML_EXTS};
use ntm::engine::eval::EvalOptions;
use ntm::render::view::Bundle;
use ntm::render::Word;
use ntm::render::{self, Catalog, Lang, Render};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// How a command that ran to its end went: success, or checks or tests that failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Exit {
    Ok,
    Failed,
}

/// What stopped a command: diagnostics (files, definitions), or a read or write that
/// failed at `place`. Exit code 2.
#[derive(Debug)]
pub(crate) enum CliError {
    Diagnostics(Vec<Diagnostic>),
    Io { place: String, what: IoFailure },
}

/// Why a read or write failed; the operating system's own words where it gave them.
#[derive(Debug)]
pub(crate) enum IoFailure {
    IsDirectory,
    ReadOnly,
    /// The folder of `--output` does not exist.
    NoFolder(PathBuf),
    /// A folder the file cannot be created in, with the system's reason.
    CannotCreateIn(PathBuf, String),
    Os(String),
}

impl From<Error> for CliError {
    fn from(e: Error) -> Self {
        CliError::Diagnostics(e.diagnostics)
    }
}

impl From<Diagnostics> for CliError {
    fn from(d: Diagnostics) -> Self {
        CliError::Diagnostics(d.sorted())
    }
}

impl From<Diagnostic> for CliError {
    fn from(d: Diagnostic) -> Self {
        CliError::Diagnostics(vec![d])
    }
}

pub(crate) type Outcome = Result<Exit, CliError>;

/// Exit codes: 0 success, 1 check or test failures, 2 usage, I/O or definition errors.
pub(crate) const OK: u8 = 0;
pub(crate) const FAILED: u8 = 1;
pub(crate) const ERROR: u8 = 2;

/// The bundled rules: `$NTM_RULES`, else `./rules`, else the rules/ of the source tree.
pub(crate) fn default_rules() -> PathBuf {
    if let Some(p) = std::env::var_os("NTM_RULES") {
        return PathBuf::from(p);
    }
    let local = PathBuf::from("rules");
    if local.is_dir() {
        return local;
    }
    source_tree("rules")
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
    source_tree("datasets")
}

/// A folder at the root of the source tree (the package sits in `src/cli`), named without
/// `..` so stamps and messages show `/…/ntm/rules`, not `/…/ntm/src/cli/../../rules`.
fn source_tree(folder: &str) -> PathBuf {
    let cli = Path::new(env!("CARGO_MANIFEST_DIR"));
    cli.parent()
        .and_then(Path::parent)
        .unwrap_or(cli)
        .join(folder)
}

pub(crate) struct Ctx {
    pub(crate) m: &'static dyn Catalog,
}

impl Ctx {
    pub(crate) fn read(&self, paths: &[PathBuf], exts: &[&str]) -> Result<Sources, CliError> {
        let src = Sources::read(paths, exts)?;
        crate::output::note_inputs(src.files().iter().map(|f| f.path.as_path()));
        Ok(src)
    }

    /// Rules (given or bundled) and, when asked, a dataset, loaded into a project;
    /// warnings and derived-value notes on standard error.
    pub(crate) fn project(
        &self,
        rules: &[PathBuf],
        extra: &[PathBuf],
        data: &[PathBuf],
    ) -> Result<Project, CliError> {
        progress_step(self.m.word(Word::StepLoading));
        let mut paths = if rules.is_empty() {
            vec![default_rules()]
        } else {
            rules.to_vec()
        };
        paths.extend(extra.iter().cloned());
        let rule_src = self.read(&paths, YAML_EXTS)?;
        let data_src = if data.is_empty() {
            None
        } else {
            let s = self.read(data, DATA_EXTS)?;
            if s.is_empty() {
                return Err(Diagnostic::error(
                    Span::file_only(&data[0]),
                    ntm::core::problem::RunProblem::NoDataFiles,
                )
                .into());
            }
            Some(s)
        };
        let p = Project::load(&rule_src, data_src.as_ref())?;
        diagnostics(self.m, p.warnings(), false);
        self.notices(p.notices());
        progress_step(self.m.word(Word::StepEvaluating));
        Ok(p)
    }

    /// Evaluation options: a year, and the what-if values checked against the rules.
    pub(crate) fn options(
        &self,
        p: &Project,
        year: Option<i32>,
        set: &[String],
    ) -> Result<EvalOptions, CliError> {
        Ok(EvalOptions {
            year,
            scenario: p.scenario(set)?,
            expressions: expressions_from_env(),
            ..EvalOptions::default()
        })
    }

    pub(crate) fn notices(&self, ns: &[ntm::report::Notice]) {
        for n in ns {
            message(&render::notice_line(self.m, n));
        }
    }
}

/// `NTM_EXPR=rhai` runs every expression in Rhai (to compare with the native
/// evaluator, which is otherwise tried first); the results are the same.
fn expressions_from_env() -> ntm::rules::native::Expressions {
    match std::env::var("NTM_EXPR") {
        Ok(v) if v == "rhai" => ntm::rules::native::Expressions::RhaiOnly,
        _ => ntm::rules::native::Expressions::Auto,
    }
}

/// Run a request; what stopped it is reported here, once.
pub(crate) fn run(req: Request, lang: Lang) -> u8 {
    let cx = Ctx { m: lang.catalog() };
    let outcome = match req {
        Request::Check(r) => check::run(&cx, r),
        Request::Eval(r) => eval::run(&cx, r),
        Request::Lineage(r) => lineage::run(&cx, r),
        Request::Explain(r) => explain::run(&cx, r),
        Request::Sweep(r) => sweep::run(&cx, r),
        Request::Diff(r) => diff::run(&cx, r),
        Request::Plan(r) => plan::run(&cx, r),
        Request::Rollup(r) => rollup::run(&cx, r),
        Request::Pending(r) => pending::run(&cx, r),
        Request::Gen(r) => gen::run(&cx, r),
        Request::New(r) => new::run(&cx, r),
        Request::Test(r) => test::run(&cx, r),
        Request::Serve(r) => serve::run(&cx, r),
    };
    match outcome {
        Ok(Exit::Ok) => OK,
        Ok(Exit::Failed) => FAILED,
        Err(CliError::Diagnostics(d)) => {
            diagnostics(cx.m, &d, false);
            ERROR
        }
        Err(CliError::Io { place, what }) => {
            message(&crate::output::io_line(cx.m, &place, &what));
            ERROR
        }
    }
}

/// The report formats that are whole documents (beside text and JSON).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Doc {
    Csv,
    Xlsx,
    Html,
    Md,
}

impl Doc {
    pub(crate) fn of(f: crate::args::ReportFormat) -> Option<Doc> {
        use crate::args::ReportFormat as F;
        match f {
            F::Csv => Some(Doc::Csv),
            F::Xlsx => Some(Doc::Xlsx),
            F::Html => Some(Doc::Html),
            F::Md => Some(Doc::Md),
            F::Text | F::Json => None,
        }
    }
}

/// A report as JSON, or as its text followed by the stamp line.
pub(crate) fn emit_text_or_json(
    cx: &Ctx,
    as_json: bool,
    text: &dyn Render,
    json: &dyn Render,
    stamp: &ntm::report::Stamp,
    out: &Out,
) -> Outcome {
    let stamp = render::stamp::StampLine(stamp);
    let seq = if as_json {
        render::Seq(vec![json])
    } else {
        render::Seq(vec![text, &stamp])
    };
    // A text report shows names from files: shown, never obeyed by a terminal.
    let safe = render::escape::terminal::Terminal(&seq);
    let doc: &dyn Render = if as_json { &seq } else { &safe };
    emit(cx.m, doc, out.path.as_deref())?;
    Ok(Exit::Ok)
}

/// Write a report in one of the document formats (XLSX, HTML, Markdown, CSV).
pub(crate) fn emit_doc(
    cx: &Ctx,
    b: &Bundle,
    doc: Doc,
    csv: Option<&dyn Render>,
    out: &Out,
) -> Result<(), CliError> {
    with_doc(cx.m, b, doc, csv, out.excel, |r| {
        emit(cx.m, r, out.path.as_deref())
    })
}

/// A report in one of the document formats, handed to `f` to be written (a file,
/// standard output, or an HTTP response of `ntm serve`).
pub(crate) fn with_doc<T>(
    m: &dyn Catalog,
    b: &Bundle,
    doc: Doc,
    csv: Option<&dyn Render>,
    excel: bool,
    f: impl FnOnce(&dyn Render) -> T,
) -> T {
    match doc {
        Doc::Xlsx => f(&render::xlsx::Xlsx(b)),
        Doc::Html => f(&render::html::Html(b)),
        Doc::Md => f(&render::markdown::Markdown(b)),
        Doc::Csv => match csv {
            Some(c) => f(c),
            None => {
                let tables: Vec<render::view::Table> = render::view::tables(b, m)
                    .into_iter()
                    .filter(|t| t.kind != render::view::TableKind::Stamp)
                    .collect();
                f(&render::csv::TablesCsv::new(tables, excel))
            }
        },
    }
}

/// Bytes written as they are (a generated file).
pub(crate) struct Raw<'a>(pub(crate) &'a [u8]);

impl Render for Raw<'_> {
    fn render(&self, _m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(self.0)
    }
}
