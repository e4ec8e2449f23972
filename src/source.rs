//! Input sources: files read once from disk (folders walked in sorted order) or
//! `(name, bytes)` given in memory. Every loader reads from here, so each input is
//! read and hashed exactly once and the library can run without a filesystem.

use crate::diag::{io_error, Diagnostic, Diagnostics, Span};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One input file: its name (a path, or any name for in-memory input), bytes and hash.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub path: PathBuf,
    pub bytes: Arc<[u8]>,
    pub sha256: String,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, bytes: impl Into<Vec<u8>>) -> Self {
        let bytes: Vec<u8> = bytes.into();
        SourceFile {
            sha256: sha256_hex(&bytes),
            path: path.into(),
            bytes: bytes.into(),
        }
    }

    /// The text, without a UTF-8 byte-order mark (Excel writes one).
    pub fn text(&self) -> Result<&str, Diagnostic> {
        let t = std::str::from_utf8(&self.bytes).map_err(|_| {
            Diagnostic::error(
                Span::file_only(&self.path),
                "encoding",
                "the file is not UTF-8 text; save it as UTF-8 (in Excel: CSV UTF-8)",
            )
        })?;
        Ok(t.strip_prefix('\u{feff}').unwrap_or(t))
    }

    pub fn extension_is(&self, exts: &[&str]) -> bool {
        has_extension(&self.path, exts)
    }

    pub fn stamp(&self) -> FileStamp {
        FileStamp {
            path: self.path.display().to_string(),
            sha256: self.sha256.clone(),
        }
    }
}

/// A file read, for the stamp of every report.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, schemars::JsonSchema)]
pub struct FileStamp {
    pub path: String,
    pub sha256: String,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn has_extension(path: &Path, exts: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| exts.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// A set of input files. Disk-backed sources may also fetch a file they were not
/// given (a CSV table a dataset document names); in-memory ones only know their own.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
    disk: bool,
}

pub const DATA_EXTS: &[&str] = &["yaml", "yml", "json", "csv", "xlsx"];
pub const YAML_EXTS: &[&str] = &["yaml", "yml"];

impl Sources {
    /// Empty in-memory sources; add files with [`Sources::with`].
    pub fn memory() -> Self {
        Sources::default()
    }

    /// Add an in-memory file (builder style).
    pub fn with(mut self, name: impl Into<PathBuf>, bytes: impl Into<Vec<u8>>) -> Self {
        self.push(SourceFile::new(name, bytes));
        self
    }

    pub fn push(&mut self, file: SourceFile) {
        if !self.files.iter().any(|f| f.path == file.path) {
            self.files.push(file);
        }
    }

    /// Read the files with one of `exts` under each path (a file, or a folder walked
    /// in sorted order; hidden files skipped). A file reached twice is read once.
    pub fn read(paths: &[PathBuf], exts: &[&str]) -> Result<Sources, Diagnostics> {
        let mut diags = Diagnostics::default();
        let mut out = Sources {
            files: Vec::new(),
            disk: true,
        };
        for p in paths {
            match collect_files(p, exts) {
                Ok(found) => {
                    for f in found {
                        if out.files.iter().any(|x| x.path == f) {
                            continue;
                        }
                        match std::fs::read(&f) {
                            Ok(b) => out.files.push(SourceFile::new(f, b)),
                            Err(e) => diags.push(io_error(&f, &e)),
                        }
                    }
                }
                Err(d) => diags.push(d),
            }
        }
        if diags.has_errors() {
            Err(diags)
        } else {
            Ok(out)
        }
    }

    pub fn files(&self) -> &[SourceFile] {
        &self.files
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// A file by name: among those given, else (disk-backed only) read from disk.
    pub fn fetch(&self, path: &Path) -> Result<SourceFile, std::io::Error> {
        if let Some(f) = self.files.iter().find(|f| f.path == path) {
            return Ok(f.clone());
        }
        if self.disk {
            return std::fs::read(path).map(|b| SourceFile::new(path, b));
        }
        Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "not among the sources given",
        ))
    }

    /// The files directly in `dir`: those given, and (disk-backed only) those on disk,
    /// sorted, hidden files left out.
    pub fn list_dir(&self, dir: &Path) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = self
            .files
            .iter()
            .filter(|f| f.path.parent().unwrap_or(Path::new("")) == dir)
            .map(|f| f.path.clone())
            .collect();
        if self.disk {
            let dir_or_here = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            if let Ok(rd) = std::fs::read_dir(dir_or_here) {
                for e in rd.flatten() {
                    let hidden = e.file_name().to_string_lossy().starts_with('.');
                    if !hidden && e.file_type().is_ok_and(|t| t.is_file()) {
                        let p = dir.join(e.file_name());
                        if !out.contains(&p) {
                            out.push(p);
                        }
                    }
                }
            }
        }
        out.sort();
        out
    }

    /// Split by a predicate into (matching, rest), keeping the disk flag.
    pub fn partition(self, f: impl Fn(&SourceFile) -> bool) -> (Sources, Sources) {
        let disk = self.disk;
        let (a, b): (Vec<_>, Vec<_>) = self.files.into_iter().partition(|x| f(x));
        (Sources { files: a, disk }, Sources { files: b, disk })
    }

    pub fn stamps(&self) -> Vec<FileStamp> {
        let mut v: Vec<FileStamp> = self.files.iter().map(SourceFile::stamp).collect();
        v.sort();
        v
    }
}

/// The files with one of `exts` under a path (a file, or a directory walked in
/// sorted order).
pub fn collect_files(path: &Path, exts: &[&str]) -> Result<Vec<PathBuf>, Diagnostic> {
    let meta = std::fs::metadata(path).map_err(|e| io_error(path, &e))?;
    if meta.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            let p = e.path().unwrap_or(path).to_path_buf();
            Diagnostic::error(Span::file_only(p), "io", format!("{e}"))
        })?;
        let p = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if entry.file_type().is_file() && !hidden && has_extension(p, exts) {
            out.push(p.to_path_buf());
        }
    }
    Ok(out)
}

/// What a YAML file is, by its first top-level key: rule set, register, roll-ups,
/// plan, or anything else (a dataset).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    RuleSet,
    Registry,
    Rollups,
    Plan,
    /// Dated events of administrative units (`lineage:`).
    Lineage,
    /// How merged units' parts combine (`merge:`).
    Merge,
    Other,
}

pub fn file_kind(text: &str) -> FileKind {
    let first_key = text
        .lines()
        .find(|l| {
            !l.trim().is_empty()
                && !l.starts_with('#')
                && !l.starts_with(' ')
                && !l.starts_with("---")
        })
        .and_then(|l| l.split(':').next())
        .map(str::trim);
    match first_key {
        Some("ruleset") => FileKind::RuleSet,
        Some("documents") | Some("departments") => FileKind::Registry,
        Some("rollups") | Some("derived") => FileKind::Rollups,
        Some("plan") => FileKind::Plan,
        Some("lineage") => FileKind::Lineage,
        Some("merge") => FileKind::Merge,
        _ => FileKind::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_sources_fetch_only_their_own_files() {
        let s = Sources::memory().with("a.yaml", "x: 1");
        assert!(s.fetch(Path::new("a.yaml")).is_ok());
        assert!(s.fetch(Path::new("Cargo.toml")).is_err());
    }

    #[test]
    fn a_bom_is_not_part_of_the_text() {
        let f = SourceFile::new("a.csv", "\u{feff}id;name".as_bytes().to_vec());
        assert_eq!(f.text().unwrap(), "id;name");
    }
}
