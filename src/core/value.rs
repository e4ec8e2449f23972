//! Typed values. Dataset cells are typed against the field dictionary *before* any
//! expression runs, because Rhai compares mismatched types as `false` without error.

use crate::core::number::{parse_number, NumberFormat};
use crate::core::text::name_key;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    Number,
    Percent,
    Count,
    Bool,
    Text,
}

impl FieldType {
    pub fn label(self) -> &'static str {
        match self {
            FieldType::Number => "number",
            FieldType::Percent => "percent",
            FieldType::Count => "count",
            FieldType::Bool => "bool",
            FieldType::Text => "text",
        }
    }
}

/// A scalar as written in YAML.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Scalar {
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
}

#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Value {
    Bool(bool),
    Int(i64),
    Number(f64),
    Text(String),
}

impl Value {
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Int(i) => Some(*i as f64),
            Value::Number(x) => Some(*x),
            _ => None,
        }
    }

    pub fn to_dynamic(&self) -> rhai::Dynamic {
        match self {
            Value::Bool(b) => (*b).into(),
            Value::Int(i) => (*i).into(),
            Value::Number(x) => (*x).into(),
            Value::Text(s) => s.clone().into(),
        }
    }

    pub fn from_dynamic(d: &rhai::Dynamic) -> Option<Value> {
        if let Ok(b) = d.as_bool() {
            return Some(Value::Bool(b));
        }
        if let Ok(i) = d.as_int() {
            return Some(Value::Int(i));
        }
        if let Ok(x) = d.as_float() {
            return Some(Value::Number(x));
        }
        if d.is_string() {
            return Some(Value::Text(d.clone().into_string().ok()?));
        }
        None
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Bool(true) => f.write_str("có"),
            Value::Bool(false) => f.write_str("không"),
            Value::Int(i) => write!(f, "{i}"),
            Value::Number(x) => f.write_str(&format_number(*x)),
            Value::Text(s) => f.write_str(s),
        }
    }
}

/// Numbers shown the Vietnamese way: decimal comma, at most two decimals, no noise.
pub fn format_number(x: f64) -> String {
    let s = format!("{:.2}", x);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.replace('.', ",")
}

/// Words accepted for yes/no (and met/not met) cells.
pub fn parse_bool(s: &str) -> Option<bool> {
    // The words as usually written are their own keys: no key to build for them.
    bool_word(s).or_else(|| bool_word(&name_key(s)))
}

fn bool_word(key: &str) -> Option<bool> {
    match key {
        "1" | "true" | "có" | "co" | "x" | "đạt" | "dat" | "yes" | "đúng" => Some(true),
        "0" | "false" | "không" | "khong" | "chưa đạt" | "chua dat" | "không đạt" | "no" => {
            Some(false)
        }
        _ => None,
    }
}

/// A cell as read from a file: YAML gives typed scalars, CSV gives text.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Scalar(Scalar),
    Text(String),
}

impl Cell {
    pub fn is_blank(&self) -> bool {
        matches!(self, Cell::Text(s) if s.trim().is_empty())
            || matches!(self, Cell::Scalar(Scalar::Text(s)) if s.trim().is_empty())
    }
    fn as_text(&self) -> Option<&str> {
        match self {
            Cell::Text(s) | Cell::Scalar(Scalar::Text(s)) => Some(s),
            _ => None,
        }
    }
}

/// A cell as written, for messages.
pub fn shown(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) => s.clone(),
        Cell::Scalar(s) => match s {
            Scalar::Bool(b) => b.to_string(),
            Scalar::Int(i) => i.to_string(),
            Scalar::Float(x) => x.to_string(),
            Scalar::Text(t) => t.clone(),
        },
    }
}

/// Type one cell against a field type. The error text says what was expected.
pub fn type_cell(cell: &Cell, ty: FieldType, format: NumberFormat) -> Result<Value, CellError> {
    let shown = shown(cell);
    let err = |fault| CellError {
        ty,
        shown: shown.clone(),
        fault,
    };
    let number = |cell: &Cell| match cell {
        Cell::Scalar(Scalar::Int(i)) => Ok((*i as f64, false)),
        Cell::Scalar(Scalar::Float(x)) => Ok((*x, false)),
        Cell::Scalar(Scalar::Bool(_)) => Err(err(CellFault::YesNoForNumber)),
        _ if looks_like_date(&shown) => Err(err(CellFault::Date)),
        _ => parse_number(cell.as_text().unwrap_or_default(), format)
            .map(|p| (p.value, p.percent_sign))
            .map_err(|e| err(CellFault::Number { fault: e.fault })),
    };
    match ty {
        FieldType::Number | FieldType::Percent => {
            let (x, percent_sign) = number(cell)?;
            if percent_sign && ty != FieldType::Percent {
                return Err(err(CellFault::PercentSign));
            }
            if !x.is_finite() {
                return Err(err(CellFault::NotFinite));
            }
            Ok(Value::Number(x))
        }
        FieldType::Count => {
            let (x, _) = number(cell)?;
            if x.fract() != 0.0 || !x.is_finite() {
                return Err(err(CellFault::NotWhole));
            }
            // Beyond 2^53 a count is no longer exact, and `as i64` would clamp it.
            if x.abs() > crate::core::limits::MAX_COUNT {
                return Err(err(CellFault::TooLargeCount {
                    max: crate::core::limits::MAX_COUNT as i64,
                }));
            }
            Ok(Value::Int(x as i64))
        }
        FieldType::Bool => match cell {
            Cell::Scalar(Scalar::Bool(b)) => Ok(Value::Bool(*b)),
            Cell::Scalar(Scalar::Int(1)) => Ok(Value::Bool(true)),
            Cell::Scalar(Scalar::Int(0)) => Ok(Value::Bool(false)),
            _ => parse_bool(&shown)
                .map(Value::Bool)
                .ok_or_else(|| err(CellFault::NotYesNo)),
        },
        FieldType::Text => Ok(Value::Text(crate::core::text::norm(&shown))),
    }
}

