//! `GET /api/v1/amendment`: a what-if scenario saved as an amendment file — exactly
//! the YAML `ntm new amendment` writes for the same arguments (the same library call,
//! `analysis::scaffold::new_amendment`), as a download.

use super::api::typed;
use super::api_reports::{date, set_by_id};
use super::fail::ApiError;
use super::query::Params;
use super::state::Loaded;
use super::words::Http;
use axum::response::Response;
use ntm::analysis::scaffold::{new_amendment, NewAmendment};
use ntm::core::date::Date;

/// `amends=ID&from=YYYY-MM-DD&set=P=V…[&id=][&document=][&jurisdiction=]`, the flags
/// of `ntm new amendment`; without `from`, the first day the what-if page proposes for
/// `year=` (`default_from`).
pub(crate) fn amendment(loaded: &Loaded, p: &Params) -> Result<Response, ApiError> {
    let lib = loaded.project.library();
    let base = set_by_id(lib, "amends", p)?;
    let valid_from = match (date(p, "from")?, p.year()?) {
        (Some(d), _) => d,
        (None, Some(year)) => default_from(year, base.valid_from),
        (None, None) => {
            return Err(ApiError::http(Http::MissingParam {
                name: "from".into(),
            }))
        }
    };
    let set = crate::request::set_pairs(&p.sets()?);
    let req = NewAmendment {
        base,
        id: p.get("id"),
        valid_from,
        document: p.get("document"),
        set: &set,
        jurisdiction: p.get("jurisdiction"),
    };
    let yaml = new_amendment(lib, &req)?;
    let file = format!("{}.yaml", file_name(&req.id()));
    Ok(typed(yaml, "text/yaml; charset=utf-8", Some(&file)))
}

/// The id as a plain file name (`bac-kan/xa/734-2017/sua-doi-2021` →
/// `bac-kan-xa-734-2017-sua-doi-2021`): ASCII letters, digits, `.`, `_`, `-` only, so
/// the header needs no encoding and the name carries no path.
fn file_name(id: &str) -> String {
    let s: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '-'
            }
        })
        .collect();
    match s.trim_matches(['-', '.']) {
        "" => "sua-doi".to_string(),
        t => t.to_string(),
    }
}

/// The first day proposed for an amendment of a set starting on `start`, seen in
/// `year`: 1 January of that year, or the day after the set starts when that is
/// later (an amendment starts after its base).
pub(crate) fn default_from(year: i32, start: Date) -> Date {
    let january = Date {
        year,
        month: 1,
        day: 1,
    };
    if january > start {
        january
    } else {
        day_after(start)
    }
}

fn day_after(d: Date) -> Date {
    let date =
        |year: i32, month: u8, day: u8| Date::parse(&format!("{year:04}-{month:02}-{day:02}"));
    date(d.year, d.month, d.day + 1)
        .or_else(|_| date(d.year, d.month + 1, 1))
        .unwrap_or(Date {
            year: d.year + 1,
            month: 1,
            day: 1,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn the_first_day_proposed_is_in_the_year_and_after_the_set_starts() {
        assert_eq!(default_from(2021, d("2017-05-29")), d("2021-01-01"));
        assert_eq!(default_from(2022, d("2022-07-15")), d("2022-07-16"));
        assert_eq!(default_from(2021, d("2021-01-01")), d("2021-01-02"));
        assert_eq!(day_after(d("2020-02-28")), d("2020-02-29"));
        assert_eq!(day_after(d("2021-02-28")), d("2021-03-01"));
        assert_eq!(day_after(d("2021-12-31")), d("2022-01-01"));
    }

    #[test]
    fn file_names_carry_no_path_and_no_encoding() {
        assert_eq!(
            file_name("bac-kan/xa/734-2017/sua-doi-2021"),
            "bac-kan-xa-734-2017-sua-doi-2021"
        );
        assert_eq!(file_name("../Sửa đổi"), "S-a---i");
        assert_eq!(file_name("/.."), "sua-doi");
    }
}
