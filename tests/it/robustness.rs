//! Outputs and inputs under hostile conditions (issue 14): a link planted where a
//! temporary file could go, a read-only target, concurrent writers, a full device, a
//! closed pipe, an interrupt, a long output name, links among the inputs.

use crate::common::{ntm, Run};
use std::path::Path;
use std::process::{Command, Stdio};

const EVAL: [&str; 6] = [
    "eval",
    "--data",
    "tests/fixtures/data/demo",
    "--rules",
    "tests/fixtures/rules",
    "--quiet",
];

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_ntm"));
    c.current_dir(crate::common::root())
        .env_remove("NTM_RULES")
        .env("NTM_LANG", "en");
    c
}

fn eval_to(out: &Path) -> crate::common::Run {
    let out = out.to_str().unwrap();
    ntm(&[&EVAL[..], &["--output", out]].concat())
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".ntm-"))
        .collect()
}

#[cfg(unix)]
#[test]
fn links_planted_at_temporary_names_are_never_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    // Links at the names a predictable writer would use.
    for name in [
        ".ntm-ket-qua.txt",
        "ket-qua.txt.tmp",
        ".ket-qua.txt.tmp",
        ".ntm-.tmp",
    ] {
        std::os::unix::fs::symlink(&victim, dir.path().join(name)).unwrap();
    }
    let target = dir.path().join("ket-qua.txt");
    let r = eval_to(&target);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    assert!(std::fs::read_to_string(&target).unwrap().contains("Xã A"));
    // The target itself a link: the link is replaced, its target is not written.
    let linked = dir.path().join("linked.txt");
    std::os::unix::fs::symlink(&victim, &linked).unwrap();
    let r = eval_to(&linked);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    assert!(!std::fs::symlink_metadata(&linked)
        .unwrap()
        .file_type()
        .is_symlink());
}

#[cfg(unix)]
#[test]
fn a_read_only_target_is_left_as_it_is_and_permissions_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let ro = dir.path().join("ro.txt");
    std::fs::write(&ro, "old").unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o444)).unwrap();
    let r = eval_to(&ro);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("lỗi[io]: tệp chỉ được đọc"),
        "{}",
        r.stderr
    );
    let ro_s = ro.to_str().unwrap();
    let en = ntm(&[&EVAL[..], &["--output", ro_s, "--lang", "en"]].concat());
    assert_eq!(en.code, 2);
    assert!(
        en.stderr.contains("error[io]: the file is read-only"),
        "{}",
        en.stderr
    );
    assert_eq!(std::fs::read_to_string(&ro).unwrap(), "old");
    // An existing writable target keeps its mode; a new one is not 0600.
    let shared = dir.path().join("shared.txt");
    std::fs::write(&shared, "old").unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o664)).unwrap();
    assert_eq!(eval_to(&shared).code, 0);
    let mode = std::fs::metadata(&shared).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o664);
    let fresh = dir.path().join("fresh.txt");
    assert_eq!(eval_to(&fresh).code, 0);
    let mode = std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777;
    assert_ne!(mode, 0o600, "a new file gets the usual permissions");
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn concurrent_writers_leave_one_whole_file_and_no_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("ket-qua.json");
    let t = target.to_str().unwrap();
    let children: Vec<_> = (0..4)
        .map(|_| {
            bin()
                .args(EVAL)
                .args(["--format", "json", "--output", t])
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0));
    }
    let text = std::fs::read_to_string(&target).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).expect("whole JSON");
    assert!(v.get("results").is_some());
    assert!(leftovers(dir.path()).is_empty());
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_device_is_an_error_with_exit_2_for_every_command() {
    for args in [
        &EVAL[..],
        &["check", "tests/fixtures/rules"][..],
        &["test", "tests/fixtures/rules"][..],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = bin().args(args).stdout(full).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("<stdout>: error[io]"), "{stderr}");
        assert!(!stderr.contains("panicked"));
    }
}

#[test]
fn a_closed_pipe_ends_quietly_for_every_command() {
    for args in [
        &EVAL[..],
        &["check", "rules"][..],
        &["test", "rules"][..],
        &["explain", "--data", "datasets/ngan-son", "--unit", "Nà Y"][..],
    ] {
        let mut child = bin()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Close the reading end at once, like `| head -0`.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?}: {stderr}"
        );
    }
}

