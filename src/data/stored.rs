//! A record's cell typed once, as the file is read: against the one type the rule
//! library gives its field, so evaluation reads numbers, not text to re-read for every
//! rule set, record and what-if run. A cell that does not read as its type keeps its
//! error (reported only when a set that reads the field applies); a field no set types,
//! or that sets type differently, keeps its cell as written.

use crate::core::diag::Span;
use crate::core::number::NumberFormat;
use crate::core::text::Shared;
use crate::core::value::{type_cell, type_text, Cell, CellError, FieldType, Scalar, Value};
use std::collections::HashMap;

/// The type each field has in every rule set of a library; a field typed differently by
/// two sets is absent (its cells stay as written and each set types them).
#[derive(Clone, Debug, Default)]
pub struct FieldTypes {
    types: HashMap<String, FieldType>,
}

impl FieldTypes {
    /// From every set's field dictionary (field id, type).
    pub fn new<'a>(fields: impl IntoIterator<Item = (&'a str, FieldType)>) -> FieldTypes {
        let mut seen: HashMap<String, Option<FieldType>> = HashMap::new();
        for (id, ty) in fields {
            seen.entry(id.to_string())
                .and_modify(|t| {
                    if *t != Some(ty) {
                        *t = None;
                    }
                })
                .or_insert(Some(ty));
        }
        FieldTypes {
            types: seen
                .into_iter()
                .filter_map(|(k, t)| t.map(|t| (k, t)))
                .collect(),
        }
    }

    pub fn get(&self, field: &str) -> Option<FieldType> {
        self.types.get(field).copied()
    }

    /// A cell as stored: typed when the field has one type, else as written.
    pub fn store(&self, field: &str, cell: Cell, format: NumberFormat) -> Stored {
        store_as(self.get(field), cell, format)
    }
}

/// A cell as stored for a field of type `ty` (its `FieldTypes::get`).
fn store_as(ty: Option<FieldType>, cell: Cell, format: NumberFormat) -> Stored {
    match ty {
        None => Stored::raw(cell),
        Some(ty) => match type_cell(&cell, ty, format) {
            Ok(v) => Stored::typed_as(v, ty),
            Err(error) => Stored::Invalid(Box::new((cell, error))),
        },
    }
}

/// A cell written as `text` (a CSV cell) stored as `FieldTypes::store` stores
/// `Cell::Text(text)` for a field of type `ty` (its `FieldTypes::get`, found once a
/// column): a number, count or yes/no without allocating.
pub(crate) fn store_text(ty: Option<FieldType>, text: &str, format: NumberFormat) -> Stored {
    match ty.and_then(|t| Some(Stored::typed_as(type_text(text, t, format)?, t))) {
        Some(s) => s,
        None => store_as(ty, Cell::Text(text.to_string()), format),
    }
}

/// One cell of a record, typed once; 16 bytes (a national dataset holds millions).
#[derive(Clone, Debug, PartialEq)]
pub enum Stored {
    /// A number or a percent (the type it was read as).
    Number(f64, FieldType),
    /// A count.
    Count(i64),
    Bool(bool),
    Text(Box<String>),
    /// Not readable as the field's type: the cell as written and why.
    Invalid(Box<(Cell, CellError)>),
    /// As written: no single type was known when it was read.
    Raw(Box<Cell>),
}

impl Stored {
    pub fn raw(cell: Cell) -> Stored {
        Stored::Raw(Box::new(cell))
    }

    /// A value read as type `ty`.
    fn typed_as(v: Value, ty: FieldType) -> Stored {
        match v {
            Value::Number(x) => Stored::Number(x, ty),
            Value::Int(i) => Stored::Count(i),
            Value::Bool(b) => Stored::Bool(b),
            Value::Text(t) => Stored::Text(Box::new(t)),
        }
    }

    /// The value as a field of type `ty` reads it (the stored one when `ty` is the type it
    /// was read as; otherwise typed again from what was stored).
    pub fn typed(&self, ty: FieldType, format: NumberFormat) -> Result<Value, CellError> {
        match (self, ty) {
            (Stored::Number(x, t), _) if *t == ty => Ok(Value::Number(*x)),
            (Stored::Count(i), FieldType::Count) => Ok(Value::Int(*i)),
            (Stored::Bool(b), FieldType::Bool) => Ok(Value::Bool(*b)),
            (Stored::Text(t), FieldType::Text) => Ok(Value::Text(String::clone(t))),
            (Stored::Invalid(b), _) if b.1.ty == ty => Err(b.1.clone()),
            (Stored::Invalid(b), _) => type_cell(&b.0, ty, format),
            (Stored::Raw(c), _) => type_cell(c, ty, format),
            _ => type_cell(&self.cell(), ty, format),
        }
    }

