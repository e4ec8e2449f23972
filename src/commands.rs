//! Each subcommand: load with the library, print with the printers, return the exit code.

use crate::cli::{Command, EvalFormat, TextFormat};
use ntm::data::{load_dataset, Dataset};
use ntm::diag::{Diagnostic, Diagnostics, Span};
use ntm::eval::{evaluate, EvalOptions};
use ntm::printers;
use ntm::report::Report;
use ntm::rules::{collect_files, load_library, RuleLibrary};
use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

const OK: u8 = 0;
const FAILED: u8 = 1;
const ERROR: u8 = 2;

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

pub fn run(cmd: Command) -> u8 {
    let outcome = match cmd {
        Command::Check {
            paths,
            rules,
            format,
            list_unverified,
        } => Ok(check(paths, rules, format, list_unverified)),
        Command::Eval {
            input,
            format,
            output,
            whatif,
        } => eval(
            input.data,
            input.rules,
            input.year,
            format,
            output,
            whatif.set,
        ),
        Command::Explain {
            input,
            unit,
            format,
            whatif,
        } => explain(
            input.data,
            unit,
            input.year,
            input.rules,
            format,
            whatif.set,
        ),
        Command::Diff {
            from,
            to,
            data,
            rules,
            year,
            format,
            whatif,
        } => diff(from, to, data, rules, year, format, whatif.set),
        Command::Plan {
            file,
            data,
            rules,
            format,
            as_of,
            by_department,
            whatif,
        } => plan(file, data, rules, format, as_of, by_department, whatif.set),
        Command::Sweep {
            range,
            input,
            format,
        } => sweep(range, input.data, input.rules, input.year, format),
        Command::Rollup { input, format } => rollup(input.data, input.rules, input.year, format),
        Command::Test { paths, format } => Ok(test(paths, format)),
    };
    outcome.unwrap_or_else(|code| code)
}

thread_local! {
    static LINES: RefCell<HashMap<PathBuf, Vec<String>>> = RefCell::new(HashMap::new());
}

fn line_of(file: &Path, line: usize) -> Option<String> {
    LINES.with(|cache| {
        let mut cache = cache.borrow_mut();
        let lines = cache.entry(file.to_path_buf()).or_insert_with(|| {
            std::fs::read_to_string(file)
                .map(|t| t.lines().map(str::to_string).collect())
                .unwrap_or_default()
        });
        lines.get(line.checked_sub(1)?).cloned()
    })
}

fn report_diags(diags: &[Diagnostic], format: TextFormat) {
    let text = match format {
        TextFormat::Text => printers::diagnostics::render_text(diags, &line_of),
        TextFormat::Json => printers::diagnostics::render_json(diags),
    };
    eprint!("{text}");
}

fn load_rules(path: Option<PathBuf>) -> Result<RuleLibrary, u8> {
    load_rules_from(&[path.unwrap_or_else(default_rules)])
}

/// Load rule files, printing warnings; errors are printed and end the command.
fn load_rules_from(paths: &[PathBuf]) -> Result<RuleLibrary, u8> {
    match load_library(paths) {
        Ok((lib, warnings)) => {
            report_diags(&warnings.sorted(), TextFormat::Text);
            Ok(lib)
        }
        Err(d) => {
            report_diags(&d.sorted(), TextFormat::Text);
            Err(ERROR)
        }
    }
}

fn load_data(path: &Path) -> Result<Dataset, u8> {
    match load_dataset(&[path.to_path_buf()]) {
        Ok((ds, warnings)) => {
            report_diags(&warnings.sorted(), TextFormat::Text);
            Ok(ds)
        }
        Err(d) => {
            report_diags(&d.sorted(), TextFormat::Text);
            Err(ERROR)
        }
    }
}

fn run_eval(lib: &RuleLibrary, ds: &Dataset, year: Option<i32>) -> Result<Report, u8> {
    evaluate(
        lib,
        ds,
        &EvalOptions {
            year,
            ruleset: None,
        },
    )
    .map_err(|d| {
        report_diags(&d.sorted(), TextFormat::Text);
        ERROR
    })
}

/// Write all or nothing: to a temporary file beside the target, then rename.
fn write_output(path: &Path, text: &str) -> Result<(), u8> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "output".into());
    let tmp = dir.join(format!(".{name}.ntm-tmp"));
    let result = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(text.as_bytes()).and_then(|_| f.sync_all()))
        .and_then(|_| std::fs::rename(&tmp, path));
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        eprintln!("{}: error[io]: cannot write: {e}", path.display());
        ERROR
    })
}

