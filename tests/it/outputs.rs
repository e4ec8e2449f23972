//! Output contract across commands: languages, `--output` files written whole, the
//! same sweep whatever the number of threads.

use crate::common::{ntm, ntm_env};

#[test]
fn eval_speaks_english_on_request_and_vietnamese_by_default() {
    let args = ["eval", "--data", "datasets/ngan-son", "--year", "2020"];
    let vi = ntm(&args);
    assert!(vi.stdout.contains("chưa đạt chuẩn"), "{}", vi.stdout);
    let en = ntm(&[&args[..], &["--lang", "en"]].concat());
    assert_eq!(en.code, 0, "{}", en.stderr);
    for label in [
        "does not meet the standard",
        "Verdict",
        "reported total wrong",
    ] {
        assert!(en.stdout.contains(label), "{label} missing:\n{}", en.stdout);
    }
    assert!(!en.stdout.contains("chưa đạt chuẩn"));
    // NTM_LANG does the same; --lang wins over it.
    let env = ntm_env(&args, &[("NTM_LANG", "en_US.UTF-8")]);
    assert_eq!(env.stdout, en.stdout);
    let both = ntm_env(
        &[&args[..], &["--lang", "vi"]].concat(),
        &[("NTM_LANG", "en")],
    );
    assert_eq!(both.stdout, vi.stdout);
    let bad = ntm(&[&args[..], &["--lang", "fr"]].concat());
    assert_eq!(bad.code, 2);
}

#[test]
fn a_diagnostic_and_an_explanation_in_both_languages() {
    for lang in ["vi", "en"] {
        let d = ntm(&[
            "check",
            "tests/fixtures/check/misspelt-field.yaml",
            "--lang",
            lang,
        ]);
        assert_eq!(d.code, 1);
        insta::assert_snapshot!(format!("diagnostic_{lang}"), d.stderr);
        let e = ntm(&[
            "explain",
            "--data",
            "tests/fixtures/data/demo",
            "--rules",
            "tests/fixtures/rules",
            "--unit",
            "Xã A",
            "--lang",
            lang,
        ]);
        assert_eq!(e.code, 0, "{}", e.stderr);
        insta::assert_snapshot!(
            format!("explain_{lang}"),
            crate::common::redact_stamp(&e.stdout)
        );
    }
}

