//! JSON Schemas of rule files, datasets and plans (docs/schemas/, generated from the
//! types they are read into): the committed copies are current, validate every shipped
//! file, and reject a misspelt key.

use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    crate::common::root()
}

#[test]
fn committed_file_schemas_are_current() {
    let dir = root().join("docs/schemas");
    let mut stale = Vec::new();
    for (name, schema) in ntm::analysis::schemas::all() {
        let text = serde_json::to_string_pretty(&schema).unwrap() + "\n";
        let path = dir.join(name);
        if std::env::var_os("NTM_UPDATE_SCHEMA").is_some() {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &text).unwrap();
        }
        if std::fs::read_to_string(&path).unwrap_or_default() != text {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "stale schemas {stale:?}: the file formats changed. Review, then run \
         `NTM_UPDATE_SCHEMA=1 cargo test committed_file_schemas` and commit docs/schemas/."
    );
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else if p
            .extension()
            .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
        {
            out.push(p);
        }
    }
}

fn as_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap();
    ntm::core::loader::from_document::<serde_json::Value>(path, &text).unwrap()
}

fn committed(name: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("docs/schemas").join(name)).unwrap();
    jsonschema::validator_for(&serde_json::from_str(&text).unwrap()).unwrap()
}

/// Which schema a shipped file falls under, by its first key (None: registers,
/// roll-ups, lineages, merge rules, which have their own formats).
fn kind(v: &serde_json::Value) -> Option<&'static str> {
    let o = v.as_object()?;
    if o.contains_key("ruleset") {
        Some("rule-file.schema.json")
    } else if o.contains_key("plan") {
        Some("plan.schema.json")
    } else if ["units", "records", "tables", "dataset"]
        .iter()
        .any(|k| o.contains_key(*k))
    {
        Some("dataset.schema.json")
    } else {
        None
    }
}

#[test]
fn committed_schemas_validate_every_shipped_file() {
    let mut all = Vec::new();
    files(&root().join("rules"), &mut all);
    files(&root().join("datasets"), &mut all);
    let mut checked = std::collections::BTreeMap::<&str, usize>::new();
    let mut failures = Vec::new();
    for path in &all {
        let v = as_json(path);
        let Some(name) = kind(&v) else { continue };
        *checked.entry(name).or_default() += 1;
        let validator = committed(name);
        for e in validator.iter_errors(&v) {
            failures.push(format!(
                "{}: {} at {}",
                path.display(),
                e,
                e.instance_path()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked["rule-file.schema.json"] >= 8, "{checked:?}");
    assert!(checked["dataset.schema.json"] >= 5, "{checked:?}");
    assert!(checked["plan.schema.json"] >= 1, "{checked:?}");
}

#[test]
fn committed_schemas_reject_a_misspelt_key() {
    let rules = committed("rule-file.schema.json");
    let mut v = as_json(&root().join("rules/bac-kan/thon/225-2019.yaml"));
    assert!(rules.is_valid(&v));
    let header = v["ruleset"].as_object_mut().unwrap();
    let from = header.remove("valid_from").unwrap();
    header.insert("vaild_from".into(), from);
    assert!(!rules.is_valid(&v));

    let data = committed("dataset.schema.json");
    let mut d = as_json(&root().join("datasets/ngan-son/xa-2021.yaml"));
    assert!(data.is_valid(&d));
    d.as_object_mut()
        .unwrap()
        .insert("recrods".into(), serde_json::json!([]));
    assert!(!data.is_valid(&d));

    let plans = committed("plan.schema.json");
    let mut p = as_json(&root().join("datasets/ngan-son/ke-hoach-2021.yaml"));
    assert!(plans.is_valid(&p));
    p["plan"]
        .as_object_mut()
        .unwrap()
        .insert("target_yaer".into(), serde_json::json!(2021));
    assert!(!plans.is_valid(&p));
}