fn emit(text: &str, output: Option<&Path>) -> Result<u8, u8> {
    match output {
        Some(p) => write_output(p, text).map(|()| OK),
        None => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (e.g. `| head`) is not an error worth a message.
            let _ = out.write_all(text.as_bytes());
            let _ = out.flush();
            Ok(OK)
        }
    }
}

fn print_notices(report: &Report) {
    for n in &report.notices {
        eprintln!("note: {}", n.message);
    }
}

fn eval(
    data: PathBuf,
    rules: Option<PathBuf>,
    year: Option<i32>,
    format: EvalFormat,
    output: Option<PathBuf>,
    set: Vec<String>,
) -> Result<u8, u8> {
    let (mut lib, ds) = load_both(rules, &data)?;
    let overrides = apply_overrides(&mut lib, &set)?;
    let mut report = run_eval(&lib, &ds, year)?;
    report.stamp.overrides = overrides;
    let text = match format {
        EvalFormat::Json => printers::json::render(&report),
        EvalFormat::Csv => printers::csv::render(&report),
        EvalFormat::Table => format!(
            "{}{}",
            printers::table::render(&report),
            printers::stamp::line(&report.stamp)
        ),
    };
    if !matches!(format, EvalFormat::Table) {
        print_notices(&report);
    }
    emit(&text, output.as_deref())
}

/// Parse and apply `--set` overrides; returns them as written, for the stamp.
fn apply_overrides(lib: &mut RuleLibrary, set: &[String]) -> Result<Vec<String>, u8> {
    let mut texts = Vec::new();
    for s in set {
        let ov = ntm::whatif::parse_override(s)
            .and_then(|ov| ntm::whatif::apply(lib, &ov).map(|()| ov))
            .map_err(|d| {
                eprintln!("error[override]: {}", d.message);
                ERROR
            })?;
        texts.push(ov.text);
    }
    Ok(texts)
}

fn sweep(
    range: String,
    data: PathBuf,
    rules: Option<PathBuf>,
    year: Option<i32>,
    format: EvalFormat,
) -> Result<u8, u8> {
    let (param, values) = ntm::whatif::parse_sweep(&range).map_err(|d| {
        eprintln!("error[sweep]: {}", d.message);
        ERROR
    })?;
    let (mut lib, ds) = load_both(rules, &data)?;
    let mut rows = Vec::new();
    let mut last_stamp = None;
    for v in values {
        let text = format!("{param}={v}");
        let ov = ntm::whatif::Override {
            param: param.clone(),
            value: ntm::value::Value::Number(v),
            text,
        };
        ntm::whatif::apply(&mut lib, &ov).map_err(|d| {
            eprintln!("error[sweep]: {}", d.message);
            ERROR
        })?;
        let report = run_eval(&lib, &ds, year)?;
        rows.push(ntm::whatif::count(&report, &lib, &param, v));
        last_stamp = Some(report.stamp);
    }
    let text = match format {
        EvalFormat::Json => serde_json::to_string_pretty(&rows).unwrap_or_default() + "\n",
        EvalFormat::Csv => printers::sweep::render_csv(&rows),
        EvalFormat::Table => {
            let mut t = printers::sweep::render_table(&param, &rows);
            if let Some(mut st) = last_stamp {
                st.overrides = vec![range.clone()];
                t.push_str(&printers::stamp::line(&st));
            }
            t
        }
    };
    emit(&text, None)
}

