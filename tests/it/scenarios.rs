//! Scenarios as fixture folders: `tests/fixtures/{eval,diff,plan,pending}/<case>/cmd` lists
//! `ntm` command lines (one per line, `{dir}` = the case folder, `"…"` quotes, `#`
//! comments; a leading `!` expects failure). Each command's output is snapshotted;
//! adding a scenario is adding a folder.

use crate::common::{ntm, redact_stamp, rel, words};

/// JSON outputs: rule and data hashes and the engine version change independently of
/// a scenario's results; keep their shape, not their values.
fn redact(stdout: &str) -> String {
    match serde_json::from_str::<serde_json::Value>(stdout) {
        Ok(mut v) => {
            if let Some(stamp) = v.get_mut("stamp") {
                for k in ["rules", "data"] {
                    if let Some(files) = stamp.get_mut(k).and_then(|f| f.as_array_mut()) {
                        for f in files {
                            assert_eq!(f["sha256"].as_str().map(str::len), Some(64));
                            f["sha256"] = "[sha256]".into();
                        }
                    }
                }
                stamp["engine"] = "[engine]".into();
            }
            serde_json::to_string_pretty(&v).unwrap()
        }
        Err(_) => redact_stamp(stdout),
    }
}

fn run_case(cmd_file: &std::path::Path) {
    let dir = rel(cmd_file.parent().unwrap());
    let text = std::fs::read_to_string(cmd_file).unwrap();
    let mut out = String::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (fails, line) = match line.strip_prefix('!') {
            Some(rest) => (true, rest.trim()),
            None => (false, line),
        };
        let args: Vec<String> = words(&line.replace("{dir}", &dir));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let r = ntm(&args);
        assert!(!r.stderr.contains("panicked"), "{line}: {}", r.stderr);
        if fails {
            assert_ne!(r.code, 0, "{line} should fail");
            out.push_str(&format!(
                "$ ! ntm {line}\n[exit {}]\n{}\n",
                r.code, r.stderr
            ));
            // A failing run may still answer on standard output (`check --format json`).
            if !r.stdout.is_empty() {
                out.push_str(&format!("{}\n", redact(&r.stdout)));
            }
        } else {
            assert_eq!(r.code, 0, "{line}\n{}", r.stderr);
            out.push_str(&format!("$ ntm {line}\n{}\n", redact(&r.stdout)));
        }
    }
    insta::assert_snapshot!("scenario", out);
}

#[test]
fn scenarios() {
    insta::glob!("../fixtures", "{eval,diff,plan,pending}/*/cmd", run_case);
}
