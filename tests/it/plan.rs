//! `ntm plan`: targets of the Ngân Sơn 2021 plan, department work lists, roll-ups.

use crate::common::ntm;

const PLAN: &str = "datasets/ngan-son/ke-hoach-2021.yaml";

fn plan_json() -> serde_json::Value {
    let r = ntm(&["plan", PLAN, "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap()
}

#[test]
fn every_target_of_section_ii_is_reported() {
    let v = plan_json();
    let ids: Vec<&str> = v["plan"]["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "II.1-xa-diem",
            "II.1-bang-van",
            "II.1-con-lai",
            "II.1-binh-quan",
            "II.2-van-tung",
            "II.3-thon",
            "II.3-de-an-1385"
        ]
    );
    for t in v["plan"]["targets"].as_array().unwrap() {
        assert!(
            t["status"].is_string() && t["units"].as_array().is_some_and(|u| !u.is_empty()),
            "{t}"
        );
    }
    // The plan writes "Thuận Mang"; the alias finds Thuần Mang.
    let xa_diem = &v["plan"]["targets"][0]["units"];
    assert!(xa_diem
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u["unit"]["name"] == "Thuần Mang"));
}

#[test]
fn district_average_matches_a_hand_computation() {
    // Recompute from `eval`: mean over xã of criteria met, a xã đạt chuẩn counting 19.
    let e = ntm(&["eval", "--data", "datasets/ngan-son", "--format", "json"]);
    let ev: serde_json::Value = serde_json::from_str(&e.stdout).unwrap();
    let by_hand = |year: i64| {
        let xs: Vec<f64> = ev["results"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["year"] == year && r["unit"]["kind"] == "xã" && r["stage"] == "NTM")
            .map(|r| {
                if r["verdict"] == "met" {
                    r["total"].as_f64().unwrap()
                } else {
                    r["met"].as_f64().unwrap()
                }
            })
            .collect();
        assert_eq!(xs.len(), 9, "nine xã (the township is not assessed)");
        xs.iter().sum::<f64>() / xs.len() as f64
    };
    let v = plan_json();
    let t = v["plan"]["targets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "II.1-binh-quan")
        .unwrap();
    assert!((t["baseline"].as_f64().unwrap() - by_hand(2020)).abs() < 1e-9);
    assert!((t["current"].as_f64().unwrap() - by_hand(2021)).abs() < 1e-9);
    assert_eq!(t["required"], 12.0);
    let status = if by_hand(2021) >= 12.0 {
        "achieved"
    } else {
        "not_achieved"
    };
    assert_eq!(t["status"], status);
}

#[test]
fn per_unit_targets_compare_with_the_baseline() {
    let v = plan_json();
    let t = v["plan"]["targets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "II.1-xa-diem")
        .unwrap();
    for u in t["units"].as_array().unwrap() {
        let (b, c, req) = (
            u["baseline"].as_f64().unwrap(),
            u["current"].as_f64().unwrap(),
            u["required"].as_f64().unwrap(),
        );
        assert_eq!(req, b + 2.0);
        let want = if c >= req { "achieved" } else { "not_achieved" };
        assert_eq!(u["status"], want, "{u}");
        assert_eq!(u["gap"].as_f64().unwrap(), (req - c).max(0.0));
    }
}

#[test]
fn plan_snapshots() {
    let text = ntm(&["plan", PLAN]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    insta::assert_snapshot!("plan_text", crate::common::redact_stamp(&text.stdout));
    let dept = ntm(&["plan", PLAN, "--by-department"]);
    assert_eq!(dept.code, 0, "{}", dept.stderr);
    assert!(dept.stdout.contains("Ban Chỉ huy Quân sự huyện"));
    insta::assert_snapshot!(
        "plan_departments",
        crate::common::redact_stamp(&dept.stdout)
    );
}

#[test]
fn a_plan_naming_an_unknown_unit_fails_with_a_suggestion() {
    let dir = std::env::temp_dir().join(format!("ntm-plan-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let src = std::fs::read_to_string(crate::common::root().join(PLAN))
        .unwrap()
        .replace("units: [Bằng Vân]", "units: [Bằng Văn]");
    let file = dir.join("plan.yaml");
    std::fs::write(&file, src).unwrap();
    let r = ntm(&[
        "plan",
        file.to_str().unwrap(),
        "--data",
        "datasets/ngan-son",
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("có phải ý là `Bằng Vân`"), "{}", r.stderr);
    assert!(r.stderr.contains("plan.yaml:"), "{}", r.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn commune_values_are_derived_from_village_data() {
    let dir = std::env::temp_dir().join(format!("ntm-derived-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("data.yaml"),
        "dataset: {id: t, title: derived, provenance: illustrative}\n\
         units:\n\
         \x20 - {id: x, name: Xã X, kind: xã, attributes: {province: Bắc Kạn}}\n\
         \x20 - {id: x/a, name: Thôn A, kind: thôn, parent: x}\n\
         \x20 - {id: x/b, name: Thôn B, kind: thôn, parent: x}\n\
         records:\n\
         \x20 - {unit: x, year: 2020, values: {nha_van_hoa_xa: true}}\n\
         \x20 - {unit: x/a, year: 2020, values: {thon_co_nha_van_hoa: có}}\n\
         \x20 - {unit: x/b, year: 2020, values: {thon_co_nha_van_hoa: không}}\n",
    )
    .unwrap();
    let r = ntm(&["eval", "--data", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("thon_co_nha_van_hoa_pct = 50"),
        "{}",
        r.stderr
    );
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let xa = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["unit"]["id"] == "x")
        .unwrap();
    let i63 = xa["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["indicators"].as_array().unwrap())
        .find(|i| i["id"] == "6.3")
        .unwrap();
    assert_eq!(i63["value"], 50.0);
    assert_eq!(i63["status"], "fail");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn rollups_count_every_xa_once() {
    let r = ntm(&["rollup", "--data", "datasets/ngan-son", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    for x in v["rollups"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["id"] == "phan_bo_xa_theo_tieu_chi")
    {
        let n: u64 = x["buckets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b[1].as_u64().unwrap())
            .sum();
        assert_eq!(n, 9, "{x}");
    }
    let text = ntm(&["rollup", "--data", "datasets/ngan-son"]);
    insta::assert_snapshot!("rollups_text", crate::common::redact_stamp(&text.stdout));
}
