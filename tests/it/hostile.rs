//! The catalogue of hostile inputs: `tests/fixtures/hostile/<case>/cmd` holds one `ntm`
//! command line (`{dir}` = the case folder, `"…"` quotes) after a first line
//! `# exit N`. Each case runs through the binary (in English); the exit code must
//! match, nothing may panic, and when the run fails or warns, some message must be
//! located (`path:` or `path:line:col:` in front of `error[…]`/`warning[…]`).
//! Standard error is snapshotted. Adding a case is adding a folder.

use crate::common::{ntm_env, rel, words};

/// A message of the form `place: error[code]` or `place: warning[code]`, where the
/// place is a path (with a line and column when the fault has one).
fn is_located(line: &str) -> bool {
    // A usage error is located at the argument it names.
    if line.starts_with("error: ") && line.contains(" for '--") {
        return true;
    }
    ["error[", "warning["].iter().any(|tag| {
        line.find(tag).is_some_and(|i| {
            let place = line[..i].trim_end().trim_end_matches(':');
            !place.is_empty() && !place.contains(' ')
        })
    })
}

fn run_case(cmd_file: &std::path::Path) {
    let dir = rel(cmd_file.parent().unwrap());
    let text = std::fs::read_to_string(cmd_file).unwrap();
    let mut lines = text.lines();
    let expected: i32 = lines
        .next()
        .and_then(|l| l.strip_prefix("# exit "))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("{dir}/cmd: the first line must be `# exit N`"));
    let line = lines
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .unwrap_or_else(|| panic!("{dir}/cmd: no command"));
    let args: Vec<String> = words(&line.replace("{dir}", &dir));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = ntm_env(&args, &[("NTM_LANG", "en")]);
    assert!(!r.stderr.contains("panicked"), "{dir}: {}", r.stderr);
    assert_eq!(r.code, expected, "{dir}: ntm {line}\n{}", r.stderr);
    if r.code != 0 || r.stderr.contains("warning[") {
        assert!(
            r.stderr.lines().any(is_located),
            "{dir}: no located message:\n{}",
            r.stderr
        );
    }
    let stderr = r
        .stderr
        .replace(&*crate::common::root().to_string_lossy(), "[root]");
    insta::assert_snapshot!(
        "hostile",
        format!("$ ntm {line}\n[exit {}]\n{stderr}", r.code)
    );
}

#[test]
fn hostile_inputs() {
    insta::glob!("../fixtures/hostile", "*/cmd", run_case);
}

#[test]
fn the_catalogue_has_at_least_sixty_cases() {
    let root = crate::common::root().join("tests/fixtures/hostile");
    let n = std::fs::read_dir(root)
        .unwrap()
        .flatten()
        .filter(|e| e.path().join("cmd").is_file())
        .count();
    assert!(n >= 60, "{n} cases");
}
