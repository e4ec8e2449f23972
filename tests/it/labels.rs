//! People read labels, never internal ids: plan targets by their names in the HTML
//! chart, recognition conditions by their words, built-in values and criterion levels by
//! their labels, and no hint written for rule-file authors.

use crate::common::ntm;

#[test]
fn the_plan_chart_labels_bars_with_target_names() {
    let r = ntm(&[
        "plan",
        "datasets/ngan-son/ke-hoach-2021.yaml",
        "--data",
        "datasets/ngan-son",
        "--format",
        "html",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let start = r
        .stdout
        .find("data-chart=\"plan\"")
        .expect("the plan chart");
    let chart = &r.stdout[start..start + r.stdout[start..].find("</svg>").unwrap()];
    assert!(!chart.contains("II.1-xa-diem"), "{chart}");
    assert!(chart.contains(">Xã Bằng Vân hoàn thành thêm"), "{chart}");
}

#[test]
fn an_explanation_shows_conditions_values_and_levels_by_their_words() {
    let r = ntm(&[
        "explain",
        "--data",
        "datasets/ngan-son",
        "--unit",
        "Trung Hòa",
        "--year",
        "2020",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for id in [
        "all_criteria_met",
        "dang_ky ",
        "tieu_chi ",
        "`points:`",
        "`levels:`",
    ] {
        assert!(!r.stdout.contains(id), "{id} in:\n{}", r.stdout);
    }
    assert!(r
        .stdout
        .contains("số liệu: đạt tất cả các tiêu chí = không"));
    let dir = "tests/fixtures/eval/three-levels";
    let r = ntm(&[
        "explain",
        "--data",
        &format!("{dir}/data"),
        "--rules",
        &format!("{dir}/rules"),
        "--unit",
        "Xã Bình",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("(Đạt: 2, Cơ bản đạt: 2, Chưa đạt: 0)"),
        "{}",
        r.stdout
    );
}
