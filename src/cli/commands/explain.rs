//! `ntm explain`: one unit, indicator by indicator.

use crate::args::{ExplainArgs, TextFormat};
use crate::output::emit;
use crate::request::{out, sets, year, Out};
use crate::run::{Ctx, Exit, Outcome};
use crate::usage::Bad;
use ntm::analysis::project::Explanation;
use ntm::render::json::JsonValue;
use ntm::render::stamp::StampLine;
use ntm::render::Catalog;
use ntm::render::{self, Seq};
use std::path::PathBuf;

pub(crate) struct ExplainRequest {
    data: Vec<PathBuf>,
    rules: Vec<PathBuf>,
    year: Option<i32>,
    set: Vec<String>,
    unit: String,
    summary: bool,
    json: bool,
    out: Out,
}

impl ExplainRequest {
    pub(crate) fn new(a: ExplainArgs) -> Result<Self, Bad> {
        Ok(ExplainRequest {
            year: year("--year", a.input.year)?,
            set: sets("--set", a.whatif.set)?,
            data: a.input.data,
            rules: a.input.rules,
            unit: a.unit,
            summary: a.summary,
            json: matches!(a.format, TextFormat::Json),
            out: out(a.output),
        })
    }
}

pub(crate) fn run(cx: &Ctx, r: ExplainRequest) -> Outcome {
    let p = cx.project(&r.rules, &[], &r.data)?;
    let opts = cx.options(&p, r.year, &r.set)?;
    let mut ex = p.explain(&r.unit, &opts)?;
    if r.summary {
        summarize(&mut ex);
    }
    let results: Vec<&ntm::report::UnitResult> = ex.results.iter().collect();
    let (text, stamp) = (render::explain::Explain(&results), StampLine(&ex.stamp));
    let json = JsonValue(json(cx.m, &ex));
    let shown = Seq(vec![&text, &stamp]);
    let safe = ntm::render::escape::terminal::Terminal(&shown);
    let doc: Seq = if r.json {
        Seq(vec![&json])
    } else {
        Seq(vec![&safe])
    };
    emit(cx.m, &doc, r.out.path.as_deref())?;
    Ok(Exit::Ok)
}

/// `--summary`: only what fails or lacks data.
pub(crate) fn summarize(ex: &mut Explanation) {
    for u in &mut ex.results {
        u.criteria.retain(|c| c.status != ntm::report::Status::Met);
        for c in &mut u.criteria {
            c.indicators
                .retain(|i| i.status != ntm::report::Outcome::Pass);
        }
    }
}

/// The JSON of `ntm explain --format json` (and of `ntm serve`'s `/api/v1/explain`):
/// the unit's results with their findings worded.
pub(crate) fn json(m: &dyn Catalog, ex: &Explanation) -> serde_json::Value {
    serde_json::Value::Array(
        ex.results
            .iter()
            .map(|u| {
                let mut v = serde_json::to_value(u).unwrap_or_default();
                v["findings"] = u
                    .findings
                    .iter()
                    .map(|f| render::json::finding(m, f))
                    .collect();
                v
            })
            .collect(),
    )
}
