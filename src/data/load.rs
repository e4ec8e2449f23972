//! Loading a dataset: documents (YAML/JSON) first, so that their `tables:` entries
//! are known; then every table (CSV on every core, workbooks); then units and records
//! resolved (`resolve.rs`).

use super::model::{Blank, DataFile, Provenance, RecordDef, TableDef, UnitDef};
use super::values::{Entry, FieldTypes};
use super::{
    declared_from_scalar, declared_key, grid, scope_key, table, xlsx, CellAt, Dataset, Declared,
    Listed, Published, RawRecord, RawUnit, Record, Unit,
};
use crate::core::diag::{Diagnostic, Diagnostics, Span};
use crate::core::loader::{self, span_of, Spanned};
use crate::core::number::NumberFormat;
use crate::core::problem::{DataProblem, InputProblem, Problem, TableProblem};
use crate::core::source::{has_extension, FileKind, SourceFile, Sources};
use crate::core::text::norm;
use crate::core::value::{Cell, Scalar};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod glob;
use glob::{glob_match, is_pattern};

/// A `tables:` entry with what its document says about it.
struct TableEntry {
    def: TableDef,
    provenance: Option<Provenance>,
    format: NumberFormat,
    span: Span,
    dir: PathBuf,
}

/// What loading has gathered so far.
struct Loader<'t> {
    types: &'t FieldTypes,
    diags: Diagnostics,
    ds: Dataset,
    units: Vec<RawUnit>,
    /// Records as read: one list per document or table, in dataset order.
    records: Vec<Vec<RawRecord>>,
    entries: Vec<TableEntry>,
    /// Text files as read (shared with the sources, not copied: a large CSV is held once).
    texts: Vec<(PathBuf, SourceFile)>,
    books: Vec<(PathBuf, Arc<[u8]>)>,
}

/// Load every dataset file of the sources. Returns the dataset with warnings, or
/// every error found.
/// Cells are typed as they are read against `types` (the rule library's fields).
pub fn load_dataset(
    sources: &Sources,
    types: &FieldTypes,
) -> Result<(Dataset, Diagnostics), Diagnostics> {
    let mut ld = Loader {
        types,
        diags: Diagnostics::default(),
        ds: Dataset::default(),
        units: Vec::new(),
        records: Vec::new(),
        entries: Vec::new(),
        texts: Vec::new(),
        books: Vec::new(),
    };
    // Text files checked as UTF-8 on every core (tens of megabytes for a country).
    let not_text: Vec<Option<Diagnostic>> = {
        use rayon::prelude::*;
        (sources.files().par_iter())
            .map(|f| (!xlsx::is_xlsx(&f.path)).then(|| f.text().err()).flatten())
            .collect()
    };
    for (f, bad) in sources.files().iter().zip(not_text) {
        ld.ds.files.push(f.stamp());
        if xlsx::is_xlsx(&f.path) {
            ld.books.push((f.path.clone(), f.bytes.clone()));
            continue;
        }
        match bad {
            None => ld.texts.push((f.path.clone(), f.clone())),
            Some(d) => ld.diags.push(d),
        }
    }
    let texts = std::mem::take(&mut ld.texts);
    for (f, file) in &texts {
        read_file(f, text_of(file), &mut ld);
    }
    ld.texts = texts;
    let mut tables = table_files(sources, &ld.entries, &mut ld.diags);
    fetch_listed(sources, &mut tables, &mut ld);
    ld.ds.files.sort_by(|a, b| a.path.cmp(&b.path));
    read_tables(&tables, &mut ld);
    super::resolve::resolve(ld.ds, ld.units, ld.records, ld.diags)
}

/// A file's text, already checked to be UTF-8 when it was kept.
fn text_of(file: &SourceFile) -> &str {
    file.text().unwrap_or_default()
}

