//! One engine run in its own child process: wall time, and peak resident memory from
//! `wait4`'s resource usage of that child alone.

use anyhow::{bail, Context, Result};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

pub struct Measured {
    pub wall_s: f64,
    pub peak_mb: f64,
    /// What the child printed on standard output.
    pub stdout: String,
}

/// Run `cmd` to completion with its output in files under `logs` (named `name`), and
/// measure it. A child that fails is an error showing the end of its standard error.
pub fn run(mut cmd: Command, logs: &Path, name: &str) -> Result<Measured> {
    let out_path = logs.join(format!("{name}.stdout"));
    let err_path = logs.join(format!("{name}.stderr"));
    let out = std::fs::File::create(&out_path)
        .with_context(|| format!("creating {}", out_path.display()))?;
    let err = std::fs::File::create(&err_path)
        .with_context(|| format!("creating {}", err_path.display()))?;
    cmd.stdin(Stdio::null())
        .stdout(Stdio::from(out))
        .stderr(Stdio::from(err));
    let start = Instant::now();
    let child = cmd
        .spawn()
        .with_context(|| format!("starting {:?}", cmd.get_program()))?;
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: an all-zero `rusage` is a valid value of this plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = loop {
        // SAFETY: `pid` is our own child, not yet reaped (std's `Child` is never waited on
        // here); `status` and `usage` are valid for writes.
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if r == -1 && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
            continue;
        }
        break r;
    };
    let wall_s = start.elapsed().as_secs_f64();
    drop(child);
    if reaped != pid {
        bail!("waiting for {name}: {}", std::io::Error::last_os_error());
    }
    let exit = std::process::ExitStatus::from_raw(status);
    if !exit.success() {
        let err = std::fs::read_to_string(&err_path).unwrap_or_default();
        let tail: Vec<&str> = err.lines().rev().take(15).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        bail!("{name} failed ({exit}):\n{}", tail.join("\n"));
    }
    let stdout = std::fs::read_to_string(&out_path)
        .with_context(|| format!("reading {}", out_path.display()))?;
    Ok(Measured {
        wall_s,
        // Linux reports ru_maxrss in KiB.
        peak_mb: usage.ru_maxrss as f64 / 1024.0,
        stdout,
    })
}
