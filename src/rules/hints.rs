//! What people who do not write code type in an expression instead of the operator
//! Rhai expects (`≥`, `và`, `and`, a single `=` …), found so that a syntax error can
//! name the operator to write.

/// A wrong operator in an expression: where it is (1-based line and column in the
/// expression text), what was typed and what to write instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OperatorSlip {
    pub line: usize,
    pub column: usize,
    pub found: String,
    pub write: &'static str,
}

const SYMBOLS: &[(&str, &str)] = &[
    ("≥", ">="),
    ("≤", "<="),
    ("≠", "!="),
    ("=>", ">="),
    ("=<", "<="),
    ("<>", "!="),
    ("＞", ">"),
    ("＜", "<"),
];

const WORDS: &[(&str, &str)] = &[
    ("và", "&&"),
    ("and", "&&"),
    ("hoặc", "||"),
    ("hoac", "||"),
    ("or", "||"),
    ("không", "!"),
    ("not", "!"),
];

/// The first operator slip outside quoted text, if any.
pub fn operator_slip(expr: &str) -> Option<OperatorSlip> {
    let expr = crate::core::text::norm(expr);
    let chars: Vec<char> = expr.chars().collect();
    let (mut line, mut column) = (1, 1);
    let mut quote: Option<char> = None;
    let mut i = 0;
    let at = |i: usize, s: &str| {
        let w: Vec<char> = s.chars().collect();
        chars.get(i..i + w.len()) == Some(&w[..])
    };
    while i < chars.len() {
        let c = chars[i];
        let found = |found: String, write| {
            Some(OperatorSlip {
                line,
                column,
                found,
                write,
            })
        };
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
        } else if c == '"' || c == '\'' || c == '`' {
            quote = Some(c);
        } else if let Some((s, w)) = SYMBOLS.iter().find(|(s, _)| at(i, s)) {
            return found(s.to_string(), w);
        } else if c == '=' {
            let prev = i.checked_sub(1).map(|p| chars[p]);
            let next = chars.get(i + 1).copied();
            let part_of_op = matches!(prev, Some('=' | '!' | '<' | '>')) || next == Some('=');
            if !part_of_op {
                return found("=".into(), "==");
            }
        } else if c.is_alphabetic() && (i == 0 || !is_word(chars[i - 1])) {
            let end = (i..chars.len())
                .find(|&j| !is_word(chars[j]))
                .unwrap_or(chars.len());
            let word: String = chars[i..end].iter().collect();
            let lower = word.to_lowercase();
            if let Some((_, w)) = WORDS.iter().find(|(k, _)| *k == lower) {
                return found(word, w);
            }
            column += end - i;
            i = end;
            continue;
        }
        if c == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
        i += 1;
    }
    None
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slip(e: &str) -> Option<(usize, usize, String, &'static str)> {
        operator_slip(e).map(|s| (s.line, s.column, s.found, s.write))
    }

    #[test]
    fn finds_what_staff_type_instead_of_operators() {
        assert_eq!(slip("a ≥ b"), Some((1, 3, "≥".into(), ">=")));
        assert_eq!(slip("a ≠ b"), Some((1, 3, "≠".into(), "!=")));
        assert_eq!(slip("a >= b và c"), Some((1, 8, "và".into(), "&&")));
        assert_eq!(slip("a >= b AND c"), Some((1, 8, "AND".into(), "&&")));
        assert_eq!(slip("a >= b hoặc c"), Some((1, 8, "hoặc".into(), "||")));
        assert_eq!(slip("a or b"), Some((1, 3, "or".into(), "||")));
        assert_eq!(slip("a = true"), Some((1, 3, "=".into(), "==")));
        assert_eq!(slip("a &&\n  b => 1"), Some((2, 5, "=>".into(), ">=")));
    }

    #[test]
    fn leaves_correct_expressions_and_texts_alone() {
        assert_eq!(slip("a >= b && c == d || e != f && g <= h"), None);
        assert_eq!(slip("ten == \"và = hoặc\""), None);
        assert_eq!(slip("android >= order"), None);
    }
}
