//! `eval` outputs (CSV, JSON, JSON Lines) written while the evaluation runs. Each result
//! is rendered (by the core that computed it, [`Renderer`], or here for a whole report)
//! and each chunk placed at once into a spool per (year, rule set) — in memory up to
//! [`SPILL`] bytes, then an anonymous temporary file — and the document is assembled
//! in report order (year, rule set, dataset order) at the end. So memory stays bounded
//! by a chunk whatever the size of the run, nothing reaches the output before the
//! evaluation has succeeded, and the bytes are those of the whole report rendered at
//! once (the in-memory renderers are this spooler fed one report).

mod columns;
mod each;

use super::Catalog;
use crate::report::doc::{
    NoticeTag, RulesetEntry, Rulesets, RulesetsBlock, RulesetsTag, StampTag, Worded,
};
use crate::report::{Notice, Stamp, UnitResult};
use each::jsonl_into;
pub use each::{Detail, Format, RenderedResult, Renderer};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};

/// Bytes a spool keeps in memory before it moves to a temporary file.
pub const SPILL: usize = 8 << 20;

/// Buffer of a spool file and of copying spools into the output: a national summary is
/// gigabytes, and 8 KiB at a time cost a system call per page.
const IO_BUF: usize = 1 << 20;

/// A whole report through the spooler: the in-memory renderers, so that a streamed
/// run and a report rendered at once cannot differ.
pub(crate) fn whole(
    m: &dyn Catalog,
    report: &crate::report::Report,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut s = Spooler::new(m, format);
    s.push(&report.results)?;
    s.finish(&report.stamp, &report.notices, out)
}

impl Format {
    /// Whether a spooler made with [`Spooler::direct`] writes results as they are
    /// computed (JSON, JSON Lines); CSV waits for every column.
    pub fn written_as_computed(self) -> bool {
        matches!(self, Format::Json(_) | Format::Jsonl(_))
    }

    /// Whether results follow each other with a comma before each (JSON; the first
    /// has none).
    fn commas(self) -> bool {
        matches!(self, Format::Json(_))
    }

    /// What evaluation must build for this output: indicators only where it shows them.
    pub fn eval_detail(self) -> crate::engine::eval::Detail {
        match self {
            Format::Json(Detail::Full) | Format::Jsonl(Detail::Full) => {
                crate::engine::eval::Detail::Full
            }
            _ => crate::engine::eval::Detail::Criteria,
        }
    }
}

/// Rendered results of one (year, rule set), in memory or spilled to a temporary file.
#[derive(Default)]
struct Spool {
    mem: Vec<u8>,
    file: Option<BufWriter<File>>,
}

impl Spool {
    fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        if let Some(f) = &mut self.file {
            return f.write_all(bytes);
        }
        self.mem.extend_from_slice(bytes);
        if self.mem.len() > SPILL {
            let mut f = BufWriter::with_capacity(IO_BUF, tempfile::tempfile()?);
            f.write_all(&self.mem)?;
            self.mem = Vec::new();
            self.file = Some(f);
        }
        Ok(())
    }

    fn is_empty(&self) -> bool {
        self.mem.is_empty() && self.file.is_none()
    }

    /// Everything written, as one reader.
    fn reader(self) -> io::Result<Box<dyn Read>> {
        match self.file {
            Some(f) => {
                let mut f = f.into_inner().map_err(|e| e.into_error())?;
                f.seek(SeekFrom::Start(0))?;
                Ok(Box::new(io::BufReader::with_capacity(IO_BUF, f)))
            }
            None => Ok(Box::new(io::Cursor::new(self.mem))),
        }
    }
}

#[derive(Default)]
struct Group {
    spool: Spool,
    /// The CSV's columns and where each result's criteria go in them.
    columns: columns::Columns,
    /// The rule set's names and citations, from its first result (summary JSON).
    ruleset: Option<RulesetEntry>,
}

