//! Input sources: files read once from disk (folders walked in sorted order) or
//! `(name, bytes)` given in memory. Every loader reads from here, so each input is
//! read and hashed exactly once and the library can run without a filesystem.

use crate::core::diag::{io_error, Diagnostic, Diagnostics, Span};
use crate::core::problem::InputProblem;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One input file: its name (a path, or any name for in-memory input), bytes and hash.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub path: PathBuf,
    pub bytes: Arc<[u8]>,
    /// The same bytes as text, when they are UTF-8: checked once here, not by every
    /// reader (a national run's files were checked three times).
    text: Option<Arc<str>>,
    pub sha256: String,
    /// How a report meant to be sent names it, when `path` is absolute.
    pub sent: Option<PathBuf>,
}

impl SourceFile {
    /// A file's bytes. Text typed in decomposed form (NFD: `a` + combining marks, as
    /// some keyboards and macOS write Vietnamese) is composed (NFC) here, once, so that
    /// every reader sees `xã` the same way; the hash is of the bytes as given.
    pub fn new(path: impl Into<PathBuf>, bytes: impl Into<Vec<u8>>) -> Self {
        use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
        let path: PathBuf = path.into();
        let bytes: Vec<u8> = bytes.into();
        let sha256 = sha256_hex(&bytes);
        let (bytes, text) = match String::from_utf8(bytes) {
            Ok(t) => {
                let t = if !has_extension(&path, &["xlsx"])
                    && is_nfc_quick(t.chars()) != IsNormalized::Yes
                {
                    t.nfc().collect()
                } else {
                    t
                };
                // One allocation seen both ways.
                let t: Arc<str> = t.into();
                (Arc::<[u8]>::from(t.clone()), Some(t))
            }
            Err(e) => (e.into_bytes().into(), None),
        };
        SourceFile {
            sha256,
            path,
            bytes,
            text,
            sent: None,
        }
    }

    /// The text, without a UTF-8 byte-order mark (Excel writes one). Text in another
    /// encoding is refused with the encoding it seems to be in and the first line that
    /// is not UTF-8.
    pub fn text(&self) -> Result<&str, Diagnostic> {
        let t = match &self.text {
            Some(t) => t,
            None => std::str::from_utf8(&self.bytes)
                .map_err(|e| encoding_error(&self.path, &self.bytes, e))?,
        };
        Ok(t.strip_prefix('\u{feff}').unwrap_or(t))
    }

    pub fn extension_is(&self, exts: &[&str]) -> bool {
        has_extension(&self.path, exts)
    }

    pub fn stamp(&self) -> FileStamp {
        FileStamp {
            path: self.path.display().to_string(),
            sha256: self.sha256.clone(),
            sent: self.sent.as_ref().map(|p| p.display().to_string()),
        }
    }

    /// Record how a report meant to be sent names a file found under `root` (a path
    /// given on the command line) when its path is absolute: relative to the folder
    /// given, the folder's own name first (`/home/an/du-lieu/xa.csv` under
    /// `/home/an/du-lieu` → `du-lieu/xa.csv`), so that no user or folder name of the
    /// machine leaks.
    fn found_under(mut self, root: &Path) -> Self {
        if !self.path.is_absolute() {
            return self;
        }
        let name = |p: &Path| p.file_name().map(PathBuf::from).unwrap_or_default();
        self.sent = Some(match self.path.strip_prefix(root) {
            Ok(rest) if !rest.as_os_str().is_empty() => name(root).join(rest),
            _ => name(&self.path),
        });
        self
    }
}

/// Which encoding bytes that are not UTF-8 seem to be in. Vietnamese text saved by old
/// tools is in Windows-1258 (composed letters like `ô` = 0xF4 with separate tone marks
/// 0xCC, 0xEC, 0xD2, 0xDE, 0xF2), TCVN3/ABC (letters with tones in 0xA1–0xFE, `ô` =
/// 0xAB, `ộ` = 0xE9) or VNI (an ASCII vowel followed by a mark byte, `ô` = `o` + 0xE2);
/// the guess names the most likely one, the message names all three.
pub fn guess_encoding(bytes: &[u8]) -> &'static str {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return "UTF-16";
    }
    if bytes.starts_with(b"PK") || bytes.starts_with(&[0x1F, 0x8B]) || bytes.contains(&0) {
        return "a binary file (compressed, a workbook or a program), not text";
    }
    let (mut vni, mut tcvn, mut cp) = (0usize, 0usize, 0usize);
    for (i, &b) in bytes.iter().enumerate() {
        if b < 0x80 {
            continue;
        }
        let after_vowel = i > 0 && b"aeiouyAEIOUY".contains(&bytes[i - 1]);
        if after_vowel && (0xD8..=0xFF).contains(&b) && !matches!(b, 0xE3 | 0xF4 | 0xF5) {
            vni += 1;
        }
        if (0xA1..=0xBF).contains(&b) {
            tcvn += 1;
        }
        if matches!(b, 0xC0..=0xC3 | 0xC8..=0xCA | 0xD2..=0xD5 | 0xD9 | 0xDA | 0xE0..=0xE3 | 0xE8..=0xEA | 0xF2..=0xF5 | 0xF9 | 0xFA | 0xCC | 0xEC | 0xDE | 0xD0 | 0xF0)
        {
            cp += 1;
        }
    }
    if tcvn > 0 && tcvn >= cp / 2 && tcvn >= vni {
        "TCVN3 (ABC)"
    } else if vni > cp {
        "VNI"
    } else {
        "Windows-1258"
    }
}

