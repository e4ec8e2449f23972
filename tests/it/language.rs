//! Diagnostics speak the reader's language: in the default language (Vietnamese) no
//! common English word appears outside code spans (`…`) and file paths, over a broad
//! set of faults (broken rule files, bad datasets, hostile inputs, a real district).

use crate::common::{ntm_env, rel, words};

/// Common English words that would betray an untranslated message.
const ENGLISH: &[&str] = &[
    "the", "is", "not", "a", "of", "no", "must", "expected", "got", "found", "help", "note",
    "error", "warning", "and", "or", "with", "this", "has", "have", "cannot", "which", "file",
    "value", "values", "missing", "unknown", "invalid", "did", "you", "mean", "here", "line",
    "column", "neither", "nor", "declared", "field", "test", "failed", "be", "are",
];

/// The English words of a diagnostic line, outside its place and code, `…` and paths.
fn english_in(line: &str) -> Vec<String> {
    // `path:line:col: lỗi[code]: message` → `message`.
    let line = line.split_once("]: ").map_or(line, |(_, m)| m);
    let mut plain = String::new();
    for (i, part) in line.split('`').enumerate() {
        if i % 2 == 0 {
            plain.push_str(part);
            plain.push(' ');
        }
    }
    plain
        .split_whitespace()
        // Paths and places: `tests/x.yaml:3:5:`, `--data`, `rules/`.
        .filter(|w| !w.contains(['/', '\\', '=', '_']) && !w.starts_with('-'))
        // File names: `so-lieu.yaml`, `Sheet1!C7` (a full stop ending a sentence is not one).
        .filter(|w| {
            !w.trim_end_matches(['.', ',', ';', ')'])
                .contains(['.', '!'])
        })
        .flat_map(|w| w.split(|c: char| !c.is_alphabetic()))
        .filter(|w| ENGLISH.contains(&w.to_lowercase().as_str()))
        .map(str::to_string)
        .collect()
}

/// Message, help and note lines of a run's diagnostics (snippet lines left out).
fn diagnostic_lines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| {
            l.contains("lỗi[")
                || l.contains("cảnh báo[")
                || l.trim_start().starts_with("= gợi ý:")
                || l.trim_start().starts_with("= ghi chú:")
        })
        .collect()
}

fn assert_vietnamese(what: &str, stderr: &str, seen: &mut usize) {
    for line in diagnostic_lines(stderr) {
        *seen += 1;
        let english = english_in(line);
        assert!(
            english.is_empty(),
            "{what}: English words {english:?} in\n{line}"
        );
    }
}

fn run(args: &[&str]) -> String {
    ntm_env(args, &[("NTM_LANG", "vi")]).stderr
}

#[test]
fn english_words_are_a_finding_here() {
    assert_eq!(
        english_in("a.yaml:1:2: lỗi[x]: the `key` is missing"),
        ["the", "is", "missing"]
    );
    assert!(english_in("a.yaml:1:2: lỗi[x]: khóa `the key` thiếu ở tests/a.yaml").is_empty());
}

#[test]
fn broken_rule_files_are_reported_in_vietnamese() {
    let mut seen = 0;
    let dir = crate::common::root().join("tests/fixtures/check");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    for f in files {
        let file = rel(&f);
        assert_vietnamese(&file, &run(&["check", &file]), &mut seen);
    }
    assert!(seen > 40, "the fixtures give diagnostics ({seen})");
}

#[test]
fn bad_datasets_and_a_district_are_reported_in_vietnamese() {
    let mut seen = 0;
    let dir = crate::common::root().join("tests/fixtures/bad-data");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    for f in files {
        let file = rel(&f);
        let rules = "tests/fixtures/rules/xa-demo.yaml";
        assert_vietnamese(
            &file,
            &run(&["eval", "--data", &file, "--rules", rules]),
            &mut seen,
        );
    }
    assert!(seen > 10, "the bad datasets give diagnostics ({seen})");
    // The bundled data checks clean (no diagnostic at all: tests/it/facade.rs); whatever
    // it might say is said in Vietnamese.
    assert_vietnamese("ngan-son", &run(&["check", "datasets/ngan-son"]), &mut seen);
}

#[test]
fn hostile_inputs_are_reported_in_vietnamese() {
    let mut seen = 0;
    let dir = crate::common::root().join("tests/fixtures/hostile");
    let mut cases: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    cases.sort();
    for case in cases.iter().filter(|c| c.join("cmd").is_file()) {
        let dir = rel(case);
        let text = std::fs::read_to_string(case.join("cmd")).unwrap();
        let Some(line) = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with('#'))
        else {
            continue;
        };
        let args = words(&line.replace("{dir}", &dir));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        assert_vietnamese(&dir, &run(&args), &mut seen);
    }
    assert!(seen > 60, "the hostile cases give diagnostics ({seen})");
}

/// Everyday commands that fail or ask for help (issue 19): in the default language no
/// English word appears outside code spans, paths and the names a command line takes;
/// the same list in English is snapshotted.
const EVERYDAY: &[&str] = &[
    "--help",
    "check --help",
    "eval --help",
    "explain --help",
    "diff --help",
    "sweep --help",
    "rollup --help",
    "plan --help",
    "lineage --help",
    "test --help",
    "pending --help",
    "gen --help",
    "new --help",
    "new amendment --help",
    "eval --bogus",
    "eval",
    "frobnicate",
    "eval --data datasets/ngan-son --year abc",
    "eval --data datasets/ngan-son --format xlsx --excel",
    "plan datasets/ngan-son/ke-hoach-2021.yaml --department X",
    "check datasets/ngan-son",
    "check rules datasets",
    "check tests/fixtures/check/yaml-indent.yaml",
    "check tests/fixtures/check/misspelt-field.yaml",
    "check tests/fixtures/check/multiline.yaml",
    "eval --data tests/fixtures/bad-data/yaml-syntax.yaml --rules tests/fixtures/rules/xa-demo.yaml",
    "test tests/fixtures/language/ca-kiem-thu-sai.yaml",
    "pending national/xa/51-2025 --fill tests/fixtures/language/phieu-sai.csv",
    "new amendment --amends bac-kan/xa/734-2017 --from 2019-01-01",
    "eval --data datasets/ngan-son --output docs",
];

