//! The command-line contract: commands, exit codes (0 ok, 1 check/test failures,
//! 2 usage, I/O or definition errors), messages on stderr, never a panic.

use crate::common::ntm;

#[test]
fn bundled_rules_and_datasets_check_clean() {
    let r = ntm(&["check", "rules", "datasets"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("0 lỗi"), "{}", r.stdout);
    assert!(r.stdout.contains("bộ tiêu chí:"), "{}", r.stdout);
}

#[test]
fn missing_data_path_is_exit_2_with_a_message() {
    let r = ntm(&["eval", "--data", "no/such/folder", "--format", "json"]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("no/such/folder"), "{}", r.stderr);
    assert!(r.stderr.contains("không có tệp"), "{}", r.stderr);
}

#[test]
fn usage_errors_are_exit_2() {
    assert_eq!(ntm(&["eval", "--no-such-flag"]).code, 2);
    assert_eq!(ntm(&["eval"]).code, 2, "--data is required");
    assert_eq!(
        ntm(&["eval", "--data", "datasets", "--format", "xml"]).code,
        2
    );
    assert_eq!(ntm(&["frobnicate"]).code, 2);
    assert_eq!(ntm(&["--help"]).code, 0);
}

#[test]
fn broken_rules_stop_eval_with_exit_2() {
    let r = ntm(&[
        "eval",
        "--data",
        "datasets/ngan-son",
        "--rules",
        "tests/fixtures/check/misspelt-field.yaml",
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("misspelt-field.yaml:22:15"),
        "{}",
        r.stderr
    );
}

#[test]
fn unknown_unit_in_explain_suggests_a_name() {
    let r = ntm(&["explain", "--data", "datasets/ngan-son", "--unit", "Na Yy"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("có phải ý là `Nà Y`"), "{}", r.stderr);
}

#[test]
fn explain_works_by_id_and_by_name_without_accents_encoding_issues() {
    let by_id = ntm(&[
        "explain",
        "--data",
        "datasets/ngan-son",
        "--unit",
        "thuong-an/na-y",
    ]);
    assert_eq!(by_id.code, 0, "{}", by_id.stderr);
    // "Nà Y" typed with a combining grave accent (NFD) finds the same unit.
    let by_nfd_name = ntm(&[
        "explain",
        "--data",
        "datasets/ngan-son",
        "--unit",
        "Na\u{300} Y",
    ]);
    assert_eq!(by_nfd_name.code, 0, "{}", by_nfd_name.stderr);
    assert_eq!(by_id.stdout, by_nfd_name.stdout);
}

#[test]
fn explain_for_a_year_without_data_is_exit_2() {
    let r = ntm(&[
        "explain",
        "--data",
        "datasets/ngan-son",
        "--unit",
        "Nà Y",
        "--year",
        "2030",
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("2030"), "{}", r.stderr);
}

#[test]
fn output_file_is_written_whole() {
    let dir = std::env::temp_dir().join(format!("ntm-out-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let target = dir.join("eval.json");
    let r = ntm(&[
        "eval",
        "--data",
        "datasets/ngan-son",
        "--format",
        "json",
        "--output",
        target.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.is_empty());
    let text = std::fs::read_to_string(&target).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let annex = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["ruleset"] == "bac-kan/thon/225-2019")
        .count();
    assert_eq!(annex, 8);
    // Writing into a folder that does not exist fails cleanly and leaves nothing behind.
    let bad = dir.join("missing-dir").join("x.json");
    let r = ntm(&[
        "eval",
        "--data",
        "datasets/ngan-son",
        "--format",
        "json",
        "--output",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2);
    assert!(!bad.exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_failing_rule_test_case_is_exit_1_with_expected_and_actual() {
    let dir = std::env::temp_dir().join(format!("ntm-case-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let src =
        std::fs::read_to_string(crate::common::root().join("tests/fixtures/rules/xa-demo.yaml"))
            .unwrap();
    let broken = src.replacen(
        "indicators: {\"10\": fail}",
        "indicators: {\"10\": pass}",
        1,
    );
    assert_ne!(src, broken);
    let file = dir.join("broken.yaml");
    std::fs::write(&file, broken).unwrap();
    let r = ntm(&["test", file.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("SAI "), "{}", r.stdout);
    assert!(
        r.stdout.contains("7 ca đạt, 1 ca không đạt"),
        "{}",
        r.stdout
    );
    assert!(
        r.stderr
            .contains("chỉ tiêu 10: chờ đợi “đạt”, nhưng kết quả là “chưa đạt”"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("broken.yaml:"), "{}", r.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn overlapping_validity_names_both_files() {
    let dir = std::env::temp_dir().join(format!("ntm-overlap-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let src =
        std::fs::read_to_string(crate::common::root().join("tests/fixtures/rules/xa-demo.yaml"))
            .unwrap();
    std::fs::write(dir.join("a.yaml"), &src).unwrap();
    std::fs::write(
        dir.join("b.yaml"),
        src.replace("id: fixture/xa-demo", "id: fixture/xa-demo-2"),
    )
    .unwrap();
    let r = ntm(&["check", dir.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("a.yaml") && r.stderr.contains("b.yaml"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("overlapping-validity"), "{}", r.stderr);
    // Declaring the replacement resolves it.
    std::fs::write(
        dir.join("b.yaml"),
        src.replace(
            "id: fixture/xa-demo",
            "id: fixture/xa-demo-2\n  supersedes: [fixture/xa-demo]",
        )
        .replace("valid_from: 2017-01-01", "valid_from: 2021-01-01"),
    )
    .unwrap();
    let r = ntm(&["check", dir.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn no_command_ever_panics_on_the_fixtures() {
    for args in [
        vec!["check", "tests/fixtures"],
        vec![
            "eval",
            "--data",
            "tests/fixtures/bad-data",
            "--rules",
            "tests/fixtures/rules",
        ],
        vec![
            "eval",
            "--data",
            "tests/fixtures/data/demo",
            "--rules",
            "tests/fixtures/check",
        ],
        vec!["test", "tests/fixtures/check"],
        vec![
            "explain",
            "--data",
            "tests/fixtures/data/demo",
            "--unit",
            "",
            "--rules",
            "tests/fixtures/rules",
        ],
    ] {
        let r = ntm(&args);
        assert!(!r.stderr.contains("panicked"), "{args:?}: {}", r.stderr);
        assert!(r.code == 1 || r.code == 2, "{args:?} exited {}", r.code);
    }
}

#[test]
fn check_lists_every_weak_threshold_with_its_place_and_level() {
    let r = ntm(&["check", "rules", "--list-unverified", "--lang", "en"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Bắc Kạn's 2.1 threshold (100 %) was read nowhere: cited to 734, source level none.
    let line = r
        .stdout
        .lines()
        .find(|l| l.contains("bac-kan/xa/734-2017 duong_xa_min"))
        .expect("listed");
    assert!(line.contains("rules/bac-kan/xa/734-2017.yaml:"), "{line}");
    assert!(line.contains("= 100"), "{line}");
    assert!(line.contains("[NO SOURCE]"), "{line}");
    let summary = r
        .stdout
        .lines()
        .find(|l| l.starts_with("rule sets:"))
        .unwrap();
    let count = |label: &str| -> usize {
        summary
            .split(label)
            .nth(1)
            .unwrap()
            .split([',', ';'])
            .next()
            .unwrap()
            .trim()
            .parse()
            .unwrap()
    };
    // The counts agree with the list, level by level.
    let listed = |tag: &str| r.stdout.lines().filter(|l| l.contains(tag)).count();
    assert_eq!(count("secondary "), listed("[SECONDARY SOURCE]"));
    assert_eq!(count("none "), listed("[NO SOURCE]"));
}

#[test]
fn a_provincial_set_takes_precedence_in_its_province() {
    let dir = std::env::temp_dir().join(format!("ntm-province-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("data.yaml"),
        "dataset: {id: t, title: jurisdiction, provenance: illustrative}\n\
         units:\n\
         \x20 - {id: bk, name: Xã Bắc Kạn, kind: xã, attributes: {province: Bắc Kạn}}\n\
         \x20 - {id: other, name: Xã Khác, kind: xã, attributes: {province: Lạng Sơn}}\n\
         records:\n\
         \x20 - {unit: bk, year: 2023, values: {tre_suy_dinh_duong_thap_coi_pct: 20}}\n\
         \x20 - {unit: other, year: 2023, values: {tre_suy_dinh_duong_thap_coi_pct: 20}}\n\
         \x20 - {unit: bk, year: 2020, values: {tre_suy_dinh_duong_thap_coi_pct: 20}}\n\
         \x20 - {unit: other, year: 2020, values: {tre_suy_dinh_duong_thap_coi_pct: 20}}\n",
    )
    .unwrap();
    let r = ntm(&["eval", "--data", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let set_of = |unit: &str, year: i64| -> Vec<String> {
        v["results"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| x["unit"]["id"] == unit && x["year"] == year)
            .map(|x| x["ruleset"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(set_of("bk", 2023), ["bac-kan/xa/1304-2022"]);
    assert_eq!(set_of("other", 2023), ["national/xa/318-2022"]);
    assert_eq!(set_of("bk", 2020), ["bac-kan/xa/734-2017"]);
    // Outside Bắc Kạn, 2016–2020 falls under the national set QĐ 1980.
    assert_eq!(set_of("other", 2020), ["national/xa/1980-2016"]);
    std::fs::remove_dir_all(&dir).unwrap();
}
