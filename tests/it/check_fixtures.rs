//! Every broken rule file under tests/fixtures/check is refused by `ntm check` with
//! file:line:col, in text and in JSON. Adding a case = adding a fixture file.

use crate::common::{ntm, rel};

#[test]
fn check_reports_each_fault_with_its_position() {
    insta::glob!("../fixtures", "check/*.yaml", |path| {
        let file = rel(path);
        let text = ntm(&["check", &file]);
        assert_eq!(text.code, 1, "{file}: check must fail\n{}", text.stderr);
        let first = text.stderr.lines().next().unwrap_or_default();
        let pos = format!("{file}:");
        assert!(first.starts_with(&pos), "{first}");
        let coords: Vec<&str> = first[pos.len()..].splitn(3, ':').collect();
        assert!(
            coords.len() == 3
                && coords[0].parse::<usize>().is_ok()
                && coords[1].parse::<usize>().is_ok(),
            "no line:col in {first}"
        );
        insta::assert_snapshot!("text", text.stderr);
        let en = ntm(&["check", "--lang", "en", &file]);
        assert_eq!(en.code, 1);
        insta::assert_snapshot!("text_en", en.stderr);
        let json = ntm(&["check", "--format", "json", &file]);
        assert_eq!(json.code, 1);
        let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
        insta::assert_json_snapshot!("json", v["diagnostics"]);
    });
}

#[test]
fn check_reports_each_bad_dataset_with_its_position() {
    insta::glob!("../fixtures", "bad-data/*.yaml", |path| {
        let file = rel(path);
        let r = ntm(&[
            "eval",
            "--data",
            &file,
            "--rules",
            "tests/fixtures/rules/xa-demo.yaml",
        ]);
        assert_eq!(r.code, 2, "{file}: eval must refuse bad data\n{}", r.stderr);
        assert!(r.stdout.is_empty(), "nothing is printed as a result");
        assert!(!r.stderr.contains("panicked"));
        insta::assert_snapshot!(r.stderr);
        let c = ntm(&[
            "check",
            &file,
            "--rules",
            "tests/fixtures/rules/xa-demo.yaml",
        ]);
        assert_eq!(c.code, 1, "{file}: check must fail\n{}", c.stderr);
    });
}
