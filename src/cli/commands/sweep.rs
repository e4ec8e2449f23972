//! `ntm sweep`: one parameter over a range of values.

use crate::args::{Input, SweepFormat};
use crate::output::{emit, OK};
use crate::run::Ctx;
use ntm::render::json::Json;
use ntm::render::stamp::StampLine;
use ntm::render::{self, Seq};
use std::path::PathBuf;

pub(crate) fn sweep(
    cx: &Ctx,
    range: &str,
    input: Input,
    format: SweepFormat,
    output: Option<PathBuf>,
) -> Result<u8, u8> {
    let (param, values) =
        ntm::analysis::whatif::parse_sweep(range).map_err(|d| cx.fail(d.into()))?;
    let p = cx.project(input.rules, &[], &input.data)?;
    let opts = cx.options(&p, input.year, &[])?;
    let mut s = p.sweep(&param, &values, &opts).map_err(|e| cx.fail(e))?;
    s.stamp.overrides = vec![range.to_string()];
    let table = render::sweep::SweepTable {
        param: &s.parameter,
        rows: &s.rows,
    };
    let (stamp, json, csv) = (
        StampLine(&s.stamp),
        Json(&s),
        render::sweep::SweepCsv(&s.rows),
    );
    let r: Seq = match format {
        SweepFormat::Table => Seq(vec![&table, &stamp]),
        SweepFormat::Json => Seq(vec![&json]),
        SweepFormat::Csv => Seq(vec![&csv]),
    };
    emit(cx.m, &r, output.as_deref()).map(|()| OK)
}
