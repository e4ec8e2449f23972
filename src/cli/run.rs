//! Arguments → validated configuration → library facade → renderer → exit code.
//! No evaluation, checking or aggregation happens here.

use super::args::{Command, EvalFormat, Input, TextFormat};
use super::output::{diag_text, diagnostics, emit, message, ERROR, FAILED, OK};
use ntm::diag::{Diagnostic, Span};
use ntm::eval::EvalOptions;
use ntm::project::{Error, Project};
use ntm::render::json::{Json, JsonReport, JsonValue};
use ntm::render::stamp::StampLine;
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
        } => eval(&cx, input, format, output.output, &whatif.set),
        Command::Explain {
            input,
            unit,
            format,
            output,
            whatif,
        } => explain(&cx, input, &unit, format, output.output, &whatif.set),
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
            output.output,
            &whatif.set,
        ),
        Command::Plan {
            file,
            data,
            rules,
            format,
            as_of,
            by_department,
            output,
            whatif,
        } => plan(
            &cx,
            file,
            data,
            rules,
            format,
            as_of,
            by_department,
            output.output,
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
        } => rollup(&cx, input, format, output.output),
        Command::Test {
            paths,
            format,
            output,
        } => test(&cx, paths, format, output.output),
    };
    outcome.unwrap_or_else(|code| code)
}

fn eval(
    cx: &Ctx,
    input: Input,
    format: EvalFormat,
    output: Option<PathBuf>,
    set: &[String],
) -> Result<u8, u8> {
    let p = cx.project(input.rules, &[], Some(&input.data))?;
    let opts = cx.options(&p, input.year, set)?;
    let report = p.evaluate(&opts).map_err(|e| cx.fail(e))?;
    let stamp = StampLine(&report.stamp);
    let (table, json, csv) = (
        render::table::EvalTable(&report),
        JsonReport(&report),
        render::csv::EvalCsv(&report),
    );
    let r: Seq = match format {
        EvalFormat::Table => Seq(vec![&table, &stamp]),
        EvalFormat::Json => Seq(vec![&json]),
        EvalFormat::Csv => Seq(vec![&csv]),
    };
    if !matches!(format, EvalFormat::Table) {
        cx.notices(&report.notices);
    }
    emit(cx.m, &r, output.as_deref()).map(|()| OK)
}

fn explain(
    cx: &Ctx,
    input: Input,
    unit: &str,
    format: TextFormat,
    output: Option<PathBuf>,
    set: &[String],
) -> Result<u8, u8> {
    let p = cx.project(input.rules, &[], Some(&input.data))?;
    let opts = cx.options(&p, input.year, set)?;
    let ex = p.explain(unit, &opts).map_err(|e| cx.fail(e))?;
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
    format: TextFormat,
    output: Option<PathBuf>,
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
        TextFormat::Text => Seq(vec![&text, &stamp]),
        TextFormat::Json => Seq(vec![&json]),
    };
    emit(cx.m, &r, output.as_deref()).map(|()| OK)
}

fn sweep(
    cx: &Ctx,
    range: &str,
    input: Input,
    format: EvalFormat,
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
        EvalFormat::Table => Seq(vec![&table, &stamp]),
        EvalFormat::Json => Seq(vec![&json]),
        EvalFormat::Csv => Seq(vec![&csv]),
    };
    emit(cx.m, &r, output.as_deref()).map(|()| OK)
}

fn rollup(cx: &Ctx, input: Input, format: TextFormat, output: Option<PathBuf>) -> Result<u8, u8> {
    let p = cx.project(input.rules, &[], Some(&input.data))?;
    let opts = cx.options(&p, input.year, &[])?;
    let r = p.rollup(&opts).map_err(|e| cx.fail(e))?;
    let text = render::plan::RollupText {
        values: &r.rollups,
        sources: &r.sources,
    };
    let (stamp, json) = (StampLine(&r.stamp), Json(&r));
    let out: Seq = match format {
        TextFormat::Text => Seq(vec![&text, &stamp]),
        TextFormat::Json => Seq(vec![&json]),
    };
    emit(cx.m, &out, output.as_deref()).map(|()| OK)
}

#[allow(clippy::too_many_arguments)]
fn plan(
    cx: &Ctx,
    file: PathBuf,
    data: Option<PathBuf>,
    rules: Option<PathBuf>,
    format: TextFormat,
    as_of: Option<String>,
    by_department: bool,
    output: Option<PathBuf>,
    set: &[String],
) -> Result<u8, u8> {
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
    if by_department {
        let d = p.departments(&plan, &opts).map_err(|e| cx.fail(e))?;
        let text = render::plan::Departments {
            lists: &d.departments,
            year: d.year,
            sources: &d.sources,
        };
        let (stamp, json) = (StampLine(&d.stamp), Json(&d));
        let r: Seq = match format {
            TextFormat::Text => Seq(vec![&text, &stamp]),
            TextFormat::Json => Seq(vec![&json]),
        };
        return emit(cx.m, &r, output.as_deref()).map(|()| OK);
    }
    let run = p.plan(&plan, as_of, &opts).map_err(|e| cx.fail(e))?;
    let text = render::plan::PlanText(&run.plan);
    let stamp = StampLine(&run.stamp);
    let mut v = serde_json::to_value(&run).unwrap_or_default();
    v["plan"]["notices"] = render::json::notices(cx.m, &run.plan.notices);
    let json = JsonValue(v);
    let r: Seq = match format {
        TextFormat::Text => Seq(vec![&text, &stamp]),
        TextFormat::Json => Seq(vec![&json]),
    };
    emit(cx.m, &r, output.as_deref()).map(|()| OK)
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
