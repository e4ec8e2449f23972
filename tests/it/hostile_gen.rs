//! `ntm gen` writes atomically: a temporary sibling folder renamed to `--out` at the
//! end, so an interrupted run leaves nothing behind (no half-written country, no
//! temporary folder). Refusals (sizes, a folder that holds files) are in the hostile
//! catalogue (`gen-*`).

use std::path::Path;
use std::process::{Command, Stdio};

/// The names in `dir`.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn gen(out: &Path, xa: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_ntm"));
    c.args(["gen", "--xa", xa, "--years", "2021..2022", "--out"])
        .arg(out)
        .current_dir(crate::common::root())
        .stderr(Stdio::piped());
    c
}

#[test]
fn gen_fills_an_empty_folder_and_leaves_no_temporary_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("quoc-gia");
    std::fs::create_dir(&out).unwrap();
    let r = gen(&out, "3").output().unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert_eq!(names(dir.path()), ["quoc-gia"]);
    assert_eq!(
        names(&out),
        [
            "bo-du-lieu.yaml",
            "don-vi.csv",
            "thon-2021.csv",
            "thon-2022.csv",
            "xa-2021.csv",
            "xa-2022.csv"
        ]
    );
}

#[test]
fn an_interrupted_gen_leaves_nothing_or_everything() {
    // Interrupted at some moment (generating, writing or renaming: it cannot be chosen
    // from outside), the folder is either absent or complete, and no temporary folder
    // is left.
    for wait_ms in [50, 200, 600] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("quoc-gia");
        let child = gen(&out, "4000").spawn().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(wait_ms));
        let _ = Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status();
        let r = child.wait_with_output().unwrap();
        assert!(!String::from_utf8_lossy(&r.stderr).contains("panicked"));
        let left = names(dir.path());
        assert!(left.is_empty() || left == ["quoc-gia"], "{left:?}");
        if out.exists() {
            assert!(r.status.success());
            assert_eq!(names(&out).len(), 6, "{:?}", names(&out));
        } else {
            assert_eq!(r.status.code(), Some(130));
        }
    }
}
