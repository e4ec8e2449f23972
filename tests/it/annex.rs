//! The acceptance test of the Ngân Sơn annex: the count of criteria met for each
//! village is recomputed from its marks, and every hand-written total that disagrees
//! is reported.

use crate::common::ntm;

#[test]
fn eval_recounts_the_annex_and_flags_wrong_totals() {
    let r = ntm(&["eval", "--data", "datasets/ngan-son", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    // The annex: thôn in 2020 under QĐ 225 (the folder also holds other years and xã).
    let results: Vec<&serde_json::Value> = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["year"] == 2020 && r["ruleset"] == "bac-kan/thon/225-2019")
        .collect();
    assert_eq!(results.len(), 8);

    // Count the 1s of each row of the CSV independently of the engine.
    let csv = std::fs::read_to_string(
        crate::common::root().join("datasets/ngan-son/phu-luc-thon-2020.csv"),
    )
    .unwrap();
    let mut wrong_totals = Vec::new();
    for line in csv.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let name = cells[1];
        let marks = cells[3..19].iter().filter(|c| **c == "1").count() as u64;
        let written: u64 = cells[19].parse().unwrap();
        let res = results.iter().find(|r| r["unit"]["name"] == name).unwrap();
        assert_eq!(res["met"].as_u64(), Some(marks), "{name}");
        assert_eq!(res["total"].as_u64(), Some(16));
        assert_eq!(res["year"].as_i64(), Some(2020));
        assert_eq!(res["ruleset"], "bac-kan/thon/225-2019");
        let flagged = res["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["kind"] == "reported_total_mismatch");
        assert_eq!(flagged, marks != written, "{name}");
        if flagged {
            wrong_totals.push(name.to_string());
        }
    }
    // The annex itself: Nà Y has 14 marks but a written total of 13.
    assert_eq!(wrong_totals, vec!["Nà Y".to_string()]);
}
