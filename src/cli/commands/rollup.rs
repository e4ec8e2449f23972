//! `ntm rollup`: district aggregates.

use crate::args::{Input, Output, ReportFormat};
use crate::output::{emit, OK};
use crate::run::{date_arg, emit_doc, Ctx};
use ntm::render::json::Json;
use ntm::render::stamp::StampLine;
use ntm::render::view::Bundle;
use ntm::render::{self, Seq};

pub(crate) fn rollup(
    cx: &Ctx,
    input: Input,
    format: ReportFormat,
    output: Output,
    as_units: Option<String>,
) -> Result<u8, u8> {
    let as_units = as_units
        .map(|d| date_arg(cx, "--as-units", &d))
        .transpose()?;
    let p = cx.project(input.rules, &[], &input.data)?;
    let opts = cx.options(&p, input.year, &[])?;
    let r = p.rollup(&opts, as_units).map_err(|e| cx.fail(e))?;
    let text = render::plan::RollupText {
        values: &r.rollups,
        sources: &r.sources,
    };
    let (stamp, json) = (StampLine(&r.stamp), Json(&r));
    let out: Seq = match format {
        ReportFormat::Text => Seq(vec![&text, &stamp]),
        ReportFormat::Json => Seq(vec![&json]),
        doc => {
            let b = Bundle {
                stamp: Some(&r.stamp),
                sources: &r.sources,
                rollups: &r.rollups,
                ..Bundle::default()
            };
            return emit_doc(cx, &b, doc, None, &output).map(|()| OK);
        }
    };
    emit(cx.m, &out, output.output.as_deref()).map(|()| OK)
}
