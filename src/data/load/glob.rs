//! File-name patterns of a dataset's `tables:` entries (`phu-luc-thon-*.csv`).

/// `*` (any run of characters) and `?` (one character) in a file name.
pub(super) fn glob_match(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    let (mut pi, mut ni, mut star, mut mark) = (0, 0, None, 0);
    while ni < n.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == n[ni]) {
            pi += 1;
            ni += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ni;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ni = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

pub(super) fn is_pattern(file: &str) -> bool {
    file.contains('*') || file.contains('?')
}

#[cfg(test)]
mod glob_tests {
    #[test]
    fn patterns_match_file_names() {
        assert!(super::glob_match(
            "phu-luc-thon-*.csv",
            "phu-luc-thon-2020.csv"
        ));
        assert!(!super::glob_match(
            "phu-luc-thon-*.csv",
            "phu-luc-xa-2020.csv"
        ));
        assert!(super::glob_match("bieu-202?.xlsx", "bieu-2021.xlsx"));
        assert!(super::glob_match("*", "a"));
    }
}
