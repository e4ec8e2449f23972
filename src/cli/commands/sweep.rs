//! `ntm sweep`: one parameter over a range of values.

use crate::args::{SweepArgs, SweepFormat};
use crate::output::emit;
use crate::request::{out, year, Out};
use crate::run::{Ctx, Exit, Outcome};
use crate::usage::Bad;
use ntm::render::json::Json;
use ntm::render::stamp::StampLine;
use ntm::render::{self, Seq};
use std::path::PathBuf;

pub(crate) struct SweepRequest {
    /// As written, for the stamp.
    range: String,
    param: String,
    values: Vec<f64>,
    data: Vec<PathBuf>,
    rules: Vec<PathBuf>,
    year: Option<i32>,
    format: SweepFormat,
    out: Out,
}

impl SweepRequest {
    pub(crate) fn new(a: SweepArgs) -> Result<Self, Bad> {
        let (param, values) =
            ntm::analysis::whatif::parse_sweep(&a.range).map_err(|_| Bad::Sweep {
                value: a.range.clone(),
            })?;
        Ok(SweepRequest {
            year: year("--year", a.input.year)?,
            range: a.range,
            param,
            values,
            data: a.input.data,
            rules: a.input.rules,
            format: a.format,
            out: out(a.output),
        })
    }
}

pub(crate) fn run(cx: &Ctx, r: SweepRequest) -> Outcome {
    let p = cx.project(&r.rules, &[], &r.data)?;
    let opts = cx.options(&p, r.year, &[])?;
    let mut s = p.sweep(&r.param, &r.values, &opts)?;
    s.stamp.overrides = vec![r.range.clone()];
    let table = render::sweep::SweepTable {
        param: &s.parameter,
        rows: &s.rows,
    };
    let (stamp, json, csv) = (
        StampLine(&s.stamp),
        Json(&s),
        render::sweep::SweepCsv(&s.rows),
    );
    let text = Seq(vec![&table, &stamp]);
    let safe = ntm::render::escape::terminal::Terminal(&text);
    let doc: Seq = match r.format {
        SweepFormat::Table => Seq(vec![&safe]),
        SweepFormat::Json => Seq(vec![&json]),
        SweepFormat::Csv => Seq(vec![&csv]),
    };
    emit(cx.m, &doc, r.out.path.as_deref())?;
    Ok(Exit::Ok)
}
