//! `ntm pending`: the list of what awaits a source, the fill-in sheet, and the sheet
//! read back into an amendment that passes `ntm check` and `ntm test`.

use crate::common::ntm;

fn tmp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("ntm-pending-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_list_names_pending_criteria_and_unsourced_values() {
    let r = ntm(&["pending", "--lang", "en"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("national/xa/51-2025"), "{}", r.stdout);
    assert!(
        r.stdout.contains("Threshold values with no source"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("duong_xa_min = 100"), "{}", r.stdout);
}

/// Fill every template row of the sheet: criterion c, group g → indicator c.1 with a
/// made-up percentage threshold per group; criterion 1 also gets a yes/no indicator.
fn fill(sheet: &str) -> String {
    let sheet = sheet.trim_start_matches('\u{feff}');
    let mut lines = sheet.lines();
    let header = lines.next().unwrap();
    let mut out = vec![header.to_string()];
    for line in lines {
        let mut cells: Vec<String> = line.split(';').map(str::to_string).collect();
        let (c, g) = (cells[0].clone(), cells[8].clone());
        cells[2] = format!("{c}.1");
        cells[3] = format!("Chỉ tiêu thử {c}.1 (giả định)");
        cells[6] = "%".into();
        cells[7] = "≥".into();
        cells[12] = format!("{},5", 60 + 10 * g.parse::<i32>().unwrap_or(1));
        cells[13] = format!("Phụ lục I, chỉ tiêu {c}.1 (giả định)");
        cells[15] = "thứ cấp".into();
        cells[17] = "x".into();
        out.push(cells.join(";"));
        if c == "1" {
            cells[2] = "1.2".into();
            cells[3] = "Có quy chế quản lý (giả định)".into();
            cells[4] = "co_quy_che".into();
            cells[6] = String::new();
            cells[7] = "=".into();
            cells[12] = "có".into();
            cells[15] = "chưa có nguồn".into();
            out.push(cells.join(";"));
        }
    }
    out.join("\r\n") + "\r\n"
}

#[test]
fn a_filled_sheet_becomes_an_amendment_that_checks_and_tests_clean() {
    let dir = tmp("fill");
    let sheet = dir.join("phieu.csv");
    let r = ntm(&[
        "pending",
        "national/xa/51-2025",
        "--output",
        sheet.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(&sheet).unwrap();
    assert!(text.starts_with('\u{feff}'), "a BOM for Excel");
    // 10 criteria × 3 commune groups, plus the header.
    assert_eq!(text.lines().count(), 31);
    std::fs::write(&sheet, fill(&text)).unwrap();
    let out = dir.join("51-2025-chi-tieu.yaml");
    let r = ntm(&[
        "pending",
        "national/xa/51-2025",
        "--fill",
        sheet.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    // What changed: every criterion now has its indicators.
    assert!(r.stdout.contains("chỉ tiêu 10.1: thêm"), "{}", r.stdout);
    assert!(r.stdout.contains("chỉ tiêu 1.2: thêm"), "{}", r.stdout);
    let file = out.to_str().unwrap();
    let c = ntm(&["check", "rules", file]);
    assert_eq!(c.code, 0, "{}\n{}", c.stdout, c.stderr);
    let t = ntm(&["test", "rules", file]);
    assert_eq!(t.code, 0, "{}\n{}", t.stdout, t.stderr);
    // A passing and a failing case for every group filled.
    for g in 1..=3 {
        for what in ["đạt", "chưa đạt"] {
            let name = format!("chỉ tiêu 7.1 (nhóm {g}, năm 2026) {what}");
            assert!(t.stdout.contains(&name), "{name}\n{}", t.stdout);
        }
    }
    // The amended set evaluates a xã of nhóm 2 with the transcribed threshold (80,5 %).
    std::fs::write(
        dir.join("xa.yaml"),
        "units: [{id: x, name: Xã Thử, kind: xã, attributes: {group: \"2\"}}]\n\
         records: [{unit: x, year: 2026, values: {ct_1_1: 80, co_quy_che: có}}]\n",
    )
    .unwrap();
    let e = ntm(&[
        "explain",
        "--data",
        dir.join("xa.yaml").to_str().unwrap(),
        "--unit",
        "Xã Thử",
        "--rules",
        "rules",
        "--rules",
        file,
        "--format",
        "json",
    ]);
    assert_eq!(e.code, 0, "{}", e.stderr);
    let v: serde_json::Value = serde_json::from_str(&e.stdout).unwrap();
    let ind = &v[0]["criteria"][0]["indicators"];
    let one = ind
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "1.1")
        .unwrap();
    assert_eq!(one["status"], "fail", "{one}");
    assert_eq!(one["threshold"][0]["value"].as_f64(), Some(80.5));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_wrong_cell_is_reported_at_its_line() {
    let dir = tmp("bad");
    let sheet = dir.join("phieu.csv");
    let r = ntm(&["pending", "national/xa/51-2025", "--format", "csv"]);
    let filled = fill(&r.stdout).replacen("≥", "≈", 1);
    std::fs::write(&sheet, filled).unwrap();
    let r = ntm(&[
        "pending",
        "national/xa/51-2025",
        "--fill",
        sheet.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2);
    // Line 2, the `So sánh` cell (after seven cells, `1;Quy hoạch;1.1;…`).
    assert!(r.stderr.contains("phieu.csv:2:"), "{}", r.stderr);
    assert!(r.stderr.contains("So sánh"), "{}", r.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Each sheet of `tests/fixtures/pending/o-sai/` has one wrong cell: refused at that
/// cell (file:line:column), nothing written to --output.
#[test]
fn each_kind_of_bad_cell_is_refused_at_its_cell_and_nothing_is_written() {
    let dir = tmp("o-sai");
    let cases = [
        // (sheet, line:column of the wrong cell, words of the message)
        ("phan-tram-1.234.csv", "3:108", "được đọc là 1234"),
        ("chinh-thuc-khong-dia-chi.csv", "4:112", "Địa chỉ nguồn"),
        ("thieu-nhom.csv", "2:103", "nhóm 1, 2"),
        ("so-sanh-sai.csv", "2:93", "So sánh"),
        ("nam-ngoai-hieu-luc.csv", "2:106", "Từ năm"),
        ("co-dat-khong.csv", "2:104", "có/đạt"),
        ("nhom-khong-co.csv", "5:103", "nhóm xã `4`"),
        ("hai-gia-tri.csv", "3:108", "giá trị thứ hai"),
        ("thieu-nam.csv", "2:105", "chưa có giá trị cho năm 2027"),
    ];
    for (sheet, at, words) in cases {
        let path = format!("tests/fixtures/pending/o-sai/{sheet}");
        let out = dir.join(format!("{sheet}.yaml"));
        let r = ntm(&[
            "pending",
            "national/xa/51-2025",
            "--fill",
            &path,
            "--output",
            out.to_str().unwrap(),
        ]);
        assert_eq!(r.code, 2, "{sheet}: {}", r.stderr);
        assert!(
            r.stderr.contains(&format!("{path}:{at}:")),
            "{sheet}: {}",
            r.stderr
        );
        assert!(r.stderr.contains(words), "{sheet}: {}", r.stderr);
        assert_eq!(r.stderr.matches("lỗi[").count(), 1, "{sheet}: {}", r.stderr);
        assert!(!out.exists(), "{sheet}: nothing is written");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The amendment committed beside a sample sheet (`chi-tieu.yaml`), checked to be exactly
/// what `--fill` writes from the sheet (`phieu.csv`).
fn committed_amendment(dir: &str) -> String {
    let r = ntm(&[
        "pending",
        "national/xa/51-2025",
        "--fill",
        &format!("{dir}/phieu.csv"),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let committed =
        std::fs::read_to_string(crate::common::root().join(dir).join("chi-tieu.yaml")).unwrap();
    assert_eq!(r.stdout, committed);
    committed
}

/// The amendment committed beside the three-group, two-year sheet is exactly what
/// `--fill` writes from it (the scenario then checks, tests, explains and diffs it).
#[test]
fn the_sample_sheet_for_three_groups_and_two_years_gives_the_committed_amendment() {
    let dir = "tests/fixtures/pending/ba-nhom-hai-nam";
    let committed = committed_amendment(dir);
    // Every group and year filled has its passing and failing case.
    for g in 1..=3 {
        for y in [2026, 2027] {
            let name = format!("chỉ tiêu 3.1 (nhóm {g}, năm {y}) chưa đạt");
            assert!(committed.contains(&name), "{name}");
        }
    }
    // The words officials write became comparisons; the years, selectors.
    assert!(committed.contains("expr: thu_nhap >= thu_nhap_min"));
    assert!(committed.contains("expr: co_htx == co_htx_eq"));
    assert!(committed.contains("from_year: 2027"));
    // Criterion 3 was marked complete (Đủ chỉ tiêu) and every group filled.
    assert!(!committed.contains("pending_source"));
    // Generated words are Vietnamese: the comments, the labels, the test names.
    let vietnamese = |l: &str| {
        l.chars().any(|c| {
            "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹàáèéìíòóùúýãõĩũ".contains(c)
        })
    };
    for l in committed.lines().filter(|l| l.starts_with('#')) {
        assert!(vietnamese(l), "{l}");
    }
    for l in committed
        .lines()
        .filter(|l| l.trim_start().starts_with("- name: chỉ tiêu"))
    {
        assert!(
            l.ends_with(" đạt") || l.ends_with(" chưa đạt") || l.ends_with(" thiếu số liệu"),
            "{l}"
        );
    }
    assert!(committed.contains("label: Ngưỡng chỉ tiêu 3.1"));
}

/// A provincial layer over a national set (1304 amends 318): its criteria cite the
/// national decision, which the written amendment declares; a number the set already
/// encodes is refused at its cell.
#[test]
fn a_set_whose_criteria_cite_its_base_is_filled_too() {
    let dir = tmp("1304");
    let r = ntm(&["pending", "bac-kan/xa/1304-2022", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut lines = r.stdout.trim_start_matches('\u{feff}').lines();
    let header = lines.next().unwrap().to_string();
    let mut cells: Vec<String> = lines.next().unwrap().split(';').map(String::from).collect();
    cells[2] = "1.9".into();
    cells[3] = "Chỉ tiêu thử (giả định)".into();
    cells[6] = "%".into();
    cells[7] = "không thấp hơn".into();
    cells[12] = "90".into();
    cells[15] = "chưa có nguồn".into();
    let sheet = dir.join("phieu.csv");
    std::fs::write(&sheet, format!("{header}\n{}\n", cells.join(";"))).unwrap();
    let out = dir.join("chi-tieu.yaml");
    let (s, o) = (sheet.to_str().unwrap(), out.to_str().unwrap());
    let r = ntm(&[
        "pending",
        "bac-kan/xa/1304-2022",
        "--fill",
        s,
        "--output",
        o,
    ]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let yaml = std::fs::read_to_string(&out).unwrap();
    assert!(yaml.contains("number: 318/QĐ-TTg"), "{yaml}");
    assert!(yaml.contains("jurisdiction: Bắc Kạn"), "{yaml}");
    let t = ntm(&["test", "rules", o]);
    assert_eq!(t.code, 0, "{}\n{}", t.stdout, t.stderr);
    // 1.1 is already encoded: refused at the `Chỉ tiêu` cell, nothing written.
    cells[2] = "1.1".into();
    std::fs::write(&sheet, format!("{header}\n{}\n", cells.join(";"))).unwrap();
    std::fs::remove_file(&out).unwrap();
    let r = ntm(&[
        "pending",
        "bac-kan/xa/1304-2022",
        "--fill",
        s,
        "--output",
        o,
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("phieu.csv:2:"), "{}", r.stderr);
    assert!(r.stderr.contains("đã có chỉ tiêu 1.1"), "{}", r.stderr);
    assert!(!out.exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A threshold of a criterion still awaiting its source cannot be amended: ntm says to
/// fill the sheet first, with the commands.
#[test]
fn amending_a_pending_criterion_says_to_fill_the_sheet_first() {
    let r = ntm(&[
        "new",
        "amendment",
        "--amends",
        "national/xa/51-2025",
        "--from",
        "2027-01-01",
        "--set",
        "thu_nhap_min=50",
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("đang chờ nguồn"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("ntm pending national/xa/51-2025 --output phieu.csv"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty());
}

/// The sample sheet saved from Excel as a workbook (numbers as numbers, years as
/// numbers): the same amendment as from the CSV; a wrong cell is named as Excel does.
#[test]
fn a_sheet_saved_as_a_workbook_reads_the_same_and_names_its_cells() {
    use rust_xlsxwriter::Workbook;
    let dir = tmp("xlsx");
    let csv = std::fs::read_to_string(
        crate::common::root().join("tests/fixtures/pending/ba-nhom-hai-nam/phieu.csv"),
    )
    .unwrap();
    let write = |path: &std::path::Path, edit: &dyn Fn(usize, usize, &str) -> String| {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        for (r, line) in csv.trim_start_matches('\u{feff}').lines().enumerate() {
            for (c, cell) in line.split(';').enumerate() {
                let cell = edit(r, c, cell);
                // Values and years typed as numbers, as Excel keeps them.
                match cell.replace(',', ".").parse::<f64>() {
                    Ok(x) if r > 0 && (10..=12).contains(&c) => {
                        ws.write_number(r as u32, c as u16, x)
                    }
                    _ => ws.write_string(r as u32, c as u16, &cell),
                }
                .unwrap();
            }
        }
        wb.save(path).unwrap();
    };
    let book = dir.join("phieu.xlsx");
    write(&book, &|_, _, s| s.to_string());
    let b = book.to_str().unwrap();
    let r = ntm(&["pending", "national/xa/51-2025", "--fill", b]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let committed = std::fs::read_to_string(
        crate::common::root().join("tests/fixtures/pending/ba-nhom-hai-nam/chi-tieu.yaml"),
    )
    .unwrap();
    assert_eq!(r.stdout, committed);
    // Row 3, column M (Giá trị): 1234 for a threshold in triệu đồng is fine, but not a
    // year out of the set's years in column K (Từ năm).
    write(&book, &|r, c, s| {
        if r == 2 && c == 10 {
            "2020".into()
        } else {
            s.to_string()
        }
    });
    let r = ntm(&["pending", "national/xa/51-2025", "--fill", b]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("phieu.xlsx:Sheet1!K3:"), "{}", r.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A sheet marking a group "Không áp dụng" gives an entry `not_applicable: true` with its
/// citation and source level, and a test case expecting "not_applicable"; the committed
/// amendment of `khong-ap-dung` is exactly what `--fill` writes.
#[test]
fn a_group_marked_not_applicable_becomes_a_not_applicable_entry() {
    let dir = "tests/fixtures/pending/khong-ap-dung";
    let committed = committed_amendment(dir);
    assert_eq!(committed.matches("- not_applicable: true").count(), 2);
    assert_eq!(committed.matches(": not_applicable").count(), 2);
    assert!(!committed.contains("Không áp dụng (theo phiếu điền)"));
}
