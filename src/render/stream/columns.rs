//! A CSV group's columns (criterion ids in order of first appearance) and each
//! result's marks placed in them. A result's criteria are found among the columns by
//! the address of their shared info — compared as a number, never read through — so
//! the thread placing results reads neither the results nor their infos (reads that
//! waited on the core that made them, whose results keep changing the infos' reference
//! counts), and each result is freed by the core that made it. The core that renders
//! a result hands the spooler each info it meets for the first time in the run
//! ([`announce`]); the spooler holds them ([`Learned`]), so no other info can take their
//! address while it lives, and reads an info's id once. A summary's rule set entries
//! are handed on the same way, keyed by the set and its results' criteria.

use crate::report::doc::RulesetEntry;
use crate::report::UnitResult;
use crate::rules::{CriterionInfo, Shared};
use std::cell::RefCell;
use std::io;

/// What a result's criteria are keyed by, written after its row by the core that
/// rendered it: each criterion's info address (8 bytes), then each one's mark byte.
pub(super) fn push_keys(out: &mut Vec<u8>, r: &UnitResult) {
    for c in &r.criteria {
        out.extend_from_slice(&(address(&c.info) as u64).to_le_bytes());
    }
    for c in &r.criteria {
        out.push(crate::render::annex_csv::mark_of(c.status));
    }
}

fn address(info: &Shared<CriterionInfo>) -> usize {
    Shared::as_ptr(info) as usize
}

/// Bytes of one criterion's key: its address and its mark.
pub(super) const KEY: usize = 9;

/// The addresses of a result's keys.
fn addresses(keys: &[u8]) -> &[u8] {
    &keys[..keys.len() / KEY * 8]
}

/// Infos met so far, and the previous result's addresses (most results have the same
/// criteria as the one before: nothing to look for).
#[derive(Default)]
struct Met {
    last: Vec<u8>,
    seen: Vec<usize>,
}

impl Met {
    /// The infos of `r`'s criteria (keyed by `keys`) not met before.
    fn new_infos<'r>(&mut self, r: &'r UnitResult, keys: &[u8]) -> Vec<&'r Shared<CriterionInfo>> {
        let addresses = addresses(keys);
        if addresses == self.last.as_slice() {
            return Vec::new();
        }
        let mut new = Vec::new();
        for c in &r.criteria {
            let at = address(&c.info);
            if !self.seen.contains(&at) {
                self.seen.push(at);
                new.push(&c.info);
            }
        }
        self.last.clear();
        self.last.extend_from_slice(addresses);
        new
    }
}

/// (Summary) the rule sets met so far, each with its results' criteria (their
/// addresses); the previous result's first.
#[derive(Default)]
struct SetsMet {
    last: Option<(String, Vec<u8>)>,
    seen: Vec<(String, Vec<u8>)>,
}

impl SetsMet {
    fn is_new(&mut self, ruleset: &str, addresses: &[u8]) -> bool {
        let same = |(s, a): &(String, Vec<u8>)| s == ruleset && a.as_slice() == addresses;
        if self.last.as_ref().is_some_and(same) {
            return false;
        }
        let seen = self.seen.iter().any(same);
        if !seen {
            self.seen.push((ruleset.to_string(), addresses.to_vec()));
        }
        self.last = Some((ruleset.to_string(), addresses.to_vec()));
        !seen
    }
}

/// What a core hands on to the spooler with a result, once per run: a CSV criterion's
/// info (for its id), or a summary's rule set entry as results with these criteria
/// (`addresses`) give it.
pub enum Handed {
    Info(Shared<CriterionInfo>),
    Entry {
        ruleset: String,
        addresses: Vec<u8>,
        entry: RulesetEntry,
    },
}

thread_local! {
    /// Per core: the renderer it last rendered for, and what it met there.
    static ANNOUNCED: RefCell<(u64, Met, SetsMet)> = RefCell::default();
}

