//! Arguments → validated configuration → library facade → renderer → exit code.
//! No evaluation, checking or aggregation happens here.

use super::args::{Command, EvalFormat, Input, Output, ReportFormat, SweepFormat, TextFormat};
use super::output::{
    binary_target_ok, diag_text, diagnostics, emit, message, progress_step, ERROR, FAILED, OK,
};
use ntm::diag::{Diagnostic, Span};
use ntm::eval::EvalOptions;
use ntm::project::{Error, Project};
use ntm::render::json::{Json, JsonReport, JsonValue};
use ntm::render::stamp::StampLine;
use ntm::render::view::Bundle;
use ntm::render::Word;
use ntm::render::{self, Catalog, Lang, Render, Seq};
use ntm::source::{Sources, DATA_EXTS, YAML_EXTS};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The bundled rules: `$NTM_RULES`, else `./rules`, else the rules/ of the source tree.
fn default_rules() -> PathBuf {
    if let Some(p) = std::env::var_os("NTM_RULES") {
        return PathBuf::from(p);
    }
    let local = PathBuf::from("rules");
    if local.is_dir() {
        return local;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")
}

/// `--lang`, else `NTM_LANG`, else Vietnamese.
pub fn language(arg: Option<&str>) -> Result<Lang, String> {
    match arg {
        Some(a) => Lang::parse(a).ok_or_else(|| format!("--lang: `{a}` is not vi or en")),
        None => Ok(std::env::var("NTM_LANG")
            .ok()
            .and_then(|v| Lang::parse(&v))
            .unwrap_or_default()),
    }
}

struct Ctx {
    m: &'static dyn Catalog,
}

impl Ctx {
    fn fail(&self, e: Error) -> u8 {
        diagnostics(self.m, &e.diagnostics, false);
        ERROR
    }

    fn read(&self, paths: &[PathBuf], exts: &[&str]) -> Result<Sources, u8> {
        Sources::read(paths, exts).map_err(|d| self.fail(d.into()))
    }

    /// Rules (given or bundled) and, when asked, a dataset, loaded into a project;
    /// warnings and derived-value notes on standard error.
    fn project(
        &self,
        rules: Option<PathBuf>,
        extra: &[PathBuf],
        data: Option<&Path>,
    ) -> Result<Project, u8> {
        progress_step(self.m.word(Word::StepLoading));
        let mut paths = vec![rules.unwrap_or_else(default_rules)];
        paths.extend(extra.iter().cloned());
        let rule_src = self.read(&paths, YAML_EXTS)?;
        let data_src = match data {
            Some(d) => {
                let s = self.read(&[d.to_path_buf()], DATA_EXTS)?;
                if s.is_empty() {
                    return Err(self.fail(Error::one(Diagnostic::error(
                        Span::file_only(d),
                        "no-data",
                        "no dataset files (.yaml, .yml, .json, .csv, .xlsx) here",
                    ))));
                }
                Some(s)
            }
            None => None,
        };
        let p = Project::load(&rule_src, data_src.as_ref()).map_err(|e| self.fail(e))?;
        diagnostics(self.m, p.warnings(), false);
        for n in p.notices() {
            message(&format!("note: {}", self.m.notice(n)));
        }
        progress_step(self.m.word(Word::StepEvaluating));
        Ok(p)
    }

    fn options(&self, p: &Project, year: Option<i32>, set: &[String]) -> Result<EvalOptions, u8> {
        Ok(EvalOptions {
            year,
            ruleset: None,
            scenario: p.scenario(set).map_err(|e| self.fail(e))?,
        })
    }

    fn notices(&self, ns: &[ntm::report::Notice]) {
        for n in ns {
            message(&format!("note: {}", self.m.notice(n)));
        }
    }
}

pub fn run(cmd: Command, lang: Lang) -> u8 {
    let cx = Ctx { m: lang.catalog() };
    let outcome = match cmd {
        Command::Check {
            paths,
            rules,
            format,
            list_unverified,
            output,
        } => check(&cx, paths, rules, format, list_unverified, output.output),
        Command::Eval {
            input,
            format,
            output,
            whatif,
        } => eval(&cx, input, format, output, &whatif.set),
        Command::Explain {
            input,
            unit,
            summary,
            format,
            output,
            whatif,
        } => explain(
            &cx,
            input,
            &unit,
            summary,
            format,
            output.output,
            &whatif.set,
        ),
        Command::Diff {
            from,
            to,
            data,
            rules,
            year,
            format,
            output,
            whatif,
        } => diff(
            &cx,
            &from,
            &to,
            data,
            rules,
            year,
            format,
            output,
            &whatif.set,
        ),
        Command::Plan {
            file,
            data,
            rules,
            format,
            as_of,
            by_department,
            department,
            output,
            whatif,
        } => plan(
            &cx,
            PlanArgs {
                file,
                data,
                rules,
                format,
                as_of,
                by_department,
                department,
            },
            output,
            &whatif.set,
        ),
        Command::Sweep {
            range,
            input,
            format,
            output,
        } => sweep(&cx, &range, input, format, output.output),
        Command::Rollup {
            input,
            format,
            output,
        } => rollup(&cx, input, format, output),
        Command::Test {
            paths,
            format,
            output,
        } => test(&cx, paths, format, output.output),
    };
    outcome.unwrap_or_else(|code| code)
}

/// Write a report in one of the document formats (XLSX, HTML, Markdown, CSV).
fn emit_doc(
    cx: &Ctx,
    b: &Bundle,
    format: ReportFormat,
    csv: Option<&dyn Render>,
    output: &Output,
) -> Result<(), u8> {
    let out = output.output.as_deref();
    match format {
        ReportFormat::Xlsx => {
            binary_target_ok(out)?;
            emit(cx.m, &render::xlsx::Xlsx(b), out)
        }
        ReportFormat::Html => emit(cx.m, &render::html::Html(b), out),
        ReportFormat::Md => emit(cx.m, &render::markdown::Markdown(b), out),
        ReportFormat::Csv => match csv {
            Some(c) => emit(cx.m, c, out),
            None => {
                let tables: Vec<render::view::Table> = render::view::tables(b, cx.m)
                    .into_iter()
                    .filter(|t| t.kind != render::view::TableKind::Stamp)
                    .collect();
                emit(
                    cx.m,
                    &render::csv::TablesCsv::new(tables, output.excel),
                    out,
                )
            }
        },
        ReportFormat::Text | ReportFormat::Json => Ok(()),
    }
}

fn eval(
    cx: &Ctx,
    input: Input,
    format: EvalFormat,
    output: Output,
    set: &[String],
) -> Result<u8, u8> {
    let p = cx.project(input.rules, &[], Some(&input.data))?;
    let opts = cx.options(&p, input.year, set)?;
    let report = p.evaluate(&opts).map_err(|e| cx.fail(e))?;
    if !matches!(format, EvalFormat::Table) {
        cx.notices(&report.notices);
    }
    let doc = match format {
        EvalFormat::Xlsx => Some(ReportFormat::Xlsx),
        EvalFormat::Html => Some(ReportFormat::Html),
        EvalFormat::Md => Some(ReportFormat::Md),
        EvalFormat::Csv if output.excel => Some(ReportFormat::Csv),
        _ => None,
    };
    if let Some(doc) = doc {
        let sources = p.dataset().map(|d| d.sources()).unwrap_or_default();
        // District roll-ups where the rules declare them (none is not an error here).
        let rollups = p.rollup(&opts).map(|r| r.rollups).unwrap_or_default();
        let b = Bundle {
            stamp: Some(&report.stamp),
            sources: &sources,
            report: Some(&report),
            rollups: &rollups,
            ..Bundle::default()
        };
        let flat = render::csv::TablesCsv::new(
            vec![render::view::flat_annex(&report, cx.m)],
            output.excel,
        );
        return emit_doc(cx, &b, doc, Some(&flat), &output).map(|()| OK);
    }
    let stamp = StampLine(&report.stamp);
    let (table, json, csv) = (
        render::table::EvalTable(&report),
        JsonReport(&report),
        render::csv::EvalCsv(&report),
    );
    let r: Seq = match format {
        EvalFormat::Json => Seq(vec![&json]),
        EvalFormat::Csv => Seq(vec![&csv]),
        _ => Seq(vec![&table, &stamp]),
    };
    emit(cx.m, &r, output.output.as_deref()).map(|()| OK)
}

fn explain(
    cx: &Ctx,
    input: Input,
    unit: &str,
    summary: bool,
    format: TextFormat,
    output: Option<PathBuf>,
    set: &[String],
) -> Result<u8, u8> {
    let p = cx.project(input.rules, &[], Some(&input.data))?;
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

#[allow(clippy::too_many_arguments)]
fn diff(
    cx: &Ctx,
    from: &str,
    to: &str,
    data: Option<PathBuf>,
    rules: Option<PathBuf>,
    year: Option<i32>,
    format: ReportFormat,
    output: Output,
    set: &[String],
) -> Result<u8, u8> {
    // A rule file named directly is loaded beside the library.
    let extra: Vec<PathBuf> = [from, to]
        .iter()
        .map(PathBuf::from)
        .filter(|p| p.is_file())
        .collect();
    let p = cx.project(rules, &extra, data.as_deref())?;
    let opts = cx.options(&p, year, set)?;
    let d = p.diff(from, to, &opts).map_err(|e| cx.fail(e))?;
    let text = render::diff::DiffText {
        structure: &d.structure,
        data: d.data.as_ref(),
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
                diff: Some(&d),
                ..Bundle::default()
            };
            return emit_doc(cx, &b, doc, None, &output).map(|()| OK);
        }
    };
    emit(cx.m, &r, output.output.as_deref()).map(|()| OK)
}

