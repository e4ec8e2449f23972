//! English fixed words: table headers, section titles, short labels.

use super::{HeaderWord, LabelWord, Theme, TitleWord, Word};

pub(super) fn word(w: Word) -> &'static str {
    match w.theme() {
        Theme::Header(w) => header(w),
        Theme::Title(w) => title(w),
        Theme::Label(w) => label(w),
    }
}

/// Column headers and field names of tables.
fn header(w: HeaderWord) -> &'static str {
    match w {
        HeaderWord::No => "No.",
        HeaderWord::Unit => "Unit",
        HeaderWord::Parent => "Parent",
        HeaderWord::Met => "Met",
        HeaderWord::Reported => "Reported",
        HeaderWord::Conclusion => "Verdict",
        HeaderWord::Notes => "Notes",
        HeaderWord::RuleSet => "Criteria set",
        HeaderWord::Department => "Department",
        HeaderWord::Basis => "Legal basis",
        HeaderWord::Criterion => "Criterion",
        HeaderWord::Value => "Value",
        HeaderWord::Threshold => "Threshold",
        HeaderWord::Target => "Target",
        HeaderWord::Content => "Content",
        HeaderWord::Baseline => "Baseline",
        HeaderWord::Current => "Current",
        HeaderWord::Required => "Required",
        HeaderWord::Gap => "Gap",
        HeaderWord::Status => "Status",
        HeaderWord::Dataset => "Data",
        HeaderWord::Date => "Date",
        HeaderWord::Event => "Event",
        HeaderWord::Became => "Became",
        HeaderWord::SourceLevelWord => "Source level",
        HeaderWord::UnitName => "Unit",
        HeaderWord::Counted => "Criteria met",
        HeaderWord::ReportedTotal => "Reported total",
        HeaderWord::Total => "Total",
        HeaderWord::Kind => "Kind",
        HeaderWord::SourceLevel => "Source level",
        HeaderWord::UnitOfMeasure => "Unit of measure",
        HeaderWord::Engine => "Engine",
        HeaderWord::File => "File",
        HeaderWord::Item => "Item",
        HeaderWord::Change => "Change",
        HeaderWord::Detail => "Detail",
        HeaderWord::From => "Before",
        HeaderWord::To => "After",
        HeaderWord::Causes => "Causes",
        HeaderWord::Generated => "Produced by",
        HeaderWord::Document => "Document",
        HeaderWord::GapToThreshold => "Gap to threshold",
        HeaderWord::Level => "Level",
        HeaderWord::PublishedConclusion => "Published verdict",
    }
}

/// Titles of documents, sections and sheets, and whole sentences.
fn title(w: TitleWord) -> &'static str {
    match w {
        TitleWord::PendingSource => "Indicators without a source",
        TitleWord::Findings => "Findings",
        TitleWord::Recognition => "Recognition",
        TitleWord::Aggregates => "Aggregates",
        TitleWord::LegendNotApplicable => "○ not applicable to the unit's group (not among its criteria counted).",
        TitleWord::Legend => {
            "✓ met, ◐ an intermediate level (e.g. cơ bản đạt), ✗ not met, ? no data; \"Reported\" is the total written in the source."
        }
        TitleWord::Compare => "Comparing",
        TitleWord::PendingCriteria => "Criteria whose indicators await a source",
        TitleWord::AssumedThresholds => "Threshold values with no source (assumptions)",
        TitleWord::NothingPending => "Nothing awaits a source.",
        TitleWord::NoEvents => "No event concerns this unit.",
        TitleWord::AnnexTitle => "RESULTS BY CRITERION",
        TitleWord::Explanation => "Explanation",
        TitleWord::Summary => "Summary",
        TitleWord::InShort => "In short",
        TitleWord::FailingCriteria => "Criteria not met",
        TitleWord::NotApplicableCriteria => "Criteria not applicable (not counted)",
        TitleWord::MissingCriteria => "Criteria lacking data",
        TitleWord::NearestGaps => "Nearest shortfalls",
        TitleWord::Heatmap => "Criteria by unit",
        TitleWord::MetPerUnit => "Criteria met per unit",
        TitleWord::Progress => "Progress",
        TitleWord::WorkLists => "Department work lists",
        TitleWord::UnitsEvaluated => "Units evaluated",
        TitleWord::ReportTitle => "New Rural Development assessment",
        TitleWord::SheetAnnex => "Annex",
        TitleWord::SheetIndicators => "Indicators",
        TitleWord::SheetPlan => "Plan",
        TitleWord::SheetStamp => "Provenance",
        TitleWord::SheetChanges => "Changes",
        TitleWord::SheetFlips => "Units that flip",
        TitleWord::NoFindings => "No findings.",
        TitleWord::VerdictChanges => "Units whose result changed (unit × year)",
        TitleWord::CriterionChanges => "Criteria whose status changed (criterion × unit × year)",
    }
}

/// Short words within a line: counts, marks, answers, progress steps.
fn label(w: LabelWord) -> &'static str {
    match w {
        LabelWord::Year => "year",
        LabelWord::Indicator => "indicator",
        LabelWord::Shortfall => "short by",
        LabelWord::Excess => "reduce by",
        LabelWord::Rule => "rule",
        LabelWord::Citation => "basis",
        LabelWord::Data => "data",
        LabelWord::Missing => "missing",
        LabelWord::Points => "points",
        LabelWord::None => "(none)",
        LabelWord::PerUnit => "each unit",
        LabelWord::Unassigned => "(unassigned)",
        LabelWord::DeclaredNotMet => "(declared not met)",
        LabelWord::ToCollect => "indicators without data to collect",
        LabelWord::DatChuan => "meets the standard",
        LabelWord::AssumedValues => "assumed values",
        LabelWord::Yes => "yes",
        LabelWord::NoWord => "no",
        LabelWord::AsOf => "as of",
        LabelWord::TargetYear => "target year",
        LabelWord::UnitsMet => "units achieved",
        LabelWord::CriteriaPlural => "criteria",
        LabelWord::Encoded => "indicators encoded",
        LabelWord::ExistsFrom => "from",
        LabelWord::ExistsUntil => "until",
        LabelWord::MadeOf => "made of",
        LabelWord::CountOnly => "count of criteria only",
        LabelWord::StepLoading => "reading rules and data",
        LabelWord::CasePassed => "ok",
        LabelWord::CaseFailed => "FAIL",
        LabelWord::StepEvaluating => "evaluating",
        LabelWord::StepWriting => "writing the result",
        LabelWord::ReplacedFromStart => "replaced by an amendment from its first day",
    }
}

/// A unit kind in English words.
pub(super) fn unit_kind(k: crate::core::units::UnitKind) -> &'static str {
    use crate::core::units::UnitKind;
    match k {
        UnitKind::Xa => "commune",
        UnitKind::Thon => "village",
        UnitKind::ThiTran => "township",
        UnitKind::Huyen => "district",
        UnitKind::Tinh => "province",
    }
}
