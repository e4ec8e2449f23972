//! The `ntm` command line: `args` (clap), `run` (arguments → facade → renderer →
//! exit code), `output` (standard output, whole-or-nothing files, messages).

pub mod args;
pub mod output;
pub mod run;
