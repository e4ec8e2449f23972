//! The inline SVG charts of the HTML report: the unit × criterion heat map, criteria
//! met per unit, and plan targets' progress, each labelled in the reader's words.

use crate::render::annex::{AnnexGroup, Mark};
use crate::render::escape::html::esc;
use crate::render::view::{progress, target_ok};
use crate::render::{Catalog, Word};
use crate::report::{Status, Verdict};
use std::fmt::Write as _;

pub(super) fn colour(s: Option<Status>) -> &'static str {
    match s {
        Some(Status::Met) => "#2e7d32",
        Some(Status::NotMet) => "#c62828",
        Some(Status::Missing) => "#f9a825",
        Some(Status::NotApplicable) => "#90a4ae",
        None => "#e0e0e0",
    }
}

/// The unit × criterion heat map of one annex group.
pub(super) fn heatmap(g: &AnnexGroup, m: &dyn Catalog) -> String {
    let (cell, left, top) = (24usize, 170usize, 28usize);
    let w = left + cell * g.criteria.len() + 10;
    let h = top + cell * g.rows.len() + 6;
    let mut s = format!(
        r#"<svg class="chart" data-chart="heatmap" role="img" viewBox="0 0 {w} {h}" width="{w}" height="{h}" xmlns="http://www.w3.org/2000/svg"><title>{}</title>"#,
        esc(m.word(Word::Heatmap))
    );
    for (j, (id, name)) in g.criteria.iter().enumerate() {
        let x = left + j * cell + cell / 2;
        let _ = write!(
            s,
            r#"<text x="{x}" y="{}" font-size="11" text-anchor="middle"><title>{}</title>{}</text>"#,
            top - 8,
            esc(&format!("{id}. {name}")),
            esc(id)
        );
    }
    for (i, row) in g.rows.iter().enumerate() {
        let y = top + i * cell;
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" font-size="12" text-anchor="end">{}</text>"#,
            left - 6,
            y + cell / 2 + 4,
            esc(&row.result.unit.name)
        );
        for (j, (id, name)) in g.criteria.iter().enumerate() {
            let x = left + j * cell;
            let mark = row.mark(id);
            let glyph = match mark {
                Mark::NotInSet => "",
                _ => mark.symbol(),
            };
            let tip = format!(
                "{} — {id}. {name}: {}",
                row.result.unit.name,
                mark.status().map(|s| m.status(s)).unwrap_or("—")
            );
            let _ = write!(
                s,
                r##"<rect x="{x}" y="{y}" width="{}" height="{}" rx="2" fill="{}"><title>{}</title></rect><text x="{}" y="{}" font-size="12" fill="#fff" text-anchor="middle">{glyph}</text>"##,
                cell - 2,
                cell - 2,
                colour(mark.status()),
                esc(&tip),
                x + cell / 2 - 1,
                y + cell / 2 + 4
            );
        }
    }
    s.push_str("</svg>");
    s
}

/// At most `n` characters, an ellipsis when cut.
fn short(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// Plan targets as progress bars towards what each requires, each under the target's
/// name (people read the plan's words, not its ids).
pub(super) fn plan_chart(p: &crate::analysis::plan::PlanReport, m: &dyn Catalog) -> String {
    let (left, width, bar, gap, line) = (10usize, 420usize, 18usize, 8usize, 16usize);
    let h = 10 + p.targets.len() * (line + bar + gap);
    let w = left + width + 260;
    let mut s = format!(
        r#"<svg class="chart" data-chart="plan" role="img" viewBox="0 0 {w} {h}" width="{w}" height="{h}" xmlns="http://www.w3.org/2000/svg"><title>{}</title>"#,
        esc(m.word(Word::Progress))
    );
    for (i, t) in p.targets.iter().enumerate() {
        let top = 5 + i * (line + bar + gap);
        let y = top + line;
        let share = if t.required.is_some() {
            progress(t.current, t.baseline, t.required)
        } else if t.units.is_empty() {
            None
        } else {
            let ok = t
                .units
                .iter()
                .filter(|u| u.status == Some(crate::analysis::plan::TargetStatus::Achieved))
                .count();
            Some(ok as f64 / t.units.len() as f64)
        };
        let fill = match target_ok(t.status) {
            Some(true) => "#2e7d32",
            Some(false) => "#c62828",
            None => "#9e9e9e",
        };
        let len = (share.unwrap_or(0.0) * width as f64).round() as usize;
        let label = format!(
            "{} — {}",
            share
                .map(|x| format!("{}%", m.number(x * 100.0)))
                .unwrap_or_else(|| "—".into()),
            m.target_status(t.status)
        );
        let _ = write!(
            s,
            r##"<text x="{left}" y="{}" font-size="12"><title>{}</title>{}</text><rect x="{left}" y="{y}" width="{width}" height="{bar}" fill="#eceff1"/><rect x="{left}" y="{y}" width="{len}" height="{bar}" fill="{fill}"><title>{}</title></rect><text x="{}" y="{}" font-size="12">{}</text>"##,
            top + 12,
            esc(&t.name),
            esc(&short(&t.name, 110)),
            esc(&t.name),
            left + width + 6,
            y + bar / 2 + 4,
            esc(&label)
        );
    }
    s.push_str("</svg>");
    s
}

/// Bars: criteria met per unit, out of the set's total.
pub(super) fn bars(g: &AnnexGroup, m: &dyn Catalog) -> String {
    let (left, width, bar, gap) = (170usize, 420usize, 18usize, 6usize);
    let h = 10 + g.rows.len() * (bar + gap);
    let w = left + width + 70;
    let mut s = format!(
        r#"<svg class="chart" data-chart="bars" role="img" viewBox="0 0 {w} {h}" width="{w}" height="{h}" xmlns="http://www.w3.org/2000/svg"><title>{}</title>"#,
        esc(m.word(Word::MetPerUnit))
    );
    for (i, row) in g.rows.iter().enumerate() {
        let r = row.result;
        let y = 5 + i * (bar + gap);
        let total = r.total.max(1);
        let len = width * r.met / total;
        let fill = match r.verdict {
            Verdict::Met => "#2e7d32",
            Verdict::NotMet => "#1565c0",
            Verdict::Incomplete => "#f9a825",
        };
        let _ = write!(
            s,
            r##"<text x="{}" y="{}" font-size="12" text-anchor="end">{}</text><rect x="{left}" y="{y}" width="{width}" height="{bar}" fill="#eceff1"/><rect x="{left}" y="{y}" width="{len}" height="{bar}" fill="{fill}"><title>{}</title></rect><text x="{}" y="{}" font-size="12">{}/{}</text>"##,
            left - 6,
            y + bar / 2 + 4,
            esc(&r.unit.name),
            esc(&format!(
                "{}: {}",
                r.unit.name,
                m.criteria_met(r.met, r.total)
            )),
            left + width + 6,
            y + bar / 2 + 4,
            r.met,
            r.total
        );
    }
    s.push_str("</svg>");
    s
}
