//! Pretty JSON written nested inside a larger document: serde_json's pretty layout (two
//! spaces a level) starting at a given depth, so that a result is written once, in
//! place, instead of pretty-printed and then copied to re-indent every line.

use serde::Serialize;
use serde_json::ser::Formatter;
use std::io::{self, Write};

/// `serde_json::ser::PrettyFormatter` with two spaces a level, from `level` on.
struct Nested {
    level: usize,
    has_value: bool,
}

const INDENT: &[u8] = b"  ";

/// Indentation of up to 64 levels written in one piece (a line per value of gigabytes of
/// JSON: two bytes at a time was most of writing it).
const SPACES: [u8; 128] = [b' '; 128];

impl Nested {
    fn indent<W: ?Sized + Write>(&self, w: &mut W) -> io::Result<()> {
        match SPACES.get(..self.level * INDENT.len()) {
            Some(spaces) => w.write_all(spaces),
            None => {
                for _ in 0..self.level {
                    w.write_all(INDENT)?;
                }
                Ok(())
            }
        }
    }

    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(bracket)
    }

    fn item<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }
}

impl Formatter for Nested {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// `v` as pretty JSON whose lines after the first are indented `level` levels deeper.
pub(super) fn write<T: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    v: &T,
    level: usize,
) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(
        out,
        Nested {
            level,
            has_value: false,
        },
    );
    v.serialize(&mut ser).map_err(io::Error::from)
}

#[cfg(test)]
mod tests {
    /// The same bytes as pretty-printing and indenting every line after the first.
    #[test]
    fn matches_pretty_printing_reindented() {
        let v = serde_json::json!({
            "a": [1, {"b": [], "c": {}}, [[]], "x\ny"],
            "d": {"e": null, "f": [true, false]},
            "g": []
        });
        for level in 0..3 {
            let pretty = serde_json::to_string_pretty(&v).unwrap();
            let pad = "  ".repeat(level);
            let want = pretty.replace('\n', &format!("\n{pad}"));
            let mut got = Vec::new();
            super::write(&mut got, &v, level).unwrap();
            assert_eq!(String::from_utf8(got).unwrap(), want);
        }
    }
}
