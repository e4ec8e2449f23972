//! English wording of diagnostics about datasets and their tables.

use super::diag_en::did_you_mean;
use super::Said;
use crate::core::problem::*;

fn unit_ref(at: &NamedAt) -> (String, Option<&'static str>) {
    match at {
        NamedAt::Record => (String::new(), Some("units are declared under `units:` in a dataset file (give the whole folder to --data to read them all); names are matched by id, name or alias, ignoring case")),
        NamedAt::Event => (String::new(), Some("every unit an event names must be declared under `units:` in a dataset file given with it")),
        NamedAt::Target(t) => (format!("target `{t}`: "), None),
        NamedAt::ParentOf(u) => (format!("parent of `{u}`: "), None),
        NamedAt::Command => (String::new(), None),
    }
}

/// A field the set in force no longer reads (`field-drift`).
fn drift(
    field: &str,
    year: i32,
    records: usize,
    used_by: &str,
    used_until: i32,
    in_force: &[String],
) -> Said {
    Said::new(format!(
        "field `{field}` has values for {year} ({records} records) but no set in force that year reads it ({}); {used_by} read it until {used_until}",
        in_force.join(", ")
    ))
    .help("the rule set changed: supply the fields of the set in force (`ntm explain` shows which are missing)")
}

pub(super) fn data(p: &DataProblem) -> Said {
    use DataProblem as P;
    match p {
        P::FieldDrift { field, year, records, used_by, used_until, in_force } => drift(field, *year, *records, used_by, *used_until, in_force),
        P::UnknownUnit { name, suggestion, candidates, at } => {
            let (lead, help) = unit_ref(at);
            let what = match (suggestion, candidates.is_empty()) {
                (_, false) => format!(
                    "`{name}` names several units ({}); give its parent xã or use the unit id",
                    candidates.join(", ")
                ),
                (Some(s), true) => format!("no unit named `{name}`; did you mean `{s}`?"),
                (None, true) => format!("no unit named `{name}` in the dataset"),
            };
            Said::new(format!("{lead}{what}")).maybe_help(help.map(str::to_string))
        }
        P::UnitNeedsYear { name, candidates } => super::en_units::needs_year(name, candidates),
        P::BadYear { year, min, max } => Said::new(format!("year {year} is not plausible; years must lie between {min} and {max}"))
            .help("check the `year` of the record (or table)"),
        P::RecognisedTwice { unit, attribute, declared } => recognised_twice(unit, *attribute, *declared),
        P::UnitDates { unit, from, until } => Said::new(format!("unit `{unit}` ends ({until}) before it starts ({from})"))
            .help("check `valid_from` and `valid_until`"),
        P::NoParent { unit } => Said::new(format!(
            "thôn `{unit}` has no parent; name its xã with `parent:` so that roll-ups and names resolve"
        )),
        P::ParentCycle { unit } => Said::new(format!("unit `{unit}` is its own ancestor (its parents lead back to it)"))
            .help("a unit's `parent:` names the larger unit it belongs to"),
        P::ParentKind { unit, kind, parent, parent_kind } => Said::new(format!(
            "unit `{unit}` ({kind}) cannot belong to `{parent}` ({parent_kind}): a parent must be a larger unit"
        ))
        .help("a thôn belongs to a xã or thị trấn, a xã to a huyện or tỉnh"),
        P::DuplicateUnit { unit, first } => {
            Said::new(format!("unit id `{unit}` is also defined at {first}")).help("every unit needs its own id")
        }
        P::ConflictingValue { field, unit, year, other } => {
            Said::new(format!("`{field}` for {unit} in {year} is also given at {other} with another value"))
        }
        P::ConflictingDeclared { criterion, unit, year, other } => Said::new(format!(
            "declared status of criterion {criterion} for {unit} in {year} is also given at {other} with another value"
        )),
        P::DeclaredStatusValue { found } => {
            Said::new(format!("a declared status is 1 or 0 (đạt / chưa đạt), found `{found}`"))
        }
        P::DeclaredNotYesNo { found, set } => Said::new(format!("a declared status is 1 or 0 (đạt / chưa đạt), found `{found}`")).help(format!(
            "{set} grades criteria as met or not met; to use levels such as `cơ bản đạt`, declare `levels:` in its rule file"
        )),
        P::DeclaredNotLevel { found, set, suggestion, levels } => Said::new(format!("`{found}` is not a level of {set}"))
            .help(did_you_mean(suggestion).unwrap_or_else(|| format!("the levels are: {}", levels.join(", ")))),
        P::PublishedVerdict { found, set } => Said::new(format!(
            "`{found}` is not a verdict (đạt chuẩn, chưa đạt chuẩn) nor a level of {set}"
        )),
        P::BadValue { field, label, ty, file, detail, .. } => Said::new(format!("{label} (`{field}`): {detail}"))
            .help(format!("this field is declared as {ty} in {}", file.display())),
        P::NotOneOf { field, label, found, allowed, suggestion } => {
            Said::new(format!("{label} (`{field}`): `{found}` is not one of its values"))
                .help(did_you_mean(suggestion).unwrap_or_else(|| format!("the values are: {}", allowed.join(", "))))
        }
        P::RollupValue { field, detail, .. } => Said::new(format!("`{field}`: {detail}")),
        P::NotData => Said::new("this is a rule file or register, not a dataset; it is skipped"),
        P::EmptyFile => Said::new("this file holds no dataset, units, records or tables; it gives nothing")
            .help("fill it, or remove it from the folder"),
        P::DataDate { detail, .. } => Said::new(detail.clone()).help("write the date as YYYY-MM-DD"),
        P::LineageDate { detail, .. } => {
            Said::new(format!("date: {detail}")).help("write the day the change takes effect as YYYY-MM-DD")
        }
        P::DatedTwice { attribute, from } => dated_twice(attribute, from),
        P::LineageTwice { unit, date, other } => lineage_twice(unit, date, other),
        P::LineageOrder { unit, from, until } => lineage_order(unit, from, until),
        P::LineageCycle { unit } => lineage_cycle(unit),
        P::AsUnitsBefore { unit, date, from } => as_units_before(unit, date, from),
        P::MergeUnknownField { field, suggestion } => merge_unknown_field(field, suggestion),
        P::MergeFieldType { field, ty, how } => merge_field_type(field, ty, how),
        P::MergeUnknownSet { set } => merge_unknown_set(set),
        P::LineageEvent { kind, needs } => Said::new(format!("a `{kind}` event needs {needs}")),
        P::MergeRule { fault } => merge(*fault),
        P::PublishedList { fault, set } => published(fault, set),
    }
}

