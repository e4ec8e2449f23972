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
