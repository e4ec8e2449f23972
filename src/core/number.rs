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

fn check_groups(int_part: &str, sep: char, raw: &str) -> Result<String, String> {
    let groups: Vec<&str> = int_part.split(sep).collect();
    let ok = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[0] != "0"
        && groups[1..].iter().all(|g| g.len() == 3);
    if ok {
        Ok(groups.concat())
    } else {
        Err(format!(
            "`{raw}`: `{sep}` is read as a thousands separator here, but the digit groups are not of three"
        ))
    }
}

fn split_at_decimal(body: &str, dec: char, thou: char, raw: &str) -> Result<f64, String> {
    let (int_part, frac) = match body.rfind(dec) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    if int_part.contains(dec) {
        return Err(format!("`{raw}` has more than one decimal mark `{dec}`"));
    }
    if let Some(f) = frac {
        if f.is_empty() || f.contains(thou) {
            return Err(format!("`{raw}` is not a number"));
        }
    }
    let digits = if int_part.contains(thou) {
        check_groups(int_part, thou, raw)?
    } else {
        int_part.to_string()
    };
    if digits.is_empty() {
        return Err(format!("`{raw}` is not a number"));
    }
    let text = match frac {
        Some(f) => format!("{digits}.{f}"),
        None => digits,
    };
    text.parse::<f64>()
        .map_err(|_| format!("`{raw}` is not a number"))
}

/// Parse one cell. Returns the value and whether a `%` sign was written.
pub fn parse_number(raw: &str, format: NumberFormat) -> Result<ParsedNumber, String> {
    let s = raw.trim();
    let (s, percent_sign) = match s.strip_suffix('%') {
        Some(rest) => (rest.trim_end(), true),
        None => (s, false),
    };
    let (neg, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(format!("`{raw}` is not a number"));
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
        return Err(format!("`{raw}` is too large a number"));
    }
    Ok(ParsedNumber {
        value: if neg { -value } else { value },
        percent_sign,
    })
}

/// Only one kind of separator is present: several of them can only group thousands;
/// one followed by exactly three digits could be either, and is refused.
fn auto_single(body: &str, sep: char, other: char, count: usize, raw: &str) -> Result<f64, String> {
    if count > 1 {
        return check_groups(body, sep, raw)?
            .parse::<f64>()
            .map_err(|_| format!("`{raw}` is not a number"));
    }
    let (int_part, frac) = body.split_once(sep).unwrap_or((body, ""));
    if frac.len() == 3 && !int_part.is_empty() && int_part != "0" && int_part.len() <= 3 {
        return Err(format!(
            "`{raw}` is ambiguous: it could be {int_part}{frac} (thousands) or {int_part}.{frac} (decimal). \
             Write it without the separator, or set `number_format: vi` or `en` for the dataset"
        ));
    }
    split_at_decimal(body, sep, other, raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auto(s: &str) -> Result<f64, String> {
        parse_number(s, NumberFormat::Auto).map(|p| p.value)
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
