//! Command-line arguments (clap). `run` turns them into calls of the library facade.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "ntm",
    version,
    about = "Evaluate communes (xã) and villages (thôn) against the Nông thôn mới criteria",
    long_about = "ntm evaluates communes and villages against the criteria of the New Rural Development \
programme (Nông thôn mới). Criteria, thresholds and their legal citations live in YAML rule files; \
datasets hold units and their values or declared statuses.\n\nExit codes: 0 success; 1 check or test \
failures; 2 usage, I/O or definition errors."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Language of the output: vi (default) or en; also NTM_LANG
    #[arg(long, global = true, value_name = "vi|en")]
    pub lang: Option<String>,
    /// No progress bar on standard error (it is shown only on a terminal anyway)
    #[arg(long, short, global = true)]
    pub quiet: bool,
}

/// Where the result goes.
#[derive(Args, Debug)]
pub struct Output {
    /// Write to this file (whole or not at all) instead of standard output
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// CSV for Excel: UTF-8 byte-order mark, `;` between cells, headers and labels in
    /// the output language (--lang)
    #[arg(long)]
    pub excel: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum EvalFormat {
    Table,
    Json,
    Csv,
    /// Excel workbook: the annex, summary, indicators, findings, stamp (needs --output
    /// unless standard output is redirected)
    Xlsx,
    /// One self-contained HTML file with charts
    Html,
    /// Markdown
    Md,
    /// JSON Lines: the stamp, one result per line, the notices (for very large runs)
    Jsonl,
}

/// How much of each result JSON carries.
#[derive(Clone, Copy, Debug, Default, ValueEnum)]
pub enum Detail {
    /// Indicators with values, thresholds and citations
    #[default]
    Full,
    /// Criteria and verdicts only
    Summary,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum SweepFormat {
    Table,
    Json,
    Csv,
}

/// Formats of plan, diff and roll-up reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    #[value(alias = "table")]
    Text,
    Json,
    Csv,
    Xlsx,
    Html,
    Md,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PendingFormat {
    Text,
    Json,
    Csv,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum TextFormat {
    Text,
    Json,
}

/// Where the data and rules come from, and which year.
#[derive(Args, Debug)]
pub struct Input {
    /// Dataset file or folder, repeatable (folders are walked in sorted order)
    #[arg(long, required = true)]
    pub data: Vec<PathBuf>,
    /// Rule file or folder, repeatable (default: the bundled rules/)
    #[arg(long)]
    pub rules: Vec<PathBuf>,
    /// Only this year
    #[arg(long, value_parser = year_arg)]
    pub year: Option<i32>,
}

#[derive(Args, Debug)]
pub struct WhatIf {
    /// What-if: replace a threshold for this run (repeatable), e.g. --set ho_dien_min=97
    #[arg(long = "set", value_name = "PARAM=VALUE")]
    pub set: Vec<String>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Validate rule files and datasets; errors as file:line:col: message.
    /// Ví dụ: ntm check rules datasets
    Check {
        /// Rule files, datasets or folders (default: the bundled rules/)
        paths: Vec<PathBuf>,
        /// Rules to type datasets against, when PATHS hold only datasets (default: bundled rules/)
        #[arg(long)]
        rules: Vec<PathBuf>,
        /// Diagnostics as text or JSON
        #[arg(long, value_enum, default_value = "text")]
        format: TextFormat,
        /// List every threshold value not read in its document's own text, weakest first
        #[arg(long)]
        list_unverified: bool,
        #[command(flatten)]
        output: Output,
    },
    /// Evaluate every unit of a dataset.
    /// Ví dụ: ntm eval --data datasets/ngan-son --year 2021
    Eval {
        #[command(flatten)]
        input: Input,
        #[arg(long, value_enum, default_value = "table")]
        format: EvalFormat,
        #[command(flatten)]
        output: Output,
        #[command(flatten)]
        whatif: WhatIf,
        /// Map the results onto the units that exist on this date (lineage files in
        /// the data say what merged into what)
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_units: Option<String>,
        /// JSON detail: full (default) or summary (criteria and verdicts only)
        #[arg(long, value_enum, default_value = "full")]
        detail: Detail,
    },
    /// A unit's history: what it came from, what it became, when and under which act.
    /// Ví dụ: ntm lineage "Ngân Sơn"
    Lineage {
        /// Unit id or name (when a name is shared, the unit that exists last is meant)
        unit: String,
        /// Dataset with the units and their lineage file, repeatable (default: the
        /// bundled datasets/)
        #[arg(long)]
        data: Vec<PathBuf>,
        /// Rule file or folder, repeatable (default: the bundled rules/)
        #[arg(long)]
        rules: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: TextFormat,
        #[command(flatten)]
        output: Output,
    },
    /// Explain, criterion by criterion, how one unit was judged.
    /// Ví dụ: ntm explain --data datasets/ngan-son --unit "Nà Y" --summary
    Explain {
        #[command(flatten)]
        input: Input,
        /// Unit id or name (e.g. "Nà Y" or thuong-an/na-y)
        #[arg(long)]
        unit: String,
        /// Only the criteria and indicators that fail or lack data
        #[arg(long)]
        summary: bool,
        #[arg(long, value_enum, default_value = "text")]
        format: TextFormat,
        #[command(flatten)]
        output: Output,
        #[command(flatten)]
        whatif: WhatIf,
    },
    /// Sensitivity of a threshold: evaluate over a range of values and count units
    /// passing each indicator that reads it, each criterion, and đạt chuẩn.
    /// Ví dụ: ntm sweep tuoi_tieu_min=70..90:5 --data datasets/ngan-son --year 2021
    Sweep {
        /// PARAM=FROM..TO:STEP, e.g. ho_dien_min=90..100:1
        range: String,
        #[command(flatten)]
        input: Input,
        #[arg(long, value_enum, default_value = "table")]
        format: SweepFormat,
        #[command(flatten)]
        output: Output,
    },
    /// Compare two rule sets: structural changes, and with --data the verdicts that
    /// flip and why.
    /// Ví dụ: ntm diff --from bac-kan/xa/734-2017 --to bac-kan/xa/1304-2022 --data datasets/ngan-son
    Diff {
        /// The older rule set: an id (e.g. bac-kan/xa/734-2017) or a rule file
        #[arg(long)]
        from: String,
        /// The newer rule set: an id or a rule file
        #[arg(long)]
        to: String,
        /// Dataset to evaluate under both sets, repeatable
        #[arg(long)]
        data: Vec<PathBuf>,
        #[arg(long)]
        rules: Vec<PathBuf>,
        #[arg(long, value_parser = year_arg)]
        year: Option<i32>,
        #[arg(long, value_enum, default_value = "text")]
        format: ReportFormat,
        #[command(flatten)]
        output: Output,
        #[command(flatten)]
        whatif: WhatIf,
    },
    /// Track a plan (Kế hoạch): every target with baseline, current, required value,
    /// gap and status, per unit; district roll-ups; department work lists.
    /// Ví dụ: ntm plan datasets/ngan-son/ke-hoach-2021.yaml --by-department
    Plan {
        /// The plan file, e.g. datasets/ngan-son/ke-hoach-2021.yaml
        file: PathBuf,
        /// Dataset, repeatable (default: the plan file's folder)
        #[arg(long)]
        data: Vec<PathBuf>,
        #[arg(long)]
        rules: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: ReportFormat,
        /// Date the plan is assessed at (default: the last day of the latest year with data)
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// List, for each department, the unmet indicators in each unit of the target year
        #[arg(long)]
        by_department: bool,
        /// With --by-department: only this department (name or id, e.g. "Phòng Nông nghiệp")
        #[arg(long, value_name = "NAME", requires = "by_department")]
        department: Option<String>,
        /// Track the targets on the units that exist on this date: a target written on
        /// an old unit follows its successor (a note says so)
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_units: Option<String>,
        #[command(flatten)]
        output: Output,
        #[command(flatten)]
        whatif: WhatIf,
    },
    /// District aggregates declared in rules/rollups (average criteria per xã, units đạt
    /// chuẩn, distribution by criteria met) for each year of a dataset.
    /// Ví dụ: ntm rollup --data datasets/ngan-son --year 2021
    Rollup {
        #[command(flatten)]
        input: Input,
        #[arg(long, value_enum, default_value = "text")]
        format: ReportFormat,
        #[command(flatten)]
        output: Output,
        /// Aggregate over the units that exist on this date (results mapped through the
        /// lineage); by default over the units as they were
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_units: Option<String>,
    },
    /// What awaits a source: criteria whose indicators are not encoded and threshold
    /// values nobody read. Writes a fill-in sheet (CSV for Excel) and reads it back into
    /// an amendment. Ví dụ: ntm pending national/xa/51-2025 --output phieu.csv ;
    /// ntm pending national/xa/51-2025 --fill phieu.csv --output 51-2025-chi-tieu.yaml
    Pending {
        /// A rule set id (all sets when absent; required for the sheet and --fill)
        set: Option<String>,
        /// Rule file or folder (default: the bundled rules/)
        #[arg(long)]
        rules: Vec<PathBuf>,
        /// text (the list), json, or csv (the fill-in sheet; also chosen by an --output
        /// ending in .csv)
        #[arg(long, value_enum)]
        format: Option<PendingFormat>,
        /// A completed sheet: write the amendment it describes (checked and tested)
        #[arg(long, value_name = "SHEET")]
        fill: Option<PathBuf>,
        #[command(flatten)]
        output: Output,
    },
    /// Write a synthetic (made-up) dataset for benchmarks: units and values for every
    /// field the rule sets in force read. Ví dụ: ntm gen --out /tmp/quoc-gia --xa 1000
    Gen {
        /// Folder to write into (created)
        #[arg(long)]
        out: PathBuf,
        /// Number of xã
        #[arg(long, default_value_t = 10_000)]
        xa: usize,
        /// Thôn per xã
        #[arg(long, default_value_t = 8)]
        thon_per_xa: usize,
        /// Years, e.g. 2021..2025 or 2023
        #[arg(long, default_value = "2021..2025")]
        years: String,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Rule file or folder, repeatable (default: the bundled rules/)
        #[arg(long)]
        rules: Vec<PathBuf>,
    },
    /// Start a new rule set or an amendment from one in the library (a YAML file that
    /// passes `ntm check` and `ntm test`).
    /// Ví dụ: ntm new amendment --amends bac-kan/xa/1304-2022 --from 2025-01-01 --set thu_nhap_min=50 --output rules/bac-kan/xa/1304-2022-sua-doi.yaml
    #[command(subcommand)]
    New(NewCommand),
    /// Run the test cases that rule files carry; the bundled rules are loaded under the
    /// files given, so that an amendment finds the set it amends.
    /// Ví dụ: ntm test rules/bac-kan
    Test {
        /// Rule files or folders (default: the bundled rules/)
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: TextFormat,
        #[command(flatten)]
        output: Output,
    },
}

/// What `ntm new` makes.
#[derive(Subcommand, Debug)]
pub enum NewCommand {
    /// A new rule set copied from one in force, as it stands the day before the new one
    /// starts: header renewed (`supersedes` filled in), thresholds of that day, pending
    /// slots kept, test cases that still hold moved to its first year.
    /// Ví dụ: ntm new ruleset --from bac-kan/xa/1304-2022 --id bac-kan/xa/2026 --valid-from 2026-01-01 --output rules/bac-kan/xa/2026.yaml
    Ruleset {
        /// The set to copy (an id, e.g. bac-kan/xa/1304-2022)
        #[arg(long)]
        from: String,
        /// Id of the new set, e.g. bac-kan/xa/2026
        #[arg(long)]
        id: String,
        /// First day in force of the new set
        #[arg(long, value_name = "YYYY-MM-DD")]
        valid_from: String,
        /// Title of the new set (default: the old title, marked as new)
        #[arg(long)]
        title: Option<String>,
        /// Province of the new set, when it is made from a national one (e.g. "Bắc Kạn")
        #[arg(long)]
        jurisdiction: Option<String>,
        /// Rule files or folders (default: the bundled rules/)
        #[arg(long)]
        rules: Vec<PathBuf>,
        #[command(flatten)]
        output: Output,
    },
    /// A small amendment (sửa đổi, bổ sung) of a set: only what changes; everything else
    /// is inherited, and the amended set's own tests keep passing.
    /// Ví dụ: ntm new amendment --amends bac-kan/xa/1304-2022 --from 2025-01-01 --set thu_nhap_min=50
    Amendment {
        /// The set amended (an id)
        #[arg(long)]
        amends: String,
        /// First day in force of the amendment (the amended set ends the day before)
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: String,
        /// Id of the amendment (default: <amended id>/sua-doi-<year>)
        #[arg(long)]
        id: Option<String>,
        /// Number of the amending document, e.g. 12/QĐ-UBND
        #[arg(long)]
        document: Option<String>,
        /// A threshold that changes, repeatable: --set thu_nhap_min=50
        #[arg(long = "set", value_name = "PARAM=VALUE")]
        set: Vec<String>,
        /// A provincial layer over a national set (both stay in force; the layer applies
        /// to this province's units), e.g. "Bắc Kạn"
        #[arg(long)]
        jurisdiction: Option<String>,
        /// Rule files or folders (default: the bundled rules/)
        #[arg(long)]
        rules: Vec<PathBuf>,
        #[command(flatten)]
        output: Output,
    },
}

/// A `--year` within the years ntm accepts anywhere (see `ntm::core::limits`).
fn year_arg(s: &str) -> Result<i32, String> {
    let y: i32 = s
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a year"))?;
    if ntm::core::limits::year_ok(y) {
        Ok(y)
    } else {
        Err(format!(
            "{y} is not a plausible year (between {} and {})",
            ntm::core::limits::MIN_YEAR,
            ntm::core::limits::MAX_YEAR
        ))
    }
}
