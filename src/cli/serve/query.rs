//! A request's parameters (repeatable, as `set=a=1&set=b=2`) and its language:
//! `?lang=en|vi`, else the first of `Accept-Language` ntm speaks, else Vietnamese.

use super::fail::ApiError;
use super::words::Http;
use axum::http::HeaderMap;
use ntm::render::Lang;

#[derive(Clone, Debug, Default)]
pub(crate) struct Params(Vec<(String, String)>);

impl Params {
    pub(crate) fn parse(raw: Option<&str>) -> Params {
        Params(serde_urlencoded::from_str(raw.unwrap_or("")).unwrap_or_default())
    }

    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }

    pub(crate) fn all(&self, key: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, v)| k == key && !v.is_empty())
            .map(|(_, v)| v.clone())
            .collect()
    }

    pub(crate) fn required(&self, key: &str) -> Result<&str, ApiError> {
        self.get(key).ok_or_else(|| {
            ApiError::http(Http::MissingParam {
                name: key.to_string(),
            })
        })
    }

    /// `year=`, within the years ntm accepts.
    pub(crate) fn year(&self) -> Result<Option<i32>, ApiError> {
        self.get("year")
            .map(|v| year_of(v).ok_or_else(|| bad("year", v)))
            .transpose()
    }

    /// `set=PARAM=VALUE`, repeatable, as `--set` takes them.
    pub(crate) fn sets(&self) -> Result<Vec<String>, ApiError> {
        let all = self.all("set");
        crate::request::sets("set", all.clone()).map_err(|_| {
            let v = all.iter().find(|v| !v.contains('=')).or(all.first());
            bad("set", v.map_or("", |s| s.as_str()))
        })
    }

    /// A yes/no flag (`1`, `true`, `yes`).
    pub(crate) fn flag(&self, key: &str) -> bool {
        matches!(self.get(key), Some("1" | "true" | "yes" | "on"))
    }
}

pub(crate) fn year_of(v: &str) -> Option<i32> {
    crate::request::year("year", Some(v.to_string()))
        .ok()
        .flatten()
}

pub(crate) fn bad(name: &str, value: &str) -> ApiError {
    ApiError::http(Http::BadParam {
        name: name.to_string(),
        value: value.chars().take(80).collect(),
    })
}

/// The language of the answer.
pub(crate) fn language(params: &Params, headers: &HeaderMap) -> Lang {
    if let Some(l) = params.get("lang").and_then(Lang::parse) {
        return l;
    }
    let accept = headers
        .get(axum::http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    accept
        .split(',')
        .filter_map(|tag| Lang::parse(tag.split(';').next().unwrap_or("")))
        .next()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_repeat_and_the_language_is_chosen() {
        let p = Params::parse(Some("year=2021&set=a%3D1&set=b=2&lang=en&unit=N%C3%A0+Y"));
        assert_eq!(p.year().unwrap(), Some(2021));
        assert_eq!(p.sets().unwrap(), vec!["a=1", "b=2"]);
        assert_eq!(p.get("unit"), Some("Nà Y"));
        assert_eq!(language(&p, &HeaderMap::new()), Lang::En);
        let mut h = HeaderMap::new();
        h.insert(
            "accept-language",
            "fr-FR, en-US;q=0.8, vi;q=0.5".parse().unwrap(),
        );
        assert_eq!(language(&Params::default(), &h), Lang::En);
        assert_eq!(language(&Params::default(), &HeaderMap::new()), Lang::Vi);
        assert!(Params::parse(Some("year=20x1")).year().is_err());
        assert!(Params::parse(Some("set=nope")).sets().is_err());
    }
}
