//! `GET /api/v1/amendment` (issue 24 item 2): the what-if scenario saved as an
//! amendment file is byte for byte what `ntm new amendment` writes for the same
//! arguments; refused requests answer 400, 404 or 409 with their code; the file
//! downloaded loads beside the bundled rules, its set's test cases run, and it gives
//! the verdicts of the same scenario run with `--set`.

use crate::common::ntm;
use crate::serve::{Reply, Server, NGAN_SON};
use serde_json::Value;
use std::path::Path;

const SET: &str = "bac-kan/xa/734-2017";

/// `/api/v1/amendment?` with the pairs encoded.
fn path(pairs: &[(&str, &str)]) -> String {
    format!(
        "/api/v1/amendment?{}",
        serde_urlencoded::to_string(pairs).unwrap()
    )
}

/// `ntm ARGS` that succeeds.
fn ok(args: &[&str]) -> String {
    let r = ntm(args);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    r.stdout
}

/// The download for `pairs`, and what `ntm new amendment` writes with each pair as
/// its flag (`amends=ID` → `--amends ID`).
fn both(s: &Server, dir: &Path, pairs: &[(&str, &str)]) -> (Reply, Vec<u8>) {
    let out = dir.join("cli.yaml");
    let mut args = vec![
        "new".to_string(),
        "amendment".into(),
        "--output".into(),
        out.display().to_string(),
    ];
    for (k, v) in pairs {
        args.extend([format!("--{k}"), v.to_string()]);
    }
    ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    (s.get(&path(pairs)), std::fs::read(&out).unwrap())
}

#[test]
fn the_amendment_downloaded_is_the_one_the_command_line_writes() {
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(&["--data", NGAN_SON], dir.path());
    let asked = [
        ("amends", SET),
        ("from", "2021-01-01"),
        ("set", "ho_dien_min=99.9"),
        ("document", "12/QĐ-UBND"),
    ];
    let (r, cli) = both(&s, dir.path(), &asked);
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(
        r.headers.contains("content-type: text/yaml; charset=utf-8"),
        "{}",
        r.headers
    );
    assert!(
        r.headers.contains(
            "content-disposition: attachment; filename=\"bac-kan-xa-734-2017-sua-doi-2021.yaml\""
        ),
        "{}",
        r.headers
    );
    assert_eq!(r.body, cli, "{}", r.text());
    // Without `from`, 1 January of `year`; an id of one's own names the file.
    let by_year = s.get(&path(&[
        ("amends", SET),
        ("year", "2021"),
        ("set", "ho_dien_min=99.9"),
        ("document", "12/QĐ-UBND"),
    ]));
    assert_eq!(by_year.body, r.body);
    // … or the day after the set starts, when that is later.
    let (first, cli) = both(&s, dir.path(), &[("amends", SET), ("from", "2017-05-30")]);
    assert_eq!(first.status, 200, "{}", first.text());
    assert_eq!(s.get(&path(&[("amends", SET), ("year", "2017")])).body, cli);
    let asked = [
        ("amends", SET),
        ("from", "2021-06-01"),
        ("id", "bac-kan/xa/734-2017/qd-12"),
    ];
    let (own, cli) = both(&s, dir.path(), &asked);
    assert_eq!(own.status, 200, "{}", own.text());
    assert!(own
        .headers
        .contains("filename=\"bac-kan-xa-734-2017-qd-12.yaml\""));
    assert_eq!(own.body, cli);

    // Loaded beside the bundled rules: valid, the amended set's cases run and pass,
    // and the year evaluates as the what-if scenario does.
    let file = dir.path().join("sua-doi.yaml");
    std::fs::write(&file, &r.body).unwrap();
    let f = file.display().to_string();
    let checked = ntm(&["check", "--rules", "rules", "--rules", &f]);
    assert_eq!(checked.code, 0, "{}", checked.stderr);
    assert!(checked.stdout.contains("0 lỗi"), "{}", checked.stdout);
    let tests: Value = serde_json::from_str(&ok(&["test", &f, "--format", "json"])).unwrap();
    let cases = tests["cases"].as_array().unwrap();
    let of_set: Vec<&Value> = cases.iter().filter(|c| c["ruleset"] == SET).collect();
    assert!(!of_set.is_empty(), "no case of {SET} ran: {tests}");
    assert!(
        cases.iter().all(|c| c["passed"] == true),
        "a case failed: {tests}"
    );
    let verdicts = |args: &[&str]| -> Vec<(String, i64, String)> {
        let all = [
            args,
            &[
                "--data", NGAN_SON, "--year", "2021", "--format", "json", "--quiet",
            ][..],
        ]
        .concat();
        let v: Value = serde_json::from_str(&ok(&all)).unwrap();
        let mut out: Vec<(String, i64, String)> = v["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let id = r["unit"]["id"].as_str().unwrap().to_string();
                let year = r["year"].as_i64().unwrap();
                (id, year, r["verdict"].as_str().unwrap().to_string())
            })
            .collect();
        out.sort();
        out
    };
    let amended = verdicts(&["eval", "--rules", "rules", "--rules", &f]);
    let scenario = verdicts(&["eval", "--set", "ho_dien_min=99.9"]);
    assert_eq!(amended, scenario);
    assert_ne!(amended, verdicts(&["eval"]), "the scenario flips a verdict");
}