#[cfg(unix)]
#[test]
fn an_interrupt_leaves_no_temporary_file() {
    // Interrupted a moment after it starts (while loading, computing or writing:
    // the moment cannot be chosen from outside), a run leaves no temporary file.
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("sweep.txt");
    let child = bin()
        .args([
            "sweep",
            "ho_dien_min=0..100:0.5",
            "--data",
            "tests/fixtures/data/demo",
            "--rules",
            "tests/fixtures/rules",
            "--output",
            target.to_str().unwrap(),
        ])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(150));
    let _ = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let out = child.wait_with_output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
}

#[test]
fn a_long_output_name_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let name = format!("{}.txt", "k".repeat(246));
    assert_eq!(name.len(), 250);
    let r = eval_to(&dir.path().join(&name));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(dir.path().join(&name).is_file());
}

#[cfg(unix)]
#[test]
fn a_dangling_link_among_the_inputs_is_an_error_not_a_skip() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        crate::common::root().join("tests/fixtures/data/demo/don-vi.yaml"),
        dir.path().join("don-vi.yaml"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        dir.path().join("khong-co.yaml"),
        dir.path().join("so-lieu.yaml"),
    )
    .unwrap();
    let r = eval_folder(dir.path());
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("so-lieu.yaml"), "{}", r.stderr);
    assert!(r.stderr.contains("không dẫn tới đâu"), "{}", r.stderr);
}

#[test]
fn a_device_or_an_oversized_file_fails_at_once() {
    #[cfg(target_os = "linux")]
    {
        let started = std::time::Instant::now();
        let r = ntm(&["plan", "/dev/zero", "--data", "tests/fixtures/data/demo"]);
        assert_eq!(r.code, 2);
        assert!(r.stderr.contains("[not-a-file]"), "{}", r.stderr);
        assert!(started.elapsed().as_secs() < 10);
    }
    // A dataset document over its limit, and a CSV table over its own (larger) one:
    // refused before being read (the files are sparse: nothing is written to disk).
    for (name, limit) in [
        ("lon.yaml", ntm::core::limits::MAX_FILE_BYTES),
        ("lon.csv", ntm::core::limits::MAX_CSV_BYTES),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join(name);
        let f = std::fs::File::create(&big).unwrap();
        f.set_len(limit + 1).unwrap();
        let r = eval_folder(dir.path());
        assert_eq!(r.code, 2, "{name}");
        assert!(r.stderr.contains("[file-too-large]"), "{}", r.stderr);
    }
}

#[test]
fn an_output_that_is_an_input_is_refused_and_the_input_kept() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("so-lieu.yaml");
    std::fs::copy(
        crate::common::root().join("tests/fixtures/data/demo/don-vi.yaml"),
        &data,
    )
    .unwrap();
    let before = std::fs::read(&data).unwrap();
    let d = data.to_str().unwrap();
    let rules = "tests/fixtures/rules/xa-demo.yaml";
    let r = crate::common::ntm(&["eval", "--data", d, "--rules", rules, "--output", d]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("lỗi[output]"), "{}", r.stderr);
    assert_eq!(std::fs::read(&data).unwrap(), before, "the dataset is kept");
    // The same file through a hard link, and a rule file.
    let link = dir.path().join("lien-ket.yaml");
    std::fs::hard_link(&data, &link).unwrap();
    let r = crate::common::ntm(&[
        "eval",
        "--data",
        d,
        "--rules",
        rules,
        "--output",
        link.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(std::fs::read(&data).unwrap(), before);
    let rule_copy = dir.path().join("quy-tac.yaml");
    std::fs::copy(crate::common::root().join(rules), &rule_copy).unwrap();
    let rc = rule_copy.to_str().unwrap();
    let r = crate::common::ntm(&["check", rc, "--output", rc]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(std::fs::read_to_string(&rule_copy)
        .unwrap()
        .contains("ruleset:"));
}

#[cfg(unix)]
#[test]
fn an_output_onto_a_device_is_refused() {
    let r = crate::common::ntm(&[
        "eval",
        "--data",
        "datasets/ngan-son",
        "--format",
        "json",
        "--output",
        "/dev/null",
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("lỗi[output]"), "{}", r.stderr);
    assert!(std::fs::metadata("/dev/null").is_ok_and(|m| !m.is_file()));
}

/// `ntm eval` of a folder under the fixture rules.
fn eval_folder(dir: &Path) -> Run {
    ntm(&[
        "eval",
        "--data",
        dir.to_str().unwrap(),
        "--rules",
        "tests/fixtures/rules",
    ])
}
