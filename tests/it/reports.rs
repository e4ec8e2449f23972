//! Reports people work with: the workbook read back cell by cell (calamine) and as a
//! dataset (same results), the HTML file self-contained, Markdown, CSV for Excel,
//! department lists, `explain --summary`, percentages from a workbook.

use crate::common::ntm;
use calamine::{Data, Reader, Xlsx};
use std::path::Path;

fn eval_xlsx(dir: &Path, extra: &[&str]) -> std::path::PathBuf {
    let out = dir.join("ket-qua.xlsx");
    let r = ntm(&[
        &[
            "eval",
            "--data",
            "datasets/ngan-son",
            "--format",
            "xlsx",
            "--output",
            out.to_str().unwrap(),
        ],
        extra,
    ]
    .concat());
    assert_eq!(r.code, 0, "{}", r.stderr);
    out
}

fn text(d: Option<&Data>) -> String {
    match d {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(x)) => x.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

#[test]
fn the_workbook_has_the_annex_layout() {
    let dir = tempfile::tempdir().unwrap();
    let path = eval_xlsx(dir.path(), &["--year", "2020"]);
    let mut book: Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let names = book.sheet_names();
    for s in ["Tổng hợp", "Chỉ tiêu", "Phát hiện", "Nguồn gốc", "ntm"] {
        assert!(names.iter().any(|n| n == s), "{s} in {names:?}");
    }
    // The index lists each annex sheet with its rule set and year.
    let index = book.worksheet_range("ntm").unwrap();
    let thon = (1..index.height())
        .find(|r| text(index.get((*r, 1))) == "bac-kan/thon/225-2019")
        .map(|r| text(index.get((r, 0))))
        .expect("the thôn annex is listed");
    let annex = book.worksheet_range(&thon).unwrap();
    let cell = |r: usize, c: usize| text(annex.get_value((r as u32, c as u32)));
    assert!(
        cell(0, 0).starts_with("KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ"),
        "{}",
        cell(0, 0)
    );
    assert_eq!(cell(1, 0), "TT");
    assert_eq!(cell(1, 1), "Tên thôn/xã");
    assert_eq!(cell(1, 2), "Thuộc");
    assert!(cell(1, 3).starts_with("1. "), "{}", cell(1, 3));
    assert_eq!(cell(1, 19), "Số tiêu chí đạt");
    assert_eq!(cell(1, 20), "Tổng báo cáo");
    assert_eq!(cell(1, 21), "Kết luận");
    assert_eq!(cell(1, 22), "Ghi chú");
    // Nà Y: criterion 1 met, 3 not; 14 recounted, 13 written; the note says so.
    let row = (2..12).find(|r| cell(*r, 1) == "Nà Y").expect("Nà Y's row");
    assert_eq!(cell(row, 2), "Thượng Ân");
    assert_eq!(cell(row, 3), "1");
    // Not met is 0, as in CSV (a blank was also what a criterion not in the set showed).
    assert_eq!(cell(row, 5), "0");
    assert_eq!(cell(row, 19), "14");
    assert_eq!(cell(row, 20), "13");
    assert_eq!(cell(row, 21), "chưa đạt chuẩn");
    assert!(cell(row, 22).contains("tổng báo cáo sai"));
    // A totals row counts the marks of each criterion.
    assert_eq!(cell(10, 0), "Tổng cộng");
    let formulas = book.worksheet_formula(&thon).unwrap();
    let f = formulas.get_value((10, 3)).cloned().unwrap_or_default();
    assert!(f.contains("SUM(D3:D10)"), "{f}");
}

#[test]
fn a_workbook_written_by_ntm_reads_back_to_the_same_results() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    eval_xlsx(&data, &[]);
    for f in ["don-vi.yaml", "don-vi-thi-tran.yaml"] {
        std::fs::copy(
            crate::common::root().join("datasets/ngan-son").join(f),
            data.join(f),
        )
        .unwrap();
    }
    let run = |d: &str| {
        let r = ntm(&["eval", "--data", d, "--format", "json"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        let mut out: Vec<String> = v["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let crit: Vec<String> = r["criteria"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| format!("{}={}", c["id"], c["status"]))
                    .collect();
                format!(
                    "{} {} {} {}/{} {} [{}]",
                    r["unit"]["id"],
                    r["year"],
                    r["ruleset"],
                    r["met"],
                    r["total"],
                    r["verdict"],
                    crit.join(" ")
                )
            })
            .collect();
        out.sort();
        out
    };
    let original = run("datasets/ngan-son");
    let back = run(data.to_str().unwrap());
    assert_eq!(original.len(), 36);
    assert_eq!(original, back);
}

#[test]
fn a_percentage_cell_of_a_workbook_is_read_as_shown() {
    use rust_xlsxwriter::{Format, Workbook};
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        crate::common::root().join("tests/fixtures/data/demo/don-vi.yaml"),
        dir.path().join("don-vi.yaml"),
    )
    .unwrap();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let pct = Format::new().set_num_format("0.0%");
    ws.write_string(0, 0, "unit").unwrap();
    ws.write_string(0, 1, "year").unwrap();
    ws.write_string(0, 2, "ho_dien_pct").unwrap();
    ws.write_string(0, 3, "thu_nhap").unwrap();
    ws.write_string(1, 0, "Xã A").unwrap();
    ws.write_number(1, 1, 2021).unwrap();
    ws.write_number_with_format(1, 2, 0.965, &pct).unwrap();
    ws.write_number(1, 3, 40.5).unwrap();
    wb.save(dir.path().join("so-lieu.xlsx")).unwrap();
    let d = dir.path().to_str().unwrap();
    let args = [
        "explain",
        "--data",
        d,
        "--rules",
        "tests/fixtures/rules/xa-demo.yaml",
        "--unit",
        "Xã A",
        "--year",
        "2021",
        "--format",
        "json",
    ];
    let r = ntm(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let inputs: Vec<&serde_json::Value> = v[0]["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["indicators"].as_array().unwrap())
        .flat_map(|i| i["inputs"].as_array().unwrap())
        .filter(|i| i["field"] == "ho_dien_pct")
        .collect();
    assert!(!inputs.is_empty());
    assert_eq!(inputs[0]["value"], 96.5, "{}\n{}", r.stdout, r.stderr);

    // A percentage in a number field is refused, at its cell.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "unit").unwrap();
    ws.write_string(0, 1, "year").unwrap();
    ws.write_string(0, 2, "thu_nhap").unwrap();
    ws.write_string(1, 0, "Xã A").unwrap();
    ws.write_number(1, 1, 2021).unwrap();
    ws.write_number_with_format(1, 2, 0.4, &pct).unwrap();
    wb.save(dir.path().join("so-lieu.xlsx")).unwrap();
    let r = ntm(&args);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stderr.contains("so-lieu.xlsx:Sheet1!C2"), "{}", r.stderr);
}

#[test]
fn the_html_report_is_one_file_with_its_charts() {
    let r = ntm(&["eval", "--data", "datasets/ngan-son", "--format", "html"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let h = &r.stdout;
    assert!(h.starts_with("<!DOCTYPE html>"));
    for forbidden in ["<link", "src=\"http", "@import", "url(", "src=\"//"] {
        assert!(!h.contains(forbidden), "{forbidden} in the report");
    }
    let charts = h.matches("<svg class=\"chart\"").count();
    assert!(h.contains(&format!("data-charts=\"{charts}\"")), "{charts}");
    assert!(charts >= 2);
    assert!(h.contains("data-chart=\"heatmap\"") && h.contains("data-chart=\"bars\""));
    assert!(h.contains("<details>"), "explanations one click away");
    let plan = ntm(&[
        "plan",
        "datasets/ngan-son/ke-hoach-2021.yaml",
        "--format",
        "html",
        "--lang",
        "en",
    ]);
    assert_eq!(plan.code, 0, "{}", plan.stderr);
    assert!(plan.stdout.contains("data-chart=\"plan\""));
    assert!(plan.stdout.contains("Department work lists"));
}

#[test]
fn markdown_and_csv_for_excel() {
    let md = ntm(&[
        "eval",
        "--data",
        "datasets/ngan-son",
        "--year",
        "2020",
        "--format",
        "md",
    ]);
    assert_eq!(md.code, 0, "{}", md.stderr);
    assert!(
        md.stdout.contains("| TT | Tên thôn/xã | Thuộc |"),
        "{}",
        md.stdout
    );
    assert!(md.stdout.contains("| 2 | Nà Y | Thượng Ân |"));
    let x = ntm(&[
        "eval",
        "--data",
        "datasets/ngan-son",
        "--year",
        "2020",
        "--format",
        "csv",
        "--excel",
    ]);
    assert_eq!(x.code, 0, "{}", x.stderr);
    assert!(x.stdout.starts_with('\u{feff}'), "a byte-order mark");
    let head = x.stdout.lines().next().unwrap();
    // The columns of plain CSV, headed in Vietnamese (tests/it/annex_codes.rs compares
    // the two dialects cell by cell).
    assert!(
        head.contains("Mã đơn vị;Tên thôn/xã;Loại;Mã cấp trên;Cấp trên;Năm;Bộ tiêu chí;TC 1"),
        "{head}"
    );
    assert!(x.stdout.contains("\r\n"));
    assert!(x.stdout.contains("chưa đạt chuẩn"));
    // Plain CSV stays machine-friendly.
    let plain = ntm(&["eval", "--data", "datasets/ngan-son", "--format", "csv"]);
    assert!(plain.stdout.starts_with("unit_id,unit_name,"));
}

#[test]
fn one_department_as_csv_and_maxima_to_reduce() {
    let base = [
        "plan",
        "tests/fixtures/plan/demo/plan.yaml",
        "--data",
        "tests/fixtures/data/demo",
        "--rules",
        "tests/fixtures/rules",
        "--by-department",
    ];
    let csv = ntm(&[&base[..], &["--format", "csv", "--excel"]].concat());
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    assert!(
        csv.stdout.contains("Phụ trách;Tên thôn/xã"),
        "{}",
        csv.stdout
    );
    assert!(csv.stdout.contains("còn thiếu 9,5 %"), "{}", csv.stdout);
    let one = ntm(&[&base[..], &["--department", "Phòng Kinh tế và Hạ tầng"]].concat());
    assert_eq!(one.code, 0, "{}", one.stderr);
    assert!(!one.stdout.contains("chưa phân công"), "{}", one.stdout);
    // The first words of one department's name stand for it.
    let short = ntm(&[&base[..], &["--department", "phòng kinh tế"]].concat());
    assert_eq!(short.code, 0, "{}", short.stderr);
    assert_eq!(short.stdout, one.stdout);
    let bad = ntm(&[&base[..], &["--department", "Phòng Không Có"]].concat());
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("Phòng Kinh tế và Hạ tầng"),
        "{}",
        bad.stderr
    );
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("viec.xlsx");
    let x = ntm(&[
        &base[..],
        &["--format", "xlsx", "--output", out.to_str().unwrap()],
    ]
    .concat());
    assert_eq!(x.code, 0, "{}", x.stderr);
    let book: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    assert!(book.sheet_names().iter().any(|n| n == "(chưa phân công)"));
}

#[test]
fn a_maximum_is_to_be_reduced() {
    let m = ntm_view_gap();
    assert_eq!(
        m,
        ("cần giảm 1 nhà".to_string(), "còn thiếu 0,1 %".to_string())
    );
}

fn ntm_view_gap() -> (String, String) {
    use ntm::core::value::Value;
    use ntm::render::view::gap_text;
    let m = ntm::render::Lang::Vi.catalog();
    (
        gap_text(
            m,
            Some(1.0),
            Some(&Value::Int(1)),
            &[Value::Int(0)],
            Some("nhà"),
        ),
        gap_text(
            m,
            Some(0.1),
            Some(&Value::Number(94.9)),
            &[Value::Int(95)],
            Some("%"),
        ),
    )
}

#[test]
fn explain_summary_shows_only_what_fails_or_is_missing() {
    let args = [
        "explain",
        "--data",
        "datasets/ngan-son",
        "--unit",
        "Nà Y",
        "--year",
        "2020",
    ];
    let full = ntm(&args);
    let short = ntm(&[&args[..], &["--summary"]].concat());
    assert_eq!(short.code, 0, "{}", short.stderr);
    assert!(short.stdout.len() < full.stdout.len());
    assert!(!short.stdout.contains("Tiêu chí 1. "), "{}", short.stdout);
    assert!(short.stdout.contains("Tiêu chí 12. "), "{}", short.stdout);
}