impl Group {
    /// A result's share of its group: the rule set's entry from its first (summary),
    /// the columns of its criteria and its marks into `marks` (CSV; emptied first), by
    /// the keys made where it was rendered (`columns::push_keys`).
    fn note(
        &mut self,
        format: Format,
        p: &Placing<'_>,
        learned: &columns::Learned,
        marks: &mut Vec<u8>,
    ) -> io::Result<()> {
        marks.clear();
        if format.is_csv() {
            self.columns.marks(learned, p.keys, marks)?;
        } else if format.is_summary() && self.ruleset.is_none() {
            self.ruleset = Some(match p.result {
                Some(r) => RulesetEntry::of(r),
                None => learned.entry(p.ruleset, p.keys)?.clone(),
            });
        }
        Ok(())
    }
}

pub struct Spooler<'a> {
    renderer: Renderer<'a>,
    /// By year, then rule set (looked up by the result's id without copying it).
    groups: BTreeMap<i32, BTreeMap<String, Group>>,
    /// The output itself, when results may reach it before the run ends.
    direct: Option<Direct<'a>>,
    /// What the cores handed on with the results they rendered.
    learned: columns::Learned,
}

/// What placing a result reads: its year and set, the result itself when it was
/// rendered here, its bytes and its criteria's keys (CSV and summaries).
struct Placing<'r> {
    year: i32,
    ruleset: &'r str,
    result: Option<&'r UnitResult>,
    bytes: &'r [u8],
    keys: &'r [u8],
}

/// A spooler's own output (a file that is thrown away if the run fails): JSON and JSON
/// Lines results of each year's leading set are written to it as they come, the year's
/// other sets' when the year ends — written once, not spooled and copied. CSV waits
/// for the end all the same (its header names every criterion of the run).
struct Direct<'a> {
    out: Box<dyn Write + Send + 'a>,
    /// The set whose results come first in each year (see `engine::eval::stream_head`).
    lead: BTreeMap<i32, String>,
    /// The year being written.
    open: Option<i32>,
    /// Whether a result was written (in JSON the first has no comma before it).
    wrote: bool,
}

impl<'a> Spooler<'a> {
    pub fn new(m: &'a dyn Catalog, format: Format) -> Self {
        Spooler {
            renderer: Renderer::new(m, format),
            groups: BTreeMap::new(),
            direct: None,
            learned: columns::Learned::default(),
        }
    }

    /// A spooler that writes the document into `out` as early as the report's order
    /// allows: the head at once, then each year's `lead` set's results as they come.
    /// `out` must be discarded if the run fails (it holds part of a document then).
    pub fn direct(
        m: &'a dyn Catalog,
        format: Format,
        stamp: &Stamp,
        lead: BTreeMap<i32, String>,
        mut out: Box<dyn Write + Send + 'a>,
    ) -> io::Result<Self> {
        write_head(format, stamp, &mut out)?;
        let lead = if format.written_as_computed() {
            lead
        } else {
            BTreeMap::new()
        };
        Ok(Spooler {
            direct: Some(Direct {
                out,
                lead,
                open: None,
                wrote: false,
            }),
            ..Spooler::new(m, format)
        })
    }

    /// Whether `r` is written at once: a result of its year's leading set. The year
    /// before is completed first (its other sets' spools).
    fn goes_direct(&mut self, (year, ruleset): (i32, &str)) -> io::Result<bool> {
        let json = self.renderer.format.commas();
        let Some(d) = self.direct.as_mut().filter(|d| !d.lead.is_empty()) else {
            return Ok(false);
        };
        if d.open != Some(year) {
            if d.open.is_some_and(|y| y > year) {
                return Err(io::Error::other("results came out of year order"));
            }
            // Every earlier year is complete: its spooled sets follow its leading one.
            for sets in self.groups.range_mut(..year).map(|(_, sets)| sets) {
                put_spools(&mut d.out, sets.values_mut(), json, &mut d.wrote)?;
            }
            d.open = Some(year);
        }
        let Some(lead) = d.lead.get(&year) else {
            return Ok(false);
        };
        if ruleset < lead.as_str() {
            // The lead is the smallest id a result can have that year.
            return Err(io::Error::other(
                "a result came before its year's first set",
            ));
        }
        Ok(ruleset == lead)
    }

