//! The summary writer (`render::summary_json`) writes what serde writes for
//! `SummaryResult`, byte for byte, on every result of every evaluation fixture and of
//! the bundled data: pretty (as `--format json --detail summary` nests it, and at the
//! top) and as a JSON Lines line; and on generated data.

use ntm::core::source::{Sources, DATA_EXTS, YAML_EXTS};
use ntm::engine::eval::{Detail, EvalOptions};
use ntm::render::summary_json::{Layout, SummaryWriter};
use ntm::render::Lang;
use ntm::report::doc::{Line, ResultTag, SummaryResult};
use std::path::PathBuf;

/// The rules and data of every `eval` command of the evaluation fixtures (other flags
/// left out: every year is evaluated), and the bundled data.
fn projects() -> Vec<(Vec<PathBuf>, Vec<PathBuf>)> {
    let root = crate::common::root();
    let mut out = vec![(
        vec![root.join("rules")],
        vec![root.join("datasets/ngan-son")],
    )];
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root.join("tests/fixtures/eval"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    for d in dirs {
        let cmd = std::fs::read_to_string(d.join("cmd")).unwrap();
        let dir = d.strip_prefix(root).unwrap().to_str().unwrap().to_string();
        for line in cmd.lines() {
            let words: Vec<String> = line
                .split_whitespace()
                .map(|w| w.replace("{dir}", &dir))
                .collect();
            if words.first().map(String::as_str) != Some("eval") {
                continue;
            }
            let (mut rules, mut data) = (Vec::new(), Vec::new());
            for pair in words.windows(2) {
                match pair[0].as_str() {
                    "--rules" => rules.push(root.join(&pair[1])),
                    "--data" => data.push(root.join(&pair[1])),
                    _ => {}
                }
            }
            if rules.is_empty() {
                rules.push(root.join("rules"));
            }
            out.push((rules, data));
        }
    }
    out
}

#[test]
fn summary_results_are_what_serde_writes() {
    let m = Lang::Vi.catalog();
    let word = |f: &ntm::report::Finding| m.finding(f);
    let (mut evaluated, mut results) = (0, 0);
    let top = SummaryWriter::new(Layout::Pretty { level: 0 });
    let nested_writer = SummaryWriter::new(Layout::Pretty { level: 2 });
    let lines = SummaryWriter::new(Layout::Line);
    // And generated data: every bundled set of its years, xã and thôn.
    let generated = std::env::temp_dir().join(format!("ntm-summary-{}", std::process::id()));
    let g = crate::common::ntm(&[
        "gen",
        "--out",
        generated.to_str().unwrap(),
        "--xa",
        "30",
        "--thon-per-xa",
        "2",
        "--years",
        "2020..2026",
    ]);
    assert_eq!(g.code, 0, "{}", g.stderr);
    let mut projects = projects();
    projects.push((
        vec![crate::common::root().join("rules")],
        vec![generated.clone()],
    ));
    for (rules, data) in projects {
        let rules = Sources::read(&rules, YAML_EXTS).expect("readable");
        let data = Sources::read(&data, DATA_EXTS).expect("readable");
        // Fixtures of refused data have nothing to write.
        let Ok(p) = ntm::analysis::project::Project::load(&rules, Some(&data)) else {
            continue;
        };
        let Ok(report) = p.evaluate(&EvalOptions {
            detail: Detail::Criteria,
            ..EvalOptions::default()
        }) else {
            continue;
        };
        evaluated += 1;
        for r in &report.results {
            results += 1;
            let summary = SummaryResult::of(r, &word);
            let pretty = serde_json::to_string_pretty(&summary).unwrap();
            // Nested two levels deep, as in the document's results.
            let nested = pretty.replace('\n', "\n    ");
            let line = serde_json::to_string(&Line {
                item: summary,
                kind: ResultTag::Tag,
            })
            .unwrap();
            for (writer, want) in [(&top, &pretty), (&nested_writer, &nested), (&lines, &line)] {
                let mut got = Vec::new();
                writer.write(&mut got, m, r).unwrap();
                assert_eq!(
                    String::from_utf8(got).unwrap(),
                    *want,
                    "{} {} {}",
                    r.unit.id,
                    r.year,
                    r.ruleset
                );
            }
        }
    }
    std::fs::remove_dir_all(&generated).unwrap();
    assert!(evaluated >= 30, "evaluations compared: {evaluated}");
    assert!(results >= 800, "results compared: {results}");
}
