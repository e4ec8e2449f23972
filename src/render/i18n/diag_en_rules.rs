//! English wording of diagnostics about rule files, expressions, plans and commands.

use super::diag_en::{kind, owner, SHORT};
use super::Said;
use crate::core::problem::*;

pub(super) fn expr(p: &ExprProblem) -> Said {
    use ExprProblem as P;
    match p {
        P::UnknownField { owner: o, name, suggestion, suggestion_is_parameter } => Said::new(format!(
            "the expression of {} uses `{name}`, which is neither a declared field nor a parameter",
            owner(o)
        ))
        .help(match suggestion {
            Some(s) => format!(
                "did you mean the {} `{s}`? Otherwise declare `{name}` under `fields:`",
                if *suggestion_is_parameter { "parameter" } else { "field" }
            ),
            None => format!("declare `{name}` under `fields:` (with its label, type and unit) or under `parameters:`"),
        }),
        P::ExpressionSyntax { owner: o, detail } => Said::new(format!("in the expression of {}: {detail}", owner(o))).help(
            "an expression compares fields and parameters, e.g. `ho_dien_pct >= ho_dien_min`; statements, loops and functions are not allowed",
        ),
        P::ExpressionOperator { owner: o, found, write } => Said::new(format!(
            "in the expression of {}: `{found}` is not an operator of rule expressions",
            owner(o)
        ))
        .help(format!(
            "write `{write}` instead of `{found}` (>= <= == != for comparisons, && for “and”, || for “or”, ! for “not”)"
        )),
        P::DivisionByZero { owner: o } => Said::new(format!("the expression of {} divides by zero", owner(o)))
            .help("a division by zero has no value; divide by a field or a parameter that is never 0"),
        P::TypeMismatch { owner: o, op, left, right } => Said::new(format!(
            "in the expression of {}: `{op}` compares {} with {}; this is always false",
            owner(o),
            kind(*left),
            kind(*right)
        ))
        .help("compare a field with a value of its own type (see the field's `type:`)"),
        P::WrongOperands { owner: o, signature } => Said::new(format!(
            "the expression of {} applies an operation to values of the wrong type ({signature})",
            owner(o)
        ))
        .help("check the types of the fields it uses (see each field's `type:`)"),
        P::ExpressionType { owner: o, want: ValueKind::YesNo, gives, score: _ } => Said::new(format!(
            "the expression of {} must give yes/no (true/false), but it gives {}",
            owner(o),
            kind(*gives)
        ))
        .help("write a comparison, e.g. `ho_dien_pct >= ho_dien_min`; put a measured value under `value:`"),
        P::ExpressionType { owner: o, gives, score: true, .. } => Said::new(format!(
            "the score expression of {} gave {}, not a number",
            owner(o),
            kind(*gives)
        )),
        P::ExpressionType { owner: o, gives, .. } => Said::new(format!(
            "the value expression of {} must give a number, but it gives {}",
            owner(o),
            kind(*gives)
        )),
        P::ExpressionLimit { owner: o, limit } => Said::new(format!(
            "the expression of {} {}",
            owner(o),
            match limit {
                ExprLimit::Operations => "takes too many operations",
                ExprLimit::Size => "builds a value that is too large",
                ExprLimit::Depth => "nests too deeply",
            }
        ))
        .help(SHORT),
        P::UnknownFunction { owner: o, function } => Said::new(format!(
            "the expression of {} calls `{function}`, which rule expressions cannot use",
            owner(o)
        ))
        .help("use comparisons, arithmetic, &&, ||, !, and simple functions such as abs, min, max, round"),
        P::ExpressionError { owner: o, detail } => {
            Said::new(format!("the expression of {} {detail}", owner(o))).help("check the expression")
        }
    }
}