    /// The cell as written (a typed value written back), for messages and text readers.
    pub fn cell(&self) -> Cell {
        Cell::Scalar(match self {
            Stored::Number(x, _) => Scalar::Float(*x),
            Stored::Count(i) => Scalar::Int(*i),
            Stored::Bool(b) => Scalar::Bool(*b),
            Stored::Text(t) => Scalar::Text(String::clone(t)),
            Stored::Invalid(b) => return b.0.clone(),
            Stored::Raw(c) => return Cell::clone(c),
        })
    }
}

/// A field's stored cell and where it was written.
#[derive(Clone, Debug)]
pub struct Entry {
    pub field: Shared<str>,
    pub stored: Stored,
    pub span: Span,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn types() -> FieldTypes {
        FieldTypes::new([
            ("ty_le", FieldType::Percent),
            ("so_ho", FieldType::Count),
            ("both", FieldType::Count),
            ("both", FieldType::Number),
        ])
    }

    #[test]
    fn text_is_stored_as_its_cell_would_be() {
        let texts = [
            "0",
            "7",
            "-3",
            "+4",
            "007",
            "12,5",
            "12.5",
            "0,126",
            "1.234",
            "1,234",
            "0,234",
            "1234,5",
            "1.234,5",
            "1,234.5",
            "12,34,5",
            "85,5%",
            "85,5 %",
            "100%",
            "%",
            "-",
            ",5",
            "5,",
            "1e5",
            "inf",
            "NaN",
            " 3 ",
            "12,50",
            "9007199254740993",
            "99999999999999999999999999999999999999999999999999999",
            "1,5e3",
            "2023-01-01",
            "có",
            "Có",
            "không",
            "KHÔNG",
            "x",
            "đạt",
            "chưa đạt",
            "Chưa  đạt",
            "yes",
            "1",
            "",
            " ",
            "maybe",
            "Thôn  Na\u{0300}",
            "٣",
            "１２",
            "12.345.678",
            "12.34.5",
        ];
        let tys = [
            FieldType::Number,
            FieldType::Percent,
            FieldType::Count,
            FieldType::Bool,
            FieldType::Text,
        ];
        let formats = [NumberFormat::Vi, NumberFormat::En, NumberFormat::Auto];
        for text in texts {
            for format in formats {
                for ty in tys.map(Some).into_iter().chain([None]) {
                    let cell = Cell::Text(text.to_string());
                    let want = store_as(ty, cell, format);
                    assert_eq!(
                        store_text(ty, text, format),
                        want,
                        "{text:?} {ty:?} {format:?}"
                    );
                }
            }
        }
        // The quick path did read the common forms.
        let vi = NumberFormat::Vi;
        assert_eq!(
            type_text("12,5", FieldType::Number, vi),
            Some(Value::Number(12.5))
        );
        assert_eq!(type_text("1.234", FieldType::Count, vi), None);
    }

    #[test]
    fn cells_are_typed_once_and_retyped_only_for_another_type() {
        let t = types();
        let s = t.store("ty_le", Cell::Text("12,5".into()), NumberFormat::Vi);
        assert_eq!(s, Stored::Number(12.5, FieldType::Percent));
        assert_eq!(std::mem::size_of::<Stored>(), 16);
        assert_eq!(
            s.typed(FieldType::Percent, NumberFormat::Vi),
            Ok(Value::Number(12.5))
        );
        assert!(s.typed(FieldType::Count, NumberFormat::Vi).is_err());
        // Typed differently by two sets: kept as written.
        let raw = t.store("both", Cell::Text("7".into()), NumberFormat::Vi);
        assert_eq!(raw, Stored::raw(Cell::Text("7".into())));
        assert_eq!(
            raw.typed(FieldType::Count, NumberFormat::Vi),
            Ok(Value::Int(7))
        );
        // Not a count: the error is kept, and given again to a reader of that type.
        let bad = t.store("so_ho", Cell::Text("7,5".into()), NumberFormat::Vi);
        assert!(matches!(bad, Stored::Invalid(_)));
        assert!(bad.typed(FieldType::Count, NumberFormat::Vi).is_err());
        assert_eq!(
            bad.typed(FieldType::Number, NumberFormat::Vi),
            Ok(Value::Number(7.5))
        );
    }
}
