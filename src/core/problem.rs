//! What a diagnostic is about, as data: one variant per kind of problem, with named,
//! typed fields. The library builds no sentence; each catalogue in `render::i18n`
//! words every variant in one exhaustive `match`, so a problem without words in some
//! language is a compile error. `code()` is the stable short code (JSON, docs,
//! tests); several variants may share one code.

use crate::core::span::Span;
use crate::core::value::CellFault;
use serde::Serialize;
use std::path::PathBuf;

mod fields;
pub use fields::{Checked, MergeFault, Period, PublishedFault, TestMismatch, UnitYears};

/// What an expression belongs to: "indicator 1.1", "roll-up tong_thon" …
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Owner {
    pub kind: OwnerKind,
    pub id: String,
    /// What it is part of: the rule set of an indicator run during an evaluation,
    /// the roll-up of a bucket.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub within: Option<String>,
}

impl Owner {
    pub fn new(kind: OwnerKind, id: impl Into<String>) -> Self {
        Owner {
            kind,
            id: id.into(),
            within: None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OwnerKind {
    Indicator,
    /// A recognition condition.
    Condition,
    /// A named verdict (`verdicts:`).
    Verdict,
    Rollup,
    /// A bucket of a roll-up.
    Bucket,
}

/// The kind of a value, as a message names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    Number,
    Text,
    YesNo,
    Other,
}

/// Which bound of an expression's resources was reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExprLimit {
    Operations,
    Size,
    Depth,
}

/// A file given with the rules that is not a rule file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NotRules {
    Plan,
    Lineage,
    Other,
}

/// What a rule file's test case names that the set does not have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TestItem {
    Indicator,
    Criterion,
    Field,
}

/// What went wrong reading YAML, from the parser's error kind (never its wording).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum YamlFault {
    /// The text is not well-formed YAML (brackets, quotes, indentation).
    Syntax,
    /// The file ends in the middle of something.
    Eof,
    /// A value of the wrong kind: a list where a text is expected …
    WrongType,
    /// A value outside what the key accepts.
    BadValue,
    /// The same key twice in one entry.
    DuplicateKey { key: Option<String> },
    /// `.nan`, `.inf`: not a number a rule or a dataset can use.
    NonFinite { value: String },
    /// Nested or aliased beyond the reader's limits.
    Limit,
    /// `*name` with no `&name` before it.
    UnknownAnchor,
    /// Anything else the reader refuses.
    Other,
}

/// Where a unit name that matches no unit (or several) was written.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum NamedAt {
    /// A record or table row of a dataset.
    Record,
    /// An event of a lineage.
    Event,
    /// A target of a plan.
    Target(String),
    /// The `parent:` of a unit.
    ParentOf(String),
    /// The command line.
    Command,
}

/// What a table column holds (for two columns holding the same thing).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum ColumnRole {
    Unit,
    Parent,
    Year,
    ReportedTotal,
    PublishedVerdict,
    /// The count of criteria at a level.
    Count(String),
    /// Criteria named as met (true) or not met (false).
    Listed(bool),
    Ignore,
    /// The declared status of a criterion.
    Declared(String),
    Field(String),
}