#[test]
fn a_refused_amendment_says_why_with_its_status_in_the_request_language() {
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(&["--data", NGAN_SON], dir.path());
    let refused = |pairs: &[(&str, &str)], status: u16, code: &str| -> Value {
        let r = s.get(&path(pairs));
        assert_eq!(r.status, status, "{pairs:?}: {}", r.text());
        let j = r.json();
        assert_eq!(j["code"], code, "{pairs:?}: {j}");
        j
    };
    let from = ("from", "2021-01-01");
    // 400: a date that is not one, one before the set started or after it ended, a
    // value without a parameter, no date at all.
    let j = refused(
        &[("amends", SET), ("from", "2021-02-30")],
        400,
        "bad-parameter",
    );
    assert!(j["message"].as_str().unwrap().contains("from"), "{j}");
    let j = refused(&[("amends", SET), ("from", "2010-01-01")], 400, "scaffold");
    assert!(j["message"].as_str().unwrap().contains("2017-05-29"), "{j}");
    refused(&[("amends", SET), ("from", "2030-01-01")], 400, "scaffold");
    refused(
        &[("amends", SET), from, ("set", "ho_dien_min")],
        400,
        "bad-parameter",
    );
    refused(&[("amends", SET)], 400, "missing-parameter");
    // 404: an unknown set or parameter, with the closest one.
    let j = refused(
        &[("amends", "bac-kan/xa/734-201"), from],
        404,
        "unknown-ruleset",
    );
    assert!(j.to_string().contains(SET), "{j}");
    let j = refused(
        &[("amends", SET), from, ("set", "ho_dien_mim=90")],
        404,
        "override",
    );
    assert_eq!(j["diagnostics"][0]["args"]["suggestion"], "ho_dien_min");
    // 409: an amendment whose id is already a set's.
    refused(&[("amends", SET), from, ("id", SET)], 409, "scaffold");
    // The message in the request's language.
    let vi = refused(&[("amends", SET), ("from", "2010-01-01")], 400, "scaffold");
    let en = refused(
        &[("amends", SET), ("from", "2010-01-01"), ("lang", "en")],
        400,
        "scaffold",
    );
    assert!(
        en["message"].as_str().unwrap().contains("must start after"),
        "{en}"
    );
    assert_ne!(vi["message"], en["message"]);
    // Described, with its statuses.
    let api = s.get("/api/v1/openapi.json").json();
    let responses = &api["paths"]["/api/v1/amendment"]["get"]["responses"];
    for status in ["200", "400", "404", "409"] {
        assert!(responses.get(status).is_some(), "{status}: {responses}");
    }
}

#[test]
fn the_what_if_page_offers_to_save_the_scenario_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(&["--data", NGAN_SON], dir.path());
    let vi = s.get("/whatif?year=2021").text();
    for part in [
        "<form id=\"amendment\"",
        "Lưu thành tệp sửa đổi",
        "<label for=\"am-from\">",
        "id=\"am-from\" name=\"from\" type=\"date\" value=\"2021-01-01\"",
        "<option value=\"bac-kan/xa/734-2017\" data-from=\"2021-01-01\" selected>",
        "data-sets=\"bac-kan/xa/734-2017\"",
    ] {
        assert!(vi.contains(part), "{part}");
    }
    let en = s.get("/whatif?year=2020&lang=en").text();
    assert!(en.contains("Save as an amendment file"));
    assert!(en.contains("value=\"2020-01-01\""));
    assert!(s.get("/assets/app.js").text().contains("/api/v1/amendment"));
}
