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

impl fmt::Display for UnitKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