#[allow(clippy::too_many_arguments)]
fn diff(
    from: String,
    to: String,
    data: Option<PathBuf>,
    rules: Option<PathBuf>,
    year: Option<i32>,
    format: TextFormat,
    set: Vec<String>,
) -> Result<u8, u8> {
    // A rule file named directly is loaded beside the library.
    let mut paths = vec![rules.unwrap_or_else(default_rules)];
    for arg in [&from, &to] {
        let p = PathBuf::from(arg);
        if p.is_file() {
            paths.push(p);
        }
    }
    let mut lib = load_rules_from(&paths)?;
    let overrides = apply_overrides(&mut lib, &set)?;
    let find = |arg: &str| -> Result<usize, u8> {
        let as_path = PathBuf::from(arg);
        let hit = lib.sets.iter().position(|s| {
            s.id == arg
                || (as_path.is_file()
                    && std::fs::canonicalize(&s.file).ok() == std::fs::canonicalize(&as_path).ok())
        });
        hit.ok_or_else(|| {
            let ids = lib.sets.iter().map(|s| s.id.as_str());
            let hint = ntm::text::did_you_mean(arg, ids)
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            eprintln!("error[unknown-ruleset]: no rule set `{arg}`{hint}");
            ERROR
        })
    };
    let (a, b) = (find(&from)?, find(&to)?);
    let (a, b) = (&lib.sets[a], &lib.sets[b]);
    let structure = ntm::diff::structure(a, b);
    let mut data_files = Vec::new();
    let mut provenance = Vec::new();
    let data_diff = match &data {
        Some(d) => {
            let ds = load_data(d)?;
            data_files = ds.files.clone();
            provenance = ds.provenance_lines();
            Some(ntm::diff::data(&lib, &ds, a, b, year).map_err(|d| {
                report_diags(&d.sorted(), TextFormat::Text);
                ERROR
            })?)
        }
        None => None,
    };
    let stamp = ntm::report::Stamp {
        engine: ntm::ENGINE_VERSION.to_string(),
        rules: lib.files.clone(),
        data: data_files,
        year,
        overrides,
    };
    let text = match format {
        TextFormat::Text => format!(
            "{}{}",
            printers::diff::render(&structure, data_diff.as_ref(), &provenance),
            printers::stamp::line(&stamp)
        ),
        TextFormat::Json => {
            let v = serde_json::json!({"stamp": stamp, "structure": structure, "data": data_diff});
            serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
        }
    };
    emit(&text, None)
}

fn rollup(
    data: PathBuf,
    rules: Option<PathBuf>,
    year: Option<i32>,
    format: TextFormat,
) -> Result<u8, u8> {
    let (lib, ds) = load_both(rules, &data)?;
    let report = run_eval(&lib, &ds, year)?;
    let years: Vec<i32> = ds
        .years()
        .into_iter()
        .filter(|y| year.is_none_or(|w| w == *y))
        .collect();
    let mut values = Vec::new();
    for r in &lib.rollups.rollups {
        for y in &years {
            let v = ntm::rollup::compute(&lib.engine, r, &report, *y, None).map_err(|d| {
                report_diags(&[d], TextFormat::Text);
                ERROR
            })?;
            if v.units > 0 {
                values.push(v);
            }
        }
    }
    let text = match format {
        TextFormat::Text => {
            let mut t = String::new();
            for p in ds.provenance_lines() {
                t.push_str(&format!("Số liệu: {p}\n"));
            }
            format!(
                "{t}{}{}",
                printers::plan::render_rollups(&values),
                printers::stamp::line(&report.stamp)
            )
        }
        TextFormat::Json => {
            let v = serde_json::json!({"stamp": report.stamp, "rollups": values});
            serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
        }
    };
    emit(&text, None)
}

fn load_both(rules: Option<PathBuf>, data: &Path) -> Result<(RuleLibrary, Dataset), u8> {
    let lib = load_rules(rules)?;
    let mut ds = load_data(data)?;
    // Commune values derived from village data, as the roll-up files declare.
    let notes = ntm::rollup::apply_derived(&lib.rollups, &mut ds).map_err(|d| {
        report_diags(&d.sorted(), TextFormat::Text);
        ERROR
    })?;
    for n in notes {
        eprintln!("note: {n}");
    }
    Ok((lib, ds))
}

#[allow(clippy::too_many_arguments)]
fn plan(
    file: PathBuf,
    data: Option<PathBuf>,
    rules: Option<PathBuf>,
    format: TextFormat,
    as_of: Option<String>,
    by_department: bool,
    set: Vec<String>,
) -> Result<u8, u8> {
    let as_of = match as_of {
        Some(s) => Some(ntm::date::Date::parse(&s).map_err(|e| {
            eprintln!("error[usage]: --as-of: {e}");
            ERROR
        })?),
        None => None,
    };
    let plan = ntm::plan::load(&file).map_err(|d| {
        report_diags(&d.sorted(), TextFormat::Text);
        ERROR
    })?;
    let data = data.unwrap_or_else(|| {
        file.parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."))
    });
    let (mut lib, ds) = load_both(rules, &data)?;
    let overrides = apply_overrides(&mut lib, &set)?;
    let report = run_eval(&lib, &ds, None)?;
    let mut result = ntm::plan::evaluate(&plan, &lib, &ds, &report, as_of).map_err(|d| {
        report_diags(&d.sorted(), TextFormat::Text);
        ERROR
    })?;
    result
        .notices
        .extend(report.notices.iter().map(|n| n.message.clone()));
    let year = result.plan.target_year;
    let text = match (format, by_department) {
        (TextFormat::Text, false) => format!(
            "{}{}",
            printers::plan::render(&result),
            printers::stamp::line(&with_overrides(&report, &overrides))
        ),
        (TextFormat::Text, true) => format!(
            "{}{}",
            printers::plan::render_departments(
                &ntm::plan::departments(&lib, &report, year),
                year,
                &ds.provenance_lines()
            ),
            printers::stamp::line(&with_overrides(&report, &overrides))
        ),
        (TextFormat::Json, false) => {
            let v = serde_json::json!({"stamp": stamp(&report, overrides), "plan": result});
            serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
        }
        (TextFormat::Json, true) => {
            let v = serde_json::json!({"stamp": stamp(&report, overrides), "year": year, "departments": ntm::plan::departments(&lib, &report, year)});
            serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
        }
    };
    emit(&text, None)
}

