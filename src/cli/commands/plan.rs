//! `ntm plan`: progress against a plan's targets, department work lists.

use crate::args::{PlanArgs, ReportFormat};
use crate::output::emit;
use crate::request::{conflict, csv_out, needs, opt_date, sets, Out};
use crate::run::{emit_doc, Ctx, Doc, Exit, Outcome};
use crate::usage::Bad;
use ntm::analysis::plan::Plan;
use ntm::analysis::project::Project;
use ntm::core::date::Date;
use ntm::core::diag::{Diagnostic, Span};
use ntm::engine::eval::EvalOptions;
use ntm::render::json::JsonValue;
use ntm::render::stamp::StampLine;
use ntm::render::view::Bundle;
use ntm::render::{self, Seq};
use std::path::{Path, PathBuf};

pub(crate) struct PlanRequest {
    file: PathBuf,
    data: Vec<PathBuf>,
    rules: Vec<PathBuf>,
    set: Vec<String>,
    format: ReportFormat,
    /// The department work lists (of one department, when named) instead of the plan.
    by_department: Option<Option<String>>,
    as_of: Option<Date>,
    as_units: Option<Date>,
    out: Out,
}

impl PlanRequest {
    pub(crate) fn new(a: PlanArgs) -> Result<Self, Bad> {
        let by = a.by_department;
        needs(
            a.department.is_some(),
            "--department",
            by,
            "--by-department",
        )?;
        // Work lists are of the target year on the units as they were: a date to
        // assess at or units to map onto would be silently ignored.
        conflict(a.as_units.is_some(), "--as-units", by, "--by-department")?;
        conflict(a.as_of.is_some(), "--as-of", by, "--by-department")?;
        let data = if a.data.is_empty() {
            vec![a
                .file
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map(Path::to_path_buf)
                .unwrap_or_else(|| PathBuf::from("."))]
        } else {
            a.data
        };
        Ok(PlanRequest {
            as_of: opt_date("--as-of", a.as_of)?,
            as_units: opt_date("--as-units", a.as_units)?,
            set: sets("--set", a.whatif.set)?,
            out: csv_out(
                a.output,
                a.format == ReportFormat::Csv,
                a.format == ReportFormat::Xlsx,
            )?,
            by_department: by.then_some(a.department),
            file: a.file,
            data,
            rules: a.rules,
            format: a.format,
        })
    }
}

pub(crate) fn run(cx: &Ctx, r: PlanRequest) -> Outcome {
    let src = cx.read(std::slice::from_ref(&r.file), &["yaml", "yml"])?;
    let Some(file) = src.files().first() else {
        return Err(Diagnostic::error(
            Span::file_only(&r.file),
            ntm::core::problem::RunProblem::NotAPlanFile,
        )
        .into());
    };
    let plan = ntm::analysis::plan::load(file)?;
    let p = cx.project(&r.rules, &[], &r.data)?;
    let opts = cx.options(&p, None, &r.set)?;
    if let Some(only) = &r.by_department {
        return departments(cx, &r, &p, &plan, &opts, only.as_deref());
    }
    if let Some(doc) = Doc::of(r.format) {
        // A whole report: the plan, its results and the department work lists, from
        // one evaluation.
        let whole = p.plan_document(&plan, r.as_of, &opts, r.as_units)?;
        let (run, d) = (&whole.run, &whole.departments);
        let all = doc != Doc::Csv;
        let b = Bundle {
            stamp: Some(&run.stamp),
            sources: &run.plan.provenance,
            report: all.then_some(&whole.report),
            rollups: &run.plan.rollups,
            plan: Some(&run.plan),
            departments: all.then_some((&d.departments[..], d.year)),
            ..Bundle::default()
        };
        emit_doc(cx, &b, doc, None, &r.out)?;
        return Ok(Exit::Ok);
    }
    let run = p.plan(&plan, r.as_of, &opts, r.as_units)?;
    let text = render::plan::PlanText(&run.plan);
    let stamp = StampLine(&run.stamp);
    let json = JsonValue(json(cx.m, &run));
    let shown = Seq(vec![&text, &stamp]);
    let safe = ntm::render::escape::terminal::Terminal(&shown);
    let out: Seq = match r.format {
        ReportFormat::Json => Seq(vec![&json]),
        _ => Seq(vec![&safe]),
    };
    emit(cx.m, &out, r.out.path.as_deref())?;
    Ok(Exit::Ok)
}

/// `--by-department`: each department's work (or one department's) in the target year.
fn departments(
    cx: &Ctx,
    r: &PlanRequest,
    p: &Project,
    plan: &Plan,
    opts: &EvalOptions,
    only: Option<&str>,
) -> Outcome {
    let d = p.departments(plan, opts, only)?;
    if let Some(doc) = Doc::of(r.format) {
        let b = Bundle {
            stamp: Some(&d.stamp),
            sources: &d.sources,
            departments: Some((&d.departments, d.year)),
            ..Bundle::default()
        };
        let flat = render::csv::TablesCsv::new(
            vec![render::view::departments_flat(&d.departments, d.year, cx.m)],
            r.out.excel,
        );
        emit_doc(cx, &b, doc, Some(&flat), &r.out)?;
        return Ok(Exit::Ok);
    }
    let text = render::plan::Departments {
        lists: &d.departments,
        year: d.year,
        sources: &d.sources,
    };
    let json = ntm::render::json::Json(&d);
    let as_json = r.format == ReportFormat::Json;
    crate::run::emit_text_or_json(cx, as_json, &text, &json, &d.stamp, &r.out)
}

/// The JSON of `ntm plan --format json` (and of `ntm serve`'s `/api/v1/plan`): the run
/// with its notices worded.
pub(crate) fn json(
    m: &dyn render::Catalog,
    run: &ntm::analysis::project::PlanRun,
) -> serde_json::Value {
    let mut v = serde_json::to_value(run).unwrap_or_default();
    v["plan"]["notices"] = render::json::notices(m, &run.plan.notices);
    v
}
