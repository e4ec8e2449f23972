//! The message catalogue: every word a renderer prints comes from here, one catalogue
//! per language (`vi.rs`, `en.rs`) behind one trait, so a message missing in one
//! language is a compile error. The library returns typed results; only renderers
//! turn them into words.

pub mod columns;
mod diag_en;
mod diag_en_authoring;
mod diag_en_data;
mod diag_en_library;
mod diag_en_rules;
mod diag_en_say;
mod diag_vi;
mod diag_vi_authoring;
mod diag_vi_data;
mod diag_vi_library;
mod diag_vi_rules;
mod diag_vi_say;
mod en;
mod en_units;
mod en_words;
mod notes;
mod vi;
mod vi_units;
mod vi_words;

use crate::analysis::diff::{Cause, ChangeDetail, ChangeKind, Item};
use crate::analysis::plan::TargetStatus;
use crate::core::problem::Problem;
use crate::core::units::UnitKind;
use crate::core::value::Value;
use crate::report::{
    Basis, DataSource, Finding, MissingReason, Notice, Outcome, Recognisable, Stamp, Status,
    Verdict,
};
use crate::rules::model::{SourceLevel, Stage};

/// Output language: Vietnamese by default, English on request (`--lang en`, `NTM_LANG`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// `vi` or `en` (also `vi-VN`, `en_US.UTF-8` …); None for anything else.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("vi") {
            Some(Lang::Vi)
        } else if s.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    pub fn catalog(self) -> &'static dyn Catalog {
        match self {
            Lang::Vi => &vi::Vi,
            Lang::En => &en::En,
        }
    }
}