fn with_overrides(report: &Report, overrides: &[String]) -> ntm::report::Stamp {
    let mut s = report.stamp.clone();
    s.overrides = overrides.to_vec();
    s
}

fn stamp(report: &Report, overrides: Vec<String>) -> serde_json::Value {
    let mut s = serde_json::to_value(&report.stamp).unwrap_or_default();
    s["overrides"] = serde_json::json!(overrides);
    s
}

fn explain(
    data: PathBuf,
    unit: String,
    year: Option<i32>,
    rules: Option<PathBuf>,
    format: TextFormat,
    set: Vec<String>,
) -> Result<u8, u8> {
    let (mut lib, ds) = load_both(rules, &data)?;
    let overrides = apply_overrides(&mut lib, &set)?;
    let id = match ds.find_unit(&unit, None) {
        Ok(u) => u.id.clone(),
        Err(e) => {
            eprintln!("error[unknown-unit]: {e}");
            return Err(ERROR);
        }
    };
    let mut report = run_eval(&lib, &ds, year)?;
    report.stamp.overrides = overrides;
    let results: Vec<_> = report.results.iter().filter(|r| r.unit.id == id).collect();
    if results.is_empty() {
        let when = year.map(|y| format!(" in {y}")).unwrap_or_default();
        eprintln!("error[no-result]: `{unit}` has no evaluated record{when}");
        print_notices(&report);
        return Err(ERROR);
    }
    let text = match format {
        TextFormat::Text => format!(
            "{}{}",
            printers::explain::render(&results),
            printers::stamp::line(&report.stamp)
        ),
        TextFormat::Json => serde_json::to_string_pretty(&results).unwrap_or_default() + "\n",
    };
    emit(&text, None)
}

fn test(paths: Vec<PathBuf>, format: TextFormat) -> u8 {
    let paths = if paths.is_empty() {
        vec![default_rules()]
    } else {
        paths
    };
    let lib = match load_rules_from(&paths) {
        Ok(lib) => lib,
        Err(code) => return code,
    };
    let run = ntm::testcases::run_all(&lib);
    match format {
        TextFormat::Json => {
            print!("{}", serde_json::to_string_pretty(&run).unwrap_or_default());
            println!();
        }
        TextFormat::Text => {
            let failures: Vec<Diagnostic> =
                run.cases.iter().flat_map(|c| c.failures.clone()).collect();
            for c in &run.cases {
                let mark = if c.passed { "ok  " } else { "FAIL" };
                println!("{mark} {} :: {} ({})", c.ruleset, c.name, c.location);
            }
            report_diags(&failures, TextFormat::Text);
            println!("{} passed, {} failed", run.passed(), run.failed());
        }
    }
    if run.failed() > 0 {
        FAILED
    } else {
        OK
    }
}

