//! Usage: help and usage errors in the chosen language, and one validated request per
//! command: every bad argument or combination is refused with exit 2 before anything
//! is loaded or evaluated (no notes, no output file).

use crate::common::ntm;

const DATA: &str = "datasets/ngan-son";
const PLAN: &str = "datasets/ngan-son/ke-hoach-2021.yaml";

/// (arguments, the argument the refusal names)
fn bad_requests() -> Vec<(Vec<&'static str>, &'static str)> {
    vec![
        (
            vec!["eval", "--data", DATA, "--as-units", "2025-13-01"],
            "--as-units",
        ),
        (vec!["eval", "--data", DATA, "--year", "20x1"], "--year"),
        (vec!["eval", "--data", DATA, "--year", "1850"], "--year"),
        (
            vec!["eval", "--data", DATA, "--set", "ho_dien_min"],
            "--set",
        ),
        (vec!["eval", "--data", DATA, "--set", "=97"], "--set"),
        (vec!["eval", "--data", DATA, "--excel"], "--excel"),
        (
            vec![
                "eval", "--data", DATA, "--format", "csv", "--detail", "summary",
            ],
            "--detail",
        ),
        (
            vec!["explain", "--data", DATA, "--unit", "Nà Y", "--year", "năm"],
            "--year",
        ),
        (
            vec!["rollup", "--data", DATA, "--as-units", "2025"],
            "--as-units",
        ),
        (
            vec!["rollup", "--data", DATA, "--format", "md", "--excel"],
            "--excel",
        ),
        (
            vec!["plan", PLAN, "--by-department", "--as-units", "2025-07-01"],
            "--as-units",
        ),
        (
            vec!["plan", PLAN, "--by-department", "--as-of", "2021-12-31"],
            "--as-of",
        ),
        (
            vec!["plan", PLAN, "--department", "Phòng Nông nghiệp"],
            "--department",
        ),
        (vec!["plan", PLAN, "--as-of", "2021-02-30"], "--as-of"),
        (vec!["plan", PLAN, "--format", "html", "--excel"], "--excel"),
        (
            vec![
                "diff",
                "--from",
                "bac-kan/xa/734-2017",
                "--to",
                "bac-kan/xa/1304-2022",
                "--year",
                "2021",
            ],
            "--year",
        ),
        (
            vec![
                "diff",
                "--from",
                "bac-kan/xa/734-2017",
                "--to",
                "bac-kan/xa/1304-2022",
                "--set",
                "thu_nhap_min=50",
            ],
            "--set",
        ),
        (
            vec!["sweep", "ho_dien_min=100..90:1", "--data", DATA],
            "KHOẢNG",
        ),
        (
            vec!["sweep", "ho_dien_min=90..100", "--data", DATA],
            "KHOẢNG",
        ),
        (
            vec![
                "new",
                "ruleset",
                "--from",
                "bac-kan/xa/1304-2022",
                "--id",
                "x/y",
                "--valid-from",
                "2026-02-30",
            ],
            "--valid-from",
        ),
        (
            vec![
                "new",
                "amendment",
                "--amends",
                "bac-kan/xa/1304-2022",
                "--from",
                "2025-01-01",
                "--set",
                "thu_nhap_min",
            ],
            "--set",
        ),
        (vec!["pending", "--fill", "phieu.csv"], "--fill"),
        (
            vec![
                "pending",
                "national/xa/51-2025",
                "--fill",
                "phieu.csv",
                "--format",
                "json",
            ],
            "--format",
        ),
        (vec!["pending", "--format", "csv"], "--format"),
        // The sheet chosen by the name of --output (given below) needs a set too.
        (vec!["pending"], "--output"),
        (
            vec!["eval", "--data", DATA, "--format", "xlsx", "--excel"],
            "--excel",
        ),
        (
            vec!["check", "rules", "--format", "json", "--list-unverified"],
            "--list-unverified",
        ),
        // Flags a command does not have are unknown to it.
        (vec!["check", "rules", "--excel"], "--excel"),
        (vec!["eval", "--data", DATA, "--format", "xml"], "--format"),
    ]
}

