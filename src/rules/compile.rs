//! From a parsed rule file to a checked, compiled `RuleSet`.

use super::expr::{self, Names, StaticType};
use super::model::{CitationDef, FieldType, RuleFile, Scalar};
use super::{Citation, Criterion, Field, Indicator, ParamValue, Parameter, RuleSet, Scoring};
use crate::date::Date;
use crate::diag::{Diagnostic, Diagnostics, Span};
use crate::loader::{self, span_of, Spanned};
use crate::units::UnitKind;
use crate::value::{default_range, Value};
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
    fn err(
        &mut self,
        span: Span,
        code: &'static str,
        msg: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.diags
            .push(Diagnostic::error(span, code, msg).with_help(help));
    }
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
    file: &crate::source::SourceFile,
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

fn build(
    engine: &Engine,
    cx: &mut Ctx<'_>,
    raw: RuleFile,
    sha256: String,
    base: Option<&RuleSet>,
) -> RuleSet {
    let m = &raw.ruleset;
    if let Some(b) = base {
        if b.level != m.level.value || b.stage != m.stage {
            let at = cx.at(&m.level);
            cx.err(
                at,
                "amendment",
                format!(
                    "an amendment keeps the level and stage of `{}` ({}, {})",
                    b.id,
                    b.level,
                    b.stage.code()
                ),
                "use the same `level:` and `stage:` as the amended set",
            );
        }
    }
    let id = crate::text::norm(&m.id.value);
    if id.is_empty() || id.contains(char::is_whitespace) {
        let at = cx.at(&m.id);
        cx.err(
            at,
            "ruleset-id",
            format!("rule set id `{id}` must be one word"),
            "use letters, digits, `-` and `/`, e.g. `bac-kan/thon/225-2019`",
        );
    }
    if !matches!(m.level.value, UnitKind::Xa | UnitKind::Thon) {
        let at = cx.at(&m.level);
        cx.err(
            at,
            "ruleset-level",
            format!("a rule set applies to xã or thôn, not {}", m.level.value),
            "write `level: xã` or `level: thôn`",
        );
    }
    let date = |s: &Spanned<String>, cx: &mut Ctx<'_>| match Date::parse(&s.value) {
        Ok(d) => Some(d),
        Err(e) => {
            let at = cx.at(s);
            cx.err(at, "date", e, "dates are written YYYY-MM-DD");
            None
        }
    };
    let valid_from = date(&m.valid_from, cx).unwrap_or(Date::end_of_year(0));
    let valid_until = m.valid_until.as_ref().and_then(|s| date(s, cx));
    if let Some(u) = valid_until {
        if u < valid_from {
            let at = cx.at(m.valid_until.as_ref().unwrap_or(&m.valid_from));
            cx.err(
                at,
                "validity",
                "`valid_until` is before `valid_from`",
                "check the validity period",
            );
        }
    }
    let inherited_docs: Vec<&super::model::DocumentDef> = base
        .map(|b| {
            std::iter::once(&b.document)
                .chain(&b.guidance)
                .chain(&b.based_on)
                .collect()
        })
        .unwrap_or_default();
    let documents: BTreeSet<String> = std::iter::once(&m.document)
        .chain(&m.guidance)
        .chain(&m.based_on)
        .chain(inherited_docs)
        .map(|d| crate::text::norm(&d.number))
        .collect();

    for g in &m.groups {
        check_citation(cx, &g.citation, &documents);
    }
    for r in &m.region_rules {
        check_citation(cx, &r.citation, &documents);
    }
    // Field dictionary (an amendment starts from its base's and may add or replace).
    let mut fields = base.map(|b| b.fields.clone()).unwrap_or_default();
    let mut own_fields = BTreeSet::new();
    for f in &raw.fields {
        let fid = f.id.value.trim().to_string();
        let at = cx.at(&f.id);
        if !valid_ident(&fid) {
            cx.err(at.clone(), "field-id", format!("field id `{fid}` is not a valid name"), "use lower-case ASCII letters, digits and `_`, starting with a letter, e.g. `ho_dien_pct`");
        }
        let range = match &f.range {
            Some(r) if r.value.len() != 2 || r.value[0] > r.value[1] => {
                let at = cx.at(r);
                cx.err(
                    at,
                    "field-range",
                    "a range is `[min, max]` with min ≤ max",
                    "e.g. `range: [0, 100]`",
                );
                None
            }
            Some(r) if matches!(f.ty, FieldType::Bool | FieldType::Text) => {
                let at = cx.at(r);
                cx.err(
                    at,
                    "field-range",
                    format!("a {} field cannot have a range", f.ty.label()),
                    "remove `range:`",
                );
                None
            }
            Some(r) => Some((r.value[0], r.value[1])),
            None => default_range(f.ty),
        };
        let field = Field {
            id: fid.clone(),
            label: crate::text::norm(&f.label),
            ty: f.ty,
            unit: f.unit.clone(),
            range,
        };
        fields.insert(fid.clone(), field);
        if !own_fields.insert(fid.clone()) {
            cx.err(
                at,
                "duplicate-field",
                format!("field `{fid}` is declared twice"),
                "keep one declaration",
            );
        }
    }

    // Parameters (thresholds); an amendment replaces its base's by id.
    let mut parameters = base.map(|b| b.parameters.clone()).unwrap_or_default();
    let mut own_params = BTreeSet::new();
    for p in &raw.parameters {
        let pid = p.id.value.trim().to_string();
        let at = cx.at(&p.id);
        if !valid_ident(&pid) {
            cx.err(
                at.clone(),
                "parameter-id",
                format!("parameter id `{pid}` is not a valid name"),
                "use lower-case ASCII letters, digits and `_`, e.g. `ho_dien_min`",
            );
        }
        if fields.contains_key(&pid) {
            cx.err(
                at.clone(),
                "parameter-id",
                format!("`{pid}` is both a field and a parameter"),
                "rename one of them",
            );
        }
        if p.values.is_empty() {
            cx.err(
                at.clone(),
                "parameter-values",
                format!("parameter `{pid}` has no values"),
                "add at least one entry under `values:` with value, citation and source_level",
            );
        }
        let mut values = Vec::new();
        for v in &p.values {
            check_citation(cx, &v.citation, &documents);
            let (from_year, to_year) = match (v.year, v.from_year, v.to_year) {
                (Some(y), None, None) => (Some(y), Some(y)),
                (Some(_), _, _) => {
                    let at = cx.at(&v.value);
                    cx.err(
                        at,
                        "parameter-selector",
                        "use either `year` or `from_year`/`to_year`, not both",
                        "remove one of them",
                    );
                    (v.from_year, v.to_year)
                }
                (None, f, t) => (f, t),
            };
            let value = match &v.value.value {
                Scalar::Bool(b) => Value::Bool(*b),
                Scalar::Int(i) => Value::Number(*i as f64),
                Scalar::Float(x) => Value::Number(*x),
                Scalar::Text(t) => Value::Text(crate::text::norm(t)),
            };
            values.push(ParamValue {
                value,
                from_year,
                to_year,
                region: v.region.clone(),
                group: v.group.clone(),
                citation: Citation::from(&v.citation),
                source_level: v.source_level,
                note: v.note.clone(),
                span: cx.at(&v.value),
            });
        }
        if !m.groups.is_empty() {
            for v in &values {
                if let Some(g) = &v.group {
                    if !m
                        .groups
                        .iter()
                        .any(|d| crate::text::name_key(&d.id.value) == crate::text::name_key(g))
                    {
                        let ids: Vec<&str> = m.groups.iter().map(|d| d.id.value.as_str()).collect();
                        cx.err(v.span.clone(), "unknown-group", format!("`group: {g}` is not one of the groups declared under `ruleset: groups:` ({})", ids.join(", ")), "use a declared group id");
                    }
                }
            }
        }
        check_overlaps(cx, &pid, &values);
        let kinds: BTreeSet<&str> = values.iter().map(|v| value_kind(&v.value)).collect();
        if kinds.len() > 1 {
            cx.err(
                at.clone(),
                "parameter-type",
                format!(
                    "the values of `{pid}` mix types ({})",
                    kinds.into_iter().collect::<Vec<_>>().join(", ")
                ),
                "give every value of a parameter the same type",
            );
        }
        let param = Parameter {
            id: pid.clone(),
            label: crate::text::norm(&p.label),
            unit: p.unit.clone(),
            values,
        };
        parameters.insert(pid.clone(), param);
        if !own_params.insert(pid.clone()) {
            cx.err(
                at,
                "duplicate-parameter",
                format!("parameter `{pid}` is declared twice"),
                "keep one declaration",
            );
        }
    }

    // Names an expression may read.
    let mut types: BTreeMap<String, (StaticType, &'static str)> = BTreeMap::new();
    for f in fields.values() {
        types.insert(f.id.clone(), (StaticType::of_field(f.ty), "field"));
    }
    for p in parameters.values() {
        let t = match p.values.first().map(|v| &v.value) {
            Some(Value::Bool(_)) => StaticType::Bool,
            Some(Value::Text(_)) => StaticType::Text,
            _ => StaticType::Number,
        };
        types.insert(p.id.clone(), (t, "parameter"));
    }
    let names = Names { types: &types };

    // Criteria and indicators.
    let mut criteria = Vec::new();
    let mut crit_ids = BTreeSet::new();
    let mut ind_ids = BTreeSet::new();
    let mut used_fields = BTreeSet::new();
    let mut used_params = BTreeSet::new();
    for c in &raw.criteria {
        let cid = c.id.value.trim().to_string();
        let cat = cx.at(&c.id);
        if !crit_ids.insert(cid.clone()) {
            cx.err(
                cat.clone(),
                "duplicate-criterion",
                format!("criterion `{cid}` appears twice"),
                "every criterion needs its own id",
            );
        }
        if let Some(ci) = &c.citation {
            check_citation(cx, ci, &documents);
        }
        if c.indicators.is_empty() && c.pending_source.is_none() {
            cx.err(cat.clone(), "criterion-empty", format!("criterion {cid} has no indicators"), "add its indicators, or write `pending_source:` with the reason they are not known, so it is decided from declared statuses");
        }
        let mut indicators = Vec::new();
        for i in &c.indicators {
            let iid = i.id.value.trim().to_string();
            let iat = cx.at(&i.id);
            if !ind_ids.insert(iid.clone()) {
                cx.err(
                    iat.clone(),
                    "duplicate-indicator",
                    format!("indicator `{iid}` appears twice"),
                    "every indicator needs its own id",
                );
            }
            if let Some(ind) = compile_indicator(
                engine,
                cx,
                i,
                &names,
                &fields,
                c.department.as_ref(),
                &documents,
                "indicator",
            ) {
                used_fields.extend(ind.fields.iter().cloned());
                used_params.extend(ind.params.iter().cloned());
                indicators.push(ind);
            }
        }
        criteria.push(Criterion {
            id: cid,
            name: crate::text::norm(&c.name),
            group: c.group.clone(),
            department: c.department.as_ref().map(|d| crate::text::norm(&d.value)),
            notes: c.notes.clone(),
            department_at: c
                .department
                .as_ref()
                .map(|d| (crate::text::norm(&d.value), cx.at(d))),
            continues: c.continues.iter().map(|x| x.trim().to_string()).collect(),
            citation: c.citation.as_ref().map(Citation::from),
            indicators,
            pending_source: c.pending_source.clone(),
            span: cat,
        });
    }
    if base.is_none() && raw.criteria.is_empty() {
        let at = cx.at(&m.id);
        cx.err(
            at,
            "criteria",
            "the rule set has no `criteria:`",
            "list its criteria (tiêu chí) with their indicators, or `amends:` another set",
        );
    }
    // An amendment: its criteria replace the base's of the same id; the others stay.
    if let Some(b) = base {
        let own = std::mem::take(&mut criteria);
        for bc in &b.criteria {
            match own.iter().find(|c| c.id == bc.id) {
                Some(c) => criteria.push(c.clone()),
                None => {
                    for i in &bc.indicators {
                        if !ind_ids.insert(i.id.clone()) {
                            let at = own
                                .iter()
                                .flat_map(|c| &c.indicators)
                                .find(|x| x.id == i.id)
                                .map(|x| x.span.clone())
                                .unwrap_or_else(|| Span::file_only(cx.file));
                            cx.err(
                                at,
                                "duplicate-indicator",
                                format!(
                                    "indicator `{}` is also in criterion {} of `{}`",
                                    i.id, bc.id, b.id
                                ),
                                "replace that criterion too, or use another id",
                            );
                        }
                        used_fields.extend(i.fields.iter().cloned());
                        used_params.extend(i.params.iter().cloned());
                    }
                    crit_ids.insert(bc.id.clone());
                    criteria.push(bc.clone());
                }
            }
        }
        for c in own {
            if !b.criteria.iter().any(|bc| bc.id == c.id) {
                criteria.push(c);
            }
        }
    }
    // Recognition conditions read fields, parameters and the built-in criteria counts.
    let recognition = raw.recognition.as_ref().map(|r| {
        check_citation(cx, &r.citation, &documents);
        let mut with_builtins = types.clone();
        for (name, ty, _) in super::BUILTINS {
            with_builtins.insert(name.to_string(), (*ty, "built-in value"));
        }
        let names = Names {
            types: &with_builtins,
        };
        let mut ids = BTreeSet::new();
        let mut conditions = Vec::new();
        for i in &r.conditions {
            if !ids.insert(i.id.value.trim().to_string()) {
                let at = cx.at(&i.id);
                cx.err(
                    at,
                    "duplicate-condition",
                    format!("condition `{}` appears twice", i.id.value),
                    "every condition needs its own id",
                );
            }
            if let Some(ind) = compile_indicator(
                engine,
                cx,
                i,
                &names,
                &fields,
                None,
                &documents,
                "recognition condition",
            ) {
                used_fields.extend(ind.fields.iter().cloned());
                used_params.extend(ind.params.iter().cloned());
                conditions.push(ind);
            }
        }
        super::Recognition {
            title: crate::text::norm(&r.title),
            citation: Citation::from(&r.citation),
            conditions,
        }
    });
    let recognition = recognition.or_else(|| base.and_then(|b| b.recognition.clone()));
    if let Some(r) = &recognition {
        for c in &r.conditions {
            used_fields.extend(c.fields.iter().cloned());
            used_params.extend(c.params.iter().cloned());
        }
    }
    let scoring = raw.scoring.as_ref().map(|sc| {
        check_citation(cx, &sc.citation, &documents);
        let mut levels = sc.levels.clone();
        if sc.pending_source.is_none() {
            if levels.is_empty() {
                let at = cx.at(&sc.citation.document);
                cx.err(at, "scoring-levels", "scoring needs `levels:` (or `pending_source:` when the point table is not known)", "e.g. levels: [{id: dat, label: đạt, min: 85}, {id: chua_dat, label: chưa đạt, min: 0}]");
            }
            for c in &criteria {
                for i in c.indicators.iter().filter(|i| i.points.is_none()) {
                    cx.err(i.span.clone(), "points", format!("indicator {} has no `points:`, but the rule set is scored", i.id), "give every indicator its points, or mark the scoring `pending_source:`");
                }
            }
        }
        levels.sort_by(|a, b| b.min.total_cmp(&a.min));
        for w in levels.windows(2) {
            if w[0].min == w[1].min {
                let at = cx.at(&w[1].id);
                cx.err(at, "scoring-levels", format!("levels `{}` and `{}` have the same minimum", w[0].id.value, w[1].id.value), "give each level its own `min`");
            }
        }
        Scoring {
            citation: Citation::from(&sc.citation),
            pending_source: sc.pending_source.clone(),
            levels,
        }
    });
    let compiled_cleanly = !cx.diags.has_errors();
    for p in parameters.values().filter(|_| compiled_cleanly) {
        if !used_params.contains(&p.id) {
            let span = p
                .values
                .first()
                .map(|v| v.span.clone())
                .unwrap_or_else(|| Span::file_only(cx.file));
            cx.diags.push(Diagnostic::warning(
                span,
                "unused-parameter",
                format!("parameter `{}` is not used by any indicator", p.id),
            ));
        }
    }

    // Test cases must name things that exist.
    for t in &raw.tests {
        for (k, v) in t.expect.indicators.iter() {
            if !ind_ids.contains(k) {
                let at = cx.at(v);
                cx.err(
                    at,
                    "test-unknown",
                    format!(
                        "test `{}` expects indicator `{k}`, which the rule set does not have",
                        t.name.value
                    ),
                    "use an indicator id from `criteria:`",
                );
            }
        }
        let crit_refs: Vec<(String, Span)> = t
            .expect
            .criteria
            .iter()
            .map(|(k, v)| (k.clone(), cx.at(v)))
            .chain(t.declared.iter().map(|(k, v)| (k.clone(), cx.at(v))))
            .collect();
        for (k, at) in crit_refs {
            if !crit_ids.contains(&k) {
                cx.err(
                    at,
                    "test-unknown",
                    format!(
                        "test `{}` names criterion `{k}`, which the rule set does not have",
                        t.name.value
                    ),
                    "use a criterion id from `criteria:`",
                );
            }
        }
        for (k, v) in &t.values {
            if !fields.contains_key(k) {
                let at = cx.at(v);
                let help = match crate::text::did_you_mean(k, fields.keys().map(String::as_str)) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "declare it under `fields:`".to_string(),
                };
                cx.err(
                    at,
                    "test-unknown",
                    format!(
                        "test `{}` gives a value for `{k}`, which is not a declared field",
                        t.name.value
                    ),
                    help,
                );
            }
        }
    }

    RuleSet {
        id,
        title: crate::text::norm(&m.title),
        level: m.level.value,
        stage: m.stage,
        jurisdiction: m.jurisdiction.as_ref().map(|j| crate::text::norm(j)),
        region: m.region.clone(),
        valid_from,
        valid_until,
        prerequisite: m.prerequisite,
        region_rules: if m.region_rules.is_empty() {
            base.map(|b| b.region_rules.clone()).unwrap_or_default()
        } else {
            m.region_rules.clone()
        },
        groups: m.groups.clone(),
        // An amendment replaces its base from its start, unless it is a provincial layer
        // on a national set: then both stay, and the provincial one wins in its province.
        supersedes: base
            .filter(|b| {
                b.jurisdiction.as_deref().map(crate::text::name_key)
                    == m.jurisdiction.as_deref().map(crate::text::name_key)
            })
            .map(|b| (b.id.clone(), cx.at(m.amends.as_ref().unwrap_or(&m.id))))
            .into_iter()
            .chain(
                m.supersedes
                    .iter()
                    .map(|s| (s.value.trim().to_string(), span_of(cx.file, s))),
            )
            .collect(),
        superseded_by: None,
        document: m.document.clone(),
        guidance: m.guidance.clone(),
        based_on: m.based_on.clone(),
        notes: m.notes.clone(),
        fields,
        parameters,
        criteria,
        recognition,
        scoring: scoring.or_else(|| base.and_then(|b| b.scoring.clone())),
        amends: base.map(|b| b.id.clone()),
        tests: raw.tests,
        file: cx.file.to_path_buf(),
        sha256,
        source: std::sync::Arc::from(cx.yaml),
    }
}

