//! Units change: lineage, results mapped onto today's units, merged criteria combined
//! only by declared rules.

use crate::common::ntm;

const DIR: &str = "tests/fixtures/eval/lineage-merge";

#[test]
fn a_merged_unit_combines_only_what_a_rule_declares() {
    let r = ntm(&[
        "eval",
        "--data",
        &format!("{DIR}/data"),
        "--rules",
        &format!("{DIR}/rules"),
        "--as-units",
        "2026-01-01",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let ab = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["unit"]["id"] == "ab" && x["year"] == 2021)
        .expect("Xã An Bình carries the 2021 results of its parts");
    let parts: Vec<&str> = ab["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(parts, ["a", "b"]);
    let crit = |id: &str| {
        ab["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()
            .clone()
    };
    // Electricity: re-evaluated on the household-weighted mean (99·300 + 90·100) / 400.
    let c4 = crit("4");
    assert_eq!(c4["status"], "met");
    assert_eq!(c4["indicators"][0]["value"].as_f64(), Some(96.75));
    // Criterion 19: both parts declared met, combined by the all_parts rule.
    assert_eq!(crit("19")["status"], "met");
    assert_eq!(crit("19")["basis"], "merged");
    // Criterion 9: no rule says how to combine it: unknown, never guessed.
    assert_eq!(crit("9")["status"], "missing");
    let f = ab["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "no_merge_rule")
        .unwrap();
    assert_eq!(f["criteria"], serde_json::json!(["9"]));
    assert_eq!(ab["verdict"], "incomplete");
    assert_eq!(ab["unit"]["parent"], "tinh");
}

#[test]
fn a_township_is_not_judged_as_a_xa_after_it_became_one() {
    let r = ntm(&[
        "eval",
        "--data",
        "datasets/ngan-son",
        "--data",
        "tests/fixtures/eval/van-tung-2024/data",
        "--year",
        "2024",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(
        v["results"].as_array().unwrap().is_empty(),
        "no silent verdict"
    );
    // Judged as the thị trấn it is that year: no set for thị trấn, said.
    let n = &v["notices"][0];
    assert_eq!(n["kind"], "no_rule_set");
    assert_eq!(n["unit"], "van-tung");
    assert_eq!(n["unit_kind"], "thị trấn");
}

#[test]
fn reclassified_units_are_judged_and_counted_by_their_kind_of_the_year() {
    let dir = "tests/fixtures/eval/units-reclassified";
    let (data, rules) = (format!("{dir}/data"), format!("{dir}/rules"));
    let r = ntm(&[
        "eval", "--data", &data, "--rules", &rules, "--format", "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let judged: Vec<(String, i64, String)> = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["unit"]["id"].as_str().unwrap().to_string(),
                x["year"].as_i64().unwrap(),
                x["unit"]["name"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // Đông is a xã in 2022 only, Tây from 2023; Bắc is Bắc Sơn from 2022.
    for want in [
        ("dong", 2022, "Đông"),
        ("tay", 2024, "Tây"),
        ("bac", 2021, "Bắc"),
        ("bac", 2024, "Bắc Sơn"),
    ] {
        assert!(
            judged.contains(&(want.0.to_string(), want.1, want.2.to_string())),
            "{want:?} in {judged:?}"
        );
    }
    assert!(!judged
        .iter()
        .any(|(id, y, _)| (id == "dong" && *y == 2024) || (id == "tay" && *y == 2022)));
    let roll = ntm(&[
        "rollup", "--data", &data, "--rules", &rules, "--format", "json",
    ]);
    let rv: serde_json::Value = serde_json::from_str(&roll.stdout).unwrap();
    // (year, units counted, xã without a record): Đông is no xã without a record in 2024.
    let units: Vec<(i64, i64, i64)> = rv["rollups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            let n = |k: &str| x[k].as_i64().unwrap();
            (n("year"), n("units"), n("no_result_units"))
        })
        .collect();
    assert_eq!(units, [(2021, 1, 1), (2022, 1, 1), (2024, 2, 0)]);
}

#[test]
fn the_new_xa_ngan_son_shows_where_it_came_from() {
    let r = ntm(&["lineage", "Ngân Sơn"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for part in [
        "thị trấn Vân Tùng",
        "xã Cốc Đán",
        "xã Đức Vân",
        "2025-07-01",
        "1683/NQ-UBTVQH15",
        "2023-04-10",
    ] {
        assert!(r.stdout.contains(part), "{part} missing:\n{}", r.stdout);
    }
    let j = ntm(&["lineage", "Ngân Sơn", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&j.stdout).unwrap();
    assert_eq!(v["unit"], "tn-ngan-son");
    let merged = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "merged")
        .unwrap();
    assert_eq!(merged["source_level"], "secondary");
}
