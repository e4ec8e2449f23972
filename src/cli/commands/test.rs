//! `ntm test`: the test cases rule files carry.

use crate::args::{TestArgs, TextFormat};
use crate::output::{diagnostics, emit};
use crate::request::{out, Out};
use crate::run::{default_rules, CliError, Ctx, Exit, Outcome};
use ntm::analysis::project::Project;
use ntm::core::diag::Diagnostic;
use ntm::core::source::{Sources, YAML_EXTS};
use ntm::render::json::Json;
use ntm::render::{Catalog, Render, Word};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// `ntm test`'s text: one line per case, failures, the summary.
struct TestText<'a>(&'a ntm::analysis::testcases::TestRun);

impl Render for TestText<'_> {
    fn render(&self, m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        let (pass, fail) = (m.word(Word::CasePassed), m.word(Word::CaseFailed));
        // Marks padded to one width so the names line up.
        let width = pass.chars().count().max(fail.chars().count());
        for c in &self.0.cases {
            let mark = if c.passed { pass } else { fail };
            writeln!(
                out,
                "{mark:<width$} {} :: {} ({})",
                c.ruleset, c.name, c.location
            )?;
        }
        writeln!(out, "{}", m.test_summary(self.0.passed(), self.0.failed()))
    }
}

pub(crate) struct TestRequest {
    paths: Vec<PathBuf>,
    json: bool,
    out: Out,
}

impl TestRequest {
    pub(crate) fn new(a: TestArgs) -> Self {
        TestRequest {
            paths: if a.paths.is_empty() {
                vec![default_rules()]
            } else {
                a.paths
            },
            json: matches!(a.format, TextFormat::Json),
            out: out(a.output),
        }
    }
}

pub(crate) fn run(cx: &Ctx, r: TestRequest) -> Outcome {
    let (src, only) = test_sources(cx, &r.paths)?;
    let p = Project::load(&src, None)?;
    diagnostics(cx.m, p.warnings(), false);
    let mut run = p.test();
    if let Some(only) = only {
        // The given files' cases, and those of the sets they amend (which must still pass).
        let lib = p.library();
        let amended: Vec<&str> = lib
            .sets
            .iter()
            .filter(|s| only.contains(&s.file))
            .filter_map(|s| s.amends.as_deref())
            .collect();
        run.cases.retain(|c| {
            only.iter().any(|f| **f == *c.location.file) || amended.contains(&c.ruleset.as_str())
        });
    }
    let failures: Vec<Diagnostic> = run.cases.iter().flat_map(|c| c.failures.clone()).collect();
    diagnostics(cx.m, &failures, false);
    let (text, json) = (TestText(&run), Json(&run));
    let safe = ntm::render::escape::terminal::Terminal(&text);
    let doc: &dyn Render = if r.json { &json } else { &safe };
    emit(cx.m, doc, r.out.path.as_deref())?;
    Ok(if run.failed() > 0 {
        Exit::Failed
    } else {
        Exit::Ok
    })
}

/// The rule files to test, with the bundled library under them when they are not the
/// bundled folder itself (so that an amendment finds its base); the tests run are
/// those of the given files.
fn test_sources(cx: &Ctx, paths: &[PathBuf]) -> Result<(Sources, Option<Vec<PathBuf>>), CliError> {
    let given = cx.read(paths, YAML_EXTS)?;
    let bundled_dir = default_rules();
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    if paths.iter().any(|p| canon(p) == canon(&bundled_dir))
        || !bundled_dir.is_dir()
        || !ntm::analysis::scaffold::needs_bundled(&given)
    {
        return Ok((given, None));
    }
    let only = given.files().iter().map(|f| f.path.clone()).collect();
    let bundled = cx.read(std::slice::from_ref(&bundled_dir), YAML_EXTS)?;
    Ok((
        ntm::analysis::scaffold::overlay(&given, &bundled),
        Some(only),
    ))
}
