//! Duplicate keys in JSON objects. `serde_json` keeps the last of two equal keys
//! without a word; a value given twice is a fault to be shown, not a guess to make.
//! A small scanner (strings, objects, arrays; nothing else needs understanding)
//! finds the first repeated key with its line and column.

use std::collections::HashSet;

/// The first key that repeats within one object: its text, line and column (1-based,
/// in characters). Malformed JSON is left to the parser: this returns `None` then.
pub fn first_duplicate_key(text: &str) -> Option<(String, usize, usize)> {
    // One frame per open object (its keys so far) or array (`None`).
    let mut stack: Vec<Option<HashSet<String>>> = Vec::new();
    let mut expect_key = false;
    let (mut line, mut col) = (1usize, 0usize);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        col += 1;
        match c {
            '\n' => {
                line += 1;
                col = 0;
            }
            '{' => {
                stack.push(Some(HashSet::new()));
                expect_key = true;
            }
            '[' => {
                stack.push(None);
                expect_key = false;
            }
            '}' | ']' => {
                stack.pop();
                expect_key = false;
            }
            ',' => expect_key = matches!(stack.last(), Some(Some(_))),
            ':' => expect_key = false,
            '"' => {
                let (start_line, start_col) = (line, col);
                let mut raw = String::from('"');
                let mut escaped = false;
                for d in chars.by_ref() {
                    col += 1;
                    raw.push(d);
                    if d == '\n' {
                        return None;
                    }
                    if escaped {
                        escaped = false;
                    } else if d == '\\' {
                        escaped = true;
                    } else if d == '"' {
                        break;
                    }
                }
                if expect_key {
                    let key: String = serde_json::from_str(&raw).unwrap_or(raw);
                    if let Some(Some(keys)) = stack.last_mut() {
                        if !keys.insert(key.clone()) {
                            return Some((key, start_line, start_col));
                        }
                    }
                    expect_key = false;
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_repeated_key_where_it_repeats() {
        let t = "{\"a\": 1,\n \"b\": {\"a\": 2, \"c\": [ {\"a\": 1}, {\"a\": 2} ]},\n \"a\": 3}";
        assert_eq!(first_duplicate_key(t), Some(("a".into(), 3, 2)));
        assert_eq!(first_duplicate_key("{\"a\": \"a\", \"b\": \"a\"}"), None);
        assert_eq!(
            first_duplicate_key("{\"\\u0061\": 1, \"a\": 2}"),
            Some(("a".into(), 1, 15))
        );
        assert_eq!(first_duplicate_key("[{\"x\":1},{\"x\":1}]"), None);
    }
}
