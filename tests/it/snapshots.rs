//! Snapshots of eval (JSON, table, CSV) and explain on the annex dataset and on the
//! engine's fixture dataset.

use crate::common::ntm;

fn json_without_rule_hashes(stdout: &str) -> serde_json::Value {
    let mut v: serde_json::Value = serde_json::from_str(stdout).unwrap();
    // Rule files of other sets change independently; the annex snapshot guards results
    // and data hashes, and the rule hashes are checked for shape only.
    let rules = v["stamp"]["rules"].as_array().unwrap();
    assert!(rules
        .iter()
        .all(|r| r["sha256"].as_str().is_some_and(|h| h.len() == 64)));
    assert!(rules
        .iter()
        .any(|r| r["path"].as_str().unwrap().ends_with("225-2019.yaml")));
    v["stamp"]["rules"] = serde_json::json!("[redacted]");
    v["stamp"]["engine"] = serde_json::json!("[engine]");
    v
}

#[test]
fn eval_annex_json() {
    let r = ntm(&[
        "eval",
        "--data",
        "datasets/ngan-son",
        "--format",
        "json",
        "--year",
        "2020",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_json_snapshot!(json_without_rule_hashes(&r.stdout));
}

#[test]
fn eval_annex_table_and_csv() {
    let t = ntm(&["eval", "--data", "datasets/ngan-son", "--year", "2020"]);
    assert_eq!(t.code, 0, "{}", t.stderr);
    insta::assert_snapshot!("eval_annex_table", crate::common::redact_stamp(&t.stdout));
    let c = ntm(&[
        "eval",
        "--data",
        "datasets/ngan-son",
        "--format",
        "csv",
        "--year",
        "2020",
    ]);
    assert_eq!(c.code, 0, "{}", c.stderr);
    insta::assert_snapshot!("eval_annex_csv", c.stdout);
}

#[test]
fn explain_every_annex_village() {
    let csv = std::fs::read_to_string(
        crate::common::root().join("datasets/ngan-son/phu-luc-thon-2020.csv"),
    )
    .unwrap();
    for line in csv.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let (tt, name) = (cells[0], cells[1]);
        let r = ntm(&[
            "explain",
            "--data",
            "datasets/ngan-son",
            "--unit",
            name,
            "--year",
            "2020",
        ]);
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        assert!(r.stdout.contains(name));
        assert!(r.stdout.contains("Tiêu chí 16."));
        insta::assert_snapshot!(
            format!("explain_annex_row_{tt}"),
            crate::common::redact_stamp(&r.stdout)
        );
    }
}

#[test]
fn eval_and_explain_with_values_thresholds_and_findings() {
    let args = [
        "--data",
        "tests/fixtures/data/demo",
        "--rules",
        "tests/fixtures/rules/xa-demo.yaml",
    ];
    let j = ntm(&[&["eval", "--format", "json"][..], &args[..]].concat());
    assert_eq!(j.code, 0, "{}", j.stderr);
    let mut v: serde_json::Value = serde_json::from_str(&j.stdout).unwrap();
    v["stamp"]["engine"] = serde_json::json!("[engine]");
    insta::assert_json_snapshot!("demo_eval_json", v);
    let t = ntm(&[&["eval"][..], &args[..]].concat());
    insta::assert_snapshot!("demo_eval_table", crate::common::redact_stamp(&t.stdout));
    let e = ntm(&[&["explain", "--unit", "Xã A"][..], &args[..]].concat());
    assert_eq!(e.code, 0, "{}", e.stderr);
    insta::assert_snapshot!("demo_explain", crate::common::redact_stamp(&e.stdout));
}
