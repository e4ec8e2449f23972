//! Where results and messages go. Results: standard output, or a file written whole
//! or not at all (a temporary file beside the target, renamed at the end). Messages:
//! standard error. A closed pipe (`| head`) ends quietly; any other write error is
//! reported and fails the command; nothing here panics.

use crate::run::{CliError, IoFailure};
use ntm::core::diag::Diagnostic;
use ntm::render::diagnostics::{DiagJson, DiagText};
use ntm::render::{Catalog, Render};
use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Every file the command has read (canonical paths, and on Unix the device and inode,
/// so a hard link or a symlink to an input is recognised too): `--output` may not be
/// one of them.
static INPUTS: std::sync::Mutex<Vec<Input>> = std::sync::Mutex::new(Vec::new());

/// A file read: its canonical path and, where there is one, its (device, inode).
type Input = (PathBuf, Option<(u64, u64)>);

/// A file's identity on disk, where the platform gives one.
fn identity(meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

/// Remember the files a command reads (see [`INPUTS`]).
pub(crate) fn note_inputs<'a>(files: impl Iterator<Item = &'a Path>) {
    let mut inputs = INPUTS.lock().unwrap_or_else(|e| e.into_inner());
    for f in files {
        if let Ok(canon) = std::fs::canonicalize(f) {
            let id = std::fs::metadata(&canon).ok().as_ref().and_then(identity);
            inputs.push((canon, id));
        }
    }
}

/// `--output` must not be an input, nor a device, pipe or socket.
fn output_ok(path: &Path) -> Result<(), CliError> {
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(()); // a new file
    };
    let problem = |p: ntm::core::problem::RunProblem| {
        Err(CliError::from(Diagnostic::error(
            ntm::core::diag::Span::file_only("--output"),
            p,
        )))
    };
    if !meta.is_file() && !meta.is_dir() {
        return problem(ntm::core::problem::RunProblem::OutputNotAFile {
            path: path.to_path_buf(),
        });
    }
    let canon = std::fs::canonicalize(path).ok();
    let id = identity(&meta);
    let inputs = INPUTS.lock().unwrap_or_else(|e| e.into_inner());
    let same = inputs
        .iter()
        .any(|(p, i)| Some(p) == canon.as_ref() || (i.is_some() && *i == id));
    if same {
        return problem(ntm::core::problem::RunProblem::OutputIsInput {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// A failed read or write as one line: `PLACE: lỗi[io]: …` in the output language
/// (the system's own reason, when it gave one, as it gave it).
pub(crate) fn io_line(m: &dyn Catalog, place: &str, what: &IoFailure) -> String {
    let vi = m.lang() == ntm::render::Lang::Vi;
    let detail = match (what, vi) {
        (IoFailure::IsDirectory, true) => "đây là một thư mục".to_string(),
        (IoFailure::IsDirectory, false) => "is a directory".to_string(),
        (IoFailure::ReadOnly, true) => "tệp chỉ được đọc; để nguyên, không ghi".to_string(),
        (IoFailure::ReadOnly, false) => "the file is read-only; it is left as it is".to_string(),
        (IoFailure::NoFolder(d), true) => {
            format!(
                "không tạo được tệp trong {}: không có thư mục này",
                d.display()
            )
        }
        (IoFailure::NoFolder(d), false) => {
            format!("cannot create a file in {}: no such folder", d.display())
        }
        (IoFailure::CannotCreateIn(d, why), true) => {
            format!("không tạo được tệp trong {}: `{why}`", d.display())
        }
        (IoFailure::CannotCreateIn(d, why), false) => {
            format!("cannot create a file in {}: {why}", d.display())
        }
        (IoFailure::Os(e), true) => format!("`{e}`"),
        (IoFailure::Os(e), false) => e.clone(),
    };
    let label = m.diag_label(ntm::render::i18n::DiagLabel::Error);
    format!("{place}: {label}[io]: {detail}")
}

/// Write a result to standard output or to `--output`.
pub fn emit(m: &dyn Catalog, r: &dyn Render, output: Option<&Path>) -> Result<(), CliError> {
    progress_step(m.word(ntm::render::Word::StepWriting));
    if output.is_none() {
        progress_end();
    }
    match output {
        Some(p) => write_file(m, r, p),
        None => {
            // Whatever the format, what a terminal shows is never obeyed by it.
            let safe = ntm::render::escape::terminal::Terminal(r);
            let r: &dyn Render = if io::stdout().is_terminal() { &safe } else { r };
            let mut out = BufWriter::new(io::stdout().lock());
            match r.render(m, &mut out).and_then(|()| out.flush()) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(CliError::Io {
                    place: "<stdout>".into(),
                    what: IoFailure::Os(e.to_string()),
                }),
            }
        }
    }
}

/// The temporary file being written, removed if the run is interrupted (Ctrl-C).
static TEMP: std::sync::Mutex<Option<PathBuf>> = std::sync::Mutex::new(None);

/// The temporary folder `ntm gen` fills before renaming it, removed if interrupted.
static TEMP_DIR: std::sync::Mutex<Option<PathBuf>> = std::sync::Mutex::new(None);

/// Run `f` (which creates, renames or removes the temporary folder) under the lock
/// and register the folder it returns (`None`: forget it), so that an interrupt sees
/// the folder registered, or already renamed.
pub(crate) fn with_temp_dir<T>(f: impl FnOnce() -> (T, Option<PathBuf>)) -> T {
    let mut t = TEMP_DIR.lock().unwrap_or_else(|e| e.into_inner());
    let (out, p) = f();
    *t = p;
    out
}

fn set_temp(p: Option<PathBuf>) {
    if let Ok(mut t) = TEMP.lock() {
        *t = p;
    }
}

/// On Ctrl-C (or SIGTERM): remove the temporary file of `--output`, if one is being
/// written, clear the spinner, and end with exit code 130. The target is untouched.
pub fn on_interrupt_clean_up() {
    let _ = ctrlc::set_handler(|| {
        if let Ok(mut t) = TEMP.lock() {
            if let Some(p) = t.take() {
                let _ = std::fs::remove_file(p);
            }
        }
        if let Ok(mut t) = TEMP_DIR.lock() {
            if let Some(p) = t.take() {
                let _ = std::fs::remove_dir_all(p);
            }
        }
        progress_end();
        std::process::exit(130);
    });
}

/// Whole or nothing: render into an exclusive, randomly named temporary file in the
/// target's folder (created with `O_EXCL`, so a file or link planted at that name is
/// never written through), then rename it over the target. An existing target keeps
/// its permissions; a read-only one is left alone; a new one gets the usual
/// permissions (0666 less the umask), not the temporary file's 0600.
fn write_file(m: &dyn Catalog, r: &dyn Render, path: &Path) -> Result<(), CliError> {
    write_file_with(path, |w| r.render(m, w).map_err(|e| io_failure(path, e)))
}

/// An error writing `path`.
pub(crate) fn io_failure(path: &Path, e: io::Error) -> CliError {
    CliError::Io {
        place: path.display().to_string(),
        what: IoFailure::Os(e.to_string()),
    }
}

/// Whole or nothing, as [`write_file`]: `write` fills the temporary file through a
/// buffered writer — straight to the disk where the system allows it (`disk`), else
/// through the page cache with the disk made to catch up as it goes; its error, or a
/// failure to write, leaves the target untouched and removes the temporary file.
pub(crate) fn write_file_with(
    path: &Path,
    write: impl FnOnce(&mut (dyn Write + Send)) -> Result<(), CliError>,
) -> Result<(), CliError> {
    let fail = |what: IoFailure| CliError::Io {
        place: path.display().to_string(),
        what,
    };
    output_ok(path)?;
    let existing = std::fs::symlink_metadata(path).ok();
    if let Some(meta) = &existing {
        if meta.is_dir() {
            return Err(fail(IoFailure::IsDirectory));
        }
        if meta.permissions().readonly() {
            return Err(fail(IoFailure::ReadOnly));
        }
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".ntm-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = existing
            .as_ref()
            .filter(|m| m.is_file())
            .map(|m| m.permissions().mode() & 0o7777)
            .unwrap_or(0o666);
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    // Held from the file's creation until it is registered: an interrupt in between
    // waits for the lock, then finds the file to remove.
    let registering = TEMP.lock();
    let tmp = builder.tempfile_in(dir).map_err(|e| {
        fail(match e.kind() {
            io::ErrorKind::NotFound => IoFailure::NoFolder(dir.to_path_buf()),
            k => IoFailure::CannotCreateIn(dir.to_path_buf(), io::Error::from(k).to_string()),
        })
    })?;
    if let Ok(mut t) = registering {
        *t = Some(tmp.path().to_path_buf());
    }
    // The mode given at creation is reduced by the umask; an existing target's mode is
    // restored exactly.
    #[cfg(unix)]
    if let Some(meta) = existing.as_ref().filter(|m| m.is_file()) {
        if let Err(e) = tmp.as_file().set_permissions(meta.permissions()) {
            set_temp(None);
            return Err(fail(IoFailure::Os(e.to_string())));
        }
    }
    let os = |e: io::Error| io_failure(path, e);
    let written = fill(&tmp, write, os).and_then(|()| tmp.as_file().sync_all().map_err(os));
    if let Err(e) = written {
        set_temp(None);
        // Dropping `tmp` removes the temporary file.
        return Err(e);
    }
    // Renamed and unregistered under the lock: an interrupt sees the file or nothing.
    let finishing = TEMP.lock();
    let done = tmp
        .persist(path)
        .map_err(|e| fail(IoFailure::Os(e.error.to_string())));
    if let Ok(mut t) = finishing {
        *t = None;
    }
    done.map(|_| ())
}

/// The temporary file filled by `write`: straight to the disk where the system allows
/// it, else through the page cache.
fn fill(
    tmp: &tempfile::NamedTempFile,
    write: impl FnOnce(&mut (dyn Write + Send)) -> Result<(), CliError>,
    os: impl Fn(io::Error) -> CliError + Copy,
) -> Result<(), CliError> {
    #[cfg(target_os = "linux")]
    if let Some(d) = crate::disk::open_direct(tmp.path(), tmp.as_file()) {
        return crate::disk::write_direct(tmp.as_file(), d, write, os);
    }
    flushing_as_written(tmp.as_file(), |w| {
        let mut w = BufWriter::with_capacity(1 << 20, w);
        write(&mut w).and_then(|()| w.flush().map_err(os))
    })
}

/// Bytes written between two requests that the disk catch up.
const FLUSH_EVERY: u64 = 64 << 20;

/// `write` into `file` while another thread has the disk catch up with what is written
/// (every [`FLUSH_EVERY`] bytes): the final `sync_all` then waits for the last part
/// only, not for gigabytes (it took 1 s for a 2 GB national JSON summary).
fn flushing_as_written<T>(
    file: &std::fs::File,
    write: impl FnOnce(&mut (dyn Write + Send)) -> T,
) -> T {
    std::thread::scope(|s| {
        // One request waits at most: a writer never waits for the disk.
        let (tx, rx) = std::sync::mpsc::sync_channel::<()>(1);
        s.spawn(move || {
            for () in rx {
                // A failure shows again, and is reported, at the final sync.
                let _ = file.sync_data();
            }
        });
        let mut w = Flushing {
            file,
            since: 0,
            tick: tx,
        };
        write(&mut w)
    })
}

/// A file that asks for the disk to catch up every [`FLUSH_EVERY`] bytes.
struct Flushing<'f> {
    file: &'f std::fs::File,
    since: u64,
    tick: std::sync::mpsc::SyncSender<()>,
}

impl Write for Flushing<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = (&mut &*self.file).write(buf)?;
        self.since += n as u64;
        if self.since >= FLUSH_EVERY {
            self.since = 0;
            let _ = self.tick.try_send(());
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        (&mut &*self.file).flush()
    }
}

/// A line on standard error; a closed stderr is ignored (never a panic). A progress
/// bar, if shown, is cleared for it and drawn again after.
pub fn message(text: &str) {
    let write = || {
        let mut err = io::stderr().lock();
        let _ = writeln!(err, "{text}");
    };
    match progress_bar() {
        Some(pb) => pb.suspend(write),
        None => write(),
    }
}

static PROGRESS: std::sync::Mutex<Option<indicatif::ProgressBar>> = std::sync::Mutex::new(None);

fn progress_bar() -> Option<indicatif::ProgressBar> {
    PROGRESS.lock().ok().and_then(|p| p.clone())
}

/// Progress on standard error while a command runs: a spinner with the current step,
/// only when standard error is a terminal and `--quiet` is not given.
pub fn progress_start(quiet: bool) {
    use std::io::IsTerminal;
    if quiet || !io::stderr().is_terminal() {
        return;
    }
    let pb = indicatif::ProgressBar::new_spinner();
    if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {elapsed} {msg}") {
        pb.set_style(style);
    }
    pb.enable_steady_tick(std::time::Duration::from_millis(100));
    if let Ok(mut p) = PROGRESS.lock() {
        *p = Some(pb);
    }
}

/// The step the command is at, shown beside the spinner.
pub fn progress_step(step: &str) {
    if let Some(pb) = progress_bar() {
        pb.set_message(step.to_string());
    }
}

/// Clear the spinner (before the result is written, and at the end).
pub fn progress_end() {
    if let Ok(mut p) = PROGRESS.lock() {
        if let Some(pb) = p.take() {
            pb.finish_and_clear();
        }
    }
}

thread_local! {
    static LINES: RefCell<HashMap<PathBuf, Vec<String>>> = RefCell::new(HashMap::new());
}

/// The text of a line of a file, for the snippet under a diagnostic.
fn line_of(file: &Path, line: usize) -> Option<String> {
    LINES.with(|cache| {
        let mut cache = cache.borrow_mut();
        let lines = cache.entry(file.to_path_buf()).or_insert_with(|| {
            std::fs::read(file)
                .map(|b| {
                    String::from_utf8_lossy(&b)
                        .trim_start_matches('\u{feff}')
                        .lines()
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default()
        });
        lines.get(line.checked_sub(1)?).cloned()
    })
}

/// Diagnostics on standard error, as text or JSON.
pub fn diagnostics(m: &dyn Catalog, diags: &[Diagnostic], json: bool) {
    if diags.is_empty() && !json {
        return;
    }
    let write = || {
        let mut err = io::stderr().lock();
        let _ = if json {
            DiagJson(diags).render(m, &mut err)
        } else {
            DiagText {
                diags,
                line_of: &line_of,
            }
            .render(m, &mut err)
        };
    };
    match progress_bar() {
        Some(pb) => pb.suspend(write),
        None => write(),
    }
}
