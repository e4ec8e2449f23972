//! The shared view's building blocks: what a command has to show (`Bundle`), a table and
//! its cells, sheet names, gaps to a threshold in words.

use crate::analysis::plan::{DepartmentList, PlanReport};
use crate::core::value::Value;
use crate::engine::rollup::RollupValue;
use crate::render::annex::Mark;
use crate::render::{Catalog, Word};
use crate::report::{DataSource, Report, Stamp};

/// Everything one command has to show; renderers take the parts that are there.
#[derive(Default)]
pub struct Bundle<'a> {
    pub stamp: Option<&'a Stamp>,
    pub sources: &'a [DataSource],
    pub report: Option<&'a Report>,
    pub rollups: &'a [RollupValue],
    pub plan: Option<&'a PlanReport>,
    /// Department work lists and their year.
    pub departments: Option<(&'a [DepartmentList], i32)>,
    pub diff: Option<&'a crate::analysis::project::DiffReport>,
}

/// One cell of a report table.
#[derive(Clone, Debug, PartialEq)]
pub enum V {
    Text(String),
    Int(i64),
    Num(f64),
    /// A criterion's cell in an annex.
    Mark(Mark),
    Blank,
}

impl V {
    pub fn text(s: impl Into<String>) -> V {
        V::Text(s.into())
    }
    pub fn opt_num(x: Option<f64>) -> V {
        x.map(V::Num).unwrap_or(V::Blank)
    }
    /// The cell as text, the reader's way (marks ✓ ✗ ? —).
    pub fn show(&self, m: &dyn Catalog) -> String {
        match self {
            V::Text(s) => s.clone(),
            V::Int(i) => i.to_string(),
            V::Num(x) => m.number(*x),
            V::Mark(mark) => mark.symbol().into(),
            V::Blank => String::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum TableKind {
    /// An annex group: its rule set and year; marks start at column `first_mark`.
    Annex {
        ruleset: String,
        year: i32,
        first_mark: usize,
        marks: usize,
    },
    Summary,
    Indicators,
    Findings,
    Plan,
    Department,
    Changes,
    Flips,
    Rollups,
    Stamp,
}

pub struct Table {
    pub kind: TableKind,
    /// Short name (a sheet name: at most 31 characters).
    pub name: String,
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<V>>,
}

/// Which way a failing indicator's value must move: up to a minimum (còn thiếu) or
/// down to a maximum (cần giảm, e.g. số nhà tạm).
/// A threshold as shown: its value, or the words for an entry that does not apply.
pub fn threshold_text(m: &dyn Catalog, t: &crate::report::ThresholdUsed) -> String {
    m.threshold(t.value.as_ref(), t.not_applicable)
}

pub fn gap_word(value: Option<&Value>, thresholds: &[Value]) -> Word {
    let v = value.and_then(Value::as_f64);
    let t = thresholds.iter().find_map(Value::as_f64);
    match (v, t) {
        (Some(v), Some(t)) if v > t => Word::Excess,
        _ => Word::Shortfall,
    }
}

/// A shortfall with its unit of measure and direction: "còn thiếu 2,5 %", "cần giảm 3 nhà".
pub fn gap_text(
    m: &dyn Catalog,
    shortfall: Option<f64>,
    value: Option<&Value>,
    thresholds: &[Value],
    unit: Option<&str>,
) -> String {
    match shortfall {
        None => String::new(),
        Some(s) => {
            let u = unit
                .filter(|u| !u.is_empty())
                .map(|u| format!(" {u}"))
                .unwrap_or_default();
            format!("{} {}{u}", m.word(gap_word(value, thresholds)), m.number(s))
        }
    }
}

pub(super) fn sheet_name(base: &str, used: &mut Vec<String>) -> String {
    let clean: String = base
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .take(28)
        .collect();
    let mut name = clean.trim().to_string();
    let mut n = 2;
    while used.iter().any(|u| u.to_lowercase() == name.to_lowercase()) || name.is_empty() {
        name = format!("{} ({n})", clean.chars().take(24).collect::<String>());
        n += 1;
    }
    used.push(name.clone());
    name
}

pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
