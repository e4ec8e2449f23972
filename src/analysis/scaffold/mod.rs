//! Starting points for policy staff: a new rule set copied from one in force (when new
//! guidance replaces it), and a small amendment file (when a decision changes a few
//! values). Both are returned as YAML text that passes `ntm check` and `ntm test`
//! beside the library they were made from.
//!
//! Also: the bundled library under files being worked on (`ntm test rules/<province>`
//! needs the base sets its amendments name).

use crate::core::source::{SourceFile, Sources};
use std::path::Path;

mod amendment;
mod ruleset;
mod written;
mod yaml;

pub use amendment::{new_amendment, NewAmendment};
pub use ruleset::{new_ruleset, NewRuleset};
pub use written::{Citation, ParamValue, Parameter, Written};
pub(crate) use yaml::to_yaml;

/// The files being worked on, with the bundled library under them: a bundled file
/// is skipped when it is one of the given files, or declares a set id one of them
/// declares (a working copy replaces its original).
pub fn overlay(given: &Sources, bundled: &Sources) -> Sources {
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let given_paths: Vec<_> = given.files().iter().map(|f| canon(&f.path)).collect();
    let given_ids: Vec<String> = given.files().iter().filter_map(set_id).collect();
    let mut out = Sources::memory();
    for f in bundled.files() {
        if given_paths.contains(&canon(&f.path)) {
            continue;
        }
        if set_id(f).is_some_and(|id| given_ids.contains(&id)) {
            continue;
        }
        out.push(f.clone());
    }
    for f in given.files() {
        out.push(f.clone());
    }
    out
}

/// The `ruleset: id:` of a rule file, read without checking the rest.
pub fn set_id(f: &SourceFile) -> Option<String> {
    head(f).map(|h| h.0)
}

/// Whether some amendment among the files amends a set none of them declares: then
/// the files cannot be loaded on their own.
pub fn needs_bundled(given: &Sources) -> bool {
    let heads: Vec<(String, Option<String>)> = given.files().iter().filter_map(head).collect();
    heads
        .iter()
        .filter_map(|(_, a)| a.as_ref())
        .any(|a| !heads.iter().any(|(id, _)| id == a))
}

/// `ruleset: id:` and `ruleset: amends:` of a rule file.
fn head(f: &SourceFile) -> Option<(String, Option<String>)> {
    #[derive(serde::Deserialize)]
    struct Head {
        ruleset: Id,
    }
    #[derive(serde::Deserialize)]
    struct Id {
        id: String,
        #[serde(default)]
        amends: Option<String>,
    }
    let text = f.text().ok()?;
    if crate::core::source::file_kind(text) != crate::core::source::FileKind::RuleSet {
        return None;
    }
    crate::core::loader::from_yaml::<Head>(&f.path, text)
        .ok()
        .map(|h| {
            (
                h.ruleset.id.trim().to_string(),
                h.ruleset.amends.map(|a| a.trim().to_string()),
            )
        })
}
