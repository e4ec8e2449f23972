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
/// of `ntm new amendment`; without `from`, 1 January of `year=` (the what-if page's).
pub(crate) fn amendment(loaded: &Loaded, p: &Params) -> Result<Response, ApiError> {
    let lib = loaded.project.library();
    let base = set_by_id(lib, "amends", p)?;
    let valid_from = match (date(p, "from")?, p.year()?) {
        (Some(d), _) => d,
        (None, Some(year)) => Date {
            year,
            month: 1,
            day: 1,
        },
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

#[cfg(test)]
mod tests {
    use super::file_name;

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
