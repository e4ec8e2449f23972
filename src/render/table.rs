//! Results as a table in the layout of the plan's annex: one row per unit, one column
//! per criterion (✓ met, ✗ not met, ? no data), the count and the verdict. One table
//! per rule set and year, since criteria differ between sets.

use super::annex::{annex, verdict_text, AnnexGroup, Mark};
use super::{text_table, Catalog, Render, Word};
use crate::report::Report;
use std::io::{self, Write};

pub struct EvalTable<'a>(pub &'a Report);

impl Render for EvalTable<'_> {
    fn render(&self, m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        for g in annex(self.0, m) {
            writeln!(
                out,
                "{} — {} ({}), {} {}",
                g.ruleset,
                g.title,
                g.document,
                m.word(Word::Year),
                g.year
            )?;
            let t = group_table(&g, m);
            writeln!(out, "{t}")?;
            writeln!(
                out,
                "{} {}; {}: {}; {}",
                g.rows.len(),
                m.word(Word::Unit).to_lowercase(),
                m.word(Word::DatChuan),
                g.units_met(),
                m.word(Word::Legend)
            )?;
            if g.has_not_applicable() {
                writeln!(out, "{}", m.word(Word::LegendNotApplicable))?;
            }
            let mut levels: Vec<(String, usize)> = Vec::new();
            for r in g.rows.iter().map(|r| r.result) {
                if let Some(l) = r.scoring.as_ref().and_then(|s| s.level_label.clone()) {
                    match levels.iter_mut().find(|(x, _)| *x == l) {
                        Some(e) => e.1 += 1,
                        None => levels.push((l, 1)),
                    }
                }
            }
            if !levels.is_empty() {
                let parts: Vec<String> = levels.iter().map(|(l, n)| format!("{l}: {n}")).collect();
                writeln!(out, "{} — {}", m.word(Word::Points), parts.join("; "))?;
            }
            // Disagreements with what the source wrote, one line each under the table.
            for r in g.rows.iter().map(|r| r.result) {
                for f in r.findings.iter().filter(|f| {
                    matches!(
                        f.kind(),
                        crate::report::FindingKind::ReportedTotalMismatch
                            | crate::report::FindingKind::PublishedVerdictMismatch
                            | crate::report::FindingKind::LevelCountMismatch
                    )
                }) {
                    writeln!(out, "! {}: {}", r.unit.name, m.finding(f))?;
                }
            }
            writeln!(out)?;
        }
        for n in &self.0.notices {
            writeln!(out, "{}", super::notice_line(m, n))?;
        }
        Ok(())
    }
}

/// One group's rows as a text table: marks ✓ ✗ ? — (◐ for a level between the best and
/// the worst), count, reported total, verdict, notes.
fn group_table(g: &AnnexGroup, m: &dyn Catalog) -> comfy_table::Table {
    let mut t = text_table();
    let mut header: Vec<String> = [Word::No, Word::Unit, Word::Parent]
        .iter()
        .map(|w| m.word(*w).to_string())
        .collect();
    header.extend(g.criteria.iter().map(|(id, _)| id.to_string()));
    header.extend(g.tail_headers(m, Word::Met, Word::Reported));
    let published = g.shows_published();
    t.set_header(header);
    for (no, row) in g.rows.iter().enumerate() {
        let r = row.result;
        let mut cells = vec![
            (no + 1).to_string(),
            r.unit.name.clone(),
            r.unit.parent_name.clone().unwrap_or_default(),
        ];
        cells.extend(g.criteria.iter().map(|(id, _)| {
            match row.cell(id) {
                // A level between the best and the worst (e.g. cơ bản đạt).
                Some((_, Some(l))) if l.rank > 0 && l.rank + 1 < l.of => "◐",
                Some((mark, _)) => mark.symbol(),
                None => Mark::NotInSet.symbol(),
            }
            .to_string()
        }));
        cells.push(format!("{}/{}", r.met, r.total));
        cells.push(r.reported_total.map(|t| t.to_string()).unwrap_or_default());
        cells.push(verdict_text(m, r));
        if published {
            cells.push(r.published_verdict.clone().unwrap_or_default());
        }
        cells.push(row.notes.join("; "));
        t.add_row(cells);
    }
    t
}
