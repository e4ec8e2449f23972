//! Live reload by polling: every half second, the names, sizes and modification
//! times of the rule and data files (and of the token file) are compared with the
//! last ones seen. Polling needs no platform watcher, sees a folder removed or
//! replaced the same way as a file edited, and costs a few `stat` calls.

use super::state::State;
use ntm::core::source::{collect_files, DATA_EXTS, YAML_EXTS};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

const EVERY: Duration = Duration::from_millis(500);

/// What the watched files look like now; an unreadable folder is part of it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Fingerprint(Vec<(PathBuf, Seen)>);

/// A file's size and modification time, or why they could not be read.
type Seen = Result<(u64, Option<SystemTime>), String>;

fn fingerprint(state: &State) -> Fingerprint {
    let rules = if state.config.rules.is_empty() {
        vec![crate::run::default_rules()]
    } else {
        state.config.rules.clone()
    };
    let mut out = Vec::new();
    let roots = rules
        .iter()
        .map(|r| (r, YAML_EXTS))
        .chain(state.config.data.iter().map(|d| (d, DATA_EXTS)));
    for (root, exts) in roots {
        match collect_files(root, exts) {
            Ok(files) => out.extend(files.into_iter().map(|f| {
                let meta = std::fs::metadata(&f)
                    .map(|m| (m.len(), m.modified().ok()))
                    .map_err(|e| e.kind().to_string());
                (f, meta)
            })),
            Err(d) => out.push((root.clone(), Err(d.code().to_string()))),
        }
    }
    Fingerprint(out)
}

/// Watch in a thread of its own for as long as the process runs.
pub(crate) fn watch(state: Arc<State>) {
    let mut seen = fingerprint(&state);
    let lang = state.config.lang;
    let spawned = std::thread::Builder::new()
        .name("ntm-serve-reload".into())
        .spawn(move || loop {
            std::thread::sleep(EVERY);
            if state.tokens.refresh() {
                super::log::line(&super::words::tokens_reloaded(state.config.lang));
            }
            let now = fingerprint(&state);
            if now == seen {
                continue;
            }
            // Let an editor finish writing (several files saved at once).
            std::thread::sleep(Duration::from_millis(150));
            seen = fingerprint(&state);
            let ok = state.reload();
            let errors = state
                .status()
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .count();
            super::log::line(&super::words::reloaded(state.config.lang, ok, errors));
        });
    if spawned.is_err() {
        super::log::line(&super::words::no_watcher(lang));
    }
}