    /// A renderer of this spooler's format, for results rendered where they are
    /// computed ([`Spooler::push_rendered`]).
    pub fn renderer(&self) -> Renderer<'a> {
        Renderer::new(self.renderer.m, self.renderer.format)
    }

    /// Render results (in dataset order within their year) into their spools. Each
    /// result is rendered on any core; the spools are filled in order.
    pub fn push(&mut self, results: &[UnitResult]) -> io::Result<()> {
        use rayon::prelude::*;
        let renderer = &self.renderer;
        // Rendered in batches, each into one buffer: a buffer per result grown by
        // doubling was most of the copying of a national summary.
        let batches: Vec<io::Result<Rendered>> = results
            .par_chunks(RENDER_BATCH)
            .map(|batch| {
                let mut out = Rendered::default();
                for r in batch {
                    renderer.render_into(r, &mut out.bytes)?;
                    out.ends.push(out.bytes.len());
                }
                Ok(out)
            })
            .collect();
        let mut rendered = Vec::with_capacity(batches.len());
        for b in batches {
            rendered.push(b?);
        }
        let each = rendered.iter().flat_map(|b| {
            let starts = std::iter::once(0).chain(b.ends.iter().copied());
            starts.zip(&b.ends).map(|(from, &to)| &b.bytes[from..to])
        });
        let (mut keys, mut marks) = (Vec::new(), Vec::new());
        for (r, bytes) in results.iter().zip(each) {
            keys.clear();
            if self.renderer.format.is_csv() {
                columns::push_keys(&mut keys, r);
                self.learned.learn_from(r, &keys);
            }
            let p = Placing {
                year: r.year,
                ruleset: &r.ruleset,
                result: Some(r),
                bytes,
                keys: &keys,
            };
            self.place(&p, &mut marks)?;
        }
        Ok(())
    }

    /// Results rendered by a [`Spooler::renderer`] into their spools, in order; their
    /// bytes are freed on another thread (freeing a chunk's results took a tenth of a
    /// national run on the thread that waits for every chunk).
    pub fn push_rendered(
        &mut self,
        mut rendered: Vec<io::Result<RenderedResult>>,
    ) -> io::Result<()> {
        let placed = self.place_all(&mut rendered);
        rayon::spawn(move || drop(rendered));
        placed
    }

    fn place_all(&mut self, rendered: &mut [io::Result<RenderedResult>]) -> io::Result<()> {
        // The chunk's infos first: a core hands an info on with the first result it
        // renders, which may come later in the chunk than another it rendered after.
        for r in rendered.iter().flatten() {
            r.handed.iter().for_each(|h| self.learned.learn(h));
        }
        let mut marks = Vec::new();
        for r in rendered {
            match r {
                Ok(r) => {
                    let (bytes, keys) = r.bytes.split_at(r.row_end.min(r.bytes.len()));
                    let p = Placing {
                        year: r.year,
                        ruleset: &r.ruleset,
                        result: None,
                        bytes,
                        keys,
                    };
                    self.place(&p, &mut marks)?
                }
                // The first error is the run's (taken out; the rest is dropped).
                Err(e) => return Err(std::mem::replace(e, io::ErrorKind::Other.into())),
            }
        }
        Ok(())
    }

    /// One rendered result into its group's spool, or into the output when its year's
    /// leading set is written as it comes.
    fn place(&mut self, p: &Placing<'_>, marks: &mut Vec<u8>) -> io::Result<()> {
        let format = self.renderer.format;
        let direct = self.goes_direct((p.year, p.ruleset))?;
        let sets = self.groups.entry(p.year).or_default();
        if !sets.contains_key(p.ruleset) {
            sets.insert(p.ruleset.to_string(), Group::default());
        }
        let Some(g) = sets.get_mut(p.ruleset) else {
            return Ok(());
        };
        g.note(format, p, &self.learned, marks)?;
        if let (true, Some(d)) = (direct, self.direct.as_mut()) {
            return put(&mut d.out, p.bytes, format.commas(), &mut d.wrote);
        }
        g.spool.write(p.bytes)?;
        if !marks.is_empty() {
            g.spool.write(marks)?;
        }
        Ok(())
    }

    /// Write the document: head, every spool in report order, notices. A spooler made
    /// with [`Spooler::direct`] writes the rest of its document into its own output
    /// (`out` is not used then).
    pub fn finish(self, stamp: &Stamp, ns: &[Notice], out: &mut dyn Write) -> io::Result<()> {
        let (m, format) = (self.renderer.m, self.renderer.format);
        let groups: BTreeMap<(i32, String), Group> = (self.groups.into_iter())
            .flat_map(|(year, sets)| sets.into_iter().map(move |(id, g)| ((year, id), g)))
            .collect();
        match self.direct {
            Some(mut d) => {
                finish_into(m, format, groups, (None, d.wrote), ns, &mut d.out)?;
                d.out.flush()
            }
            None => finish_into(m, format, groups, (Some(stamp), false), ns, out),
        }
    }
}

