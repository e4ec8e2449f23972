//! The facade called directly, on in-memory rules and data: evaluate, explain,
//! diff, sweep, plan and roll-ups.
use super::*;
use crate::analysis::diff::{Cause, ChangeKind};
use crate::analysis::plan::TargetStatus;
use crate::report::{Status, Verdict};

const RULES: &str = r#"
ruleset:
  id: t/xa
  title: Bộ thử
  level: xã
  stage: NTM
  valid_from: 2020-01-01
  valid_until: 2021-12-31
  document: {number: 1/T, date: 2020-01-01, issuer: T, title: T}
fields:
  - {id: dien, label: Hộ dùng điện, type: percent, unit: "%"}
  - {id: nha_tam, label: Nhà tạm, type: count}
parameters:
  - id: dien_min
    label: Điện tối thiểu
    values: [{value: 95, citation: {document: 1/T}, source_level: official}]
criteria:
  - id: "4"
    name: Điện
    indicators:
      - {id: "4.1", name: Điện, expr: dien >= dien_min, citation: {document: 1/T}}
  - id: "9"
    name: Nhà ở
    indicators:
      - {id: "9.1", name: Nhà tạm, expr: nha_tam == 0, citation: {document: 1/T}}
"#;

const ROLLUPS: &str = r#"
rollups:
  - id: binh_quan
    label: Bình quân tiêu chí/xã
    kind: xã
    value: "if dat_chuan { total } else { met }"
    aggregate: mean
  - id: so_xa_dat
    label: Số xã đạt chuẩn
    kind: xã
    value: dat_chuan
    aggregate: count
"#;

const DATA: &str = r#"
units:
  - {id: a, name: Xã A, kind: xã}
  - {id: b, name: Xã B, kind: xã}
  - {id: c, name: Xã C, kind: xã}
records:
  - {unit: a, year: 2020, values: {dien: 96, nha_tam: 0}}
  - {unit: b, year: 2020, values: {dien: 90, nha_tam: 0}}
  - {unit: c, year: 2020, values: {dien: 99}}
  - {unit: a, year: 2021, values: {dien: 97, nha_tam: 0}}
  - {unit: b, year: 2021, values: {dien: 96, nha_tam: 0}}
  - {unit: c, year: 2021, values: {dien: 99, nha_tam: 2}}
"#;

fn project() -> Project {
    let rules = Sources::memory()
        .with("t.yaml", RULES)
        .with("r.yaml", ROLLUPS);
    let data = Sources::memory().with("d.yaml", DATA);
    Project::load(&rules, Some(&data)).expect("loads")
}

fn verdict(r: &Report, unit: &str, year: i32) -> Verdict {
    r.results
        .iter()
        .find(|x| x.unit.id == unit && x.year == year)
        .map(|x| x.verdict)
        .unwrap()
}

#[test]
fn evaluate_gives_verdicts_and_never_fails_a_missing_value() {
    let r = project().evaluate(&EvalOptions::default()).unwrap();
    assert_eq!(verdict(&r, "a", 2020), Verdict::Met);
    assert_eq!(verdict(&r, "b", 2020), Verdict::NotMet);
    // Xã C has no nha_tam in 2020: incomplete, not failed.
    assert_eq!(verdict(&r, "c", 2020), Verdict::Incomplete);
    assert_eq!(verdict(&r, "c", 2021), Verdict::NotMet);
}

#[test]
fn a_scenario_changes_results_and_leaves_the_library_alone() {
    let p = project();
    let opts = EvalOptions {
        scenario: p.scenario(&["dien_min=90".into()]).unwrap(),
        ..EvalOptions::default()
    };
    let r = p.evaluate(&opts).unwrap();
    assert_eq!(verdict(&r, "b", 2020), Verdict::Met);
    assert_eq!(r.stamp.overrides, ["dien_min=90"]);
    let plain = p.evaluate(&EvalOptions::default()).unwrap();
    assert_eq!(verdict(&plain, "b", 2020), Verdict::NotMet);
    assert!(p.scenario(&["dien_mn=90".into()]).is_err());
}

#[test]
fn explain_finds_a_unit_by_name_and_refuses_an_unknown_one() {
    let p = project();
    let e = p.explain("xã b", &EvalOptions::default()).unwrap();
    assert_eq!(e.results.len(), 2);
    let err = p.explain("Xã Z", &EvalOptions::default()).unwrap_err();
    assert_eq!(err.diagnostics[0].code(), "unknown-unit");
}

#[test]
fn sweep_rows_follow_the_values_in_order() {
    let p = project();
    let s = p
        .sweep(
            "dien_min",
            &[90.0, 96.5, 99.0, 100.0],
            &EvalOptions::default(),
        )
        .unwrap();
    let passing: Vec<usize> = s.rows.iter().map(|r| r.indicators[0].1).collect();
    // 2020 and 2021 together: values 96, 90, 99, 97, 96, 99.
    assert_eq!(passing, [6, 3, 2, 0]);
}

#[test]
fn diff_reports_a_changed_threshold_and_the_flips_it_causes() {
    let newer = RULES
        .replace("id: t/xa", "id: t/xa-2")
        .replace(
            "valid_from: 2020-01-01\n  valid_until: 2021-12-31",
            "valid_from: 2022-01-01",
        )
        .replace("value: 95", "value: 97");
    let rules = Sources::memory()
        .with("t.yaml", RULES)
        .with("t2.yaml", newer);
    let data = Sources::memory().with("d.yaml", DATA);
    let p = Project::load(&rules, Some(&data)).unwrap();
    let d = p.diff("t/xa", "t/xa-2", &EvalOptions::default()).unwrap();
    assert!(d
        .structure
        .changes
        .iter()
        .any(|c| c.kind == ChangeKind::ThresholdChanged));
    let data = d.data.unwrap();
    // Xã A (96 % in 2020) and Xã B (96 % in 2021) fail at 97.
    assert_eq!(data.summary.lose_dat_chuan, 2);
    let flip = &data.units.iter().find(|u| u.unit.id == "a").unwrap().flips[0];
    assert!(matches!(flip.causes[0], Cause::Thresholds { .. }));
    assert!(p.diff("t/xa", "t/nope", &EvalOptions::default()).is_err());
}

