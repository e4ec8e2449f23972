//! YAML for generated files, through the serializer (serde-saphyr): quoting, escapes
//! and control characters are handled in one place, so no value written into a
//! generated file (a name, a label, a path typed by a user) can change its structure.

use crate::core::diag::{Diagnostic, Diagnostics, Span};
use serde::Serialize;

/// A value as a YAML document (no `---`, no directive).
pub fn to_yaml<T: Serialize>(v: &T) -> Result<String, Diagnostics> {
    serde_saphyr::to_string(v).map_err(|e| {
        Diagnostics(vec![Diagnostic::error(
            Span::file_only("ntm new"),
            crate::core::problem::AuthoringProblem::ScaffoldYaml {
                detail: e.to_string(),
            },
        )])
    })
}

/// YAML shown as an example in comments: every line behind `# `, so that even a value
/// written over several lines stays inside the comment.
pub fn commented<T: Serialize>(v: &T) -> Result<String, Diagnostics> {
    Ok(to_yaml(v)?.lines().map(|l| format!("#   {l}\n")).collect())
}

/// A request `ntm new` cannot make a file from.
pub(super) fn usage(problem: crate::core::problem::AuthoringProblem) -> Diagnostics {
    Diagnostics(vec![Diagnostic::error(Span::file_only("ntm new"), problem)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};
    use std::path::Path;

    /// Strings a user may type into a name, a label or a document number.
    pub(crate) const HOSTILE: &[&str] = &[
        "say \"hi\" and 'bye'",
        "key: value",
        "a # not a comment",
        "two\nlines\n",
        "bell\u{7} nul-free\u{1b}[31m escape\ttab\r\n",
        "=HYPERLINK(\"http://x\")",
        "- list? no",
        "{flow: map}",
        "[1, 2]",
        "&anchor *alias !tag %directive @at `tick`",
        "yes",
        "~",
        "null",
        "0x1F",
        "1e3",
        "2024-01-01",
        "   leading and trailing spaces   ",
        "",
        "\u{feff}bom \u{2028} line separator \u{85} next line",
        "Điện: hộ dùng điện ≥ 95 %",
    ];

    #[test]
    fn hostile_strings_load_back_to_the_same_values() {
        for s in HOSTILE {
            let v = json!({"ruleset": {"id": s, "title": s}, "list": [s, {"k": s}], "n": 85.5});
            let y = to_yaml(&v).unwrap();
            let back: Value = crate::core::loader::from_yaml(Path::new("t.yaml"), &y)
                .unwrap_or_else(|d| panic!("{s:?} → {y}\n{d:?}"));
            assert_eq!(v, back, "{s:?} → {y}");
        }
    }

    #[test]
    fn hostile_strings_stay_inside_an_example_comment() {
        for s in HOSTILE {
            let c = commented(&json!({"label": s})).unwrap();
            assert!(c.lines().all(|l| l.starts_with('#')), "{s:?} → {c}");
            assert!(!c.contains('\r'), "{s:?} → {c}");
        }
    }
    #[test]
    fn a_rule_file_round_trips() {
        let src = r#"
ruleset:
  id: a/b
  valid_from: 2020-01-01
criteria:
  - id: "4"
    name: "Điện: hộ"
    expr: |
      a >= 1 &&
        b
    indicators: []
tests:
  - {name: x, year: 2020, expect: {indicators: {"4.2": pass}}, values: {a: 85.5, b: "yes"}}
"#;
        let v: Value = crate::core::loader::from_yaml(Path::new("t.yaml"), src).unwrap();
        let y = to_yaml(&v).unwrap();
        let back: Value = crate::core::loader::from_yaml(Path::new("t.yaml"), &y).unwrap();
        assert_eq!(v, back, "{y}");
    }
}
