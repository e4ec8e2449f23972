//! Result codes read back (test cases, published lists) and written where a code stands
//! alone, outside serde (CSV, findings): the same codes the JSON writes.

use super::{Basis, Outcome, Recognisable, Status, Verdict};
use crate::data::model::Provenance;
use crate::rules::model::SourceLevel;

/// Reading the statuses test cases expect (codes or the Vietnamese words).
impl Status {
    /// The code the JSON writes: `met`, `not_met`, `missing`, `not_applicable`.
    pub fn code(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::NotMet => "not_met",
            Status::Missing => "missing",
            Status::NotApplicable => "not_applicable",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        match crate::core::text::name_key(s).as_str() {
            "met" | "đạt" => Some(Status::Met),
            "not_met" | "chưa đạt" => Some(Status::NotMet),
            "missing" | "thiếu dữ liệu" => Some(Status::Missing),
            "not_applicable" | "không áp dụng" => Some(Status::NotApplicable),
            _ => None,
        }
    }
}

impl Outcome {
    pub fn parse(s: &str) -> Option<Outcome> {
        match crate::core::text::name_key(s).as_str() {
            "pass" | "đạt" => Some(Outcome::Pass),
            "fail" | "chưa đạt" => Some(Outcome::Fail),
            "missing" | "thiếu dữ liệu" => Some(Outcome::Missing),
            "not_applicable" | "không áp dụng" => Some(Outcome::NotApplicable),
            _ => None,
        }
    }
}

impl Verdict {
    /// The code the JSON writes (and CSV and findings): `met`, `not_met`, `incomplete`.
    pub fn code(self) -> &'static str {
        match self {
            Verdict::Met => "met",
            Verdict::NotMet => "not_met",
            Verdict::Incomplete => "incomplete",
        }
    }

    pub fn parse(s: &str) -> Option<Verdict> {
        match crate::core::text::name_key(s).as_str() {
            "met" | "đạt chuẩn" => Some(Verdict::Met),
            "not_met" | "chưa đạt chuẩn" => Some(Verdict::NotMet),
            "incomplete" | "chưa đủ dữ liệu" => Some(Verdict::Incomplete),
            _ => None,
        }
    }
}

impl Recognisable {
    pub fn parse(s: &str) -> Option<Recognisable> {
        match crate::core::text::name_key(s).as_str() {
            "recognisable" => Some(Recognisable::Recognisable),
            "not_recognisable" => Some(Recognisable::NotRecognisable),
            "incomplete" => Some(Recognisable::Incomplete),
            _ => None,
        }
    }
}

impl Basis {
    /// The code the JSON writes: `computed`, `declared`, `none`, `merged`.
    pub fn code(self) -> &'static str {
        match self {
            Basis::Computed => "computed",
            Basis::Declared => "declared",
            Basis::None => "none",
            Basis::Merged => "merged",
        }
    }
}

impl SourceLevel {
    /// The code the JSON writes: `official`, `secondary`, `none`.
    pub fn code(self) -> &'static str {
        match self {
            SourceLevel::Official => "official",
            SourceLevel::Secondary => "secondary",
            SourceLevel::None => "none",
        }
    }
}

impl Provenance {
    /// The code the JSON writes: `published`, `illustrative`.
    pub fn code(self) -> &'static str {
        match self {
            Provenance::Published => "published",
            Provenance::Illustrative => "illustrative",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::units::UnitKind;
    use crate::rules::model::Stage;

    /// Every code written outside serde is the one serde writes.
    #[test]
    fn codes_are_serdes() {
        fn serde<T: serde::Serialize>(v: T) -> String {
            serde_json::to_value(v)
                .unwrap()
                .as_str()
                .unwrap()
                .to_string()
        }
        for s in [
            Status::Met,
            Status::NotMet,
            Status::Missing,
            Status::NotApplicable,
        ] {
            assert_eq!(s.code(), serde(s));
        }
        for b in [Basis::Computed, Basis::Declared, Basis::None, Basis::Merged] {
            assert_eq!(b.code(), serde(b));
        }
        for v in [Verdict::Met, Verdict::NotMet, Verdict::Incomplete] {
            assert_eq!(v.code(), serde(v));
        }
        for l in [
            SourceLevel::Official,
            SourceLevel::Secondary,
            SourceLevel::None,
        ] {
            assert_eq!(l.code(), serde(l));
        }
        for p in [Provenance::Published, Provenance::Illustrative] {
            assert_eq!(p.code(), serde(p));
        }
        for s in [Stage::Ntm, Stage::NtmNangCao] {
            assert_eq!(s.code(), serde(s));
        }
        let kinds = [
            UnitKind::Xa,
            UnitKind::Thon,
            UnitKind::ThiTran,
            UnitKind::Huyen,
            UnitKind::Tinh,
        ];
        for k in kinds {
            assert_eq!(k.code(), serde(k));
        }
    }
}