fn merge(fault: MergeFault) -> Said {
    Said::new(match fault {
        MergeFault::Both => "a rule is for `criteria` or for `fields`, not both",
        MergeFault::CriteriaHow => "criteria combine with `how: all_parts`",
        MergeFault::NothingNamed => "name the `criteria` or the `fields` the rule combines",
        MergeFault::FieldsHow => "fields combine with sum, mean, weighted_mean, min or max",
        MergeFault::NoWeight => {
            "a weighted mean needs `weight:` (the field giving each part's weight)"
        }
    })
}

fn role(c: &ColumnRole) -> String {
    match c {
        ColumnRole::Unit => "the unit".into(),
        ColumnRole::Parent => "the parent".into(),
        ColumnRole::Year => "the year".into(),
        ColumnRole::ReportedTotal => "the reported total".into(),
        ColumnRole::PublishedVerdict => "the published verdict".into(),
        ColumnRole::Count(l) => format!("the count of criteria at level {l}"),
        ColumnRole::Listed(true) => "the criteria met".into(),
        ColumnRole::Listed(false) => "the criteria not met".into(),
        ColumnRole::Ignore => "nothing".into(),
        ColumnRole::Declared(d) => format!("the declared status of criterion {d}"),
        ColumnRole::Field(f) => format!("field `{f}`"),
    }
}

