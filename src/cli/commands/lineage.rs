//! `ntm lineage`: the history of a unit.

use crate::args::{LineageArgs, TextFormat};
use crate::output::emit;
use crate::request::{out, Out};
use crate::run::{default_data, Ctx, Exit, Outcome};
use ntm::render::json::Json;
use ntm::render::{self, Render};
use std::path::PathBuf;

pub(crate) struct LineageRequest {
    unit: String,
    data: Vec<PathBuf>,
    rules: Vec<PathBuf>,
    json: bool,
    out: Out,
}

impl LineageRequest {
    pub(crate) fn new(a: LineageArgs) -> Self {
        LineageRequest {
            unit: a.unit,
            data: if a.data.is_empty() {
                vec![default_data()]
            } else {
                a.data
            },
            rules: a.rules,
            json: matches!(a.format, TextFormat::Json),
            out: out(a.output),
        }
    }
}

pub(crate) fn run(cx: &Ctx, r: LineageRequest) -> Outcome {
    let p = cx.project(&r.rules, &[], &r.data)?;
    let h = p.history(&r.unit, None)?;
    let (text, json) = (render::lineage::HistoryText(&h), Json(&h));
    let safe = ntm::render::escape::terminal::Terminal(&text);
    let doc: &dyn Render = if r.json { &json } else { &safe };
    emit(cx.m, doc, r.out.path.as_deref())?;
    Ok(Exit::Ok)
}
