use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The repository root (this test binary belongs to the package in src/cli).
pub fn root() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .canonicalize()
            .expect("the repository root exists")
    })
}
use std::process::Command;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Run the `ntm` binary from the project root.
pub fn ntm(args: &[&str]) -> Run {
    ntm_env(args, &[])
}

/// Run the `ntm` binary with some environment variables set.
pub fn ntm_env(args: &[&str], env: &[(&str, &str)]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_ntm"))
        .args(args)
        .current_dir(root())
        .env_remove("NTM_RULES")
        .env_remove("NTM_LANG")
        .envs(env.iter().copied())
        .output()
        .expect("the ntm binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A path relative to the project root, for snapshot names.
pub fn rel(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Text outputs end with a stamp whose digest changes with any rule or data file; the
/// snapshots keep the line but not the digest.
pub fn redact_stamp(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("SHA-256: ") {
            Some(i) if l.starts_with("— ntm") => {
                let rest = &l[i + 9..];
                let tail = rest.get(64..).unwrap_or("");
                format!("{}SHA-256: [digest]{tail}", &l[..i])
            }
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + if text.ends_with('\n') { "\n" } else { "" }
}

/// Split a command line on spaces, keeping "double-quoted" words whole.
pub fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            _ => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// A fill-in sheet (`;`-separated CSV for Excel, maybe with a BOM): its header and its
/// first row, as staff would edit it.
pub fn sheet_header_and_first_row(text: &str) -> (csv::StringRecord, Vec<String>) {
    let mut rd = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header = rd.headers().unwrap().clone();
    let row = rd
        .records()
        .next()
        .unwrap()
        .unwrap()
        .iter()
        .map(String::from)
        .collect();
    (header, row)
}
