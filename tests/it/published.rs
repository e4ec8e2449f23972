//! Published results as they come: three-level criteria, counts without detail,
//! recognised units, published verdicts; roll-ups and plans that never guess.

use crate::common::ntm;

fn json(args: &[&str]) -> serde_json::Value {
    let r = ntm(args);
    assert_eq!(r.code, 0, "{args:?}\n{}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap()
}

#[test]
fn three_levels_give_the_unit_level_from_the_counts() {
    let v = json(&[
        "eval",
        "--data",
        "tests/fixtures/eval/three-levels/data",
        "--rules",
        "tests/fixtures/eval/three-levels/rules",
        "--format",
        "json",
    ]);
    let level = |id: &str| {
        let r = v["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["unit"]["id"] == id)
            .unwrap();
        r["level"]["id"].as_str().unwrap().to_string()
    };
    assert_eq!(level("a"), "dat_chuan");
    assert_eq!(level("b"), "co_ban_dat_chuan");
    assert_eq!(level("c"), "chua_dat_chuan");
    let b = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["unit"]["id"] == "b")
        .unwrap();
    assert_eq!(b["counts"]["co_ban_dat"], 2);
    // "CBĐ" (an alias) and "Cơ bản đạt" (a label, any case) read the same level.
    assert_eq!(b["criteria"][2]["level"]["id"], "co_ban_dat");
}

#[test]
fn a_word_that_is_no_level_is_refused_at_its_cell_with_a_suggestion() {
    let dir = std::env::temp_dir().join(format!("ntm-levels-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("xa.yaml"),
        "units: [{id: a, name: Xã An, kind: xã}]\n\
         records: [{unit: a, year: 2022, declared: {\"1\": Cơ bản đat}}]\n",
    )
    .unwrap();
    let r = ntm(&[
        "eval",
        "--data",
        dir.to_str().unwrap(),
        "--rules",
        "tests/fixtures/eval/three-levels/rules",
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("xa.yaml:2:"), "{}", r.stderr);
    assert!(r.stderr.contains("Cơ bản đạt"), "{}", r.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_district_average_counts_recognised_xa_as_all_criteria_and_says_how_many() {
    let v = json(&[
        "rollup",
        "--data",
        "tests/fixtures/eval/count-only/data",
        "--rules",
        "rules",
        "--rules",
        "tests/fixtures/eval/count-only/rules",
        "--format",
        "json",
    ]);
    let avg = v["rollups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "binh_quan_huyen_thu")
        .unwrap();
    // By hand: Một, Hai, Sáu recognised → 19 each; Ba 17, Bốn 13, Năm 15: 102 / 6 = 17.
    assert_eq!(avg["value"].as_f64(), Some(17.0));
    assert_eq!(avg["units"], 6);
    assert_eq!(avg["counted_as_recognised"], 3);
    assert_eq!(avg["count_only_units"], 4);
}

#[test]
fn a_published_verdict_that_disagrees_is_a_finding() {
    let v = json(&[
        "eval",
        "--data",
        "tests/fixtures/eval/published-verdicts/data",
        "--rules",
        "tests/fixtures/eval/three-levels/rules",
        "--format",
        "json",
    ]);
    let mismatches: Vec<&serde_json::Value> = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| {
            r["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["kind"] == "published_verdict_mismatch")
        })
        .collect();
    assert_eq!(mismatches.len(), 1);
    assert_eq!(mismatches[0]["unit"]["id"], "c");
}

#[test]
fn a_plan_never_calls_missing_data_a_failure_and_refuses_an_empty_target() {
    let dir = std::env::temp_dir().join(format!("ntm-plan-unknown-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("xa.yaml"),
        "units: [{id: a, name: Xã An, kind: xã}, {id: b, name: Xã Bình, kind: xã}]\n\
         records: [{unit: a, year: 2022, declared: {\"1\": Đạt}}, {unit: b, year: 2022, values: {ho_dien_pct: 99}, declared: {\"1\": Đạt, \"2\": Đạt, \"3\": Đạt}}]\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("kh.yaml"),
        "plan: {id: t, title: T, document: {number: 1/T, date: 2022, issuer: T, title: T}, baseline_year: 2022, target_year: 2022}\n\
         targets: [{id: t1, name: T1, units: [Xã An, Xã Bình], measure: dat_chuan, at_least: 1}]\n",
    )
    .unwrap();
    let plan = dir.join("kh.yaml");
    let args = [
        "plan",
        plan.to_str().unwrap(),
        "--rules",
        "tests/fixtures/eval/three-levels/rules",
        "--format",
        "json",
        "--as-of",
        "2023-06-30",
    ];
    let v = json(&args);
    let units = v["plan"]["targets"][0]["units"].as_array().unwrap();
    let status = |id: &str| {
        units
            .iter()
            .find(|u| u["unit"]["id"] == id)
            .map(|u| u["status"].as_str().unwrap().to_string())
            .unwrap()
    };
    assert_eq!(
        status("a"),
        "unknown",
        "missing data is unknown, not a failure"
    );
    assert_eq!(status("b"), "achieved");
    // A target that resolves to no unit is an error, not "-0".
    std::fs::write(
        dir.join("kh.yaml"),
        "plan: {id: t, title: T, document: {number: 1/T, date: 2022, issuer: T, title: T}, baseline_year: 2022, target_year: 2022}\n\
         targets: [{id: t1, name: T1, kind: thôn, measure: dat_chuan, at_least: 1}]\n",
    )
    .unwrap();
    let r = ntm(&args);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("plan-empty-target"), "{}", r.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}
