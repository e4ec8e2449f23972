//! ntm-bench: ntm, a hand-written native evaluator and GoRules ZEN on the same rule sets
//! and the same synthetic data (`ntm gen`), each timed in its own process, checked
//! against each other, and printed side by side. See docs/benchmark.md.
//!
//!     cargo run --release -p ntm-bench -- [--xa 1000] [--thon-per-xa 8] [--years 2021..2025] [--small N]

mod check;
mod expr;
mod measure;
mod native;
mod zen;

use anyhow::{anyhow, bail, Context, Result};
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Parser)]
#[command(
    name = "ntm-bench",
    about = "Benchmark: ntm, a native Rust evaluator and GoRules ZEN on the same rule sets and synthetic data, with a differential check"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Option<Cmd>,
    /// Number of xã at full scale (10000 is national scale: 90,000 units with the thôn)
    #[arg(long, default_value_t = 1000)]
    xa: usize,
    /// Thôn per xã
    #[arg(long, default_value_t = 8)]
    thon_per_xa: usize,
    /// Years, e.g. 2021..2025 or 2025
    #[arg(long, default_value = "2021..2025")]
    years: String,
    /// Number of xã at the small scale, for the growth ratio (default: xa / 10)
    #[arg(long)]
    small: Option<usize>,
    /// The ntm binary to time (default: built with cargo next to this one)
    #[arg(long)]
    ntm: Option<PathBuf>,
    /// Keep the generated data and outputs in this folder (default: a temporary folder, removed)
    #[arg(long)]
    keep: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Cmd {
    /// (internal) The native evaluator, timed as a child process
    #[command(hide = true)]
    Native {
        #[arg(long)]
        rules: PathBuf,
        #[arg(long)]
        data: PathBuf,
        #[arg(long)]
        output: PathBuf,
    },
    /// (internal) ZEN on the xã set, timed as a child process
    #[command(hide = true)]
    Zen {
        #[arg(long)]
        rules: PathBuf,
        #[arg(long)]
        data: PathBuf,
        #[arg(long)]
        output: PathBuf,
        #[arg(long)]
        last_year: i32,
    },
}

fn main() {
    let cli = Cli::parse();
    let result = match cli.cmd {
        Some(Cmd::Native {
            ref rules,
            ref data,
            ref output,
        }) => native::run(rules, data, output).map(|s| {
            println!(
                "{}",
                serde_json::json!({"unit_years": s.unit_years, "indicator_evals": s.indicator_evals})
            );
            0
        }),
        Some(Cmd::Zen {
            ref rules,
            ref data,
            ref output,
            last_year,
        }) => zen::run(rules, data, output, last_year).map(|s| {
            println!(
                "{}",
                serde_json::json!({
                    "unit_years": s.unit_years,
                    "indicator_evals": s.indicator_evals,
                    "ruleset": s.ruleset,
                    "years": s.years,
                    "tables": s.tables,
                    "rows": s.rows,
                })
            );
            0
        }),
        None => bench(&cli),
    };
    match result {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("ntm-bench: {e:#}");
            std::process::exit(2);
        }
    }
}

/// The repository: the parent of this crate's folder.
fn repo_root() -> Result<PathBuf> {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = here
        .parent()
        .ok_or_else(|| anyhow!("{} has no parent", here.display()))?;
    root.canonicalize()
        .with_context(|| format!("finding the repository at {}", root.display()))
}

/// The ntm binary: given, or built (release) by cargo into the target folder of this one.
fn ntm_binary(cli: &Cli, root: &Path) -> Result<PathBuf> {
    if let Some(p) = &cli.ntm {
        return Ok(p.clone());
    }
    let exe = std::env::current_exe().context("finding ntm-bench's own path")?;
    let dir = exe
        .parent()
        .ok_or_else(|| anyhow!("{} has no folder", exe.display()))?;
    let ntm = dir.join("ntm");
    // Under `cargo run`, $CARGO is set: build ntm so that the binary timed is current.
    if let Some(cargo) = std::env::var_os("CARGO") {
        eprintln!("building ntm (cargo build --release -p ntm-cli) …");
        let status = Command::new(cargo)
            .args([
                "build",
                "--release",
                "--quiet",
                "-p",
                "ntm-cli",
                "--bin",
                "ntm",
            ])
            .current_dir(root)
            .status()
            .context("running cargo")?;
        if !status.success() {
            bail!("cargo build --release -p ntm-cli failed ({status})");
        }
    }
    if !ntm.is_file() {
        bail!(
            "no ntm binary at {} (build it with `cargo build --release -p ntm-cli`, or give --ntm)",
            ntm.display()
        );
    }
    Ok(ntm)
}

