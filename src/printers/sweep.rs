//! Sweep results: one row per threshold value with the counts that depend on it.

use crate::value::format_number;
use crate::whatif::SweepRow;
use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};

pub fn render_table(param: &str, rows: &[SweepRow]) -> String {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .force_no_tty();
    let Some(first) = rows.first() else {
        return String::new();
    };
    let mut header = vec![param.to_string()];
    header.extend(
        first
            .indicators
            .iter()
            .map(|(id, _)| format!("chỉ tiêu {id} đạt")),
    );
    header.extend(
        first
            .criteria
            .iter()
            .map(|(id, _)| format!("tiêu chí {id} đạt")),
    );
    header.push("đạt chuẩn".to_string());
    t.set_header(header);
    for r in rows {
        let mut row = vec![format_number(r.value)];
        row.extend(r.indicators.iter().map(|(_, n)| format!("{n}/{}", r.units)));
        row.extend(r.criteria.iter().map(|(_, n)| format!("{n}/{}", r.units)));
        row.push(format!("{}/{}", r.units_met, r.units));
        t.add_row(row);
    }
    format!("{t}\n")
}

pub fn render_csv(rows: &[SweepRow]) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    if let Some(first) = rows.first() {
        let mut header = vec!["value".to_string()];
        header.extend(
            first
                .indicators
                .iter()
                .map(|(id, _)| format!("indicator_{id}")),
        );
        header.extend(
            first
                .criteria
                .iter()
                .map(|(id, _)| format!("criterion_{id}")),
        );
        header.extend(["units_met".to_string(), "units".to_string()]);
        let _ = w.write_record(&header);
    }
    for r in rows {
        let mut row = vec![r.value.to_string()];
        row.extend(r.indicators.iter().map(|(_, n)| n.to_string()));
        row.extend(r.criteria.iter().map(|(_, n)| n.to_string()));
        row.extend([r.units_met.to_string(), r.units.to_string()]);
        let _ = w.write_record(&row);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
