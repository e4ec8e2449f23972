//! Result codes read back (test cases, published lists) and written where a code stands
//! alone, outside serde (CSV, findings): the same codes the JSON writes.

use super::{Outcome, Recognisable, Status, Verdict};

/// Reading the statuses test cases expect (codes or the Vietnamese words).
impl Status {
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
