//! English wording of diagnostics about the rule library, lint, test cases, plans
//! and commands.

use super::diag_en::did_you_mean;
use super::Said;
use crate::core::problem::*;

pub(super) fn library(p: &LibraryProblem) -> Said {
    use LibraryProblem as P;
    const CHECK_ID: &str = "check the id, or load the whole rules/ folder";
    match p {
        P::NotRules { kind: NotRules::Plan } => {
            Said::new("this is a plan; run it with `ntm plan`").help("plans belong beside their datasets")
        }
        P::NotRules { kind: NotRules::Lineage } => Said::new("this is a lineage of units; give it with the data (--data)")
            .help("lineages belong beside the datasets whose units they describe"),
        P::NotRules { kind: NotRules::Other } => Said::new(
            "this file is neither a rule set (`ruleset:`) nor a register (`documents:`, `departments:`); it is skipped",
        )
        .help("datasets belong under datasets/, given with --data"),
        P::AmendsUnknown { base } => {
            Said::new(format!("this file amends `{base}`, which is not among the loaded rule sets")).help(CHECK_ID)
        }
        P::SupersedesUnknown { old } => Said::new(format!("`{old}` is not among the loaded rule sets")).help(CHECK_ID),
        P::DuplicateRuleset { id, other } => {
            Said::new(format!("rule set id `{id}` is also used by {}", other.display())).help("every rule set needs its own id")
        }
        P::SupersedesCycle { ruleset, old } => Said::new(if ruleset == old {
            format!("rule set `{old}` cannot supersede itself")
        } else {
            format!("`{ruleset}` cannot supersede `{old}`: `{old}` does not start before it, or supersedes it in turn")
        })
        .help("`supersedes:` lists older sets that this one replaces"),
        P::OverlappingValidity { a, a_file, a_dates, b, b_file, b_dates, level, stage } => Said::new(format!(
            "rule sets `{a}` ({}, {}) and `{b}` ({}, {}) are both in force for {level} {stage} on the same days",
            a_file.display(), period(a_dates), b_file.display(), period(b_dates)
        ))
        .help("give the older set a `valid_until`, or list it under `supersedes:` in the newer one"),
        P::UnregisteredDocument { document, set } => Said::new(format!("{document} ({set}) is not in the document register"))
            .help("add it to the register with its date, issuer, title and what it amends or replaces"),
        P::DuplicateDocument { number, first } => Said::new(format!("document {number} is already registered at {first}")),
        P::UnregisteredReference { document, refers_to, suggestion } => {
            Said::new(format!("{document} refers to {refers_to}, which is not registered"))
                .help(did_you_mean(suggestion).unwrap_or_else(|| "register that document too".into()))
        }
        P::UnknownDepartment { name, suggestion, files } => Said::new(match suggestion {
            Some(s) => format!("department `{name}` is not in the register; did you mean `{s}`?"),
            None => format!("department `{name}` is not in the register"),
        })
        .help(format!(
            "departments are listed in {}",
            files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>().join(", ")
        )),
        P::UnknownDepartmentFlag { name, known } => {
            Said::new(format!("no department `{name}`")).help(format!("departments: {}", known.join("; ")))
        }
        P::RollupNoBuckets { rollup } => Said::new(format!("roll-up {rollup} aggregates into buckets but lists none"))
            .help("add `buckets:` with `label` and `when`"),
        P::DuplicateRollup { rollup } => Said::new(format!("roll-up `{rollup}` is defined twice")),
        P::UnusedField { field } => Said::new(format!("field `{field}` is declared but no indicator reads it"))
            .help("use it in an indicator's `expr:` or `value:`, or remove it"),
        P::UntestedIndicator { set, ids } => Said::new(format!(
            "{} indicator(s) of `{set}` have no test case: {}",
            ids.len(),
            ids.join(", ")
        ))
        .help("add under `tests:` a case that just passes and one that just fails each threshold"),
        P::NoDepartment { set, ids } => Said::new(format!(
            "{} criteria of `{set}` have no department responsible for them: {}",
            ids.len(),
            ids.join(", ")
        ))
        .help("add `department:` to each (a name from rules/registers/phong-ban.yaml)"),
        P::UnknownColumn { name, suggestion } => {
            Said::new(format!("no rule set declares a field `{name}`; its values are not used")).maybe_help(did_you_mean(suggestion))
        }
        P::TestFailed { test, mismatch } => Said::new(format!("test `{test}`: {}", mismatch_en(mismatch))),
        P::TestInput { test, found } => Said::new(format!(
            "test `{test}`: a declared status is 1 or 0 (đạt / chưa đạt), found `{found}`"
        )),
        P::TestYear { test, year, set, validity } => Said::new(format!(
            "test `{test}`: year {year} is outside the validity of {set} ({})",
            period(validity)
        )),
    }
}

