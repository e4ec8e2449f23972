//! The `ntm` command: choose the language, parse the arguments with a command worded in
//! it, turn them into one validated request, run it, map the outcome to an exit code
//! (0 success, 1 check or test failures, 2 usage, I/O or definition errors).
//! `args` (clap types), `help` (the help in each language), `usage` (usage errors),
//! `request` (validated requests), `run` (request → facade → renderer), `output`
//! (standard output, whole-or-nothing files, messages). A package of its own, so the
//! `ntm` library has no command-line dependencies.

mod args;
mod commands;
#[cfg(target_os = "linux")]
mod disk;
mod help;
mod output;
mod request;
mod run;
mod serve;
mod usage;

use clap::FromArgMatches;
use std::io::Write;
use std::process::ExitCode;

// Evaluation allocates many small values on every core; mimalloc serves them with far
// less contention and fragmentation than the system allocator (without huge pages: see
// its entry in Cargo.toml).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let argv = help::help_command_as_flag(std::env::args_os().collect());
    let lang = match help::language(&argv) {
        Ok(l) => l,
        Err(value) => {
            output::message(usage::unknown_language(Default::default(), &value).trim_end());
            return ExitCode::from(run::ERROR);
        }
    };
    let parsed = help::command(lang)
        .try_get_matches_from(&argv)
        .and_then(|m| args::Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(c) => c,
        Err(e) => {
            let o = usage::clap_error(&e, lang, &help::command_path(&argv));
            // A closed stream is ignored: there is no one left to tell.
            let _ = if o.to_stdout {
                std::io::stdout().lock().write_all(o.text.as_bytes())
            } else {
                std::io::stderr().lock().write_all(o.text.as_bytes())
            };
            return ExitCode::from(o.code);
        }
    };
    let req = match request::Request::new(cli.command) {
        Ok(r) => r,
        Err(e) => {
            output::message(e.render(lang).trim_end());
            return ExitCode::from(run::ERROR);
        }
    };
    // `ntm serve` stops gracefully on Ctrl-C by itself (requests in flight finish).
    let serving = matches!(req, request::Request::Serve(_));
    if !serving {
        output::on_interrupt_clean_up();
    }
    output::progress_start(cli.quiet || serving);
    let code = run::run(req, lang);
    output::progress_end();
    ExitCode::from(code)
}
