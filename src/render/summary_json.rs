//! A result in summary detail (JSON and JSON Lines), written field by field in the
//! layout serde_json gives [`SummaryResult`]: pretty (two spaces a level, nested at a
//! given depth) or compact. Why not serde: a national summary is two gigabytes of
//! results, and serde spent about as long writing them as evaluating them (every key
//! escaped, a criteria list built for every result, each value through a generic
//! formatter). The type stays the reference: the schema is generated from it, the
//! rarer parts of a result (partial counts, levels, scores, recognition, findings) are
//! still written by serde, and tests compare this writer with serde's output of
//! `SummaryResult` byte for byte on every fixture and on a result that has every part.

use super::Catalog;
use crate::report::doc::Worded;
use crate::report::{Basis, CriterionResult, Status, UnitRef, UnitResult};
use serde::Serialize;
use std::io::{self, Write};

/// How a summary result is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// serde_json's pretty layout, every line after the first `level` levels deeper.
    Pretty { level: usize },
    /// serde_json's compact layout (JSON Lines), closed with the line's `type`.
    Line,
}

/// Summary results in one layout. The bytes after a criterion's id are the same for
/// most criteria of most results (a few statuses, no level): they are written once per
/// combination when the writer is made, by the same code, and copied in one piece.
pub struct SummaryWriter {
    layout: Layout,
    /// By [`tail_index`]: a criterion's fields after its id, and its closing bracket.
    tails: Vec<Box<[u8]>>,
}

const STATUSES: [Status; 4] = [
    Status::Met,
    Status::NotMet,
    Status::Missing,
    Status::NotApplicable,
];
const BASES: [Basis; 4] = [Basis::Computed, Basis::Declared, Basis::None, Basis::Merged];

/// The depth of a criterion's object in a result (result, criteria, criterion).
const CRITERION_DEPTH: usize = 3;

impl SummaryWriter {
    pub fn new(layout: Layout) -> SummaryWriter {
        let size = STATUSES.len() * BASES.len() * 5 * 5 * 2;
        let mut tails = vec![Box::default(); size];
        let options = || std::iter::once(None).chain(STATUSES.map(Some));
        for status in STATUSES {
            for basis in BASES {
                for computed in options() {
                    for declared in options() {
                        for unverified in [false, true] {
                            let c = CriterionStatuses {
                                status,
                                basis,
                                computed,
                                declared,
                                unverified,
                            };
                            let mut bytes = Vec::new();
                            let mut out = Out::new(&mut bytes, layout);
                            out.level += CRITERION_DEPTH;
                            out.first = false;
                            criterion_tail(&mut out, &c);
                            out.close(b'}');
                            tails[c.index()] = bytes.into_boxed_slice();
                        }
                    }
                }
            }
        }
        SummaryWriter { layout, tails }
    }

    /// `r` after `buf`'s bytes; findings worded by `m`.
    pub fn write(&self, buf: &mut Vec<u8>, m: &dyn Catalog, r: &UnitResult) -> io::Result<()> {
        let mut out = Out::new(buf, self.layout);
        out.open(b'{');
        out.key("unit");
        unit(&mut out, &r.unit);
        out.key("year");
        out.display(r.year);
        out.key("ruleset");
        out.str(&r.ruleset);
        body(&mut out, r)?;
        out.key("criteria");
        self.criteria(&mut out, &r.criteria)?;
        end(&mut out, m, r)?;
        if self.layout == Layout::Line {
            out.key("type");
            out.str("result");
        }
        out.close(b'}');
        Ok(())
    }

    /// Each criterion's status (`SummaryCriterion`).
    fn criteria(&self, out: &mut Out<'_>, criteria: &[CriterionResult]) -> io::Result<()> {
        out.open(b'[');
        for c in criteria {
            out.item();
            out.open(b'{');
            out.key("id");
            out.str(&c.id);
            let statuses = CriterionStatuses::of(c);
            match &c.level {
                None => {
                    out.buf.extend_from_slice(&self.tails[statuses.index()]);
                    out.level -= 1;
                }
                Some(l) => {
                    criterion_tail(out, &statuses);
                    out.key("level");
                    out.serde(l)?;
                    out.close(b'}');
                }
            }
        }
        out.close(b']');
        Ok(())
    }
}

