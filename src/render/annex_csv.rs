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
use crate::report::{Status, UnitResult};
use std::borrow::Cow;
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

/// The marks in the order a spooled row numbers them.
const MARKS: [Mark; 5] = [
    Mark::Met,
    Mark::NotMet,
    Mark::NoData,
    Mark::NotInSet,
    Mark::NotApplicable,
];

/// A cell holding text from the files (not a number, not a code): made inert for Excel,
/// otherwise written as it is, without a copy.
fn text_cell(s: &str, excel: bool) -> Cow<'_, str> {
    if excel {
        excel_text(s).into()
    } else {
        s.into()
    }
}

/// A mark's place in [`MARKS`] (exhaustive: a new mark cannot be left out).
fn mark_byte(mark: Mark) -> u8 {
    match mark {
        Mark::Met => 0,
        Mark::NotMet => 1,
        Mark::NoData => 2,
        Mark::NotInSet => 3,
        Mark::NotApplicable => 4,
    }
}

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
/// when every column is known. Written after `out`'s bytes.
pub(super) fn push_record(m: &dyn Catalog, r: &UnitResult, excel: bool, out: &mut Vec<u8>) {
    let (kind, verdict, unverified): (Cow<str>, _, _) = if excel {
        (
            m.unit_kind(r.unit.kind).into(),
            verdict_text(m, r),
            m.value(&Value::Bool(r.unverified)),
        )
    } else {
        (
            r.unit.kind.code().into(),
            r.verdict.code().to_string(),
            r.unverified.to_string(),
        )
    };
    let findings = r
        .findings
        .iter()
        .map(|f| m.finding(f))
        .collect::<Vec<_>>()
        .join(" | ");
    let text = |s| text_cell(s, excel);
    let prefix: [Cow<str>; 7] = [
        text(&r.unit.id),
        text(&r.unit.name),
        text(&kind),
        text(r.unit.parent.as_deref().unwrap_or_default()),
        text(r.unit.parent_name.as_deref().unwrap_or_default()),
        r.year.to_string().into(),
        text(&r.ruleset),
    ];
    let suffix: [Cow<str>; 6] = [
        r.met.to_string().into(),
        r.total.to_string().into(),
        text(&verdict),
        r.reported_total
            .map(|t| t.to_string())
            .unwrap_or_default()
            .into(),
        unverified.into(),
        text(&findings),
    ];
    let (sep, _) = dialect(excel);
    let mut part = Vec::with_capacity(128);
    push_fields(&mut part, prefix.iter().map(|c| c.as_ref()), sep);
    push_sized(out, &part);
    part.clear();
    push_fields(&mut part, suffix.iter().map(|c| c.as_ref()), sep);
    push_sized(out, &part);
}

/// A spooled mark's bytes: its column (`u32`, little-endian) and its mark.
const MARK_SIZE: usize = 5;

/// A status's mark byte, as a row's marks are spooled.
pub(super) fn mark_of(status: Status) -> u8 {
    mark_byte(Mark::of(Some(status)))
}

/// A row's marks after its fixed cells: their count, then each criterion's position
/// among its group's criteria (`columns`) and its mark byte (`marks`, by [`mark_of`]).
pub(super) fn push_marks(out: &mut Vec<u8>, columns: &[u32], marks: &[u8]) {
    let n = columns.len().min(marks.len());
    out.reserve(4 + n * MARK_SIZE);
    out.extend_from_slice(&(n as u32).to_le_bytes());
    for (column, mark) in columns.iter().zip(marks) {
        out.extend_from_slice(&column.to_le_bytes());
        out.push(*mark);
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

/// A `u32` inside a row: the spool may not end there.
fn read_inside(r: &mut dyn Read) -> io::Result<u32> {
    read_u32(r)?.ok_or_else(|| io::Error::other("spool ended inside a row"))
}

fn read_sized(r: &mut dyn Read, into: &mut Vec<u8>) -> io::Result<()> {
    let len = read_inside(r)?;
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
    let mut marks = Vec::new();
    let mut cells: Vec<Option<Mark>> = vec![None; crit.len()];
    for (group, spool) in spools {
        let mut spool = std::io::BufReader::with_capacity(1 << 16, spool?);
        let at: Vec<Option<usize>> = group
            .iter()
            .map(|c| column.get(c.as_str()).copied())
            .collect();
        while let Some(len) = read_u32(&mut spool)? {
            // Rows are written a block at a time (a national annex has 450,000).
            if row.len() >= 1 << 20 {
                out.write_all(&row)?;
                row.clear();
            }
            prefix.resize(len as usize, 0);
            spool.read_exact(&mut prefix)?;
            read_sized(&mut spool, &mut suffix)?;
            cells.iter_mut().for_each(|c| *c = None);
            // The row's marks read in one piece (a read per number was most of
            // assembling a national annex): each a column (u32) and a mark (u8).
            let count = read_inside(&mut spool)? as usize;
            marks.resize(count * MARK_SIZE, 0);
            spool.read_exact(&mut marks)?;
            for m in marks.chunks_exact(MARK_SIZE) {
                let i = u32::from_le_bytes([m[0], m[1], m[2], m[3]]) as usize;
                let mark = *(MARKS.get(usize::from(m[4])))
                    .ok_or_else(|| io::Error::other("a spooled mark out of range"))?;
                if let Some(&Some(col)) = at.get(i) {
                    // The first criterion of an id decides, as a lookup by id would.
                    cells[col].get_or_insert(mark);
                }
            }
            row.extend_from_slice(&prefix);
            for c in &cells {
                row.push(sep);
                row.extend_from_slice(c.unwrap_or(Mark::NotInSet).code().as_bytes());
            }
            row.push(sep);
            row.extend_from_slice(&suffix);
            row.extend_from_slice(end);
        }
    }
    out.write_all(&row)?;
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

#[cfg(test)]
mod tests {
    /// Every mark spooled as a byte comes back as itself.
    #[test]
    fn marks_round_trip_through_their_bytes() {
        for (i, &m) in super::MARKS.iter().enumerate() {
            assert_eq!(super::mark_byte(m) as usize, i, "{m:?}");
        }
    }
}
