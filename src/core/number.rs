//! Reading numbers written the Vietnamese way (`85,5`, `85,5%`, `1.234,5`) without ever
//! guessing: a form that could mean two different numbers is rejected with a message.

use serde::{Deserialize, Serialize};

/// How a dataset writes its numbers. `auto` accepts both conventions but refuses the
/// forms that are ambiguous between them (`1.234`, `1,234`).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum NumberFormat {
    #[default]
    Auto,
    /// Vietnamese: `,` is the decimal mark, `.` groups thousands.
    Vi,
    /// English: `.` is the decimal mark, `,` groups thousands.
    En,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ParsedNumber {
    pub value: f64,
    pub percent_sign: bool,
}

/// Why a text is not read as a number (the text is in [`NumberError`]).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum NumberFault {
    NotANumber,
    /// More than one decimal mark `mark`.
    TwoDecimalMarks {
        mark: char,
    },
    /// `sep` read as a thousands separator, but the digit groups are not of three.
    BadGroups {
        sep: char,
    },
    /// One separator followed by three digits: `thousands` or `decimal`.
    Ambiguous {
        thousands: String,
        decimal: String,
    },
    TooLarge,
}

/// A text that is not a number, and why; displayed in English (for the English
/// catalogue and for logs; the Vietnamese catalogue words the fault).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumberError {
    pub raw: String,
    pub fault: NumberFault,
}

impl std::fmt::Display for NumberError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let raw = &self.raw;
        match &self.fault {
            NumberFault::NotANumber => write!(f, "`{raw}` is not a number"),
            NumberFault::TwoDecimalMarks { mark } => {
                write!(f, "`{raw}` has more than one decimal mark `{mark}`")
            }
            NumberFault::BadGroups { sep } => write!(
                f,
                "`{raw}`: `{sep}` is read as a thousands separator here, but the digit groups are not of three"
            ),
            NumberFault::Ambiguous { thousands, decimal } => write!(
                f,
                "`{raw}` is ambiguous: it could be {thousands} (thousands) or {decimal} (decimal). \
                 Write it without the separator, or set `number_format: vi` or `en` for the dataset"
            ),
            NumberFault::TooLarge => write!(f, "`{raw}` is too large a number"),
        }
    }
}

fn fault(raw: &str, fault: NumberFault) -> NumberError {
    NumberError {
        raw: raw.to_string(),
        fault,
    }
}

fn check_groups(int_part: &str, sep: char, raw: &str) -> Result<String, NumberError> {
    let groups: Vec<&str> = int_part.split(sep).collect();
    let ok = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[0] != "0"
        && groups[1..].iter().all(|g| g.len() == 3);
    if ok {
        Ok(groups.concat())
    } else {
        Err(fault(raw, NumberFault::BadGroups { sep }))
    }
}

fn split_at_decimal(body: &str, dec: char, thou: char, raw: &str) -> Result<f64, NumberError> {
    let (int_part, frac) = match body.rfind(dec) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    if int_part.contains(dec) {
        return Err(fault(raw, NumberFault::TwoDecimalMarks { mark: dec }));
    }
    if let Some(f) = frac {
        if f.is_empty() || f.contains(thou) {
            return Err(fault(raw, NumberFault::NotANumber));
        }
    }
    let digits = if int_part.contains(thou) {
        check_groups(int_part, thou, raw)?
    } else {
        int_part.to_string()
    };
    if digits.is_empty() {
        return Err(fault(raw, NumberFault::NotANumber));
    }
    let text = match frac {
        Some(f) => format!("{digits}.{f}"),
        None => digits,
    };
    text.parse::<f64>()
        .map_err(|_| fault(raw, NumberFault::NotANumber))
}

/// A number's text without its sign and `%`: whether it is negative, its digits and
/// separators, whether a `%` was written.
fn parts(raw: &str) -> (bool, &str, bool) {
    let s = raw.trim();
    let (s, percent_sign) = match s.strip_suffix('%') {
        Some(rest) => (rest.trim_end(), true),
        None => (s, false),
    };
    match s.strip_prefix('-') {
        Some(rest) => (true, rest, percent_sign),
        None => (false, s.strip_prefix('+').unwrap_or(s), percent_sign),
    }
}

/// Parse one cell. Returns the value and whether a `%` sign was written.
pub fn parse_number(raw: &str, format: NumberFormat) -> Result<ParsedNumber, NumberError> {
    let (neg, body, percent_sign) = parts(raw);
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(fault(raw, NumberFault::NotANumber));
    }
    let dots = body.matches('.').count();
    let commas = body.matches(',').count();
    let value = match format {
        NumberFormat::Vi => split_at_decimal(body, ',', '.', raw)?,
        NumberFormat::En => split_at_decimal(body, '.', ',', raw)?,
        NumberFormat::Auto => {
            let last_dot = body.rfind('.');
            let last_comma = body.rfind(',');
            match (last_dot, last_comma) {
                (Some(d), Some(c)) if c > d => split_at_decimal(body, ',', '.', raw)?,
                (Some(_), Some(_)) => split_at_decimal(body, '.', ',', raw)?,
                (None, None) => split_at_decimal(body, '.', ',', raw)?,
                (Some(_), None) => auto_single(body, '.', ',', dots, raw)?,
                (None, Some(_)) => auto_single(body, ',', '.', commas, raw)?,
            }
        }
    };
    // Hundreds of digits overflow to infinity: refused, never clamped.
    if !value.is_finite() {
        return Err(fault(raw, NumberFault::TooLarge));
    }
    Ok(ParsedNumber {
        value: if neg { -value } else { value },
        percent_sign,
    })
}

