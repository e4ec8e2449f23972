//! The loaded project and what the last load said. A reload builds a new `Loaded`
//! beside the one in use and swaps it in whole; a failed one leaves it serving and
//! records its diagnostics.

use super::{auth::Tokens, Config};
use crate::run::CliError;
use axum::body::Bytes;
use ntm::analysis::project::Project;
use ntm::core::diag::{Diagnostic, Span};
use ntm::core::source::{file_kind, FileKind, SourceFile, Sources, DATA_EXTS, YAML_EXTS};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

/// One good load: the project, the plan files among the data, a hash of every file.
pub(crate) struct Loaded {
    pub(crate) project: Project,
    pub(crate) plans: Vec<SourceFile>,
    /// SHA-256 over the paths and hashes of every rule and data file.
    pub(crate) hash: String,
    /// Documents of this load asked for again (the evaluation of a year, without
    /// what-if values): gone with the load on the next reload.
    cache: Mutex<HashMap<String, Bytes>>,
}

/// At most this many documents are kept per load (a few MB for a district).
const CACHED: usize = 32;

impl Loaded {
    pub(crate) fn cached(&self, key: &str) -> Option<Bytes> {
        self.cache.lock().ok()?.get(key).cloned()
    }

    pub(crate) fn cache(&self, key: String, body: Bytes) {
        if let Ok(mut c) = self.cache.lock() {
            if c.len() >= CACHED {
                c.clear();
            }
            c.insert(key, body);
        }
    }
}

/// What the last load (at start or on a change) said.
#[derive(Clone, Debug, Default)]
pub(crate) struct LoadStatus {
    /// False when the last load failed (the previous good one is still served).
    pub(crate) ok: bool,
    /// Its errors, or the warnings of a good load.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// How many good loads there have been (1 after the start).
    pub(crate) generation: u64,
}

pub(crate) struct State {
    pub(crate) config: Config,
    current: RwLock<Arc<Loaded>>,
    status: RwLock<LoadStatus>,
    pub(crate) tokens: Tokens,
    /// Evaluations at once (each uses every core); the others wait their turn.
    pub(crate) work: tokio::sync::Semaphore,
}

impl State {
    /// The first load: failing, the server does not start.
    pub(crate) fn start(config: Config) -> Result<State, CliError> {
        let loaded = load(&config).map_err(CliError::Diagnostics)?;
        let warnings = loaded.project.warnings().to_vec();
        let tokens = Tokens::new(&config.access).map_err(CliError::Diagnostics)?;
        Ok(State {
            config,
            current: RwLock::new(Arc::new(loaded)),
            status: RwLock::new(LoadStatus {
                ok: true,
                diagnostics: warnings,
                generation: 1,
            }),
            tokens,
            work: tokio::sync::Semaphore::new(4),
        })
    }

    /// The project being served (cheap: an `Arc`).
    pub(crate) fn current(&self) -> Arc<Loaded> {
        match self.current.read() {
            Ok(g) => Arc::clone(&g),
            Err(p) => Arc::clone(&p.into_inner()),
        }
    }

    pub(crate) fn status(&self) -> LoadStatus {
        match self.status.read() {
            Ok(g) => g.clone(),
            Err(p) => p.into_inner().clone(),
        }
    }

    /// Load again; swap in a good load, keep serving the last good one otherwise.
    pub(crate) fn reload(&self) -> bool {
        let result = load(&self.config);
        let mut status = match self.status.write() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        match result {
            Ok(loaded) => {
                status.ok = true;
                status.diagnostics = loaded.project.warnings().to_vec();
                status.generation += 1;
                let mut cur = match self.current.write() {
                    Ok(g) => g,
                    Err(p) => p.into_inner(),
                };
                *cur = Arc::new(loaded);
                true
            }
            Err(d) => {
                status.ok = false;
                status.diagnostics = d;
                false
            }
        }
    }
}

/// Rules (given, or the bundled ones) and the data, read and loaded.
pub(crate) fn load(config: &Config) -> Result<Loaded, Vec<Diagnostic>> {
    let rules = if config.rules.is_empty() {
        vec![crate::run::default_rules()]
    } else {
        config.rules.clone()
    };
    let rule_src = Sources::read(&rules, YAML_EXTS).map_err(|d| d.sorted())?;
    let data_src = if config.data.is_empty() {
        None
    } else {
        let s = Sources::read(&config.data, DATA_EXTS).map_err(|d| d.sorted())?;
        if s.is_empty() {
            return Err(vec![Diagnostic::error(
                Span::file_only(&config.data[0]),
                ntm::core::problem::RunProblem::NoDataFiles,
            )]);
        }
        Some(s)
    };
    let project = Project::load(&rule_src, data_src.as_ref()).map_err(|e| e.diagnostics)?;
    let plans = data_src
        .iter()
        .flat_map(|s| s.files())
        .filter(|f| f.extension_is(YAML_EXTS) && f.text().map(file_kind) == Ok(FileKind::Plan))
        .cloned()
        .collect();
    let hash = library_hash(&rule_src, data_src.as_ref());
    Ok(Loaded {
        project,
        plans,
        hash,
        cache: Mutex::default(),
    })
}

fn library_hash(rules: &Sources, data: Option<&Sources>) -> String {
    let mut all = String::new();
    for f in rules
        .stamps()
        .iter()
        .chain(data.map(Sources::stamps).iter().flatten())
    {
        all.push_str(&f.path);
        all.push('\0');
        all.push_str(&f.sha256);
        all.push('\n');
    }
    ntm::core::source::sha256_hex(all.as_bytes())
}
