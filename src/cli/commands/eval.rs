//! `ntm eval`: evaluate a dataset; streamed CSV/JSON/JSON Lines, or a whole report.

use crate::args::{Detail, EvalArgs, EvalFormat};
use crate::output::emit;
use crate::request::{csv_out, needs, opt_date, sets, year, Out};
use crate::run::{CliError, Ctx, Doc, Exit, Outcome};
use crate::usage::Bad;
use ntm::analysis::project::Project;
use ntm::core::date::Date;
use ntm::engine::eval::EvalOptions;
use ntm::render::json::JsonReport;
use ntm::render::stamp::StampLine;
use ntm::render::stream::RenderedResult;
use ntm::render::view::Bundle;
use ntm::render::{self, Seq};
use std::path::PathBuf;

pub(crate) struct EvalRequest {
    data: Vec<PathBuf>,
    rules: Vec<PathBuf>,
    year: Option<i32>,
    set: Vec<String>,
    format: EvalFormat,
    detail: render::json::Detail,
    /// Results mapped onto the units of this date (the whole report is held then).
    as_units: Option<Date>,
    out: Out,
}

impl EvalRequest {
    pub(crate) fn new(a: EvalArgs) -> Result<Self, Bad> {
        let json = matches!(a.format, EvalFormat::Json | EvalFormat::Jsonl);
        needs(a.detail.is_some(), "--detail", json, "--format json|jsonl")?;
        Ok(EvalRequest {
            year: year("--year", a.input.year)?,
            set: sets("--set", a.whatif.set)?,
            as_units: opt_date("--as-units", a.as_units)?,
            out: csv_out(
                a.output,
                a.format == EvalFormat::Csv,
                a.format == EvalFormat::Xlsx,
            )?,
            detail: match a.detail {
                Some(Detail::Summary) => render::json::Detail::Summary,
                Some(Detail::Full) | None => render::json::Detail::Full,
            },
            data: a.input.data,
            rules: a.input.rules,
            format: a.format,
        })
    }

    /// Large runs are written as they are computed, never all held.
    fn streamed(&self) -> Option<render::stream::Format> {
        match self.format {
            _ if self.as_units.is_some() => None,
            EvalFormat::Json => Some(render::stream::Format::Json(self.detail)),
            EvalFormat::Jsonl => Some(render::stream::Format::Jsonl(self.detail)),
            EvalFormat::Csv if self.out.excel => Some(render::stream::Format::ExcelCsv),
            EvalFormat::Csv => Some(render::stream::Format::Csv),
            _ => None,
        }
    }
}

pub(crate) fn run(cx: &Ctx, r: EvalRequest) -> Outcome {
    let p = cx.project(&r.rules, &[], &r.data)?;
    let opts = cx.options(&p, r.year, &r.set)?;
    if let Some(f) = r.streamed() {
        return stream(cx, &p, &opts, f, &r.out);
    }
    let report = match r.as_units {
        Some(d) => p.evaluate_as_units(&opts, d),
        None => p.evaluate(&opts),
    }?;
    if r.format != EvalFormat::Table {
        cx.notices(&report.notices);
    }
    let doc = match r.format {
        EvalFormat::Xlsx => Some(Doc::Xlsx),
        EvalFormat::Html => Some(Doc::Html),
        EvalFormat::Md => Some(Doc::Md),
        _ => None,
    };
    if let Some(doc) = doc {
        with_report_doc(cx.m, &p, &report, doc, |d| {
            emit(cx.m, d, r.out.path.as_deref())
        })?;
        return Ok(Exit::Ok);
    }
    let stamp = StampLine(&report.stamp);
    let (table, json, csv) = (
        render::table::EvalTable(&report),
        JsonReport(&report, r.detail),
        render::csv::EvalCsv(&report),
    );
    let jsonl = render::json::JsonLines(&report, r.detail);
    let excel_csv = render::csv::EvalExcelCsv(&report);
    let shown = Seq(vec![&table, &stamp]);
    let safe = ntm::render::escape::terminal::Terminal(&shown);
    let out: Seq = match r.format {
        EvalFormat::Json => Seq(vec![&json]),
        EvalFormat::Jsonl => Seq(vec![&jsonl]),
        EvalFormat::Csv if r.out.excel => Seq(vec![&excel_csv]),
        EvalFormat::Csv => Seq(vec![&csv]),
        _ => Seq(vec![&safe]),
    };
    emit(cx.m, &out, r.out.path.as_deref())?;
    Ok(Exit::Ok)
}

/// A whole report as a document (XLSX, HTML, Markdown) with its district roll-ups,
/// handed to `f`: the command line's and `ntm serve`'s downloads alike.
pub(crate) fn with_report_doc<T>(
    m: &dyn ntm::render::Catalog,
    p: &Project,
    report: &ntm::report::Report,
    doc: Doc,
    f: impl FnOnce(&dyn ntm::render::Render) -> T,
) -> T {
    let sources = p.dataset().map(|d| d.sources()).unwrap_or_default();
    // District roll-ups where the rules declare them (none is not an error here).
    let rollups = p.rollups_of(report).unwrap_or_default();
    let b = Bundle {
        stamp: Some(&report.stamp),
        sources: &sources,
        report: Some(report),
        rollups: &rollups,
        ..Bundle::default()
    };
    crate::run::with_doc(m, &b, doc, None, false, f)
}

