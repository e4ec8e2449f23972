//! The files policy staff edit speak Vietnamese: no English prose in the comments and
//! free-text values of the YAML files under `rules/` and `datasets/` (issue 22, item 8).
//!
//! A comment, or a line of a free-text value (`note`, `notes`, `source`, `title`, `label`,
//! `name`, `basis`, `pending_source`, …), counts as English when it holds three or more common
//! English function words. Quoted text is exempt: `quote:` values, and anything between double
//! quotes ("…", “…”), which may cite a source in its own language; so are addresses (http…),
//! `code` between backticks, and keys, ids and expressions (only prose keys are read).

use std::path::Path;

/// Common English function words. Words that are also Vietnamese without diacritics
/// ("an" as in an ninh, "do", "no", "ma") are left out, so Vietnamese prose never trips it.
const ENGLISH: &[&str] = &[
    "the", "and", "of", "is", "are", "for", "with", "from", "this", "that", "not", "to", "in",
    "by", "be", "which", "when", "was", "were", "it", "its", "has", "have", "only", "each", "but",
    "or", "into", "than", "where", "there", "these", "those", "been", "their", "they", "would",
    "should", "can", "will", "as", "at", "on",
];

/// How many English function words make a line English.
const THRESHOLD: usize = 3;

/// Keys whose values are free text.
const PROSE_KEYS: &[&str] = &[
    "note",
    "notes",
    "source",
    "title",
    "label",
    "name",
    "basis",
    "pending_source",
    "definition",
    "description",
    "duties",
    "reason",
    "issuer",
    "summary",
];

fn english_words(text: &str) -> usize {
    let mut kept = String::new();
    for token in text.split_whitespace() {
        // Addresses may hold English words in their slugs.
        if token.contains("://") {
            continue;
        }
        kept.push_str(token);
        kept.push(' ');
    }
    // Code between backticks is not prose.
    let mut prose = String::new();
    for (i, part) in kept.split('`').enumerate() {
        if i % 2 == 0 {
            prose.push_str(part);
            prose.push(' ');
        }
    }
    prose
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .filter(|w| ENGLISH.contains(&w.to_ascii_lowercase().as_str()))
        .count()
}

/// Drops what stands between double quotes; `open` carries an unclosed quote to the next line.
fn unquoted(text: &str, open: &mut bool) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '"' => *open = !*open,
            '“' => *open = true,
            '”' => *open = false,
            _ if !*open => out.push(c),
            _ => {}
        }
    }
    out
}

/// `(indent, key, rest)` of a line that starts a mapping key (`key: …` or `- key: …`).
fn key_line(line: &str) -> Option<(usize, &str, &str)> {
    let indent = line.len() - line.trim_start().len();
    let mut rest = line.trim_start();
    if let Some(r) = rest.strip_prefix("- ") {
        rest = r;
    }
    let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))?;
    if end == 0 || !rest[end..].starts_with(':') {
        return None;
    }
    let after = &rest[end + 1..];
    if !(after.is_empty() || after.starts_with(' ')) {
        return None;
    }
    Some((indent, &rest[..end], after))
}

/// The English lines of one YAML file: `(line number, line)`.
fn english_lines(text: &str) -> Vec<(usize, String)> {
    let mut hits = Vec::new();
    // The key whose value the current line belongs to, its indentation, and whether it
    // opened a block scalar (`>`, `|`) that continues on more indented lines.
    let mut key: Option<String> = None;
    let mut key_indent = 0usize;
    let mut block = false;
    let mut open_quote = false;
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if let Some(comment) = trimmed.strip_prefix('#') {
            if english_words(&unquoted(comment, &mut false)) >= THRESHOLD {
                hits.push((n + 1, line.to_string()));
            }
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let value: &str;
        match key_line(line) {
            Some((i, k, rest)) if !block || i <= key_indent => {
                key = Some(k.to_string());
                key_indent = i;
                let r = rest.trim_start();
                block = r.starts_with('>') || r.starts_with('|');
                open_quote = false;
                value = rest;
            }
            _ if block && indent > key_indent => value = line,
            _ => {
                key = None;
                block = false;
                value = "";
            }
        }
        // A trailing comment (` # …`) outside quotes.
        let (value, comment) = match value.find(" # ") {
            Some(at) if value[..at].matches('"').count().is_multiple_of(2) => {
                (&value[..at], Some(&value[at + 3..]))
            }
            _ => (value, None),
        };
        if let Some(c) = comment {
            if english_words(&unquoted(c, &mut false)) >= THRESHOLD {
                hits.push((n + 1, line.to_string()));
                continue;
            }
        }
        if key.as_deref().is_some_and(|k| PROSE_KEYS.contains(&k))
            && english_words(&unquoted(value, &mut open_quote)) >= THRESHOLD
        {
            hits.push((n + 1, line.to_string()));
        }
    }
    hits
}

fn yaml_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    files.sort();
    files
}

#[test]
fn rule_files_and_datasets_have_no_english_prose() {
    let root = crate::common::root();
    let mut report = Vec::new();
    let mut files = 0;
    for dir in ["rules", "datasets"] {
        for path in yaml_files(&root.join(dir)) {
            files += 1;
            let text = std::fs::read_to_string(&path).unwrap();
            let rel = path.strip_prefix(root).unwrap().display().to_string();
            for (n, line) in english_lines(&text) {
                report.push(format!("{rel}:{n}: {}", line.trim()));
            }
        }
    }
    assert!(
        files > 10,
        "the YAML files were not found under {}",
        root.display()
    );
    assert!(
        report.is_empty(),
        "{} line(s) of English prose in files staff edit (write them in Vietnamese; quotes \
         between double quotes or under `quote:` may stay in their language):\n{}",
        report.len(),
        report.join("\n")
    );
}

#[test]
fn the_detector_sees_english_and_spares_vietnamese_quotes_and_ids() {
    let english = "# The value was not read in the decision, only in a news item.\n";
    assert_eq!(english_lines(english).len(), 1);
    let note =
        "x:\n  note: >-\n    Read in a secondary source; the regional columns were not found.\n";
    assert_eq!(english_lines(note).len(), 1);
    let vietnamese = "# Giá trị chưa đọc được trong văn bản; an ninh, trật tự do Công an đánh giá.\n\
                      x:\n  note: Đọc trong một tin tiếng Anh (\"the poor household rate is at 6 percent\").\n\
                      \x20 quote: \"the poor household rate is at 6 percent under the line\"\n\
                      \x20 expr: to_chuc_ctxh_httnv and is_not_the_one\n\
                      \x20 source: https://en.vietnamplus.vn/the-criteria-for-the-communes-of-the-year — docs\n";
    assert_eq!(english_lines(vietnamese), Vec::<(usize, String)>::new());
    // A quote that runs over two lines of a block scalar stays exempt.
    let long_quote = "x:\n  note: >-\n    Tin viết \"the rate is at 6 percent of the\n    households in the communes\" như vậy.\n";
    assert_eq!(english_lines(long_quote), Vec::<(usize, String)>::new());
}
