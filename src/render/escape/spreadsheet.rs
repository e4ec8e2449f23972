//! Text for a spreadsheet (CSV for Excel, the fill-in sheet): a cell Excel would read
//! as a formula starts with `'` (OWASP, CSV injection). Plain machine CSV keeps data as
//! it is and does not use this.

/// Text for Excel that Excel would read as a formula (`=`, `+`, `-`, `@`, or a tab or
/// carriage return first) starts with `'`, so that it stays the text it is.
pub fn excel_text(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::excel_text;

    #[test]
    fn a_cell_excel_would_compute_is_text() {
        for s in ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(excel_text(s), format!("'{s}"));
        }
        assert_eq!(excel_text("Nà Y"), "Nà Y");
        assert_eq!(excel_text("a=b"), "a=b");
    }
}
