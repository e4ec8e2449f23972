//! The JSON report's schema is generated from the result types; the committed copy
//! (docs/report.schema.json) must match, so a change to the output is always visible.

#[test]
fn committed_json_schema_is_current() {
    let schema = schemars::schema_for!(ntm::report::Report);
    let text = serde_json::to_string_pretty(&schema).unwrap() + "\n";
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

#[test]
fn eval_output_validates_against_the_schema_shape() {
    // Every top-level key the schema requires is present in a real report.
    let schema: serde_json::Value =
        serde_json::to_value(schemars::schema_for!(ntm::report::Report)).unwrap();
    let r = crate::common::ntm(&["eval", "--data", "datasets/ngan-son", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    for key in schema["required"].as_array().unwrap() {
        assert!(v.get(key.as_str().unwrap()).is_some(), "missing {key}");
    }
    let unit_required = &schema["$defs"]["UnitResult"]["required"];
    for res in v["results"].as_array().unwrap() {
        for key in unit_required.as_array().unwrap() {
            assert!(
                res.get(key.as_str().unwrap()).is_some(),
                "result lacks {key}"
            );
        }
    }
}