pub(super) fn table(p: &TableProblem) -> Said {
    use TableProblem as P;
    match p {
        P::MissingTablePattern { pattern, folder } => Said::new(format!(
            "no CSV or XLSX file in {} matches `{pattern}`",
            folder.display()
        ))
        .help("`*` stands for any part of a name, `?` for one character"),
        P::MissingTable { path, missing, detail } => Said::new(format!(
            "table file {}: {}",
            path.display(),
            if *missing { "no such file or directory" } else { detail }
        ))
        .help("check the file name under `tables:`"),
        P::TableOutside { file } => Said::new(format!(
            "`{file}` is outside the dataset's folder; a table must be a file of the document's folder or of a folder below it"
        ))
        .help("copy the table into the dataset folder, or give it to --data yourself"),
        P::DuplicateColumn { first, first_header, second, second_header, holds } => Said::new(format!(
            "columns {first} (`{first_header}`) and {second} (`{second_header}`) both hold {}; one table cannot give a value twice",
            role(holds)
        ))
        .help("remove one of them, or map one to `ignore` under `tables: … columns:`"),
        P::Csv { detail } => Said::new(detail.clone()),
        P::RaggedRow { cells, width } => Said::new(format!("this row has {cells} cells, the header has {width}"))
            .help("every row needs as many cells as the header"),
        P::NoYearColumn => Said::new("the table has no `year` column").help("add a `year` column, give `year:` for the table under `tables:` in a dataset file, or put the year in the file name (e.g. phu-luc-2020.csv)"),
        P::NoUnitColumn => Said::new("the table has no `unit` column").help("name the column that holds the unit `unit`, or map its header to `unit` under `tables: … columns:` in a dataset file"),
        P::EmptyUnitCell => Said::new("the unit cell is empty").help("a title, numbering or notes row is skipped with `header_row:`, `skip_rows:` or `footer_rows:` under `tables:`"),
        P::NotWhole { text } => Said::new(format!("`{text}` is not a whole number")),
        P::UnknownScope { found, suggestion } => Said::new(format!(
            "`scope: {found}` is neither a stage (`NTM`, `NTM nâng cao`) nor a rule set id"
        ))
        .help(did_you_mean(suggestion).unwrap_or_else(|| "write `NTM nâng cao`, or a set id such as `bac-kan/xa-nang-cao/1861-2018`".into())),
        P::NotAYear { text } => Said::new(format!("`{text}` is not a year")),
        P::UnitKindCell { found } => Said::new(format!("`{found}` is not a unit kind")).help("use xã, thôn, thị trấn, huyện or tỉnh"),
        P::EmptyUnitId => Said::new("the id cell of this unit is empty"),
        P::HeaderRowMissing { row } => Said::new(format!("`header_row: {row}`: the table has no row {row}"))
            .help("give the number of the row that holds the column headers, as Excel numbers rows"),
        P::NoHeaderRow => Said::new("no header row: no row has two or more filled cells"),
        P::EmptyTable => Said::new("the table has no data rows; it gives nothing").help("fill it, or remove it from the dataset folder"),
        P::XlsxSheetUnreadable { sheet, detail } => Said::new(format!("sheet `{sheet}`: cannot read it: {detail}")),
        P::Xlsx { detail } => Said::new(format!("cannot read the workbook: {detail}")).help("save it from Excel as an Excel Workbook (.xlsx)"),
        P::XlsxNoSheet { sheet, sheets } => {
            Said::new(format!("the workbook has no sheet `{sheet}`")).help(format!("its sheets: {}", sheets.join(", ")))
        }
        P::XlsxTooManyCells { sheet, cells, limit } => Said::new(format!(
            "sheet `{sheet}` spans {cells} cells, over the limit of {limit} cells per sheet"
        ))
        .help("delete stray cells far from the data (Ctrl+End in Excel goes to the last one), or split the data over several sheets"),
        P::XlsxUnpacked { mb, limit_mb } => Said::new(format!("the workbook unpacks to {mb} MB, over the limit of {limit_mb} MB"))
            .help("this file does not look like an ordinary workbook; open it in Excel and save it again"),
        P::XlsxFormula { formula } => Said::new(format!("formula without a value: `={formula}`"))
            .help("the file was saved by a program that does not compute formulas: open it in Excel (or LibreOffice) and save it to store their values"),
        P::XlsxIndexYear { found } => Said::new(format!("index sheet `ntm`: `{found}` is not a year"))
            .help(INDEX_HELP),
        P::XlsxIndexSheet { sheet } => Said::new(format!("index sheet `ntm` lists sheet `{sheet}`, which the workbook does not have"))
            .help(INDEX_HELP),
        P::XlsxNoVisibleSheet { sheets } => Said::new("the workbook shows no sheet")
            .help(format!("a hidden sheet is read only when `sheet:` under `tables:` in a dataset file names it; its sheets: {}", sheets.join(", "))),
        P::XlsxIndexEmpty => Said::new("index sheet `ntm` lists no annex sheet")
            .help(INDEX_HELP),
    }
}

