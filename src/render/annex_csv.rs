//! The annex as CSV, one row per unit, year and rule set, a column per criterion of
//! every set in the run, each cell one of the four [`Mark`] codes: `1` met, `0` not
//! met, `?` no data, `-` not a criterion of the unit's set. The same columns and codes
//! in both dialects; for Excel (`--excel`) only the byte-order mark, `;`, CRLF, the
//! headers and the labels (kind, verdict, yes/no) change.

use super::annex::{verdict_text, Mark};
use super::escape::spreadsheet::excel_text;
use super::i18n::columns::{annex_column, criterion_column};
use super::Catalog;
use crate::core::value::Value;
use crate::report::{Status, UnitResult, Verdict};
use std::collections::BTreeMap;
use std::io::{self, Read, Write};

/// Columns before the criteria.
const PREFIX: [&str; 7] = [
    "unit_id",
    "unit_name",
    "kind",
    "parent",
    "parent_name",
    "year",
    "ruleset",
];
/// Columns after the criteria.
const SUFFIX: [&str; 6] = [
    "met",
    "total",
    "verdict",
    "reported_total",
    "unverified",
    "findings",
];

/// The verdict's code, as the JSON writes it.
fn verdict_code(v: Verdict) -> &'static str {
    match v {
        Verdict::Met => "met",
        Verdict::NotMet => "not_met",
        Verdict::Incomplete => "incomplete",
    }
}

/// The marks in the order a spooled row numbers them.
const MARKS: [Mark; 5] = [
    Mark::Met,
    Mark::NotMet,
    Mark::NoData,
    Mark::NotInSet,
    Mark::NotApplicable,
];

/// The dialect's field separator and record terminator.
fn dialect(excel: bool) -> (u8, &'static [u8]) {
    if excel {
        (b';', b"\r\n")
    } else {
        (b',', b"\n")
    }
}

/// One field as the csv crate writes it (quoting only where needed): quoted, with
/// quotes doubled, when it holds the separator, a quote or a line break.
fn push_field(out: &mut Vec<u8>, field: &str, sep: u8) {
    let b = field.as_bytes();
    if b.iter()
        .any(|&c| c == sep || c == b'"' || c == b'\r' || c == b'\n')
    {
        out.push(b'"');
        for &c in b {
            if c == b'"' {
                out.push(b'"');
            }
            out.push(c);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(b);
    }
}

/// Fields joined by the separator.
fn push_fields<'f>(out: &mut Vec<u8>, fields: impl IntoIterator<Item = &'f str>, sep: u8) {
    for (i, f) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(sep);
        }
        push_field(out, f, sep);
    }
}

/// Bytes with their length before them (a spooled row's parts).
fn push_sized(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
    out.extend_from_slice(bytes);
}

/// A spooled row's fixed cells, already in the output's dialect: the cells before the
/// criteria and those after them, each part with its length before it. The criteria's
/// marks follow ([`push_marks`]), laid out in the document's columns only at the end,
/// when every column is known.
pub(super) fn record(m: &dyn Catalog, r: &UnitResult, excel: bool) -> Vec<u8> {
    let (kind, verdict, unverified): (std::borrow::Cow<str>, _, _) = if excel {
        (
            m.unit_kind(r.unit.kind).into(),
            verdict_text(m, r),
            m.value(&Value::Bool(r.unverified)),
        )
    } else {
        (
            r.unit.kind.code().into(),
            verdict_code(r.verdict).to_string(),
            r.unverified.to_string(),
        )
    };
    let findings = r
        .findings
        .iter()
        .map(|f| m.finding(f))
        .collect::<Vec<_>>()
        .join(" | ");
    let text = |s: &str| -> String {
        // Every cell that holds text from the files (not a number, not a code).
        if excel {
            excel_text(s)
        } else {
            s.to_string()
        }
    };
    let prefix = [
        text(&r.unit.id),
        text(&r.unit.name),
        text(&kind),
        text(r.unit.parent.as_deref().unwrap_or_default()),
        text(r.unit.parent_name.as_deref().unwrap_or_default()),
        r.year.to_string(),
        text(&r.ruleset),
    ];
    let suffix = [
        r.met.to_string(),
        r.total.to_string(),
        text(&verdict),
        r.reported_total.map(|t| t.to_string()).unwrap_or_default(),
        unverified,
        text(&findings),
    ];
    let (sep, _) = dialect(excel);
    let mut part = Vec::with_capacity(128);
    let mut out = Vec::with_capacity(256);
    push_fields(&mut part, prefix.iter().map(String::as_str), sep);
    push_sized(&mut out, &part);
    part.clear();
    push_fields(&mut part, suffix.iter().map(String::as_str), sep);
    push_sized(&mut out, &part);
    out
}

