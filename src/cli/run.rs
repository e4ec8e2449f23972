//! Arguments → validated configuration → library facade → renderer → exit code.
//! No evaluation, checking or aggregation happens here.

use super::args::{
    Command, EvalFormat, Input, Output, PendingFormat, ReportFormat, SweepFormat, TextFormat,
};
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
        rules: Vec<PathBuf>,
        extra: &[PathBuf],
        data: &[PathBuf],
    ) -> Result<Project, u8> {
        progress_step(self.m.word(Word::StepLoading));
        let mut paths = if rules.is_empty() {
            vec![default_rules()]
        } else {
            rules
        };
        paths.extend(extra.iter().cloned());
        let rule_src = self.read(&paths, YAML_EXTS)?;
        let data_src = if data.is_empty() {
            None
        } else {
            let s = self.read(data, DATA_EXTS)?;
            if s.is_empty() {
                return Err(self.fail(Error::one(Diagnostic::error(
                    Span::file_only(&data[0]),
                    "no-data",
                    "no dataset files (.yaml, .yml, .json, .csv, .xlsx) here",
                ))));
            }
            Some(s)
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
            ..EvalOptions::default()
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
            as_units,
            detail,
        } => eval(&cx, input, format, output, &whatif.set, as_units, detail),
        Command::Lineage {
            unit,
            data,
            rules,
            format,
            output,
        } => lineage(&cx, &unit, data, rules, format, output.output),
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
            as_units,
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
                as_units,
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
            as_units,
        } => rollup(&cx, input, format, output, as_units),
        Command::New(what) => new_file(&cx, what),
        Command::Test {
            paths,
            format,
            output,
        } => test(&cx, paths, format, output.output),
        Command::Gen {
            out,
            xa,
            thon_per_xa,
            years,
            seed,
            rules,
        } => gen(&cx, out, xa, thon_per_xa, &years, seed, rules),
        Command::Pending {
            set,
            rules,
            format,
            fill,
            output,
        } => pending(&cx, set, rules, format, fill, output.output),
    };
    outcome.unwrap_or_else(|code| code)
}