#[test]
fn rollups_count_a_met_xa_as_all_criteria() {
    let r = project().rollup(&EvalOptions::default(), None).unwrap();
    let get = |id: &str, year: i32| {
        r.rollups
            .iter()
            .find(|v| v.id == id && v.year == year)
            .and_then(|v| v.value)
    };
    // 2021: A met (2 counted as 2), B met (2), C 1 of 2 → (2 + 2 + 1) / 3.
    assert_eq!(get("binh_quan", 2021), Some(5.0 / 3.0));
    assert_eq!(get("so_xa_dat", 2021), Some(2.0));
}

#[test]
fn plan_targets_are_tracked_per_unit() {
    let plan_src = crate::core::source::SourceFile::new(
        "kh.yaml",
        r#"
plan:
  id: kh
  title: Kế hoạch thử
  document: {number: 1/KH, date: 2020, issuer: T, title: T}
  baseline_year: 2020
  target_year: 2021
targets:
  - {id: t1, name: Xã B đạt chuẩn, units: [Xã B], measure: dat_chuan, at_least: 1}
  - {id: t2, name: Xã C đạt chuẩn, units: [Xã C], measure: dat_chuan, at_least: 1}
"#,
    );
    let plan = crate::analysis::plan::load(&plan_src).unwrap();
    let run = project()
        .plan(&plan, None, &EvalOptions::default(), None)
        .unwrap();
    let status = |id: &str| {
        run.plan
            .targets
            .iter()
            .find(|t| t.id == id)
            .map(|t| t.status)
            .unwrap()
    };
    assert_eq!(status("t1"), TargetStatus::Achieved);
    assert_eq!(status("t2"), TargetStatus::NotAchieved);
}

#[test]
fn criteria_statuses_come_back_typed() {
    let r = project().evaluate(&EvalOptions::default()).unwrap();
    let b = r
        .results
        .iter()
        .find(|x| x.unit.id == "b" && x.year == 2020)
        .unwrap();
    assert_eq!(b.criteria[0].status, Status::NotMet);
    assert_eq!(b.criteria[1].status, Status::Met);
}

#[test]
fn explain_evaluates_one_unit_as_the_whole_run_does() {
    let p = project();
    let all = p.evaluate(&EvalOptions::default()).unwrap();
    let e = p.explain("Xã B", &EvalOptions::default()).unwrap();
    let whole: Vec<&UnitResult> = all.results.iter().filter(|r| r.unit.id == "b").collect();
    assert_eq!(
        serde_json::to_value(&e.results).unwrap(),
        serde_json::to_value(&whole).unwrap()
    );
    // Only that unit was evaluated: no notice speaks of another.
    assert!(e.notices.is_empty(), "{:?}", e.notices);
}

#[test]
fn a_plan_document_is_the_plan_and_departments_of_one_evaluation() {
    let plan_src = crate::core::source::SourceFile::new(
        "kh.yaml",
        "plan:\n  id: kh\n  title: T\n  document: {number: 1/KH, date: 2020, issuer: T, title: T}\n  baseline_year: 2020\n  target_year: 2021\ntargets:\n  - {id: t1, name: B, units: [Xã B], measure: dat_chuan, at_least: 1}\n",
    );
    let plan = crate::analysis::plan::load(&plan_src).unwrap();
    let p = project();
    let opts = EvalOptions {
        year: Some(2020),
        ..EvalOptions::default()
    };
    let doc = p.plan_document(&plan, None, &opts, None).unwrap();
    let run = p.plan(&plan, None, &opts, None).unwrap();
    let deps = p.departments(&plan, &opts, None).unwrap();
    assert_eq!(
        serde_json::to_value(&doc.run).unwrap(),
        serde_json::to_value(&run).unwrap()
    );
    assert_eq!(
        serde_json::to_value(&doc.departments).unwrap(),
        serde_json::to_value(&deps).unwrap()
    );
    // Every year, whatever year was asked for.
    assert!(doc.report.results.iter().any(|r| r.year == 2021));
    assert!(p.departments(&plan, &opts, Some("Phòng Không Có")).is_err());
}

#[test]
fn another_dataset_is_loaded_beside_the_same_library() {
    let p = project();
    let other = Sources::memory().with(
        "upload/d.yaml",
        "units:\n  - {id: z, name: Xã Z, kind: xã}\nrecords:\n  - {unit: z, year: 2020, values: {dien: 96, nha_tam: 0}}\n",
    );
    let q = p.with_data(&other).unwrap();
    assert!(
        Arc::ptr_eq(&p.library, &q.library),
        "the rules are not loaded again"
    );
    let r = q.evaluate(&EvalOptions::default()).unwrap();
    assert_eq!(r.results.len(), 1);
    assert_eq!(verdict(&r, "z", 2020), Verdict::Met);
    assert_eq!(r.stamp.data[0].path, "upload/d.yaml");
    // The served project is unchanged; bad data is an error, not a panic.
    assert_eq!(
        p.evaluate(&EvalOptions::default()).unwrap().results.len(),
        6
    );
    let bad = Sources::memory().with("upload/d.yaml", "units: [");
    assert!(p.with_data(&bad).is_err());
}