/// English words of a whole output line: as [`english_in`], and the first word of an
/// indented line of a help text is a name the command line takes (a command, a value).
fn english_in_output(line: &str) -> Vec<String> {
    let indented = line.starts_with("  ") && !line.trim_start().starts_with(['=', '|']);
    let line = if indented {
        line.trim_start()
            .split_once(char::is_whitespace)
            .map_or("", |(_, rest)| rest)
    } else {
        line
    };
    // Comments of a generated file start with `#`; the YAML they show (`values:`,
    // `- value: …`) is code.
    match line.trim_start().strip_prefix('#') {
        Some(comment) => {
            let prose: Vec<&str> = comment
                .split_whitespace()
                .filter(|w| !w.ends_with(':') && *w != "-")
                .collect();
            english_in(&prose.join(" "))
        }
        None => english_in(line),
    }
}

fn everyday(args: &str, lang: &str) -> crate::common::Run {
    let argv: Vec<&str> = args.split(' ').collect();
    ntm_env(&argv, &[("NTM_LANG", lang)])
}

#[test]
fn everyday_commands_say_no_english_in_vietnamese() {
    let mut problems = Vec::new();
    for args in EVERYDAY {
        let r = everyday(args, "vi");
        // The cases a rule file names (`test`'s stdout) are the file's own words.
        let stdout = if args.starts_with("test ") {
            ""
        } else {
            &r.stdout
        };
        for line in stdout.lines().chain(r.stderr.lines()) {
            // Snippet lines quote the user's file.
            if line.trim_start().starts_with(|c: char| c.is_ascii_digit()) && line.contains(" | ") {
                continue;
            }
            let english = english_in_output(line);
            if !english.is_empty() {
                problems.push(format!("ntm {args}: {english:?} in\n  {line}"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "English words:\n{}",
        problems.join("\n")
    );
}

#[test]
fn everyday_commands_in_english() {
    let mut out = String::new();
    for args in EVERYDAY {
        let r = everyday(args, "en");
        out.push_str(&format!(
            "$ ntm {args}\n[exit {}]\n{}{}\n",
            r.code, r.stdout, r.stderr
        ));
    }
    insta::assert_snapshot!("everyday_en", out);
}

/// A threshold entry that does not apply is a flag (`not_applicable: true`), not a value:
/// every listing of threshold values words it in the reader's language — "not applicable"
/// in English, never the Vietnamese words, and "không áp dụng" in Vietnamese.
#[test]
fn thresholds_that_do_not_apply_are_worded_in_the_reader_language() {
    let dir = "tests/fixtures/pending/khong-ap-dung";
    let rules = format!("{dir}/chi-tieu.yaml");
    let data = format!("{dir}/xa.yaml");
    let later = format!("{dir}/sua-doi-2027.yaml");
    let with = |extra: &[&str]| -> Vec<String> {
        let mut a: Vec<String> = ["--rules", "rules", "--rules", &rules]
            .iter()
            .map(|s| s.to_string())
            .collect();
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };
    // A test case expecting a result where the threshold does not apply.
    let tmp = tempfile::tempdir().unwrap();
    let wrong = tmp.path().join("chi-tieu.yaml");
    let text = std::fs::read_to_string(crate::common::root().join(&rules)).unwrap();
    assert!(text.contains("\"3.2\": not_applicable"));
    std::fs::write(
        &wrong,
        text.replace("\"3.2\": not_applicable", "\"3.2\": pass"),
    )
    .unwrap();
    let wrong = wrong.to_string_lossy().to_string();
    let listings: Vec<(&str, Vec<String>)> = vec![
        (
            "explain",
            [
                vec!["explain".to_string()],
                with(&["--data", &data, "--unit", "Xã Cát", "--year", "2026"]),
            ]
            .concat(),
        ),
        (
            "pending",
            [
                vec!["pending".to_string(), "national/xa/51-2025/chi-tieu".into()],
                with(&[]),
            ]
            .concat(),
        ),
        (
            "diff",
            [
                vec!["diff".to_string()],
                with(&["--from", &rules, "--to", &later, "--data", &data]),
            ]
            .concat(),
        ),
        (
            "check",
            vec![
                "check".into(),
                "--list-unverified".into(),
                "rules".into(),
                rules.clone(),
            ],
        ),
        ("test", vec!["test".into(), "rules".into(), wrong]),
    ];
    for (what, args) in &listings {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        for (lang, says, never) in [
            ("en", "not applicable", "áp dụng"),
            ("vi", "không áp dụng", "not applicable"),
        ] {
            let r = ntm_env(&args, &[("NTM_LANG", lang)]);
            let out = format!("{}{}", r.stdout, r.stderr);
            let lines: Vec<&str> = out.lines().filter(|l| l.contains("co_htx_eq")).collect();
            assert!(
                lines.iter().any(|l| l.contains(says)),
                "{what} ({lang}) lists the entry in words:\n{out}"
            );
            for l in lines {
                // A test case's name (`…`: before the mismatch) is the rule file's words.
                let said = l.rsplit("`: ").next().unwrap_or(l);
                assert!(!said.contains(never), "{what} ({lang}): {l}");
            }
        }
    }
}
