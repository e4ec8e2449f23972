//! The `ntm` command: parse arguments, run a command, map the outcome to an exit code
//! (0 success, 1 check or test failures, 2 usage, I/O or definition errors).
//! `args` (clap), `run` (arguments → facade → renderer → exit code), `output`
//! (standard output, whole-or-nothing files, messages). A package of its own, so the
//! `ntm` library has no command-line dependencies.

mod args;
mod commands;
mod output;
mod run;

use clap::Parser;
use std::process::ExitCode;

// Evaluation allocates many small values on every core; mimalloc serves them with far
// less contention and fragmentation than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = match args::Cli::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let lang = match run::language(args.lang.as_deref()) {
        Ok(l) => l,
        Err(msg) => {
            output::message(&format!("error[usage]: {msg}"));
            return ExitCode::from(output::ERROR);
        }
    };
    output::on_interrupt_clean_up();
    output::progress_start(args.quiet);
    let code = run::run(args.command, lang);
    output::progress_end();
    ExitCode::from(code)
}