macro_rules! problems {
    ($(#[$em:meta])* $enum:ident => $area:ident; $( $(#[$m:meta])* $name:ident = $code:literal $({ $($field:ident : $ty:ty),* $(,)? })? ),* $(,)?) => {
        $(#[$em])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
        #[serde(untagged)]
        pub enum $enum {
            $( $(#[$m])* $name $({ $($field: $ty),* })? ),*
        }
        impl $enum {
            /// The stable short code, e.g. `unknown-field`.
            pub fn code(&self) -> &'static str {
                match self {
                    $( $enum::$name { .. } => $code ),*
                }
            }
        }
        impl From<$enum> for Problem {
            fn from(p: $enum) -> Problem {
                Problem::$area(p)
            }
        }
    };
}

/// What a diagnostic is about, by area (see the module documentation).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(untagged)]
pub enum Problem {
    Input(InputProblem),
    Expr(ExprProblem),
    Rule(RuleProblem),
    Criteria(CriteriaProblem),
    Library(LibraryProblem),
    Data(DataProblem),
    Table(TableProblem),
    Authoring(AuthoringProblem),
    Plan(PlanProblem),
    Run(RunProblem),
    /// A problem met while running a rule file's test case (named `test`).
    InTest {
        test: String,
        problem: Box<Problem>,
    },
}

impl Problem {
    /// The stable short code, e.g. `unknown-field`.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Input(p) => p.code(),
            Problem::Expr(p) => p.code(),
            Problem::Rule(p) => p.code(),
            Problem::Criteria(p) => p.code(),
            Problem::Library(p) => p.code(),
            Problem::Data(p) => p.code(),
            Problem::Table(p) => p.code(),
            Problem::Authoring(p) => p.code(),
            Problem::Plan(p) => p.code(),
            Problem::Run(p) => p.code(),
            Problem::InTest { problem, .. } => problem.code(),
        }
    }
}

problems! {
    /// Reading files: I/O, encodings, YAML and JSON.
    InputProblem => Input;
    // Reading files.
    /// A file or folder that cannot be read; `missing` when it does not exist.
    Io = "io" { missing: bool, detail: String },
    /// A link that leads back into a folder holding it (`looped`), or to nothing.
    BadLink = "io" { looped: bool },
    /// Not UTF-8; `encoding` is the likely legacy encoding, `byte` the first bad byte.
    Encoding = "encoding" { byte: u8, encoding: String, legacy: bool },
    /// A device, a pipe or a socket; `folder_allowed` when a folder would do too.
    NotAFile = "not-a-file" { folder_allowed: bool },
    FileTooLarge = "file-too-large" { limit_mb: u64 },
    NoInput = "no-input" { extensions: Vec<String> },
    TooManyFiles = "too-many-files" { limit: usize },
    // YAML and JSON.
    YamlTab = "yaml-tab",
    /// `key` is indented `found` spaces, its siblings (entry from `entry_line`) `spaces`.
    YamlIndent = "yaml-indent" { key: String, entry_line: usize, spaces: usize, found: usize },
    /// `{value: 85,5}`: the comma splits the number.
    YamlDecimalComma = "yaml-decimal-comma" { number: String },
    /// The parser refused the text; `detail` is its own (English) wording, for the
    /// English catalogue only.
    Yaml = "yaml" { fault: YamlFault, detail: String },
    /// A key the entry does not have; `renamed_to` when it is an old name of a key.
    UnknownKey = "unknown-key" { key: String, expected: Vec<String>, suggestion: Option<String>, renamed_to: Option<String> },
    MissingKey = "missing-key" { key: String },
    UnknownValue = "unknown-value" { value: String, expected: Vec<String>, suggestion: Option<String> },
    DuplicateKey = "duplicate-key" { key: String },
    /// serde_json's own (English) wording.
    Json = "json" { detail: String },
}

problems! {
    /// Expressions of rule files (indicators, conditions, verdicts, roll-ups).
    ExprProblem => Expr;
    UnknownField = "unknown-field" { owner: Owner, name: String, suggestion: Option<String>, suggestion_is_parameter: bool },
    /// `detail` is the expression parser's own wording.
    ExpressionSyntax = "expression-syntax" { owner: Owner, detail: String },
    ExpressionOperator = "expression-operator" { owner: Owner, found: String, write: String },
    DivisionByZero = "division-by-zero" { owner: Owner },
    /// `op` compares values of two kinds: always false.
    TypeMismatch = "type-mismatch" { owner: Owner, op: String, left: ValueKind, right: ValueKind },
    /// An operation on values of the wrong kind, found when running (`signature`).
    WrongOperands = "type-mismatch" { owner: Owner, signature: String },
    /// The expression gives `gives` where `want` is needed (yes/no or a number).
    ExpressionType = "expression-type" { owner: Owner, want: ValueKind, gives: ValueKind, score: bool },
    ExpressionLimit = "expression-limit" { owner: Owner, limit: ExprLimit },
    UnknownFunction = "unknown-function" { owner: Owner, function: String },
    /// Any other run-time error; `detail` is the expression engine's wording.
    ExpressionError = "expression-error" { owner: Owner, detail: String },
}

problems! {
    /// Rule files: header, fields and parameters.
    RuleProblem => Rule;
    DuplicateField = "duplicate-field" { field: String },
    FieldId = "field-id" { id: String },
    FieldValues = "field-values" { field: String },
    FieldRangeOrder = "field-range",
    FieldRangeType = "field-range" { ty: String },
    DuplicateParameter = "duplicate-parameter" { param: String },
    ParameterValues = "parameter-values" { param: String },
    ParameterId = "parameter-id" { id: String },
    ParameterIsField = "parameter-id" { id: String },
    ParameterSelector = "parameter-selector",
    /// A value entry must give exactly one of `value` and `not_applicable: true`.
    ParameterValueOrNotApplicable = "parameter-values",
    ParameterYearsReversed = "parameter-years" { from: i32, to: i32 },
    ParameterYear = "parameter-years" { year: i32 },
    /// A quoted number that reads two ways (`"1.000"`); `plain` without separators.
    ParameterNumber = "parameter-number" { value: String, plain: String },
    ParameterType = "parameter-type" { param: String, kinds: Vec<ValueKind> },
    /// Two values for the same selectors; the other one is at `other_line`.
    ParameterOverlap = "parameter-overlap" { param: String, other_line: usize },
    UnknownGroup = "unknown-group" { group: String, groups: Vec<String> },
    UnusedParameter = "unused-parameter" { param: String },
}

problems! {
    /// Rule files: criteria, indicators, scoring, levels, the header, citations and
    /// the names test cases use.
    CriteriaProblem => Criteria;
    DuplicateCriterion = "duplicate-criterion" { id: String },
    DuplicateIndicator = "duplicate-indicator" { id: String },
    /// An amendment's indicator id that a criterion of its base also has.
    IndicatorInBase = "duplicate-indicator" { id: String, criterion: String, base: String },
    DuplicateCondition = "duplicate-condition" { id: String },
    NoCriteria = "criteria",
    CriterionEmpty = "criterion-empty" { id: String },
    PointsNotPositive = "points",
    ScoreWithoutPoints = "points" { owner: Owner },
    PointsMissing = "points" { indicator: String },
    ScoringSameMin = "scoring-levels" { a: String, b: String },
    ScoringNoLevels = "scoring-levels",
    LevelId = "level" { id: String },
    LevelWordTwice = "level" { word: String, a: String, b: String },
    SingleLevel = "level",
    /// Unit levels (`verdicts:`) none of which stands for đạt chuẩn (`means: met`).
    VerdictNoMet = "level",
    ValidityReversed = "validity",
    AmendmentLevel = "amendment" { base: String, level: String, stage: String },
    RulesetId = "ruleset-id" { id: String },
    RulesetLevel = "ruleset-level" { found: String },
    /// `detail` is the date reader's wording of what is wrong.
    BadDate = "date" { detail: String },
    /// A citation naming a document the set does not declare.
    UnknownDocument = "unknown-document" { document: String, suggestion: Option<String> },
    TestUnknown = "test-unknown" { test: String, item: TestItem, name: String, suggestion: Option<String> },
}

problems! {
    /// The rule library, registers, lint (`ntm check`) and rule-file test cases.
    LibraryProblem => Library;
    // Rule library.
    NotRules = "not-rules" { kind: NotRules },
    AmendsUnknown = "unknown-ruleset" { base: String },
    SupersedesUnknown = "unknown-ruleset" { old: String },
    DuplicateRuleset = "duplicate-ruleset" { id: String, other: PathBuf },
    SupersedesCycle = "supersedes-cycle" { ruleset: String, old: String },
    /// Two sets in force for the same level and stage on the same days.
    OverlappingValidity = "overlapping-validity" { a: String, a_file: PathBuf, a_dates: Period, b: String, b_file: PathBuf, b_dates: Period, level: String, stage: String },
    UnregisteredDocument = "unregistered-document" { document: String, set: String },
    DuplicateDocument = "duplicate-document" { number: String, first: Span },
    /// A register entry that amends or replaces an unregistered document.
    UnregisteredReference = "unknown-document" { document: String, refers_to: String, suggestion: Option<String> },
    UnknownDepartment = "unknown-department" { name: String, suggestion: Option<String>, files: Vec<PathBuf> },
    UnknownDepartmentFlag = "unknown-department" { name: String, known: Vec<String> },
    RollupNoBuckets = "rollup" { rollup: String },
    DuplicateRollup = "duplicate-rollup" { rollup: String },
    // Lint (`ntm check`).
    UnusedField = "unused-field" { field: String },
    UntestedIndicator = "untested-indicator" { set: String, ids: Vec<String> },
    NoDepartment = "no-department" { set: String, ids: Vec<String> },
    UnknownColumn = "unknown-column" { name: String, suggestion: Option<String> },
    // Test cases of rule files.
    TestFailed = "test-failed" { test: String, mismatch: TestMismatch },
    /// A declared status that is neither yes/no nor a word (`found`, as written).
    TestInput = "test-input" { test: String, found: String },
    TestYear = "test-year" { test: String, year: i32, set: String, validity: Period },
}

problems! {
    /// Datasets: units, records, values, lineages and merge rules.
    DataProblem => Data;
    /// A unit name that matches no unit; `candidates` when it matches several.
    UnknownUnit = "unknown-unit" { name: String, suggestion: Option<String>, candidates: Vec<String>, at: NamedAt },
    /// A name shared by units of different times, asked without a year: the candidates
    /// with their years.
    UnitNeedsYear = "unit-needs-year" { name: String, candidates: Vec<UnitYears> },
    BadYear = "bad-year" { year: i32, min: i32, max: i32 },
    UnitDates = "unit-dates" { unit: String, from: String, until: String },
    /// A unit's recognition (`recognised:`) and its attribute `nam_dat_chuan_ntm` giving
    /// two years.
    RecognisedTwice = "recognised-twice" { unit: String, attribute: i32, declared: i32 },
    NoParent = "no-parent" { unit: String },
    ParentCycle = "parent-cycle" { unit: String },
    ParentKind = "parent-kind" { unit: String, kind: String, parent: String, parent_kind: String },
    DuplicateUnit = "duplicate-unit" { unit: String, first: Span },
    /// A value given twice for the same unit and year (`other` is the other place).
    ConflictingValue = "conflicting-value" { field: String, unit: String, year: i32, other: Span },
    ConflictingDeclared = "conflicting-value" { criterion: String, unit: String, year: i32, other: Span },
    /// A declared status that is neither yes/no nor a word.
    DeclaredStatusValue = "declared-status" { found: String },
    /// A word where the set grades only met / not met.
    DeclaredNotYesNo = "declared-status" { found: String, set: String },
    DeclaredNotLevel = "declared-status" { found: String, set: String, suggestion: Option<String>, levels: Vec<String> },
    PublishedVerdict = "published-verdict" { found: String, set: String },
    /// A cell that does not fit its field's type (`ty`, the type's code); `detail` is
    /// the English reason.
    BadValue = "bad-value" { field: String, label: String, found: String, ty: String, file: PathBuf, fault: CellFault, detail: String },
    /// A text outside the field's closed list of values.
    NotOneOf = "bad-value" { field: String, label: String, found: String, allowed: Vec<String>, suggestion: Option<String> },
    /// A value a roll-up reads that does not fit its type.
    RollupValue = "bad-value" { field: String, found: String, fault: CellFault, detail: String },
    NotData = "not-data",
    EmptyFile = "empty-file",
    /// `detail` is the date reader's wording.
    DataDate = "bad-date" { given: String, detail: String },
    LineageDate = "lineage" { given: String, detail: String },
    /// A lineage event of `kind` without `needs` (key names).
    LineageEvent = "lineage" { kind: String, needs: String },
    MergeRule = "merge-rule" { fault: MergeFault },
    /// Two events change `unit` on the same `date` (`other` is the other event).
    LineageTwice = "lineage" { unit: String, date: String, other: String },
    /// `unit` ends (last day `until`) before it begins (`from`).
    LineageOrder = "lineage" { unit: String, from: String, until: String },
    /// Merges or splits that make `unit` come from itself.
    LineageCycle = "lineage" { unit: String },
    /// Results mapped onto the units of `date` (`--as-units`), but `unit`, which has
    /// results, only exists from `from`: a day's units cannot hold later units' results.
    AsUnitsBefore = "as-units-date" { unit: String, date: String, from: String },
    /// A merge rule names a field no rule set it applies to has (`suggestion`), or
    /// combines a field of type `ty` (text, yes/no) by `how`.
    MergeUnknownField = "merge-rule" { field: String, suggestion: Option<String> },
    MergeFieldType = "merge-rule" { field: String, ty: String, how: String },
    MergeUnknownSet = "merge-rule" { set: String },
    /// Two values of a dated attribute from the same day.
    DatedTwice = "dated-attribute" { attribute: String, from: String },
    /// A field supplied for `year` (in `records` records) that no set in force then reads
    /// (`in_force`), but that `used_by` read until `used_until`: the set changed under
    /// the data.
    FieldDrift = "field-drift" { field: String, year: i32, records: usize, used_by: String, used_until: i32, in_force: Vec<String> },
    /// What a published list gives for `set` (the set of its stage) that the set cannot have.
    PublishedList = "published-list" { fault: PublishedFault, set: String },
}

problems! {
    /// Tables of datasets: CSV and XLSX files, their headers, rows and cells.
    TableProblem => Table;
    MissingTablePattern = "missing-table" { pattern: String, folder: PathBuf },
    MissingTable = "missing-table" { path: PathBuf, missing: bool, detail: String },
    TableOutside = "table-outside" { file: String },
    DuplicateColumn = "duplicate-column" { first: String, first_header: String, second: String, second_header: String, holds: ColumnRole },
    /// The CSV reader's own wording.
    Csv = "csv" { detail: String },
    RaggedRow = "csv" { cells: usize, width: usize },
    NoYearColumn = "csv-header",
    NoUnitColumn = "csv-header",
    EmptyUnitCell = "csv-unit",
    NotWhole = "csv-total" { text: String },
    /// A `scope:` that names no stage (`NTM`, `NTM nâng cao`) nor a rule set id.
    UnknownScope = "scope" { found: String, suggestion: Option<String> },
    NotAYear = "csv-year" { text: String },
    UnitKindCell = "unit-kind" { found: String },
    EmptyUnitId = "unit-id",
    HeaderRowMissing = "table-header" { row: usize },
    NoHeaderRow = "table-header",
    EmptyTable = "empty-table",
    /// `detail` is the workbook reader's wording.
    XlsxSheetUnreadable = "xlsx" { sheet: String, detail: String },
    Xlsx = "xlsx" { detail: String },
    XlsxNoSheet = "xlsx-sheet" { sheet: String, sheets: Vec<String> },
    /// A sheet whose used range (declared or found) spans more cells than the limit.
    XlsxTooManyCells = "xlsx-limit" { sheet: String, cells: u64, limit: u64 },
    /// A workbook whose parts unpack to more than the limit (a zip bomb).
    XlsxUnpacked = "xlsx-limit" { mb: u64, limit_mb: u64 },
    /// A formula cell saved without its value (written by a program that does not compute).
    XlsxFormula = "xlsx-formula" { formula: String },
    /// The index sheet of a workbook written by ntm: a year that is not one, a sheet it
    /// lists that the workbook lacks, or no sheet listed.
    XlsxIndexYear = "xlsx-index" { found: String },
    XlsxIndexSheet = "xlsx-index" { sheet: String },
    XlsxIndexEmpty = "xlsx-index",
    /// Every sheet hidden (`sheets`, perhaps none), and no `tables:` entry names one.
    XlsxNoVisibleSheet = "xlsx-sheet" { sheets: Vec<String> },
}

problems! {
    /// Authoring: the fill-in sheet of `ntm pending --fill` and the starting files of
    /// `ntm new`.
    AuthoringProblem => Authoring;
    /// The CSV reader's own wording.
    SheetUnreadable = "sheet" { detail: String },
    SheetNoColumn = "sheet" { column: String },
    SheetNoCriterion = "sheet" { set: String, criterion: String },
    SheetNoIndicator = "sheet",
    SheetFieldId = "sheet" { field: String },
    SheetComparison = "sheet" { found: String },
    /// `detail` is the number reader's wording.
    SheetValue = "sheet" { found: String, detail: String },
    SheetLevel = "sheet" { found: String },
    SheetGroup = "sheet" { set: String, group: String },
    SheetEmpty = "sheet",
    SheetSecondValue = "sheet" { indicator: String, first_line: usize },
    /// A number outside its unit's or field's range, as the number reader read it.
    SheetValueRange = "sheet" { found: String, read: String, min: String, max: String, unit: String },
    /// A new indicator numbered like one the set already encodes.
    SheetIndicatorExists = "sheet" { indicator: String, set: String },
    /// `có`/`đạt` in `So sánh` with a value that is not yes.
    SheetYesValue = "sheet" { found: String },
    /// An official or secondary value with neither a section nor an address.
    SheetNoAddress = "sheet" { level: String },
    /// A year cell that is not a year in `first`..=`last` (the set's years, or after `Từ năm`).
    SheetYear = "sheet" { column: String, found: String, first: i32, last: Option<i32> },
    /// An indicator given per commune group with some groups neither filled nor marked
    /// not applicable.
    SheetMissingGroup = "sheet" { indicator: String, groups: Vec<String> },
    /// An indicator given by year with years between the set's first and the last given
    /// left without a value (`group` empty when for every group).
    SheetMissingYears = "sheet" { indicator: String, group: String, years: Vec<i32> },
    /// `ntm new amendment --set` naming a parameter of a criterion not yet encoded: the
    /// sheet comes first.
    AmendPending = "scaffold" { param: String, set: String, criteria: Vec<String> },
    ScaffoldFromAmendment = "scaffold" { from: String },
    /// `amendment` when an amendment was asked for.
    ScaffoldExists = "scaffold" { id: String, amendment: bool },
    ScaffoldTooEarly = "scaffold" { base: String, from: String, amendment: bool },
    ScaffoldNotRuleSet = "scaffold",
    ScaffoldBaseEnded = "scaffold" { base: String, from: String, end: String },
    ScaffoldYaml = "scaffold" { detail: String },
}

problems! {
    /// Plan files and their targets.
    PlanProblem => Plan;
    PlanMeasure = "plan-measure" { measure: String, per_unit: Vec<String>, suggestion: Option<String> },
    PlanEmpty = "plan-empty",
    PlanYears = "plan",
    PlanTargetNotFinite = "plan" { target: String },
    PlanTargetTwice = "plan" { target: String },
    PlanTargetNoUnits = "plan" { target: String },
    PlanEmptyTarget = "plan-empty-target" { target: String },
    PlanAttribute = "plan-attribute" { target: String, attribute: String },
}

problems! {
    /// Commands: what was asked for on the command line.
    RunProblem => Run;
    NoRuleset = "unknown-ruleset" { name: String, suggestion: Option<String> },
    NotARuleSet = "unknown-ruleset",
    NoResult = "no-result" { name: String, year: Option<i32> },
    /// `explain` of a unit whose record of the year has no set of the unit's kind that
    /// year (a xã made a thị trấn): `kind`, as the unit was then.
    NoSetForKind = "no-result" { name: String, year: i32, kind: crate::core::units::UnitKind },
    NeedsData = "no-data",
    NoDataFiles = "no-data",
    /// `ntm plan FILE` with a file that is not a plan (by its extension).
    NotAPlanFile = "no-data",
    /// `ntm pending --fill SHEET` with a file that is not a fill-in sheet.
    NotASheet = "no-data",
    /// `--output` names a file the command reads (a dataset, a rule file, the sheet).
    OutputIsInput = "output" { path: PathBuf },
    /// `--output` names a device, a pipe or a socket, which a whole-or-nothing write
    /// would replace with a regular file.
    OutputNotAFile = "output" { path: PathBuf },
    /// `--set` names a parameter that no loaded set has (`set` when one set is meant).
    Override = "override" { param: String, set: Option<String>, suggestion: Option<String> },
    /// `--set` gives `param` of `set` a value of another kind than its own (`takes`).
    OverrideType = "override" { param: String, set: String, takes: String, given: String },
    /// `--sweep` text that is not `PARAM=FROM..TO:STEP`.
    SweepForm = "override" { text: String },
    /// A sweep whose step is not positive or whose end is below its start.
    SweepRange = "override" { text: String },
    SweepSteps = "override" { text: String, limit: usize },
    /// `--set` text that is not `PARAM=VALUE`.
    OverrideForm = "override" { text: String },
    /// `diff` with `--data` and an older copy of the same set.
    DiffCopyWithData = "usage" { flag: String },
    /// `ntm gen --out` names a folder that holds files (`entries`) or a file.
    GenOutNotEmpty = "output" { path: PathBuf, entries: usize },
    GenOutNotFolder = "output" { path: PathBuf },
    /// After the first `shown` diagnostics of one kind, the `more` not shown (`error`:
    /// errors, else warnings).
    MoreOfKind = "more" { more: usize, shown: usize, error: bool },
}