pub(super) fn rule(p: &RuleProblem) -> Said {
    use RuleProblem as P;
    const ONE: &str = "keep one declaration";
    match p {
        P::DuplicateField { field } => Said::new(format!("field `{field}` is declared twice")).help(ONE),
        P::FieldId { id } => Said::new(format!("field id `{id}` is not a valid name"))
            .help("use lower-case ASCII letters, digits and `_`, starting with a letter, e.g. `ho_dien_pct`"),
        P::FieldValues { field } => Said::new(format!("field `{field}` lists `values:` but is not a text field"))
            .help("a closed list of values is for `type: text`; remove `values:` or change the type"),
        P::FieldRangeOrder => Said::new("a range is `[min, max]` with min ≤ max").help("e.g. `range: [0, 100]`"),
        P::FieldRangeType { ty } => Said::new(format!("a {ty} field cannot have a range")).help("remove `range:`"),
        P::DuplicateParameter { param } => Said::new(format!("parameter `{param}` is declared twice")).help(ONE),
        P::ParameterValues { param } => Said::new(format!("parameter `{param}` has no values"))
            .help("add at least one entry under `values:` with value, citation and source_level"),
        P::ParameterId { id } => Said::new(format!("parameter id `{id}` is not a valid name"))
            .help("use lower-case ASCII letters, digits and `_`, e.g. `ho_dien_min`"),
        P::ParameterIsField { id } => Said::new(format!("`{id}` is both a field and a parameter")).help("rename one of them"),
        P::ParameterValueOrNotApplicable => Said::new("a value entry gives exactly one of `value` and `not_applicable: true`")
            .help("for a threshold that does not apply to the group: drop `value`, write `not_applicable: true`"),
        P::ParameterSelector => Said::new("use either `year` or `from_year`/`to_year`, not both").help("remove one of them"),
        P::ParameterYearsReversed { from, to } => Said::new(format!(
            "`from_year: {from}` is after `to_year: {to}`; the value would apply to no year"
        ))
        .help("swap them"),
        P::ParameterYear { year } => Said::new(format!("year {year} is not plausible")).help("years must lie between 1900 and 2200"),
        P::ParameterNumber { value, plain } => Said::new(format!("`{value}` could be read as two different numbers")).help(format!(
            "write the number without quotes or thousands separators: `{plain}` for a whole number; for a decimal, `.` as the mark (e.g. `85.5`) or `,` (e.g. `85,5`)"
        )),
        P::ParameterType { param, kinds } => Said::new(format!(
            "the values of `{param}` mix types ({})",
            kinds.iter().map(|k| value_type(*k)).collect::<Vec<_>>().join(", ")
        ))
        .help("give every value of a parameter the same type"),
        P::ParameterOverlap { param, other_line } => Said::new(format!(
            "parameter `{param}` has two values for the same year/region/group (the other is at line {other_line})"
        ))
        .help("give each value its own `year`, `region` or `group`, or remove one; to change a value for later years, write an amendment (`ntm new amendment`) instead of editing it in place"),
        P::UnknownGroup { group, groups } => Said::new(format!(
            "`group: {group}` is not one of the groups declared under `ruleset: groups:` ({})",
            groups.join(", ")
        ))
        .help("use a declared group id"),
        P::UnusedParameter { param } => Said::new(format!("parameter `{param}` is not used by any indicator"))
            .help("use it in an indicator's `expr:`, or remove it"),
    }
}

