//! A result rendered where it was computed: the evaluation hands each result to a
//! [`Renderer`] on the core that made it, while it is still in that core's cache, and
//! the spooler only places the bytes. Rendering results read back a chunk later was
//! mostly waiting for memory (a national summary reads back gigabytes of results).

use super::columns::Handed;
use crate::render::summary_json::{Layout, SummaryWriter};
use crate::render::Catalog;
use crate::report::doc::{FullResult, Line, ResultTag};
use crate::report::UnitResult;
use serde::Serialize;
use std::io;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

/// How much of each result a JSON output carries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Detail {
    /// Everything: indicators with values, thresholds, citations.
    #[default]
    Full,
    /// Criteria and verdicts only (indicators left out), for very large runs.
    Summary,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The annex as CSV for programs: `,`, codes, machine headers.
    Csv,
    /// The same annex for Excel: BOM, `;`, CRLF, headers and labels in the language.
    ExcelCsv,
    Json(Detail),
    Jsonl(Detail),
}

impl Format {
    /// An annex (CSV for programs or for Excel).
    pub fn is_csv(self) -> bool {
        matches!(self, Format::Csv | Format::ExcelCsv)
    }

    /// A JSON or JSON Lines summary.
    pub fn is_summary(self) -> bool {
        matches!(
            self,
            Format::Json(Detail::Summary) | Format::Jsonl(Detail::Summary)
        )
    }
}

/// Renders results in one format: safe to share between cores.
pub struct Renderer<'a> {
    pub(super) m: &'a dyn Catalog,
    pub(super) format: Format,
    /// Made for the first summary result (other formats never need it).
    summary: OnceLock<SummaryWriter>,
    /// This renderer's number (see [`RUNS`]).
    run: u64,
}

/// A result rendered on the core that computed it, with what placing it in the document
/// reads: its year and set, its bytes; the result itself is freed there.
pub struct RenderedResult {
    pub(super) year: i32,
    pub(super) ruleset: String,
    /// Its bytes in the document, then (CSV and summaries) its criteria's keys for the
    /// spooler (`columns::push_keys`).
    pub(super) bytes: Vec<u8>,
    pub(super) row_end: usize,
    /// What this core hands on for the first time (`columns::announce`).
    pub(super) handed: Vec<Handed>,
}

/// A number for each renderer, so that what a core handed on for one is not taken
/// for another's (0: none yet).
static RUNS: AtomicU64 = AtomicU64::new(1);

impl<'a> Renderer<'a> {
    pub fn new(m: &'a dyn Catalog, format: Format) -> Self {
        Renderer {
            m,
            format,
            summary: OnceLock::new(),
            run: RUNS.fetch_add(1, Ordering::Relaxed),
        }
    }

    fn summary(&self) -> &SummaryWriter {
        self.summary.get_or_init(|| {
            SummaryWriter::new(match self.format {
                Format::Jsonl(_) => Layout::Line,
                _ => Layout::Pretty { level: 2 },
            })
        })
    }

    /// `r`'s bytes, and the part of it the spooler reads.
    pub fn render(&self, mut r: UnitResult) -> io::Result<RenderedResult> {
        let mut bytes = Vec::with_capacity(self.room(&r));
        self.render_into(&r, &mut bytes)?;
        let row_end = bytes.len();
        let mut handed = Vec::new();
        let (csv, summary) = (self.format.is_csv(), self.format.is_summary());
        if csv || summary {
            super::columns::push_keys(&mut bytes, &r);
            super::columns::announce(self.run, csv, &r, &bytes[row_end..], &mut handed);
        }
        Ok(RenderedResult {
            year: r.year,
            ruleset: std::mem::take(&mut r.ruleset),
            bytes,
            row_end,
            handed,
        })
    }

    /// About what `r` takes in this format (measured on the national data), so that
    /// its buffer is not grown several times.
    fn room(&self, r: &UnitResult) -> usize {
        let key = super::columns::KEY;
        let per_criterion = match self.format {
            Format::Csv | Format::ExcelCsv => 8 + key,
            Format::Json(Detail::Summary) | Format::Jsonl(Detail::Summary) => 224 + key,
            Format::Json(Detail::Full) | Format::Jsonl(Detail::Full) => 1536,
        };
        512 + r.criteria.len() * per_criterion
    }

    /// One result's bytes in a spool, after `out`'s.
    pub(super) fn render_into(&self, r: &UnitResult, out: &mut Vec<u8>) -> io::Result<()> {
        let m = self.m;
        let word = |f: &crate::report::Finding| m.finding(f);
        match self.format {
            Format::Csv => crate::render::annex_csv::push_record(m, r, false, out),
            Format::ExcelCsv => crate::render::annex_csv::push_record(m, r, true, out),
            Format::Json(detail) => {
                out.extend_from_slice(b",\n    ");
                match detail {
                    Detail::Full => {
                        crate::render::json_nested::write(out, &FullResult::of(r, &word), 2)?
                    }
                    Detail::Summary => self.summary().write(out, m, r)?,
                }
            }
            Format::Jsonl(Detail::Full) => {
                jsonl_into(out, ResultTag::Tag, FullResult::of(r, &word))?
            }
            Format::Jsonl(Detail::Summary) => {
                self.summary().write(out, m, r)?;
                out.push(b'\n');
            }
        }
        Ok(())
    }
}

/// One JSON Lines line after `out`'s: the object with its `type`.
pub(super) fn jsonl_into<T: Serialize, K: Serialize>(
    out: &mut Vec<u8>,
    kind: K,
    item: T,
) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &Line { item, kind })?;
    out.push(b'\n');
    Ok(())
}
