//! Datasets: units (xã, thôn) and their per-year values and declared statuses, read
//! from YAML, JSON and CSV files. Values stay untyped cells here; `eval` types them
//! against the field dictionary of the rule set that reads them.

pub mod lineage;
pub mod model;
mod table;
pub mod xlsx;

use crate::core::diag::{Diagnostic, Diagnostics, Span};
use crate::core::loader::Spanned;
use crate::core::loader::{self, span_of};
use crate::core::number::NumberFormat;
pub use crate::core::source::FileStamp;
use crate::core::source::{has_extension, Sources};
use crate::core::text::{did_you_mean, name_key, norm};
use crate::core::units::UnitKind;
use crate::core::value::Scalar;
use crate::core::value::{parse_bool, Cell};
use model::{Blank, DataFile, DatasetMeta, Provenance, TableDef};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Clone, Debug)]
pub struct CellAt {
    pub cell: Cell,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Unit {
    pub id: String,
    pub name: String,
    pub kind: UnitKind,
    pub parent: Option<String>,
    pub aliases: Vec<String>,
    pub attributes: BTreeMap<String, CellAt>,
    pub span: Span,
    pub provenance: Option<Provenance>,
    /// First and last day the unit exists, when declared.
    pub valid_from: Option<crate::core::date::Date>,
    pub valid_until: Option<crate::core::date::Date>,
}

impl Unit {
    /// Exists at some time in `year` by its declared dates.
    pub fn exists_in(&self, year: i32) -> bool {
        self.valid_from.is_none_or(|d| d.year <= year)
            && self.valid_until.is_none_or(|d| d.year >= year)
    }
}

#[derive(Clone, Debug)]
pub struct Declared {
    /// `None`: the cell was present but empty and means "no information", or it holds
    /// a word that is not yes/no (see `text`).
    pub met: Option<bool>,
    /// A status written as a word that is not yes/no (e.g. "Cơ bản đạt"), NFC: the rule
    /// set's levels decide what it means, or evaluation refuses it at its cell.
    pub text: Option<String>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Record {
    pub unit: String,
    pub year: i32,
    /// Field → cell; the field names are shared by every row of a table.
    pub values: BTreeMap<crate::core::text::Shared<str>, CellAt>,
    pub declared: BTreeMap<String, Declared>,
    pub reported_total: Option<(i64, Span)>,
    /// Criteria counted per level (level id → count), as published.
    pub counts: BTreeMap<String, (i64, Span)>,
    /// A published unit-level verdict (as written, NFC).
    pub published_verdict: Option<(String, Span)>,
    pub number_format: NumberFormat,
    pub provenance: Option<Provenance>,
    pub span: Span,
    /// Position of the record's first appearance, to keep the dataset's row order.
    pub order: usize,
}

/// Key of a declared status in `Record::declared`: the criterion id, or
/// `scope::id` when it is declared for one rule set (by id) or one stage.
pub fn declared_key(scope: Option<&str>, criterion: &str) -> String {
    match scope.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => format!("{}::{}", norm(s), norm(criterion)),
        None => norm(criterion),
    }
}

impl Record {
    /// The declared status of a criterion for a rule set: one declared for the set,
    /// else for its stage, else one declared for every set.
    pub fn declared_for(&self, set_id: &str, stage: &str, criterion: &str) -> Option<&Declared> {
        if self.declared.is_empty() {
            return None; // most records: no key to build
        }
        self.declared
            .get(&declared_key(Some(set_id), criterion))
            .or_else(|| self.declared.get(&declared_key(Some(stage), criterion)))
            .or_else(|| self.declared.get(criterion))
    }

    /// Declared statuses that apply to a rule set, with their criterion ids.
    pub fn declared_applying<'a>(
        &'a self,
        set_id: &'a str,
        stage: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a Declared)> + 'a {
        self.declared
            .iter()
            .filter_map(move |(k, d)| match k.rsplit_once("::") {
                None => Some((k.as_str(), d)),
                Some((scope, id)) if scope == set_id || name_key(scope) == name_key(stage) => {
                    Some((id, d))
                }
                _ => None,
            })
    }
}

/// The attribute holding the year a unit was recognised đạt chuẩn NTM.
pub const RECOGNISED_NTM: &str = "nam_dat_chuan_ntm";

