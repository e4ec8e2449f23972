//! `ntm diff`: structural changes between rule sets, and flipped verdicts with causes.

use crate::common::ntm;

#[test]
fn amendment_flips_are_attributed_to_the_changed_threshold() {
    let args = [
        "diff",
        "--from",
        "fixture/xa-demo",
        "--to",
        "tests/fixtures/amendment/xa-demo-2021.yaml",
        "--rules",
        "tests/fixtures/rules",
        "--data",
        "tests/fixtures/data/demo",
        "--format",
        "json",
    ];
    let r = ntm(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let changes = v["structure"]["changes"].as_array().unwrap();
    assert!(changes
        .iter()
        .any(|c| c["kind"] == "threshold_changed" && c["to"] == "4.2"));
    assert!(changes
        .iter()
        .any(|c| c["kind"] == "expression_changed" && c["to"] == "9.1"));
    let xa_a = v["data"]["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["unit"]["id"] == "xa-a")
        .unwrap();
    let flip = xa_a["flips"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["to_id"] == "4.2")
        .unwrap();
    assert_eq!(flip["from_status"], "pass");
    assert_eq!(flip["to_status"], "fail");
    let cause = &flip["causes"][0];
    assert_eq!(cause["cause"], "thresholds", "{flip}");
    assert_eq!(cause["from"][0][0], "ho_dien_min", "{flip}");
    assert_eq!(cause["from"][0][1].as_f64(), Some(95.0), "{flip}");
    assert_eq!(cause["to"][0][1].as_f64(), Some(98.0), "{flip}");
    assert_eq!(v["data"]["summary"]["criteria_lost"], 1);
    let text = ntm(&args[..args.len() - 2]);
    insta::assert_snapshot!(crate::common::redact_stamp(&text.stdout));
}

#[test]
fn amendment_inherits_its_base_and_replaces_it() {
    let r = ntm(&["check", "tests/fixtures/rules", "tests/fixtures/amendment"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let t = ntm(&["test", "tests/fixtures/rules", "tests/fixtures/amendment"]);
    assert_eq!(t.code, 0, "{}{}", t.stdout, t.stderr);
    // Alone, the amendment cannot find its base.
    let alone = ntm(&["check", "tests/fixtures/amendment"]);
    assert_eq!(alone.code, 1);
    assert!(
        alone.stderr.contains("sửa đổi `fixture/xa-demo`"),
        "{}",
        alone.stderr
    );
}

#[test]
fn structural_diff_between_real_sets() {
    let a = ntm(&[
        "diff",
        "--from",
        "bac-kan/xa/734-2017",
        "--to",
        "national/xa/318-2022",
    ]);
    assert_eq!(a.code, 0, "{}", a.stderr);
    insta::assert_snapshot!("diff_734_318", crate::common::redact_stamp(&a.stdout));
    let b = ntm(&[
        "diff",
        "--from",
        "national/xa/318-2022",
        "--to",
        "national/xa/51-2025",
    ]);
    assert_eq!(b.code, 0, "{}", b.stderr);
    insta::assert_snapshot!("diff_318_51", crate::common::redact_stamp(&b.stdout));
    let c = ntm(&[
        "diff",
        "--from",
        "bac-kan/thon/225-2019",
        "--to",
        "bac-kan/thon/902-2021",
    ]);
    assert_eq!(c.code, 0, "{}", c.stderr);
    insta::assert_snapshot!("diff_thon_225_902", crate::common::redact_stamp(&c.stdout));
}

#[test]
fn unknown_rule_set_is_exit_2_with_a_suggestion() {
    let r = ntm(&[
        "diff",
        "--from",
        "bac-kan/xa/734-2071",
        "--to",
        "national/xa/318-2022",
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("có phải ý là `bac-kan/xa/734-2017`"),
        "{}",
        r.stderr
    );
}

#[test]
fn diff_on_the_ngan_son_data_lists_flips_with_causes() {
    let args = [
        "diff",
        "--from",
        "bac-kan/xa/734-2017",
        "--to",
        "national/xa/318-2022",
        "--data",
        "datasets/ngan-son",
        "--year",
        "2021",
    ];
    let r = ntm(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("Trên bộ dữ liệu: 9 đơn vị"),
        "{}",
        r.stdout
    );
    let j = ntm(&[&args[..], &["--format", "json"][..]].concat());
    let v: serde_json::Value = serde_json::from_str(&j.stdout).unwrap();
    let flips: Vec<&serde_json::Value> = v["data"]["units"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|u| u["flips"].as_array().unwrap())
        .collect();
    assert!(!flips.is_empty());
    assert!(
        flips
            .iter()
            .all(|f| !f["causes"].as_array().unwrap().is_empty()),
        "every flip has a cause"
    );
    insta::assert_snapshot!(
        "diff_734_318_ngan_son_2021",
        crate::common::redact_stamp(&r.stdout)
    );
}