/// What to do about a damaged index sheet.
const INDEX_HELP: &str = "the `ntm` sheet is written by ntm; leave it as it is, or delete the whole sheet to read the workbook as a plain table";

// A lineage that cannot have happened; a merge rule that does not fit its fields.

fn lineage_twice(unit: &str, date: &str, other: &str) -> Said {
    Said::new(format!(
        "unit `{unit}` has two events on {date} (the other one at {other})"
    ))
    .help("a unit has at most one event a day: merge it into one unit, or correct the date")
}

fn lineage_order(unit: &str, from: &str, until: &str) -> Said {
    Said::new(format!(
        "unit `{unit}` ends (last day {until}) before it begins (from {from})"
    ))
    .help("check the dates of the events that create and end this unit")
}

fn as_units_before(unit: &str, date: &str, from: &str) -> Said {
    Said::new(format!(
        "unit `{unit}` has results but does not exist yet on {date} (it exists from {from})"
    ))
    .help(format!(
        "--as-units maps results onto the units of a day; choose a day from {from} on"
    ))
}

fn lineage_cycle(unit: &str) -> Said {
    Said::new(format!(
        "merges and splits make unit `{unit}` come from itself"
    ))
    .help("check `from`, `to` and `into` of the merge and split events")
}

fn merge_unknown_field(field: &str, suggestion: &Option<String>) -> Said {
    Said::new(match suggestion {
        Some(s) => format!(
            "the merge rule names field `{field}`, which no rule set has; did you mean `{s}`?"
        ),
        None => format!("the merge rule names field `{field}`, which no rule set has"),
    })
}

fn merge_field_type(field: &str, ty: &str, how: &str) -> Said {
    Said::new(format!("field `{field}` of type `{ty}` cannot be combined by `{how}`"))
            .help("only number fields (number, percent, count) are summed, averaged, or taken at their minimum or maximum")
}

fn merge_unknown_set(set: &str) -> Said {
    Said::new(format!(
        "the merge rule names rule set `{set}`, which the library does not have"
    ))
}

/// A unit's recognition and its attribute giving two years.
fn recognised_twice(unit: &str, attribute: i32, declared: i32) -> Said {
    Said::new(format!(
        "unit `{unit}` is declared recognised in {declared} but its attribute `{}` says {attribute}",
        crate::data::RECOGNISED_NTM
    ))
    .help("keep one year of recognition, the decision's")
}

fn dated_twice(attribute: &str, from: &str) -> Said {
    Said::new(format!(
        "attribute `{attribute}` has two values from {from}"
    ))
    .help("each value of a dated attribute has its own `from` day; remove the extra one")
}

fn published(fault: &PublishedFault, set: &str) -> Said {
    match fault {
        PublishedFault::CountAbove { given, total } => Said::new(format!(
            "the count of criteria is {given}, but {set} has only {total} criteria"
        ))
        .help("check the figure copied, and the record's `scope:` (without `scope:` it is the NTM stage's)"),
        PublishedFault::CountsSum { sum, total } => Said::new(format!(
            "the counts per level add up to {sum}, but {set} has {total} criteria"
        ))
        .help("the counts at every level must add up to the set's number of criteria"),
        PublishedFault::UnknownCriterion { found, suggestion } => {
            Said::new(format!("{set} has no criterion `{found}`")).help(
                did_you_mean(suggestion).unwrap_or_else(|| {
                    "name a criterion by its number (`17`) or its name as in the set (`Môi trường`)".into()
                }),
            )
        }
    }
}