fn date_arg(cx: &Ctx, flag: &str, s: &str) -> Result<ntm::date::Date, u8> {
    ntm::date::Date::parse(s).map_err(|e| {
        cx.fail(Error::one(
            Diagnostic::error(Span::file_only(flag), "usage", e.to_string()).arg("detail", e),
        ))
    })
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
    as_units: Option<String>,
    detail: super::args::Detail,
) -> Result<u8, u8> {
    let as_units = as_units
        .map(|d| date_arg(cx, "--as-units", &d))
        .transpose()?;
    let detail = match detail {
        super::args::Detail::Full => render::json::Detail::Full,
        super::args::Detail::Summary => render::json::Detail::Summary,
    };
    let p = cx.project(input.rules, &[], &input.data)?;
    let opts = cx.options(&p, input.year, set)?;
    let streamed = match format {
        _ if as_units.is_some() => None,
        EvalFormat::Json => Some(render::stream::Format::Json(detail)),
        EvalFormat::Jsonl => Some(render::stream::Format::Jsonl(detail)),
        EvalFormat::Csv if !output.excel => Some(render::stream::Format::Csv),
        _ => None,
    };
    if let Some(f) = streamed {
        // Large runs: results are written as they are computed, never all held; outputs
        // that show no indicator do not build them.
        let opts = EvalOptions {
            detail: f.eval_detail(),
            ..opts.clone()
        };
        let mut spool = render::stream::Spooler::new(cx.m, f);
        let tail = match p.evaluate_stream(&opts, &mut |chunk| spool.push(&chunk)) {
            Ok(t) => t,
            Err(ntm::eval::StreamError::Data(d)) => return Err(cx.fail(d.into())),
            Err(ntm::eval::StreamError::Sink(e)) => {
                message(&format!("error[io]: {e}"));
                return Err(ERROR);
            }
        };
        cx.notices(&tail.notices);
        let doc = render::stream::Assembled::new(spool, tail.stamp, tail.notices);
        return emit(cx.m, &doc, output.output.as_deref()).map(|()| OK);
    }
    let report = match as_units {
        Some(d) => p.evaluate_as_units(&opts, d),
        None => p.evaluate(&opts),
    }
    .map_err(|e| cx.fail(e))?;

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
        let rollups = p.rollups_of(&report).unwrap_or_default();
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
        JsonReport(&report, detail),
        render::csv::EvalCsv(&report),
    );
    let jsonl = render::json::JsonLines(&report, detail);
    let r: Seq = match format {
        EvalFormat::Json => Seq(vec![&json]),
        EvalFormat::Jsonl => Seq(vec![&jsonl]),
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

#[allow(clippy::too_many_arguments)]
fn diff(
    cx: &Ctx,
    from: &str,
    to: &str,
    data: Vec<PathBuf>,
    rules: Vec<PathBuf>,
    year: Option<i32>,
    format: ReportFormat,
    output: Output,
    set: &[String],
) -> Result<u8, u8> {
    if let Some(code) = diff_copy(cx, from, to, &rules, &data, year, set, &output)? {
        return Ok(code);
    }
    // A rule file named directly is loaded beside the library.
    let extra: Vec<PathBuf> = [from, to]
        .iter()
        .map(PathBuf::from)
        .filter(|p| p.is_file())
        .collect();
    let p = cx.project(rules, &extra, &data)?;
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

fn rollup(
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

struct PlanArgs {
    file: PathBuf,
    data: Vec<PathBuf>,
    rules: Vec<PathBuf>,
    format: ReportFormat,
    as_of: Option<String>,
    by_department: bool,
    department: Option<String>,
    as_units: Option<String>,
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
        as_units,
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

/// The bundled datasets: `$NTM_DATA`, else `./datasets`, else those of the source tree.
fn default_data() -> PathBuf {
    if let Some(p) = std::env::var_os("NTM_DATA") {
        return PathBuf::from(p);
    }
    let local = PathBuf::from("datasets");
    if local.is_dir() {
        return local;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets")
}

fn lineage(
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
    let (src, only) = test_sources(cx, &paths)?;
    let p = Project::load(&src, None).map_err(|e| cx.fail(e))?;
    diagnostics(cx.m, p.warnings(), false);
    let mut run = p.test();
    if let Some(only) = only {
        // The given files' cases, and those of the sets they amend (which must still pass).
        let lib = p.library();
        let amended: Vec<&str> = lib
            .sets
            .iter()
            .filter(|s| only.contains(&s.file))
            .filter_map(|s| s.amends.as_deref())
            .collect();
        run.cases.retain(|c| {
            only.iter().any(|f| **f == *c.location.file) || amended.contains(&c.ruleset.as_str())
        });
    }
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
    rules: Vec<PathBuf>,
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
    let rules = if rules.is_empty() {
        vec![default_rules()]
    } else {
        rules
    };
    let report = ntm::check::check(inputs, || Sources::read(&rules, YAML_EXTS));
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

fn pending(
    cx: &Ctx,
    set: Option<String>,
    rules: Vec<PathBuf>,
    format: Option<PendingFormat>,
    fill: Option<PathBuf>,
    output: Option<PathBuf>,
) -> Result<u8, u8> {
    let p = cx.project(rules, &[], &[])?;
    let need_set = |what: &str| {
        set.clone().ok_or_else(|| {
            cx.fail(Error::one(
                Diagnostic::error(
                    Span::file_only("SET"),
                    "usage",
                    format!("{what} needs a rule set id, e.g. national/xa/51-2025"),
                )
                .arg("what", what),
            ))
        })
    };
    if let Some(sheet) = fill {
        let id = need_set("--fill")?;
        let src = cx.read(std::slice::from_ref(&sheet), &["csv", "txt"])?;
        let file = src.files().first().ok_or(ERROR)?;
        let name = output
            .as_ref()
            .map(|o| o.display().to_string())
            .unwrap_or_else(|| "<stdout>".into());
        let filled = p.fill(&id, file, &name).map_err(|e| cx.fail(e))?;
        let failures: Vec<Diagnostic> = filled
            .tests
            .cases
            .iter()
            .flat_map(|c| c.failures.clone())
            .collect();
        diagnostics(cx.m, &failures, false);
        let yaml = Raw(filled.yaml.as_bytes());
        let diff = render::diff::DiffText {
            structure: &filled.structure,
            data: None,
            sources: &[],
        };
        // The amendment goes to --output (or stdout); what it changes, to the other stream.
        emit(cx.m, &yaml, output.as_deref())?;
        let mut err = io::stderr().lock();
        if output.is_some() {
            let _ = emit(cx.m, &diff, None);
        } else {
            let _ = diff.render(cx.m, &mut err);
        }
        return Ok(if filled.tests.failed() > 0 {
            FAILED
        } else {
            OK
        });
    }
    let csv_out = output
        .as_ref()
        .is_some_and(|o| o.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")));
    let format = format.unwrap_or(if csv_out {
        PendingFormat::Csv
    } else {
        PendingFormat::Text
    });
    match format {
        PendingFormat::Csv => {
            let id = need_set("the fill-in sheet")?;
            let rows = p.pending_sheet(&id).map_err(|e| cx.fail(e))?;
            emit(cx.m, &render::pending::SheetCsv(&rows), output.as_deref())?;
        }
        PendingFormat::Text | PendingFormat::Json => {
            let list = p.pending(set.as_deref()).map_err(|e| cx.fail(e))?;
            let (text, json) = (render::pending::PendingText(&list), Json(&list));
            let r: &dyn Render = if format == PendingFormat::Json {
                &json
            } else {
                &text
            };
            emit(cx.m, r, output.as_deref())?;
        }
    }
    Ok(OK)
}

/// Bytes written as they are (a generated file).
struct Raw<'a>(&'a [u8]);

impl Render for Raw<'_> {
    fn render(&self, _m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(self.0)
    }
}

#[allow(clippy::too_many_arguments)]
fn gen(
    cx: &Ctx,
    out: PathBuf,
    xa: usize,
    thon_per_xa: usize,
    years: &str,
    seed: u64,
    rules: Vec<PathBuf>,
) -> Result<u8, u8> {
    let bad = |what: &str| {
        cx.fail(Error::one(
            Diagnostic::error(
                Span::file_only("--years"),
                "usage",
                format!("`{what}` is not a year or FROM..TO"),
            )
            .arg("found", what),
        ))
    };
    let year = |t: &str| {
        t.trim()
            .parse::<i32>()
            .ok()
            .filter(|y| (1900..=2200).contains(y))
    };
    let years: Vec<i32> = match years.split_once("..") {
        Some((a, b)) => match (year(a), year(b)) {
            (Some(a), Some(b)) if a <= b => (a..=b).collect(),
            _ => return Err(bad(years)),
        },
        None => vec![year(years).ok_or_else(|| bad(years))?],
    };
    let p = cx.project(rules, &[], &[])?;
    let opts = ntm::gen::GenOptions {
        xa,
        thon_per_xa,
        years,
        seed,
        ..Default::default()
    };
    if let Err(e) = std::fs::create_dir_all(&out) {
        message(&format!("{}: error[io]: {e}", out.display()));
        return Err(ERROR);
    }
    for (name, bytes) in ntm::gen::generate(p.library(), &opts) {
        emit(cx.m, &Raw(&bytes), Some(&out.join(name)))?;
    }
    Ok(OK)
}

/// The rule files to test, with the bundled library under them when they are not the
/// bundled folder itself (so that an amendment finds its base); the tests run are
/// those of the given files.
fn test_sources(cx: &Ctx, paths: &[PathBuf]) -> Result<(Sources, Option<Vec<PathBuf>>), u8> {
    let given = cx.read(paths, YAML_EXTS)?;
    let bundled_dir = default_rules();
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    if paths.iter().any(|p| canon(p) == canon(&bundled_dir))
        || !bundled_dir.is_dir()
        || !ntm::scaffold::needs_bundled(&given)
    {
        return Ok((given, None));
    }
    let only = given.files().iter().map(|f| f.path.clone()).collect();
    let bundled = cx.read(std::slice::from_ref(&bundled_dir), YAML_EXTS)?;
    Ok((ntm::scaffold::overlay(&given, &bundled), Some(only)))
}

/// `ntm new ruleset` and `ntm new amendment`: the YAML to --output (or stdout).
fn new_file(cx: &Ctx, what: super::args::NewCommand) -> Result<u8, u8> {
    use super::args::NewCommand;
    let (rules, output) = match &what {
        NewCommand::Ruleset { rules, output, .. } | NewCommand::Amendment { rules, output, .. } => {
            (rules.clone(), output.output.clone())
        }
    };
    let p = cx.project(rules, &[], &[])?;
    let yaml = match what {
        NewCommand::Ruleset {
            from,
            id,
            valid_from,
            title,
            jurisdiction,
            ..
        } => {
            let valid_from = date_arg(cx, "--valid-from", &valid_from)?;
            let from = p.ruleset(&from).map_err(|e| cx.fail(e))?;
            ntm::scaffold::new_ruleset(
                p.library(),
                &ntm::scaffold::NewRuleset {
                    from,
                    id: &id,
                    valid_from,
                    title: title.as_deref(),
                    jurisdiction: jurisdiction.as_deref(),
                },
            )
        }
        NewCommand::Amendment {
            amends,
            from,
            id,
            document,
            set,
            jurisdiction,
            ..
        } => {
            let valid_from = date_arg(cx, "--from", &from)?;
            let base = p.ruleset(&amends).map_err(|e| cx.fail(e))?;
            let mut pairs = Vec::new();
            for s in &set {
                let Some((k, v)) = s.split_once('=') else {
                    return Err(cx.fail(Error::one(
                        Diagnostic::error(
                            Span::file_only("--set"),
                            "usage",
                            format!("`{s}` is not PARAM=VALUE"),
                        )
                        .arg("what", "--set"),
                    )));
                };
                pairs.push((k.trim().to_string(), v.trim().to_string()));
            }
            ntm::scaffold::new_amendment(
                p.library(),
                &ntm::scaffold::NewAmendment {
                    base,
                    id: id.as_deref(),
                    valid_from,
                    document: document.as_deref(),
                    set: &pairs,
                    jurisdiction: jurisdiction.as_deref(),
                },
            )
        }
    }
    .map_err(|d| {
        cx.fail(Error {
            diagnostics: d.sorted(),
        })
    })?;
    emit(cx.m, &Raw(yaml.as_bytes()), output.as_deref())?;
    Ok(OK)
}

/// `ntm diff --from OLD-COPY.yaml --to ID`: an older copy of a file (saved, or from
/// git) whose set has the same id as one in the library: the changes of an in-place
/// edit. Structural changes only.
#[allow(clippy::too_many_arguments)]
fn diff_copy(
    cx: &Ctx,
    from: &str,
    to: &str,
    rules: &[PathBuf],
    data: &[PathBuf],
    year: Option<i32>,
    set: &[String],
    output: &Output,
) -> Result<Option<u8>, u8> {
    let path = Path::new(from);
    if !path.is_file() {
        return Ok(None);
    }
    let src = cx.read(&[path.to_path_buf()], YAML_EXTS)?;
    let Some(old) = src.files().first() else {
        return Ok(None);
    };
    let Some(id) = ntm::scaffold::set_id(old) else {
        return Ok(None);
    };
    let p = cx.project(rules.to_vec(), &[], &[])?;
    let same = p.ruleset(&id).is_ok_and(|s| {
        s.id == to
            || Path::new(to) == s.file
            || std::fs::canonicalize(to).ok() == std::fs::canonicalize(&s.file).ok()
    });
    if !same {
        return Ok(None);
    }
    if !data.is_empty() {
        return Err(cx.fail(Error::one(
            Diagnostic::error(
                Span::file_only("--data"),
                "usage",
                "--data with an older copy of the same set is not supported yet; compare the structure first",
            )
            .arg("what", "--data"),
        )));
    }
    let opts = cx.options(&p, year, set)?;
    let d = p.diff_copy(old, &opts).map_err(|e| cx.fail(e))?;
    let text = render::diff::DiffText {
        structure: &d.structure,
        data: None,
        sources: &d.sources,
    };
    let stamp = StampLine(&d.stamp);
    emit(cx.m, &Seq(vec![&text, &stamp]), output.output.as_deref())?;
    Ok(Some(OK))
}
