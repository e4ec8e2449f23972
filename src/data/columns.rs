//! What each column of a records table holds, from its header: a field, a declared
//! criterion status, a count, the unit, its parent, the year (English, Vietnamese or
//! an annex as printed; `tables: … columns:` renames first).

use crate::core::diag::{Diagnostic, Diagnostics, Span};
use crate::core::problem::{ColumnRole, TableProblem};
use crate::core::text::{name_key, norm};
use std::collections::BTreeMap;

/// What a column holds once its header is mapped.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Col {
    Unit,
    Parent,
    Year,
    ReportedTotal,
    /// A published unit-level verdict ("Kết luận" of a published list).
    PublishedVerdict,
    /// Criteria counted at one level (`count:co_ban_dat`).
    Count(String),
    /// Criteria named as met (`criteria_met`, true) or not met (`criteria_not_met`).
    Listed(bool),
    Ignore,
    Declared(String),
    Field(crate::core::text::Shared<str>),
}

pub(crate) fn classify(name: &str) -> Col {
    let n = norm(name);
    match n.as_str() {
        "unit" => Col::Unit,
        "parent" => Col::Parent,
        "year" => Col::Year,
        "reported_total" => Col::ReportedTotal,
        "published_verdict" => Col::PublishedVerdict,
        "criteria_met" => Col::Listed(true),
        "criteria_not_met" => Col::Listed(false),
        "ignore" | "" => Col::Ignore,
        _ => match (n.strip_prefix("declared:"), n.strip_prefix("count:")) {
            (Some(c), _) => Col::Declared(c.trim().to_string()),
            (None, Some(l)) => Col::Count(l.trim().to_string()),
            (None, None) => Col::Field(n.into()),
        },
    }
}

/// The criterion number heading an annex column: `1`, `1.`, `19.1`, `1. Quy hoạch`,
/// `TC 1`.
fn criterion_number(header: &str) -> Option<String> {
    let h = header.trim();
    let h = h
        .strip_prefix("TC")
        .or_else(|| h.strip_prefix("Tiêu chí"))
        .map(str::trim_start)
        .unwrap_or(h);
    let end = h
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(h.len());
    let num = h[..end].trim_end_matches('.');
    let rest = h[end..].trim_start();
    let starts_ok = num.chars().next().is_some_and(|c| c.is_ascii_digit());
    let sep_ok = end == h.len()
        || h[end..].starts_with(|c: char| c.is_whitespace() || matches!(c, ':' | ')' | '-'))
        || h[..end].ends_with('.');
    (starts_ok && sep_ok && (rest.is_empty() || !rest.starts_with(|c: char| c.is_ascii_digit())))
        .then(|| num.to_string())
}

/// Columns of an annex as printed (both languages), by their header.
pub(crate) fn classify_annex(header: &str, have_unit: bool) -> Col {
    let k = name_key(header);
    match k.as_str() {
        "tt" | "stt" | "no." | "no" | "số tt" => Col::Ignore,
        "tên thôn/xã" | "tên thôn" | "đơn vị" | "tên đơn vị" | "unit" | "thôn" | "tên thôn, xã"
            if !have_unit =>
        {
            Col::Unit
        }
        "tên xã" | "xã" if !have_unit => Col::Unit,
        "thuộc" | "tên xã" | "xã" | "parent" | "thuộc xã" => Col::Parent,
        "năm" | "year" => Col::Year,
        "tổng số tiêu chí đạt" | "báo cáo" | "tổng báo cáo" | "reported" | "tổng số" => {
            Col::ReportedTotal
        }
        "các tiêu chí chưa đạt" | "tiêu chí chưa đạt" | "criteria not met" => {
            Col::Listed(false)
        }
        "các tiêu chí đạt" | "các tiêu chí đã đạt" | "tiêu chí đã đạt" | "criteria met" => {
            Col::Listed(true)
        }
        "kết luận công bố" | "kết quả công bố" | "published verdict" => {
            Col::PublishedVerdict
        }
        _ => match criterion_number(header) {
            Some(n) => Col::Declared(n),
            None => Col::Ignore,
        },
    }
}

/// Headers of a units table, English or Vietnamese.
pub(crate) fn unit_key(header: &str) -> String {
    let k = name_key(header);
    match k.as_str() {
        "mã" | "mã đơn vị" | "mã số" => "id".into(),
        "tên" | "tên đơn vị" => "name".into(),
        "loại" | "cấp" | "loại đơn vị" => "kind".into(),
        "thuộc" | "đơn vị cấp trên" | "cấp trên" => "parent".into(),
        "tên khác" | "tên gọi khác" => "aliases".into(),
        _ => k,
    }
}

fn col_role(c: &Col) -> ColumnRole {
    match c {
        Col::Unit => ColumnRole::Unit,
        Col::Parent => ColumnRole::Parent,
        Col::Year => ColumnRole::Year,
        Col::ReportedTotal => ColumnRole::ReportedTotal,
        Col::PublishedVerdict => ColumnRole::PublishedVerdict,
        Col::Count(l) => ColumnRole::Count(l.to_string()),
        Col::Listed(met) => ColumnRole::Listed(*met),
        Col::Ignore => ColumnRole::Ignore,
        Col::Declared(d) => ColumnRole::Declared(d.to_string()),
        Col::Field(f) => ColumnRole::Field(f.to_string()),
    }
}

/// Each header classified; two columns that mean the same thing are refused (which
/// one would win is a guess).
pub(crate) fn columns(
    headers: &[String],
    renames: &BTreeMap<String, String>,
    annex: bool,
    header_span: &Span,
    diags: &mut Diagnostics,
) -> Option<Vec<Col>> {
    let mut cols: Vec<Col> = Vec::new();
    for h in headers {
        let c = match renames.get(&name_key(h)) {
            Some(v) => classify(v),
            None if annex => classify_annex(h, cols.contains(&Col::Unit)),
            None => classify(h),
        };
        cols.push(c);
    }
    for (i, c) in cols.iter().enumerate() {
        if *c == Col::Ignore {
            continue;
        }
        if let Some(j) = cols[..i].iter().position(|d| d == c) {
            diags.push(Diagnostic::error(
                header_span.clone(),
                TableProblem::DuplicateColumn {
                    first: crate::core::diag::column_letters(j + 1),
                    first_header: headers[j].trim().to_string(),
                    second: crate::core::diag::column_letters(i + 1),
                    second_header: headers[i].trim().to_string(),
                    holds: col_role(c),
                },
            ));
            return None;
        }
    }
    Some(cols)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn criterion_numbers_head_annex_columns() {
        assert_eq!(criterion_number("1"), Some("1".into()));
        assert_eq!(criterion_number("1. Quy hoạch"), Some("1".into()));
        assert_eq!(criterion_number("19.1 An ninh"), Some("19.1".into()));
        assert_eq!(criterion_number("TC 5"), Some("5".into()));
        assert_eq!(criterion_number("Kết luận"), None);
        assert_eq!(criterion_number("2020"), Some("2020".into()));
    }
}
