//! The values of a CSV table held by column position, 16 bytes a cell: numbers, counts
//! and yes/no in place, anything else (texts, invalid or untyped cells) boxed aside. A
//! record read from the table points at its row; places (line, column) are kept as
//! numbers and made into a `Span` only when a message or a report needs one. A national
//! dataset holds millions of cells: a map entry with a field name, a cell and a span
//! each cost about eight times as much.

use super::stored::Stored;
use crate::core::diag::Span;
use crate::core::text::Shared;
use crate::core::value::FieldType;
use std::borrow::Cow;
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

/// How many of `n` items of `size` bytes to make room for ahead: an estimate (a CSV
/// text's rows from its first lines) that a file of blank lines could inflate, bounded.
pub(crate) fn room(n: usize, size: usize) -> usize {
    const AHEAD: usize = 64 << 20;
    n.min(AHEAD / size.max(1))
}

/// A block being filled, row by row, as a table is read: each value written straight
/// into its row at its column (found once a table, `column_of`).
pub(crate) struct BlockBuilder {
    block: Block,
    /// The row being written: where its cells and boxed values start, whether any is set.
    open: (usize, usize, bool),
}

impl BlockBuilder {
    /// A block for `file` whose rows may hold `fields` (the table's value columns), with
    /// room for about `rows` rows.
    pub(crate) fn new(
        file: &Path,
        fields: impl IntoIterator<Item = Shared<str>>,
        rows: usize,
    ) -> Self {
        let mut fields: Vec<Shared<str>> = fields.into_iter().collect();
        fields.sort();
        fields.dedup();
        let width = fields.len();
        BlockBuilder {
            block: Block {
                file: Arc::from(file),
                fields,
                cells: Vec::with_capacity(room(rows.saturating_mul(width), 16)),
                lines: Vec::with_capacity(room(rows, 4)),
                boxed: Vec::new(),
            },
            open: (0, 0, false),
        }
    }

    /// The block's column for `field`.
    pub(crate) fn column_of(&self, field: &str) -> Option<usize> {
        self.block.column_of(field)
    }

    /// Start a new row (ended by `end_row`).
    pub(crate) fn start_row(&mut self) {
        let start = self.block.cells.len();
        self.block.cells.resize(start + self.block.width(), EMPTY);
        self.open = (start, self.block.boxed.len(), false);
    }

    /// Set the row's value of block column `col`, written at `column` of its line.
    pub(crate) fn set(&mut self, col: usize, stored: Stored, column: usize) {
        // A line of more than 4 billion characters cannot be read (files are bounded).
        let packed = self.pack(stored, u32::try_from(column).unwrap_or(u32::MAX));
        self.block.cells[self.open.0 + col] = packed;
        self.open.2 = true;
    }

    /// End the row written at `line`: its index when it is kept and holds a value; a
    /// row left out (a refused cell) or without values is taken back.
    pub(crate) fn end_row(&mut self, line: usize, keep: bool) -> Option<u32> {
        let (start, boxed, filled) = std::mem::take(&mut self.open);
        let row = u32::try_from(self.block.lines.len()).ok();
        match (row, u32::try_from(line)) {
            (Some(row), Ok(line)) if keep && filled => {
                self.block.lines.push(line);
                Some(row)
            }
            _ => {
                self.block.cells.truncate(start);
                self.block.boxed.truncate(boxed);
                None
            }
        }
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
        let mut b = BlockBuilder::new(Path::new("a.csv"), ["x".into(), "t".into(), "n".into()], 2);
        let col = |b: &BlockBuilder, f: &str| b.column_of(f).unwrap();
        b.start_row();
        b.set(col(&b, "x"), Stored::Number(1.5, FieldType::Percent), 5);
        b.set(col(&b, "t"), Stored::Text(Box::new("có".into())), 9);
        assert_eq!(b.end_row(3, true), Some(0));
        // A row left out, or without values, is taken back.
        b.start_row();
        b.set(col(&b, "t"), Stored::Text(Box::new("không".into())), 2);
        assert_eq!(b.end_row(4, false), None);
        b.start_row();
        assert_eq!(b.end_row(5, true), None);
        b.start_row();
        b.set(col(&b, "n"), Stored::Count(7), 1);
        assert_eq!(b.end_row(6, true), Some(1));
        let block = b.finish();
        assert_eq!((block.cells.len(), block.boxed.len()), (6, 1));
        let x = block.cell(0, block.column_of("x").unwrap()).unwrap();
        assert_eq!(*x.stored, Stored::Number(1.5, FieldType::Percent));
        assert_eq!(x.span.span().to_string(), "a.csv:3:5");
        let t = block.cell(0, block.column_of("t").unwrap()).unwrap();
        assert_eq!(*t.stored, Stored::Text(Box::new("có".into())));
        assert!(block.cell(0, block.column_of("n").unwrap()).is_none());
        let n = block.cell(1, block.column_of("n").unwrap()).unwrap();
        assert_eq!(
            (n.span.span().to_string(), &*n.stored),
            ("a.csv:6:1".into(), &Stored::Count(7))
        );
    }
}