/// What a criterion's summary says besides its id and level.
struct CriterionStatuses {
    status: Status,
    basis: Basis,
    computed: Option<Status>,
    declared: Option<Status>,
    unverified: bool,
}

impl CriterionStatuses {
    fn of(c: &CriterionResult) -> Self {
        CriterionStatuses {
            status: c.status,
            basis: c.basis,
            computed: c.computed,
            declared: c.declared,
            unverified: c.unverified,
        }
    }

    /// Its place among the tails.
    fn index(&self) -> usize {
        let opt = |s: Option<Status>| s.map_or(0, |s| s as usize + 1);
        let i = (self.status as usize * BASES.len() + self.basis as usize) * 5;
        ((i + opt(self.computed)) * 5 + opt(self.declared)) * 2 + usize::from(self.unverified)
    }
}

/// A criterion's fields after its id, but its level.
fn criterion_tail(out: &mut Out<'_>, c: &CriterionStatuses) {
    out.key("status");
    out.str(c.status.code());
    out.key("basis");
    out.str(c.basis.code());
    out.key("computed");
    out.opt_str(c.computed.map(|s| s.code()));
    out.key("declared");
    out.opt_str(c.declared.map(|s| s.code()));
    out.key("unverified");
    out.bool(c.unverified);
}

/// What a result says of its unit between its set and its criteria (`ResultBody`).
fn body(out: &mut Out<'_>, r: &UnitResult) -> io::Result<()> {
    out.key("region");
    out.opt_str(r.region.as_deref());
    if let Some(g) = &r.group {
        out.key("group");
        out.str(g);
    }
    out.key("stage");
    out.str(r.stage.code());
    out.key("document");
    out.str(&r.document);
    out.key("met");
    out.display(r.met);
    out.key("total");
    out.display(r.total);
    out.key("verdict");
    out.str(r.verdict.code());
    out.key("reported_total");
    match r.reported_total {
        Some(t) => out.display(t),
        None => out.null(),
    }
    if let Some(v) = &r.published_verdict {
        out.key("published_verdict");
        out.str(v);
    }
    if let Some(p) = &r.partial {
        out.key("partial");
        out.serde(p)?;
    }
    out.key("unverified");
    out.bool(r.unverified);
    if let Some(w) = r.weakest_source {
        out.key("weakest_source");
        out.str(w.code());
    }
    out.key("provenance");
    out.opt_str(r.provenance.map(|p| p.code()));
    if let Some(l) = &r.level {
        out.key("level");
        out.serde(l)?;
    }
    if !r.counts.is_empty() {
        out.key("counts");
        out.serde(&r.counts)?;
    }
    if !r.levels.is_empty() {
        out.key("levels");
        out.serde(&r.levels)?;
    }
    if r.count_only {
        out.key("count_only");
        out.bool(true);
    }
    if !r.parts.is_empty() {
        out.key("parts");
        out.serde(&r.parts)?;
    }
    Ok(())
}

fn unit(out: &mut Out<'_>, u: &UnitRef) {
    out.open(b'{');
    out.key("id");
    out.str(&u.id);
    out.key("name");
    out.str(&u.name);
    out.key("kind");
    out.str(u.kind.code());
    out.key("parent");
    out.opt_str(u.parent.as_deref());
    if let Some(p) = &u.parent_name {
        out.key("parent_name");
        out.str(p);
    }
    out.close(b'}');
}

/// Score, recognition, findings with their messages (`ResultEnd`).
fn end(out: &mut Out<'_>, m: &dyn Catalog, r: &UnitResult) -> io::Result<()> {
    if let Some(s) = &r.scoring {
        out.key("scoring");
        out.serde(s)?;
    }
    if let Some(rc) = &r.recognition {
        out.key("recognition");
        out.serde(rc)?;
    }
    out.key("findings");
    out.open(b'[');
    for f in &r.findings {
        out.item();
        out.serde(&Worded {
            item: f,
            message: m.finding(f),
        })?;
    }
    out.close(b']');
    Ok(())
}

