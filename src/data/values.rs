//! A record's values: its row of a table's block (CSV, `block.rs`) and the values it
//! holds itself (YAML records, cells of other files merged in, derived values), each a
//! cell typed once as read (`stored.rs`).

use super::block::{Block, BlockCell, BlockPlace};
pub use super::stored::{Entry, FieldTypes, Stored};
use crate::core::diag::Span;
use crate::core::text::Shared;
use std::borrow::Cow;
use std::sync::Arc;

/// A record's value for a field, as found: in the record's row of its table, or among
/// the values it holds itself.
pub struct Found<'a> {
    pub field: &'a Shared<str>,
    pub stored: Cow<'a, Stored>,
    place: Place<'a>,
}

enum Place<'a> {
    Span(&'a Span),
    Block(BlockPlace<'a>),
}

impl Found<'_> {
    /// Where the value is written.
    pub fn span(&self) -> Span {
        match &self.place {
            Place::Span(s) => (*s).clone(),
            Place::Block(b) => b.span(),
        }
    }

    pub fn to_entry(&self) -> Entry {
        Entry {
            field: self.field.clone(),
            stored: self.stored.clone().into_owned(),
            span: self.span(),
        }
    }
}

impl<'a> From<&'a Entry> for Found<'a> {
    fn from(e: &'a Entry) -> Self {
        Found {
            field: &e.field,
            stored: Cow::Borrowed(&e.stored),
            place: Place::Span(&e.span),
        }
    }
}

impl<'a> From<BlockCell<'a>> for Found<'a> {
    fn from(c: BlockCell<'a>) -> Self {
        Found {
            field: c.field,
            stored: c.stored,
            place: Place::Block(c.span),
        }
    }
}

/// A record's row in its table's block.
#[derive(Clone, Debug)]
enum Row {
    /// While the table is read: the row's index in the block being filled.
    Pending(u32),
    In(Arc<Block>, u32),
}

/// A record's values: its row of a table's block (CSV), and values it holds itself
/// (YAML records, cells of other files merged in, derived values), sorted by field; a
/// value held itself comes first.
#[derive(Clone, Debug, Default)]
pub struct Values {
    row: Option<Row>,
    own: Vec<Entry>,
}

impl Values {
    fn find(&self, field: &str) -> Result<usize, usize> {
        self.own.binary_search_by(|e| (*e.field).cmp(field))
    }

    fn block(&self) -> Option<(&Block, u32)> {
        match &self.row {
            Some(Row::In(b, r)) => Some((b, *r)),
            _ => None,
        }
    }

    pub fn get(&self, field: &str) -> Option<Found<'_>> {
        if let Ok(i) = self.find(field) {
            return Some(Found::from(&self.own[i]));
        }
        let (b, r) = self.block()?;
        b.cell(r, b.column_of(field)?).map(Found::from)
    }

    pub fn contains_key(&self, field: &str) -> bool {
        self.get(field).is_some()
    }

    /// Add or replace a field's cell.
    pub fn insert(&mut self, e: Entry) {
        match self.find(&e.field) {
            Ok(i) => self.own[i] = e,
            Err(i) => self.own.insert(i, e),
        }
    }

    /// Every value, sorted by field.
    pub fn iter(&self) -> impl Iterator<Item = Found<'_>> {
        let block = self.block();
        let width = block.map_or(0, |(b, _)| b.width());
        let mut from_block = (0..width)
            .filter_map(move |c| block.and_then(|(b, r)| b.cell(r, c)))
            .peekable();
        let mut own = self.own.iter().peekable();
        std::iter::from_fn(move || {
            use std::cmp::Ordering;
            let order = match (own.peek(), from_block.peek()) {
                (None, None) => return None,
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (Some(o), Some(b)) => (*o.field).cmp(&**b.field),
            };
            if order == Ordering::Equal {
                from_block.next(); // the record's own value stands
            }
            if order == Ordering::Greater {
                from_block.next().map(Found::from)
            } else {
                own.next().map(Found::from)
            }
        })
    }

    /// Every value as an entry of its own (to merge a record into another).
    pub fn into_entries(self) -> Vec<Entry> {
        match self.row {
            None => self.own,
            Some(_) => self.iter().map(|f| f.to_entry()).collect(),
        }
    }

    /// The values of row `row` of the block being filled for their table.
    pub(crate) fn in_block(row: u32) -> Values {
        Values {
            row: Some(Row::Pending(row)),
            own: Vec::new(),
        }
    }

    /// Point a record packed into a block at it, once the block is complete.
    pub(crate) fn attach(&mut self, block: &Arc<Block>) {
        if let Some(Row::Pending(r)) = self.row {
            self.row = Some(Row::In(Arc::clone(block), r));
        }
    }
}

impl FromIterator<Entry> for Values {
    fn from_iter<I: IntoIterator<Item = Entry>>(iter: I) -> Self {
        let mut entries: Vec<Entry> = iter.into_iter().collect();
        // Later entries of a field replace earlier ones, as inserting them one by one would.
        entries.reverse();
        entries.sort_by(|a, b| a.field.cmp(&b.field));
        entries.dedup_by(|later, earlier| later.field == earlier.field);
        entries.shrink_to_fit();
        Values {
            row: None,
            own: entries,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::value::{Cell, Scalar};

    #[test]
    fn values_are_sorted_and_later_cells_replace_earlier_ones() {
        let e = |f: &str, x: i64| Entry {
            field: f.into(),
            stored: Stored::Count(x),
            span: Span::file_only("a.csv"),
        };
        let v: Values = [e("b", 1), e("a", 2), e("b", 3)].into_iter().collect();
        let got: Vec<(String, Cell)> = v
            .iter()
            .map(|e| (e.field.to_string(), e.stored.cell()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("a".to_string(), Cell::Scalar(Scalar::Int(2))),
                ("b".to_string(), Cell::Scalar(Scalar::Int(3)))
            ]
        );
        assert!(v.contains_key("a") && !v.contains_key("c"));
    }
}