/// The year a unit was recognised đạt chuẩn NTM, from its attributes.
pub fn recognised_year(attributes: &BTreeMap<String, CellAt>) -> Option<i32> {
    attribute_text(attributes, RECOGNISED_NTM)
        .and_then(|t| t.trim().parse::<f64>().ok())
        .filter(|y| y.fract() == 0.0 && (1900.0..=2200.0).contains(y))
        .map(|y| y as i32)
}

/// A unit attribute as text (numbers and yes/no written out), NFC-normalised.
pub fn attribute_text(attributes: &BTreeMap<String, CellAt>, key: &str) -> Option<String> {
    attributes.get(key).map(|c| match &c.cell {
        Cell::Text(s) | Cell::Scalar(Scalar::Text(s)) => crate::core::text::norm(s),
        Cell::Scalar(Scalar::Int(i)) => i.to_string(),
        Cell::Scalar(Scalar::Float(x)) => x.to_string(),
        Cell::Scalar(Scalar::Bool(b)) => b.to_string(),
    })
}

/// Is a yes/no attribute set (true, 1, có, đạt …)?
pub fn attribute_flag(attributes: &BTreeMap<String, CellAt>, key: &str) -> bool {
    attribute_text(attributes, key)
        .and_then(|v| crate::core::value::parse_bool(&v))
        .unwrap_or(false)
}

/// A dataset document and what kind of figures it holds, for every report's header.
#[derive(Clone, Debug, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub struct DataSource {
    pub path: String,
    pub title: String,
    pub provenance: Provenance,
}

/// Why a unit name or id does not resolve.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnitLookupError {
    NotFound {
        wanted: String,
        suggestion: Option<String>,
    },
    Ambiguous {
        wanted: String,
        candidates: Vec<String>,
    },
}

impl UnitLookupError {
    /// As a diagnostic at `span`, with the names as arguments for the catalogues.
    pub fn diagnostic(&self, span: Span) -> Diagnostic {
        let d = Diagnostic::error(span, "unknown-unit", self.to_string());
        match self {
            UnitLookupError::NotFound { wanted, suggestion } => {
                let d = d.arg("name", wanted);
                match suggestion {
                    Some(s) => d.arg("suggestion", s),
                    None => d,
                }
            }
            UnitLookupError::Ambiguous { wanted, candidates } => d
                .arg("name", wanted)
                .arg("candidates", candidates.join(", ")),
        }
    }
}

impl std::fmt::Display for UnitLookupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UnitLookupError::NotFound {
                wanted,
                suggestion: Some(s),
            } => write!(f, "no unit named `{wanted}`; did you mean `{s}`?"),
            UnitLookupError::NotFound { wanted, .. } => {
                write!(f, "no unit named `{wanted}` in the dataset")
            }
            UnitLookupError::Ambiguous { wanted, candidates } => write!(
                f,
                "`{wanted}` names several units ({}); give its parent xã or use the unit id",
                candidates.join(", ")
            ),
        }
    }
}

#[derive(Debug, Default)]
pub struct Dataset {
    pub meta: Vec<(PathBuf, DatasetMeta)>,
    pub units: Vec<Unit>,
    pub records: Vec<Record>,
    pub files: Vec<FileStamp>,
    /// Look-ups by id and by name, built on first use: every look-up is then constant
    /// time, so a national dataset loads and evaluates in linear time.
    index: std::sync::OnceLock<UnitIndex>,
}

#[derive(Debug, Default)]
struct UnitIndex {
    by_id: std::collections::HashMap<String, usize>,
    /// Name and alias keys (NFC, case and spacing ignored) → units, in dataset order.
    by_name: std::collections::HashMap<String, Vec<usize>>,
}

impl Dataset {
    fn index(&self) -> &UnitIndex {
        self.index.get_or_init(|| {
            let mut ix = UnitIndex::default();
            for (i, u) in self.units.iter().enumerate() {
                ix.by_id.entry(u.id.clone()).or_insert(i);
                let mut keys: Vec<String> = std::iter::once(&u.name)
                    .chain(&u.aliases)
                    .map(|n| name_key(n))
                    .collect();
                keys.sort();
                keys.dedup();
                for k in keys {
                    ix.by_name.entry(k).or_default().push(i);
                }
            }
            ix
        })
    }

