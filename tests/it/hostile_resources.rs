//! One resource test per limit of `docs/limits.md`: the hostile input runs through the
//! binary with its address space bounded to 1 GiB (`ulimit -v`), so an allocation the
//! limit should have prevented makes the run abort (exit 134) instead of passing
//! unnoticed. Each must end with its limit's error, exit code 2.

use crate::common::root;
use std::process::Command;

/// `ntm args…` under a 1 GiB address-space bound, in English: (exit code, stderr).
pub fn bounded(args: &[&str]) -> (i32, String) {
    let out = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 1048576 && exec \"$@\"")
        .arg("sh")
        .arg(env!("CARGO_BIN_EXE_ntm"))
        .args(args)
        .current_dir(root())
        .env("NTM_LANG", "en")
        .env_remove("NTM_RULES")
        .output()
        .expect("sh runs");
    let code = out.status.code().unwrap_or(-1);
    (code, String::from_utf8_lossy(&out.stderr).into_owned())
}

fn refused(args: &[&str], code: &str) {
    let (exit, stderr) = bounded(args);
    assert!(!stderr.contains("memory allocation"), "{args:?}: {stderr}");
    assert_eq!(exit, 2, "{args:?}: {stderr}");
    assert!(
        stderr.contains(&format!("error[{code}]")),
        "{args:?}: {stderr}"
    );
}

fn eval_case(case: &str, code: &str) {
    let data = format!("tests/fixtures/hostile/{case}");
    let rules = "tests/fixtures/hostile/_rules";
    refused(&["eval", "--data", &data, "--rules", rules], code);
}

#[test]
fn a_sheet_declaring_a_huge_extent_is_refused_before_allocating() {
    eval_case("xlsx-huge-dimension", "xlsx-limit");
}

#[test]
fn a_far_cell_without_a_declared_extent_is_refused_as_it_is_met() {
    eval_case("xlsx-far-cell", "xlsx-limit");
}

#[test]
fn a_zip_bomb_is_refused_on_its_declared_sizes() {
    eval_case("xlsx-zip-bomb", "xlsx-limit");
}

#[test]
fn a_yaml_alias_bomb_is_refused_within_bounds() {
    eval_case("yaml-alias-bomb", "unknown-key");
}

#[test]
fn a_yaml_alias_bomb_of_long_text_is_refused_within_bounds() {
    eval_case("yaml-alias-string-bomb", "yaml");
}

#[test]
fn an_absurd_gen_is_refused_before_allocating() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    refused(
        &[
            "gen",
            "--xa",
            "1000000000000",
            "--out",
            out.to_str().unwrap(),
        ],
        "usage",
    );
    assert!(!out.exists());
}

#[test]
fn many_errors_of_one_kind_print_a_few_lines_and_a_count() {
    let dir = tempfile::tempdir().unwrap();
    let units = root().join("tests/fixtures/hostile/many-unknown-units/don-vi.yaml");
    std::fs::copy(units, dir.path().join("don-vi.yaml")).unwrap();
    let mut csv = String::from("unit,year,thu_nhap\n");
    for i in 0..20_000 {
        csv.push_str(&format!("Thôn Lạ {i},2021,12\n"));
    }
    std::fs::write(dir.path().join("so-lieu.csv"), csv).unwrap();
    let data = dir.path().to_str().unwrap();
    let (exit, stderr) = bounded(&[
        "eval",
        "--data",
        data,
        "--rules",
        "tests/fixtures/hostile/_rules",
    ]);
    assert_eq!(exit, 2, "{stderr}");
    assert!(stderr.len() < 10_000, "{} bytes of messages", stderr.len());
    assert!(
        stderr.contains("and 19990 more errors of the same kind"),
        "{stderr}"
    );
}

#[test]
fn the_bound_itself_lets_an_ordinary_run_through() {
    let (exit, stderr) = bounded(&[
        "eval",
        "--data",
        "tests/fixtures/hostile/xlsx-truncated/don-vi.yaml",
        "--rules",
        "tests/fixtures/hostile/_rules",
    ]);
    assert_eq!(exit, 0, "{stderr}");
}
