//! Every format flag honoured for hostile text: `diff` of an older copy of a set
//! (`tests/fixtures/hostile/_diff-copy/`, criterion names carrying markup) writes the
//! format asked for, never the text report into an `.html` file.

use crate::common::ntm;

const DIFF: [&str; 7] = [
    "diff",
    "--from",
    "tests/fixtures/hostile/_diff-copy/ban-cu.yaml",
    "--to",
    "hostile/mini",
    "--rules",
    "tests/fixtures/hostile/_diff-copy/rules",
];

/// What a document is, from its first bytes.
fn kind(out: &str) -> &'static str {
    match out {
        o if o.starts_with("<!DOCTYPE html>") => "html",
        o if o.starts_with("# ") => "markdown",
        o if o.starts_with('{') => "json",
        o if o.starts_with("Mục,") => "csv",
        o if o.starts_with("So sánh:") => "text",
        _ => "other",
    }
}

#[test]
fn diff_of_an_older_copy_honours_every_format() {
    let mut seen = String::new();
    for format in ["text", "json", "csv", "html", "md"] {
        let r = ntm(&[&DIFF[..], &["--format", format]].concat());
        if format == "html" {
            assert!(!r.stdout.contains("<script>alert"), "{}", r.stdout);
            assert!(!r.stdout.contains("<img src"), "{}", r.stdout);
        }
        if format == "md" {
            assert!(
                crate::hostile_payloads::no_raw_tag(&r.stdout),
                "{}",
                r.stdout
            );
        }
        seen.push_str(&format!(
            "--format {format}: exit {} → {}\n",
            r.code,
            kind(&r.stdout)
        ));
    }
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("so-sanh.xlsx");
    let r = ntm(&[
        &DIFF[..],
        &["--format", "xlsx", "--output", book.to_str().unwrap()],
    ]
    .concat());
    let zip = std::fs::read(&book)
        .map(|b| b.starts_with(b"PK"))
        .unwrap_or(false);
    seen.push_str(&format!(
        "--format xlsx: exit {} → workbook: {zip}\n",
        r.code
    ));
    insta::assert_snapshot!(seen);
}

#[test]
fn html_of_a_diff_escapes_the_names_it_shows() {
    let r = ntm(&[&DIFF[..], &["--format", "html"]].concat());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r
        .stdout
        .contains("Điện cũ &lt;/style&gt;&lt;script&gt;alert(2)&lt;/script&gt;"));
}

/// Reports meant to be sent (XLSX, HTML, Markdown) never show an absolute local path:
/// files are named relative to the folders given on the command line.
#[test]
fn reports_to_send_name_files_relative_to_the_folders_given() {
    let root = crate::common::root();
    let data = root.join("tests/fixtures/hostile/xlsx-truncated/don-vi.yaml");
    let rules = root.join("tests/fixtures/hostile/_rules");
    let (data, rules) = (data.to_str().unwrap(), rules.to_str().unwrap());
    let local = root.to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("bao-cao.xlsx");
    let base = ["eval", "--data", data, "--rules", rules];
    let r = ntm(&[
        &base[..],
        &["--format", "xlsx", "--output", book.to_str().unwrap()],
    ]
    .concat());
    assert_eq!(r.code, 0, "{}", r.stderr);
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&book).unwrap();
    let mut files = Vec::new();
    for sheet in wb.sheet_names() {
        let cells = wb.worksheet_range(&sheet).unwrap();
        for (_, _, d) in cells.used_cells() {
            let t = d.to_string();
            assert!(!t.contains(local), "{sheet}: {t}");
            if t.ends_with(".yaml") {
                files.push(t);
            }
        }
    }
    for format in ["html", "md"] {
        let r = ntm(&[&base[..], &["--format", format]].concat());
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(!r.stdout.contains(local), "{format}");
    }
    insta::assert_snapshot!(files.join("\n"));
}
