//! Reports as Markdown, for reports and issues: the tables of the shared view (annex,
//! summary, roll-ups, findings, plan, department lists, changes) as pipe tables, with
//! the data sources and the stamp. Indicators are listed when they do not pass.

use super::escape::markdown::cell;
use super::view::{tables, Bundle, TableKind, V};
use super::{Catalog, Render, Word};
use crate::report::Outcome;
use std::io::{self, Write};

pub struct Markdown<'a>(pub &'a Bundle<'a>);

impl Render for Markdown<'_> {
    fn render(&self, m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        let b = self.0;
        writeln!(out, "# {}\n", m.word(Word::ReportTitle))?;
        for d in b.sources {
            writeln!(
                out,
                "- {}: {}",
                m.word(Word::Dataset),
                cell(&m.data_source(d))
            )?;
        }
        if !b.sources.is_empty() {
            writeln!(out)?;
        }
        let pass = m.outcome(Outcome::Pass);
        for t in tables(b, m) {
            if t.kind == TableKind::Stamp {
                continue;
            }
            let rows: Vec<&Vec<V>> = match t.kind {
                TableKind::Indicators => {
                    let status = t
                        .headers
                        .iter()
                        .position(|h| h.to_lowercase() == m.word(Word::Status).to_lowercase());
                    t.rows
                        .iter()
                        .filter(|r| {
                            status.is_none_or(|i| {
                                r.get(i).map(|v| v.show(m)).as_deref() != Some(pass)
                            })
                        })
                        .collect()
                }
                _ => t.rows.iter().collect(),
            };
            if rows.is_empty() && matches!(t.kind, TableKind::Findings | TableKind::Indicators) {
                continue;
            }
            writeln!(out, "## {}\n", cell(&t.title))?;
            writeln!(
                out,
                "| {} |",
                t.headers
                    .iter()
                    .map(|h| cell(h))
                    .collect::<Vec<_>>()
                    .join(" | ")
            )?;
            writeln!(
                out,
                "|{}",
                t.headers.iter().map(|_| "---|").collect::<String>()
            )?;
            for r in rows {
                writeln!(
                    out,
                    "| {} |",
                    r.iter()
                        .map(|v| cell(&v.show(m)))
                        .collect::<Vec<_>>()
                        .join(" | ")
                )?;
            }
            if matches!(t.kind, TableKind::Annex { .. }) {
                writeln!(out, "\n{}", m.word(Word::Legend))?;
                legend_not_applicable(&t, m, out)?;
            }
            writeln!(out)?;
        }
        if let Some(s) = b.stamp {
            writeln!(out, "{}", m.stamp(s, &super::stamp::digest(s)))?;
        }
        Ok(())
    }
}

/// The legend's fifth mark, where some criterion does not apply to a unit.
fn legend_not_applicable(
    t: &super::view::Table,
    m: &dyn Catalog,
    out: &mut dyn Write,
) -> io::Result<()> {
    let na = t
        .rows
        .iter()
        .flatten()
        .any(|v| matches!(v, V::Mark(super::annex::Mark::NotApplicable)));
    if na {
        writeln!(out, "{}", m.word(Word::LegendNotApplicable))?;
    }
    Ok(())
}
