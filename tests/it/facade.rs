//! Every command goes through the `Project` facade: `check` loads the bundled rules
//! under a data folder and recognises lineage files and plans by their kind.

use crate::common::ntm;

#[test]
fn check_of_a_data_folder_types_it_against_the_bundled_rules() {
    let r = ntm(&["check", "datasets/ngan-son"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    assert!(r.stdout.contains("27 đơn vị, 34 bản ghi"), "{}", r.stdout);
    // Bắc Kạn's sets end with the province (30/6/2025), as its lineage says.
    assert!(
        r.stdout.contains(
            "bộ bac-kan/xa-nang-cao/1861-2018: hết áp dụng sau 2025-06-30, ngày cuối của Bắc Kạn"
        ),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("0 lỗi, 0 cảnh báo"), "{}", r.stdout);
}

#[test]
fn check_of_rules_and_datasets_says_nothing_about_the_lineage_file() {
    let r = ntm(&["check", "rules", "datasets"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("not-rules"), "{}", r.stderr);
    assert!(!r.stderr.contains("lich-su-don-vi"), "{}", r.stderr);
    // No warning about any bundled file (issue 19).
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    assert!(r.stdout.contains("0 lỗi, 0 cảnh báo"), "{}", r.stdout);
}

#[test]
fn check_of_a_plan_without_its_rules_still_tracks_it() {
    // The plan's measures are roll-ups of the bundled rules: found, not refused.
    let r = ntm(&[
        "check",
        "datasets/ngan-son/ke-hoach-2021.yaml",
        "datasets/ngan-son",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("plan-measure"), "{}", r.stderr);
}