/// The rest of the document after the results written so far (`wrote`: any?), with
/// its head first if it was not written (`head`).
fn finish_into(
    m: &dyn Catalog,
    format: Format,
    groups: BTreeMap<(i32, String), Group>,
    (head, wrote): (Option<&Stamp>, bool),
    ns: &[Notice],
    out: &mut dyn Write,
) -> io::Result<()> {
    if let Some(stamp) = head {
        write_head(format, stamp, out)?;
    }
    match format {
        Format::Csv => finish_csv(m, false, groups, out),
        Format::ExcelCsv => finish_csv(m, true, groups, out),
        Format::Json(detail) => finish_json(m, groups, detail, wrote, ns, out),
        Format::Jsonl(detail) => finish_jsonl(m, groups, detail, ns, out),
    }
}

/// What a document says before its results: JSON's stamp and the results' opening,
/// JSON Lines' stamp line. (A CSV's header names every criterion: it is written last.)
fn write_head(format: Format, stamp: &Stamp, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Json(_) => {
            writeln!(out, "{{")?;
            write!(out, "  \"stamp\": ")?;
            write_indented(out, stamp, 1)?;
            writeln!(out, ",")?;
            write!(out, "  \"results\": [")
        }
        Format::Jsonl(_) => out.write_all(&jsonl_line(StampTag::Tag, stamp)?),
        Format::Csv | Format::ExcelCsv => Ok(()),
    }
}

/// One result's bytes into the document (JSON: the first without its comma).
fn put(out: &mut dyn Write, bytes: &[u8], json: bool, wrote: &mut bool) -> io::Result<()> {
    let from = usize::from(json && !*wrote).min(bytes.len());
    *wrote = true;
    out.write_all(&bytes[from..])
}

/// Groups' spooled results into the document, in order (each spool emptied).
fn put_spools<'g>(
    out: &mut dyn Write,
    groups: impl Iterator<Item = &'g mut Group>,
    json: bool,
    wrote: &mut bool,
) -> io::Result<()> {
    for g in groups {
        let spool = std::mem::take(&mut g.spool);
        if spool.is_empty() {
            continue;
        }
        let mut r = spool.reader()?;
        if json && !*wrote {
            // The first result has no comma before it.
            let mut comma = [0u8; 1];
            r.read_exact(&mut comma)?;
        }
        *wrote = true;
        copy_all(&mut r, out)?;
    }
    Ok(())
}

/// Everything `r` holds into `out`, a large block at a time.
fn copy_all(r: &mut dyn Read, out: &mut dyn Write) -> io::Result<()> {
    let mut buf = vec![0u8; IO_BUF];
    loop {
        match r.read(&mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) => out.write_all(&buf[..n])?,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// Results rendered one after another into one buffer, and where each ends.
#[derive(Default)]
struct Rendered {
    bytes: Vec<u8>,
    ends: Vec<usize>,
}

/// Results rendered into one buffer at a time.
const RENDER_BATCH: usize = 64;

/// One JSON Lines line: the object with its `type`.
fn jsonl_line<T: Serialize, K: Serialize>(kind: K, item: T) -> io::Result<Vec<u8>> {
    let mut line = Vec::new();
    jsonl_into(&mut line, kind, item)?;
    Ok(line)
}

/// Pretty JSON nested inside the document, each line after the first `level` levels deeper.
fn write_indented<T: Serialize>(out: &mut dyn Write, v: &T, level: usize) -> io::Result<()> {
    let mut buf = Vec::new();
    super::json_nested::write(&mut buf, v, level)?;
    out.write_all(&buf)
}

/// Notices with their messages.
fn worded_notices<'n>(m: &dyn Catalog, ns: &'n [Notice]) -> Vec<Worded<'n, Notice>> {
    ns.iter()
        .map(|n| Worded {
            item: n,
            message: m.notice(n),
        })
        .collect()
}

