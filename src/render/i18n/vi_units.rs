//! Vietnamese words for units over time: a set's end with its jurisdiction, a unit's
//! commune group (derived, or unknown and why).

use super::Catalog;
use crate::analysis::check::SetEnd;
use crate::report::FindingDetail;

pub(super) fn set_end(m: &dyn Catalog, e: &SetEnd) -> String {
    let by = match e.end.by {
        Some(k) => format!("sự kiện {} ở {}", m.event_kind(k), e.end.location),
        None => format!("valid_until của đơn vị ở {}", e.end.location),
    };
    let place = format!("{} ({}: {by})", e.jurisdiction, e.end.unit);
    match e.valid_until {
        Some(d) if d <= e.end.last_day => format!(
            "bộ {}: hết hiệu lực sau {d} (ngày ghi trong bộ), trước khi {place} chấm dứt sau {}",
            e.ruleset, e.end.last_day
        ),
        _ => format!(
            "bộ {}: hết áp dụng sau {}, ngày cuối của {place}",
            e.ruleset, e.end.last_day
        ),
    }
}

/// A group finding (`NoGroup`, `GroupDerived`).
pub(super) fn group_finding(m: &dyn Catalog, d: &FindingDetail) -> String {
    match d {
        FindingDetail::GroupDerived {
            group,
            source_level,
        } => format!(
            "đơn vị không ghi nhóm xã (`group`); theo cách phân nhóm bộ tiêu chí khai báo, thuộc nhóm {group} [{}]",
            m.source_level(*source_level)
        ),
        FindingDetail::NoGroup {
            ruleset,
            missing,
            matching,
        } if !matching.is_empty() => format!(
            "chưa rõ nhóm xã theo bộ {ruleset}: đơn vị khớp điều kiện của cả các nhóm {}, văn bản chưa cho biết nhóm nào được áp dụng; ghi thuộc tính `group` cho đơn vị{}",
            matching.join(", "),
            if missing.is_empty() { String::new() } else { format!(" (thiếu: {})", missing.join(", ")) }
        ),
        FindingDetail::NoGroup { ruleset, missing, .. } => format!(
            "chưa rõ nhóm xã theo bộ {ruleset}: đơn vị không ghi `group` và thiếu {} để suy ra nhóm; mọi ngưỡng theo nhóm đều thiếu dữ liệu cho đến khi có",
            missing.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", ")
        ),
        _ => String::new(),
    }
}

/// The heading of the units without a commune group.
pub(super) fn ungrouped_heading(n: usize) -> String {
    format!("Đơn vị chưa có nhóm xã ({n}):")
}

/// One unit without a commune group, with what is missing.
pub(super) fn ungrouped(u: &crate::analysis::pending::Ungrouped) -> String {
    let why = if u.matching.is_empty() {
        format!(
            "không ghi `group`, thiếu {} để suy ra nhóm",
            u.missing
                .iter()
                .map(|a| format!("`{a}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    } else {
        format!(
            "khớp cả các nhóm {}; cần ghi `group`",
            u.matching.join(", ")
        )
    };
    format!("{} {} ({}): {why}", u.ruleset, u.name, u.unit)
}

/// A name shared by units of different times, asked without a year (`unit-needs-year`).
pub(super) fn needs_year(
    name: &str,
    candidates: &[crate::core::problem::UnitYears],
) -> super::Said {
    super::Said::new(format!(
        "`{name}` là tên của các đơn vị ở những thời kỳ khác nhau: {}",
        years_list(candidates, ["từ", "đến", "mọi năm"])
    ))
    .help("ghi --year NĂM để chọn đơn vị có trong năm đó, hoặc dùng mã đơn vị")
}

/// The commune group a result applied (`explain`): the unit's own, derived, or unknown.
pub(super) fn group_line(
    m: &dyn Catalog,
    group: Option<&str>,
    derived: Option<crate::rules::model::SourceLevel>,
) -> String {
    group_words(
        m,
        group,
        derived,
        [
            "Nhóm xã",
            "chưa rõ (xem phần phát hiện)",
            "suy ra theo cách phân nhóm của bộ tiêu chí",
            "đơn vị không ghi `group`",
            "theo `group` của đơn vị",
        ],
    )
}

/// The group line in the words given: label, unknown, derived, no `group`, its own.
pub(super) fn group_words(
    m: &dyn Catalog,
    group: Option<&str>,
    derived: Option<crate::rules::model::SourceLevel>,
    words: [&str; 5],
) -> String {
    let [label, unknown, by_rule, no_group, own] = words;
    match (group, derived) {
        (None, _) => format!("{label}: {unknown}"),
        (Some(g), Some(l)) => format!(
            "{label}: {g} ({by_rule} [{}]; {no_group})",
            m.source_level(l)
        ),
        (Some(g), None) => format!("{label}: {g} ({own})"),
    }
}

/// Candidates with their years ("`id` Name (2020–2025)"), in the words given for
/// "from", "until" and "every year".
pub(super) fn years_list(
    candidates: &[crate::core::problem::UnitYears],
    words: [&str; 3],
) -> String {
    let [from, until, every] = words;
    candidates
        .iter()
        .map(|c| {
            let years = match (c.from, c.until) {
                (Some(f), Some(u)) => format!("{f}–{u}"),
                (Some(f), None) => format!("{from} {f}"),
                (None, Some(u)) => format!("{until} {u}"),
                (None, None) => every.to_string(),
            };
            format!("`{}` {} ({years})", c.id, c.name)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// `explain` of a unit of a kind no set judges that year (`no-result`).
pub(super) fn no_set_for_kind(
    name: &str,
    year: i32,
    kind: crate::core::units::UnitKind,
) -> super::Said {
    let kind = kind.code();
    super::Said::new(format!(
        "`{name}` năm {year} là {kind}: không có bộ tiêu chí {kind} nào có hiệu lực; không đánh giá"
    ))
    .help("đơn vị được đánh giá theo loại của nó trong năm (sau các sự kiện `reclassified` của lịch sử đơn vị)")
}
