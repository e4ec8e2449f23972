//! Reports as an Excel workbook (rust_xlsxwriter): the annex in the layout of the
//! plans' tables (title, TT, Tên thôn/xã, Thuộc, one column per criterion with its
//! number and name, 1 where met, the recount, the reported total, Kết luận, Ghi chú,
//! a totals row), frozen header, widths, A4 landscape with the header repeated; then
//! the summary, roll-ups, indicators, findings, plan, one sheet per department, and
//! the stamp (also in the document properties). An `ntm` sheet lists the annex
//! sheets with their rule set and year, so that the workbook reads back as a dataset.

use super::annex::Mark;
use super::view::{tables, Bundle, TableKind, V};
use super::{Catalog, Render, Word};
use crate::data::xlsx::{INDEX_HEADERS, INDEX_SHEET};
use rust_xlsxwriter::{
    Color, DocProperties, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet,
    XlsxError,
};
use std::io::{self, Write};

pub struct Xlsx<'a>(pub &'a Bundle<'a>);

fn io_err(e: XlsxError) -> io::Error {
    io::Error::other(e.to_string())
}

/// Excel's name for a column: 0 → A.
fn col_name(c: u16) -> String {
    crate::core::diag::column_letters(c as usize + 1)
}

struct Formats {
    title: Format,
    header: Format,
    cell: Format,
    wrap: Format,
    center: Format,
    number: Format,
    met: Format,
    not_met: Format,
    missing: Format,
    total: Format,
}

impl Formats {
    fn new() -> Self {
        let border = Format::new().set_border(FormatBorder::Thin);
        Formats {
            title: Format::new().set_bold().set_font_size(13),
            header: border
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(Color::RGB(0xDDEBF7)),
            cell: border.clone(),
            wrap: border.clone().set_text_wrap(),
            center: border.clone().set_align(FormatAlign::Center),
            number: border.clone().set_num_format("#,##0.##"),
            met: border
                .clone()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0xC6EFCE)),
            not_met: border
                .clone()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0xFFC7CE)),
            missing: border
                .clone()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0xFFEB9C)),
            total: border.set_bold().set_align(FormatAlign::Center),
        }
    }
}

fn write_cell(ws: &mut Worksheet, r: u32, c: u16, v: &V, f: &Formats) -> Result<(), XlsxError> {
    match v {
        V::Text(s) if s.chars().count() > 40 => {
            ws.write_string_with_format(r, c, s, &f.wrap)?;
        }
        V::Text(s) => {
            ws.write_string_with_format(r, c, s, &f.cell)?;
        }
        V::Int(i) => {
            ws.write_number_with_format(r, c, *i as f64, &f.center)?;
        }
        V::Num(x) => {
            ws.write_number_with_format(r, c, *x, &f.number)?;
        }
        // The codes of the CSV annex: numbers where they count (COUNTIF, SUM).
        V::Mark(Mark::Met) => {
            ws.write_number_with_format(r, c, 1.0, &f.met)?;
        }
        V::Mark(Mark::NotMet) => {
            ws.write_number_with_format(r, c, 0.0, &f.not_met)?;
        }
        V::Mark(Mark::NoData) => {
            ws.write_string_with_format(r, c, Mark::NoData.code(), &f.missing)?;
        }
        V::Mark(m @ (Mark::NotInSet | Mark::NotApplicable)) => {
            ws.write_string_with_format(r, c, m.code(), &f.center)?;
        }
        V::Blank => {
            ws.write_blank(r, c, &f.cell)?;
        }
    }
    Ok(())
}

/// A sensible width per column: the longest text, within limits.
fn widths(headers: &[String], rows: &[Vec<V>], m: &dyn Catalog) -> Vec<f64> {
    (0..headers.len())
        .map(|c| {
            let longest = rows
                .iter()
                .filter_map(|r| r.get(c))
                .map(|v| v.show(m).chars().count())
                .max()
                .unwrap_or(0);
            (longest.max(4) as f64 + 2.0).min(45.0)
        })
        .collect()
}

