//! English catalogue (`--lang en`).

use super::{values, Catalog, Lang, Word};
use crate::analysis::diff::{Cause, ChangeDetail, ChangeKind, Item, ParamValues, Which};
use crate::analysis::plan::TargetStatus;
use crate::core::units::UnitKind;
use crate::data::lineage::{Existence, NotAssessed};
use crate::report::*;
use crate::rules::model::{SourceLevel, Stage};

pub struct En;

impl En {
    /// Why a unit is not assessed (the tail of its notice).
    fn not_assessed(&self, reason: &NotAssessed) -> String {
        match reason {
            NotAssessed::Existence { existence } => match existence {
                Existence::NotYet { from } => {
                    format!("the unit exists only from {from}; not evaluated")
                }
                Existence::Ended { last_day, .. } => format!(
                    "the unit ended on {last_day} (merged, split or dissolved); not evaluated"
                ),
                Existence::Exists => String::new(),
            },
        }
    }

    fn param_values(&self, p: &ParamValues) -> String {
        if p.values.is_empty() {
            return format!("{} = —", p.parameter);
        }
        let vals: Vec<String> = p
            .values
            .iter()
            .map(|v| {
                let mut sel = Vec::new();
                match (v.from_year, v.to_year) {
                    (Some(a), Some(b)) if a == b => sel.push(a.to_string()),
                    (Some(a), Some(b)) => sel.push(format!("{a}–{b}")),
                    (Some(a), None) => sel.push(format!("from {a}")),
                    (None, Some(b)) => sel.push(format!("to {b}")),
                    (None, None) => {}
                }
                sel.extend(v.region.clone());
                sel.extend(v.group.as_ref().map(|g| format!("group {g}")));
                let flag = if v.source_level == SourceLevel::Official {
                    ""
                } else {
                    "*"
                };
                if sel.is_empty() {
                    format!(
                        "{}{flag}",
                        self.threshold(v.value.as_ref(), v.not_applicable)
                    )
                } else {
                    format!(
                        "{}{flag} ({})",
                        self.threshold(v.value.as_ref(), v.not_applicable),
                        sel.join(", ")
                    )
                }
            })
            .collect();
        format!("{} = {}", p.parameter, vals.join("; "))
    }
}

impl Catalog for En {
    fn lang(&self) -> Lang {
        Lang::En
    }

