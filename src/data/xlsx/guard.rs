//! A workbook's size once unpacked, checked on the sizes its archive declares before
//! the workbook reader opens it: a zip bomb is refused with the file and the limit
//! instead of filling memory. The unpacker (zip) holds every part to its declared size.

use crate::core::diag::{Diagnostic, Span};
use crate::core::limits::MAX_XLSX_UNPACKED_MB;
use crate::core::problem::TableProblem;
use std::io::Cursor;
use std::path::Path;

const MB: u64 = 1024 * 1024;

/// `Err` when the parts of the workbook in `bytes` unpack to more than the limit. An
/// archive that cannot be read is left to the workbook reader, which says so.
pub(super) fn unpacked_size_ok(file: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        if let Ok(part) = zip.by_index_raw(i) {
            total = total.saturating_add(part.size());
        }
    }
    if total <= MAX_XLSX_UNPACKED_MB * MB {
        return Ok(());
    }
    Err(Diagnostic::error(
        Span::file_only(file),
        TableProblem::XlsxUnpacked {
            mb: total.div_ceil(MB),
            limit_mb: MAX_XLSX_UNPACKED_MB,
        },
    ))
}