/// The rule sets' entries (summary detail), in order of first appearance.
fn rulesets(groups: &BTreeMap<(i32, String), Group>) -> Rulesets {
    let mut sets = Rulesets::default();
    for ((_, id), g) in groups {
        if let (false, Some(v)) = (sets.0.iter().any(|(k, _)| k == id), &g.ruleset) {
            sets.0.push((id.clone(), v.clone()));
        }
    }
    sets
}

/// JSON after the results written so far: the rest of them, the rule sets (summary:
/// known once every result is), the notices.
fn finish_json(
    m: &dyn Catalog,
    mut groups: BTreeMap<(i32, String), Group>,
    detail: Detail,
    mut wrote: bool,
    ns: &[Notice],
    out: &mut dyn Write,
) -> io::Result<()> {
    put_spools(out, groups.values_mut(), true, &mut wrote)?;
    if wrote {
        write!(out, "\n  ")?;
    }
    writeln!(out, "],")?;
    if detail == Detail::Summary {
        write!(out, "  \"rulesets\": ")?;
        write_indented(out, &rulesets(&groups), 1)?;
        writeln!(out, ",")?;
    }
    write!(out, "  \"notices\": ")?;
    write_indented(out, &worded_notices(m, ns), 1)?;
    writeln!(out, "\n}}")
}

/// JSON Lines after the lines written so far: the rest of the results, the rule sets'
/// line (summary), the notices.
fn finish_jsonl(
    m: &dyn Catalog,
    mut groups: BTreeMap<(i32, String), Group>,
    detail: Detail,
    ns: &[Notice],
    out: &mut dyn Write,
) -> io::Result<()> {
    put_spools(out, groups.values_mut(), false, &mut false)?;
    if detail == Detail::Summary {
        let sets = rulesets(&groups);
        out.write_all(&jsonl_line(
            RulesetsTag::Tag,
            RulesetsBlock { rulesets: &sets },
        )?)?;
    }
    for n in worded_notices(m, ns) {
        out.write_all(&jsonl_line(NoticeTag::Tag, n)?)?;
    }
    Ok(())
}

fn finish_csv(
    m: &dyn Catalog,
    excel: bool,
    groups: BTreeMap<(i32, String), Group>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let crit = super::annex_csv::columns(groups.values().map(|g| g.columns.ids.as_slice()));
    let (criteria, spools): (Vec<Vec<String>>, Vec<Spool>) = groups
        .into_values()
        .map(|g| (g.columns.ids, g.spool))
        .unzip();
    let spools = criteria
        .iter()
        .map(Vec::as_slice)
        .zip(spools.into_iter().map(Spool::reader));
    super::annex_csv::finish(m, excel, &crit, spools, out)
}

/// A finished streamed run as a renderer: the spools assembled into the output once.
pub struct Assembled<'a> {
    spooler: std::cell::RefCell<Option<Spooler<'a>>>,
    stamp: Stamp,
    notices: Vec<Notice>,
}

impl<'a> Assembled<'a> {
    pub fn new(spooler: Spooler<'a>, stamp: Stamp, notices: Vec<Notice>) -> Self {
        Assembled {
            spooler: std::cell::RefCell::new(Some(spooler)),
            stamp,
            notices,
        }
    }
}

impl super::Render for Assembled<'_> {
    fn render(&self, _m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        let spooler = self.spooler.borrow_mut().take();
        match spooler {
            Some(s) => s.finish(&self.stamp, &self.notices, out),
            None => Err(io::Error::other(
                "the streamed results were already written",
            )),
        }
    }
}
