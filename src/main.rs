//! The `ntm` command: parse arguments, run a command, map the outcome to an exit code
//! (0 success, 1 check or test failures, 2 usage, I/O or definition errors).

mod cli;

use clap::Parser;
use std::process::ExitCode;

// Evaluation allocates many small values on every core; mimalloc serves them with far
// less contention and fragmentation than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = match cli::args::Cli::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let lang = match cli::run::language(args.lang.as_deref()) {
        Ok(l) => l,
        Err(msg) => {
            cli::output::message(&format!("error[usage]: {msg}"));
            return ExitCode::from(cli::output::ERROR);
        }
    };
    cli::output::on_interrupt_clean_up();
    cli::output::progress_start(args.quiet);
    let code = cli::run::run(args.command, lang);
    cli::output::progress_end();
    ExitCode::from(code)
}