fn sweep(
    cx: &Ctx,
    range: &str,
    input: Input,
    format: SweepFormat,
    output: Option<PathBuf>,
) -> Result<u8, u8> {
    let (param, values) = ntm::whatif::parse_sweep(range).map_err(|d| cx.fail(d.into()))?;
    let p = cx.project(input.rules, &[], Some(&input.data))?;
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

fn rollup(cx: &Ctx, input: Input, format: ReportFormat, output: Output) -> Result<u8, u8> {
    let p = cx.project(input.rules, &[], Some(&input.data))?;
    let opts = cx.options(&p, input.year, &[])?;
    let r = p.rollup(&opts).map_err(|e| cx.fail(e))?;
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

struct PlanArgs {
    file: PathBuf,
    data: Option<PathBuf>,
    rules: Option<PathBuf>,
    format: ReportFormat,
    as_of: Option<String>,
    by_department: bool,
    department: Option<String>,
}

fn plan(cx: &Ctx, a: PlanArgs, output: Output, set: &[String]) -> Result<u8, u8> {
    let PlanArgs {
        file,
        data,
        rules,
        format,
        as_of,
        by_department,
        department,
    } = a;
    let as_of = match as_of {
        Some(s) => Some(ntm::date::Date::parse(&s).map_err(|e| {
            cx.fail(Error::one(
                Diagnostic::error(Span::file_only("--as-of"), "usage", e.to_string())
                    .arg("detail", e),
            ))
        })?),
        None => None,
    };
    let src = cx.read(std::slice::from_ref(&file), &["yaml", "yml"])?;
    let plan = src
        .files()
        .first()
        .ok_or(ERROR)
        .and_then(|f| ntm::plan::load(f).map_err(|d| cx.fail(d.into())))?;
    let data = data.unwrap_or_else(|| {
        file.parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."))
    });
    let p = cx.project(rules, &[], Some(&data))?;
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
            let key = ntm::text::name_key(&wanted);
            let listed: Vec<String> = d
                .departments
                .iter()
                .filter_map(|l| l.department.clone())
                .collect();
            d.departments.retain(|l| {
                l.department
                    .as_deref()
                    .is_some_and(|n| ntm::text::name_key(n) == key)
            });
            if d.departments.is_empty() {
                let known = listed;
                return Err(cx.fail(Error::one(
                    Diagnostic::error(
                        Span::file_only("--department"),
                        "unknown-department",
                        format!("no department `{name}`"),
                    )
                    .with_help(format!("departments: {}", known.join("; "))),
                )));
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
    let run = p.plan(&plan, as_of, &opts).map_err(|e| cx.fail(e))?;
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

/// `ntm test`'s text: one line per case, failures, the summary.
struct TestText<'a>(&'a ntm::testcases::TestRun);

impl Render for TestText<'_> {
    fn render(&self, m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        for c in &self.0.cases {
            let mark = if c.passed { "ok  " } else { "FAIL" };
            writeln!(out, "{mark} {} :: {} ({})", c.ruleset, c.name, c.location)?;
        }
        writeln!(out, "{}", m.test_summary(self.0.passed(), self.0.failed()))
    }
}

fn test(
    cx: &Ctx,
    paths: Vec<PathBuf>,
    format: TextFormat,
    output: Option<PathBuf>,
) -> Result<u8, u8> {
    let paths = if paths.is_empty() {
        vec![default_rules()]
    } else {
        paths
    };
    let src = cx.read(&paths, YAML_EXTS)?;
    let p = Project::load(&src, None).map_err(|e| cx.fail(e))?;
    diagnostics(cx.m, p.warnings(), false);
    let run = p.test();
    let failures: Vec<Diagnostic> = run.cases.iter().flat_map(|c| c.failures.clone()).collect();
    diagnostics(cx.m, &failures, false);
    let (text, json) = (TestText(&run), Json(&run));
    let r: &dyn Render = match format {
        TextFormat::Text => &text,
        TextFormat::Json => &json,
    };
    emit(cx.m, r, output.as_deref())?;
    Ok(if run.failed() > 0 { FAILED } else { OK })
}

/// `ntm check`'s summary: counts, and the weak threshold values when asked.
struct CheckText<'a> {
    report: &'a ntm::check::CheckReport,
    list: bool,
}

impl Render for CheckText<'_> {
    fn render(&self, m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        if let Some(c) = &self.report.rules {
            writeln!(out, "{}", m.rule_counts(c))?;
        }
        if self.list {
            for w in &self.report.weak_values {
                writeln!(
                    out,
                    "{}: [{}] {} {} = {} ({})",
                    w.span,
                    m.source_level(w.level),
                    w.ruleset,
                    w.parameter,
                    m.value(&w.value),
                    w.citation
                )?;
            }
        }
        if let Some(d) = &self.report.data {
            writeln!(out, "{}", m.data_counts(d))?;
        }
        writeln!(
            out,
            "{}",
            m.check_summary(self.report.errors(), self.report.warnings())
        )
    }
}

