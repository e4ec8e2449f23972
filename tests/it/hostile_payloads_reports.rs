//! The shared payload list (`tests/fixtures/hostile/payloads.txt`) through every output
//! format of `eval`, `plan --by-department`, the `pending` sheet, `diff`, `rollup` and
//! `explain`: the payloads name the units, the criteria, their indicators and
//! departments, a field and a parameter. Each format escapes for its medium
//! (`src/render/escape/`): no markup from a name in HTML or Markdown, no terminal
//! control in text, no cell Excel would compute in a CSV for Excel or the sheet, no
//! formula in a workbook.

use crate::common::ntm;
use crate::hostile_payloads::{
    acts_on_a_terminal, dataset, excel_safe, no_raw_tag, payloads, workbook_texts, MARKUP,
};
use std::path::Path;

/// A rule set (YAML in flow style, values written as JSON) whose criteria, indicators, departments, field
/// and parameter are named by the payloads, and the same names on
/// criteria awaiting their source.
fn rule_set(id: &str) -> String {
    let p = payloads();
    let mut criteria: Vec<serde_json::Value> = p
        .iter()
        .enumerate()
        .map(|(i, name)| {
            serde_json::json!({
                "id": (i + 1).to_string(),
                "name": name,
                "department": name,
                "indicators": [{
                    "id": format!("{}.1", i + 1),
                    "name": name,
                    "expr": "ho_dien_pct >= ho_dien_min",
                    "citation": {"document": "1/HOSTILE"},
                }],
            })
        })
        .collect();
    // The same names on criteria awaiting their source: the fill-in sheet carries them.
    criteria.extend(p.iter().enumerate().map(|(i, name)| {
        serde_json::json!({"id": (i + 101).to_string(), "name": name, "department": name,
            "pending_source": name})
    }));
    let doc = serde_json::json!({
        "ruleset": {
            "id": id,
            "title": "Bộ tiêu chí thử tên độc (không phải văn bản thật)",
            "level": "thôn",
            "stage": "NTM",
            "valid_from": "2020-01-01",
            "document": {"number": "1/HOSTILE", "date": "2020-01-01", "issuer": "Test",
                "title": "Fictitious document for tests"},
        },
        "fields": [
            {"id": "ho_dien_pct", "label": p[3], "type": "percent", "unit": "%"},
        ],
        "parameters": [{
            "id": "ho_dien_min",
            "label": p[4],
            "values": [{"value": 95, "citation": {"document": "1/HOSTILE"}, "source_level": "none"}],
        }],
        "criteria": criteria,
    });
    // One top-level key a line, each value in JSON (YAML's flow style).
    ["ruleset", "fields", "parameters", "criteria"]
        .iter()
        .map(|k| format!("{k}: {}\n", doc[k]))
        .collect()
}

/// Roll-ups labelled by the payloads (the thôn's mean of criteria met).
fn rollups() -> String {
    let list: Vec<serde_json::Value> = payloads()
        .iter()
        .enumerate()
        .map(|(i, label)| {
            serde_json::json!({"id": format!("r{i}"), "label": label, "kind": "thôn",
                "stage": "NTM", "value": "met", "aggregate": "mean", "source": label})
        })
        .collect();
    format!("rollups: {}\n", serde_json::Value::from(list))
}

/// A plan over the payload-named thôn, its target named by a payload.
fn plan(dir: &Path) -> String {
    let doc = serde_json::json!({
        "plan": {
            "id": "hostile/ke-hoach",
            "title": payloads()[2],
            "document": {"number": "1/KH-HOSTILE", "date": "2021", "issuer": payloads()[5],
                "title": "Fictitious plan for tests"},
            "baseline_year": 2020,
            "target_year": 2021,
        },
        "targets": [{
            "id": "t1",
            "name": payloads()[0],
            "kind": "thôn",
            "measure": "criteria_gained",
            "at_least": 1,
        }],
    });
    let file = dir.join("ke-hoach.yaml");
    std::fs::write(&file, doc.to_string()).unwrap();
    file.to_str().unwrap().to_string()
}

/// Nothing in `out` acts on its medium; machine formats (JSON, plain CSV) keep the
/// data as it is.
fn safe(what: &str, format: &str, out: &str) {
    if matches!(format, "json" | "jsonl" | "csv") {
        return;
    }
    assert!(!acts_on_a_terminal(out), "{what} --format {format}: {out}");
    match format {
        "html" => MARKUP
            .iter()
            .for_each(|m| assert!(!out.contains(m), "{what} html: {m}")),
        "md" => assert!(no_raw_tag(out), "{what} md: {out}"),
        _ => {}
    }
}

