//! Calendar dates as written in rule files (`YYYY-MM-DD`), ordered, nothing more.

use serde::{Serialize, Serializer};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn parse(s: &str) -> Result<Date, String> {
        let err = || format!("`{s}` is not a date; write it as YYYY-MM-DD, e.g. 2019-02-13");
        let parts: Vec<&str> = s.trim().split('-').collect();
        if parts.len() != 3 || parts[0].len() != 4 {
            return Err(err());
        }
        let year: i32 = parts[0].parse().map_err(|_| err())?;
        let month: u8 = parts[1].parse().map_err(|_| err())?;
        let day: u8 = parts[2].parse().map_err(|_| err())?;
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return Err(err()),
        };
        if day == 0 || day > days {
            return Err(err());
        }
        Ok(Date { year, month, day })
    }

    /// The day before.
    pub fn pred(self) -> Date {
        if self.day > 1 {
            return Date {
                day: self.day - 1,
                ..self
            };
        }
        let (year, month) = if self.month == 1 {
            (self.year - 1, 12)
        } else {
            (self.year, self.month - 1)
        };
        let mut d = Date {
            year,
            month,
            day: 31,
        };
        while Date::parse(&d.to_string()).is_err() {
            d.day -= 1;
        }
        d
    }

    /// The day a year's status is assessed at: its last day.
    pub fn end_of_year(year: i32) -> Date {
        Date {
            year,
            month: 12,
            day: 31,
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// In JSON a date is a `YYYY-MM-DD` string.
impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string", "format": "date"})
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects() {
        assert_eq!(Date::parse("2019-02-13").unwrap().to_string(), "2019-02-13");
        assert!(Date::parse("2019-02-30").is_err());
        assert!(Date::parse("13/02/2019").is_err());
        assert!(Date::parse("2020-02-29").is_ok());
        assert_eq!(
            Date::parse("2021-03-01").unwrap().pred().to_string(),
            "2021-02-28"
        );
        assert_eq!(
            Date::parse("2021-01-01").unwrap().pred().to_string(),
            "2020-12-31"
        );
        assert_eq!(
            Date::parse("2021-06-16").unwrap().pred().to_string(),
            "2021-06-15"
        );
    }
}