    fn word(&self, w: Word) -> &'static str {
        super::en_words::word(w)
    }

    fn number(&self, x: f64) -> String {
        crate::core::value::format_number(x).replace(',', ".")
    }

    fn status(&self, s: Status) -> &'static str {
        match s {
            Status::Met => "met",
            Status::NotMet => "not met",
            Status::Missing => "no data",
            Status::NotApplicable => "not applicable",
        }
    }

    fn outcome(&self, o: Outcome) -> &'static str {
        match o {
            Outcome::Pass => "pass",
            Outcome::Fail => "fail",
            Outcome::Missing => "no data",
            Outcome::NotApplicable => "not applicable",
        }
    }

    fn verdict(&self, v: Verdict) -> &'static str {
        match v {
            Verdict::Met => "meets the standard",
            Verdict::NotMet => "does not meet the standard",
            Verdict::Incomplete => "not enough data",
        }
    }

    fn basis(&self, b: Basis) -> &'static str {
        match b {
            Basis::Computed => "computed from values",
            Basis::Declared => "as declared",
            Basis::None => "neither values nor a declaration",
            Basis::Merged => "combined from the former units by a merge rule",
        }
    }

    fn stage(&self, s: Stage) -> &'static str {
        match s {
            Stage::Ntm => "NTM",
            Stage::NtmNangCao => "advanced NTM (nâng cao)",
        }
    }

    fn unit_kind(&self, k: UnitKind) -> &'static str {
        super::en_words::unit_kind(k)
    }

    fn target_status(&self, s: TargetStatus) -> &'static str {
        match s {
            TargetStatus::Achieved => "achieved",
            TargetStatus::NotYet => "not due yet",
            TargetStatus::AtRisk => "at risk",
            TargetStatus::NotAchieved => "not achieved",
            TargetStatus::Unknown => "not enough data",
        }
    }

    fn recognisable(&self, r: Recognisable) -> &'static str {
        match r {
            Recognisable::Recognisable => "can be recognised",
            Recognisable::NotRecognisable => "cannot be recognised yet",
            Recognisable::Incomplete => "not enough data to decide recognition",
        }
    }

    fn source_level(&self, l: SourceLevel) -> &'static str {
        match l {
            SourceLevel::Official => "official source",
            SourceLevel::Secondary => "SECONDARY SOURCE",
            SourceLevel::None => "NO SOURCE",
        }
    }

    fn change_kind(&self, k: ChangeKind) -> &'static str {
        match k {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Renamed => "renamed",
            ChangeKind::Renumbered => "renumbered",
            ChangeKind::Continued => "continued",
            ChangeKind::ExpressionChanged => "expression changed",
            ChangeKind::ThresholdChanged => "threshold changed",
            ChangeKind::CitationChanged => "citation changed",
            ChangeKind::DepartmentChanged => "department changed",
            ChangeKind::SourceStatusChanged => "source status changed",
            ChangeKind::NotEncoded => "not encoded in the new set",
        }
    }

    fn item(&self, i: Item) -> &'static str {
        match i {
            Item::Criterion => "criterion",
            Item::Indicator => "indicator",
        }
    }

    fn event_kind(&self, k: crate::data::lineage::EventKind) -> &'static str {
        use crate::data::lineage::EventKind as E;
        match k {
            E::Created => "created",
            E::Ended => "ended",
            E::Renamed => "renamed",
            E::Reclassified => "reclassified",
            E::Merged => "merged",
            E::Split => "split",
            E::Moved => "moved",
        }
    }

    fn finding(&self, f: &Finding) -> String {
        match &f.detail {
            FindingDetail::ReportedTotalMismatch { reported, counted } => format!(
                "the source writes {reported} criteria met, but the recount gives {counted}"
            ),
            FindingDetail::DeclaredMismatch {
                criterion_name,
                declared,
                computed,
            } => format!(
                "criterion {} {criterion_name}: declared {} but the values give {}",
                f.criterion.as_deref().unwrap_or_default(),
                self.status(*declared),
                self.status(*computed)
            ),
            FindingDetail::OutOfRange {
                field,
                label,
                value,
                min,
                max,
            } => format!(
                "{label} ({field}) = {} is outside the valid range [{}, {}]; the value is not used",
                self.number(*value),
                self.number(*min),
                max.map(|m| self.number(m)).unwrap_or_else(|| "∞".into())
            ),
            FindingDetail::UnknownCriterion { ruleset } => format!(
                "a status is declared for criterion {}, which criteria set {ruleset} does not have; ignored",
                f.criterion.as_deref().unwrap_or_default()
            ),
            FindingDetail::UnverifiedThreshold {
                indicators,
                weakest,
            } => format!(
                "the verdict rests on thresholds not read in the original document (indicators {}; weakest source: {})",
                indicators.join(", "),
                self.source_level(*weakest)
            ),
            FindingDetail::IllustrativeData => {
                "illustrative data (made up for demonstration), not published figures".into()
            }
            FindingDetail::PublishedVerdictMismatch { published, computed } => format!(
                "the published verdict is \"{published}\", but ntm computes \"{}\"",
                self.verdict_or_level(computed)
            ),
            FindingDetail::LevelCountMismatch {
                level,
                reported,
                counted,
            } => format!(
                "the source writes {reported} criteria at level {level}, but the recount gives {counted}"
            ),
            FindingDetail::NoGroup { .. } | FindingDetail::GroupDerived { .. } => {
                super::en_units::group_finding(self, &f.detail)
            }
            FindingDetail::KnownContradictsCount {
                reported,
                met,
                not_met,
                total,
            } => format!(
                "the source gives {reported}/{total} criteria met, but {met} are known met and {not_met} known not met; the two contradict"
            ),
            FindingDetail::NoMergeRule { criteria } => format!(
                "merged unit: no merge rule says how to combine criteria {}; left unknown",
                criteria.join(", ")
            ),
        }
    }

    fn partial_count(&self, p: &crate::report::PartialCount) -> String {
        format!(
            "known {} met, {} not met, {} unknown",
            p.met, p.not_met, p.unknown
        )
    }

    fn finding_tag(&self, f: &Finding) -> String {
        match &f.detail {
            FindingDetail::ReportedTotalMismatch { .. } => "reported total wrong".into(),
            FindingDetail::DeclaredMismatch { .. } => format!(
                "criterion {} differs from declaration",
                f.criterion.as_deref().unwrap_or_default()
            ),
            FindingDetail::OutOfRange { .. } => "value out of range".into(),
            FindingDetail::UnknownCriterion { .. } => "unknown criterion".into(),
            FindingDetail::UnverifiedThreshold { .. } => "unverified threshold".into(),
            FindingDetail::IllustrativeData => "illustrative data".into(),
            FindingDetail::PublishedVerdictMismatch { .. } => "published verdict differs".into(),
            FindingDetail::LevelCountMismatch { .. } => "level count differs".into(),
            FindingDetail::KnownContradictsCount { .. } => "published count contradicted".into(),
            FindingDetail::NoMergeRule { .. } => "merged: criteria unknown".into(),
            FindingDetail::NoGroup { .. } => "commune group unknown".into(),
            FindingDetail::GroupDerived { .. } => "commune group derived".into(),
        }
    }

    fn notice(&self, n: &Notice) -> String {
        match n {
            Notice::NoRuleSet {
                unit,
                unit_name,
                unit_kind,
                year,
            } => format!(
                "{} {unit_name} ({unit}): no criteria set for this kind of unit is in force in {year}; not evaluated",
                self.unit_kind(*unit_kind)
            ),
            Notice::NoDataForYear { year, years } => format!(
                "the dataset has no data for {year} (years with data: {})",
                years.iter().map(|y| y.to_string()).collect::<Vec<_>>().join(", ")
            ),
            Notice::NotEligible {
                ruleset,
                year,
                stage,
                units,
            } => format!(
                "criteria set {ruleset} applies in {year} only to units that already meet {} ({} ≤ {year}, or met this year); {} units not evaluated: {}",
                self.stage(*stage),
                crate::engine::eval::RECOGNISED_NTM,
                units.len(),
                super::some_names(units, |n| format!(" and {n} more"))
            ),
            Notice::Derived {
                unit_name,
                unit_kind,
                year,
                field,
                value,
                children,
                from,
            } => format!(
                "{} {unit_name}, {year}: {field} = {} (computed from {children} {} with data)",
                self.unit_kind(*unit_kind),
                self.number(*value),
                self.unit_kind(*from)
            ),
            Notice::NotAssessed {
                unit,
                unit_name,
                unit_kind,
                year,
                reason,
            } => format!(
                "{} {unit_name} ({unit}), {year}: {}",
                self.unit_kind(*unit_kind),
                self.not_assessed(reason)
            ),
            Notice::FollowsSuccessor { target, from, to } => format!(
                "target {target}: {from} is now part of {to}; followed through the new unit"
            ),
            Notice::Unverified {
                results,
                of,
                weakest,
            } => format!(
                "{results}/{of} results rest on thresholds not read in the original document{} (see `ntm explain`)",
                weakest
                    .map(|l| format!("; weakest source: {}", self.source_level(l)))
                    .unwrap_or_default()
            ),
        }
    }

    fn missing_reason(&self, r: &MissingReason) -> String {
        match r {
            MissingReason::NoValue {
                fields,
                out_of_range,
            } => {
                let parts: Vec<String> = fields
                    .iter()
                    .map(|f| {
                        if out_of_range.contains(f) {
                            format!("{f} (out of range)")
                        } else {
                            f.clone()
                        }
                    })
                    .collect();
                format!("no value: {}", parts.join(", "))
            }
            MissingReason::NoThreshold {
                parameters,
                year,
                region,
            } => format!(
                "no threshold {} for {year}{}",
                parameters.join(", "),
                region
                    .as_ref()
                    .map(|r| format!(", region {r}"))
                    .unwrap_or_default()
            ),
        }
    }

    fn change_detail(&self, d: &ChangeDetail) -> String {
        match d {
            ChangeDetail::Name { name } => name.clone(),
            ChangeDetail::Names { from, to } => format!("{from} → {to}"),
            ChangeDetail::Departments { from, to } => format!(
                "{} → {}",
                from.as_deref().unwrap_or("—"),
                to.as_deref().unwrap_or("—")
            ),
            ChangeDetail::SourceStatus {
                from_pending,
                to_pending,
            } => {
                let state = |p: bool| {
                    if p {
                        "indicators without a source"
                    } else {
                        "indicators known"
                    }
                };
                format!("{} → {}", state(*from_pending), state(*to_pending))
            }
            ChangeDetail::NotEncoded { name, criterion } => {
                format!("{name} (criterion {criterion} of the new set has no source for its indicators)")
            }
            ChangeDetail::Expressions { from, to } => format!("`{from}` → `{to}`"),
            ChangeDetail::Thresholds { from, to } => {
                let side = |v: &[ParamValues]| {
                    if v.is_empty() {
                        "—".to_string()
                    } else {
                        v.iter()
                            .map(|p| self.param_values(p))
                            .collect::<Vec<_>>()
                            .join("; ")
                    }
                };
                format!("{} → {}", side(from), side(to))
            }
            ChangeDetail::Citations { from, to } => format!("{from} → {to}"),
        }
    }

    fn cause(&self, c: &Cause) -> String {
        match c {
            Cause::Thresholds { from, to } => {
                format!("threshold {} → {}", values(self, from), values(self, to))
            }
            Cause::Expression { from, to } => format!("expression `{from}` → `{to}`"),
            Cause::Missing { side, reason } => format!(
                "{} set: {}",
                match side {
                    Which::Old => "old",
                    Which::New => "new",
                },
                self.missing_reason(reason)
            ),
            Cause::NotEncoded => {
                "the new set does not encode this indicator yet (no source)".into()
            }
            Cause::Dropped => "indicator dropped in the new set".into(),
            Cause::New => "new indicator in the new set".into(),
            Cause::Indicator { id } => format!("indicator {id}"),
            Cause::Basis { from, to } => format!("{} → {}", self.basis(*from), self.basis(*to)),
            Cause::Other => "other (same thresholds and expression)".into(),
        }
    }

    fn data_source(&self, d: &DataSource) -> String {
        let kind = match d.provenance {
            crate::data::model::Provenance::Published => "published figures",
            crate::data::model::Provenance::Illustrative => {
                "ILLUSTRATIVE DATA, not published figures"
            }
        };
        format!("{}: {} ({kind})", d.path, d.title)
    }

    fn stamp(&self, s: &Stamp, digest: &str) -> String {
        let overrides = if s.overrides.is_empty() {
            String::new()
        } else {
            format!("; assumed values: {}", s.overrides.join(", "))
        };
        format!(
            "— {}; {} rule files, {} data files; SHA-256: {digest}{overrides}",
            s.engine,
            s.rules.len(),
            s.data.len()
        )
    }

    fn problem(&self, p: &crate::core::problem::Problem) -> super::Said {
        super::diag_en_say::say(p)
    }

    fn diag_label(&self, l: super::DiagLabel) -> &'static str {
        let (error, warning, help, note) = ("error", "warning", "help", "note");
        match l {
            super::DiagLabel::Error => error,
            super::DiagLabel::Warning => warning,
            super::DiagLabel::Help => help,
            super::DiagLabel::Note => note,
        }
    }

    fn severity(&self, error: bool) -> &'static str {
        if error {
            "error"
        } else {
            "warning"
        }
    }

    fn check_summary(&self, errors: usize, warnings: usize) -> String {
        format!("{errors} errors, {warnings} warnings")
    }

    fn criteria_met(&self, met: usize, total: usize) -> String {
        format!("{met}/{total} criteria met")
    }

    fn weakest_note(&self, level: SourceLevel) -> String {
        format!(
            "Note: the verdict rests on thresholds not read in the original document (weakest source: {}).",
            self.source_level(level)
        )
    }

    fn declared_vs_computed(&self, declared: Status, computed: Status) -> String {
        format!(
            "declared: {}, the values give: {}",
            self.status(declared),
            self.status(computed)
        )
    }

    fn set_size(&self, criteria: usize, indicators: usize) -> String {
        format!("{criteria} criteria, {indicators} indicators")
    }

    fn diff_pairing(&self, by_declaration: bool) -> &'static str {
        if by_declaration {
            "Criteria and indicators are paired by the new set's `continues` declarations (written by the rule file's author, see its notes); the rest are additions or removals."
        } else {
            "Criteria and indicators are paired by number, then by name."
        }
    }

    fn structural_changes(&self, n: usize) -> String {
        format!("Structural changes ({n}):")
    }

    fn weak_threshold_note(&self) -> &'static str {
        "(* threshold not read in the original document)"
    }

    fn diff_summary(&self, m: &crate::analysis::diff::Summary) -> String {
        format!(
            "On the dataset: {} units; newly meeting the standard: {}; no longer meeting it: {}; from meeting it to not enough data: {}; criteria becoming met: {}, met to not met: {}, met to no data: {}; indicators changing outcome: {}",
            m.units, m.gain_dat_chuan, m.lose_dat_chuan, m.lose_to_incomplete, m.criteria_gained, m.criteria_lost, m.criteria_undecided, m.indicator_flips
        )
    }

    fn unchanged_units(&self, n: usize) -> String {
        format!("({n} units with unchanged results, not listed)")
    }

    fn rule_counts(&self, c: &crate::analysis::check::RuleCounts) -> String {
        format!(
            "rule sets: {} (+{} amendments), criteria: {} ({} pending their source), indicators: {}, threshold values by source level: official {}, secondary {}, none {}; test cases: {}",
            c.rulesets, c.amendments, c.criteria, c.pending, c.indicators, c.official, c.secondary, c.none, c.tests
        )
    }

    fn data_counts(&self, d: &crate::analysis::check::DataCounts) -> String {
        format!(
            "datasets: {} units, {} records, {} evaluations",
            d.units, d.records, d.evaluations
        )
    }

    fn set_end(&self, e: &crate::analysis::check::SetEnd) -> String {
        super::en_units::set_end(self, e)
    }
    fn ungrouped_heading(&self, n: usize) -> String {
        super::en_units::ungrouped_heading(n)
    }
    fn ungrouped(&self, u: &crate::analysis::pending::Ungrouped) -> String {
        super::en_units::ungrouped(u)
    }

    fn group_line(&self, group: Option<&str>, derived: Option<SourceLevel>) -> String {
        super::en_units::group_line(self, group, derived)
    }

    fn rollup_note(&self, v: &crate::engine::rollup::RollupValue) -> String {
        super::notes::rollup_note(Lang::En, v)
    }

    fn test_summary(&self, passed: usize, failed: usize) -> String {
        format!("{passed} passed, {failed} failed")
    }
}
