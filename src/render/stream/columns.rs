//! A CSV group's columns (criterion ids in order of first appearance) and each
//! result's marks placed in them. A result's criteria are found among the columns by
//! the address of their shared info — compared as a number, never read through — so
//! the thread placing results does not read each criterion's info (a read that waited
//! on the core that made it, whose results keep changing the info's reference count).
//! An info's id is read once, the first time its address is met.

use crate::report::UnitResult;
use crate::rules::{CriterionInfo, Shared};

/// What a result's criteria are keyed by, written after its row by the core that
/// rendered it: each criterion's info address (8 bytes), then each one's mark byte.
pub(super) fn push_keys(out: &mut Vec<u8>, r: &UnitResult) {
    for c in &r.criteria {
        let at = Shared::as_ptr(&c.info) as usize as u64;
        out.extend_from_slice(&at.to_le_bytes());
    }
    for c in &r.criteria {
        out.push(crate::render::annex_csv::mark_of(c.status));
    }
}

/// Bytes of one criterion's key: its address and its mark.
const KEY: usize = 9;

#[derive(Default)]
pub(super) struct Columns {
    /// Criterion ids in order of first appearance: the group's CSV columns.
    pub ids: Vec<String>,
    /// Infos met: address, column, and the info itself, held so that no other info
    /// can take its address while the group lives.
    known: Vec<(usize, u32, Shared<CriterionInfo>)>,
    /// The previous result's addresses and their columns (most results have the same
    /// criteria as the one before).
    last: Vec<u8>,
    last_columns: Vec<u32>,
}

impl Columns {
    /// `r`'s marks (keyed by `keys`, made from `r` by [`push_keys`]) into `out`: their
    /// count, then each one's column and mark.
    pub(super) fn marks(&mut self, r: &UnitResult, keys: &[u8], out: &mut Vec<u8>) {
        let n = keys.len() / KEY;
        let (addresses, marks) = keys.split_at(n * 8);
        if addresses != self.last.as_slice() {
            self.map(r, addresses);
        }
        crate::render::annex_csv::push_marks(out, &self.last_columns, marks);
    }

    /// The columns of a result's criteria, a new id taking the next column.
    fn map(&mut self, r: &UnitResult, addresses: &[u8]) {
        self.last_columns.clear();
        for (i, a) in addresses.chunks_exact(8).enumerate() {
            let at = a.try_into().map_or(0, u64::from_le_bytes) as usize;
            let column = match self.known.iter().find(|k| k.0 == at) {
                Some(k) => k.1,
                None => {
                    // The keys were made from this result: one criterion per key.
                    let Some(c) = r.criteria.get(i) else { break };
                    let column = match self.ids.iter().position(|id| *id == c.id) {
                        Some(p) => p,
                        None => {
                            self.ids.push(c.id.clone());
                            self.ids.len() - 1
                        }
                    } as u32;
                    self.known.push((at, column, Shared::clone(&c.info)));
                    column
                }
            };
            self.last_columns.push(column);
        }
        self.last.clear();
        self.last.extend_from_slice(addresses);
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
        let mut columns = Columns::default();
        let mut placed = Vec::new();
        for r in &rows {
            let (mut keys, mut marks) = (Vec::new(), Vec::new());
            push_keys(&mut keys, r);
            columns.marks(r, &keys, &mut marks);
            placed.push(marks);
        }
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
}