/// What of `r` (keyed by `keys`) this core has not handed on yet for renderer `run` (a
/// number no other renderer has), into `out`: new criteria infos for a CSV (`csv`),
/// else a new rule set entry. Every result a core renders comes to the spooler in the
/// chunk it was rendered in or a later one, and the spooler learns a chunk's handed
/// things before placing its results.
pub(super) fn announce(run: u64, csv: bool, r: &UnitResult, keys: &[u8], out: &mut Vec<Handed>) {
    ANNOUNCED.with_borrow_mut(|(seen_run, met, sets)| {
        if *seen_run != run {
            *seen_run = run;
            *met = Met::default();
            *sets = SetsMet::default();
        }
        if csv {
            out.extend(
                met.new_infos(r, keys)
                    .into_iter()
                    .cloned()
                    .map(Handed::Info),
            );
        } else if sets.is_new(&r.ruleset, addresses(keys)) {
            out.push(Handed::Entry {
                ruleset: r.ruleset.clone(),
                addresses: addresses(keys).to_vec(),
                entry: RulesetEntry::of(r),
            });
        }
    });
}

/// What the spooler has learned from the cores, held while it lives (an info held
/// keeps its address its own).
#[derive(Default)]
pub(super) struct Learned {
    infos: Vec<(usize, Shared<CriterionInfo>)>,
    entries: Vec<(String, Vec<u8>, RulesetEntry)>,
    met: Met,
}

impl Learned {
    pub(super) fn learn(&mut self, h: &Handed) {
        match h {
            Handed::Info(info) => {
                let at = address(info);
                if !self.infos.iter().any(|(a, _)| *a == at) {
                    self.infos.push((at, Shared::clone(info)));
                }
            }
            Handed::Entry {
                ruleset,
                addresses,
                entry,
            } => self
                .entries
                .push((ruleset.clone(), addresses.clone(), entry.clone())),
        }
    }

    /// Learn the criteria infos of a result rendered on this thread.
    pub(super) fn learn_from(&mut self, r: &UnitResult, keys: &[u8]) {
        let new: Vec<Handed> = (self.met.new_infos(r, keys).into_iter())
            .map(|i| Handed::Info(Shared::clone(i)))
            .collect();
        new.iter().for_each(|h| self.learn(h));
    }

    fn id(&self, at: usize) -> Option<&str> {
        let held = self.infos.iter().find(|(a, _)| *a == at);
        held.map(|(_, info)| info.id.as_str())
    }

    /// The entry of `ruleset` as its results with these criteria (`keys`) give it.
    pub(super) fn entry(&self, ruleset: &str, keys: &[u8]) -> io::Result<&RulesetEntry> {
        let addresses = addresses(keys);
        (self.entries.iter())
            .find(|(s, a, _)| s == ruleset && a.as_slice() == addresses)
            .map(|(_, _, e)| e)
            .ok_or_else(|| io::Error::other("a rule set's entry was not handed to the spooler"))
    }
}

#[derive(Default)]
pub(super) struct Columns {
    /// Criterion ids in order of first appearance: the group's CSV columns.
    pub ids: Vec<String>,
    /// Info addresses met, with their column.
    known: Vec<(usize, u32)>,
    /// The previous result's addresses and their columns.
    last: Vec<u8>,
    last_columns: Vec<u32>,
}

impl Columns {
    /// A result's marks (keyed by `keys`, made by [`push_keys`]) into `out`: their
    /// count, then each one's column and mark.
    pub(super) fn marks(
        &mut self,
        infos: &Learned,
        keys: &[u8],
        out: &mut Vec<u8>,
    ) -> io::Result<()> {
        let (addresses, marks) = keys.split_at(addresses(keys).len());
        if addresses != self.last.as_slice() {
            self.map(infos, addresses)?;
        }
        crate::render::annex_csv::push_marks(out, &self.last_columns, marks);
        Ok(())
    }

