//! `ntm rollup`: district aggregates.

use crate::args::{ReportFormat, RollupArgs};
use crate::request::{csv_out, opt_date, year, Out};
use crate::run::{emit_doc, Ctx, Doc, Exit, Outcome};
use crate::usage::Bad;
use ntm::core::date::Date;
use ntm::render::view::Bundle;
use ntm::render::{self};
use std::path::PathBuf;

pub(crate) struct RollupRequest {
    data: Vec<PathBuf>,
    rules: Vec<PathBuf>,
    year: Option<i32>,
    format: ReportFormat,
    as_units: Option<Date>,
    out: Out,
}

impl RollupRequest {
    pub(crate) fn new(a: RollupArgs) -> Result<Self, Bad> {
        Ok(RollupRequest {
            year: year("--year", a.input.year)?,
            as_units: opt_date("--as-units", a.as_units)?,
            out: csv_out(
                a.output,
                a.format == ReportFormat::Csv,
                a.format == ReportFormat::Xlsx,
            )?,
            data: a.input.data,
            rules: a.input.rules,
            format: a.format,
        })
    }
}

pub(crate) fn run(cx: &Ctx, r: RollupRequest) -> Outcome {
    let p = cx.project(&r.rules, &[], &r.data)?;
    let opts = cx.options(&p, r.year, &[])?;
    let v = p.rollup(&opts, r.as_units)?;
    if let Some(doc) = Doc::of(r.format) {
        let b = Bundle {
            stamp: Some(&v.stamp),
            sources: &v.sources,
            rollups: &v.rollups,
            ..Bundle::default()
        };
        emit_doc(cx, &b, doc, None, &r.out)?;
        return Ok(Exit::Ok);
    }
    let text = render::plan::RollupText {
        values: &v.rollups,
        sources: &v.sources,
        set_changes: &v.set_changes,
    };
    let json = ntm::render::json::Json(&v);
    let as_json = r.format == ReportFormat::Json;
    crate::run::emit_text_or_json(cx, as_json, &text, &json, &v.stamp, &r.out)
}
