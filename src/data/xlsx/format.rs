//! A cell's value as Excel shows it, from the value and its number format: a number
//! in a percent format is the percentage shown, a percent sign written as a literal
//! (`0.0"%"`, `0.0\%`) shows the number itself followed by `%`, and a date is a date.

use crate::core::number::NumberFormat;

/// What a number format does to the number it shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shown {
    /// The number as it is.
    Plain,
    /// Multiplied by 100 and followed by `%` (a `%` in the format's code).
    Percent,
    /// Followed by a `%` written as a literal: the number itself is the percentage.
    LiteralPercent,
}

/// How the first section of a format code (the one for positive numbers) shows a
/// number: a `%` outside quotes, brackets and escapes scales it; one inside only shows.
pub(super) fn shown_by(code: &str) -> Shown {
    let (mut quoted, mut escaped, mut bracket) = (false, false, false);
    let mut literal = false;
    for c in code.chars() {
        match c {
            _ if escaped => {
                escaped = false;
                literal |= c == '%';
            }
            '"' => quoted = !quoted,
            '%' if quoted => literal = true,
            _ if quoted => {}
            '\\' | '_' | '*' => escaped = true,
            '[' => bracket = true,
            ']' => bracket = false,
            _ if bracket => {}
            ';' => break,
            '%' => return Shown::Percent,
            _ => {}
        }
    }
    if literal {
        Shown::LiteralPercent
    } else {
        Shown::Plain
    }
}

/// A number shown as a percentage, written so that the number reader takes it back
/// exactly: `0.855` → `85,5%` (`85.5%` for English-format datasets); three decimals
/// get a fourth so that they cannot be read as thousands.
pub(super) fn percent_text(x: f64, format: NumberFormat) -> String {
    let p = (x * 100.0 * 1e9).round() / 1e9;
    let mut s = format!("{p}");
    if let Some(i) = s.find('.') {
        if s.len() - i - 1 == 3 {
            s.push('0');
        }
    }
    if format != NumberFormat::En {
        s = s.replace('.', ",");
    }
    s + "%"
}

pub(super) fn number_text(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// A date as ntm writes dates (`2023-01-01`), with the time when it has one.
pub(super) fn date_text(d: &calamine::ExcelDateTime) -> String {
    let (y, mo, day, h, mi, s, _) = d.to_ymd_hms_milli();
    if d.is_duration() {
        let hours = (d.as_f64() * 24.0).floor();
        return format!("{hours}:{mi:02}:{s:02}");
    }
    if (h, mi, s) == (0, 0, 0) {
        format!("{y:04}-{mo:02}-{day:02}")
    } else {
        format!("{y:04}-{mo:02}-{day:02} {h:02}:{mi:02}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_signs_scale_only_outside_literals() {
        assert_eq!(shown_by("0%"), Shown::Percent);
        assert_eq!(shown_by("0.00%"), Shown::Percent);
        assert_eq!(shown_by("0.0\"%\""), Shown::LiteralPercent);
        assert_eq!(shown_by("0.0\\%"), Shown::LiteralPercent);
        assert_eq!(shown_by("#,##0.0"), Shown::Plain);
        assert_eq!(shown_by("[Red]0.0;[Blue]0%"), Shown::Plain);
        assert_eq!(shown_by("General"), Shown::Plain);
    }

    #[test]
    fn percentages_are_written_back_exactly() {
        assert_eq!(percent_text(0.855, NumberFormat::Auto), "85,5%");
        assert_eq!(percent_text(0.855, NumberFormat::En), "85.5%");
        assert_eq!(percent_text(0.85125, NumberFormat::Auto), "85,1250%");
        assert_eq!(percent_text(1.0, NumberFormat::Vi), "100%");
        let back = crate::core::number::parse_number("85,1250%", NumberFormat::Auto).unwrap();
        assert_eq!(back.value, 85.125);
    }

    #[test]
    fn dates_read_as_written() {
        let d = calamine::ExcelDateTime::new(44927.0, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(date_text(&d), "2023-01-01");
    }
}