/// serde_json's layout, by hand: where the next key or item goes, indentation.
struct Out<'o> {
    buf: &'o mut Vec<u8>,
    pretty: bool,
    /// Depth of the innermost open object or array.
    level: usize,
    /// Nothing written yet in the innermost open object or array.
    first: bool,
}

/// Indentation of up to 64 levels in one piece.
const SPACES: [u8; 128] = [b' '; 128];

impl<'o> Out<'o> {
    fn new(buf: &'o mut Vec<u8>, layout: Layout) -> Out<'o> {
        Out {
            buf,
            pretty: matches!(layout, Layout::Pretty { .. }),
            level: match layout {
                Layout::Pretty { level } => level,
                Layout::Line => 0,
            },
            first: true,
        }
    }

    fn open(&mut self, bracket: u8) {
        self.buf.push(bracket);
        self.level += 1;
        self.first = true;
    }

    /// The innermost object or array closed: it is a value of the one around it, which
    /// is therefore not empty.
    fn close(&mut self, bracket: u8) {
        self.level -= 1;
        if self.pretty && !self.first {
            self.buf.push(b'\n');
            self.indent();
        }
        self.buf.push(bracket);
        self.first = false;
    }

    fn indent(&mut self) {
        let n = self.level * 2;
        match SPACES.get(..n) {
            Some(s) => self.buf.extend_from_slice(s),
            None => self.buf.resize(self.buf.len() + n, b' '),
        }
    }

    /// Before an array's item.
    fn item(&mut self) {
        if !self.first {
            self.buf.push(b',');
        }
        if self.pretty {
            self.buf.push(b'\n');
            self.indent();
        }
        self.first = false;
    }

    /// An object's key, its value to follow.
    fn key(&mut self, k: &str) {
        self.item();
        self.str(k);
        self.buf
            .extend_from_slice(if self.pretty { b": " } else { b":" });
    }

    fn str(&mut self, s: &str) {
        escape_into(self.buf, s);
    }

    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.null(),
        }
    }

    fn null(&mut self) {
        self.buf.extend_from_slice(b"null");
    }

    fn bool(&mut self, b: bool) {
        self.buf
            .extend_from_slice(if b { b"true" } else { b"false" });
    }

    /// An integer, as serde_json writes it (its decimal digits).
    fn display(&mut self, n: impl std::fmt::Display) {
        // Writing into a Vec cannot fail.
        let _ = write!(self.buf, "{n}");
    }

    /// A value written by serde, in the same layout at the same depth.
    fn serde<T: Serialize + ?Sized>(&mut self, v: &T) -> io::Result<()> {
        if self.pretty {
            super::json_nested::write(self.buf, v, self.level)
        } else {
            serde_json::to_writer(&mut *self.buf, v).map_err(io::Error::from)
        }
    }
}

/// `s` as a JSON string, escaped as serde_json escapes it: `"` and `\`, the control
/// characters (`\b \f \n \r \t` by name, the others as `\u00XX`); nothing else.
fn escape_into(buf: &mut Vec<u8>, s: &str) {
    buf.push(b'"');
    let bytes = s.as_bytes();
    let mut from = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b >= 0x20 && b != b'"' && b != b'\\' {
            continue;
        }
        buf.extend_from_slice(&bytes[from..i]);
        match b {
            b'"' => buf.extend_from_slice(b"\\\""),
            b'\\' => buf.extend_from_slice(b"\\\\"),
            0x08 => buf.extend_from_slice(b"\\b"),
            0x0c => buf.extend_from_slice(b"\\f"),
            b'\n' => buf.extend_from_slice(b"\\n"),
            b'\r' => buf.extend_from_slice(b"\\r"),
            b'\t' => buf.extend_from_slice(b"\\t"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let code = [
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[usize::from(b >> 4)],
                    HEX[usize::from(b & 0xf)],
                ];
                buf.extend_from_slice(&code);
            }
        }
        from = i + 1;
    }
    buf.extend_from_slice(&bytes[from..]);
    buf.push(b'"');
}

#[cfg(test)]
pub(crate) mod tests;