    /// Set the units (the index is rebuilt on next use).
    pub fn set_units(&mut self, units: Vec<Unit>) {
        self.units = units;
        self.index = std::sync::OnceLock::new();
    }

    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.index().by_id.get(id).map(|&i| &self.units[i])
    }

    /// Find a unit by id, name or alias; when a name is shared by units of different
    /// times (an old xã and the new xã of the same name), the one that exists in `year`.
    pub fn find_unit_in(
        &self,
        wanted: &str,
        parent: Option<&str>,
        year: Option<i32>,
    ) -> Result<&Unit, UnitLookupError> {
        match (self.find_unit(wanted, parent), year) {
            (Err(UnitLookupError::Ambiguous { candidates, wanted }), Some(y)) => {
                let live: Vec<&Unit> = candidates
                    .iter()
                    .filter_map(|c| self.unit(c))
                    .filter(|u| u.exists_in(y))
                    .collect();
                match live.as_slice() {
                    [one] => Ok(one),
                    _ => Err(UnitLookupError::Ambiguous { wanted, candidates }),
                }
            }
            (other, _) => other,
        }
    }

    /// Find a unit by id, name or alias (NFC, case and spacing ignored).
    pub fn find_unit(&self, wanted: &str, parent: Option<&str>) -> Result<&Unit, UnitLookupError> {
        if let Some(u) = self.unit(wanted.trim()) {
            return Ok(u);
        }
        let key = name_key(wanted);
        let mut hits: Vec<&Unit> = self
            .index()
            .by_name
            .get(&key)
            .map(|v| v.iter().map(|&i| &self.units[i]).collect())
            .unwrap_or_default();
        if let Some(p) = parent {
            let pk = name_key(p);
            hits.retain(|u| {
                u.parent.as_deref().is_some_and(|pid| {
                    pid == p.trim()
                        || self.unit(pid).is_some_and(|pu| {
                            name_key(&pu.name) == pk || pu.aliases.iter().any(|a| name_key(a) == pk)
                        })
                })
            });
        }
        match hits.len() {
            1 => Ok(hits[0]),
            0 => {
                let names = self.units.iter().flat_map(|u| {
                    std::iter::once(u.name.as_str()).chain(std::iter::once(u.id.as_str()))
                });
                Err(UnitLookupError::NotFound {
                    wanted: wanted.to_string(),
                    suggestion: did_you_mean(wanted, names),
                })
            }
            _ => Err(UnitLookupError::Ambiguous {
                wanted: wanted.to_string(),
                candidates: hits.iter().map(|u| u.id.clone()).collect(),
            }),
        }
    }

    /// A unit's attributes, inherited from its parents (a thôn takes its xã's region)
    /// and overridden by its own.
    pub fn attributes_of(&self, unit: &Unit) -> BTreeMap<String, CellAt> {
        let mut chain = vec![unit];
        let mut cur = unit;
        while let Some(p) = cur.parent.as_deref().and_then(|p| self.unit(p)) {
            if chain.iter().any(|u| u.id == p.id) {
                break;
            }
            chain.push(p);
            cur = p;
        }
        let mut out = BTreeMap::new();
        for u in chain.into_iter().rev() {
            out.extend(u.attributes.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        out
    }

    /// Every dataset document with its title and provenance, sorted by path; reports
    /// show them so that illustrative figures are never taken for published ones.
    pub fn sources(&self) -> Vec<DataSource> {
        let mut v: Vec<DataSource> = self
            .meta
            .iter()
            .map(|(p, m)| DataSource {
                path: p.display().to_string(),
                title: m.title.clone(),
                provenance: m.provenance,
            })
            .collect();
        v.sort_by(|a, b| a.path.cmp(&b.path));
        v
    }

    pub fn years(&self) -> Vec<i32> {
        let mut y: Vec<i32> = self.records.iter().map(|r| r.year).collect();
        y.sort();
        y.dedup();
        y
    }
}

/// A record before its unit reference is resolved: `record.unit` holds the id or name
/// as written, `record.span` where it is written.
pub(crate) struct RawRecord {
    pub parent: Option<String>,
    pub record: Record,
}

pub(crate) struct RawUnit {
    pub unit: Unit,
    pub parent_ref: Option<String>,
}

/// A declared status cell: yes/no (1/0, đạt/chưa đạt, x), empty, or a word left for
/// the rule set's levels to read ("Cơ bản đạt"). Numbers other than 1 and 0 are refused.
pub fn declared_from_scalar(
    s: &Scalar,
    blank: Blank,
) -> Result<(Option<bool>, Option<String>), String> {
    match s {
        Scalar::Bool(b) => Ok((Some(*b), None)),
        Scalar::Int(1) => Ok((Some(true), None)),
        Scalar::Int(0) => Ok((Some(false), None)),
        Scalar::Text(t) if t.trim().is_empty() => Ok((
            match blank {
                Blank::Missing => None,
                Blank::NotMet => Some(false),
            },
            None,
        )),
        // An annex written by ntm marks a criterion without data `?`.
        Scalar::Text(t) if t.trim() == "?" => Ok((None, None)),
        Scalar::Text(t) => Ok(match parse_bool(t) {
            Some(b) => (Some(b), Some(norm(t.trim()))),
            None => (None, Some(norm(t.trim()))),
        }),
        other => Err(format!(
            "a declared status is 1 or 0 (đạt / chưa đạt), found `{other:?}`"
        )),
    }
}

/// A `tables:` entry with what its document says about it.
struct TableEntry {
    def: TableDef,
    provenance: Option<Provenance>,
    format: NumberFormat,
    span: Span,
    dir: PathBuf,
}

/// `*` (any run of characters) and `?` (one character) in a file name.
fn glob_match(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    let (mut pi, mut ni, mut star, mut mark) = (0, 0, None, 0);
    while ni < n.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == n[ni]) {
            pi += 1;
            ni += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ni;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ni = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

fn is_pattern(file: &str) -> bool {
    file.contains('*') || file.contains('?')
}

/// Load every dataset file of the sources. Returns the dataset with warnings, or
/// every error found.
pub fn load_dataset(sources: &Sources) -> Result<(Dataset, Diagnostics), Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut ds = Dataset::default();
    let mut units: Vec<RawUnit> = Vec::new();
    let mut records: Vec<RawRecord> = Vec::new();
    let mut entries: Vec<TableEntry> = Vec::new();
    let mut texts: Vec<(PathBuf, String)> = Vec::new();
    let mut books: Vec<(PathBuf, std::sync::Arc<[u8]>)> = Vec::new();
    for f in sources.files() {
        ds.files.push(f.stamp());
        if xlsx::is_xlsx(&f.path) {
            books.push((f.path.clone(), f.bytes.clone()));
            continue;
        }
        match f.text() {
            Ok(t) => texts.push((f.path.clone(), t.to_string())),
            Err(d) => diags.push(d),
        }
    }
    // Documents first, so that their table definitions are known before tables are read.
    for (f, text) in &texts {
        if is_csv(f) {
            continue;
        }
        let kind = crate::core::source::file_kind(text);
        if matches!(
            kind,
            crate::core::source::FileKind::Plan | crate::core::source::FileKind::Rollups
        ) {
            // Plans sit beside their data; they are read by `ntm plan`.
            continue;
        }
        if kind != crate::core::source::FileKind::Other {
            diags.push(Diagnostic::warning(
                Span::file_only(f),
                "not-data",
                "this is a rule file or register, not a dataset; it is skipped",
            ));
            continue;
        }
        let doc: DataFile = match loader::from_document(f, text) {
            Ok(d) => d,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        if doc.dataset.is_none()
            && doc.units.is_empty()
            && doc.records.is_empty()
            && doc.tables.is_empty()
        {
            diags.push(
                Diagnostic::warning(
                    Span::file_only(f),
                    "empty-file",
                    "this file holds no dataset, units, records or tables; it gives nothing",
                )
                .with_help("fill it, or remove it from the folder"),
            );
        }
        read_document(
            f,
            text,
            doc,
            &mut ds,
            &mut units,
            &mut records,
            &mut entries,
            &mut diags,
        );
    }
    // Each table file with the entry that describes it; patterns expanded.
    let mut tables: BTreeMap<PathBuf, usize> = BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        let file = &e.def.file.value;
        if let Err(d) = table_path_ok(file, &e.span) {
            diags.push(d);
            continue;
        }
        if is_pattern(file) {
            let (sub, pat) = match file.rsplit_once('/') {
                Some((d, p)) => (e.dir.join(d), p),
                None => (e.dir.clone(), file.as_str()),
            };
            let found: Vec<PathBuf> = sources
                .list_dir(&sub)
                .into_iter()
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| glob_match(pat, n))
                        && (is_csv(p) || xlsx::is_xlsx(p))
                })
                .collect();
            if found.is_empty() {
                diags.push(
                    Diagnostic::error(
                        e.span.clone(),
                        "missing-table",
                        format!("no CSV or XLSX file in {} matches `{pat}`", sub.display()),
                    )
                    .with_help("`*` stands for any part of a name, `?` for one character"),
                );
            }
            for p in found {
                tables.entry(p).or_insert(i);
            }
        } else {
            tables.insert(e.dir.join(file), i);
        }
    }
    // A table named by a document is read even when only the document was given.
    let listed: Vec<PathBuf> = tables
        .keys()
        .filter(|p| !texts.iter().any(|(f, _)| f == *p) && !books.iter().any(|(f, _)| f == *p))
        .cloned()
        .collect();
    for path in listed {
        match sources.fetch(&path) {
            Ok(file) => {
                ds.files.push(file.stamp());
                if xlsx::is_xlsx(&path) {
                    books.push((path, file.bytes.clone()));
                    continue;
                }
                match file.text() {
                    Ok(t) => texts.push((path, t.to_string())),
                    Err(d) => diags.push(d),
                }
            }
            Err(e) => {
                let span = tables
                    .get(&path)
                    .map(|i| entries[*i].span.clone())
                    .unwrap_or_else(|| Span::file_only(&path));
                diags.push(
                    Diagnostic::error(
                        span,
                        "missing-table",
                        format!("table file {}: {}", path.display(), e.message),
                    )
                    .with_help("check the file name under `tables:`"),
                );
                tables.remove(&path);
            }
        }
    }
    ds.files.sort_by(|a, b| a.path.cmp(&b.path));
    let ctx = |f: &Path| {
        let e = tables.get(f).map(|i| &entries[*i]);
        table::TableCtx {
            def: e.map(|e| &e.def),
            provenance: e.and_then(|e| e.provenance),
            format: e.map(|e| e.format).unwrap_or_default(),
            name_for_year: "",
            annex: false,
            scope: None,
            year: None,
        }
    };
    // CSV files are independent: read on every core, gathered in file order.
    let read: Vec<(Vec<RawUnit>, Vec<RawRecord>, Diagnostics)> = {
        use rayon::prelude::*;
        texts
            .par_iter()
            .filter(|(f, _)| is_csv(f))
            .map(|(f, text)| {
                let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                let cx = table::TableCtx {
                    name_for_year: name,
                    ..ctx(f)
                };
                let (mut u, mut r, mut d) = (Vec::new(), Vec::new(), Diagnostics::default());
                table::read_csv(f, text, cx, &mut u, &mut r, &mut d);
                (u, r, d)
            })
            .collect()
    };
    for (u, r, d) in read {
        units.extend(u);
        records.extend(r);
        diags.extend(d);
    }
    for (f, bytes) in &books {
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let cx = table::TableCtx {
            name_for_year: name,
            ..ctx(f)
        };
        xlsx::read_xlsx(f, bytes, cx, &mut units, &mut records, &mut diags);
    }
    resolve(ds, units, records, diags)
}

