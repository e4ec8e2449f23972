//! English words for units over time: a set's end with its jurisdiction, a unit's
//! commune group (derived, or unknown and why).

use super::Catalog;
use crate::analysis::check::SetEnd;
use crate::report::FindingDetail;

pub(super) fn set_end(m: &dyn Catalog, e: &SetEnd) -> String {
    let (set, last) = (&e.ruleset, e.end.last_day);
    let by = match e.end.by {
        Some(k) => format!("{} event at {}", m.event_kind(k), e.end.location),
        None => format!("the unit's valid_until at {}", e.end.location),
    };
    let place = format!("{} ({}: {by})", e.jurisdiction, e.end.unit);
    match e.valid_until {
        Some(d) if d <= last => {
            format!("set {set}: ends after {d} (its own date), before {place} ends after {last}")
        }
        _ => format!("set {set}: no longer applies after {last}, the last day of {place}"),
    }
}

/// A group finding (`NoGroup`, `GroupDerived`).
pub(super) fn group_finding(m: &dyn Catalog, d: &FindingDetail) -> String {
    match d {
        FindingDetail::GroupDerived {
            group,
            source_level,
        } => format!(
            "the unit has no commune group (`group`); by the set's declared grouping it is in group {group} [{}]",
            m.source_level(*source_level)
        ),
        FindingDetail::NoGroup {
            ruleset,
            missing,
            matching,
        } if !matching.is_empty() => format!(
            "commune group unknown for set {ruleset}: the unit meets the conditions of groups {} at once, and no source says which applies; give the unit a `group`{}",
            matching.join(", "),
            if missing.is_empty() { String::new() } else { format!(" (missing: {})", missing.join(", ")) }
        ),
        FindingDetail::NoGroup { ruleset, missing, .. } => format!(
            "commune group unknown for set {ruleset}: the unit has no `group` and lacks {} to derive it; every threshold by group is missing until they are given",
            missing.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", ")
        ),
        _ => String::new(),
    }
}

/// The heading of the units without a commune group.
pub(super) fn ungrouped_heading(n: usize) -> String {
    format!("Units without a commune group ({n}):")
}

/// One unit without a commune group, with what is missing.
pub(super) fn ungrouped(u: &crate::analysis::pending::Ungrouped) -> String {
    let why = if u.matching.is_empty() {
        format!(
            "no `group`, and lacks {} to derive it",
            u.missing
                .iter()
                .map(|a| format!("`{a}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    } else {
        format!(
            "meets groups {} at once; give it a `group`",
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
        "`{name}` names units of different times: {}",
        super::vi_units::years_list(candidates, ["from", "until", "every year"])
    ))
    .help("give --year YEAR to choose the unit that exists that year, or use the unit id")
}

/// The commune group a result applied (`explain`): the unit's own, derived, or unknown.
pub(super) fn group_line(
    m: &dyn Catalog,
    group: Option<&str>,
    derived: Option<crate::rules::model::SourceLevel>,
) -> String {
    super::vi_units::group_words(
        m,
        group,
        derived,
        [
            "Commune group",
            "unknown (see the findings)",
            "derived by the set's grouping rule",
            "the unit has no `group`",
            "the unit's `group`",
        ],
    )
}

/// `explain` of a unit of a kind no set judges that year (`no-result`).
pub(super) fn no_set_for_kind(
    name: &str,
    year: i32,
    kind: crate::core::units::UnitKind,
) -> super::Said {
    // The kind in English words, as the rest of the English catalogue names kinds.
    let kind = super::en_words::unit_kind(kind);
    super::Said::new(format!(
        "`{name}` is a {kind} in {year}: no criteria set for a {kind} is in force; not evaluated"
    ))
    .help("a unit is judged by its kind that year (after the `reclassified` events of the lineage)")
}