/// `2021..2025` or `2023`: the years, in order.
fn parse_years(s: &str) -> Result<Vec<i32>> {
    let bad = || anyhow!("--years: `{s}` is not YEAR or FROM..TO");
    Ok(match s.split_once("..") {
        Some((a, b)) => {
            let (a, b): (i32, i32) = (
                a.trim().parse().map_err(|_| bad())?,
                b.trim().parse().map_err(|_| bad())?,
            );
            if a > b {
                return Err(bad());
            }
            (a..=b).collect()
        }
        None => vec![s.trim().parse().map_err(|_| bad())?],
    })
}

/// A work folder, removed at the end unless the user asked to keep it.
struct Work {
    dir: PathBuf,
    keep: bool,
}

impl Drop for Work {
    fn drop(&mut self) {
        if !self.keep {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// One measured run, a row of the table.
struct RunRow {
    engine: &'static str,
    task: String,
    xa: usize,
    wall_s: f64,
    unit_years: usize,
    evals: usize,
    peak_mb: f64,
    out_mb: f64,
}

fn file_mb(p: &Path) -> f64 {
    std::fs::metadata(p)
        .map(|m| m.len() as f64 / 1_048_576.0)
        .unwrap_or(0.0)
}

fn counts(stdout: &str) -> Result<serde_json::Value> {
    serde_json::from_str(stdout.trim())
        .with_context(|| format!("reading a child's counts from `{}`", stdout.trim()))
}

fn field(v: &serde_json::Value, k: &str) -> usize {
    v.get(k).and_then(serde_json::Value::as_u64).unwrap_or(0) as usize
}

/// What one scale produced: the rows, and where the outputs are.
struct Scale {
    xa: usize,
    dir: PathBuf,
    rows: Vec<RunRow>,
    zen: serde_json::Value,
}

fn run_scale(
    cli: &Cli,
    ntm: &Path,
    rules: &Path,
    work: &Path,
    xa: usize,
    last_year: i32,
    full: bool,
) -> Result<Scale> {
    let dir = work.join(format!("xa{xa}"));
    let data = dir.join("data");
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let t = std::time::Instant::now();
    let mut gen = Command::new(ntm);
    gen.arg("gen")
        .arg("--out")
        .arg(&data)
        .args(["--xa", &xa.to_string()])
        .args(["--thon-per-xa", &cli.thon_per_xa.to_string()])
        .args(["--years", &cli.years, "--quiet", "--rules"])
        .arg(rules);
    measure::run(gen, &dir, "gen")?;
    eprintln!(
        "  {xa} xã: data generated in {:.1} s; timing …",
        t.elapsed().as_secs_f64()
    );
    let exe = std::env::current_exe().context("finding ntm-bench's own path")?;

    // Native first: its counts (records, indicator outcomes) are those of every engine
    // that evaluates the whole dataset (the check proves ntm produced the same).
    // This binary again, running one engine on the data into `out`.
    let engine = |name: &str, out: &Path| {
        let mut c = Command::new(&exe);
        c.arg(name)
            .arg("--rules")
            .arg(rules)
            .arg("--data")
            .arg(&data)
            .arg("--output")
            .arg(out);
        c
    };
    let out = dir.join("native.csv");
    let m = measure::run(engine("native", &out), &dir, "native")?;
    let nc = counts(&m.stdout)?;
    let (unit_years, evals) = (field(&nc, "unit_years"), field(&nc, "indicator_evals"));
    let mut rows = vec![RunRow {
        engine: "native",
        task: "csv".into(),
        xa,
        wall_s: m.wall_s,
        unit_years,
        evals,
        peak_mb: m.peak_mb,
        out_mb: file_mb(&out),
    }];

    let out = dir.join("zen.csv");
    let mut c = engine("zen", &out);
    c.args(["--last-year", &last_year.to_string()]);
    let m = measure::run(c, &dir, "zen")?;
    let zc = counts(&m.stdout)?;
    rows.push(RunRow {
        engine: "ZEN",
        task: format!(
            "xã {}",
            zc.get("ruleset").and_then(|v| v.as_str()).unwrap_or("?")
        ),
        xa,
        wall_s: m.wall_s,
        unit_years: field(&zc, "unit_years"),
        evals: field(&zc, "indicator_evals"),
        peak_mb: m.peak_mb,
        out_mb: file_mb(&out),
    });

    let mut tasks: Vec<(&str, Vec<&str>, &str)> = vec![("csv", vec!["--format", "csv"], "ntm.csv")];
    if full {
        tasks.push((
            "json summary",
            vec!["--format", "json", "--detail", "summary"],
            "ntm.json",
        ));
        tasks.push((
            "jsonl summary",
            vec!["--format", "jsonl", "--detail", "summary"],
            "ntm-summary.jsonl",
        ));
    } else {
        // Every indicator's outcome, for the check (too large to write at full scale),
        // and the same in one JSON document: the speed full JSON is written at.
        tasks.push(("jsonl full", vec!["--format", "jsonl"], "ntm-full.jsonl"));
        tasks.push(("json full", vec!["--format", "json"], "ntm-full.json"));
    }
    for (task, args, file) in tasks {
        let out = dir.join(file);
        let mut c = Command::new(ntm);
        c.arg("eval")
            .arg("--data")
            .arg(&data)
            .arg("--rules")
            .arg(rules);
        c.args(&args).arg("--output").arg(&out).arg("--quiet");
        let m = measure::run(c, &dir, &format!("ntm-{}", task.replace(' ', "-")))?;
        rows.push(RunRow {
            engine: "ntm",
            task: task.to_string(),
            xa,
            wall_s: m.wall_s,
            unit_years,
            evals,
            peak_mb: m.peak_mb,
            out_mb: file_mb(&out),
        });
    }
    Ok(Scale {
        xa,
        dir,
        rows,
        zen: zc,
    })
}

fn bench(cli: &Cli) -> Result<i32> {
    let years = parse_years(&cli.years)?;
    let last_year = *years.last().ok_or_else(|| anyhow!("--years: no year"))?;
    if cli.xa == 0 {
        bail!("--xa must be at least 1");
    }
    let small = cli.small.unwrap_or((cli.xa / 10).max(1));
    let root = repo_root()?;
    let rules = root.join("rules");
    let ntm = ntm_binary(cli, &root)?;
    let work = match &cli.keep {
        Some(d) => Work {
            dir: d.clone(),
            keep: true,
        },
        None => Work {
            dir: std::env::temp_dir().join(format!("ntm-bench-{}", std::process::id())),
            keep: false,
        },
    };
    std::fs::create_dir_all(&work.dir)
        .with_context(|| format!("creating {}", work.dir.display()))?;
    eprintln!(
        "ntm-bench: {small} then {} xã × (1 + {} thôn) × {} year(s) in {}",
        cli.xa,
        cli.thon_per_xa,
        years.len(),
        work.dir.display()
    );
    let s = run_scale(cli, &ntm, &rules, &work.dir, small, last_year, false)?;
    let f = run_scale(cli, &ntm, &rules, &work.dir, cli.xa, last_year, true)?;

    eprintln!("checking …");
    let lib = native::load_library(&rules)?;
    let zen_set = f
        .zen
        .get("ruleset")
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string();
    let findings = {
        let s_native = check::read_native(&s.dir.join("native.csv"))?;
        let s_csv = check::read_ntm_csv(&s.dir.join("ntm.csv"))?;
        let s_jsonl = check::read_ntm_jsonl(&s.dir.join("ntm-full.jsonl"))?;
        let s_zen = check::read_zen(&s.dir.join("zen.csv"))?;
        let f_native = check::read_native(&f.dir.join("native.csv"))?;
        let f_csv = check::read_ntm_csv(&f.dir.join("ntm.csv"))?;
        let f_zen = check::read_zen(&f.dir.join("zen.csv"))?;
        let (sl, fl) = (format!("{} xã", s.xa), format!("{} xã", f.xa));
        vec![
            check::native_vs_csv(&f_native, &f_csv, &lib, &fl)?,
            check::native_vs_csv(&s_native, &s_csv, &lib, &sl)?,
            check::native_vs_jsonl(&s_native, &s_jsonl, &sl),
            check::zen_vs_native(&f_zen, &f_native, &lib, &zen_set, &fl)?,
            check::zen_vs_csv(&f_zen, &f_csv, &lib, &zen_set, &fl)?,
            check::zen_vs_jsonl(&s_zen, &s_jsonl, &lib, &zen_set, &sl)?,
        ]
    };

    print_report(cli, &years, &s, &f, &ntm, &root)?;
    println!();
    println!("Differential check:");
    let mut agree = true;
    for c in &findings {
        if c.total_differences == 0 && c.compared > 0 {
            println!("  agree     {} — {} records", c.what, c.compared);
        } else {
            agree = false;
            println!(
                "  DISAGREE  {} — {} of {} records differ:",
                c.what, c.total_differences, c.compared
            );
            for d in &c.differences {
                println!("            {d}");
            }
        }
    }
    if agree {
        println!("agree");
        Ok(0)
    } else {
        println!("DISAGREE (outputs kept in {})", work.dir.display());
        let mut work = work;
        work.keep = true;
        Ok(1)
    }
}

fn print_report(
    cli: &Cli,
    years: &[i32],
    s: &Scale,
    f: &Scale,
    ntm: &Path,
    root: &Path,
) -> Result<()> {
    let commit = Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .current_dir(root)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|| "?".into());
    println!();
    println!(
        "ntm benchmark — {} (UTC), {} at commit {commit} ({})",
        today(),
        ntm::ENGINE_VERSION,
        ntm.display()
    );
    println!("machine: {}", machine());
    println!(
        "data: ntm gen, {} and {} xã × (1 + {} thôn) × {} year(s) {} = {} and {} unit-years",
        s.xa,
        f.xa,
        cli.thon_per_xa,
        years.len(),
        cli.years,
        s.rows[0].unit_years,
        f.rows[0].unit_years
    );
    let zy: Vec<String> = f
        .zen
        .get("years")
        .and_then(|v| v.as_array())
        .map(|a| a.iter().map(|y| y.to_string()).collect())
        .unwrap_or_default();
    println!(
        "ZEN: the xã set in force in {} ({}) as a decision table of {} rows ({} distinct table(s) over its years and regions), on the xã records of {} only",
        years.last().copied().unwrap_or_default(),
        f.zen.get("ruleset").and_then(|v| v.as_str()).unwrap_or("?"),
        field(&f.zen, "rows"),
        field(&f.zen, "tables"),
        if zy.is_empty() { "no year".to_string() } else { zy.join(", ") },
    );
    println!();
    println!(
        "{:<7} {:<24} {:>6} {:>8} {:>13} {:>15} {:>8} {:>9} {:>9} {:>8}",
        "engine",
        "task",
        "xã",
        "wall s",
        "unit-years/s",
        "indicators/s",
        "peak MB",
        "output MB",
        "÷ native",
        "÷ ZEN"
    );
    for sc in [s, f] {
        let per = |name: &str| {
            sc.rows
                .iter()
                .find(|r| r.engine == name)
                .map(|r| r.wall_s / r.evals.max(1) as f64)
        };
        let (native, zen) = (per("native"), per("ZEN"));
        for r in &sc.rows {
            let cost = r.wall_s / r.evals.max(1) as f64;
            let ratio = |base: Option<f64>| {
                base.map(|b| format!("{:.1}×", cost / b))
                    .unwrap_or_default()
            };
            println!(
                "{:<7} {:<24} {:>6} {:>8.2} {:>13.0} {:>15.0} {:>8.0} {:>9.1} {:>9} {:>8}",
                r.engine,
                r.task,
                r.xa,
                r.wall_s,
                r.unit_years as f64 / r.wall_s,
                r.evals as f64 / r.wall_s,
                r.peak_mb,
                r.out_mb,
                ratio(native),
                ratio(zen),
            );
        }
    }
    println!("(÷ native, ÷ ZEN: time per indicator evaluation relative to that engine at the same scale)");
    println!();
    for (engine, task) in [("ntm", "csv"), ("native", "csv"), ("ZEN", "")] {
        let pick = |sc: &Scale| {
            sc.rows
                .iter()
                .find(|r| r.engine == engine && (task.is_empty() || r.task == task))
                .map(|r| (r.wall_s, r.unit_years))
        };
        if let (Some((ws, us)), Some((wf, uf))) = (pick(s), pick(f)) {
            let units = uf as f64 / us.max(1) as f64;
            let time = wf / ws;
            let ok = time <= units * 1.1;
            let verdict = match (engine, ok) {
                ("ntm", true) => " (≤ 1.1× that: linear)",
                ("ntm", false) => " (more than 1.1× that: NOT linear)",
                _ => "",
            };
            println!(
                "growth {engine:<6}: {units:.1}× the unit-years ({} → {} xã) cost {time:.1}× the time{verdict}",
                s.xa, f.xa
            );
        }
    }
    Ok(())
}

/// Cores, memory and CPU model, from the OS.
fn machine() -> String {
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let ram_gib = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map(|kb| kb / 1_048_576.0)
        .unwrap_or(0.0);
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines().find_map(|l| {
                l.strip_prefix("model name")
                    .map(|v| v.trim_start_matches([' ', '\t', ':']).to_string())
            })
        })
        .unwrap_or_else(|| "unknown CPU".into());
    format!(
        "{cores} cores, {ram_gib:.1} GiB RAM, {cpu}, {} {}",
        std::env::consts::OS,
        std::env::consts::ARCH
    )
}

/// Today's date (UTC) as YYYY-MM-DD, from the system clock.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}
