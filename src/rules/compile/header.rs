//! The `ruleset:` header: id, level, validity, the documents citations may name, and
//! what an amendment keeps from, or replaces in, its base set.

use super::{check_citation, Ctx};
use crate::core::date::Date;
use crate::core::diag::Span;
use crate::core::loader::{span_of, Spanned};
use crate::core::problem::CriteriaProblem;
use crate::core::units::UnitKind;
use crate::rules::model::{DocumentDef, Meta, RegionRuleDef};
use crate::rules::RuleSet;
use std::collections::BTreeSet;

/// What the later steps need from the header.
pub(super) struct Header {
    pub id: String,
    pub valid_from: Date,
    pub valid_until: Option<Date>,
    /// Normalised numbers of the documents a citation may name (an amendment's own
    /// and its base's).
    pub documents: BTreeSet<String>,
}

pub(super) fn check(cx: &mut Ctx<'_>, m: &Meta, base: Option<&RuleSet>) -> Header {
    if let Some(b) = base {
        check_same_kind(cx, m, b);
    }
    let id = check_id(cx, m);
    check_level(cx, m);
    let valid_from = parse_date(cx, &m.valid_from).unwrap_or(Date::end_of_year(0));
    let valid_until = m.valid_until.as_ref().and_then(|s| parse_date(cx, s));
    if let Some(u) = valid_until {
        if u < valid_from {
            let at = cx.at(m.valid_until.as_ref().unwrap_or(&m.valid_from));
            cx.err(at, CriteriaProblem::ValidityReversed);
        }
    }
    let documents = documents(m, base);
    for g in &m.groups {
        check_citation(cx, &g.citation, &documents);
    }
    for r in &m.region_rules {
        check_citation(cx, &r.citation, &documents);
    }
    Header {
        id,
        valid_from,
        valid_until,
        documents,
    }
}

fn check_same_kind(cx: &mut Ctx<'_>, m: &Meta, b: &RuleSet) {
    if b.level != m.level.value || b.stage != m.stage {
        let at = cx.at(&m.level);
        cx.err(
            at,
            CriteriaProblem::AmendmentLevel {
                base: b.id.clone(),
                level: b.level.to_string(),
                stage: b.stage.code().to_string(),
            },
        );
    }
}

fn check_id(cx: &mut Ctx<'_>, m: &Meta) -> String {
    let id = crate::core::text::norm(&m.id.value);
    if id.is_empty() || id.contains(char::is_whitespace) {
        let at = cx.at(&m.id);
        cx.err(at, CriteriaProblem::RulesetId { id: id.clone() });
    }
    id
}

fn check_level(cx: &mut Ctx<'_>, m: &Meta) {
    if !matches!(m.level.value, UnitKind::Xa | UnitKind::Thon) {
        let at = cx.at(&m.level);
        cx.err(
            at,
            CriteriaProblem::RulesetLevel {
                found: m.level.value.to_string(),
            },
        );
    }
}

fn parse_date(cx: &mut Ctx<'_>, s: &Spanned<String>) -> Option<Date> {
    match Date::parse(&s.value) {
        Ok(d) => Some(d),
        Err(e) => {
            let at = cx.at(s);
            cx.err(
                at,
                CriteriaProblem::BadDate {
                    detail: e.to_string(),
                },
            );
            None
        }
    }
}

/// An amendment may cite the documents of its base as well as its own.
fn documents(m: &Meta, base: Option<&RuleSet>) -> BTreeSet<String> {
    let inherited_docs: Vec<&DocumentDef> = base
        .map(|b| {
            std::iter::once(&b.document)
                .chain(&b.guidance)
                .chain(&b.based_on)
                .collect()
        })
        .unwrap_or_default();
    std::iter::once(&m.document)
        .chain(&m.guidance)
        .chain(&m.based_on)
        .chain(inherited_docs)
        .map(|d| crate::core::text::norm(&d.number))
        .collect()
}

/// An amendment without region rules keeps its base's.
pub(super) fn region_rules(m: &Meta, base: Option<&RuleSet>) -> Vec<RegionRuleDef> {
    if m.region_rules.is_empty() {
        base.map(|b| b.region_rules.clone()).unwrap_or_default()
    } else {
        m.region_rules.clone()
    }
}

/// An amendment replaces its base from its start, unless it is a provincial layer
/// on a national set: then both stay, and the provincial one wins in its province.
pub(super) fn supersedes(cx: &Ctx<'_>, m: &Meta, base: Option<&RuleSet>) -> Vec<(String, Span)> {
    base.filter(|b| {
        b.jurisdiction.as_deref().map(crate::core::text::name_key)
            == m.jurisdiction.as_deref().map(crate::core::text::name_key)
    })
    .map(|b| (b.id.clone(), cx.at(m.amends.as_ref().unwrap_or(&m.id))))
    .into_iter()
    .chain(
        m.supersedes
            .iter()
            .map(|s| (s.value.trim().to_string(), span_of(cx.file, s))),
    )
    .collect()
}
