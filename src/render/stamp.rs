//! The stamp closing every text output: engine version, how many rule and data files
//! were read, one SHA-256 over all their hashes, and the overrides used, so that a
//! printed result can be reproduced. (JSON outputs carry the full stamp.)

use super::{Catalog, Render};
use crate::report::Stamp;
use sha2::{Digest, Sha256};
use std::io::{self, Write};

/// SHA-256 over the sorted `path sha256` lines of every file read.
pub fn digest(stamp: &Stamp) -> String {
    let mut lines: Vec<String> = stamp
        .rules
        .iter()
        .chain(&stamp.data)
        .map(|f| format!("{} {}", f.path, f.sha256))
        .collect();
    lines.sort();
    let d = Sha256::digest(lines.join("\n").as_bytes());
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// The one-line stamp.
pub struct StampLine<'a>(pub &'a Stamp);

impl Render for StampLine<'_> {
    fn render(&self, m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{}", m.stamp(self.0, &digest(self.0)))
    }
}
