//! Generated rule files (`ntm new`, `ntm pending --fill`) are written through the YAML
//! serializer: what a user types comes back unchanged, and the files pass `check` and
//! `test` beside the library they were made from.

use crate::common::ntm;
use serde_json::Value;

fn load(path: &std::path::Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    ntm::core::loader::from_yaml(path, &text).unwrap_or_else(|d| panic!("{d:?}\n{text}"))
}

#[test]
fn an_amendment_of_a_replaced_set_ends_with_it_and_passes_its_tests() {
    // 734-2017 ends on 2022-07-14, the day before 1304-2022 starts: an amendment that ran
    // on would overlap 1304-2022 and `ntm test` would refuse the library.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sua-doi.yaml");
    let r = ntm(&[
        "new",
        "amendment",
        "--amends",
        "bac-kan/xa/734-2017",
        "--from",
        "2020-01-01",
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = load(&out);
    assert_eq!(v["ruleset"]["valid_until"], "2022-07-14");
    let t = ntm(&["test", out.to_str().unwrap()]);
    assert_eq!(t.code, 0, "{}{}", t.stdout, t.stderr);
    let all = ntm(&["test", "rules", out.to_str().unwrap()]);
    assert_eq!(all.code, 0, "{}{}", all.stdout, all.stderr);
}

#[test]
fn an_amendment_cannot_start_after_its_base_has_ended() {
    let r = ntm(&[
        "new",
        "amendment",
        "--amends",
        "bac-kan/xa/734-2017",
        "--from",
        "2023-01-01",
    ]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("2022-07-14"), "{}", r.stderr);
}

/// Values a user types that YAML written by hand would get wrong.
const HOSTILE: &[&str] = &[
    "12/QĐ: \"sửa\" # đổi",
    "hai\ndòng",
    "chuông\u{7} thoát\u{1b}[31m\ttab",
    "=HYPERLINK(\"http://x\")",
    "[x] - {y} &a *b !c",
];

#[test]
fn typed_values_in_a_new_amendment_load_back_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    for (i, s) in HOSTILE.iter().enumerate() {
        let out = dir.path().join(format!("a{i}.yaml"));
        let r = ntm(&[
            "new",
            "amendment",
            "--amends",
            "bac-kan/xa/1304-2022",
            "--from",
            "2024-01-01",
            "--document",
            s,
            "--jurisdiction",
            s,
            "--set",
            &format!("tuoi_tieu_min={s}"),
            "--output",
            out.to_str().unwrap(),
        ]);
        assert_eq!(r.code, 0, "{s:?}: {}", r.stderr);
        let v = load(&out);
        assert_eq!(v["ruleset"]["document"]["number"], *s);
        assert_eq!(v["ruleset"]["jurisdiction"], *s);
        assert_eq!(v["parameters"][0]["values"][0]["value"], *s);
        assert_eq!(v["parameters"][0]["values"][0]["citation"]["document"], *s);
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(
            text.lines().take_while(|l| l.starts_with('#')).count() >= 3,
            "the fixed header comes first: {text}"
        );
    }
}

#[test]
fn a_new_ruleset_with_a_typed_title_and_province_loads_back_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    for (i, s) in HOSTILE.iter().enumerate() {
        let out = dir.path().join(format!("r{i}.yaml"));
        let id = format!("thu/xa/moi-{i}");
        let r = ntm(&[
            "new",
            "ruleset",
            "--from",
            "bac-kan/xa/734-2017",
            "--id",
            &id,
            "--valid-from",
            "2021-01-01",
            "--title",
            s,
            "--output",
            out.to_str().unwrap(),
        ]);
        assert_eq!(r.code, 0, "{s:?}: {}", r.stderr);
        let v = load(&out);
        assert_eq!(v["ruleset"]["title"], *s);
        assert_eq!(v["ruleset"]["id"], id.as_str());
    }
}

#[test]
fn cells_of_a_filled_sheet_load_back_unchanged_from_the_amendment() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("phieu.csv");
    let r = ntm(&[
        "pending",
        "national/xa/51-2025",
        "--output",
        sheet.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(&sheet).unwrap();
    let (header, mut row) = crate::common::sheet_header_and_first_row(&text);
    let name = HOSTILE.join(" | ");
    row[2] = "1.1".into();
    row[3] = name.clone();
    row[7] = "≥".into();
    // No group: one value for every commune group (a group's row alone would leave the
    // others without a threshold, which the sheet refuses).
    row[8] = String::new();
    row[12] = "80,5".into();
    row[13] = HOSTILE[0].into();
    row[14] = HOSTILE[1].into();
    row[15] = "thứ cấp".into();
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    w.write_record(&header).unwrap();
    w.write_record(&row).unwrap();
    std::fs::write(&sheet, w.into_inner().unwrap()).unwrap();
    let out = dir.path().join("chi-tieu.yaml");
    let r = ntm(&[
        "pending",
        "national/xa/51-2025",
        "--fill",
        sheet.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let v = load(&out);
    let indicator = v["criteria"][0]["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "1.1")
        .unwrap()
        .clone();
    assert_eq!(indicator["name"], name.as_str());
    let value = &v["parameters"][0]["values"][0];
    assert_eq!(value["value"], 80.5);
    assert_eq!(value["citation"]["section"], HOSTILE[0]);
    assert_eq!(value["citation"]["source"], HOSTILE[1]);
    let c = ntm(&["check", "rules", out.to_str().unwrap()]);
    assert_eq!(c.code, 0, "{}\n{}", c.stdout, c.stderr);
}