/// A document of the dataset (CSV and workbooks are read later, as tables).
fn read_file(f: &Path, text: &str, ld: &mut Loader) {
    if is_csv(f) {
        return;
    }
    let kind = crate::core::source::file_kind(text);
    if matches!(kind, FileKind::Plan | FileKind::Rollups) {
        // Plans sit beside their data; they are read by `ntm plan`.
        return;
    }
    if kind != FileKind::Other {
        ld.diags.push(Diagnostic::warning(
            Span::file_only(f),
            DataProblem::NotData,
        ));
        return;
    }
    let doc: DataFile = match loader::from_document(f, text) {
        Ok(d) => d,
        Err(d) => {
            ld.diags.push(d);
            return;
        }
    };
    if doc.dataset.is_none()
        && doc.units.is_empty()
        && doc.records.is_empty()
        && doc.tables.is_empty()
    {
        ld.diags.push(Diagnostic::warning(
            Span::file_only(f),
            DataProblem::EmptyFile,
        ));
    }
    read_document(f, text, doc, ld);
}

/// Each table file with the entry that describes it; patterns expanded.
fn table_files(
    sources: &Sources,
    entries: &[TableEntry],
    diags: &mut Diagnostics,
) -> BTreeMap<PathBuf, usize> {
    let mut tables: BTreeMap<PathBuf, usize> = BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        let file = &e.def.file.value;
        if let Err(d) = table_path_ok(file, &e.span) {
            diags.push(d);
            continue;
        }
        if !is_pattern(file) {
            tables.insert(e.dir.join(file), i);
            continue;
        }
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
            diags.push(Diagnostic::error(
                e.span.clone(),
                TableProblem::MissingTablePattern {
                    pattern: pat.to_string(),
                    folder: sub.to_path_buf(),
                },
            ));
        }
        for p in found {
            tables.entry(p).or_insert(i);
        }
    }
    tables
}

/// A table named by a document is read even when only the document was given.
fn fetch_listed(sources: &Sources, tables: &mut BTreeMap<PathBuf, usize>, ld: &mut Loader) {
    let listed: Vec<PathBuf> = tables
        .keys()
        .filter(|p| {
            !ld.texts.iter().any(|(f, _)| f == *p) && !ld.books.iter().any(|(f, _)| f == *p)
        })
        .cloned()
        .collect();
    for path in listed {
        match sources.fetch(&path) {
            Ok(file) => {
                ld.ds.files.push(file.stamp());
                if xlsx::is_xlsx(&path) {
                    ld.books.push((path, file.bytes.clone()));
                    continue;
                }
                match file.text() {
                    Ok(_) => ld.texts.push((path, file.clone())),
                    Err(d) => ld.diags.push(d),
                }
            }
            Err(e) => {
                let span = tables
                    .get(&path)
                    .map(|i| ld.entries[*i].span.clone())
                    .unwrap_or_else(|| Span::file_only(&path));
                let (missing, detail) = match &*e.problem {
                    Problem::Input(InputProblem::Io { missing, detail }) => {
                        (*missing, detail.clone())
                    }
                    other => (false, other.code().to_string()),
                };
                ld.diags.push(Diagnostic::error(
                    span,
                    TableProblem::MissingTable {
                        path: path.to_path_buf(),
                        missing,
                        detail,
                    },
                ));
                tables.remove(&path);
            }
        }
    }
}

/// How a table file is read: its `tables:` entry, if any; its name for the year.
fn table_ctx<'a>(
    f: &'a Path,
    tables: &BTreeMap<PathBuf, usize>,
    entries: &'a [TableEntry],
    types: &'a FieldTypes,
) -> grid::TableCtx<'a> {
    let e = tables.get(f).map(|i| &entries[*i]);
    grid::TableCtx {
        def: e.map(|e| &e.def),
        provenance: e.and_then(|e| e.provenance),
        format: e.map(|e| e.format).unwrap_or_default(),
        name_for_year: f.file_name().and_then(|n| n.to_str()).unwrap_or_default(),
        annex: false,
        scope: None,
        year: None,
        types,
    }
}