fn encoding_error(path: &Path, bytes: &[u8], e: std::str::Utf8Error) -> Diagnostic {
    let at = e.valid_up_to();
    let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
    let column = bytes[..at]
        .iter()
        .rev()
        .take_while(|b| **b != b'\n')
        .count()
        + 1;
    let encoding = guess_encoding(bytes);
    let byte = bytes.get(at).copied().unwrap_or(0);
    let legacy = !(encoding.starts_with("UTF") || encoding.starts_with("a binary"));
    Diagnostic::error(
        Span::new(path, line, column),
        InputProblem::Encoding {
            byte,
            encoding: encoding.to_string(),
            legacy,
        },
    )
}

/// Read a file whole, refusing what is not a regular file and anything larger than
/// [`crate::core::limits::MAX_FILE_BYTES`] ([`crate::core::limits::MAX_CSV_BYTES`] for a
/// CSV table; never more than that is read, so a device or an endless stream fails at
/// once).
pub fn read_bounded(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    use std::io::Read;
    let limit = if has_extension(path, &["csv"]) {
        crate::core::limits::MAX_CSV_BYTES
    } else {
        crate::core::limits::MAX_FILE_BYTES
    };
    let meta = std::fs::metadata(path).map_err(|e| io_error(path, &e))?;
    if !meta.is_file() {
        return Err(Diagnostic::error(
            Span::file_only(path),
            InputProblem::NotAFile {
                folder_allowed: false,
            },
        ));
    }
    let too_big = || {
        Diagnostic::error(
            Span::file_only(path),
            InputProblem::FileTooLarge {
                limit_mb: limit / (1024 * 1024),
            },
        )
    };
    if meta.len() > limit {
        return Err(too_big());
    }
    let file = std::fs::File::open(path).map_err(|e| io_error(path, &e))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(path, &e))?;
    if bytes.len() as u64 > limit {
        return Err(too_big());
    }
    Ok(bytes)
}

/// A file read, for the stamp of every report.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, schemars::JsonSchema)]
pub struct FileStamp {
    pub path: String,
    pub sha256: String,
    /// How a report meant to be sent names it, when its path is absolute (see
    /// [`FileStamp::sent_path`]); not in JSON.
    #[serde(skip)]
    pub sent: Option<String>,
}

impl FileStamp {
    /// The path a report meant to be sent (XLSX, HTML, Markdown) shows: relative to the
    /// folder given on the command line, never an absolute local path.
    pub fn sent_path(&self) -> &str {
        self.sent.as_deref().unwrap_or(&self.path)
    }
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
                Ok(found) if found.is_empty() => diags.push(Diagnostic::error(
                    Span::file_only(p),
                    InputProblem::NoInput {
                        extensions: exts.iter().map(|e| e.to_string()).collect(),
                    },
                )),
                Ok(found) => {
                    // Read in order; hashed, checked and composed on every core (the
                    // files of a national dataset are tens of megabytes).
                    let mut read: Vec<(PathBuf, Vec<u8>)> = Vec::new();
                    for f in found {
                        let seen = |x: &Path| x == f;
                        if out.files.iter().any(|x| seen(&x.path))
                            || read.iter().any(|(x, _)| seen(x))
                        {
                            continue;
                        }
                        if out.files.len() + read.len() >= crate::core::limits::MAX_FILES {
                            diags.push(Diagnostic::error(
                                Span::file_only(p),
                                InputProblem::TooManyFiles {
                                    limit: crate::core::limits::MAX_FILES,
                                },
                            ));
                            break;
                        }
                        match read_bounded(&f) {
                            Ok(b) => read.push((f, b)),
                            Err(d) => diags.push(d),
                        }
                    }
                    use rayon::prelude::*;
                    let made: Vec<SourceFile> = read
                        .into_par_iter()
                        .map(|(f, b)| SourceFile::new(f, b).found_under(p))
                        .collect();
                    out.files.extend(made);
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
    pub fn fetch(&self, path: &Path) -> Result<SourceFile, Diagnostic> {
        if let Some(f) = self.files.iter().find(|f| f.path == path) {
            return Ok(f.clone());
        }
        if self.disk {
            return read_bounded(path).map(|b| SourceFile::new(path, b));
        }
        Err(io_error(
            path,
            &std::io::Error::new(std::io::ErrorKind::NotFound, "not among the sources given"),
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
/// sorted order). Symbolic links to files are followed (a link is how a shared file is
/// often placed in a folder); a link that leads nowhere, or round in a loop, is an
/// error, not a silent skip.
pub fn collect_files(path: &Path, exts: &[&str]) -> Result<Vec<PathBuf>, Diagnostic> {
    let meta = std::fs::metadata(path).map_err(|e| io_error(path, &e))?;
    if meta.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    if !meta.is_dir() {
        return Err(Diagnostic::error(
            Span::file_only(path),
            InputProblem::NotAFile {
                folder_allowed: true,
            },
        ));
    }
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(path)
        .follow_links(true)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let p = e.path().unwrap_or(path).to_path_buf();
                let hidden = p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'));
                if hidden || !has_extension(&p, exts) && !p.is_dir() && e.loop_ancestor().is_none()
                {
                    continue;
                }
                let problem = if e.loop_ancestor().is_some() {
                    InputProblem::BadLink { looped: true }
                } else if std::fs::symlink_metadata(&p).is_ok_and(|m| m.file_type().is_symlink()) {
                    InputProblem::BadLink { looped: false }
                } else {
                    InputProblem::Io {
                        missing: false,
                        detail: e.to_string(),
                    }
                };
                return Err(Diagnostic::error(Span::file_only(p), problem));
            }
        };
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
