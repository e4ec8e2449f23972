//! Drift between data and rules: values supplied for a year whose set no longer reads
//! them are named, with the set that read them (issue 22, item 6).

use crate::common::ntm;

const UNITS: &str = "datasets/ngan-son/don-vi.yaml";

#[test]
fn last_years_fields_under_a_new_set_are_named_with_the_set_that_read_them() {
    let r = ntm(&[
        "eval",
        "--data",
        UNITS,
        "--data",
        "tests/fixtures/eval/nam-sau-bo-moi/xa.yaml",
        "--year",
        "2022",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let drift: Vec<&str> = r
        .stderr
        .lines()
        // Each warning (the renderer then counts those past the tenth).
        .filter(|l| l.contains("[field-drift]") && l.contains("xa.yaml:"))
        .collect();
    // Only the 2022 copy drifts: its 2021 twin is read by QĐ 734, in force then.
    assert!(!drift.is_empty(), "{}", r.stderr);
    assert!(drift.iter().all(|l| l.contains("năm 2022")), "{drift:?}");
    assert!(
        drift
            .iter()
            .all(|l| l.contains("bac-kan/xa/734-2017 đọc trường này đến năm 2021")),
        "{drift:?}"
    );
    assert!(
        drift.iter().any(|l| l.contains("`duong_xa_nhua_hoa_pct`")),
        "{drift:?}"
    );
    // One warning per field and year, not per record.
    let mut fields: Vec<&str> = drift.iter().filter_map(|l| l.split('`').nth(1)).collect();
    let n = fields.len();
    fields.dedup();
    assert_eq!(fields.len(), n, "{drift:?}");
}

#[test]
fn data_of_the_years_its_set_was_in_force_does_not_drift() {
    let r = ntm(&[
        "eval",
        "--data",
        UNITS,
        "--data",
        "datasets/ngan-son/xa-2021.yaml",
        "--data",
        "datasets/ngan-son/xa-2020.yaml",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("field-drift"), "{}", r.stderr);
}
