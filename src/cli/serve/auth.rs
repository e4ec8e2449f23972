//! Access tokens: `--token TOKEN` (one, for everyone) or `--tokens FILE` (one per
//! person: `NAME SHA256-OF-TOKEN` per line, `#` comments). Only hashes are kept; the
//! file is read again when it changes, so a line removed is a token revoked at once
//! (a file that no longer reads revokes every token until it is fixed).

use super::Access;
use ntm::core::diag::{Diagnostic, Span};
use ntm::core::problem::InputProblem;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::RwLock;
use std::time::SystemTime;

/// SHA-256 of a token, in hex (what a token file holds).
pub(crate) fn hash(token: &str) -> String {
    ntm::core::source::sha256_hex(token.as_bytes())
}

/// Who may ask, by token hash.
pub(crate) struct Tokens {
    file: Option<PathBuf>,
    open: bool,
    names: RwLock<(HashMap<String, String>, Option<SystemTime>)>,
}

/// Whether a request may go on, and as whom.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Who {
    /// No tokens are asked for (loopback).
    Local,
    Person(String),
}

impl Who {
    pub(crate) fn name(&self) -> &str {
        match self {
            Who::Local => "-",
            Who::Person(n) => n,
        }
    }
}

impl Tokens {
    pub(crate) fn new(access: &Access) -> Result<Tokens, Vec<Diagnostic>> {
        let (file, open, names) = match access {
            Access::Open => (None, true, HashMap::new()),
            Access::Token(h) => (None, false, HashMap::from([(h.clone(), "token".into())])),
            Access::Tokens(f) => (Some(f.clone()), false, read(f)?),
        };
        let mtime = file.as_deref().and_then(modified);
        Ok(Tokens {
            file,
            open,
            names: RwLock::new((names, mtime)),
        })
    }

    /// The person a bearer token (or the `ntm_token` cookie) belongs to.
    pub(crate) fn who(&self, token: Option<&str>) -> Option<Who> {
        if self.open {
            return Some(Who::Local);
        }
        let h = hash(token?);
        let g = self.names.read().ok()?;
        g.0.get(&h).map(|n| Who::Person(n.clone()))
    }

    /// Read the token file again if it changed; true when it did.
    pub(crate) fn refresh(&self) -> bool {
        let Some(f) = &self.file else {
            return false;
        };
        let now = modified(f);
        let Ok(mut g) = self.names.write() else {
            return false;
        };
        if now == g.1 && now.is_some() {
            return false;
        }
        g.0 = read(f).unwrap_or_default();
        g.1 = now;
        true
    }
}

fn modified(f: &Path) -> Option<SystemTime> {
    std::fs::metadata(f).and_then(|m| m.modified()).ok()
}

/// `NAME SHA256` lines; anything else is an error at its line.
fn read(f: &Path) -> Result<HashMap<String, String>, Vec<Diagnostic>> {
    let text = std::fs::read_to_string(f).map_err(|e| vec![ntm::core::diag::io_error(f, &e)])?;
    let mut out = HashMap::new();
    let mut bad = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.split_whitespace();
        match (parts.next(), parts.next(), parts.next()) {
            (Some(name), Some(h), None) if is_sha256(h) => {
                out.insert(h.to_ascii_lowercase(), name.to_string());
            }
            _ => bad.push(Diagnostic::error(
                Span::new(f, i + 1, 1),
                InputProblem::UnknownValue {
                    value: line.chars().take(40).collect(),
                    expected: vec!["NAME SHA256".into()],
                    suggestion: None,
                },
            )),
        }
    }
    if bad.is_empty() {
        Ok(out)
    } else {
        Err(bad)
    }
}

fn is_sha256(h: &str) -> bool {
    h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_file_names_people_and_is_read_again_when_edited() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("tokens");
        let line = |n: &str, t: &str| format!("{n} {}\n", hash(t));
        std::fs::write(
            &f,
            format!("# staff\n{}{}", line("lan", "a1"), line("minh", "b2")),
        )
        .unwrap();
        let t = Tokens::new(&Access::Tokens(f.clone())).unwrap();
        assert_eq!(t.who(Some("a1")), Some(Who::Person("lan".into())));
        assert_eq!(t.who(Some("zz")), None);
        assert_eq!(t.who(None), None);
        std::fs::write(&f, line("minh", "b2")).unwrap();
        // A new modification time (file systems with coarse times: set it).
        let later = SystemTime::now() + std::time::Duration::from_secs(5);
        std::fs::File::options()
            .write(true)
            .open(&f)
            .unwrap()
            .set_modified(later)
            .unwrap();
        assert!(t.refresh());
        assert_eq!(t.who(Some("a1")), None);
        assert_eq!(t.who(Some("b2")), Some(Who::Person("minh".into())));
    }

    #[test]
    fn a_bad_line_is_an_error_at_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("tokens");
        std::fs::write(&f, "lan not-a-hash\n").unwrap();
        let Err(d) = Tokens::new(&Access::Tokens(f)) else {
            panic!("accepted")
        };
        assert_eq!(d[0].span.line, 1);
    }

    #[test]
    fn open_access_needs_no_token() {
        let t = Tokens::new(&Access::Open).unwrap();
        assert_eq!(t.who(None), Some(Who::Local));
        let one = Tokens::new(&Access::Token(hash("s3cret"))).unwrap();
        assert_eq!(
            one.who(Some("s3cret")).map(|w| w.name().to_string()),
            Some("token".into())
        );
        assert_eq!(one.who(Some("S3cret")), None);
    }
}