fn check(
    paths: Vec<PathBuf>,
    rules: Option<PathBuf>,
    format: TextFormat,
    list_unverified: bool,
) -> u8 {
    let paths = if paths.is_empty() {
        vec![default_rules()]
    } else {
        paths
    };
    let mut diags = Diagnostics::default();
    let mut rule_files = Vec::new();
    let mut data_files = Vec::new();
    let mut plan_files = Vec::new();
    for p in &paths {
        match collect_files(p, &["yaml", "yml", "json", "csv"]) {
            Ok(files) => {
                for f in files {
                    let kind = if f.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                        std::fs::read_to_string(&f)
                            .map(|t| ntm::rules::file_kind(&t))
                            .unwrap_or(ntm::rules::FileKind::Other)
                    } else {
                        ntm::rules::FileKind::Other
                    };
                    match kind {
                        ntm::rules::FileKind::Plan => plan_files.push(f),
                        ntm::rules::FileKind::Other => data_files.push(f),
                        _ => rule_files.push(f),
                    }
                }
            }
            Err(d) => diags.push(d),
        }
    }
    if !diags.is_empty() {
        report_diags(&diags.sorted(), format);
        return ERROR;
    }
    let lib = if rule_files.is_empty() && !data_files.is_empty() {
        load_library(&[rules.unwrap_or_else(default_rules)])
    } else {
        load_library(&rule_files)
    };
    let lib = match lib {
        Ok((lib, warnings)) => {
            diags.extend(warnings);
            Some(lib)
        }
        Err(d) => {
            diags.extend(d);
            None
        }
    };
    let mut data_summary = None;
    if !data_files.is_empty() {
        match load_dataset(&data_files) {
            Ok((ds, warnings)) => {
                diags.extend(warnings);
                if let Some(lib) = &lib {
                    unknown_columns(lib, &ds, &mut diags);
                    match evaluate(lib, &ds, &EvalOptions::default()) {
                        Ok(r) => {
                            data_summary =
                                Some((ds.units.len(), ds.records.len(), r.results.len()));
                            // Plans name units and measures: check them against this data.
                            for pf in &plan_files {
                                if let Err(d) = ntm::plan::load(pf)
                                    .and_then(|p| ntm::plan::evaluate(&p, lib, &ds, &r, None))
                                {
                                    diags.extend(d);
                                }
                            }
                        }
                        Err(d) => diags.extend(d),
                    }
                }
            }
            Err(d) => diags.extend(d),
        }
    }
    let all = diags.sorted();
    report_diags(&all, format);
    let (errors, warnings) = printers::diagnostics::count(&all);
    if let Some(lib) = &lib {
        if !rule_files.is_empty() || data_files.is_empty() {
            // Amendments inherit their base's criteria: count each criterion once.
            let own: Vec<&ntm::rules::RuleSet> =
                lib.sets.iter().filter(|s| s.amends.is_none()).collect();
            let amendments = lib.sets.len() - own.len();
            let criteria: usize = own.iter().map(|s| s.criteria.len()).sum();
            let indicators: usize = own.iter().map(|s| s.indicator_count()).sum();
            let unverified: usize = own.iter().map(|s| s.unverified_values().count()).sum();
            let tests: usize = lib.sets.iter().map(|s| s.tests.len()).sum();
            let pending: usize = own
                .iter()
                .flat_map(|s| &s.criteria)
                .filter(|c| c.pending_source.is_some())
                .count();
            println!(
                "rule sets: {} (+{amendments} amendments), criteria: {criteria} ({pending} pending their source), indicators: {indicators}, unverified thresholds: {unverified}, test cases: {tests}",
                own.len()
            );
        }
        if list_unverified {
            for s in &lib.sets {
                for (p, v) in s.unverified_values() {
                    // An amendment lists only the values it writes itself, not those it inherits.
                    if v.span.file != s.file {
                        continue;
                    }
                    println!(
                        "{}: {} {} = {} (unverified; {})",
                        Span::new(&s.file, v.span.line, v.span.column),
                        s.id,
                        p.id,
                        v.value,
                        v.citation
                    );
                }
            }
        }
    }
    if let Some((units, records, results)) = data_summary {
        println!("datasets: {units} units, {records} records, {results} evaluations");
    }
    println!("{errors} errors, {warnings} warnings");
    if errors > 0 {
        FAILED
    } else {
        OK
    }
}

/// Dataset columns no rule set declares are probably misspelt.
fn unknown_columns(lib: &RuleLibrary, ds: &Dataset, diags: &mut Diagnostics) {
    let known: Vec<&str> = lib
        .sets
        .iter()
        .flat_map(|s| s.fields.keys().map(String::as_str))
        .chain(lib.rollups.derived.iter().map(|d| d.source_field.as_str()))
        .collect();
    let mut reported = std::collections::BTreeSet::new();
    for r in &ds.records {
        for (k, c) in &r.values {
            if known.contains(&k.as_str()) || !reported.insert(k.clone()) {
                continue;
            }
            let d = Diagnostic::warning(
                c.span.clone(),
                "unknown-column",
                format!("no rule set declares a field `{k}`; its values are not used"),
            );
            diags.push(match ntm::text::did_you_mean(k, known.iter().copied()) {
                Some(s) => d.with_help(format!("did you mean `{s}`?")),
                None => d,
            });
        }
    }
}
