//! `ntm explain`: one unit, indicator by indicator.

use crate::args::{Input, TextFormat};
use crate::output::{emit, OK};
use crate::run::Ctx;
use ntm::render::json::JsonValue;
use ntm::render::stamp::StampLine;
use ntm::render::{self, Seq};
use std::path::PathBuf;

pub(crate) fn explain(
    cx: &Ctx,
    input: Input,
    unit: &str,
    summary: bool,
    format: TextFormat,
    output: Option<PathBuf>,
    set: &[String],
) -> Result<u8, u8> {
    let p = cx.project(input.rules, &[], &input.data)?;
    let opts = cx.options(&p, input.year, set)?;
    let mut ex = p.explain(unit, &opts).map_err(|e| cx.fail(e))?;
    if summary {
        // Only what fails or lacks data.
        for r in &mut ex.results {
            r.criteria.retain(|c| c.status != ntm::report::Status::Met);
            for c in &mut r.criteria {
                c.indicators
                    .retain(|i| i.status != ntm::report::Outcome::Pass);
            }
        }
    }
    let results: Vec<&ntm::report::UnitResult> = ex.results.iter().collect();
    let (text, stamp) = (render::explain::Explain(&results), StampLine(&ex.stamp));
    let json = JsonValue(serde_json::Value::Array(
        ex.results
            .iter()
            .map(|r| {
                let mut v = serde_json::to_value(r).unwrap_or_default();
                v["findings"] = r
                    .findings
                    .iter()
                    .map(|f| render::json::finding(cx.m, f))
                    .collect();
                v
            })
            .collect(),
    ));
    let r: Seq = match format {
        TextFormat::Text => Seq(vec![&text, &stamp]),
        TextFormat::Json => Seq(vec![&json]),
    };
    emit(cx.m, &r, output.as_deref()).map(|()| OK)
}