/// A declared date, or a diagnostic at it.
fn date_of(
    f: &Path,
    d: Option<&crate::core::loader::Spanned<String>>,
    diags: &mut Diagnostics,
) -> Option<crate::core::date::Date> {
    let d = d?;
    match crate::core::date::Date::parse(&d.value) {
        Ok(x) => Some(x),
        Err(e) => {
            diags.push(
                Diagnostic::error(span_of(f, d), "bad-date", e.to_string())
                    .with_help("write the date as YYYY-MM-DD"),
            );
            None
        }
    }
}

/// A table's `file:` names a file of the document's folder or of a folder below it:
/// not an absolute path, not `..`. A dataset cannot make ntm read (and echo in its
/// messages) a file outside the folders it was given.
fn table_path_ok(file: &str, span: &Span) -> Result<(), Diagnostic> {
    use std::path::Component;
    let p = Path::new(file);
    let outside = p.is_absolute()
        || file.starts_with('/')
        || file.starts_with('\\')
        || file.contains(':')
        || p.components().any(|c| {
            matches!(
                c,
                Component::ParentDir | Component::RootDir | Component::Prefix(_)
            )
        })
        || file.split(['/', '\\']).any(|part| part == "..");
    if outside {
        return Err(Diagnostic::error(
            span.clone(),
            "table-outside",
            format!("`{file}` is outside the dataset's folder; a table must be a file of the document's folder or of a folder below it"),
        )
        .with_help("copy the table into the dataset folder, or give it to --data yourself")
        .arg("file", file));
    }
    Ok(())
}

