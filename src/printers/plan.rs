//! `ntm plan` as text: each target with baseline, current, required, gap and status,
//! the per-unit breakdown, district roll-ups, and department work lists.

use crate::plan::{DepartmentList, PlanReport};
use crate::value::format_number;
use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};

fn num(x: Option<f64>) -> String {
    x.map(format_number).unwrap_or_else(|| "—".into())
}

fn table() -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .force_no_tty();
    t
}

pub fn render(r: &PlanReport) -> String {
    let p = &r.plan;
    let mut o = format!(
        "{} ({}, {})\nNăm gốc {} → năm mục tiêu {}; tính đến {}\n",
        p.title, p.document.number, p.document.issuer, p.baseline_year, p.target_year, p.as_of
    );
    for s in &r.provenance {
        o.push_str(&format!("Số liệu: {s}\n"));
    }
    let mut t = table();
    t.set_header(vec![
        "Mục tiêu",
        "Nội dung",
        "Năm gốc",
        "Hiện tại",
        "Yêu cầu",
        "Còn thiếu",
        "Tình trạng",
    ]);
    for x in &r.targets {
        let per_unit = x.required.is_none();
        let (b, c, q) = if per_unit {
            let ok = x
                .units
                .iter()
                .filter(|u| u.status == Some(crate::plan::TargetStatus::Achieved))
                .count();
            (
                "—".to_string(),
                format!("{ok}/{} đơn vị đạt", x.units.len()),
                "mỗi đơn vị".to_string(),
            )
        } else {
            (num(x.baseline), num(x.current), num(x.required))
        };
        t.add_row(vec![
            x.id.clone(),
            x.name.clone(),
            b,
            c,
            q,
            num(x.gap),
            x.status_label.clone(),
        ]);
    }
    o.push_str(&format!("{t}\n"));
    for x in &r.targets {
        o.push_str(&format!(
            "\n{} — {} [{}; {}]\n",
            x.id,
            x.name,
            x.section.as_deref().unwrap_or("-"),
            x.stage
        ));
        let mut t = table();
        t.set_header(vec![
            "Đơn vị",
            "Năm gốc",
            "Hiện tại",
            "Yêu cầu",
            "Còn thiếu",
            "Tình trạng",
        ]);
        for u in &x.units {
            t.add_row(vec![
                u.unit.name.clone(),
                num(u.baseline),
                num(u.current),
                num(u.required),
                num(u.gap),
                u.status
                    .map(|s| s.label().to_string())
                    .unwrap_or_else(|| "—".into()),
            ]);
        }
        o.push_str(&format!("{t}\n"));
        if let Some(n) = &x.notes {
            o.push_str(&format!("Ghi chú: {}\n", n.trim()));
        }
    }
    if !r.rollups.is_empty() {
        o.push('\n');
        o.push_str(&render_rollups(&r.rollups));
    }
    for n in &r.notices {
        o.push_str(&format!("note: {n}\n"));
    }
    o
}

/// District aggregates, one line each (buckets on one line).
pub fn render_rollups(values: &[crate::rollup::RollupValue]) -> String {
    let mut o = String::from("Số liệu tổng hợp:\n");
    for v in values {
        if v.buckets.is_empty() {
            o.push_str(&format!(
                "  {} năm {}: {} ({} đơn vị)\n",
                v.label,
                v.year,
                num(v.value),
                v.units
            ));
        } else {
            let parts: Vec<String> = v.buckets.iter().map(|(l, n)| format!("{l}: {n}")).collect();
            o.push_str(&format!(
                "  {} năm {}: {}\n",
                v.label,
                v.year,
                parts.join("; ")
            ));
        }
    }
    o
}

pub fn render_departments(lists: &[DepartmentList], year: i32, provenance: &[String]) -> String {
    let mut o = format!("Việc của từng phòng, ban năm {year} (gần ngưỡng nhất trước)\n");
    for s in provenance {
        o.push_str(&format!("Số liệu: {s}\n"));
    }
    for l in lists {
        o.push_str(&format!("\n{} — {} việc", l.department, l.items.len()));
        if l.missing_data > 0 {
            o.push_str(&format!(
                "; {} chỉ tiêu thiếu số liệu cần thu thập",
                l.missing_data
            ));
        }
        o.push('\n');
        if l.items.is_empty() {
            continue;
        }
        let mut t = table();
        t.set_header(vec![
            "Đơn vị",
            "Tiêu chí",
            "Chỉ tiêu",
            "Giá trị",
            "Ngưỡng",
            "Còn thiếu",
        ]);
        for w in &l.items {
            t.add_row(vec![
                format!("{} {}", w.unit.kind, w.unit.name),
                format!("{} {}", w.criterion, w.criterion_name),
                w.indicator
                    .clone()
                    .map(|i| format!("{i} {}", w.name))
                    .unwrap_or_else(|| "(kê khai chưa đạt)".into()),
                w.value.as_ref().map(|v| v.to_string()).unwrap_or_default(),
                w.threshold.clone().unwrap_or_default(),
                num(w.shortfall),
            ]);
        }
        o.push_str(&format!("{t}\n"));
    }
    o
}