fn checked(c: Checked) -> &'static str {
    match c {
        Checked::Indicator => "indicator",
        Checked::Criterion => "criterion",
        Checked::Condition => "recognition condition",
        Checked::Verdict => "verdict",
        Checked::Score => "score",
        Checked::Level => "level",
        Checked::Recognisable => "recognition",
        Checked::Met => "criteria met",
        Checked::Finding => "finding",
    }
}

fn not_eligible(stage: &str) -> String {
    format!(
        "the set applies only to units already recognised as {stage} ({} ≤ year, or met in the same year)",
        crate::data::RECOGNISED_NTM
    )
}

fn mismatch_en(m: &TestMismatch) -> String {
    use TestMismatch as M;
    match m {
        M::NotEligible { stage } => format!("expected eligible, but: {}", not_eligible(stage)),
        M::Eligible => "expected not eligible, but the unit meets the prerequisite".into(),
        M::UnexpectedlyNotEligible { stage } => format!(
            "{} (set `eligible: false` under expect if that is the point)",
            not_eligible(stage)
        ),
        M::NotAllowed { item, found } => format!(
            "`{found}` is not {}",
            match item {
                Checked::Indicator => "an indicator outcome (pass, fail, missing)",
                Checked::Condition => "a condition outcome (pass, fail, missing)",
                Checked::Criterion => "a criterion status (met, not_met, missing)",
                Checked::Verdict => "a verdict (met, not_met, incomplete)",
                _ => "recognisable, not_recognisable or incomplete",
            }
        ),
        M::Differs {
            item: Checked::Finding,
            expected,
            got,
            ..
        } => format!("expected a `{expected}` finding, got [{got}]"),
        M::Differs {
            item,
            id,
            expected,
            got,
            value,
            thresholds,
            not_applicable,
            no_value,
            no_threshold,
        } => {
            let what = match item {
                Checked::Indicator | Checked::Criterion | Checked::Condition => {
                    format!("{} {id}", checked(*item))
                }
                other => checked(*other).to_string(),
            };
            let detail = if !no_value.is_empty() {
                format!(" (no value: {})", no_value.join(", "))
            } else if !no_threshold.is_empty() {
                format!(" (no threshold {})", no_threshold.join(", "))
            } else if !not_applicable.is_empty() {
                format!(" (threshold not applicable: {})", not_applicable.join(", "))
            } else {
                match (value, thresholds.is_empty()) {
                    (Some(v), false) => {
                        format!(" (value {v}; thresholds {})", thresholds.join("; "))
                    }
                    (Some(v), true) => format!(" (value {v})"),
                    (None, false) => format!(" (thresholds {})", thresholds.join("; ")),
                    (None, true) => String::new(),
                }
            };
            let got = match (got.is_empty(), item) {
                (false, _) => got.as_str(),
                (true, Checked::Score) => "no score",
                (true, _) => "none",
            };
            format!("{what}: expected {expected}, got {got}{detail}")
        }
        M::NotEvaluated { item, id } => format!("{} {id} was not evaluated", checked(*item)),
        M::NoRecognition => "the rule set has no recognition conditions".into(),
    }
}

pub(super) fn plan(p: &PlanProblem) -> Said {
    use PlanProblem as P;
    match p {
        P::PlanMeasure { measure, per_unit, suggestion } => Said::new(format!(
            "`{measure}` is neither a per-unit measure ({}) nor a roll-up{}",
            per_unit.join(", "),
            suggestion.as_ref().map(|s| format!("; did you mean `{s}`?")).unwrap_or_default()
        )),
        P::PlanEmpty => Said::new("the plan has no targets").help("list the plan's targets under `targets:`"),
        P::PlanYears => Said::new("target_year is before baseline_year"),
        P::PlanTargetNotFinite { target } => Said::new(format!("target `{target}`: `at_least` must be a finite number")),
        P::PlanTargetTwice { target } => Said::new(format!("target `{target}` appears twice")),
        P::PlanTargetNoUnits { target } => Said::new(format!("target `{target}` names no units"))
            .help("list `units:` or give `kind:` (with optional `where:` and `except:`)"),
        P::PlanEmptyTarget { target } => Said::new(format!("target `{target}` covers no unit")).help(
            "check `units:`, or `kind:` with `where:` and `except:`: no unit of the dataset matches through the plan's years",
        ),
        P::PlanAttribute { target, attribute } => Said::new(format!(
            "target `{target}`: no unit has the attribute `{attribute}` named by `where:`"
        ))
        .help("check the attribute's name in the units' `attributes:`"),
    }
}

