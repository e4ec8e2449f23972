//! From a parsed rule file to a checked, compiled `RuleSet`: one step per part of the
//! file, in the order their diagnostics are reported.

mod amendment;
mod criteria;
mod fields;
mod header;
mod indicator;
mod levels;
mod parameters;
mod recognition;
mod scoring;
mod slots;
mod test_cases;

use super::expr::Names;
use super::model::{CitationDef, RuleFile};
use super::{Field, RuleSet};
use crate::core::diag::{Diagnostic, Diagnostics, Span};
use crate::core::loader::{self, span_of, Spanned};
use crate::core::problem::{CriteriaProblem, Problem};
use rhai::Engine;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn valid_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

struct Ctx<'a> {
    file: &'a Path,
    yaml: &'a str,
    diags: Diagnostics,
}

impl Ctx<'_> {
    fn at<T>(&self, s: &Spanned<T>) -> Span {
        span_of(self.file, s)
    }
    fn err(&mut self, span: Span, problem: impl Into<Problem>) {
        self.diags.push(Diagnostic::error(span, problem));
    }
}

/// What compiling an indicator needs besides the indicator: the names its expressions
/// may read, the field dictionary, and the documents its citation may name.
struct Env<'a> {
    engine: &'a Engine,
    names: Names<'a>,
    fields: &'a BTreeMap<String, Field>,
    documents: &'a BTreeSet<String>,
}

/// A rule file read and parsed, not yet compiled.
pub struct RawRuleFile {
    pub file: std::path::PathBuf,
    pub text: String,
    pub sha256: String,
    pub raw: RuleFile,
}

impl RawRuleFile {
    /// The id of the set this file amends, if it is an amendment.
    pub fn amends(&self) -> Option<&str> {
        self.raw.ruleset.amends.as_ref().map(|a| a.value.trim())
    }
}

pub fn parse_rule_file(
    file: &crate::core::source::SourceFile,
    text: &str,
) -> Result<RawRuleFile, Diagnostics> {
    let raw: RuleFile = loader::from_yaml(&file.path, text).map_err(|d| Diagnostics(vec![d]))?;
    Ok(RawRuleFile {
        file: file.path.clone(),
        text: text.to_string(),
        sha256: file.sha256.clone(),
        raw,
    })
}

/// Compile a parsed rule file; an amendment is compiled on top of its base set.
pub fn compile_rule_file(
    engine: &Engine,
    rf: RawRuleFile,
    base: Option<&RuleSet>,
) -> Result<(RuleSet, Diagnostics), Diagnostics> {
    let mut cx = Ctx {
        file: &rf.file,
        yaml: &rf.text,
        diags: Diagnostics::default(),
    };
    let set = build(engine, &mut cx, rf.raw, rf.sha256.clone(), base);
    if cx.diags.has_errors() {
        Err(cx.diags)
    } else {
        Ok((set, cx.diags))
    }
}

/// Diagnostics come out in the order of these steps, which users and snapshots see.
fn build(
    engine: &Engine,
    cx: &mut Ctx<'_>,
    raw: RuleFile,
    sha256: String,
    base: Option<&RuleSet>,
) -> RuleSet {
    let m = &raw.ruleset;
    let header = header::check(cx, m, base);
    let fields = fields::compile(cx, &raw.fields, base);
    let parameters = parameters::compile(
        cx,
        &raw.parameters,
        &m.groups,
        &fields,
        &header.documents,
        base,
    );
    let types = criteria::expression_types(&fields, &parameters);
    let env = Env {
        engine,
        names: Names { types: &types },
        fields: &fields,
        documents: &header.documents,
    };
    let mut criteria = criteria::compile(&env, cx, &raw, base.is_none());
    if let Some(b) = base {
        amendment::merge_criteria(cx, b, &mut criteria);
    }
    let recognition = recognition::compile(&env, cx, raw.recognition.as_ref())
        .or_else(|| base.and_then(|b| b.recognition.clone()));
    let scoring = scoring::compile(cx, raw.scoring.as_ref(), &criteria.list, &header.documents)
        .or_else(|| base.and_then(|b| b.scoring.clone()));
    let levels = levels::levels(cx, m, base);
    let verdicts = levels::verdicts(engine, cx, m, &levels, base, &header.documents);
    parameters::warn_unused(cx, &parameters, &criteria.list, recognition.as_ref());
    test_cases::check(cx, &raw.tests, &criteria, &fields);

    let mut set = RuleSet {
        id: header.id,
        title: crate::core::text::norm(&m.title),
        level: m.level.value,
        stage: m.stage,
        jurisdiction: m.jurisdiction.as_ref().map(|j| crate::core::text::norm(j)),
        region: m.region.clone(),
        valid_from: header.valid_from,
        valid_until: header.valid_until,
        prerequisite: m.prerequisite,
        region_rules: header::region_rules(m, base),
        groups: m.groups.clone(),
        levels,
        verdicts,
        supersedes: header::supersedes(cx, m, base),
        superseded_by: None,
        document: m.document.clone(),
        guidance: m.guidance.clone(),
        based_on: m.based_on.clone(),
        notes: m.notes.clone(),
        fields,
        parameters,
        criteria: criteria.list,
        recognition,
        scoring,
        amends: base.map(|b| b.id.clone()),
        tests: raw.tests,
        file: cx.file.to_path_buf(),
        sha256,
        source: std::sync::Arc::from(cx.yaml),
    };
    slots::bind(&mut set);
    set
}

fn check_citation(cx: &mut Ctx<'_>, c: &CitationDef, documents: &BTreeSet<String>) {
    let doc = crate::core::text::norm(&c.document.value);
    if !documents.contains(&doc) {
        let at = cx.at(&c.document);
        let suggestion =
            crate::core::text::did_you_mean(&doc, documents.iter().map(String::as_str));
        cx.err(
            at,
            CriteriaProblem::UnknownDocument {
                document: doc,
                suggestion,
            },
        );
    }
}
