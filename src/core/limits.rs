//! Every limit ntm puts on its inputs, in one place (documented in `docs/limits.md`).
//! A limit that is hit is an error with a message naming it, never a silent cut.

/// Largest input file read (rule file, dataset, table, workbook, plan).
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;
/// Largest CSV table read: tables are read row by row and typed as they are read, so
/// memory grows with the values kept, not with the file (a 60 MB national CSV is read
/// within 1 GiB); the file itself is held once while it is read.
pub const MAX_CSV_BYTES: u64 = 1024 * 1024 * 1024;
/// Largest number of input files read in one run.
pub const MAX_FILES: usize = 10_000;
/// Most nodes (mappings, sequences, scalars) in one YAML document: a 12,000-unit
/// dataset with its records is about 300,000.
pub const MAX_YAML_NODES: usize = 4_000_000;
/// Most aliases (`*name`) and anchors in one YAML document: hand-written files use a
/// few, generated ones none; each may replay at most 100 events on average.
pub const MAX_YAML_ALIASES: usize = 1_000;
/// Deepest nesting in a YAML document (the YAML reader's own limit).
pub const MAX_YAML_DEPTH: usize = 64;
/// Years a record, table or plan may be about.
pub const MIN_YEAR: i32 = 1900;
pub const MAX_YEAR: i32 = 2200;
/// Largest magnitude of a count: beyond 2^53 a count can no longer be held exactly.
pub const MAX_COUNT: f64 = 9_007_199_254_740_992.0;
/// Most values in one `ntm sweep`.
pub const MAX_SWEEP_STEPS: usize = 10_000;
/// Deepest nesting of a parent chain (tỉnh → huyện → xã → thôn needs 4).
pub const MAX_PARENT_DEPTH: usize = 16;

/// Most cells a workbook sheet may span (rows × columns of its used range, as declared
/// by the sheet and as found): a 12,000-unit annex of 120 columns is 1.44 million.
/// Checked before anything is allocated for the sheet.
pub const MAX_XLSX_CELLS: u64 = 2_000_000;
/// Most bytes a workbook's parts may unpack to, all together (a 32 MB workbook of
/// ordinary data unpacks to about 200 MB): checked on the sizes the archive declares,
/// which the unpacker then holds each part to.
pub const MAX_XLSX_UNPACKED_MB: u64 = 256;

/// Most table rows `ntm gen` writes (units × years; the default country is 450,000):
/// the files are made in memory, so a larger request is refused before any work.
pub const MAX_GEN_ROWS: u64 = 2_000_000;

/// Most diagnostics of one kind (code and severity) shown as text; the rest are
/// counted in one line (all of them are in `--format json`).
pub const MAX_SHOWN_PER_KIND: usize = 10;

/// Whether `year` is a plausible year for the programme's data.
pub fn year_ok(year: i32) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&year)
}