/// Compile one indicator (or recognition condition): its expressions, the names
/// they read split into fields, parameters and built-ins, and its department.
#[allow(clippy::too_many_arguments)]
fn compile_indicator(
    engine: &Engine,
    cx: &mut Ctx<'_>,
    i: &super::model::IndicatorDef,
    names: &Names<'_>,
    fields: &BTreeMap<String, Field>,
    default_department: Option<&Spanned<String>>,
    documents: &BTreeSet<String>,
    kind: &str,
) -> Option<Indicator> {
    let iid = i.id.value.trim().to_string();
    check_citation(cx, &i.citation, documents);
    let what = format!("{kind} {iid}");
    let compiled = compile_one(engine, cx, &i.expr, names, true, &what);
    let value = i
        .value
        .as_ref()
        .and_then(|v| compile_one(engine, cx, v, names, false, &what));
    let (expr, mut used) = compiled?;
    let value = value.map(|(e, u)| {
        for n in u {
            if !used.contains(&n) {
                used.push(n);
            }
        }
        e
    });
    let builtins: Vec<String> = used
        .iter()
        .filter(|n| super::BUILTINS.iter().any(|b| b.0 == n.as_str()))
        .cloned()
        .collect();
    used.retain(|n| !builtins.contains(n));
    let score = i
        .score
        .as_ref()
        .and_then(|v| compile_one(engine, cx, v, names, false, &what))
        .map(|(e, u)| {
            for n in u {
                if !used.contains(&n) {
                    used.push(n);
                }
            }
            e
        });
    if let Some(p) = &i.points {
        if !(p.value > 0.0 && p.value.is_finite()) {
            let at = cx.at(p);
            cx.err(
                at,
                "points",
                "points must be a positive number",
                "e.g. `points: 10`",
            );
        }
    }
    if i.score.is_some() && i.points.is_none() {
        let at = cx.at(&i.id);
        cx.err(
            at,
            "points",
            format!("{what} has a `score:` expression but no `points:`"),
            "give the maximum points with `points:`",
        );
    }
    let (fs, ps): (Vec<String>, Vec<String>) =
        used.into_iter().partition(|n| fields.contains_key(n));
    Some(Indicator {
        id: iid,
        name: crate::text::norm(&i.name),
        department: i
            .department
            .as_ref()
            .or(default_department)
            .map(|d| crate::text::norm(&d.value)),
        notes: i.notes.clone(),
        department_at: i
            .department
            .as_ref()
            .map(|d| (crate::text::norm(&d.value), cx.at(d))),
        expr,
        value,
        citation: Citation::from(&i.citation),
        fields: fs,
        params: ps,
        builtins,
        continues: i.continues.iter().map(|c| c.trim().to_string()).collect(),
        points: i.points.as_ref().map(|p| p.value),
        score,
        span: cx.at(&i.id),
    })
}

