//! `ntm eval`: evaluate a dataset; streamed CSV/JSON/JSON Lines, or a whole report.

use crate::args::{EvalFormat, Input, Output, ReportFormat};
use crate::output::{emit, message, ERROR, OK};
use crate::run::{date_arg, emit_doc, Ctx};
use ntm::engine::eval::EvalOptions;
use ntm::render::json::JsonReport;
use ntm::render::stamp::StampLine;
use ntm::render::view::Bundle;
use ntm::render::{self, Seq};

pub(crate) fn eval(
    cx: &Ctx,
    input: Input,
    format: EvalFormat,
    output: Output,
    set: &[String],
    as_units: Option<String>,
    detail: crate::args::Detail,
) -> Result<u8, u8> {
    let as_units = as_units
        .map(|d| date_arg(cx, "--as-units", &d))
        .transpose()?;
    let detail = match detail {
        crate::args::Detail::Full => render::json::Detail::Full,
        crate::args::Detail::Summary => render::json::Detail::Summary,
    };
    let p = cx.project(input.rules, &[], &input.data)?;
    let opts = cx.options(&p, input.year, set)?;
    let streamed = match format {
        _ if as_units.is_some() => None,
        EvalFormat::Json => Some(render::stream::Format::Json(detail)),
        EvalFormat::Jsonl => Some(render::stream::Format::Jsonl(detail)),
        EvalFormat::Csv if output.excel => Some(render::stream::Format::ExcelCsv),
        EvalFormat::Csv => Some(render::stream::Format::Csv),
        _ => None,
    };
    if let Some(f) = streamed {
        // Large runs: results are written as they are computed, never all held; outputs
        // that show no indicator do not build them.
        let opts = EvalOptions {
            detail: f.eval_detail(),
            ..opts.clone()
        };
        let mut spool = render::stream::Spooler::new(cx.m, f);
        let tail = match p.evaluate_stream(&opts, &mut |chunk| spool.push(&chunk)) {
            Ok(t) => t,
            Err(ntm::engine::eval::StreamError::Data(d)) => return Err(cx.fail(d.into())),
            Err(ntm::engine::eval::StreamError::Sink(e)) => {
                message(&format!("error[io]: {e}"));
                return Err(ERROR);
            }
        };
        cx.notices(&tail.notices);
        let doc = render::stream::Assembled::new(spool, tail.stamp, tail.notices);
        return emit(cx.m, &doc, output.output.as_deref()).map(|()| OK);
    }
    let report = match as_units {
        Some(d) => p.evaluate_as_units(&opts, d),
        None => p.evaluate(&opts),
    }
    .map_err(|e| cx.fail(e))?;

    if !matches!(format, EvalFormat::Table) {
        cx.notices(&report.notices);
    }
    let doc = match format {
        EvalFormat::Xlsx => Some(ReportFormat::Xlsx),
        EvalFormat::Html => Some(ReportFormat::Html),
        EvalFormat::Md => Some(ReportFormat::Md),
        _ => None,
    };
    if let Some(doc) = doc {
        let sources = p.dataset().map(|d| d.sources()).unwrap_or_default();
        // District roll-ups where the rules declare them (none is not an error here).
        let rollups = p.rollups_of(&report).unwrap_or_default();
        let b = Bundle {
            stamp: Some(&report.stamp),
            sources: &sources,
            report: Some(&report),
            rollups: &rollups,
            ..Bundle::default()
        };
        return emit_doc(cx, &b, doc, None, &output).map(|()| OK);
    }
    let stamp = StampLine(&report.stamp);
    let (table, json, csv) = (
        render::table::EvalTable(&report),
        JsonReport(&report, detail),
        render::csv::EvalCsv(&report),
    );
    let jsonl = render::json::JsonLines(&report, detail);
    let excel_csv = render::csv::EvalExcelCsv(&report);
    let r: Seq = match format {
        EvalFormat::Json => Seq(vec![&json]),
        EvalFormat::Jsonl => Seq(vec![&jsonl]),
        EvalFormat::Csv if output.excel => Seq(vec![&excel_csv]),
        EvalFormat::Csv => Seq(vec![&csv]),
        _ => Seq(vec![&table, &stamp]),
    };
    emit(cx.m, &r, output.output.as_deref()).map(|()| OK)
}
