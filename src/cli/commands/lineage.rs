//! `ntm lineage`: the history of a unit.

use crate::args::TextFormat;
use crate::output::{emit, OK};
use crate::run::{default_data, Ctx};
use ntm::render::json::Json;
use ntm::render::{self, Render};
use std::path::PathBuf;

pub(crate) fn lineage(
    cx: &Ctx,
    unit: &str,
    data: Vec<PathBuf>,
    rules: Vec<PathBuf>,
    format: TextFormat,
    output: Option<PathBuf>,
) -> Result<u8, u8> {
    let data = if data.is_empty() {
        vec![default_data()]
    } else {
        data
    };
    let p = cx.project(rules, &[], &data)?;
    let h = p.history(unit, None).map_err(|e| cx.fail(e))?;
    let (text, json) = (render::lineage::HistoryText(&h), Json(&h));
    let r: &dyn Render = match format {
        TextFormat::Text => &text,
        TextFormat::Json => &json,
    };
    emit(cx.m, r, output.as_deref()).map(|()| OK)
}