#[test]
fn bad_combinations_are_refused_before_any_work() {
    let dir = std::env::temp_dir().join(format!("ntm-usage-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (i, (args, place)) in bad_requests().into_iter().enumerate() {
        let out = dir.join(format!("out-{i}.csv"));
        let mut argv = args.clone();
        let out_s = out.to_string_lossy().into_owned();
        // `gen` writes a folder, the others a file; `pending --fill` reads, not writes.
        argv.extend(["--output", &out_s]);
        let r = ntm(&argv);
        let line = args.join(" ");
        assert_eq!(r.code, 2, "ntm {line}\n{}", r.stderr);
        assert!(r.stdout.is_empty(), "ntm {line}: {}", r.stdout);
        assert!(
            r.stderr.starts_with(&format!("{place}: lỗi[usage]: ")),
            "ntm {line}: not refused at {place}:\n{}",
            r.stderr
        );
        assert!(
            r.stderr.contains(&format!("Xem thêm: `ntm {}", args[0])),
            "ntm {line}: {}",
            r.stderr
        );
        // Nothing was loaded or evaluated: no notes, no warnings, nothing written.
        assert!(!r.stderr.contains("note:"), "ntm {line}: {}", r.stderr);
        assert!(!r.stderr.contains("cảnh báo"), "ntm {line}: {}", r.stderr);
        assert!(!out.exists(), "ntm {line} wrote {}", out.display());
    }
    let gen_out = dir.join("gen");
    let r = ntm(&[
        "gen",
        "--out",
        &gen_out.to_string_lossy(),
        "--years",
        "2025..2021",
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.starts_with("--years: lỗi[usage]: "),
        "{}",
        r.stderr
    );
    assert!(!gen_out.exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_refusal_is_in_english_with_lang_en() {
    let r = ntm(&[
        "plan",
        PLAN,
        "--by-department",
        "--as-units",
        "2025-07-01",
        "--lang",
        "en",
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.starts_with(
            "--as-units: error[usage]: --as-units cannot be used together with --by-department"
        ),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("For more information, try `ntm plan --help`."),
        "{}",
        r.stderr
    );
}

#[test]
fn usage_errors_are_worded_in_the_chosen_language() {
    let vi = ntm(&["eval", "--bogus"]);
    assert_eq!(vi.code, 2);
    assert!(
        vi.stderr
            .contains("--bogus: lỗi[usage]: không có đối số `--bogus`"),
        "{}",
        vi.stderr
    );
    assert!(vi.stderr.contains("Cách dùng: ntm eval"), "{}", vi.stderr);
    for english in ["unexpected", "Usage:", "For more information", "tip:"] {
        assert!(!vi.stderr.contains(english), "{english}: {}", vi.stderr);
    }
    let en = ntm(&["eval", "--bogus", "--lang", "en"]);
    assert_eq!(en.code, 2);
    assert!(
        en.stderr
            .contains("--bogus: error[usage]: unexpected argument `--bogus`"),
        "{}",
        en.stderr
    );
    assert!(
        en.stderr
            .contains("Usage: ntm eval [OPTIONS] --data <DATA>"),
        "{}",
        en.stderr
    );
    // A near name is suggested, in the language too.
    let tip = ntm(&["eval", "--data", DATA, "--frmat", "json"]);
    assert!(
        tip.stderr.contains("mẹo: có phải ý bạn là `--format`?"),
        "{}",
        tip.stderr
    );
    let missing = ntm(&["eval"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("thiếu đối số bắt buộc: --data"),
        "{}",
        missing.stderr
    );
    let none = ntm(&["frobnicate", "--lang", "en"]);
    assert_eq!(none.code, 2);
    assert!(
        none.stderr.contains("no command `frobnicate`"),
        "{}",
        none.stderr
    );
}

#[test]
fn help_is_vietnamese_by_default_and_english_on_request() {
    for args in [vec!["--help"], vec!["eval", "--help"], vec!["plan", "-h"]] {
        let vi = ntm(&args);
        assert_eq!(vi.code, 0, "{args:?}");
        for word in ["Cách dùng:", "Tùy chọn:", "In trợ giúp"] {
            assert!(
                vi.stdout.contains(word),
                "{args:?} lacks {word}:\n{}",
                vi.stdout
            );
        }
        for english in [
            "Usage:",
            "Options:",
            "Print help",
            "[default:",
            "Possible values",
        ] {
            assert!(
                !vi.stdout.contains(english),
                "{args:?} has {english}:\n{}",
                vi.stdout
            );
        }
        let en = ntm(&[&args[..], &["--lang", "en"]].concat());
        assert_eq!(en.code, 0);
        for word in ["Usage:", "Options:", "Print help"] {
            assert!(
                en.stdout.contains(word),
                "{args:?} --lang en lacks {word}:\n{}",
                en.stdout
            );
        }
    }
    let eval = ntm(&["eval", "--help"]);
    assert!(
        eval.stdout.contains("Đánh giá mọi đơn vị"),
        "{}",
        eval.stdout
    );
    assert!(eval.stdout.contains("[mặc định: table]"), "{}", eval.stdout);
    assert!(eval.stdout.contains("Giá trị:\n"), "{}", eval.stdout);
    let top = ntm(&["--help"]);
    assert!(top.stdout.contains("Lệnh:"), "{}", top.stdout);
    assert!(top.stdout.contains("In phiên bản"), "{}", top.stdout);
    let env = crate::common::ntm_env(&["eval", "--help"], &[("NTM_LANG", "en")]);
    assert!(
        env.stdout.contains("Evaluate every unit of a dataset."),
        "{}",
        env.stdout
    );
    // `ntm help COMMAND` is that command's --help, in the language too.
    let help = ntm(&["help", "eval"]);
    assert_eq!(help.code, 0);
    assert_eq!(help.stdout, eval.stdout);
    assert!(eval.stdout.contains("--data <DỮ_LIỆU>"), "{}", eval.stdout);
    let version = ntm(&["--version"]);
    assert_eq!(version.code, 0);
    assert!(version.stdout.starts_with("ntm "), "{}", version.stdout);
    assert!(version.stdout.ends_with('\n'), "{:?}", version.stdout);
}

#[test]
fn an_unknown_language_is_refused_with_the_list() {
    let r = ntm(&["check", "--lang", "fr"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("`fr`") && r.stderr.contains("vi, en"),
        "{}",
        r.stderr
    );
    let env = crate::common::ntm_env(&["check"], &[("NTM_LANG", "klingon")]);
    assert_eq!(env.code, 2, "{}", env.stderr);
    let empty = crate::common::ntm_env(&["eval", "--help"], &[("NTM_LANG", "")]);
    assert_eq!(empty.code, 0, "{}", empty.stderr);
    assert!(empty.stdout.contains("Cách dùng:"), "{}", empty.stdout);
}
