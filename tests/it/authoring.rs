//! Authoring (issue 13): scaffolds that pass `check` and `test`, amendments that keep
//! their base's tests green, `ntm test` on a province folder, thresholds typed the
//! Vietnamese way.

use crate::common::ntm;

fn path(dir: &tempfile::TempDir, name: &str) -> String {
    dir.path().join(name).display().to_string()
}

#[test]
fn new_amendment_passes_check_and_test_and_keeps_its_base_green() {
    let dir = tempfile::tempdir().unwrap();
    let out = path(&dir, "sua-doi.yaml");
    let r = ntm(&[
        "new",
        "amendment",
        "--amends",
        "bac-kan/xa/1304-2022",
        "--from",
        "2024-01-01",
        "--document",
        "12/QĐ-UBND",
        "--set",
        "tuoi_tieu_min=85,5",
        "--output",
        &out,
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("amends: bac-kan/xa/1304-2022"), "{text}");
    assert!(text.contains("value: 85.5"), "{text}");
    let c = ntm(&["check", &out]);
    assert_eq!(c.code, 0, "{}{}", c.stdout, c.stderr);
    let t = ntm(&["test", &out]);
    assert_eq!(t.code, 0, "{}{}", t.stdout, t.stderr);
    assert!(
        t.stdout.contains("bac-kan/xa/1304-2022 ::"),
        "the amended set's own cases run: {}",
        t.stdout
    );
    // With the whole library, every shipped case still passes.
    let all = ntm(&["test", "rules", &out]);
    assert_eq!(all.code, 0, "{}{}", all.stdout, all.stderr);
}

#[test]
fn new_amendment_refuses_an_unknown_parameter_with_a_suggestion() {
    let r = ntm(&[
        "new",
        "amendment",
        "--amends",
        "bac-kan/xa/1304-2022",
        "--from",
        "2024-01-01",
        "--set",
        "tuoi_tieu_mn=85",
        "--lang",
        "en",
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("tuoi_tieu_min"), "{}", r.stderr);
}

#[test]
fn new_ruleset_passes_check_and_test() {
    for (from, id, date, extra) in [
        (
            "national/xa/51-2025",
            "bac-kan/xa/2027",
            "2027-01-01",
            Some("Bắc Kạn"),
        ),
        (
            "bac-kan/xa/734-2017",
            "bac-kan/xa/734-ban-moi",
            "2021-01-01",
            None,
        ),
        (
            "bac-kan/thon/902-2021",
            "bac-kan/thon/2026",
            "2026-01-01",
            None,
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let out = path(&dir, "moi.yaml");
        let mut args = vec![
            "new",
            "ruleset",
            "--from",
            from,
            "--id",
            id,
            "--valid-from",
            date,
            "--output",
            &out,
        ];
        if let Some(j) = extra {
            args.extend(["--jurisdiction", j]);
        }
        let r = ntm(&args);
        assert_eq!(r.code, 0, "{from}: {}", r.stderr);
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.contains(&format!("id: {id}")), "{text}");
        let c = ntm(&["check", "rules", &out]);
        assert_eq!(c.code, 0, "{from}: {}{}", c.stdout, c.stderr);
        let t = ntm(&["test", &out]);
        assert_eq!(t.code, 0, "{from}: {}{}", t.stdout, t.stderr);
        let all = ntm(&["test", "rules", &out]);
        assert_eq!(all.code, 0, "{from}: {}{}", all.stdout, all.stderr);
    }
}

#[test]
fn new_ruleset_fills_in_supersedes_and_keeps_pending_slots() {
    let r = ntm(&[
        "new",
        "ruleset",
        "--from",
        "bac-kan/xa/734-2017",
        "--id",
        "bac-kan/xa/moi",
        "--valid-from",
        "2021-01-01",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Read as YAML: the serializer chooses the layout (block or flow, quotes).
    let v: serde_json::Value =
        ntm::core::loader::from_yaml(std::path::Path::new("moi.yaml"), &r.stdout).unwrap();
    assert_eq!(
        v["ruleset"]["supersedes"],
        serde_json::json!(["bac-kan/xa/734-2017"])
    );
    assert_eq!(
        v["ruleset"]["valid_until"], "2022-07-14",
        "ends before the next Bắc Kạn set"
    );
    let pending_before =
        std::fs::read_to_string(crate::common::root().join("rules/bac-kan/xa/734-2017.yaml"))
            .unwrap()
            .matches("pending_source:")
            .count();
    assert_eq!(r.stdout.matches("pending_source:").count(), pending_before);
}

#[test]
fn test_on_a_province_folder_loads_the_bases_it_amends() {
    let r = ntm(&["test", "rules/bac-kan"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("bac-kan/xa/1304-2022 ::"));
    assert!(
        !r.stdout.contains("national/xa/51-2025 ::"),
        "only the cases of the files given and of the sets they amend"
    );
}

#[test]
fn a_threshold_typed_with_a_decimal_comma_is_a_number() {
    let dir = tempfile::tempdir().unwrap();
    let file = path(&dir, "bo.yaml");
    std::fs::write(
        &file,
        r#"ruleset:
  id: thu/dau-phay
  title: Thử
  level: thôn
  stage: NTM
  valid_from: 2021-01-01
  document: {number: 1/VD, date: 2021-01-01, issuer: Thử, title: Thử}
fields:
  - {id: ho_dien_pct, label: Tỷ lệ hộ dùng điện, type: percent, unit: "%"}
parameters:
  - id: ho_dien_min
    label: Ngưỡng
    values:
      - value: 85,5
        citation: {document: 1/VD}
        source_level: none
criteria:
  - id: "1"
    name: Điện
    indicators:
      - {id: "1.1", name: Điện, expr: ho_dien_pct >= ho_dien_min, citation: {document: 1/VD}}
tests:
  - {name: "85,5 đạt", year: 2021, values: {ho_dien_pct: 85.5}, expect: {indicators: {"1.1": pass}}}
  - {name: "85,4 không đạt", year: 2021, values: {ho_dien_pct: 85.4}, expect: {indicators: {"1.1": fail}}}
"#,
    )
    .unwrap();
    let c = ntm(&["check", &file]);
    assert_eq!(c.code, 0, "{}{}", c.stdout, c.stderr);
    let t = ntm(&["test", &file]);
    assert_eq!(t.code, 0, "{}{}", t.stdout, t.stderr);
}

#[test]
fn check_warns_about_unused_fields_untested_indicators_and_missing_departments() {
    let dir = tempfile::tempdir().unwrap();
    let file = path(&dir, "bo.yaml");
    std::fs::write(
        &file,
        r#"ruleset:
  id: thu/canh-bao
  title: Thử
  level: thôn
  stage: NTM
  valid_from: 2021-01-01
  document: {number: 1/VD, date: 2021-01-01, issuer: Thử, title: Thử}
fields:
  - {id: ho_dien_pct, label: Tỷ lệ hộ dùng điện, type: percent, unit: "%"}
  - {id: khong_dung, label: Không dùng, type: number}
parameters:
  - id: ho_dien_min
    label: Ngưỡng
    values: [{value: 95, citation: {document: 1/VD}, source_level: none}]
criteria:
  - id: "1"
    name: Điện
    indicators:
      - {id: "1.1", name: Điện, expr: ho_dien_pct >= ho_dien_min, citation: {document: 1/VD}}
"#,
    )
    .unwrap();
    let c = ntm(&["check", &file, "--lang", "en"]);
    assert_eq!(c.code, 0, "warnings only: {}", c.stderr);
    for code in ["unused-field", "untested-indicator", "no-department"] {
        assert!(
            c.stderr.contains(&format!("warning[{code}]")),
            "{code}: {}",
            c.stderr
        );
    }
    assert!(c.stderr.contains("`khong_dung`"), "{}", c.stderr);
    // Evaluation runs stay quiet about them.
    let t = ntm(&["test", &file]);
    assert!(!t.stderr.contains("untested-indicator"), "{}", t.stderr);
}

#[test]
fn diff_compares_an_older_copy_of_a_set_with_the_same_id() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    let copy = |from: &std::path::Path, to: &std::path::Path| {
        for e in walkdir::WalkDir::new(from) {
            let e = e.unwrap();
            let target = to.join(e.path().strip_prefix(from).unwrap());
            if e.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(e.path(), &target).unwrap();
            }
        }
    };
    copy(&crate::common::root().join("rules"), &rules);
    let file = rules.join("national/xa/318-2022.yaml");
    let old = dir.path().join("318-ban-cu.yaml");
    std::fs::copy(&file, &old).unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replacen("      - value: 80\n", "      - value: 85\n", 1),
    )
    .unwrap();
    let r = ntm(&[
        "diff",
        "--from",
        old.to_str().unwrap(),
        "--to",
        "national/xa/318-2022",
        "--rules",
        rules.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("tuoi_tieu_min = 80* → tuoi_tieu_min = 85*"),
        "{}",
        r.stdout
    );
}

#[test]
fn did_you_mean_never_makes_a_comparison_of_a_value_with_itself() {
    // `ho_dien_mi` (for `ho_dien_min`) is closest to... `ho_dien_min`, but with only the
    // field declared, the nearest name is the field the expression already compares.
    let src = std::fs::read_to_string(
        crate::common::root().join("tests/fixtures/check/misspelt-field.yaml"),
    )
    .unwrap()
    .replace(
        "expr: ho_dien_pt >= ho_dien_min",
        "expr: ho_dien_pct >= ho_dien_pc",
    )
    .replace("ho_dien_min", "nguong_dien");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tu-so-sanh.yaml");
    std::fs::write(&file, src).unwrap();
    let r = ntm(&["check", file.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("ho_dien_pc"), "{}", r.stderr);
    assert!(
        !r.stderr.contains("`ho_dien_pct`?"),
        "suggests comparing ho_dien_pct with itself:\n{}",
        r.stderr
    );
}

#[test]
fn a_criterion_awaiting_its_source_needs_no_department_yet() {
    let dir = tempfile::tempdir().unwrap();
    let file = path(&dir, "cho-nguon.yaml");
    std::fs::write(
        &file,
        r#"ruleset:
  id: thu/cho-nguon
  title: Thử
  level: xã
  stage: NTM
  valid_from: 2026-02-15
  document: {number: 1/VD, date: 2026-02-15, issuer: Thử, title: Thử}
criteria:
  - id: "1"
    name: Quy hoạch
    citation: {document: 1/VD}
    pending_source: chưa có chỉ tiêu
"#,
    )
    .unwrap();
    let c = ntm(&["check", &file, "--lang", "en"]);
    assert_eq!(c.code, 0, "{}", c.stderr);
    assert!(!c.stderr.contains("no-department"), "{}", c.stderr);
}
