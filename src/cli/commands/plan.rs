//! `ntm plan`: progress against a plan's targets, department work lists.

use crate::args::{Output, ReportFormat};
use crate::output::{emit, ERROR, OK};
use crate::run::{date_arg, emit_doc, Ctx};
use ntm::analysis::project::Error;
use ntm::core::diag::{Diagnostic, Span};
use ntm::core::problem::{LibraryProblem, RunProblem};
use ntm::render::json::{Json, JsonValue};
use ntm::render::stamp::StampLine;
use ntm::render::view::Bundle;
use ntm::render::{self, Seq};
use std::path::{Path, PathBuf};

pub(crate) struct PlanArgs {
    pub(crate) file: PathBuf,
    pub(crate) data: Vec<PathBuf>,
    pub(crate) rules: Vec<PathBuf>,
    pub(crate) format: ReportFormat,
    pub(crate) as_of: Option<String>,
    pub(crate) by_department: bool,
    pub(crate) department: Option<String>,
    pub(crate) as_units: Option<String>,
}

pub(crate) fn plan(cx: &Ctx, a: PlanArgs, output: Output, set: &[String]) -> Result<u8, u8> {
    let PlanArgs {
        file,
        data,
        rules,
        format,
        as_of,
        by_department,
        department,
        as_units,
    } = a;
    let as_of = match as_of {
        Some(s) => Some(ntm::core::date::Date::parse(&s).map_err(|e| {
            cx.fail(Error::one(Diagnostic::error(
                Span::file_only("--as-of"),
                RunProblem::DateArg {
                    flag: "--as-of".into(),
                    given: s.clone(),
                    detail: e.to_string(),
                },
            )))
        })?),
        None => None,
    };
    let src = cx.read(std::slice::from_ref(&file), &["yaml", "yml"])?;
    let plan = src
        .files()
        .first()
        .ok_or(ERROR)
        .and_then(|f| ntm::analysis::plan::load(f).map_err(|d| cx.fail(d.into())))?;
    let data = if data.is_empty() {
        vec![file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."))]
    } else {
        data
    };
    let p = cx.project(rules, &[], &data)?;
    let opts = cx.options(&p, None, set)?;
    let out = output.output.as_deref();
    if by_department {
        let mut d = p.departments(&plan, &opts).map_err(|e| cx.fail(e))?;
        if let Some(name) = &department {
            let wanted = p
                .library()
                .registry
                .department(name)
                .map(|x| x.name.clone())
                .unwrap_or_else(|| name.clone());
            let key = ntm::core::text::name_key(&wanted);
            let listed: Vec<String> = d
                .departments
                .iter()
                .filter_map(|l| l.department.clone())
                .collect();
            d.departments.retain(|l| {
                l.department
                    .as_deref()
                    .is_some_and(|n| ntm::core::text::name_key(n) == key)
            });
            if d.departments.is_empty() {
                let known = listed;
                return Err(cx.fail(Error::one(Diagnostic::error(
                    Span::file_only("--department"),
                    LibraryProblem::UnknownDepartmentFlag {
                        name: name.to_string(),
                        known: known.iter().map(|k| k.to_string()).collect(),
                    },
                ))));
            }
        }
        let text = render::plan::Departments {
            lists: &d.departments,
            year: d.year,
            sources: &d.sources,
        };
        let (stamp, json) = (StampLine(&d.stamp), Json(&d));
        let r: Seq = match format {
            ReportFormat::Text => Seq(vec![&text, &stamp]),
            ReportFormat::Json => Seq(vec![&json]),
            doc => {
                let b = Bundle {
                    stamp: Some(&d.stamp),
                    sources: &d.sources,
                    departments: Some((&d.departments, d.year)),
                    ..Bundle::default()
                };
                let flat = render::csv::TablesCsv::new(
                    vec![render::view::departments_flat(&d.departments, d.year, cx.m)],
                    output.excel,
                );
                return emit_doc(cx, &b, doc, Some(&flat), &output).map(|()| OK);
            }
        };
        return emit(cx.m, &r, out).map(|()| OK);
    }
    let as_units = as_units
        .map(|d| date_arg(cx, "--as-units", &d))
        .transpose()?;
    let run = p
        .plan(&plan, as_of, &opts, as_units)
        .map_err(|e| cx.fail(e))?;
    if !matches!(format, ReportFormat::Text | ReportFormat::Json) {
        // A whole report: the plan, its results and the department work lists.
        let report = p.evaluate(&opts).map_err(|e| cx.fail(e))?;
        let d = p.departments(&plan, &opts).map_err(|e| cx.fail(e))?;
        let b = Bundle {
            stamp: Some(&run.stamp),
            sources: &run.plan.provenance,
            report: if format == ReportFormat::Csv {
                None
            } else {
                Some(&report)
            },
            rollups: &run.plan.rollups,
            plan: Some(&run.plan),
            departments: (format != ReportFormat::Csv).then_some((&d.departments[..], d.year)),
            ..Bundle::default()
        };
        return emit_doc(cx, &b, format, None, &output).map(|()| OK);
    }
    let text = render::plan::PlanText(&run.plan);
    let stamp = StampLine(&run.stamp);
    let mut v = serde_json::to_value(&run).unwrap_or_default();
    v["plan"]["notices"] = render::json::notices(cx.m, &run.plan.notices);
    let json = JsonValue(v);
    let r: Seq = match format {
        ReportFormat::Json => Seq(vec![&json]),
        _ => Seq(vec![&text, &stamp]),
    };
    emit(cx.m, &r, out).map(|()| OK)
}