/// Every CSV table (on every core, gathered in file order) and workbook.
fn read_tables(tables: &BTreeMap<PathBuf, usize>, ld: &mut Loader) {
    let (entries, types) = (&ld.entries, ld.types);
    let ctx = |f| table_ctx(f, tables, entries, types);
    let read: Vec<(Vec<RawUnit>, Vec<RawRecord>, Diagnostics)> = {
        use rayon::prelude::*;
        ld.texts
            .par_iter()
            .filter(|(f, _)| is_csv(f))
            .map(|(f, file)| {
                let (mut u, mut r, mut d) = (Vec::new(), Vec::new(), Diagnostics::default());
                table::read_csv(f, text_of(file), ctx(f), &mut u, &mut r, &mut d);
                (u, r, d)
            })
            .collect()
    };
    // Records stay in the lists their readers made (a national dataset's are ~100 MB:
    // copying them into one list cost more than reading them).
    let mut diags = Diagnostics::default();
    for (u, r, d) in read {
        ld.units.extend(u);
        ld.records.push(r);
        diags.extend(d);
    }
    for (f, bytes) in &ld.books {
        let mut r = Vec::new();
        xlsx::read_xlsx(f, bytes, ctx(f), &mut ld.units, &mut r, &mut diags);
        ld.records.push(r);
    }
    ld.diags.extend(diags);
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
            diags.push(Diagnostic::error(
                span_of(f, d),
                DataProblem::DataDate {
                    given: d.value.clone(),
                    detail: e.to_string(),
                },
            ));
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
            TableProblem::TableOutside {
                file: file.to_string(),
            },
        ));
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
fn value_cell(f: &Path, lines: &Lines<'_>, v: &Spanned<Scalar>) -> Cell {
    if !matches!(v.value, Scalar::Int(_) | Scalar::Float(_)) || has_extension(f, &["json"]) {
        return Cell::Scalar(v.value.clone());
    }
    let line = v.referenced.line() as usize;
    let column = v.referenced.column() as usize;
    let token: Option<String> = lines.line(line).map(|l| {
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

/// A document's lines, found once: a value's token is read from its own line without
/// scanning the text before it (that scan made large YAML datasets quadratic).
pub(crate) struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { text, starts }
    }
    /// Line `n` (1-based) without its line ending, as `str::lines` gives it.
    pub(crate) fn line(&self, n: usize) -> Option<&'a str> {
        let start = *self.starts.get(n.checked_sub(1)?)?;
        let end = self.starts.get(n).copied().unwrap_or(self.text.len());
        let l = self.text.get(start..end)?;
        let l = l.strip_suffix('\n').unwrap_or(l);
        Some(l.strip_suffix('\r').unwrap_or(l))
    }
}

/// A dataset document's units, records and table entries.
fn read_document(f: &Path, text: &str, doc: DataFile, ld: &mut Loader) {
    let provenance = doc.dataset.as_ref().map(|m| m.provenance);
    let format = doc
        .dataset
        .as_ref()
        .map(|m| m.number_format)
        .unwrap_or_default();
    if let Some(m) = doc.dataset {
        ld.ds.meta.push((f.to_path_buf(), m));
    }
    let lines = Lines::new(text);
    for u in &doc.units {
        let unit = document_unit(f, &lines, u, provenance, &mut ld.diags);
        ld.units.push(unit);
    }
    let records = doc
        .records
        .iter()
        .map(|r| document_record(f, &lines, ld.types, r, provenance, format, &mut ld.diags))
        .collect();
    ld.records.push(records);
    let dir = f.parent().unwrap_or(Path::new("."));
    for t in doc.tables {
        let span = span_of(f, &t.file);
        ld.entries.push(TableEntry {
            def: t,
            provenance,
            format,
            span,
            dir: dir.to_path_buf(),
        });
    }
}

