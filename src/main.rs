//! The `ntm` command: parse arguments, run a command, map the outcome to an exit code
//! (0 success, 1 check or test failures, 2 usage, I/O or definition errors).

mod cli;
mod commands;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = match cli::Cli::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let out = commands::run(args.command);
    ExitCode::from(out)
}
