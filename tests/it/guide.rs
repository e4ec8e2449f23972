//! The Vietnamese guide for staff (docs/huong-dan/README.md) stays true: every `ntm`
//! command of its ```sh blocks is run, in order, in a copy of rules/ and datasets/
//! and the sample sheets of tests/fixtures/pending (some commands write files), and must
//! succeed.

use std::path::Path;
use std::process::Command;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// Words of a command line: spaces separate, double quotes group, `#` after a space
/// starts a comment.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let (mut quoted, mut any) = (false, false);
    let mut prev = ' ';
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            '#' if !quoted && prev.is_whitespace() => break,
            c if c.is_whitespace() && !quoted => {
                if any {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            c => {
                cur.push(c);
                any = true;
            }
        }
        prev = c;
    }
    if any {
        out.push(cur);
    }
    out
}

pub fn guide_commands(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_sh = false;
    for l in text.lines() {
        let t = l.trim();
        if t.starts_with("```") {
            in_sh = t == "```sh";
            continue;
        }
        if in_sh && t.starts_with("ntm ") {
            out.push(t.to_string());
        }
    }
    out
}

#[test]
fn every_command_of_the_guide_runs() {
    let root = crate::common::root();
    let text = std::fs::read_to_string(root.join("docs/huong-dan/README.md")).unwrap();
    let commands = guide_commands(&text);
    assert!(commands.len() >= 15, "{commands:?}");
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root.join("rules"), &dir.path().join("rules"));
    copy_dir(&root.join("datasets"), &dir.path().join("datasets"));
    // The sample sheets the guide fills in (section 6), at the same place.
    copy_dir(
        &root.join("tests/fixtures/pending"),
        &dir.path().join("tests/fixtures/pending"),
    );
    for line in &commands {
        let w = words(line);
        let out = Command::new(env!("CARGO_BIN_EXE_ntm"))
            .args(&w[1..])
            .current_dir(dir.path())
            .env_remove("NTM_RULES")
            .env_remove("NTM_LANG")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "`{line}` failed ({:?}):\n{stderr}\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(!stderr.contains("panicked"), "{line}: {stderr}");
    }
}

#[test]
fn every_subcommand_help_has_a_vietnamese_example() {
    let help = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_ntm"))
            .args(args)
            .arg("--help")
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let top = help(&[]);
    let subcommands: Vec<String> = top
        .lines()
        .skip_while(|l| !l.starts_with("Lệnh:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|c| c != "help")
        .collect();
    assert!(subcommands.len() >= 10, "{subcommands:?}");
    let mut missing = Vec::new();
    for c in &subcommands {
        if !help(&[c]).contains("Ví dụ:") {
            missing.push(c.clone());
        }
    }
    assert!(missing.is_empty(), "no `Ví dụ:` in the help of {missing:?}");
}

#[test]
fn words_split_like_a_shell() {
    assert_eq!(
        words(r#"ntm explain --unit "Nà Y" --summary   # chú thích"#),
        ["ntm", "explain", "--unit", "Nà Y", "--summary"]
    );
}
