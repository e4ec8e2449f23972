//! Notes of diffs, plans and roll-ups that say when results come from a set outside its
//! years or from sets that changed between two years, in each language (the catalogue's
//! methods of the same names call these).

use super::Lang;
use crate::engine::rollup::{Incomplete, RollupValue};

/// A set applied to years of data in which it was not in force.
pub(super) fn projected(lang: Lang, set: &str, validity: &str, years: &[i32]) -> String {
    let years: Vec<String> = years.iter().map(i32::to_string).collect();
    let years = years.join(", ");
    match lang {
        Lang::Vi => format!(
            "Lưu ý: {set} (hiệu lực {validity}) được áp dụng cho số liệu năm {years}, khi chưa hoặc không còn hiệu lực: kết quả theo bộ này ở những năm đó chỉ là giả định."
        ),
        Lang::En => format!(
            "Note: {set} (in force {validity}) is applied to data of {years}, when it was not in force: its results for those years are a projection."
        ),
    }
}

/// A plan's header: the years whose values are the baseline and the current ones.
pub(super) fn data_years(lang: Lang, baseline: i32, current: i32) -> String {
    match (lang, baseline == current) {
        (Lang::Vi, true) => format!(
            "Số liệu dùng: năm {baseline} (năm gốc; năm mục tiêu chưa có số liệu, giá trị hiện tại là của năm gốc)"
        ),
        (Lang::Vi, false) => format!("Số liệu dùng: năm gốc {baseline}, hiện tại {current}"),
        (Lang::En, true) => format!(
            "Data used: {baseline} (the baseline; the target year has no data, current values are the baseline's)"
        ),
        (Lang::En, false) => format!("Data used: baseline {baseline}, current {current}"),
    }
}

/// Two years judged by different sets.
pub(super) fn set_change(lang: Lang, baseline: i32, from: &str, current: i32, to: &str) -> String {
    match lang {
        Lang::Vi => format!(
            "Lưu ý: bộ tiêu chí đã thay đổi — năm {baseline} đánh giá theo {from}, năm {current} theo {to}; số đạt và số tổng hợp của hai năm tính theo hai bộ khác nhau."
        ),
        Lang::En => format!(
            "Note: the rule set changed — {baseline} is judged under {from}, {current} under {to}; the two years' counts and aggregates come from different sets."
        ),
    }
}

/// "1 unit", "3 units".
fn units_en(n: usize) -> String {
    if n == 1 {
        "1 unit".into()
    } else {
        format!("{n} units")
    }
}

/// What a roll-up counted: its units, and each kind of unit counted otherwise or left out.
pub(super) fn rollup_note(lang: Lang, v: &RollupValue) -> String {
    let vi = lang == Lang::Vi;
    let mut parts = vec![if vi {
        format!("{} đơn vị", v.units)
    } else {
        units_en(v.units)
    }];
    let n = v.incomplete_units;
    if n > 0 {
        parts.push(match (vi, v.incomplete) {
            (true, Incomplete::Exclude) => format!("{n} đơn vị thiếu dữ liệu không tính"),
            (true, Incomplete::Partial) => {
                format!("{n} đơn vị thiếu dữ liệu tính theo số tiêu chí đã rõ")
            }
            (false, Incomplete::Exclude) => format!("{} without enough data left out", units_en(n)),
            (false, Incomplete::Partial) => format!(
                "{} without enough data counted at their known criteria",
                units_en(n)
            ),
        });
    }
    let n = v.counted_as_recognised;
    if n > 0 {
        parts.push(if vi {
            format!("{n} đơn vị đã được công nhận tính đủ tiêu chí")
        } else {
            format!(
                "{} recognised, counted as meeting every criterion",
                units_en(n)
            )
        });
    }
    let n = v.recognised_only_units;
    if n > 0 {
        parts.push(if vi {
            let names = super::recognised_only(&v.recognised_only, "ngày", |k| {
                format!(" và {k} đơn vị khác")
            });
            format!("trong đó {n} đơn vị không có bản ghi năm này, tính theo quyết định công nhận: {names}")
        } else {
            let names = super::recognised_only(&v.recognised_only, "of", |k| format!(" and {k} more"));
            format!("of which {n} without a record for the year, counted from their recognition: {names}")
        });
    }
    let n = v.no_result_units;
    if n > 0 {
        parts.push(if vi {
            format!("{n} đơn vị không có bản ghi năm này không tính")
        } else {
            format!("{} without a record for the year left out", units_en(n))
        });
    }
    // Units counted from what a record published rather than from each criterion, or on
    // fewer criteria: "N đơn vị …" / "N units …".
    let counted_otherwise = [
        (
            v.count_only_units,
            "chỉ có số tiêu chí đạt",
            "with a count of criteria only",
        ),
        (
            v.not_applicable_units,
            "có tiêu chí không áp dụng, tính trên các tiêu chí áp dụng",
            "with criteria not applicable, counted on those that apply",
        ),
        (
            v.partial_list_units,
            "theo danh sách công bố một phần (số tiêu chí đạt và các tiêu chí được nêu tên)",
            "from a partial published list (a count and the criteria it names)",
        ),
    ];
    for (n, vi_words, en_words) in counted_otherwise.into_iter().filter(|x| x.0 > 0) {
        parts.push(if vi {
            format!("{n} đơn vị {vi_words}")
        } else {
            format!("{} {en_words}", units_en(n))
        });
    }
    parts.join("; ")
}
