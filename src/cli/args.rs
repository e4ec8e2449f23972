//! Command-line arguments (clap derive): their names and types only. Every word of the
//! help is in the tables of `help/` (one per language, keyed by command and argument
//! id); `request` turns what is parsed here into one validated request per command.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(name = "ntm", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    // Chosen before parsing (see `help::language`); declared so that clap accepts it.
    #[arg(long, global = true, value_name = "vi|en")]
    pub lang: Option<String>,
    #[arg(long, short, global = true)]
    pub quiet: bool,
}

/// Where a result goes.
#[derive(Args, Debug)]
pub struct Output {
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Where a result goes, for commands with a CSV format (which `--excel` adapts).
#[derive(Args, Debug)]
pub struct CsvOutput {
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[arg(long)]
    pub excel: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EvalFormat {
    Table,
    Json,
    Csv,
    Xlsx,
    Html,
    Md,
    Jsonl,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Detail {
    Full,
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TextFormat {
    Text,
    Json,
}

/// Where the data and rules come from, and which year.
#[derive(Args, Debug)]
pub struct Input {
    #[arg(long, required = true)]
    pub data: Vec<PathBuf>,
    #[arg(long)]
    pub rules: Vec<PathBuf>,
    // A text here: `request` checks it and says why in the user's language.
    #[arg(long)]
    pub year: Option<String>,
}

#[derive(Args, Debug)]
pub struct WhatIf {
    #[arg(long = "set", value_name = "PARAM=VALUE")]
    pub set: Vec<String>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    Check(CheckArgs),
    Eval(EvalArgs),
    Lineage(LineageArgs),
    Explain(ExplainArgs),
    Sweep(SweepArgs),
    Diff(DiffArgs),
    Plan(PlanArgs),
    Rollup(RollupArgs),
    Pending(PendingArgs),
    Gen(GenArgs),
    #[command(subcommand)]
    New(NewCommand),
    Test(TestArgs),
    Serve(ServeArgs),
}

/// What `ntm new` makes.
#[derive(Subcommand, Debug)]
pub enum NewCommand {
    Ruleset(NewRulesetArgs),
    Amendment(NewAmendmentArgs),
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    pub paths: Vec<PathBuf>,
    #[arg(long)]
    pub rules: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextFormat,
    #[arg(long)]
    pub list_unverified: bool,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Args, Debug)]
pub struct EvalArgs {
    #[command(flatten)]
    pub input: Input,
    #[arg(long, value_enum, default_value = "table")]
    pub format: EvalFormat,
    #[command(flatten)]
    pub output: CsvOutput,
    #[command(flatten)]
    pub whatif: WhatIf,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_units: Option<String>,
    // No default here: given with a format it does not apply to, it is refused.
    #[arg(long, value_enum)]
    pub detail: Option<Detail>,
}

#[derive(Args, Debug)]
pub struct LineageArgs {
    pub unit: String,
    #[arg(long)]
    pub data: Vec<PathBuf>,
    #[arg(long)]
    pub rules: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextFormat,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Args, Debug)]
pub struct ExplainArgs {
    #[command(flatten)]
    pub input: Input,
    #[arg(long)]
    pub unit: String,
    #[arg(long)]
    pub summary: bool,
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextFormat,
    #[command(flatten)]
    pub output: Output,
    #[command(flatten)]
    pub whatif: WhatIf,
}

#[derive(Args, Debug)]
pub struct SweepArgs {
    pub range: String,
    #[command(flatten)]
    pub input: Input,
    #[arg(long, value_enum, default_value = "table")]
    pub format: SweepFormat,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Args, Debug)]
pub struct DiffArgs {
    #[arg(long)]
    pub from: String,
    #[arg(long)]
    pub to: String,
    #[arg(long)]
    pub data: Vec<PathBuf>,
    #[arg(long)]
    pub rules: Vec<PathBuf>,
    #[arg(long)]
    pub year: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ReportFormat,
    #[command(flatten)]
    pub output: CsvOutput,
    #[command(flatten)]
    pub whatif: WhatIf,
}

#[derive(Args, Debug)]
pub struct PlanArgs {
    pub file: PathBuf,
    #[arg(long)]
    pub data: Vec<PathBuf>,
    #[arg(long)]
    pub rules: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ReportFormat,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
    #[arg(long)]
    pub by_department: bool,
    #[arg(long, value_name = "NAME")]
    pub department: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_units: Option<String>,
    #[command(flatten)]
    pub output: CsvOutput,
    #[command(flatten)]
    pub whatif: WhatIf,
}

#[derive(Args, Debug)]
pub struct RollupArgs {
    #[command(flatten)]
    pub input: Input,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ReportFormat,
    #[command(flatten)]
    pub output: CsvOutput,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_units: Option<String>,
}

#[derive(Args, Debug)]
pub struct PendingArgs {
    pub set: Option<String>,
    #[arg(long)]
    pub rules: Vec<PathBuf>,
    /// Datasets whose units without a commune group are listed too.
    #[arg(long)]
    pub data: Vec<PathBuf>,
    #[arg(long, value_enum)]
    pub format: Option<PendingFormat>,
    #[arg(long, value_name = "SHEET")]
    pub fill: Option<PathBuf>,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Args, Debug)]
pub struct GenArgs {
    #[arg(long)]
    pub out: PathBuf,
    #[arg(long, default_value_t = 10_000)]
    pub xa: usize,
    #[arg(long, default_value_t = 8)]
    pub thon_per_xa: usize,
    #[arg(long, default_value = "2021..2025")]
    pub years: String,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    #[arg(long)]
    pub rules: Vec<PathBuf>,
}

#[derive(Args, Debug)]
pub struct TestArgs {
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextFormat,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Args, Debug)]
pub struct NewRulesetArgs {
    #[arg(long)]
    pub from: String,
    #[arg(long)]
    pub id: String,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub valid_from: String,
    #[arg(long)]
    pub title: Option<String>,
    #[arg(long)]
    pub jurisdiction: Option<String>,
    #[arg(long)]
    pub rules: Vec<PathBuf>,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Args, Debug)]
pub struct NewAmendmentArgs {
    #[arg(long)]
    pub amends: String,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: String,
    #[arg(long)]
    pub id: Option<String>,
    #[arg(long)]
    pub document: Option<String>,
    #[arg(long = "set", value_name = "PARAM=VALUE")]
    pub set: Vec<String>,
    #[arg(long)]
    pub jurisdiction: Option<String>,
    #[arg(long)]
    pub rules: Vec<PathBuf>,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    #[arg(long)]
    pub rules: Vec<PathBuf>,
    #[arg(long)]
    pub data: Vec<PathBuf>,
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8080")]
    pub addr: String,
    #[arg(long, value_name = "TOKEN")]
    pub token: Option<String>,
    #[arg(long, value_name = "FILE")]
    pub tokens: Option<PathBuf>,
    #[arg(long, value_name = "MB", default_value_t = 32)]
    pub max_body_mb: u64,
}