fn check(
    cx: &Ctx,
    paths: Vec<PathBuf>,
    rules: Option<PathBuf>,
    format: TextFormat,
    list: bool,
    output: Option<PathBuf>,
) -> Result<u8, u8> {
    let paths = if paths.is_empty() {
        vec![default_rules()]
    } else {
        paths
    };
    let inputs = cx.read(&paths, DATA_EXTS)?;
    let rules = rules.unwrap_or_else(default_rules);
    let report = ntm::check::check(inputs, || Sources::read(&[rules], YAML_EXTS));
    let code = if report.errors() > 0 { FAILED } else { OK };
    match format {
        TextFormat::Text => {
            diagnostics(cx.m, &report.diagnostics, false);
            emit(
                cx.m,
                &CheckText {
                    report: &report,
                    list,
                },
                output.as_deref(),
            )?;
        }
        TextFormat::Json => {
            let mut v = serde_json::to_value(&report).unwrap_or_default();
            let mut buf = Vec::new();
            let _ = ntm::render::diagnostics::DiagJson(&report.diagnostics).render(cx.m, &mut buf);
            v["diagnostics"] = serde_json::from_slice(&buf).unwrap_or_default();
            emit(cx.m, &JsonValue(v), output.as_deref())?;
        }
    }
    let _ = diag_text;
    Ok(code)
}