fn is_csv(f: &Path) -> bool {
    f.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}

/// A YAML number is read from its text, as written, by the same reader as every other
/// cell ([`crate::core::number::parse_number`] under the dataset's `number_format`): YAML
/// would read an unquoted `1.234` as one point two three four even in a dataset that
/// writes `.` between thousands. Other scalars stay as YAML typed them.
fn value_cell(f: &Path, text: &str, v: &Spanned<Scalar>) -> Cell {
    if !matches!(v.value, Scalar::Int(_) | Scalar::Float(_)) || has_extension(f, &["json"]) {
        return Cell::Scalar(v.value.clone());
    }
    let line = v.referenced.line() as usize;
    let column = v.referenced.column() as usize;
    let token: Option<String> = text.lines().nth(line.wrapping_sub(1)).map(|l| {
        l.chars()
            .skip(column.saturating_sub(1))
            .take_while(|c| !matches!(c, ',' | '}' | ']' | '#' | ' ' | '\t'))
            .collect()
    });
    match token {
        Some(t)
            if !t.is_empty()
                && t.chars().any(|c| c.is_ascii_digit())
                && t.chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '.' | '+' | '-')) =>
        {
            Cell::Text(t)
        }
        _ => Cell::Scalar(v.value.clone()),
    }
}

