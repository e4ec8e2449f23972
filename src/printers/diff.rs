//! `ntm diff` as text for policy staff: structural changes, then flipped verdicts.

use crate::diff::{ChangeKind, DataDiff, Structure};

fn kind_label(k: ChangeKind) -> &'static str {
    match k {
        ChangeKind::Added => "thêm",
        ChangeKind::Removed => "bỏ",
        ChangeKind::Renamed => "đổi tên",
        ChangeKind::Renumbered => "đổi số hiệu",
        ChangeKind::Continued => "kế thừa",
        ChangeKind::ExpressionChanged => "đổi biểu thức",
        ChangeKind::ThresholdChanged => "đổi ngưỡng",
        ChangeKind::CitationChanged => "đổi căn cứ",
        ChangeKind::DepartmentChanged => "đổi phòng phụ trách",
        ChangeKind::SourceStatusChanged => "đổi tình trạng nguồn",
        ChangeKind::NotEncoded => "chưa mã hóa trong bộ mới",
    }
}

fn item_label(item: &str) -> &'static str {
    if item == "criterion" {
        "tiêu chí"
    } else {
        "chỉ tiêu"
    }
}

fn status_label(s: Option<&str>) -> &'static str {
    match s {
        Some("pass") | Some("met") => "đạt",
        Some("fail") | Some("not_met") => "chưa đạt",
        Some("missing") => "thiếu dữ liệu",
        _ => "—",
    }
}

pub fn render(s: &Structure, data: Option<&DataDiff>, provenance: &[String]) -> String {
    let mut o = String::new();
    let side = |r: &crate::diff::SetRef| {
        format!(
            "{} ({}, {}; {} tiêu chí, {} chỉ tiêu)",
            r.id, r.document, r.validity, r.criteria, r.indicators
        )
    };
    o.push_str(&format!(
        "So sánh: {}\n     → {}\n",
        side(&s.from),
        side(&s.to)
    ));
    o.push_str(if s.paired_by_declaration {
        "Ghép tiêu chí, chỉ tiêu theo khai báo `continues` của bộ mới (do người soạn tệp quy tắc khai báo, xem notes của tệp); phần không khai báo là thêm hoặc bỏ.\n"
    } else {
        "Ghép tiêu chí, chỉ tiêu theo số hiệu, rồi theo tên.\n"
    });
    o.push_str(&format!("\nThay đổi cấu trúc ({}):\n", s.changes.len()));
    for c in &s.changes {
        let id = match (&c.from, &c.to) {
            (Some(a), Some(b)) if a != b => format!("{a} → {b}"),
            (Some(a), _) => a.clone(),
            (None, Some(b)) => b.clone(),
            (None, None) => String::new(),
        };
        o.push_str(&format!(
            "  {} {id}: {} — {}\n",
            item_label(c.item),
            kind_label(c.kind),
            c.detail
        ));
    }
    if s.changes
        .iter()
        .any(|c| c.kind == ChangeKind::ThresholdChanged && c.detail.contains('*'))
    {
        o.push_str("  (* ngưỡng chưa kiểm chứng với văn bản gốc)\n");
    }
    if let Some(d) = data {
        let m = &d.summary;
        o.push('\n');
        for p in provenance {
            o.push_str(&format!("Số liệu: {p}\n"));
        }
        o.push_str(&format!(
            "\nTrên bộ dữ liệu: {} đơn vị; thêm đạt chuẩn: {}; mất đạt chuẩn: {}; tiêu chí chuyển sang đạt: {}, từ đạt sang chưa đạt: {}, từ đạt sang thiếu dữ liệu: {}; chỉ tiêu đổi kết quả: {}\n",
            m.units, m.gain_dat_chuan, m.lose_dat_chuan, m.criteria_gained, m.criteria_lost, m.criteria_undecided, m.indicator_flips
        ));
        let unchanged = d
            .units
            .iter()
            .filter(|u| {
                u.flips.is_empty() && u.from.met == u.to.met && u.from.verdict == u.to.verdict
            })
            .count();
        if unchanged > 0 {
            o.push_str(&format!(
                "({unchanged} đơn vị không đổi kết quả, không liệt kê)\n"
            ));
        }
        for u in d.units.iter().filter(|u| {
            !(u.flips.is_empty() && u.from.met == u.to.met && u.from.verdict == u.to.verdict)
        }) {
            let v = |x: crate::report::Verdict| x.label();
            o.push_str(&format!(
                "\n{} {} ({}), năm {}: {}/{} → {}/{} tiêu chí; {} → {}\n",
                u.unit.kind,
                u.unit.name,
                u.unit.id,
                u.year,
                u.from.met,
                u.from.total,
                u.to.met,
                u.to.total,
                v(u.from.verdict),
                v(u.to.verdict)
            ));
            for f in &u.flips {
                let id = match (&f.from_id, &f.to_id) {
                    (Some(a), Some(b)) if a != b => format!("{a} → {b}"),
                    (Some(a), _) => a.clone(),
                    (None, Some(b)) => b.clone(),
                    _ => String::new(),
                };
                o.push_str(&format!(
                    "  {} {id} {}: {} → {} — {}\n",
                    item_label(f.item),
                    f.name,
                    status_label(f.from_status.as_deref()),
                    status_label(f.to_status.as_deref()),
                    f.causes.join("; ")
                ));
            }
        }
    }
    o
}
