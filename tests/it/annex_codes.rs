//! The annex as CSV codes a criterion's cell the same way in both dialects: `1` met,
//! `0` not met, `?` no data, `-` not a criterion of the unit's set, `na` not applicable to
//! the unit's group. `--excel` changes
//! only the byte-order mark, separators, line ends, headers and labels.

use crate::common::ntm;

fn grid(text: &str, delim: u8) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .delimiter(delim)
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

/// The bundled data (two kinds of unit, so criteria of another set) and the demo
/// fixtures (values missing), so that all four states occur.
fn eval(data: &[&str], extra: &[&str]) -> String {
    let args = [&["eval"][..], data, extra].concat();
    let r = ntm(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout
}

#[test]
fn every_criterion_cell_is_one_of_five_codes_matching_the_json() {
    let mut seen = std::collections::BTreeSet::new();
    for data in [BUNDLED, DEMO, NOT_APPLICABLE] {
        seen.extend(codes_match_the_json(data));
    }
    assert_eq!(seen.len(), 5, "{seen:?}");
}

/// Groups for which thresholds do not apply (`not_applicable: true`).
const NOT_APPLICABLE: &[&str] = &[
    "--data",
    "tests/fixtures/pending/khong-ap-dung/xa.yaml",
    "--rules",
    "rules",
    "--rules",
    "tests/fixtures/pending/khong-ap-dung/chi-tieu.yaml",
];

/// A criterion that does not apply is marked, coloured and counted out in HTML and XLSX too.
#[test]
fn a_criterion_not_applicable_shows_in_html_and_xlsx() {
    let html = eval(NOT_APPLICABLE, &["--format", "html"]);
    assert!(
        html.contains("class=\"mark not_applicable\">○<"),
        "the annex cell"
    );
    assert!(html.contains("không áp dụng"), "the legend");
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("a.xlsx");
    let out = book.to_str().unwrap();
    eval(NOT_APPLICABLE, &["--format", "xlsx", "--output", out]);
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&book).unwrap();
    let sheet = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&sheet).unwrap();
    let cells: Vec<String> = range.rows().flatten().map(|c| c.to_string()).collect();
    assert_eq!(cells.iter().filter(|c| *c == "na").count(), 1, "{cells:?}");
    // The workbook reads back (beside the units): `na` leaves the criterion to the rules,
    // which say the same.
    let units = std::fs::read_to_string(crate::common::root().join(NOT_APPLICABLE[1])).unwrap();
    let units = units.split("records:").next().unwrap();
    std::fs::write(dir.path().join("don-vi.yaml"), units).unwrap();
    let data = dir.path().to_str().unwrap();
    let again = eval(
        &[
            "--data",
            data,
            "--rules",
            "rules",
            "--rules",
            NOT_APPLICABLE[5],
        ],
        &["--format", "csv"],
    );
    assert!(again.contains(",na,"), "{again}");
}

const BUNDLED: &[&str] = &["--data", "datasets/ngan-son"];
const DEMO: &[&str] = &[
    "--data",
    "tests/fixtures/data/demo",
    "--rules",
    "tests/fixtures/rules",
];

fn codes_match_the_json(data: &[&str]) -> std::collections::BTreeSet<&'static str> {
    let plain = grid(&eval(data, &["--format", "csv"]), b',');
    let json: serde_json::Value =
        serde_json::from_str(&eval(data, &["--format", "json", "--detail", "summary"])).unwrap();
    let header = &plain[0];
    let crit: Vec<(usize, &str)> = header
        .iter()
        .enumerate()
        .filter_map(|(i, h)| h.strip_prefix("tc_").map(|id| (i, id)))
        .collect();
    let results = json["results"].as_array().unwrap();
    assert_eq!(plain.len() - 1, results.len());
    let mut seen = std::collections::BTreeSet::new();
    for (row, r) in plain[1..].iter().zip(results) {
        assert_eq!(row[0], r["unit"]["id"].as_str().unwrap());
        for (i, id) in &crit {
            let status = r["criteria"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["id"] == *id)
                .map(|c| c["status"].as_str().unwrap());
            let want = match status {
                Some("met") => "1",
                Some("not_met") => "0",
                Some("missing") => "?",
                Some("not_applicable") => "na",
                None => "-",
                Some(other) => panic!("{other}"),
            };
            assert_eq!(row[*i], want, "{} criterion {id}", row[1]);
            seen.insert(want);
        }
    }
    seen
}

#[test]
fn excel_csv_has_the_same_cells_with_words_only_in_headers_and_labels() {
    let plain_text = eval(BUNDLED, &["--format", "csv"]);
    let excel_text = eval(BUNDLED, &["--format", "csv", "--excel"]);
    assert!(excel_text.starts_with('\u{feff}'));
    assert!(excel_text.contains("\r\n") && !plain_text.contains('\r'));
    let (plain, excel) = (grid(&plain_text, b','), grid(&excel_text, b';'));
    assert_eq!(plain.len(), excel.len());
    let header = &plain[0];
    // Labels: the unit kind, the verdict, yes/no; every other cell is the same.
    let labels: Vec<usize> = ["kind", "verdict", "unverified"]
        .iter()
        .map(|c| header.iter().position(|h| h == c).unwrap())
        .collect();
    assert_ne!(plain[0], excel[0], "headers are worded for Excel");
    for (p, x) in plain[1..].iter().zip(&excel[1..]) {
        assert_eq!(p.len(), x.len());
        for (i, (a, b)) in p.iter().zip(x).enumerate() {
            if !labels.contains(&i) {
                assert_eq!(a, b, "column {}", header[i]);
            }
        }
    }
    let verdict = labels[1];
    assert!(excel[1..].iter().any(|r| r[verdict] == "chưa đạt chuẩn"));
}

#[test]
fn text_excel_would_read_as_a_formula_stays_text() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("xa.yaml"),
        "units:\n  - {id: x, name: \"=HYPERLINK(\\\"http://x\\\")\", kind: xã}\n  - {id: y, name: \"@SUM(A1)\", kind: xã}\n\
         records:\n  - {unit: x, year: 2026, values: {}}\n  - {unit: y, year: 2026, values: {}}\n",
    )
    .unwrap();
    let data = dir.path().to_str().unwrap();
    let excel = eval(&["--data", data], &["--format", "csv", "--excel"]);
    let rows = grid(&excel, b';');
    let names: Vec<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(names, ["'=HYPERLINK(\"http://x\")", "'@SUM(A1)"], "{excel}");
    // Plain CSV is for programs: the text as it is.
    let plain = grid(&eval(&["--data", data], &["--format", "csv"]), b',');
    assert_eq!(plain[1][1], "=HYPERLINK(\"http://x\")");
}