#[allow(clippy::too_many_arguments)]
fn read_document(
    f: &Path,
    text: &str,
    doc: DataFile,
    ds: &mut Dataset,
    units: &mut Vec<RawUnit>,
    records: &mut Vec<RawRecord>,
    tables: &mut Vec<TableEntry>,
    diags: &mut Diagnostics,
) {
    let provenance = doc.dataset.as_ref().map(|m| m.provenance);
    let format = doc
        .dataset
        .as_ref()
        .map(|m| m.number_format)
        .unwrap_or_default();
    if let Some(m) = doc.dataset {
        ds.meta.push((f.to_path_buf(), m));
    }
    for u in doc.units {
        let attributes = u
            .attributes
            .iter()
            .map(|(k, v)| {
                (
                    k.clone(),
                    CellAt {
                        cell: value_cell(f, text, v),
                        span: span_of(f, v),
                    },
                )
            })
            .collect();
        units.push(RawUnit {
            parent_ref: u.parent.clone(),
            unit: Unit {
                id: norm(&u.id.value),
                name: norm(&u.name),
                kind: u.kind,
                parent: None,
                aliases: u.aliases.iter().map(|a| norm(a)).collect(),
                attributes,
                span: span_of(f, &u.id),
                provenance,
                valid_from: date_of(f, u.valid_from.as_ref(), diags),
                valid_until: date_of(f, u.valid_until.as_ref(), diags),
            },
        });
    }
    for r in doc.records {
        let mut declared = BTreeMap::new();
        for (k, v) in &r.declared {
            match declared_from_scalar(&v.value, Blank::Missing) {
                Ok((met, text)) => {
                    declared.insert(
                        declared_key(r.scope.as_deref(), k),
                        Declared {
                            met,
                            text,
                            span: span_of(f, v),
                        },
                    );
                }
                Err(e) => diags.push(Diagnostic::error(span_of(f, v), "declared-status", e)),
            }
        }
        records.push(RawRecord {
            parent: r.parent.clone(),
            record: Record {
                unit: r.unit.value.clone(),
                year: r.year,
                values: r
                    .values
                    .iter()
                    .map(|(k, v)| {
                        (
                            norm(k).into(),
                            CellAt {
                                cell: value_cell(f, text, v),
                                span: span_of(f, v),
                            },
                        )
                    })
                    .collect(),
                declared,
                reported_total: r.reported_total.as_ref().map(|t| (t.value, span_of(f, t))),
                counts: r
                    .counts
                    .iter()
                    .map(|(k, v)| (norm(k), (v.value, span_of(f, v))))
                    .collect(),
                published_verdict: r
                    .published_verdict
                    .as_ref()
                    .map(|v| (norm(v.value.trim()), span_of(f, v))),
                number_format: format,
                provenance,
                span: span_of(f, &r.unit),
                order: 0,
            },
        });
    }
    let dir = f.parent().unwrap_or(Path::new("."));
    for t in doc.tables {
        let span = span_of(f, &t.file);
        tables.push(TableEntry {
            def: t,
            provenance,
            format,
            span,
            dir: dir.to_path_buf(),
        });
    }
}