/// Results written as they are computed; outputs that show no indicator do not build
/// them.
fn stream(
    cx: &Ctx,
    p: &Project,
    opts: &EvalOptions,
    f: render::stream::Format,
    out: &Out,
) -> Outcome {
    if let (Some(path), true) = (out.path.as_deref(), f.written_as_computed()) {
        return stream_into_file(cx, p, opts, f, path);
    }
    let (doc, notices) = spooled(cx.m, p, opts, f)?;
    cx.notices(&notices);
    emit(cx.m, &doc, out.path.as_deref())?;
    Ok(Exit::Ok)
}

/// JSON and JSON Lines into `--output`: written as they are computed, once, into the
/// temporary file that becomes the output when the run succeeds (and is removed if it
/// fails) — not spooled and then copied, which for a national summary was 2 GB written
/// twice.
fn stream_into_file(
    cx: &Ctx,
    p: &Project,
    opts: &EvalOptions,
    f: render::stream::Format,
    path: &std::path::Path,
) -> Outcome {
    let opts = EvalOptions {
        detail: f.eval_detail(),
        ..opts.clone()
    };
    let head = p.stream_head(&opts)?;
    let mut notices = Vec::new();
    crate::output::write_file_with(path, |file| {
        let io = |e| crate::output::io_failure(path, e);
        let w = Box::new(file);
        let spool = render::stream::Spooler::direct(cx.m, f, &head.stamp, head.lead, w);
        let (tail, spool) = evaluate_spooling(p, &opts, spool.map_err(io)?);
        let (tail, spool) = settled(tail, spool, io)?;
        spool
            .finish(&tail.stamp, &tail.notices, &mut std::io::sink())
            .map_err(io)?;
        notices = tail.notices;
        Ok(())
    })?;
    cx.notices(&notices);
    Ok(Exit::Ok)
}

/// A streamed run's end: its tail, or the error to report (a spooling error stops the
/// run: it is the one to report).
fn settled<'a>(
    tail: Result<ntm::engine::eval::Tail, ntm::engine::eval::StreamError<std::io::Error>>,
    spool: std::io::Result<render::stream::Spooler<'a>>,
    io: impl Fn(std::io::Error) -> CliError,
) -> Result<(ntm::engine::eval::Tail, render::stream::Spooler<'a>), CliError> {
    let spool = spool.map_err(&io)?;
    match tail {
        Ok(t) => Ok((t, spool)),
        Err(ntm::engine::eval::StreamError::Data(d)) => Err(d.into()),
        Err(ntm::engine::eval::StreamError::Sink(e)) => Err(io(e)),
    }
}

/// Evaluate while another thread renders and spools each chunk of results as it comes:
/// spooling a chunk no longer holds up evaluating the next (on a national run, writing
/// the spools in order was a second or more during which the workers waited).
fn evaluate_spooling<'a>(
    p: &Project,
    opts: &EvalOptions,
    mut spool: render::stream::Spooler<'a>,
) -> (
    Result<ntm::engine::eval::Tail, ntm::engine::eval::StreamError<std::io::Error>>,
    std::io::Result<render::stream::Spooler<'a>>,
) {
    std::thread::scope(|s| {
        // One chunk waits while the next is evaluated: memory stays bounded.
        // Each result rendered by the core that computed it; this thread places them.
        let renderer = spool.renderer();
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<std::io::Result<RenderedResult>>>(1);
        let writer = s.spawn(move || {
            for chunk in rx {
                spool.push_rendered(chunk)?;
            }
            Ok(spool)
        });
        let tail = p.evaluate_stream_each(opts, &|r| renderer.render(r), &mut |chunk| {
            tx.send(chunk)
                .map_err(|_| std::io::Error::other("the results could not be spooled"))
        });
        drop(tx);
        let spool = writer
            .join()
            .unwrap_or_else(|_| Err(std::io::Error::other("spooling the results failed")));
        (tail, spool)
    })
}

/// The streamed document of `ntm eval` (CSV, JSON, JSON Lines), ready to be written,
/// and its notices: the one builder of the command line's output and of `ntm serve`'s
/// `/api/v1/eval`.
pub(crate) fn spooled<'a>(
    m: &'a dyn ntm::render::Catalog,
    p: &Project,
    opts: &EvalOptions,
    f: render::stream::Format,
) -> Result<(render::stream::Assembled<'a>, Vec<ntm::report::Notice>), CliError> {
    let opts = EvalOptions {
        detail: f.eval_detail(),
        ..opts.clone()
    };
    let (tail, spool) = evaluate_spooling(p, &opts, render::stream::Spooler::new(m, f));
    let io = |e: std::io::Error| CliError::Io {
        place: "--output".into(),
        what: crate::run::IoFailure::Os(e.to_string()),
    };
    let (tail, spool) = settled(tail, spool, io)?;
    let notices = tail.notices.clone();
    Ok((
        render::stream::Assembled::new(spool, tail.stamp, tail.notices),
        notices,
    ))
}
