//! The values of a CSV table held by column position, 16 bytes a cell: numbers, counts
//! and yes/no in place, anything else (texts, invalid or untyped cells) boxed aside. A
//! record read from the table points at its row; places (line, column) are kept as
//! numbers and made into a `Span` only when a message or a report needs one. A national
//! dataset holds millions of cells: a map entry with a field name, a cell and a span
//! each cost about eight times as much.

use super::stored::{Entry, Stored};
use crate::core::diag::Span;
use crate::core::text::Shared;
use crate::core::value::FieldType;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tag {
    Empty,
    Number,
    Count,
    Bool,
    /// `bits` is an index into `Block::boxed`.
    Boxed,
}

/// One cell: its value's bits, its column in the file, what the bits hold.
#[derive(Clone, Copy, Debug)]
struct Packed {
    bits: u64,
    column: u32,
    tag: Tag,
    ty: FieldType,
}

const EMPTY: Packed = Packed {
    bits: 0,
    column: 0,
    tag: Tag::Empty,
    ty: FieldType::Number,
};

/// A table's values: rows × fields (sorted), with each row's line.
#[derive(Debug)]
pub struct Block {
    file: Arc<Path>,
    fields: Vec<Shared<str>>,
    cells: Vec<Packed>,
    lines: Vec<u32>,
    boxed: Vec<Stored>,
}

/// A cell of a block, found.
pub(crate) struct BlockCell<'a> {
    pub field: &'a Shared<str>,
    pub stored: Cow<'a, Stored>,
    pub span: BlockPlace<'a>,
}

/// Where a block's cell is written, made into a `Span` on demand.
#[derive(Clone, Copy)]
pub(crate) struct BlockPlace<'a> {
    file: &'a Arc<Path>,
    line: u32,
    column: u32,
}

impl BlockPlace<'_> {
    pub(crate) fn span(&self) -> Span {
        Span {
            file: Arc::clone(self.file),
            line: self.line as usize,
            column: self.column as usize,
        }
    }
}

impl Block {
    /// The field's column, by binary search over the sorted names.
    pub(crate) fn column_of(&self, field: &str) -> Option<usize> {
        self.fields.binary_search_by(|f| (**f).cmp(field)).ok()
    }

    pub(crate) fn width(&self) -> usize {
        self.fields.len()
    }

    /// Row `row`'s cell of column `col`, unless it is empty.
    pub(crate) fn cell(&self, row: u32, col: usize) -> Option<BlockCell<'_>> {
        let p = self.cells.get(row as usize * self.width() + col)?;
        let stored = match p.tag {
            Tag::Empty => return None,
            Tag::Number => Cow::Owned(Stored::Number(f64::from_bits(p.bits), p.ty)),
            Tag::Count => Cow::Owned(Stored::Count(p.bits as i64)),
            Tag::Bool => Cow::Owned(Stored::Bool(p.bits != 0)),
            Tag::Boxed => Cow::Borrowed(self.boxed.get(p.bits as usize)?),
        };
        Some(BlockCell {
            field: &self.fields[col],
            stored,
            span: BlockPlace {
                file: &self.file,
                line: self.lines.get(row as usize).copied().unwrap_or(0),
                column: p.column,
            },
        })
    }
}

/// A block being filled, row by row, as a table is read.
pub(crate) struct BlockBuilder {
    block: Block,
    index: HashMap<Shared<str>, usize>,
}

impl BlockBuilder {
    /// A block for `file` whose rows may hold `fields` (the table's value columns).
    pub(crate) fn new(file: &Path, fields: impl IntoIterator<Item = Shared<str>>) -> Self {
        let mut fields: Vec<Shared<str>> = fields.into_iter().collect();
        fields.sort();
        fields.dedup();
        let index = fields
            .iter()
            .enumerate()
            .map(|(i, f)| (f.clone(), i))
            .collect();
        BlockBuilder {
            block: Block {
                file: Arc::from(file),
                fields,
                cells: Vec::new(),
                lines: Vec::new(),
                boxed: Vec::new(),
            },
            index,
        }
    }

    /// A new row holding `entries` when they all fit (fields of the block, one line of
    /// its file); its index, or the entries back when they do not.
    pub(crate) fn push(&mut self, entries: Vec<Entry>) -> Result<u32, Vec<Entry>> {
        let line = entries.first().map_or(0, |e| e.span.line);
        let fits = entries.iter().all(|e| {
            e.span.line == line
                && *e.span.file == *self.block.file
                && self.index.contains_key(&e.field)
                && u32::try_from(e.span.column).is_ok()
        });
        let (Ok(row), Ok(line32)) = (u32::try_from(self.block.lines.len()), u32::try_from(line))
        else {
            return Err(entries);
        };
        if !fits {
            return Err(entries);
        }
        let width = self.block.width();
        let start = self.block.cells.len();
        self.block.cells.resize(start + width, EMPTY);
        for e in entries {
            let col = self.index[&e.field];
            let column = e.span.column as u32;
            self.block.cells[start + col] = self.pack(e.stored, column);
        }
        self.block.lines.push(line32);
        Ok(row)
    }

    fn pack(&mut self, stored: Stored, column: u32) -> Packed {
        let (bits, tag, ty) = match stored {
            Stored::Number(x, ty) => (x.to_bits(), Tag::Number, ty),
            Stored::Count(i) => (i as u64, Tag::Count, FieldType::Count),
            Stored::Bool(b) => (u64::from(b), Tag::Bool, FieldType::Bool),
            other => {
                self.block.boxed.push(other);
                (
                    (self.block.boxed.len() - 1) as u64,
                    Tag::Boxed,
                    FieldType::Text,
                )
            }
        };
        Packed {
            bits,
            column,
            tag,
            ty,
        }
    }

    pub(crate) fn finish(mut self) -> Arc<Block> {
        self.block.cells.shrink_to_fit();
        self.block.boxed.shrink_to_fit();
        Arc::new(self.block)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_is_sixteen_bytes_and_comes_back_as_stored() {
        assert_eq!(std::mem::size_of::<Packed>(), 16);
        let at = Span::new("a.csv", 3, 0);
        let entry = |f: &str, stored, column| Entry {
            field: f.into(),
            stored,
            span: at.at(3, column),
        };
        let mut b = BlockBuilder::new(Path::new("a.csv"), ["x".into(), "t".into(), "n".into()]);
        let row = b.push(vec![
            entry("x", Stored::Number(1.5, FieldType::Percent), 5),
            entry("t", Stored::Text(Box::new("có".into())), 9),
        ]);
        assert_eq!(row.ok(), Some(0));
        // Another file's cell does not fit: the entries come back.
        let other = Entry {
            field: "x".into(),
            stored: Stored::Count(1),
            span: Span::new("b.csv", 4, 1),
        };
        assert!(b.push(vec![other]).is_err());
        let block = b.finish();
        let x = block.cell(0, block.column_of("x").unwrap()).unwrap();
        assert_eq!(*x.stored, Stored::Number(1.5, FieldType::Percent));
        assert_eq!(x.span.span().to_string(), "a.csv:3:5");
        let t = block.cell(0, block.column_of("t").unwrap()).unwrap();
        assert_eq!(*t.stored, Stored::Text(Box::new("có".into())));
        assert!(block.cell(0, block.column_of("n").unwrap()).is_none());
    }
}