/// The fill-in sheet of the payload set, as `ntm pending SET --format csv` writes it.
fn fill_in_sheet(rules: &str) -> String {
    let args = [
        "pending",
        "hostile/payloads",
        "--rules",
        rules,
        "--format",
        "csv",
    ];
    let r = ntm(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout
}

/// One command in every format it has; a line per format for the snapshot.
fn every_format(what: &str, args: &[&str], formats: &[&str], dir: &Path) -> String {
    let mut seen = String::new();
    for &format in formats {
        let (more, book): (Vec<String>, _) = match format {
            "xlsx" => {
                let book = dir.join(format!("{what}.xlsx").replace(' ', "-"));
                let path = book.to_str().unwrap().to_string();
                (
                    vec!["--format".into(), "xlsx".into(), "--output".into(), path],
                    Some(book),
                )
            }
            "csv-excel" => (
                vec!["--format".into(), "csv".into(), "--excel".into()],
                None,
            ),
            f => (vec!["--format".into(), f.into()], None),
        };
        let more: Vec<&str> = more.iter().map(String::as_str).collect();
        let r = ntm(&[args, &more[..]].concat());
        assert!(r.code == 0 || r.code == 1, "{what} {format}: {}", r.stderr);
        assert!(
            !acts_on_a_terminal(&r.stderr),
            "{what} {format}: {}",
            r.stderr
        );
        // The payloads are there (escaped): the check above looked at them.
        let shown = match (format, book) {
            (_, Some(book)) => workbook_texts(&book)
                .iter()
                .any(|t| t.starts_with("=HYPERLINK(")),
            ("csv-excel", _) => {
                excel_safe(what, &r.stdout);
                r.stdout.contains("'=HYPERLINK(")
            }
            (f, _) => {
                safe(what, f, &r.stdout);
                r.stdout.contains("đỏ") && r.stdout.contains("alert(1)")
            }
        };
        seen.push_str(&format!(
            "{what} --format {format}: exit {}, payloads shown: {shown}\n",
            r.code
        ));
    }
    seen
}

#[test]
fn every_report_escapes_the_payloads_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    std::fs::write(rules.join("ten-doc.yaml"), rule_set("hostile/payloads")).unwrap();
    std::fs::write(rules.join("tong-hop.yaml"), rollups()).unwrap();
    let data = dataset(dir.path());
    let plan = plan(dir.path());
    let rules = rules.to_str().unwrap();
    let all = ["table", "json", "csv", "csv-excel", "html", "md", "xlsx"];
    let mut seen = String::new();
    let eval = ["eval", "--data", &data, "--rules", rules];
    seen += &every_format("eval", &eval, &[&all[..], &["jsonl"]].concat(), dir.path());
    let by = [
        "plan",
        &plan,
        "--by-department",
        "--data",
        &data,
        "--rules",
        rules,
    ];
    seen += &every_format("plan --by-department", &by, &all, dir.path());
    let rollup = ["rollup", "--data", &data, "--rules", rules];
    seen += &every_format("rollup", &rollup, &all, dir.path());
    let explain = ["explain", "--unit", "t0", "--data", &data, "--rules", rules];
    seen += &every_format("explain", &explain, &["text", "json"], dir.path());
    // The fill-in sheet (CSV for Excel) and the pending list.
    let pending = ["pending", "--rules", rules];
    seen += &every_format("pending", &pending, &["text", "json"], dir.path());
    let sheet = fill_in_sheet(rules);
    excel_safe("pending sheet", &sheet);
    assert!(sheet.contains("'=HYPERLINK("), "{sheet}");
    assert!(sheet.contains("'+cmd|"), "{sheet}");
    seen.push_str("pending --format csv (sheet): exit 0\n");
    // A diff from a copy whose names are the payloads.
    let from = dir.path().join("ban-cu.yaml");
    std::fs::write(&from, rule_set("hostile/mini")).unwrap();
    let diff = [
        "diff",
        "--from",
        from.to_str().unwrap(),
        "--to",
        "hostile/mini",
        "--rules",
        "tests/fixtures/hostile/_rules",
    ];
    seen += &every_format("diff", &diff, &all, dir.path());
    insta::assert_snapshot!(seen);
}

/// The `'` the fill-in sheet puts before a name Excel would compute is not part of the
/// name: a sheet filled in and read back gives the amendment the names as written.
#[test]
fn a_formula_like_name_survives_the_sheet_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    let p = payloads();
    let (name, department) = (&p[3], &p[4]);
    let criterion = serde_json::json!([{"id": "1", "name": name, "department": department,
        "pending_source": "chờ văn bản"}]);
    let set = rule_set("hostile/payloads");
    let set = set.lines().filter(|l| !l.starts_with("criteria:"));
    let set: String = set.map(|l| format!("{l}\n")).collect();
    std::fs::write(
        rules.join("bo.yaml"),
        format!("{set}criteria: {criterion}\n"),
    )
    .unwrap();
    let rules = rules.to_str().unwrap();
    let sheet = fill_in_sheet(rules);
    let (header, mut row) = crate::common::sheet_header_and_first_row(&sheet);
    assert_eq!(row[1], format!("'{name}"));
    // Staff fill in an indicator (its name and field label formula-like too).
    for (i, v) in [
        (2, "1.1"),
        (3, "'-chỉ tiêu"),
        (4, "so_ho_moi"),
        (5, "'@trường"),
        (6, "hộ"),
        (7, "tối thiểu"),
        (12, "62"),
        (13, "Phiếu mẫu"),
        (15, "chưa có nguồn"),
        (17, "x"),
    ] {
        row[i] = v.to_string();
    }
    let filled = dir.path().join("phieu.csv");
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_path(&filled)
        .unwrap();
    w.write_record(&header).unwrap();
    w.write_record(&row).unwrap();
    w.flush().unwrap();
    let amendment = dir.path().join("chi-tieu.yaml");
    let (filled, out) = (filled.to_str().unwrap(), amendment.to_str().unwrap());
    let args = [
        "pending",
        "hostile/payloads",
        "--rules",
        rules,
        "--fill",
        filled,
        "--output",
        out,
    ];
    let r = ntm(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let yaml = std::fs::read_to_string(&amendment).unwrap();
    for written in [name.as_str(), department, "-chỉ tiêu", "@trường"] {
        assert!(yaml.contains(written), "{written}: {yaml}");
        assert!(!yaml.contains(&format!("'{written}")), "{written}: {yaml}");
    }
}
