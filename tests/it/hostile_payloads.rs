//! One list of hostile names (`tests/fixtures/hostile/payloads.txt`: markup, formulas,
//! ANSI escapes and hyperlinks, bidirectional overrides, Markdown) given as unit names,
//! run through every output format of `ntm eval` and through a diagnostic. Each format
//! escapes them for its medium (`src/render/escape/`): nothing becomes markup, a formula
//! or a terminal command; plain CSV and JSON keep the data as it is.

use crate::common::{ntm, root};
use std::path::Path;

pub fn payloads() -> Vec<String> {
    let text = std::fs::read_to_string(root().join("tests/fixtures/hostile/payloads.txt")).unwrap();
    text.lines()
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

/// A dataset whose thôn are named by the payloads, written as JSON (any text fits).
pub fn dataset(dir: &Path) -> String {
    let mut units = vec![serde_json::json!({"id": "xa-a", "name": "Xã A", "kind": "xã"})];
    let mut records = Vec::new();
    for (i, name) in payloads().iter().enumerate() {
        units.push(serde_json::json!({"id": format!("t{i}"), "name": name, "kind": "thôn", "parent": "xa-a"}));
        records.push(serde_json::json!({"unit": format!("t{i}"), "year": 2021, "values": {"ho_dien_pct": 90 + i % 10}}));
    }
    let file = dir.join("ten-doc-hai.json");
    let doc = serde_json::json!({"units": units, "records": records});
    std::fs::write(&file, doc.to_string()).unwrap();
    file.to_str().unwrap().to_string()
}

fn eval(data: &str, more: &[&str]) -> String {
    let args = [
        &[
            "eval",
            "--data",
            data,
            "--rules",
            "tests/fixtures/hostile/_rules",
        ][..],
        more,
    ]
    .concat();
    let r = ntm(&args);
    assert_eq!(r.code, 0, "{more:?}: {}", r.stderr);
    r.stdout
}

/// Characters that act on a terminal: ESC, BEL, C1 controls, bidirectional overrides.
pub fn acts_on_a_terminal(s: &str) -> bool {
    s.chars().any(|c| {
        (c.is_control() && c != '\n' && c != '\t' && c != '\r')
            || ('\u{202a}'..='\u{202e}').contains(&c)
    })
}

/// Every `<` of a Markdown text escaped (`\<`): no tag from a name.
pub fn no_raw_tag(md: &str) -> bool {
    md.match_indices('<')
        .all(|(i, _)| i > 0 && md.as_bytes()[i - 1] == b'\\')
}

/// The text cells of a workbook, which has no formula but ntm's own totals
/// (`SUM(D3:D16)`): nothing read from a file is a formula.
pub fn workbook_texts(book: &Path) -> Vec<String> {
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(book).unwrap();
    let mut texts = Vec::new();
    for sheet in wb.sheet_names() {
        let formulas = wb.worksheet_formula(&sheet).unwrap();
        for (_, _, f) in formulas.used_cells() {
            assert!(f.is_empty() || f.starts_with("SUM("), "{sheet}: {f}");
        }
        let cells = wb.worksheet_range(&sheet).unwrap();
        texts.extend(cells.used_cells().filter_map(|(_, _, d)| match d {
            calamine::Data::String(s) => Some(s.clone()),
            _ => None,
        }));
    }
    texts
}

/// No cell that Excel would read as a formula (a lone `-` is the "not in the set" mark).
pub fn excel_safe(what: &str, text: &str) {
    let delimiter = if text.lines().next().is_some_and(|l| l.contains(';')) {
        b';'
    } else {
        b','
    };
    let mut rd = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    for rec in rd.records() {
        for cell in rec.unwrap().iter() {
            let cell = cell.trim_start_matches('\u{feff}');
            assert!(
                cell == "-" || !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{what}: {cell}"
            );
        }
    }
}

pub const MARKUP: [&str; 4] = [
    "<script>alert",
    "<img src",
    "onerror=alert(1)>",
    "</style><script>",
];

#[test]
fn every_format_escapes_the_payloads_for_its_medium() {
    let dir = tempfile::tempdir().unwrap();
    let data = dataset(dir.path());
    let mut report = String::new();
    // Text for people: no terminal control.
    let text = eval(&data, &[]);
    assert!(!acts_on_a_terminal(&text), "{text}");
    assert!(text.contains("[31mđỏ[0m"), "{text}");
    report.push_str("text: no control character\n");
    // HTML and Markdown: no markup from a name.
    for format in ["html", "md"] {
        let out = eval(&data, &["--format", format]);
        match format {
            "html" => MARKUP.iter().for_each(|m| assert!(!out.contains(m), "{m}")),
            _ => assert!(no_raw_tag(&out), "{out}"),
        }
        assert!(!acts_on_a_terminal(&out), "{format}");
        report.push_str(&format!("{format}: no markup, no escape\n"));
    }
    // CSV for Excel: no cell Excel would read as a formula.
    let excel = eval(&data, &["--format", "csv", "--excel"]);
    excel_safe("eval --format csv --excel", &excel);
    assert!(excel.contains("'=HYPERLINK("));
    report.push_str("csv --excel: formulas prefixed with '\n");
    // Plain CSV and JSON: the data as it is.
    let plain = eval(&data, &["--format", "csv"]);
    let json: serde_json::Value =
        serde_json::from_str(&eval(&data, &["--format", "json"])).unwrap();
    let names: Vec<&str> = json["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["unit"]["name"].as_str())
        .collect();
    let fields: Vec<String> = csv::Reader::from_reader(plain.as_bytes())
        .records()
        .flat_map(|r| r.unwrap().iter().map(String::from).collect::<Vec<_>>())
        .collect();
    for p in payloads() {
        assert!(fields.contains(&p), "csv: {p}");
        assert!(names.contains(&p.as_str()), "json: {p} not in {names:?}");
    }
    report.push_str("csv, json: every payload intact\n");
    // A workbook: every name a text cell, no formula.
    let book = dir.path().join("bao-cao.xlsx");
    eval(
        &data,
        &["--format", "xlsx", "--output", book.to_str().unwrap()],
    );
    let texts = workbook_texts(&book);
    for p in payloads() {
        assert!(
            texts.iter().any(|t| t == &p),
            "xlsx: {p} is not a text cell"
        );
    }
    report.push_str("xlsx: every payload a text cell, no formula but ntm's totals\n");
    insta::assert_snapshot!(report);
}

#[test]
fn a_diagnostic_quoting_a_payload_does_not_act_on_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let data = dataset(dir.path());
    for p in payloads() {
        let r = ntm(&[
            "explain",
            "--unit",
            &format!("{p} nữa"),
            "--data",
            &data,
            "--rules",
            "tests/fixtures/hostile/_rules",
        ]);
        assert_eq!(r.code, 2, "{p}: {}", r.stderr);
        assert!(!acts_on_a_terminal(&r.stderr), "{p}: {}", r.stderr);
    }
}
