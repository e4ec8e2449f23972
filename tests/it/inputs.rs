//! Reading what Excel writes: CRLF line ends with the right line numbers, an annex as
//! printed (title, numbering and totals rows), Vietnamese headers for units tables,
//! `file:` patterns with the year from the name, workbooks.

use crate::common::ntm;
use std::path::Path;

/// A folder with the Ngân Sơn units and the given files.
fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["don-vi.yaml", "don-vi-thi-tran.yaml"] {
        std::fs::copy(
            crate::common::root().join("datasets/ngan-son").join(f),
            dir.path().join(f),
        )
        .unwrap();
    }
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn json(dir: &Path, extra: &[&str]) -> serde_json::Value {
    let d = dir.to_str().unwrap();
    let r = ntm(&[&["eval", "--data", d, "--format", "json"], extra].concat());
    assert_eq!(r.code, 0, "{}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap()
}

fn crlf(lines: &[&str]) -> String {
    lines.join("\r\n") + "\r\n"
}

#[test]
fn an_error_in_a_crlf_file_points_at_its_line() {
    let csv = crlf(&[
        "unit;year;ho_dien_pct",
        "Nà Y;2021;97",
        "Khu Chợ 9;2021;90",
        "Cốc Phia;2021;80",
    ]);
    let dir = folder(&[("so-lieu.csv", &csv)]);
    let d = dir.path().to_str().unwrap();
    let r = ntm(&["eval", "--data", d, "--lang", "en"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("so-lieu.csv:3:"),
        "the error is on line 3:\n{}",
        r.stderr
    );
    assert!(r.stderr.contains("Khu Chợ 9"), "{}", r.stderr);
    assert!(!r.stderr.contains("so-lieu.csv:2:"), "{}", r.stderr);
}

const ANNEX_ROWS: [&str; 3] = [
    "1;Cốc Phia;Cốc Đán;1;1;1;;1;;;;1;1;1;;;;;1;8",
    "2;Nà Y;Thượng Ân;1;1;;1;1;1;1;1;1;1;1;;1;1;1;1;13",
    "3;Khu Chợ 1;Bằng Vân;1;1;1;1;1;1;;1;1;1;1;;;;1;1;12",
];

fn printed_annex() -> String {
    let mut lines = vec![
        "BIỂU KẾT QUẢ THỰC HIỆN TIÊU CHÍ THÔN NTM;;;;;;;;;;;;;;;;;;;",
        "TT;Tên thôn;Tên xã;1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;Tổng số tiêu chí đạt",
        "A;B;C;1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17",
    ];
    lines.extend(ANNEX_ROWS);
    lines.push("Tổng cộng;;;3;3;2;2;3;2;1;2;3;3;3;0;1;1;2;3;33");
    lines.push("Ghi chú: số liệu đến thời điểm báo cáo;;;;;;;;;;;;;;;;;;;");
    crlf(&lines)
}

#[test]
fn a_printed_annex_with_title_numbering_and_totals_rows_loads() {
    let doc = "tables:\n  - file: bieu-thon-2020.csv\n    layout: annex\n    footer_rows: 1\n";
    let dir = folder(&[("bieu.yaml", doc), ("bieu-thon-2020.csv", &printed_annex())]);
    let v = json(dir.path(), &[]);
    let rs = v["results"].as_array().unwrap();
    assert_eq!(rs.len(), 3, "{v:#}");
    let na_y = rs.iter().find(|r| r["unit"]["name"] == "Nà Y").unwrap();
    assert_eq!(na_y["year"], 2020, "year from the file name");
    assert_eq!(na_y["met"], 14);
    assert!(na_y["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["kind"] == "reported_total_mismatch"));
}

#[test]
fn skip_and_header_rows_can_be_declared() {
    let doc = "tables:\n  - file: bieu.csv\n    year: 2020\n    blank: not_met\n    header_row: 2\n    skip_rows: 1\n    footer_rows: 2\n    columns: {TT: ignore, Tên thôn: unit, Tên xã: parent, Tổng số tiêu chí đạt: reported_total, \"1\": \"declared:1\", \"2\": \"declared:2\", \"3\": \"declared:3\", \"4\": \"declared:4\", \"5\": \"declared:5\", \"6\": \"declared:6\", \"7\": \"declared:7\", \"8\": \"declared:8\", \"9\": \"declared:9\", \"10\": \"declared:10\", \"11\": \"declared:11\", \"12\": \"declared:12\", \"13\": \"declared:13\", \"14\": \"declared:14\", \"15\": \"declared:15\", \"16\": \"declared:16\"}\n";
    let dir = folder(&[("bieu.yaml", doc), ("bieu.csv", &printed_annex())]);
    let v = json(dir.path(), &[]);
    assert_eq!(v["results"].as_array().unwrap().len(), 3);
}

#[test]
fn a_units_table_may_have_vietnamese_headers() {
    let units = crlf(&[
        "Mã;Tên;Loại;Thuộc;region",
        "tinh-x;Tỉnh X;tỉnh;;",
        "xa-a;Xã A;xã;tinh-x;TDMNPB",
    ]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("don-vi.csv"), units).unwrap();
    std::fs::write(
        dir.path().join("so-lieu.csv"),
        "unit,year,ho_dien_pct\nXã A,2021,99\n",
    )
    .unwrap();
    let d = dir.path().to_str().unwrap();
    let r = ntm(&["check", d, "--lang", "en"]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("2 units"), "{}", r.stdout);
}

#[test]
fn a_table_file_may_be_a_pattern_with_the_year_in_the_name() {
    let doc = "tables:\n  - file: phu-luc-thon-*.csv\n    layout: annex\n";
    let head = "TT,Tên thôn,Tên xã,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,Tổng số tiêu chí đạt\n";
    let y2020 = format!("{head}{}\n", ANNEX_ROWS[0].replace(';', ","));
    let y2021 = format!("{head}{}\n", ANNEX_ROWS[1].replace(';', ","));
    let dir = folder(&[
        ("bieu.yaml", doc),
        ("phu-luc-thon-2020.csv", &y2020),
        ("phu-luc-thon-2021.csv", &y2021),
    ]);
    let v = json(dir.path(), &[]);
    let years: Vec<(String, i64)> = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["unit"]["name"].as_str().unwrap().to_string(),
                r["year"].as_i64().unwrap(),
            )
        })
        .collect();
    assert!(years.contains(&("Cốc Phia".into(), 2020)), "{years:?}");
    assert!(years.contains(&("Nà Y".into(), 2021)), "{years:?}");
    // No match is an error at the entry.
    let dir = folder(&[("bieu.yaml", "tables:\n  - file: khong-co-*.csv\n")]);
    let r = ntm(&["eval", "--data", dir.path().to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("bieu.yaml:2:"), "{}", r.stderr);
}
