//! The what-if page's form that saves the scenario as an amendment file (through
//! `/api/v1/amendment` and the script): the set amended, its first day, the document.

use super::api_amendment::default_from;
use super::pages_html::esc;
use super::state::Loaded;
use super::words::Label;
use ntm::render::Lang;
use std::fmt::Write as _;

/// The form for the sets whose thresholds the page shows (`sets`, in order, repeats
/// allowed), or nothing when there is none. Each set's first day proposed is
/// `default_from` (as the API's): the script moves to it when the set chosen changes, until the
/// date is edited by hand.
pub(crate) fn form<'a>(
    lang: Lang,
    l: &Loaded,
    year: i32,
    sets: impl Iterator<Item = &'a str>,
) -> String {
    let lib = l.project.library();
    let mut ids: Vec<&str> = Vec::new();
    for id in sets {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    let mut options = String::new();
    let mut first = None;
    for id in ids {
        let Some(set) = lib.sets.iter().find(|s| s.id == id) else {
            continue;
        };
        let from = default_from(year, set.valid_from);
        let selected = if first.is_none() { " selected" } else { "" };
        first.get_or_insert(from);
        let _ = write!(
            options,
            "<option value=\"{}\" data-from=\"{from}\"{selected}>{} — {}</option>",
            esc(id),
            esc(id),
            esc(&set.title)
        );
    }
    let Some(from) = first else {
        return String::new();
    };
    format!(
        "<form id=\"amendment\" class=\"bar\" novalidate><label for=\"am-amends\">{}</label> <select id=\"am-amends\" name=\"amends\">{options}</select> <label for=\"am-from\">{}</label> <input id=\"am-from\" name=\"from\" type=\"date\" value=\"{from}\" required> <label for=\"am-document\">{}</label> <input id=\"am-document\" name=\"document\" type=\"text\" placeholder=\"12/QĐ-UBND\"> <button type=\"submit\">{}</button></form><p class=\"muted\">{}</p><div id=\"amendment-result\" aria-live=\"polite\"></div>",
        Label::AmendedSet.text(lang),
        Label::ValidFrom.text(lang),
        Label::DocumentNumber.text(lang),
        Label::SaveAmendment.text(lang),
        esc(Label::AmendmentHelp.text(lang)),
    )
}
