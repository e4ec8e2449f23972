//! The JSON endpoints beside evaluation: `/api/v1/status`, `/plan`, `/rollup`,
//! `/rulesets`, `/diff` — each the command line's JSON for the same request.

use super::api::{bytes, json_response};
use super::fail::{diagnostics_json, ApiError};
use super::query::{bad, Params};
use super::state::{Loaded, State};
use super::words::Http;
use crate::commands::plan;
use axum::response::Response;
use ntm::core::diag::{Diagnostic, Span};
use ntm::engine::eval::EvalOptions;
use ntm::render::json::Json;
use ntm::render::Lang;

/// `/api/v1/status`: the library served (hash, files) and what its last load said.
pub(crate) fn status(lang: Lang, s: &State) -> Response {
    let loaded = s.current();
    let st = s.status();
    let stamp = loaded.project.stamp(&EvalOptions::default());
    let body = serde_json::json!({
        "ok": st.ok,
        "generation": st.generation,
        "engine": stamp.engine,
        "hash": loaded.hash,
        "rules": stamp.rules,
        "data": stamp.data,
        "plans": loaded.plans.iter().map(|f| f.path.display().to_string()).collect::<Vec<_>>(),
        "diagnostics": diagnostics_json(lang, &st.diagnostics),
    });
    json_response(serde_json::to_vec_pretty(&body).unwrap_or_default())
}

fn options(loaded: &Loaded, p: &Params) -> Result<EvalOptions, ApiError> {
    Ok(EvalOptions {
        year: p.year()?,
        scenario: loaded.project.scenario(&p.sets()?)?,
        ..EvalOptions::default()
    })
}

pub(crate) fn date(p: &Params, key: &str) -> Result<Option<ntm::core::date::Date>, ApiError> {
    p.get(key)
        .map(|v| ntm::core::date::Date::parse(v).map_err(|_| bad(key, v)))
        .transpose()
}

/// `/api/v1/plan?file=&as_of=&set=`: `ntm plan FILE --format json`; with
/// `by_department=1` (and `department=`), `ntm plan FILE --by-department --format json`.
pub(crate) fn plan_run(lang: Lang, loaded: &Loaded, p: &Params) -> Result<Response, ApiError> {
    let name = p.get("file");
    let file = loaded
        .plans
        .iter()
        .find(|f| {
            name.is_none_or(|n| {
                f.path.file_name().is_some_and(|x| x.to_string_lossy() == n)
                    || f.path.to_string_lossy() == n
            })
        })
        .ok_or_else(|| {
            ApiError::http(Http::NoPlan {
                name: name.map(str::to_string),
            })
        })?;
    let pl = ntm::analysis::plan::load(file)?;
    let mut opts = options(loaded, p)?;
    opts.year = None;
    let m = lang.catalog();
    if p.flag("by_department") {
        let d = loaded
            .project
            .departments(&pl, &opts, p.get("department"))?;
        return Ok(json_response(bytes(lang, &Json(&d))?));
    }
    let run = loaded
        .project
        .plan(&pl, date(p, "as_of")?, &opts, date(p, "as_units")?)?;
    let json = ntm::render::json::JsonValue(plan::json(m, &run));
    Ok(json_response(bytes(lang, &json)?))
}

/// `/api/v1/rollup?year=`: `ntm rollup --format json`.
pub(crate) fn rollup(lang: Lang, loaded: &Loaded, p: &Params) -> Result<Response, ApiError> {
    let opts = EvalOptions {
        year: p.year()?,
        ..EvalOptions::default()
    };
    let v = loaded.project.rollup(&opts, date(p, "as_units")?)?;
    Ok(json_response(bytes(lang, &Json(&v))?))
}

/// `/api/v1/diff?from=&to=&year=&set=`: `ntm diff --from ID --to ID --format json`.
/// Sets are named by id only: a request never names a file.
pub(crate) fn diff(lang: Lang, loaded: &Loaded, p: &Params) -> Result<Response, ApiError> {
    let lib = loaded.project.library();
    let id = |key: &str| set_by_id(lib, key, p).map(|s| s.id.clone());
    let (from, to) = (id("from")?, id("to")?);
    let opts = options(loaded, p)?;
    let d = loaded.project.diff(&from, &to, &opts)?;
    Ok(json_response(bytes(lang, &Json(&d))?))
}

/// The set named by the parameter `key`, by id only (a request never names a file),
/// or 404 with the closest id.
pub(crate) fn set_by_id<'a>(
    lib: &'a ntm::engine::library::RuleLibrary,
    key: &str,
    p: &Params,
) -> Result<&'a ntm::rules::RuleSet, ApiError> {
    let v = p.required(key)?;
    if let Some(s) = lib.sets.iter().find(|s| s.id == v) {
        return Ok(s);
    }
    let ids = lib.sets.iter().map(|s| s.id.as_str());
    Err(ApiError::diagnostics(vec![Diagnostic::error(
        Span::file_only(key),
        ntm::core::problem::RunProblem::NoRuleset {
            name: v.to_string(),
            suggestion: ntm::core::text::did_you_mean(v, ids),
        },
    )]))
}

/// `/api/v1/rulesets`: every set with its validity and parameters (what the what-if
/// page offers), values as written in the rules.
pub(crate) fn rulesets(loaded: &Loaded) -> Response {
    let sets: Vec<serde_json::Value> = loaded
        .project
        .library()
        .sets
        .iter()
        .map(|s| {
            let params: Vec<serde_json::Value> = s
                .parameters
                .values()
                .map(|p| {
                    let values: Vec<serde_json::Value> = p
                        .values
                        .iter()
                        .map(|v| {
                            serde_json::json!({
                                "value": v.value,
                                "from_year": v.from_year,
                                "to_year": v.to_year,
                                "region": v.region,
                                "group": v.group,
                                "source_level": v.source_level,
                            })
                        })
                        .collect();
                    serde_json::json!({"id": p.id, "label": p.label, "unit": p.unit, "values": values})
                })
                .collect();
            serde_json::json!({
                "id": s.id,
                "title": s.title,
                "level": s.level,
                "stage": s.stage,
                "jurisdiction": s.jurisdiction,
                "valid_from": s.valid_from,
                "valid_until": s.effective_until(),
                "amends": s.amends,
                "document": s.document,
                "file": s.file.display().to_string(),
                "sha256": s.sha256,
                "parameters": params,
            })
        })
        .collect();
    json_response(serde_json::to_vec_pretty(&sets).unwrap_or_default())
}
