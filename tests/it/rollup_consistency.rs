//! Every bundled roll-up (rules/rollups) states how it counts recognised units and units
//! without enough data, and on one dataset mixing every kind of unit (recognised with and
//! without a record, counts only, not enough data, fully evaluated, no record) they agree:
//! the same units counted under the same policy, share = count / units, buckets adding
//! up to the units with đạt chuẩn first, average = sum / units (issue 21, item 4).

use crate::common::{ntm, root};
use serde_json::Value;
use std::collections::BTreeMap;

const DATA: &str = "tests/fixtures/eval/rollup-consistency/data";

/// One bundled roll-up as written: (file, the roll-up's YAML as JSON).
fn bundled() -> Vec<(String, Value)> {
    let dir = root().join("rules/rollups");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no roll-up file in {}", dir.display());
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let doc: Value = ntm::core::loader::from_yaml(&f, &text).unwrap();
        for r in doc["rollups"].as_array().into_iter().flatten() {
            out.push((f.display().to_string(), r.clone()));
        }
    }
    assert!(!out.is_empty());
    out
}

/// The roll-ups computed on the dataset for 2023, by id.
fn computed() -> BTreeMap<String, Value> {
    let r = ntm(&[
        "rollup", "--data", DATA, "--rules", "rules", "--format", "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    doc["rollups"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["year"] == 2023)
        .map(|v| (v["id"].as_str().unwrap().to_string(), v.clone()))
        .collect()
}

fn n(v: &Value, k: &str) -> f64 {
    v[k].as_f64().unwrap_or_else(|| panic!("{k} in {v}"))
}

#[test]
fn every_bundled_rollup_states_its_policy() {
    for (file, r) in bundled() {
        for key in ["recognised", "incomplete"] {
            assert!(
                r.get(key).is_some(),
                "{file}: roll-up {} does not state `{key}:`",
                r["id"]
            );
        }
    }
}

#[test]
fn bundled_rollups_agree_on_one_mixed_dataset() {
    let defs = bundled();
    let got = computed();
    // The units each (kind, policy) counts, and the sum of the mean roll-ups' per-unit
    // values, as the fixture's cmd file works them out.
    let expected_units = BTreeMap::from([("xã", 6.0), ("thôn", 3.0)]);
    let expected_sum = BTreeMap::from([("xã", 104.0), ("thôn", 42.0)]);
    let mut by_policy: BTreeMap<(String, String, String), Vec<&Value>> = BTreeMap::new();
    let mut counts: BTreeMap<String, f64> = BTreeMap::new();
    for (_, d) in &defs {
        let id = d["id"].as_str().unwrap();
        let v = got
            .get(id)
            .unwrap_or_else(|| panic!("bundled roll-up {id} not computed"));
        let kind = d["kind"].as_str().unwrap();
        assert_eq!(n(v, "units"), expected_units[kind], "{id}: units counted");
        let key = (
            kind.to_string(),
            d["recognised"].as_str().unwrap().to_string(),
            d["incomplete"].as_str().unwrap().to_string(),
        );
        by_policy.entry(key).or_default().push(v);
        if d["aggregate"] == "count" && d["value"] == "dat_chuan" {
            counts.insert(kind.to_string(), n(v, "value"));
        }
    }
    // Under one policy, every roll-up counts the same units the same way.
    for (key, vs) in &by_policy {
        for k in [
            "units",
            "incomplete_units",
            "counted_as_recognised",
            "recognised_only_units",
            "no_result_units",
            "count_only_units",
            "partial_list_units",
            "not_applicable_units",
        ] {
            let first = &vs[0][k];
            for v in vs {
                assert_eq!(&v[k], first, "{key:?}: {k} differs for {}", v["id"]);
            }
        }
    }
    for (_, d) in &defs {
        let id = d["id"].as_str().unwrap();
        let v = &got[id];
        let kind = d["kind"].as_str().unwrap();
        let units = n(v, "units");
        let count = counts[kind];
        match d["aggregate"].as_str().unwrap() {
            "share" => {
                assert_eq!(d["value"], "dat_chuan", "{id}");
                assert!(
                    (n(v, "value") - 100.0 * count / units).abs() < 1e-9,
                    "{id}: share {} is not {count} / {units}",
                    v["value"]
                );
            }
            "mean" => assert!(
                (n(v, "value") * units - expected_sum[kind]).abs() < 1e-9,
                "{id}: average {} is not {} / {units}",
                v["value"],
                expected_sum[kind]
            ),
            "buckets" => {
                let buckets = v["buckets"].as_array().unwrap();
                let total: f64 = buckets.iter().map(|b| b[1].as_f64().unwrap()).sum();
                assert_eq!(total, units, "{id}: buckets add up to the units");
                let first = &d["buckets"][0];
                assert_eq!(first["when"], "dat_chuan", "{id}: đạt chuẩn first");
                assert_eq!(buckets[0][1].as_f64(), Some(count), "{id}: đạt chuẩn");
            }
            "count" => assert!(count > 0.0 && count < units, "{id}: a mixed count"),
            other => panic!("{id}: aggregate {other} has no consistency check yet"),
        }
    }
    // Every kind of unit the dataset mixes was met: recognised with and without a record,
    // counts only, not enough data, no record.
    for k in [
        "counted_as_recognised",
        "recognised_only_units",
        "count_only_units",
        "incomplete_units",
        "no_result_units",
    ] {
        assert!(got.values().all(|v| n(v, k) > 0.0), "{k} never met");
    }
}
