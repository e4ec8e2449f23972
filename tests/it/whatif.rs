//! What-if runs: `--set` overrides a threshold for one run; `sweep` shows where counts change.

use crate::common::ntm;

const DEMO: [&str; 4] = [
    "--data",
    "tests/fixtures/data/demo",
    "--rules",
    "tests/fixtures/rules/xa-demo.yaml",
];

fn criterion4_status(json: &str, unit: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    let r = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["unit"]["id"] == unit)
        .unwrap();
    r["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "4")
        .unwrap()["status"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn set_overrides_a_threshold_and_is_stamped() {
    // Xã A has 96,5 % of households with safe electricity: it passes at 95 and 96,5, fails at 97.
    let base = ntm(&[&["eval", "--format", "json"][..], &DEMO[..]].concat());
    assert_eq!(criterion4_status(&base.stdout, "xa-a"), "met");
    let at = ntm(&[
        &["eval", "--format", "json", "--set", "ho_dien_min=96,5"][..],
        &DEMO[..],
    ]
    .concat());
    assert_eq!(at.code, 0, "{}", at.stderr);
    assert_eq!(criterion4_status(&at.stdout, "xa-a"), "met");
    let above = ntm(&[
        &["eval", "--format", "json", "--set", "ho_dien_min=97"][..],
        &DEMO[..],
    ]
    .concat());
    assert_eq!(criterion4_status(&above.stdout, "xa-a"), "not_met");
    let v: serde_json::Value = serde_json::from_str(&above.stdout).unwrap();
    assert_eq!(
        v["stamp"]["overrides"],
        serde_json::json!(["ho_dien_min=97"])
    );
    // The override is reported as an unverified, what-if threshold.
    let t = &v["results"][0]["criteria"][0]["indicators"][0]["threshold"][0];
    assert_eq!(t["verified"], false);
    assert_eq!(t["citation"]["document"], "--set");
}

#[test]
fn bad_overrides_are_usage_errors() {
    let r = ntm(&[&["eval", "--set", "ho_dien_mn=97"][..], &DEMO[..]].concat());
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("có phải ý là `ho_dien_min`"),
        "{}",
        r.stderr
    );
    let r = ntm(&[&["eval", "--set", "ho_dien_min"][..], &DEMO[..]].concat());
    assert_eq!(r.code, 2);
    let r = ntm(&[&["eval", "--set", "ho_dien_min=có"][..], &DEMO[..]].concat());
    assert_eq!(
        r.code, 2,
        "a yes/no value for a numeric threshold is refused"
    );
}

#[test]
fn sweep_shows_where_the_count_changes() {
    let r = ntm(&[
        &["sweep", "ho_dien_min=95..100:0,5", "--format", "json"][..],
        &DEMO[..],
    ]
    .concat());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["parameter"], "ho_dien_min");
    let passing: Vec<(f64, u64)> = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            (
                row["value"].as_f64().unwrap(),
                row["indicators"][0][1].as_u64().unwrap(),
            )
        })
        .collect();
    // Xã A (96,5 %) and Bình Hòa (99 %): both pass up to 96,5, one up to 99, none at 99,5.
    for (value, n) in &passing {
        let want = if *value <= 96.5 {
            2
        } else if *value <= 99.0 {
            1
        } else {
            0
        };
        assert_eq!(*n, want, "at {value}");
    }
    assert_eq!(passing.len(), 11);
    let table = ntm(&[&["sweep", "ho_dien_min=95..100:1"][..], &DEMO[..]].concat());
    insta::assert_snapshot!(crate::common::redact_stamp(&table.stdout));
    let bad = ntm(&[&["sweep", "ho_dien_min=100..90:1"][..], &DEMO[..]].concat());
    assert_eq!(bad.code, 2);
}