fn document_unit(
    f: &Path,
    lines: &Lines<'_>,
    u: &UnitDef,
    provenance: Option<Provenance>,
    diags: &mut Diagnostics,
) -> RawUnit {
    let mut attributes: BTreeMap<String, CellAt> = u
        .attributes
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                CellAt {
                    cell: value_cell(f, lines, v),
                    span: span_of(f, v),
                },
            )
        })
        .collect();
    let decided = date_of(f, u.recognised.as_ref().map(|r| &r.decision.date), diags);
    let recognition = super::recognised::unit_recognition(f, u, decided, &mut attributes, diags);
    RawUnit {
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
            recognition,
            dated: dated_attributes(f, lines, u, diags),
        },
    }
}

/// A unit's dated attributes, each sorted by day; two values from one day are refused.
fn dated_attributes(
    f: &Path,
    lines: &Lines<'_>,
    u: &UnitDef,
    diags: &mut Diagnostics,
) -> BTreeMap<String, Vec<crate::data::DatedValue>> {
    let mut out = BTreeMap::new();
    for (k, steps) in &u.dated {
        let mut v: Vec<crate::data::DatedValue> = Vec::new();
        for s in steps {
            let Some(from) = date_of(f, Some(&s.from), diags) else {
                continue;
            };
            if v.iter().any(|o| o.from == from) {
                diags.push(Diagnostic::error(
                    span_of(f, &s.from),
                    crate::core::problem::DataProblem::DatedTwice {
                        attribute: k.clone(),
                        from: from.to_string(),
                    },
                ));
                continue;
            }
            v.push(crate::data::DatedValue {
                from,
                value: CellAt {
                    cell: value_cell(f, lines, &s.value),
                    span: span_of(f, &s.value),
                },
            });
        }
        v.sort_by_key(|d| d.from);
        out.insert(k.clone(), v);
    }
    out
}

/// A record's published count, verdict and lists, under its scope.
fn document_published(f: &Path, r: &RecordDef) -> BTreeMap<String, Published> {
    let listed = |names: &[Spanned<String>], met: bool| {
        names
            .iter()
            .map(|n| Listed {
                name: norm(n.value.trim()),
                met,
                span: span_of(f, n),
            })
            .collect::<Vec<_>>()
    };
    let mut listed_all = listed(&r.criteria_not_met, false);
    listed_all.extend(listed(&r.criteria_met, true));
    let p = Published {
        reported_total: r.reported_total.as_ref().map(|t| (t.value, span_of(f, t))),
        counts: r
            .counts
            .iter()
            .map(|(k, v)| (norm(k), (v.value, span_of(f, v))))
            .collect(),
        verdict: r
            .published_verdict
            .as_ref()
            .map(|v| (norm(v.value.trim()), span_of(f, v))),
        listed: listed_all,
    };
    let mut out = BTreeMap::new();
    if !p.is_empty() {
        out.insert(scope_key(r.scope.as_deref()), p);
    }
    out
}

fn document_record(
    f: &Path,
    lines: &Lines<'_>,
    types: &FieldTypes,
    r: &RecordDef,
    provenance: Option<Provenance>,
    format: NumberFormat,
    diags: &mut Diagnostics,
) -> RawRecord {
    // One path shared by every value's place.
    let base = Span::file_only(f);
    if let Some(d) = super::check_scope(r.scope.as_deref(), &span_of(f, &r.unit)) {
        diags.push(d);
    }
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
            Err(e) => diags.push(Diagnostic::error(
                span_of(f, v),
                DataProblem::DeclaredStatusValue { found: e },
            )),
        }
    }
    RawRecord {
        parent: r.parent.clone(),
        record: Record {
            unit: r.unit.value.clone(),
            year: r.year,
            values: r
                .values
                .iter()
                .map(|(k, v)| {
                    let field = norm(k);
                    Entry {
                        stored: types.store(&field, value_cell(f, lines, v), format),
                        field: field.into(),
                        span: base.at(v.referenced.line() as usize, v.referenced.column() as usize),
                    }
                })
                .collect(),
            declared,
            published: document_published(f, r),
            number_format: format,
            provenance,
            span: span_of(f, &r.unit),
            order: 0,
        },
    }
}
