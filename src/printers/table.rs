//! Results as a table in the layout of the plan's annex: one row per unit, one column
//! per criterion (✓ met, ✗ not met, ? no data), the count and the verdict. One table
//! per rule set and year, since criteria differ between sets.

use crate::report::{Report, Status, UnitResult};
use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let mut groups: Vec<(&str, i32, Vec<&UnitResult>)> = Vec::new();
    for r in &report.results {
        match groups
            .iter_mut()
            .find(|(s, y, _)| *s == r.ruleset && *y == r.year)
        {
            Some(g) => g.2.push(r),
            None => groups.push((&r.ruleset, r.year, vec![r])),
        }
    }
    for (set, year, rows) in groups {
        let first = rows[0];
        out.push_str(&format!(
            "{} — {} ({}), năm {}\n",
            set, first.ruleset_title, first.document, year
        ));
        let mut t = Table::new();
        t.load_preset(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Disabled)
            .force_no_tty();
        let mut header = vec!["TT".to_string(), "Đơn vị".to_string(), "Thuộc".to_string()];
        header.extend(first.criteria.iter().map(|c| c.id.clone()));
        header.extend([
            "Đạt".to_string(),
            "Báo cáo".to_string(),
            "Kết luận".to_string(),
            "Ghi chú".to_string(),
        ]);
        t.set_header(header);
        for (i, r) in rows.iter().enumerate() {
            let mut row = vec![
                (i + 1).to_string(),
                r.unit.name.clone(),
                r.unit.parent_name.clone().unwrap_or_default(),
            ];
            row.extend(r.criteria.iter().map(|c| {
                match c.status {
                    Status::Met => "✓",
                    Status::NotMet => "✗",
                    Status::Missing => "?",
                }
                .to_string()
            }));
            row.push(format!("{}/{}", r.met, r.total));
            row.push(r.reported_total.map(|t| t.to_string()).unwrap_or_default());
            let verdict = match r
                .scoring
                .as_ref()
                .and_then(|s| s.percent.map(|p| (p, s.level_label.clone())))
            {
                Some((p, l)) => format!(
                    "{} ({} điểm, {})",
                    r.verdict_label,
                    crate::value::format_number(p),
                    l.unwrap_or_default()
                ),
                None => r.verdict_label.clone(),
            };
            row.push(verdict);
            let mut notes: Vec<String> = Vec::new();
            for f in &r.findings {
                let tag = match f.kind {
                    crate::report::FindingKind::ReportedTotalMismatch => {
                        "tổng báo cáo sai".to_string()
                    }
                    crate::report::FindingKind::DeclaredMismatch => format!(
                        "TC {} khác kê khai",
                        f.criterion.clone().unwrap_or_default()
                    ),
                    crate::report::FindingKind::OutOfRange => "giá trị ngoài khoảng".to_string(),
                    crate::report::FindingKind::UnknownCriterion => "tiêu chí lạ".to_string(),
                    crate::report::FindingKind::UnverifiedThreshold => {
                        "ngưỡng chưa kiểm chứng".to_string()
                    }
                    crate::report::FindingKind::IllustrativeData => "số liệu minh họa".to_string(),
                };
                if !notes.contains(&tag) {
                    notes.push(tag);
                }
            }
            if let Some(rec) = &r.recognition {
                if rec.status == crate::report::Recognisable::NotRecognisable {
                    notes.push("chưa đủ điều kiện công nhận".to_string());
                }
            }
            row.push(notes.join("; "));
            t.add_row(row);
        }
        out.push_str(&t.to_string());
        out.push('\n');
        let met = rows
            .iter()
            .filter(|r| r.verdict == crate::report::Verdict::Met)
            .count();
        out.push_str(&format!(
            "{} đơn vị; đạt chuẩn: {met}; ✓ đạt, ✗ chưa đạt, ? thiếu dữ liệu; \"Báo cáo\" là tổng ghi trong nguồn.\n",
            rows.len()
        ));
        let mut levels: Vec<(String, usize)> = Vec::new();
        for r in &rows {
            if let Some(l) = r.scoring.as_ref().and_then(|s| s.level_label.clone()) {
                match levels.iter_mut().find(|(x, _)| *x == l) {
                    Some(e) => e.1 += 1,
                    None => levels.push((l, 1)),
                }
            }
        }
        if !levels.is_empty() {
            let parts: Vec<String> = levels.iter().map(|(l, n)| format!("{l}: {n}")).collect();
            out.push_str(&format!("Xếp loại theo điểm — {}\n", parts.join("; ")));
        }
        let mismatches: Vec<&&UnitResult> = rows
            .iter()
            .filter(|r| {
                r.findings
                    .iter()
                    .any(|f| f.kind == crate::report::FindingKind::ReportedTotalMismatch)
            })
            .collect();
        for r in mismatches {
            out.push_str(&format!(
                "! {}: tổng ghi trong nguồn là {}, đếm lại được {}\n",
                r.unit.name,
                r.reported_total.unwrap_or_default(),
                r.met
            ));
        }
        out.push('\n');
    }
    for n in &report.notices {
        out.push_str(&format!("note: {}\n", n.message));
    }
    out
}