/// A year outside the plausible range, at the place it is written.
pub fn bad_year(year: i32, span: Span) -> Diagnostic {
    use crate::core::limits::{MAX_YEAR, MIN_YEAR};
    Diagnostic::error(
        span,
        "bad-year",
        format!("year {year} is not plausible; years must lie between {MIN_YEAR} and {MAX_YEAR}"),
    )
    .with_help("check the `year` of the record (or table)")
    .arg("year", year)
}

/// Size rank of a unit kind: a unit's parent must be of a larger kind.
fn kind_rank(k: UnitKind) -> u8 {
    match k {
        UnitKind::Tinh => 0,
        UnitKind::Huyen => 1,
        UnitKind::Xa | UnitKind::ThiTran => 2,
        UnitKind::Thon => 3,
    }
}

/// Units must form a tree that matches their kinds: a parent larger than its child
/// (a thôn in a xã, a xã in a huyện or tỉnh), no unit its own ancestor, a thôn with
/// its xã named, a unit's dates in order.
fn check_unit_structure(units: &[Unit], diags: &mut Diagnostics) {
    let by_id: BTreeMap<&str, &Unit> = units.iter().map(|u| (u.id.as_str(), u)).collect();
    for u in units {
        if let (Some(a), Some(b)) = (u.valid_from, u.valid_until) {
            if a > b {
                diags.push(
                    Diagnostic::error(
                        u.span.clone(),
                        "unit-dates",
                        format!("unit `{}` ends ({b}) before it starts ({a})", u.id),
                    )
                    .with_help("check `valid_from` and `valid_until`"),
                );
            }
        }
        let Some(pid) = u.parent.as_deref() else {
            if u.kind == UnitKind::Thon {
                diags.push(
                    Diagnostic::warning(
                        u.span.clone(),
                        "no-parent",
                        format!("thôn `{}` has no parent; name its xã with `parent:` so that roll-ups and names resolve", u.id),
                    )
                    .arg("unit", &u.id),
                );
            }
            continue;
        };
        let mut cur = pid;
        let mut cycle = false;
        for _ in 0..crate::core::limits::MAX_PARENT_DEPTH {
            if cur == u.id {
                cycle = true;
                break;
            }
            match by_id.get(cur).and_then(|p| p.parent.as_deref()) {
                Some(next) => cur = next,
                None => break,
            }
        }
        if cycle {
            diags.push(
                Diagnostic::error(
                    u.span.clone(),
                    "parent-cycle",
                    format!(
                        "unit `{}` is its own ancestor (its parents lead back to it)",
                        u.id
                    ),
                )
                .with_help("a unit's `parent:` names the larger unit it belongs to")
                .arg("unit", &u.id),
            );
            continue;
        }
        if let Some(p) = by_id.get(pid) {
            if kind_rank(p.kind) >= kind_rank(u.kind) {
                diags.push(
                    Diagnostic::error(
                        u.span.clone(),
                        "parent-kind",
                        format!(
                            "unit `{}` ({}) cannot belong to `{}` ({}): a parent must be a larger unit",
                            u.id, u.kind, p.id, p.kind
                        ),
                    )
                    .with_help("a thôn belongs to a xã or thị trấn, a xã to a huyện or tỉnh")
                    .arg("unit", &u.id)
                    .arg("parent", &p.id),
                );
            }
        }
    }
}