/// A row's marks after its fixed cells: each criterion of the result as its position
/// among its group's criteria (`column`) and its mark.
pub(super) fn push_marks(out: &mut Vec<u8>, marks: impl ExactSizeIterator<Item = (usize, Status)>) {
    out.extend_from_slice(&(marks.len() as u32).to_le_bytes());
    for (column, status) in marks {
        let mark = Mark::of(Some(status));
        out.extend_from_slice(&(column as u32).to_le_bytes());
        out.push(MARKS.iter().position(|&k| k == mark).unwrap_or(0) as u8);
    }
}

/// Every criterion id of the groups, in order of first appearance: the columns.
pub(super) fn columns<'c>(groups: impl Iterator<Item = &'c [String]>) -> Vec<String> {
    let mut crit: Vec<String> = Vec::new();
    for g in groups {
        for c in g {
            if !crit.contains(c) {
                crit.push(c.clone());
            }
        }
    }
    crit
}

/// Reads a spool's next little-endian `u32`; none at the end of the spool.
fn read_u32(r: &mut dyn Read) -> io::Result<Option<u32>> {
    let mut b = [0u8; 4];
    match r.read_exact(&mut b) {
        Ok(()) => Ok(Some(u32::from_le_bytes(b))),
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(None),
        Err(e) => Err(e),
    }
}

fn read_sized(r: &mut dyn Read, into: &mut Vec<u8>) -> io::Result<()> {
    let len = read_u32(r)?.ok_or_else(|| io::Error::other("spool ended inside a row"))?;
    into.resize(len as usize, 0);
    r.read_exact(into)
}

/// The document: the header, then every group's spooled rows (with the group's
/// criteria, in the order their marks number them) in the columns of `crit`.
pub(super) fn finish<'g>(
    m: &dyn Catalog,
    excel: bool,
    crit: &[String],
    spools: impl Iterator<Item = (&'g [String], io::Result<Box<dyn Read>>)>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let (sep, end) = dialect(excel);
    let mut head = Vec::new();
    if excel {
        head.extend_from_slice("\u{feff}".as_bytes());
    }
    let header: Vec<String> = if excel {
        let word = |c: &&str| annex_column(m.lang(), c).to_string();
        (PREFIX.iter().map(word))
            .chain(crit.iter().map(|c| criterion_column(m.lang(), c)))
            .chain(SUFFIX.iter().map(word))
            .collect()
    } else {
        (PREFIX.iter().map(|s| s.to_string()))
            .chain(crit.iter().map(|c| format!("tc_{c}")))
            .chain(SUFFIX.iter().map(|s| s.to_string()))
            .collect()
    };
    push_fields(&mut head, header.iter().map(String::as_str), sep);
    head.extend_from_slice(end);
    out.write_all(&head)?;
    let column: BTreeMap<&str, usize> = crit
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    let (mut prefix, mut suffix, mut row) = (Vec::new(), Vec::new(), Vec::new());
    let mut cells: Vec<Option<Mark>> = vec![None; crit.len()];
    for (group, spool) in spools {
        let mut spool = std::io::BufReader::with_capacity(1 << 16, spool?);
        let at: Vec<Option<usize>> = group
            .iter()
            .map(|c| column.get(c.as_str()).copied())
            .collect();
        while let Some(len) = read_u32(&mut spool)? {
            prefix.resize(len as usize, 0);
            spool.read_exact(&mut prefix)?;
            read_sized(&mut spool, &mut suffix)?;
            cells.iter_mut().for_each(|c| *c = None);
            let n = read_u32(&mut spool)?.unwrap_or(0);
            for _ in 0..n {
                let i = read_u32(&mut spool)?.unwrap_or(u32::MAX) as usize;
                let mut k = [0u8; 1];
                spool.read_exact(&mut k)?;
                if let Some(&Some(col)) = at.get(i) {
                    // The first criterion of an id decides, as a lookup by id would.
                    cells[col].get_or_insert(MARKS[(k[0] as usize).min(MARKS.len() - 1)]);
                }
            }
            row.clear();
            row.extend_from_slice(&prefix);
            for c in &cells {
                row.push(sep);
                row.extend_from_slice(c.unwrap_or(Mark::NotInSet).code().as_bytes());
            }
            row.push(sep);
            row.extend_from_slice(&suffix);
            row.extend_from_slice(end);
            out.write_all(&row)?;
        }
    }
    out.flush()
}

/// A CSV writer in the dialect: `,` and LF, or for Excel `;` and CRLF.
pub(super) fn writer(excel: bool, out: &mut dyn Write) -> csv::Writer<&mut dyn Write> {
    csv::WriterBuilder::new()
        .delimiter(if excel { b';' } else { b',' })
        .terminator(if excel {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .flexible(true)
        .from_writer(out)
}