fn value_kind(v: &Value) -> &'static str {
    match v {
        Value::Bool(_) => "yes/no",
        Value::Text(_) => "text",
        _ => "number",
    }
}

fn compile_one(
    engine: &Engine,
    cx: &mut Ctx<'_>,
    src: &Spanned<String>,
    names: &Names<'_>,
    want_bool: bool,
    what: &str,
) -> Option<(expr::Expression, Vec<String>)> {
    let at = cx.at(src);
    match expr::compile(engine, cx.yaml, cx.file, at, &src.value, names, what) {
        Ok((e, used)) => match expr::probe(engine, cx.yaml, &e, names, want_bool, what) {
            Ok(()) => Some((e, used)),
            Err(d) => {
                cx.diags.push(d);
                None
            }
        },
        Err(ds) => {
            for d in ds {
                cx.diags.push(d);
            }
            None
        }
    }
}

fn check_citation(cx: &mut Ctx<'_>, c: &CitationDef, documents: &BTreeSet<String>) {
    let doc = crate::text::norm(&c.document.value);
    if !documents.contains(&doc) {
        let at = cx.at(&c.document);
        let help = match crate::text::did_you_mean(&doc, documents.iter().map(String::as_str)) {
            Some(s) => format!("did you mean `{s}`? A citation must name a document declared under `ruleset:` (document, guidance or based_on)"),
            None => "declare the document under `ruleset:` (document, guidance or based_on) with its number, date, issuer and title".to_string(),
        };
        cx.err(
            at,
            "unknown-document",
            format!("citation names `{doc}`, which the rule set does not declare"),
            help,
        );
    }
}