pub(super) fn criteria(p: &CriteriaProblem) -> Said {
    use CriteriaProblem as P;
    match p {
        P::DuplicateCriterion { id } => Said::new(format!("criterion `{id}` appears twice")).help("every criterion needs its own id"),
        P::DuplicateIndicator { id } => Said::new(format!("indicator `{id}` appears twice")).help("every indicator needs its own id"),
        P::IndicatorInBase { id, criterion, base } => Said::new(format!(
            "indicator `{id}` is also in criterion {criterion} of `{base}`"
        ))
        .help("replace that criterion too, or use another id"),
        P::DuplicateCondition { id } => Said::new(format!("condition `{id}` appears twice")).help("every condition needs its own id"),
        P::NoCriteria => Said::new("the rule set has no `criteria:`")
            .help("list its criteria (tiêu chí) with their indicators, or `amends:` another set"),
        P::CriterionEmpty { id } => Said::new(format!("criterion {id} has no indicators")).help(
            "add its indicators, or write `pending_source:` with the reason they are not known, so it is decided from declared statuses",
        ),
        P::PointsNotPositive => Said::new("points must be a positive number").help("e.g. `points: 10`"),
        P::ScoreWithoutPoints { owner: o } => Said::new(format!("{} has a `score:` expression but no `points:`", owner(o)))
            .help("give the maximum points with `points:`"),
        P::PointsMissing { indicator } => Said::new(format!("indicator {indicator} has no `points:`, but the rule set is scored"))
            .help("give every indicator its points, or mark the scoring `pending_source:`"),
        P::ScoringSameMin { a, b } => Said::new(format!("levels `{a}` and `{b}` have the same minimum")).help("give each level its own `min`"),
        P::ScoringNoLevels => Said::new("scoring needs `levels:` (or `pending_source:` when the point table is not known)")
            .help("e.g. levels: [{id: dat, label: đạt, min: 85}, {id: chua_dat, label: chưa đạt, min: 0}]"),
        P::LevelId { id } => Said::new(format!("level id `{id}` is not a valid name"))
            .help("use lower-case ASCII letters, digits and `_`, e.g. `co_ban_dat`"),
        P::LevelWordTwice { word, a, b } => Said::new(format!("`{word}` names both level `{a}` and level `{b}`"))
            .help("give each level its own id, label and aliases"),
        P::SingleLevel => Said::new("a single level grades nothing").help("list the levels best first, at least two (e.g. đạt, chưa đạt)"),
        P::VerdictNoMet => Said::new("no unit level stands for đạt chuẩn (`means: met`)")
            .help("give each level `means:`: `met` (đạt chuẩn), `intermediate` (e.g. cơ bản đạt chuẩn) or `not_met` (chưa đạt chuẩn)"),
        P::ValidityReversed => Said::new("`valid_until` is before `valid_from`").help("check the validity period"),
        P::AmendmentLevel { base, level, stage } => Said::new(format!(
            "an amendment keeps the level and stage of `{base}` ({level}, {stage})"
        ))
        .help("use the same `level:` and `stage:` as the amended set"),
        P::RulesetId { id } => Said::new(format!("rule set id `{id}` must be one word"))
            .help("use letters, digits, `-` and `/`, e.g. `bac-kan/thon/225-2019`"),
        P::RulesetLevel { found } => Said::new(format!("a rule set applies to xã or thôn, not {found}")).help("write `level: xã` or `level: thôn`"),
        P::BadDate { detail } => Said::new(detail.clone()).help("dates are written YYYY-MM-DD"),
        P::UnknownDocument { document, suggestion } => Said::new(format!(
            "citation names `{document}`, which the rule set does not declare"
        ))
        .help(match suggestion {
            Some(s) => format!("did you mean `{s}`? A citation must name a document declared under `ruleset:` (document, guidance or based_on)"),
            None => "declare the document under `ruleset:` (document, guidance or based_on) with its number, date, issuer and title".into(),
        }),
        P::TestUnknown { test, item, name, suggestion } => Said::new(match item {
            TestItem::Indicator => format!("test `{test}` expects indicator `{name}`, which the rule set does not have"),
            TestItem::Criterion => format!("test `{test}` names criterion `{name}`, which the rule set does not have"),
            TestItem::Field => format!("test `{test}` gives a value for `{name}`, which is not a declared field"),
        })
        .help(match (item, suggestion) {
            (TestItem::Indicator, _) => "use an indicator id from `criteria:`".to_string(),
            (TestItem::Criterion, _) => "use a criterion id from `criteria:`".to_string(),
            (TestItem::Field, Some(s)) => format!("did you mean `{s}`?"),
            (TestItem::Field, None) => "declare it under `fields:`".to_string(),
        }),
    }
}

fn value_type(k: ValueKind) -> &'static str {
    match k {
        ValueKind::Number => "number",
        ValueKind::Text => "text",
        ValueKind::YesNo => "yes/no",
        ValueKind::Other => "other",
    }
}