fn build(b: &Bundle, m: &dyn Catalog) -> Result<Vec<u8>, XlsxError> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    let mut index: Vec<(String, String, i32)> = Vec::new();
    for t in tables(b, m) {
        let ws = wb.add_worksheet();
        ws.set_name(&t.name)?;
        ws.set_paper_size(9); // A4
        ws.set_landscape();
        ws.set_print_fit_to_pages(1, 0);
        ws.set_footer("&L&F — &A&R&P / &N");
        ws.merge_range(
            0,
            0,
            0,
            (t.headers.len().max(1) - 1) as u16,
            &t.title,
            &f.title,
        )?;
        ws.set_row_height(0, 22)?;
        let head = 1u32;
        for (c, h) in t.headers.iter().enumerate() {
            ws.write_string_with_format(head, c as u16, h, &f.header)?;
        }
        for (i, row) in t.rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                write_cell(ws, head + 1 + i as u32, c as u16, v, &f)?;
            }
        }
        ws.set_repeat_rows(0, head)?;
        let w = widths(&t.headers, &t.rows, m);
        match &t.kind {
            TableKind::Annex {
                ruleset,
                year,
                first_mark,
                marks,
            } => {
                index.push((t.name.clone(), ruleset.clone(), *year));
                annex_layout(ws, &t, (*first_mark, *marks), &w, &f, m)?;
            }
            _ => {
                ws.set_freeze_panes(head + 1, 0)?;
                for (c, x) in w.iter().enumerate() {
                    let hw = t.headers[c].chars().count() as f64 + 2.0;
                    ws.set_column_width(c as u16, x.max(hw.min(24.0)))?;
                }
            }
        }
    }
    index_sheet(&mut wb, &index)?;
    wb.set_properties(&properties(b, m));
    wb.save_to_buffer()
}

/// An annex sheet's layout: frozen unit columns, rotated criterion headers, narrow mark
/// columns, and a totals row counting the marks of each criterion.
fn annex_layout(
    ws: &mut rust_xlsxwriter::Worksheet,
    t: &super::view::Table,
    (first_mark, marks): (usize, usize),
    w: &[f64],
    f: &Formats,
    m: &dyn Catalog,
) -> Result<(), XlsxError> {
    let head = 1u32;
    ws.set_freeze_panes(head + 1, first_mark as u16)?;
    ws.set_row_height(head, 90)?;
    ws.set_column_width(0, 5)?;
    ws.set_column_width(1, w[1].max(14.0))?;
    ws.set_column_width(2, w[2].max(12.0))?;
    let header_rotated = f.header.clone().set_rotation(90);
    for c in 0..marks {
        let col = (first_mark + c) as u16;
        ws.write_string_with_format(head, col, &t.headers[first_mark + c], &header_rotated)?;
        ws.set_column_width(col, 4.5)?;
    }
    let after = (first_mark + marks) as u16;
    ws.set_column_width(after, 9)?;
    ws.set_column_width(after + 1, 9)?;
    ws.set_column_width(after + 2, w[after as usize + 2].clamp(14.0, 30.0))?;
    ws.set_column_width(after + 3, w[after as usize + 3].clamp(14.0, 40.0))?;
    // Totals row: the marks counted per criterion, and the recounts summed.
    if !t.rows.is_empty() {
        let total_row = head + 1 + t.rows.len() as u32;
        let (first, last) = (head + 2, total_row);
        ws.merge_range(total_row, 0, total_row, 2, m.word(Word::Total), &f.total)?;
        for c in first_mark as u16..=after {
            let name = col_name(c);
            ws.write_formula_with_format(
                total_row,
                c,
                Formula::new(format!("=SUM({name}{first}:{name}{last})")),
                &f.total,
            )?;
        }
        for c in after + 1..after + 4 {
            ws.write_blank(total_row, c, &f.total)?;
        }
    }
    Ok(())
}

/// The hidden index of annex sheets (sheet, rule set, year), read back by the dataset
/// loader.
fn index_sheet(wb: &mut Workbook, index: &[(String, String, i32)]) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(INDEX_SHEET)?;
    ws.set_hidden(true);
    for (c, h) in INDEX_HEADERS.iter().enumerate() {
        ws.write_string(0, c as u16, *h)?;
    }
    for (i, (sheet, set, year)) in index.iter().enumerate() {
        let r = 1 + i as u32;
        ws.write_string(r, 0, sheet)?;
        ws.write_string(r, 1, set)?;
        ws.write_number(r, 2, *year as f64)?;
    }
    ws.set_column_width(0, 24)?;
    ws.set_column_width(1, 28)?;
    Ok(())
}

/// The workbook's properties: title, engine, the stamp and its digest.
fn properties(b: &Bundle, m: &dyn Catalog) -> DocProperties {
    let mut props = DocProperties::new()
        .set_title(m.word(Word::ReportTitle))
        .set_author(crate::ENGINE_VERSION);
    if let Some(s) = b.stamp {
        let digest = super::stamp::digest(s);
        props = props
            .set_comment(m.stamp(s, &digest))
            .set_custom_property("ntm-engine", s.engine.as_str())
            .set_custom_property("ntm-sha256", digest.as_str());
        if !s.overrides.is_empty() {
            props = props.set_custom_property("ntm-overrides", s.overrides.join(", ").as_str());
        }
    }
    props
}

impl Render for Xlsx<'_> {
    fn render(&self, m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        let bytes = build(self.0, m).map_err(io_err)?;
        out.write_all(&bytes)
    }
}