    /// The columns of a result's criteria, a new id taking the next column.
    fn map(&mut self, infos: &Learned, addresses: &[u8]) -> io::Result<()> {
        self.last.clear();
        self.last_columns.clear();
        for a in addresses.chunks_exact(8) {
            let at = a.try_into().map_or(0, u64::from_le_bytes) as usize;
            let column = match self.known.iter().find(|k| k.0 == at) {
                Some(k) => k.1,
                None => {
                    let id = infos.id(at).ok_or_else(|| {
                        io::Error::other("a criterion's info was not handed to the spooler")
                    })?;
                    let column = match self.ids.iter().position(|x| x == id) {
                        Some(p) => p,
                        None => {
                            self.ids.push(id.to_string());
                            self.ids.len() - 1
                        }
                    } as u32;
                    self.known.push((at, column));
                    column
                }
            };
            self.last_columns.push(column);
        }
        self.last.extend_from_slice(addresses);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::summary_json::tests::{criterion, nothing};
    use crate::report::{CriterionResult, Status};

    fn result(criteria: &[&CriterionResult]) -> UnitResult {
        let mut r = nothing();
        r.criteria = criteria.iter().map(|c| (*c).clone()).collect();
        r
    }

    /// Columns are ids in order of first appearance, whichever info (one per worker)
    /// names them; each result's marks go to its criteria's columns.
    #[test]
    fn criteria_find_their_columns_by_id_whatever_info_names_them() {
        let (a, b) = (
            criterion("a", Status::Met, None),
            criterion("b", Status::NotMet, None),
        );
        // Another worker's infos for the same criteria, and a criterion met later.
        let (b2, c) = (
            criterion("b", Status::Met, None),
            criterion("c", Status::Missing, None),
        );
        let rows = [
            result(&[&a, &b]),
            result(&[&a, &b]),
            result(&[&b2, &c]),
            result(&[&c, &a]),
        ];
        // Rendered on this thread and handed on as the spooler's cores do.
        let (mut columns, mut infos) = (Columns::default(), Learned::default());
        let mut placed = Vec::new();
        for r in &rows {
            let (mut keys, mut marks, mut new) = (Vec::new(), Vec::new(), Vec::new());
            push_keys(&mut keys, r);
            announce(u64::MAX, true, r, &keys, &mut new);
            new.iter().for_each(|i| infos.learn(i));
            columns.marks(&infos, &keys, &mut marks).unwrap();
            placed.push(marks);
        }
        // A core hands each info on once.
        let mut again = Vec::new();
        announce(u64::MAX, true, &rows[3], &[], &mut again);
        assert_eq!(again.len(), 0);
        // An info never handed on is an error, not a column.
        let stray = criterion("d", Status::Met, None);
        let mut keys = Vec::new();
        push_keys(&mut keys, &result(&[&stray]));
        assert!(columns.marks(&infos, &keys, &mut Vec::new()).is_err());
        assert_eq!(columns.ids, ["a", "b", "c"]);
        let mark = |s| crate::render::annex_csv::mark_of(s);
        let expect = |cells: &[(u32, Status)]| {
            let mut out = (cells.len() as u32).to_le_bytes().to_vec();
            for (col, s) in cells {
                out.extend_from_slice(&col.to_le_bytes());
                out.push(mark(*s));
            }
            out
        };
        assert_eq!(placed[0], expect(&[(0, Status::Met), (1, Status::NotMet)]));
        assert_eq!(placed[1], placed[0]);
        assert_eq!(placed[2], expect(&[(1, Status::Met), (2, Status::Missing)]));
        assert_eq!(placed[3], expect(&[(2, Status::Missing), (0, Status::Met)]));
    }

    /// A summary's rule set entry is handed on once per set and criteria, and found
    /// by them; one never handed on is an error.
    #[test]
    fn a_rule_set_entry_is_handed_on_once_and_found_by_its_criteria() {
        let (a, b) = (
            criterion("a", Status::Met, None),
            criterion("b", Status::NotMet, None),
        );
        let (first, same, other) = (result(&[&a, &b]), result(&[&a, &b]), result(&[&a]));
        let keys = |r: &UnitResult| {
            let mut k = Vec::new();
            push_keys(&mut k, r);
            k
        };
        let mut learned = Learned::default();
        let mut handed = Vec::new();
        for r in [&first, &same, &first] {
            announce(u64::MAX - 1, false, r, &keys(r), &mut handed);
        }
        assert_eq!(handed.len(), 1);
        handed.iter().for_each(|h| learned.learn(h));
        let entry = learned.entry(&first.ruleset, &keys(&same)).unwrap();
        assert_eq!(entry.criteria.len(), 2);
        assert_eq!(entry.title, first.ruleset_title);
        assert!(learned.entry(&other.ruleset, &keys(&other)).is_err());
        assert!(learned.entry("another set", &keys(&first)).is_err());
    }
}