pub(super) fn run(p: &RunProblem) -> Said {
    use RunProblem as P;
    match p {
        P::NoRuleset { name, suggestion } => {
            Said::new(format!("no rule set `{name}`")).maybe_help(did_you_mean(suggestion))
        }
        P::NotARuleSet => Said::new("this file is not a rule set (no `ruleset: id:`)"),
        P::NoResult { name, year } => Said::new(format!(
            "`{name}` has no evaluated record{}",
            year.map(|y| format!(" in {y}")).unwrap_or_default()
        )),
        P::NoSetForKind { name, year, kind } => super::en_units::no_set_for_kind(name, *year, *kind),
        P::NeedsData => Said::new("this needs a dataset"),
        P::NoDataFiles => Said::new("no dataset files (.yaml, .yml, .json, .csv, .xlsx) here"),
        P::OutputIsInput { path } => Said::new(format!(
            "`{}` is a file this command reads; writing the result over it would lose data",
            path.display()
        ))
        .help("write the result to another file with --output"),
        P::OutputNotAFile { path } => Said::new(format!(
            "`{}` is not a regular file (a device, a pipe or a socket); it is not replaced",
            path.display()
        ))
        .help("write the result to a regular file, or leave out --output to print it"),
        P::GenOutNotEmpty { path, entries } => Said::new(format!(
            "folder `{}` already holds {entries} entries; ntm gen writes only into an empty or new folder",
            path.display()
        ))
        .help("give --out a new folder (made-up data is never mixed into real data), or remove the old one first"),
        P::GenOutNotFolder { path } => Said::new(format!("`{}` is a file, not a folder", path.display()))
            .help("give --out a new folder"),
        P::MoreOfKind { more, shown, error } => Said::new(format!(
            "… and {more} more {} of the same kind (only the first {shown} are shown)",
            if *error { "errors" } else { "warnings" }
        ))
        .help("see them all with `ntm check` on the same files and `--format json`"),
        P::NotAPlanFile => Said::new("not a plan file (.yaml, .yml)"),
        P::NotASheet => Said::new("not a fill-in sheet (.csv)")
            .help("write the sheet with `ntm pending SET --output sheet.csv`, fill it, then read it back with --fill"),
        P::Override {
            param,
            set: Some(set),
            suggestion,
        } => Said::new(format!("`{set}` has no parameter `{param}`"))
            .maybe_help(did_you_mean(suggestion)),
        P::Override {
            param,
            set: None,
            suggestion,
        } => Said::new(format!(
            "no loaded rule set has a parameter `{param}`{}",
            suggestion
                .as_ref()
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default()
        )),
        P::OverrideType { param, set, takes, given } => Said::new(format!("`{param}` in {set} takes {takes}, not `{given}`")),
        P::SweepForm { text } => Said::new(format!("`{text}` is not PARAM=FROM..TO:STEP (e.g. ho_dien_min=90..100:1)")),
        P::SweepRange { text } => Said::new(format!("`{text}`: STEP must be positive and TO not below FROM")),
        P::SweepSteps { text, limit } => Said::new(format!("`{text}` asks for more than {limit} steps")),
        P::OverrideForm { text } => {
            Said::new(format!("`{text}` is not PARAM=VALUE (e.g. ho_dien_min=97)"))
        }
        P::DiffCopyWithData { .. } => Said::new(
            "--data with an older copy of the same set is not supported yet; compare the structure first",
        ),
    }
}

/// A validity period: `2017-05-29 – 2022-07-14`, or open-ended.
fn period(p: &crate::core::problem::Period) -> String {
    match &p.until {
        Some(u) => format!("{} – {u}", p.from),
        None => format!("{} – (until replaced)", p.from),
    }
}