/// A text cell typed as `type_cell` types `Cell::Text(text)`, without allocating for
/// a number, a count or yes/no; `None` when it does not read as `ty` this way
/// (`type_cell` then reads it or says why not).
pub fn type_text(text: &str, ty: FieldType, format: NumberFormat) -> Option<Value> {
    match ty {
        FieldType::Number | FieldType::Percent => {
            let p = crate::core::number::parse_plain_number(text, format)?;
            (!p.percent_sign || ty == FieldType::Percent).then_some(Value::Number(p.value))
        }
        FieldType::Count => {
            // A `%` sign does not stop a count (as in `type_cell`).
            let x = crate::core::number::parse_plain_number(text, format)?.value;
            (x.fract() == 0.0 && x.abs() <= crate::core::limits::MAX_COUNT)
                .then_some(Value::Int(x as i64))
        }
        FieldType::Bool => parse_bool(text).map(Value::Bool),
        FieldType::Text => Some(Value::Text(crate::core::text::norm(text))),
    }
}

/// A date as ntm writes dates (and as a workbook's date cells are read):
/// `2023-01-01`, with a time or not — never a number, whatever Excel stores.
fn looks_like_date(s: &str) -> bool {
    s.get(..10)
        .is_some_and(|d| d.as_bytes()[4] == b'-' && crate::core::date::Date::parse(d).is_ok())
        && (s.len() == 10 || s.as_bytes()[10] == b' ')
}

/// Why a cell does not fit its field's type.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum CellFault {
    /// A yes/no where a number or a count is expected.
    YesNoForNumber,
    /// A text that is not read as a number.
    Number {
        fault: crate::core::number::NumberFault,
    },
    /// A `%` sign on a field that is not a percent.
    PercentSign,
    NotFinite,
    /// A count with a fraction.
    NotWhole,
    TooLargeCount {
        max: i64,
    },
    NotYesNo,
    /// A date (a workbook's date cell) where a number is expected.
    Date,
}

/// A cell that does not fit its field's type (`ty`), as written (`shown`); displayed
/// in English for the English catalogue and logs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellError {
    pub ty: FieldType,
    pub shown: String,
    pub fault: CellFault,
}

impl fmt::Display for CellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (shown, count) = (&self.shown, self.ty == FieldType::Count);
        let expected = if count {
            "a count".to_string()
        } else {
            format!("a {}", self.ty.label())
        };
        match &self.fault {
            CellFault::YesNoForNumber => write!(f, "expected {expected}, found `{shown}`"),
            CellFault::Number { fault } => {
                let e = crate::core::number::NumberError {
                    raw: shown.clone(),
                    fault: fault.clone(),
                };
                write!(f, "expected {expected}: {e}")
            }
            CellFault::PercentSign => write!(
                f,
                "`{shown}` has a % sign but the field is a {}, not a percent",
                self.ty.label()
            ),
            CellFault::NotFinite => write!(f, "`{shown}` is not a finite number"),
            CellFault::Date => write!(f, "`{shown}` is a date, not a number"),
            CellFault::NotWhole => write!(f, "expected a whole number (count), found `{shown}`"),
            CellFault::TooLargeCount { max } => {
                write!(f, "`{shown}` is too large for a count (at most {max})")
            }
            CellFault::NotYesNo => write!(
                f,
                "expected yes/no (có/không, đạt/chưa đạt, 1/0, true/false), found `{shown}`"
            ),
        }
    }
}

/// Default range for a field type when the rule file gives none.
pub fn default_range(ty: FieldType) -> Option<(f64, f64)> {
    match ty {
        FieldType::Percent => Some((0.0, 100.0)),
        FieldType::Count => Some((0.0, f64::INFINITY)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_cells_or_says_why_not() {
        let f = NumberFormat::Auto;
        let t = |s: &str| Cell::Text(s.to_string());
        assert_eq!(
            type_cell(&t("85,5%"), FieldType::Percent, f),
            Ok(Value::Number(85.5))
        );
        assert!(type_cell(&t("85,5%"), FieldType::Number, f).is_err());
        assert_eq!(type_cell(&t("12"), FieldType::Count, f), Ok(Value::Int(12)));
        assert!(type_cell(&t("12,5"), FieldType::Count, f).is_err());
        assert_eq!(
            type_cell(&t("Có"), FieldType::Bool, f),
            Ok(Value::Bool(true))
        );
        assert_eq!(
            type_cell(&t("chưa đạt"), FieldType::Bool, f),
            Ok(Value::Bool(false))
        );
        assert!(type_cell(&t("maybe"), FieldType::Bool, f).is_err());
        assert!(type_cell(&Cell::Scalar(Scalar::Bool(true)), FieldType::Number, f).is_err());
    }

    #[test]
    fn numbers_display_with_decimal_comma() {
        assert_eq!(format_number(85.5), "85,5");
        assert_eq!(format_number(36.0), "36");
        assert_eq!(format_number(0.126), "0,13");
    }
}
