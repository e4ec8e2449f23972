//! The JSON report's schema is generated from the output types; the committed copy
//! (docs/report.schema.json) must match, so a change to the output is always visible,
//! and what `ntm eval` writes must validate against it, in every detail and format.

/// The schema of what is written (serialize mode: a field left out when empty is optional,
/// an `Option` written as null is required).
fn generated() -> String {
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<ntm::report::doc::EvalJson>();
    serde_json::to_string_pretty(&schema).unwrap() + "\n"
}

#[test]
fn committed_json_schema_is_current() {
    let text = generated();
    let path = crate::common::root().join("docs/report.schema.json");
    if std::env::var_os("NTM_UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "docs/report.schema.json is stale: the JSON report changed. Review the change, then run \
         `NTM_UPDATE_SCHEMA=1 cargo test committed_json_schema` and commit the file."
    );
}

fn committed() -> jsonschema::Validator {
    let path = crate::common::root().join("docs/report.schema.json");
    let text = std::fs::read_to_string(path).unwrap();
    jsonschema::validator_for(&serde_json::from_str(&text).unwrap()).unwrap()
}

/// Every error of one document, with where it is (the first few are enough to read).
fn errors(v: &jsonschema::Validator, doc: &serde_json::Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{} (schema {})", e.instance_path(), e.schema_path()))
        .collect()
}

fn eval(args: &[&str]) -> String {
    let args = [&["eval", "--data", "datasets/ngan-son"][..], args].concat();
    let r = crate::common::ntm(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout
}

#[test]
fn full_and_summary_json_validate_against_the_committed_schema() {
    let v = committed();
    for detail in ["full", "summary"] {
        let out = eval(&["--format", "json", "--detail", detail]);
        let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert!(!doc["results"].as_array().unwrap().is_empty());
        let errs = errors(&v, &doc);
        assert!(
            errs.is_empty(),
            "{detail}: {} errors: {:#?}",
            errs.len(),
            &errs[..errs.len().min(5)]
        );
    }
}

#[test]
fn every_json_lines_line_validates_against_the_committed_schema() {
    let v = committed();
    for detail in ["full", "summary"] {
        let out = eval(&["--format", "jsonl", "--detail", detail]);
        let mut kinds = std::collections::BTreeSet::new();
        for line in out.lines() {
            let doc: serde_json::Value = serde_json::from_str(line).unwrap();
            kinds.insert(doc["type"].as_str().unwrap_or("").to_string());
            let errs = errors(&v, &doc);
            assert!(
                errs.is_empty(),
                "{detail}: {line:.200}: {:#?}",
                &errs[..errs.len().min(5)]
            );
        }
        assert!(
            kinds.contains("stamp") && kinds.contains("result"),
            "{kinds:?}"
        );
        assert_eq!(kinds.contains("rulesets"), detail == "summary");
    }
}

#[test]
fn the_schema_tells_full_from_summary_documents() {
    // A summary result in a full document (criteria without names) is refused: the
    // schema is not so loose that anything passes.
    let v = committed();
    let full: serde_json::Value = serde_json::from_str(&eval(&["--format", "json"])).unwrap();
    let summary: serde_json::Value =
        serde_json::from_str(&eval(&["--format", "json", "--detail", "summary"])).unwrap();
    let mut mixed = full.clone();
    mixed["results"] = summary["results"].clone();
    assert!(!errors(&v, &mixed).is_empty());
    // A line's `type` goes with its object: a result line typed as a notice is refused.
    let line = eval(&["--format", "jsonl"]);
    let result = line
        .lines()
        .find(|l| l.contains("\"type\":\"result\""))
        .unwrap();
    let mut mistyped: serde_json::Value = serde_json::from_str(result).unwrap();
    assert!(errors(&v, &mistyped).is_empty());
    mistyped["type"] = "notice".into();
    assert!(!errors(&v, &mistyped).is_empty());
    let mut no_stamp = summary.clone();
    no_stamp.as_object_mut().unwrap().remove("stamp");
    assert!(!errors(&v, &no_stamp).is_empty());
}