/// Declares [`Word`], the fixed words callers name, and the same words split by theme,
/// one enum per theme: a catalogue translates each theme in a function of its own,
/// whose `match` stays exhaustive, so a word missing in a language is still a compile
/// error.
macro_rules! words {
    ($(
        $(#[$theme_doc:meta])*
        $theme:ident($group:ident) {
            $( $(#[$doc:meta])* $w:ident, )*
        }
    )*) => {
        /// Fixed words: table headers, section titles, short labels.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Word {
            $( $( $(#[$doc])* $w, )* )*
        }

        /// A word within its theme.
        enum Theme {
            $( $(#[$theme_doc])* $theme($group), )*
        }

        $(
            $(#[$theme_doc])*
            enum $group {
                $( $(#[$doc])* $w, )*
            }
        )*

        impl Word {
            fn theme(self) -> Theme {
                match self {
                    $( $( Word::$w => Theme::$theme($group::$w), )* )*
                }
            }
        }
    };
}

words! {
    /// Column headers and field names of tables.
    Header(HeaderWord) {
        No,
        Unit,
        Parent,
        Met,
        Reported,
        Conclusion,
        Notes,
        RuleSet,
        Department,
        Basis,
        Criterion,
        Value,
        Threshold,
        Target,
        Content,
        Baseline,
        Current,
        Required,
        Gap,
        Status,
        Dataset,
        Date,
        Event,
        Became,
        SourceLevelWord,
        UnitName,
        Counted,
        ReportedTotal,
        Total,
        Kind,
        SourceLevel,
        UnitOfMeasure,
        Engine,
        File,
        Item,
        Change,
        Detail,
        From,
        To,
        Causes,
        Generated,
        Document,
        GapToThreshold,
        Level,
        /// The verdict a list published, beside the computed one.
        PublishedConclusion,
    }
    /// Titles of documents, sections and sheets, and whole sentences.
    Title(TitleWord) {
        PendingSource,
        Findings,
        Recognition,
        Aggregates,
        Legend,
        LegendNotApplicable,
        Compare,
        PendingCriteria,
        AssumedThresholds,
        NothingPending,
        NoEvents,
        AnnexTitle,
        Explanation,
        Summary,
        /// The first lines of an explanation: verdict, what fails, what lacks data.
        InShort,
        FailingCriteria,
        MissingCriteria,
        NotApplicableCriteria,
        NearestGaps,
        Heatmap,
        MetPerUnit,
        Progress,
        WorkLists,
        UnitsEvaluated,
        ReportTitle,
        SheetAnnex,
        SheetIndicators,
        SheetPlan,
        SheetStamp,
        SheetChanges,
        SheetFlips,
        NoFindings,
        /// Diff summary: how many units and years went from one verdict to another.
        VerdictChanges,
        /// Diff summary: how many criteria went from one status to another.
        CriterionChanges,
    }
    /// Short words within a line: counts, marks, answers, progress steps.
    Label(LabelWord) {
        Year,
        Indicator,
        Shortfall,
        Excess,
        Rule,
        Citation,
        Data,
        Missing,
        Points,
        None,
        PerUnit,
        Unassigned,
        DeclaredNotMet,
        ToCollect,
        DatChuan,
        AssumedValues,
        Yes,
        NoWord,
        AsOf,
        TargetYear,
        UnitsMet,
        CriteriaPlural,
        Encoded,
        ExistsFrom,
        ExistsUntil,
        MadeOf,
        CountOnly,
        StepLoading,
        /// The mark of a rule-file test case that passed / failed (`ntm test`).
        CasePassed,
        CaseFailed,
        StepEvaluating,
        StepWriting,
        /// A set's validity when an amendment replaces it from its first day.
        ReplacedFromStart,
    }
}

pub trait Catalog: Sync {
    fn lang(&self) -> Lang;
    fn word(&self, w: Word) -> &'static str;
    /// A number the reader's way (Vietnamese: decimal comma).
    fn number(&self, x: f64) -> String;
    fn value(&self, v: &Value) -> String {
        match v {
            Value::Bool(true) => self.word(Word::Yes).to_string(),
            Value::Bool(false) => self.word(Word::NoWord).to_string(),
            Value::Int(i) => i.to_string(),
            Value::Number(x) => self.number(*x),
            Value::Text(s) => s.clone(),
        }
    }
    /// A threshold entry as listed: its value, or, when its flag says it does not apply
    /// (`not_applicable: true`, no value held), the words for that.
    fn threshold(&self, value: Option<&Value>, not_applicable: bool) -> String {
        match value {
            Some(v) if !not_applicable => self.value(v),
            _ => self.outcome(Outcome::NotApplicable).to_string(),
        }
    }
    fn status(&self, s: Status) -> &'static str;
    fn outcome(&self, o: Outcome) -> &'static str;
    fn verdict(&self, v: Verdict) -> &'static str;
    fn basis(&self, b: Basis) -> &'static str;
    fn stage(&self, s: Stage) -> &'static str;
    fn unit_kind(&self, k: UnitKind) -> &'static str;
    fn target_status(&self, s: TargetStatus) -> &'static str;
    fn recognisable(&self, r: Recognisable) -> &'static str;
    fn source_level(&self, l: SourceLevel) -> &'static str;
    fn change_kind(&self, k: ChangeKind) -> &'static str;
    fn item(&self, i: Item) -> &'static str;
    fn event_kind(&self, k: crate::data::lineage::EventKind) -> &'static str;
    fn finding(&self, f: &Finding) -> String;
    /// A few words for a finding in a table cell.
    fn finding_tag(&self, f: &Finding) -> String;
    /// A published count beside the criteria known: "biết 0 đạt, 3 chưa đạt, 16 chưa rõ".
    fn partial_count(&self, p: &crate::report::PartialCount) -> String;
    fn notice(&self, n: &Notice) -> String;
    fn missing_reason(&self, r: &MissingReason) -> String;
    fn change_detail(&self, d: &ChangeDetail) -> String;
    fn cause(&self, c: &Cause) -> String;
    fn data_source(&self, d: &DataSource) -> String;
    fn stamp(&self, s: &Stamp, digest: &str) -> String;
    /// A verdict code (`met`, `not_met`, `incomplete`) worded, or a level id as it is.
    fn verdict_or_level(&self, code: &str) -> String {
        match code {
            "met" => self.verdict(Verdict::Met).to_string(),
            "not_met" => self.verdict(Verdict::NotMet).to_string(),
            "incomplete" => self.verdict(Verdict::Incomplete).to_string(),
            other => other.to_string(),
        }
    }
    /// A diagnostic's problem in this language.
    fn problem(&self, p: &Problem) -> Said;
    /// `error`, `warning`, `help`, `note` in this language.
    fn diag_label(&self, l: DiagLabel) -> &'static str;
    fn severity(&self, error: bool) -> &'static str;
    /// "N errors, M warnings".
    fn check_summary(&self, errors: usize, warnings: usize) -> String;
    /// "4/5 criteria met".
    fn criteria_met(&self, met: usize, total: usize) -> String;
    /// A verdict resting on thresholds no better sourced than `level`.
    fn weakest_note(&self, level: SourceLevel) -> String;
    /// A declared status that the values contradict.
    fn declared_vs_computed(&self, declared: Status, computed: Status) -> String;
    /// "19 criteria, 49 indicators".
    fn set_size(&self, criteria: usize, indicators: usize) -> String;
    /// How a diff paired old and new criteria.
    fn diff_pairing(&self, by_declaration: bool) -> &'static str;
    fn structural_changes(&self, n: usize) -> String;
    /// Footnote for thresholds marked `*`.
    fn weak_threshold_note(&self) -> &'static str;
    fn diff_summary(&self, s: &crate::analysis::diff::Summary) -> String;
    fn unchanged_units(&self, n: usize) -> String;
    /// A set applied to years of data in which it was not in force.
    fn projected_note(&self, set: &str, validity: &str, years: &[i32]) -> String {
        notes::projected(self.lang(), set, validity, years)
    }
    /// A plan's header: the years whose values are the baseline and the current ones.
    fn plan_data_years(&self, baseline: i32, current: i32) -> String {
        notes::data_years(self.lang(), baseline, current)
    }
    /// Two years (a plan's baseline and current, successive years of a roll-up) judged
    /// by different sets.
    fn plan_set_change(&self, baseline: i32, from: &str, current: i32, to: &str) -> String {
        notes::set_change(self.lang(), baseline, from, current, to)
    }
    fn rule_counts(&self, c: &crate::analysis::check::RuleCounts) -> String;
    fn data_counts(&self, d: &crate::analysis::check::DataCounts) -> String;
    /// A set that ends with its jurisdiction, as the lineage gives that end.
    fn set_end(&self, e: &crate::analysis::check::SetEnd) -> String;
    /// The heading of the units without a commune group (`ntm pending --data`).
    fn ungrouped_heading(&self, n: usize) -> String;
    /// One unit without a commune group: the set, the unit, what is missing.
    fn ungrouped(&self, u: &crate::analysis::pending::Ungrouped) -> String;
    /// The commune group a result applied, and the source level of the set's rule when
    /// it was derived; none when the set has groups and the unit's is unknown (`explain`).
    fn group_line(&self, group: Option<&str>, derived: Option<SourceLevel>) -> String;
    /// How a roll-up counted: units, those left out or counted partially for lack of
    /// data, those counted as recognised, count-only records.
    fn rollup_note(&self, v: &crate::engine::rollup::RollupValue) -> String;
    /// "N passed, M failed".
    fn test_summary(&self, passed: usize, failed: usize) -> String;
}

/// A diagnostic in words: its message, what to do, and notes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Said {
    pub message: String,
    pub help: Option<String>,
    pub notes: Vec<String>,
}

impl Said {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Said {
            message: message.into(),
            help: None,
            notes: Vec::new(),
        }
    }
    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
    /// More help, after what is there ("; " between).
    pub(crate) fn help_after(mut self, more: impl Into<String>) -> Self {
        let more = more.into();
        self.help = Some(match self.help.take() {
            Some(h) => format!("{h}; {more}"),
            None => more,
        });
        self
    }
    pub(crate) fn maybe_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }
}

/// The labels of a diagnostic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiagLabel {
    Error,
    Warning,
    Help,
    Note,
}

/// Thresholds joined with "; " the reader's way (none: an entry that does not apply).
pub fn values(m: &dyn Catalog, vs: &[(String, Option<Value>)]) -> String {
    if vs.is_empty() {
        return "—".into();
    }
    vs.iter()
        .map(|(p, v)| format!("{p} = {}", m.threshold(v.as_ref(), v.is_none())))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Names for a sentence: all of them up to [`NAMES_SHOWN`], else the first ones and how
/// many more (`more` words the rest; the full list stays in the JSON field).
pub(crate) fn some_names(names: &[String], more: impl Fn(usize) -> String) -> String {
    if names.len() <= NAMES_SHOWN {
        return names.join(", ");
    }
    format!(
        "{}{}",
        names[..NAMES_SHOWN].join(", "),
        more(names.len() - NAMES_SHOWN)
    )
}

/// How many names a sentence lists before it counts the rest.
pub(crate) const NAMES_SHOWN: usize = 12;

/// Units counted from their recognition alone: name (year, decision `of` date), `of` and
/// `more` in the catalogue's language; a long list is cut as [`some_names`] cuts.
fn recognised_only(
    units: &[crate::engine::rollup::RecognisedOnly],
    of: &str,
    more: impl Fn(usize) -> String,
) -> String {
    let names: Vec<String> = units
        .iter()
        .map(|u| match (&u.decision, &u.date) {
            (Some(d), Some(t)) => format!("{} ({}, {d} {of} {t})", u.name, u.year),
            _ => format!("{} ({})", u.name, u.year),
        })
        .collect();
    some_names(&names, more)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_parse_from_locale_names() {
        assert_eq!(Lang::parse("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("vi"), Some(Lang::Vi));
        assert_eq!(Lang::parse("fr"), None);
    }

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(Lang::Vi.catalog().number(85.5), "85,5");
        assert_eq!(Lang::En.catalog().number(85.5), "85.5");
    }
}