/// Two values with the same kind of selectors whose selectors overlap would make
/// the threshold ambiguous for some year or region.
fn check_overlaps(cx: &mut Ctx<'_>, pid: &str, values: &[ParamValue]) {
    for (i, a) in values.iter().enumerate() {
        for b in &values[i + 1..] {
            if a.specificity() != b.specificity() {
                continue;
            }
            let same_region = match (&a.region, &b.region) {
                (Some(x), Some(y)) => crate::text::name_key(x) == crate::text::name_key(y),
                (None, None) => true,
                _ => false,
            };
            let same_group = match (&a.group, &b.group) {
                (Some(x), Some(y)) => crate::text::name_key(x) == crate::text::name_key(y),
                (None, None) => true,
                _ => false,
            };
            let years_overlap = a.from_year.unwrap_or(i32::MIN) <= b.to_year.unwrap_or(i32::MAX)
                && b.from_year.unwrap_or(i32::MIN) <= a.to_year.unwrap_or(i32::MAX);
            let has_years_a = a.from_year.is_some() || a.to_year.is_some();
            let has_years_b = b.from_year.is_some() || b.to_year.is_some();
            if same_region && same_group && years_overlap && has_years_a == has_years_b {
                cx.err(
                    b.span.clone(),
                    "parameter-overlap",
                    format!(
                        "parameter `{pid}` has two values for the same year/region/group (the other is at line {})",
                        a.span.line
                    ),
                    "give each value its own `year`, `region` or `group`, or remove one",
                );
            }
        }
    }
}