/// Link parents and records to units, merge records of the same unit and year.
fn resolve(
    mut ds: Dataset,
    units: Vec<RawUnit>,
    records: Vec<RawRecord>,
    mut diags: Diagnostics,
) -> Result<(Dataset, Diagnostics), Diagnostics> {
    let mut seen: BTreeMap<String, Span> = BTreeMap::new();
    for u in &units {
        if let Some(first) = seen.insert(u.unit.id.clone(), u.unit.span.clone()) {
            diags.push(
                Diagnostic::error(
                    u.unit.span.clone(),
                    "duplicate-unit",
                    format!("unit id `{}` is also defined at {first}", u.unit.id),
                )
                .with_help("every unit needs its own id"),
            );
        }
    }
    ds.set_units(units.iter().map(|u| u.unit.clone()).collect());
    for (i, u) in units.iter().enumerate() {
        if let Some(p) = &u.parent_ref {
            match ds.find_unit(p, None) {
                Ok(pu) => {
                    let pid = pu.id.clone();
                    ds.units[i].parent = Some(pid);
                }
                Err(e) => diags.push(Diagnostic::error(
                    u.unit.span.clone(),
                    "unknown-unit",
                    format!("parent of `{}`: {e}", u.unit.id),
                )),
            }
        }
    }
    check_unit_structure(&ds.units, &mut diags);
    let mut merged: BTreeMap<(String, i32), Record> = BTreeMap::new();
    for (order, RawRecord { parent, record: r }) in records.into_iter().enumerate() {
        if !crate::core::limits::year_ok(r.year) {
            diags.push(bad_year(r.year, r.span.clone()));
            continue;
        }
        let unit = match ds.find_unit_in(&r.unit, parent.as_deref(), Some(r.year)) {
            Ok(u) => u.id.clone(),
            Err(e) => {
                diags.push(e.diagnostic(r.span.clone()).with_help("units are declared under `units:` in a dataset file (give the whole folder to --data to read them all); names are matched by id, name or alias, ignoring case"));
                continue;
            }
        };
        let entry = match merged.entry((unit.clone(), r.year)) {
            // The first row of a unit and year is the record as read (moved, not copied
            // value by value); later rows of the same unit and year merge into it.
            std::collections::btree_map::Entry::Vacant(slot) => {
                slot.insert(Record {
                    unit,
                    year: r.year,
                    values: r.values,
                    declared: r.declared,
                    reported_total: r.reported_total,
                    counts: r.counts,
                    published_verdict: r.published_verdict,
                    number_format: r.number_format,
                    provenance: r.provenance,
                    span: r.span,
                    order,
                });
                continue;
            }
            std::collections::btree_map::Entry::Occupied(slot) => slot.into_mut(),
        };
        for (k, v) in r.values {
            if let Some(old) = entry.values.get(&k) {
                if old.cell != v.cell {
                    diags.push(Diagnostic::error(
                        v.span.clone(),
                        "conflicting-value",
                        format!(
                            "`{k}` for {} in {} is also given at {} with another value",
                            entry.unit, entry.year, old.span
                        ),
                    ));
                }
                continue;
            }
            entry.values.insert(k, v);
        }
        for (k, v) in r.declared {
            if let Some(old) = entry.declared.get(&k) {
                if old.met != v.met || old.text != v.text {
                    diags.push(Diagnostic::error(v.span.clone(), "conflicting-value", format!("declared status of criterion {k} for {} in {} is also given at {} with another value", entry.unit, entry.year, old.span)));
                }
                continue;
            }
            entry.declared.insert(k, v);
        }
        if let Some(t) = r.reported_total {
            entry.reported_total.get_or_insert(t);
        }
        for (k, v) in r.counts {
            entry.counts.entry(k).or_insert(v);
        }
        if let Some(v) = r.published_verdict {
            entry.published_verdict.get_or_insert(v);
        }
        if entry.provenance.is_none() || r.provenance == Some(Provenance::Illustrative) {
            entry.provenance = r.provenance.or(entry.provenance);
        }
    }
    ds.records = merged.into_values().collect();
    ds.records.sort_by_key(|r| (r.year, r.order));
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok((ds, diags))
    }
}

#[cfg(test)]
mod glob_tests {
    #[test]
    fn patterns_match_file_names() {
        assert!(super::glob_match(
            "phu-luc-thon-*.csv",
            "phu-luc-thon-2020.csv"
        ));
        assert!(!super::glob_match(
            "phu-luc-thon-*.csv",
            "phu-luc-xa-2020.csv"
        ));
        assert!(super::glob_match("bieu-202?.xlsx", "bieu-2021.xlsx"));
        assert!(super::glob_match("*", "a"));
    }
}
