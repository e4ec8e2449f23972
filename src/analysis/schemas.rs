//! JSON Schemas of the files people write (rule files, datasets, plans), generated from
//! the types they are read into, for editors: with the YAML language server, a
//! modeline `# yaml-language-server: $schema=<path>` gives completion, hover text and
//! a red line under a misspelt key. The committed copies are under `docs/schemas/`.

use serde_json::Value;

/// `(file name under docs/schemas/, schema)` for each kind of file.
pub fn all() -> Vec<(&'static str, Value)> {
    vec![
        ("rule-file.schema.json", rule_file()),
        ("dataset.schema.json", dataset()),
        ("plan.schema.json", plan()),
    ]
}

fn titled(schema: schemars::Schema, title: &str, description: &str) -> Value {
    let mut v = schema.to_value();
    if let Value::Object(o) = &mut v {
        o.insert("title".into(), title.into());
        o.insert("description".into(), description.into());
    }
    v
}

pub fn rule_file() -> Value {
    titled(
        schemars::schema_for!(crate::rules::model::RuleFile),
        "ntm rule file (Bộ tiêu chí)",
        "A criteria set: ruleset, fields, parameters, criteria, tests. See docs/rule-format.md.",
    )
}

pub fn dataset() -> Value {
    titled(
        schemars::schema_for!(crate::data::model::DataFile),
        "ntm dataset (Bộ số liệu)",
        "Units, records and tables of values or declared statuses. See docs/data-format.md.",
    )
}

pub fn plan() -> Value {
    titled(
        crate::analysis::plan::file_schema(),
        "ntm plan (Kế hoạch)",
        "A plan's targets, tracked against results. See docs/plan-format.md.",
    )
}
