//! The stamp line closing every text output: engine version, how many rule and data
//! files were read, one SHA-256 over all their hashes, and the overrides used, so that a
//! printed result can be reproduced. (JSON outputs carry the full stamp.)

use crate::report::Stamp;
use sha2::{Digest, Sha256};

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

pub fn line(stamp: &Stamp) -> String {
    let overrides = if stamp.overrides.is_empty() {
        String::new()
    } else {
        format!("; giá trị giả định: {}", stamp.overrides.join(", "))
    };
    format!(
        "— {}; {} tệp quy tắc, {} tệp dữ liệu; SHA-256: {}{overrides}\n",
        stamp.engine,
        stamp.rules.len(),
        stamp.data.len(),
        digest(stamp)
    )
}
