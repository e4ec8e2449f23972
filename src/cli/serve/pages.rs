//! The web app's pages, rendered on the server from the shared view model (the
//! tables every report uses) and made live by `assets/app.js`: the annex per set and
//! year (`/`), a unit's explanation (`/unit`), what-if (`/whatif`), plan progress and
//! department lists (`/plan`), upload and download (`/upload`), sign-in (`/login`).

use super::api::work;
use super::fail::ApiError;
use super::pages_html::{esc, href, page, select, table};
use super::query::{language, Params};
use super::state::{LoadStatus, Loaded, State};
use super::words::Label;
use axum::extract::RawQuery;
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use ntm::engine::eval::EvalOptions;
use ntm::render::view::{tables, Bundle, TableKind};
use ntm::render::{Catalog, Lang, Word};
use std::fmt::Write as _;
use std::sync::Arc;

type S = axum::extract::State<Arc<State>>;
type PageFn = fn(Lang, &Loaded, &Params, &LoadStatus) -> Result<String, ApiError>;

pub(crate) fn routes() -> Router<Arc<State>> {
    use super::pages_more::{plan, unit, upload, whatif};
    let pages: [(&str, PageFn); 5] = [
        ("/", index),
        ("/unit", unit),
        ("/whatif", whatif),
        ("/plan", plan),
        ("/upload", upload),
    ];
    let mut r = Router::new().route(
        "/login",
        get(super::login::login).post(super::login::sign_in),
    );
    for (path, f) in pages {
        r = r.route(
            path,
            get(move |s: S, q: RawQuery, h: HeaderMap| serve(s, q, h, f)),
        );
    }
    r
}

/// A page built on a blocking thread; an error is shown as a page with its status.
async fn serve(s: S, q: RawQuery, h: HeaderMap, f: PageFn) -> Response {
    let p = Params::parse(q.0.as_deref());
    let lang = language(&p, &h);
    let status = s.status();
    let r = work(&s, move |l| {
        f(lang, l, &p, &status).map(|b| Html(b).into_response())
    })
    .await;
    r.unwrap_or_else(|e| error_page(lang, e, &s.status()))
}

fn error_page(lang: Lang, e: ApiError, status: &LoadStatus) -> Response {
    let code = e.status();
    let body = page(
        lang,
        Label::App.text(lang),
        Label::Annex,
        status,
        &format!(
            "<p role=\"alert\" class=\"error\">{}</p>",
            esc(&e.message(lang))
        ),
    );
    (code, Html(body)).into_response()
}

/// The annex of one year (the latest by default), one table per rule set.
fn index(lang: Lang, l: &Loaded, p: &Params, st: &LoadStatus) -> Result<String, ApiError> {
    let m = lang.catalog();
    let title = Label::Annex.text(lang);
    let Some(ds) = l.project.dataset() else {
        return Ok(page(
            lang,
            title,
            Label::Annex,
            st,
            &format!("<p>{}</p>", Label::NoData.text(lang)),
        ));
    };
    let years = ds.years();
    let year = p.year()?.or(years.last().copied());
    let opts = EvalOptions {
        year,
        ..EvalOptions::default()
    };
    let report = l.project.evaluate(&opts)?;
    let groups = ntm::render::annex::annex(&report, m);
    let b = Bundle {
        stamp: Some(&report.stamp),
        report: Some(&report),
        ..Bundle::default()
    };
    let annexes: Vec<_> = tables(&b, m)
        .into_iter()
        .filter(|t| matches!(t.kind, TableKind::Annex { .. }))
        .collect();
    let chosen = p.get("set").unwrap_or("");
    let y = year.map(|y| y.to_string()).unwrap_or_default();
    let mut s = year_set_form(lang, m, &years, &y, &groups, chosen);
    s.push_str(&downloads(lang, &y));
    for (t, g) in annexes.iter().zip(&groups) {
        if !chosen.is_empty() && g.ruleset != chosen {
            continue;
        }
        let link = |n: usize| {
            g.rows.get(n).map(|r| {
                href(
                    lang,
                    "/unit",
                    &[
                        ("unit", r.result.unit.id.clone()),
                        ("year", g.year.to_string()),
                    ],
                )
            })
        };
        let _ = write!(s, "<section>{}</section>", table(t, m, &link));
    }
    Ok(page(lang, title, Label::Annex, st, &s))
}

fn year_set_form(
    lang: Lang,
    m: &dyn Catalog,
    years: &[i32],
    year: &str,
    groups: &[ntm::render::annex::AnnexGroup],
    set: &str,
) -> String {
    let ys: Vec<(String, String)> = years
        .iter()
        .map(|y| (y.to_string(), y.to_string()))
        .collect();
    let mut sets = vec![(String::new(), Label::AllSets.text(lang).to_string())];
    for g in groups {
        if !sets.iter().any(|(id, _)| id == g.ruleset) {
            sets.push((
                g.ruleset.to_string(),
                format!("{} ({})", g.title, g.ruleset),
            ));
        }
    }
    let lang_field = if lang == Lang::En {
        "<input type=\"hidden\" name=\"lang\" value=\"en\">"
    } else {
        ""
    };
    format!(
        "<form class=\"bar\" method=\"get\" action=\"/\">{} {} {lang_field}<button type=\"submit\">{}</button></form>",
        select("year", m.word(Word::Year), &ys, year),
        select("set", m.word(Word::RuleSet), &sets, set),
        Label::Show.text(lang)
    )
}

/// Download links: the annex of the year as a workbook, HTML, Markdown and CSV.
fn downloads(lang: Lang, year: &str) -> String {
    let mut s = format!("<p class=\"downloads\">{}: ", Label::Download.text(lang));
    for (f, name) in [
        ("xlsx", "Excel (.xlsx)"),
        ("html", "HTML"),
        ("md", "Markdown"),
        ("csv", "CSV"),
    ] {
        let mut params = vec![("format", f.to_string())];
        if !year.is_empty() {
            params.push(("year", year.to_string()));
        }
        let _ = write!(
            s,
            "<a download href=\"{}\">{name}</a> ",
            esc(&href(lang, "/api/v1/eval", &params))
        );
    }
    s.push_str("</p>");
    s
}
