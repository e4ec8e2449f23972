//! The annex as CSV, one row per unit, year and rule set, a column per criterion of
//! every set in the run, each cell one of the four [`Mark`] codes: `1` met, `0` not
//! met, `?` no data, `-` not a criterion of the unit's set. The same columns and codes
//! in both dialects; for Excel (`--excel`) only the byte-order mark, `;`, CRLF, the
//! headers and the labels (kind, verdict, yes/no) change.

use super::annex::{verdict_text, AnnexRow, Mark};
use super::escape::spreadsheet::excel_text;
use super::i18n::columns::{annex_column, criterion_column};
use super::Catalog;
use crate::core::value::Value;
use crate::report::UnitResult;
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

fn code<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// A spooled row: the fixed cells, then each criterion as an (id, code) pair, laid out
/// in the document's columns only at the end, when every column is known.
pub(super) fn record(m: &dyn Catalog, r: &UnitResult, excel: bool) -> io::Result<Vec<u8>> {
    let row = AnnexRow::of(r, m);
    let (kind, verdict, unverified) = if excel {
        (
            m.unit_kind(r.unit.kind).to_string(),
            verdict_text(m, r),
            m.value(&Value::Bool(r.unverified)),
        )
    } else {
        (
            r.unit.kind.code().to_string(),
            code(&r.verdict),
            r.unverified.to_string(),
        )
    };
    let mut cells = vec![
        r.unit.id.clone(),
        r.unit.name.clone(),
        kind,
        r.unit.parent.clone().unwrap_or_default(),
        r.unit.parent_name.clone().unwrap_or_default(),
        r.year.to_string(),
        r.ruleset.clone(),
        r.met.to_string(),
        r.total.to_string(),
        verdict,
        r.reported_total.map(|t| t.to_string()).unwrap_or_default(),
        unverified,
        r.findings
            .iter()
            .map(|f| m.finding(f))
            .collect::<Vec<_>>()
            .join(" | "),
    ];
    if excel {
        // Every cell that holds text from the files (not a number, not a code).
        for i in [0, 1, 2, 3, 4, 6, 9, 12] {
            cells[i] = excel_text(&cells[i]);
        }
    }
    for (id, mark, _) in &row.marks {
        cells.push(id.to_string());
        cells.push(mark.code().to_string());
    }
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    w.write_record(&cells)?;
    w.into_inner().map_err(|e| e.into_error())
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

/// The document: the header, then every spool's rows in the columns of `crit`.
pub(super) fn finish(
    m: &dyn Catalog,
    excel: bool,
    crit: &[String],
    spools: impl Iterator<Item = io::Result<Box<dyn Read>>>,
    out: &mut dyn Write,
) -> io::Result<()> {
    if excel {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let mut w = writer(excel, out);
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
    w.write_record(&header)?;
    let column: BTreeMap<&str, usize> = crit
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    let fixed = PREFIX.len() + SUFFIX.len();
    for spool in spools {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(spool?);
        let mut rec = csv::StringRecord::new();
        while rdr.read_record(&mut rec).map_err(io::Error::other)? {
            let mut cells: Vec<Option<&str>> = vec![None; crit.len()];
            let pairs: Vec<&str> = rec.iter().skip(fixed).collect();
            for p in pairs.chunks(2) {
                if let (Some(&i), Some(mark)) = (column.get(p[0]), p.get(1)) {
                    // The first criterion of an id decides, as a lookup by id would.
                    cells[i].get_or_insert(mark);
                }
            }
            let row = rec
                .iter()
                .take(PREFIX.len())
                .chain(cells.iter().map(|c| c.unwrap_or(Mark::NotInSet.code())))
                .chain(rec.iter().skip(PREFIX.len()).take(SUFFIX.len()));
            w.write_record(row)?;
        }
    }
    w.flush()
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
