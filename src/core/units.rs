//! Administrative unit kinds.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Deserialize,
    Serialize,
    schemars::JsonSchema,
)]
pub enum UnitKind {
    #[serde(rename = "xã", alias = "xa")]
    Xa,
    #[serde(rename = "thôn", alias = "thon", alias = "bản", alias = "ấp")]
    Thon,
    #[serde(rename = "thị trấn", alias = "thi tran")]
    ThiTran,
    #[serde(rename = "huyện", alias = "huyen")]
    Huyen,
    #[serde(rename = "tỉnh", alias = "tinh")]
    Tinh,
}

impl UnitKind {
    pub fn code(self) -> &'static str {
        match self {
            UnitKind::Xa => "xã",
            UnitKind::Thon => "thôn",
            UnitKind::ThiTran => "thị trấn",
            UnitKind::Huyen => "huyện",
            UnitKind::Tinh => "tỉnh",
        }
    }

    pub fn parse(s: &str) -> Option<UnitKind> {
        let k = crate::core::text::name_key(s);
        Some(match k.as_str() {
            "xã" | "xa" => UnitKind::Xa,
            "thôn" | "thon" | "bản" | "ấp" => UnitKind::Thon,
            "thị trấn" | "thi tran" => UnitKind::ThiTran,
            "huyện" | "huyen" => UnitKind::Huyen,
            "tỉnh" | "tinh" => UnitKind::Tinh,
            _ => return None,
        })
    }
}

/// A name as officials type it, with the kind word before it ("xã Bằng Vân", "TT Nà
/// Phặc", "thi tran Van Tung"): the kind (none for "phường", which ntm has no kind for)
/// and the name after it. `None` when the name starts with no kind word or is only one.
pub fn split_kind_prefix(name: &str) -> Option<(Option<UnitKind>, String)> {
    let name = crate::core::text::norm(name);
    let trimmed = name.trim_start();
    const PREFIXES: [(&str, Option<UnitKind>); 10] = [
        ("thị trấn", Some(UnitKind::ThiTran)),
        ("thi tran", Some(UnitKind::ThiTran)),
        ("tt.", Some(UnitKind::ThiTran)),
        ("tt", Some(UnitKind::ThiTran)),
        ("xã", Some(UnitKind::Xa)),
        ("xa", Some(UnitKind::Xa)),
        ("thôn", Some(UnitKind::Thon)),
        ("thon", Some(UnitKind::Thon)),
        ("phường", None),
        ("phuong", None),
    ];
    PREFIXES.iter().find_map(|(p, kind)| {
        // As many characters as the kind word has, compared without case (NFC).
        let n = p.chars().count();
        let cut = trimmed
            .char_indices()
            .nth(n)
            .map_or(trimmed.len(), |(i, _)| i);
        let head = trimmed[..cut].to_lowercase();
        let rest = &trimmed[cut..];
        // The word must end there ("TT." or a space): "Thông" is not "thô" + "ng".
        let ends = p.ends_with('.') || rest.starts_with(char::is_whitespace);
        let rest = rest.trim();
        (head == *p && ends && !rest.is_empty()).then(|| (*kind, rest.to_string()))
    })
}

impl fmt::Display for UnitKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_words_before_a_name_are_split_off() {
        assert_eq!(
            split_kind_prefix("xã Bằng Vân"),
            Some((Some(UnitKind::Xa), "Bằng Vân".to_string()))
        );
        assert_eq!(
            split_kind_prefix("  Thị Trấn  Nà Phặc"),
            Some((Some(UnitKind::ThiTran), "Nà Phặc".to_string()))
        );
        assert_eq!(
            split_kind_prefix("TT.Nà Phặc"),
            Some((Some(UnitKind::ThiTran), "Nà Phặc".to_string()))
        );
        assert_eq!(
            split_kind_prefix("thon Na Ngan"),
            Some((Some(UnitKind::Thon), "Na Ngan".to_string()))
        );
        assert_eq!(
            split_kind_prefix("phường Đức Xuân"),
            Some((None, "Đức Xuân".to_string()))
        );
        // A name that merely begins with the letters of a kind word, or the word alone.
        assert_eq!(split_kind_prefix("Xuân Lạc"), None);
        assert_eq!(split_kind_prefix("Thông Nông"), None);
        assert_eq!(split_kind_prefix("xã"), None);
    }
}
