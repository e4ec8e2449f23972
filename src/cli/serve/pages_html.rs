//! The web app's markup: the page shell (language, navigation, skip link, the one
//! stylesheet and script of `assets`), report tables from the shared view model,
//! escaping. No inline script or style: the Content-Security-Policy forbids them.

use super::fail::diagnostics_json;
use super::state::LoadStatus;
use super::words::Label;
pub(crate) use ntm::render::escape::html::esc;
use ntm::render::view::{Table, TableKind, V};
use ntm::render::{Catalog, Lang};
use std::fmt::Write as _;

/// A link within the app, keeping `?lang=en` when the page was asked for in English.
pub(crate) fn href(lang: Lang, path: &str, params: &[(&str, String)]) -> String {
    let mut pairs: Vec<(&str, String)> = params.to_vec();
    if lang == Lang::En {
        pairs.push(("lang", "en".into()));
    }
    let q = serde_urlencoded::to_string(&pairs).unwrap_or_default();
    if q.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{q}")
    }
}

/// A whole page: `active` marks the current item of the navigation.
pub(crate) fn page(
    lang: Lang,
    title: &str,
    active: Label,
    status: &LoadStatus,
    body: &str,
) -> String {
    let code = match lang {
        Lang::Vi => "vi",
        Lang::En => "en",
    };
    let mut s = format!(
        "<!doctype html>\n<html lang=\"{code}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{} — ntm</title><link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/assets/app.css\"><script src=\"/assets/app.js\" defer></script></head><body data-lang=\"{code}\"><a class=\"skip\" href=\"#main\">{}</a><header><p class=\"brand\">{}</p><nav aria-label=\"{}\"><ul>",
        esc(title),
        Label::Skip.text(lang),
        Label::App.text(lang),
        Label::App.text(lang),
    );
    for (label, path) in [
        (Label::Annex, "/"),
        (Label::WhatIf, "/whatif"),
        (Label::Plan, "/plan"),
        (Label::Upload, "/upload"),
        (Label::Status, "/api/v1/status"),
    ] {
        let current = if label == active {
            " aria-current=\"page\""
        } else {
            ""
        };
        let _ = write!(
            s,
            "<li><a href=\"{}\"{current}>{}</a></li>",
            esc(&href(lang, path, &[])),
            label.text(lang)
        );
    }
    let other = match lang {
        Lang::Vi => "?lang=en",
        Lang::En => "?lang=vi",
    };
    let _ = write!(
        s,
        "<li><a href=\"{other}\" hreflang=\"{}\">{}</a></li></ul></nav></header>",
        if lang == Lang::Vi { "en" } else { "vi" },
        Label::Language.text(lang)
    );
    s.push_str(&banner(lang, status));
    let _ = writeln!(
        s,
        "<main id=\"main\"><h1>{}</h1>{body}</main></body></html>",
        esc(title)
    );
    s
}

/// The errors of a reload that failed (the page still shows the last good load).
fn banner(lang: Lang, status: &LoadStatus) -> String {
    if status.ok {
        return String::new();
    }
    let mut s = format!(
        "<div class=\"banner\" role=\"alert\"><p>{}</p><ul>",
        Label::ReloadFailed.text(lang)
    );
    let items = diagnostics_json(lang, &status.diagnostics);
    for d in items.as_array().into_iter().flatten() {
        let place = match (d["line"].as_u64(), d["column"].as_u64()) {
            (Some(l), Some(c)) if l > 0 && c > 0 => {
                format!("{}:{l}:{c}", d["file"].as_str().unwrap_or(""))
            }
            (Some(l), _) if l > 0 => format!("{}:{l}", d["file"].as_str().unwrap_or("")),
            _ => d["file"].as_str().unwrap_or("").to_string(),
        };
        let _ = write!(
            s,
            "<li><code>{}</code> {}</li>",
            esc(&place),
            esc(d["message"].as_str().unwrap_or(""))
        );
    }
    s.push_str("</ul></div>");
    s
}

/// A table of the view model; `link(row)` gives the first text column a link.
pub(crate) fn table(t: &Table, m: &dyn Catalog, link: &dyn Fn(usize) -> Option<String>) -> String {
    let marks = match &t.kind {
        TableKind::Annex {
            first_mark, marks, ..
        } => *first_mark..*first_mark + *marks,
        _ => 0..0,
    };
    let mut s = format!(
        "<div class=\"scroll\"><table><caption>{}</caption><thead><tr>",
        esc(&t.title)
    );
    for (i, h) in t.headers.iter().enumerate() {
        match h.split_once(". ").filter(|_| marks.contains(&i)) {
            Some((id, _)) => {
                let _ = write!(
                    s,
                    "<th scope=\"col\"><abbr title=\"{}\">{}</abbr></th>",
                    esc(h),
                    esc(id)
                );
            }
            None => {
                let _ = write!(s, "<th scope=\"col\">{}</th>", esc(h));
            }
        }
    }
    s.push_str("</tr></thead><tbody>");
    for (n, r) in t.rows.iter().enumerate() {
        s.push_str("<tr>");
        let mut linked = false;
        for v in r {
            let text = esc(&v.show(m));
            match v {
                V::Mark(mark) => {
                    let c = match mark.status() {
                        Some(ntm::report::Status::Met) => "met",
                        Some(ntm::report::Status::NotMet) => "not_met",
                        Some(ntm::report::Status::NotApplicable) => "not_applicable",
                        Some(_) => "missing",
                        None => "none",
                    };
                    let _ = write!(s, "<td class=\"mark {c}\">{text}</td>");
                }
                V::Int(_) | V::Num(_) => {
                    let _ = write!(s, "<td class=\"n\">{text}</td>");
                }
                V::Text(_) if !linked => {
                    linked = true;
                    match link(n) {
                        Some(h) => {
                            let _ = write!(
                                s,
                                "<th scope=\"row\"><a href=\"{}\">{text}</a></th>",
                                esc(&h)
                            );
                        }
                        None => {
                            let _ = write!(s, "<th scope=\"row\">{text}</th>");
                        }
                    }
                }
                _ => {
                    let _ = write!(s, "<td>{text}</td>");
                }
            }
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table></div>");
    s
}

/// A `<select>` with its label.
pub(crate) fn select(id: &str, label: &str, options: &[(String, String)], chosen: &str) -> String {
    let mut s = format!(
        "<label for=\"{id}\">{}</label> <select id=\"{id}\" name=\"{id}\">",
        esc(label)
    );
    for (value, text) in options {
        let sel = if value == chosen { " selected" } else { "" };
        let _ = write!(
            s,
            "<option value=\"{}\"{sel}>{}</option>",
            esc(value),
            esc(text)
        );
    }
    s.push_str("</select>");
    s
}