/// The common forms — digits, with one decimal mark and digits after it, a sign, a
/// `%` — read without allocating, exactly as `parse_number` reads them (a national
/// dataset has millions of cells); `None` for any other form, which `parse_number`
/// then reads or says why not.
pub fn parse_plain_number(raw: &str, format: NumberFormat) -> Option<ParsedNumber> {
    let (neg, body, percent_sign) = parts(raw);
    let b = body.as_bytes();
    let value = match b.iter().position(|c| !c.is_ascii_digit()) {
        None if b.is_empty() => return None,
        None => body.parse::<f64>().ok()?,
        Some(i) => {
            let (mark, int, frac) = (b[i], &b[..i], &b[i + 1..]);
            let decimal = match format {
                NumberFormat::Vi => mark == b',',
                NumberFormat::En => mark == b'.',
                // One separator and three digits could be thousands: `parse_number` says so.
                NumberFormat::Auto => {
                    (mark == b'.' || mark == b',')
                        && (frac.len() != 3 || int == b"0" || int.len() > 3)
                }
            };
            if !decimal || int.is_empty() || frac.is_empty() {
                return None;
            }
            if !frac.iter().all(u8::is_ascii_digit) {
                return None;
            }
            // `int.frac` on the stack, read as `parse_number` reads the string it builds.
            let mut buf = [0u8; 48];
            let text = buf.get_mut(..b.len())?;
            text.copy_from_slice(b);
            text[i] = b'.';
            std::str::from_utf8(text).ok()?.parse::<f64>().ok()?
        }
    };
    value.is_finite().then_some(ParsedNumber {
        value: if neg { -value } else { value },
        percent_sign,
    })
}

/// Only one kind of separator is present: several of them can only group thousands;
/// one followed by exactly three digits could be either, and is refused.
fn auto_single(
    body: &str,
    sep: char,
    other: char,
    count: usize,
    raw: &str,
) -> Result<f64, NumberError> {
    if count > 1 {
        return check_groups(body, sep, raw)?
            .parse::<f64>()
            .map_err(|_| fault(raw, NumberFault::NotANumber));
    }
    let (int_part, frac) = body.split_once(sep).unwrap_or((body, ""));
    if frac.len() == 3 && !int_part.is_empty() && int_part != "0" && int_part.len() <= 3 {
        return Err(fault(
            raw,
            NumberFault::Ambiguous {
                thousands: format!("{int_part}{frac}"),
                decimal: format!("{int_part}.{frac}"),
            },
        ));
    }
    split_at_decimal(body, sep, other, raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auto(s: &str) -> Result<f64, String> {
        parse_number(s, NumberFormat::Auto)
            .map(|p| p.value)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn vietnamese_forms() {
        assert_eq!(auto("85,5"), Ok(85.5));
        assert_eq!(auto("1.234,5"), Ok(1234.5));
        assert_eq!(auto("1.234.567"), Ok(1234567.0));
        let p = parse_number("85,5%", NumberFormat::Auto).unwrap();
        assert_eq!((p.value, p.percent_sign), (85.5, true));
        assert_eq!(
            parse_number("1.234", NumberFormat::Vi).unwrap().value,
            1234.0
        );
        assert_eq!(
            parse_number("1,234", NumberFormat::Vi).unwrap().value,
            1.234
        );
    }

    #[test]
    fn english_and_plain_forms() {
        assert_eq!(auto("85.5"), Ok(85.5));
        assert_eq!(auto("1,234.5"), Ok(1234.5));
        assert_eq!(auto("0.234"), Ok(0.234));
        assert_eq!(auto("-3"), Ok(-3.0));
        assert_eq!(
            parse_number("1.234", NumberFormat::En).unwrap().value,
            1.234
        );
    }

    #[test]
    fn ambiguous_and_malformed_are_refused() {
        assert!(auto("1.234").unwrap_err().contains("ambiguous"));
        assert!(auto("1,234").unwrap_err().contains("ambiguous"));
        assert!(auto("12,34,5").is_err());
        assert!(auto("85,5,1").is_err());
        assert!(auto("abc").is_err());
        assert!(auto("").is_err());
        assert!(auto("1.2.3,4").is_err());
        assert!(parse_number("85.5", NumberFormat::Vi).is_err());
    }
}