#[test]
fn every_command_writes_its_result_to_output_whole() {
    let dir = std::env::temp_dir().join(format!("ntm-outputs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let demo = [
        "--data",
        "tests/fixtures/data/demo",
        "--rules",
        "tests/fixtures/rules",
    ];
    let cases: Vec<Vec<&str>> = vec![
        [&["eval"][..], &demo[..]].concat(),
        // Written into the file as they are computed (JSON, JSON Lines), or spooled.
        [&["eval", "--format", "json"][..], &demo[..]].concat(),
        [
            &["eval", "--format", "jsonl", "--detail", "summary"][..],
            &demo[..],
        ]
        .concat(),
        [&["eval", "--format", "csv"][..], &demo[..]].concat(),
        [&["explain", "--unit", "Xã A"][..], &demo[..]].concat(),
        [&["sweep", "ho_dien_min=95..100:1"][..], &demo[..]].concat(),
        [&["rollup"][..], &demo[..]].concat(),
        vec![
            "diff",
            "--from",
            "fixture/xa-demo",
            "--to",
            "tests/fixtures/amendment/xa-demo-2021.yaml",
            "--rules",
            "tests/fixtures/rules",
        ],
        vec!["plan", "datasets/ngan-son/ke-hoach-2021.yaml"],
        vec!["check", "rules"],
        vec!["test", "tests/fixtures/rules"],
    ];
    for (i, args) in cases.iter().enumerate() {
        let plain = ntm(args);
        assert_eq!(plain.code, 0, "{args:?}: {}", plain.stderr);
        let target = dir.join(format!("out-{i}.txt"));
        let with = ntm(&[&args[..], &["--output", target.to_str().unwrap()]].concat());
        assert_eq!(with.code, 0, "{args:?}: {}", with.stderr);
        assert!(with.stdout.is_empty(), "{args:?} printed to stdout");
        let written = std::fs::read_to_string(&target).unwrap();
        assert_eq!(written, plain.stdout, "{args:?}");
    }
    // A failing run leaves an existing file untouched and no temporary file behind.
    let target = dir.join("keep.txt");
    std::fs::write(&target, "before").unwrap();
    let r = ntm(&[
        "eval",
        "--data",
        "no/such/folder",
        "--output",
        target.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "before");
    // Also when the error is found while results are already being written to it.
    for format in ["json", "jsonl"] {
        let r = ntm(&[
            "eval",
            "--data",
            "tests/fixtures/hostile/nan-text-csv",
            "--rules",
            "tests/fixtures/hostile/_rules",
            "--format",
            format,
            "--output",
            target.to_str().unwrap(),
        ]);
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(r.stderr.contains("bad-value"), "{}", r.stderr);
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "before");
    }
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".ntm-"))
        .collect();
    assert!(leftovers.is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_sweep_is_the_same_with_one_thread_or_two() {
    let args = [
        "sweep",
        "ho_dien_min=90..100:0,1",
        "--data",
        "datasets/ngan-son",
        "--format",
        "json",
    ];
    let one = ntm_env(&args, &[("RAYON_NUM_THREADS", "1")]);
    let two = ntm_env(&args, &[("RAYON_NUM_THREADS", "2")]);
    assert_eq!(one.code, 0, "{}", one.stderr);
    let v: serde_json::Value = serde_json::from_str(&one.stdout).unwrap();
    assert_eq!(v["rows"].as_array().unwrap().len(), 101);
    assert_eq!(one.stdout, two.stdout);
}

#[test]
fn evaluation_is_the_same_on_one_thread_or_two_and_summary_keeps_the_verdicts() {
    let dir = std::env::temp_dir().join(format!("ntm-gen-{}", std::process::id()));
    let g = ntm(&[
        "gen",
        "--out",
        dir.to_str().unwrap(),
        "--xa",
        "30",
        "--thon-per-xa",
        "3",
        "--years",
        "2022..2023",
    ]);
    assert_eq!(g.code, 0, "{}", g.stderr);
    let args = ["eval", "--data", dir.to_str().unwrap(), "--format", "json"];
    let one = ntm_env(&args, &[("RAYON_NUM_THREADS", "1")]);
    let two = ntm_env(&args, &[("RAYON_NUM_THREADS", "2")]);
    assert_eq!(one.code, 0, "{}", one.stderr);
    assert_eq!(
        one.stdout, two.stdout,
        "output depends on the number of threads"
    );
    let full: serde_json::Value = serde_json::from_str(&one.stdout).unwrap();
    let summary = ntm(&[&args[..], &["--detail", "summary"]].concat());
    let summary: serde_json::Value = serde_json::from_str(&summary.stdout).unwrap();
    let verdicts = |v: &serde_json::Value| -> Vec<(String, i64, String, String, i64)> {
        v["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["unit"]["id"].as_str().unwrap().to_string(),
                    r["year"].as_i64().unwrap(),
                    r["ruleset"].as_str().unwrap().to_string(),
                    r["verdict"].as_str().unwrap().to_string(),
                    r["met"].as_i64().unwrap(),
                )
            })
            .collect()
    };
    assert!(!verdicts(&full).is_empty());
    assert_eq!(verdicts(&full), verdicts(&summary));
    assert!(summary["rulesets"].is_object());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A streamed run (chunks, spools per year and rule set, indicators not kept for CSV
/// and summary) writes the same bytes as the whole report, in full detail, rendered at
/// once: on generated data crossing chunk boundaries, years and rule sets.
#[test]
fn streamed_outputs_are_the_whole_report_rendered_at_once() {
    use ntm::core::source::{Sources, DATA_EXTS, YAML_EXTS};
    use ntm::engine::eval::{Detail, EvalOptions, StreamError};
    use ntm::render::json::{Detail as JsonDetail, JsonLines, JsonReport};
    use ntm::render::stream::{Format, Spooler};
    use ntm::render::{csv::EvalCsv, csv::EvalExcelCsv, to_string, Lang, Render};
    let dir = std::env::temp_dir().join(format!("ntm-stream-{}", std::process::id()));
    let g = ntm(&[
        "gen",
        "--out",
        dir.to_str().unwrap(),
        "--xa",
        "12",
        "--thon-per-xa",
        "2",
        "--years",
        "2021..2023",
    ]);
    assert_eq!(g.code, 0, "{}", g.stderr);
    let root = crate::common::root();
    let rules = Sources::read(&[root.join("rules")], YAML_EXTS).expect("readable");
    let data = Sources::read(std::slice::from_ref(&dir), DATA_EXTS).expect("readable");
    let p = ntm::analysis::project::Project::load(&rules, Some(&data)).expect("loads");
    let whole = p.evaluate(&EvalOptions::default()).expect("evaluates");
    let sets: std::collections::BTreeSet<(i32, &str)> = whole
        .results
        .iter()
        .map(|r| (r.year, r.ruleset.as_str()))
        .collect();
    assert!(sets.len() >= 4, "years × rule sets: {sets:?}");
    let streamed = |format: Format, detail: Detail| -> String {
        let m = Lang::Vi.catalog();
        let mut spool = Spooler::new(m, format);
        let opts = EvalOptions {
            detail,
            chunk: 7,
            ..EvalOptions::default()
        };
        let tail = match p.evaluate_stream(&opts, &mut |c| spool.push(&c)) {
            Ok(t) => t,
            Err(StreamError::Data(d)) => panic!("{d:?}"),
            Err(StreamError::Sink(e)) => panic!("{e}"),
        };
        let mut out = Vec::new();
        spool.finish(&tail.stamp, &tail.notices, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    };
    // The same run written into its output as it is computed: each year's leading set
    // at once, the others when the year ends; each result rendered where it is computed.
    let direct = |format: Format, detail: Detail| -> String {
        let m = Lang::Vi.catalog();
        let opts = EvalOptions {
            detail,
            chunk: 7,
            ..EvalOptions::default()
        };
        let head = p.stream_head(&opts).expect("a head");
        assert!(head.lead.len() >= 2, "years led: {:?}", head.lead);
        let mut out = Vec::new();
        let sink: Box<dyn std::io::Write + Send + '_> = Box::new(&mut out);
        let mut spool = Spooler::direct(m, format, &head.stamp, head.lead, sink).unwrap();
        // Each result rendered by the core that computed it, as `ntm eval` does.
        let renderer = spool.renderer();
        let each = |r| renderer.render(r);
        let tail = match p.evaluate_stream_each(&opts, &each, &mut |c| spool.push_rendered(c)) {
            Ok(t) => t,
            Err(StreamError::Data(d)) => panic!("{d:?}"),
            Err(StreamError::Sink(e)) => panic!("{e}"),
        };
        // Everything goes to the spooler's own output.
        let mut unused = Vec::new();
        spool
            .finish(&tail.stamp, &tail.notices, &mut unused)
            .unwrap();
        assert!(unused.is_empty());
        String::from_utf8(out).unwrap()
    };
    let jsonl_full = JsonLines(&whole, JsonDetail::Full);
    let cases: [(Format, Detail, &dyn Render); 6] = [
        (Format::Csv, Detail::Criteria, &EvalCsv(&whole)),
        (Format::ExcelCsv, Detail::Criteria, &EvalExcelCsv(&whole)),
        (
            Format::Json(JsonDetail::Summary),
            Detail::Criteria,
            &JsonReport(&whole, JsonDetail::Summary),
        ),
        (
            Format::Jsonl(JsonDetail::Summary),
            Detail::Criteria,
            &JsonLines(&whole, JsonDetail::Summary),
        ),
        (
            Format::Json(JsonDetail::Full),
            Detail::Full,
            &JsonReport(&whole, JsonDetail::Full),
        ),
        (Format::Jsonl(JsonDetail::Full), Detail::Full, &jsonl_full),
    ];
    for (format, detail, at_once) in cases {
        let at_once = to_string(at_once, Lang::Vi);
        assert_eq!(
            streamed(format, detail),
            at_once,
            "{format:?} streamed differs from the report rendered at once"
        );
        assert_eq!(
            direct(format, detail),
            at_once,
            "{format:?} written as computed differs from the report rendered at once"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
