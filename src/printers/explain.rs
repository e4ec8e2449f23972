//! `ntm explain`: every criterion and indicator of a unit with the values, thresholds,
//! shortfall, citations and whether each threshold is verified.

use crate::report::{Basis, Outcome, UnitResult};
use crate::value::{format_number, Value};

fn show(v: &Value, unit: Option<&str>) -> String {
    match unit {
        Some(u) if !u.is_empty() => format!("{v} {u}"),
        _ => v.to_string(),
    }
}

/// The values an indicator or condition read, one line each.
fn push_inputs(o: &mut String, inputs: &[crate::report::InputUsed]) {
    for inp in inputs {
        let v = inp
            .value
            .as_ref()
            .map(|v| show(v, inp.unit.as_deref()))
            .unwrap_or_else(|| "(không có)".into());
        o.push_str(&format!(
            "      số liệu: {} ({}) = {v}\n",
            inp.label, inp.field
        ));
    }
}

pub fn render(results: &[&UnitResult]) -> String {
    let mut o = String::new();
    for r in results {
        let parent = r
            .unit
            .parent_name
            .as_deref()
            .map(|p| format!(", thuộc {p}"))
            .unwrap_or_default();
        o.push_str(&format!(
            "{} {} ({}){} — năm {}\n",
            r.unit.kind, r.unit.name, r.unit.id, parent, r.year
        ));
        o.push_str(&format!(
            "Bộ tiêu chí: {} — {} ({})\n",
            r.ruleset, r.ruleset_title, r.document
        ));
        let reported = r
            .reported_total
            .map(|t| format!("; tổng ghi trong nguồn: {t}"))
            .unwrap_or_default();
        o.push_str(&format!(
            "Kết luận: {} — {}/{} tiêu chí đạt{reported}\n",
            r.verdict_label, r.met, r.total
        ));
        if r.unverified {
            o.push_str("Lưu ý: kết luận dựa trên ngưỡng CHƯA KIỂM CHỨNG với văn bản gốc.\n");
        }
        if let Some(sc) = &r.scoring {
            match (&sc.pending_source, sc.percent) {
                (Some(p), _) => o.push_str(&format!("Chấm điểm: chưa tính ({p})\n")),
                (None, Some(pct)) => o.push_str(&format!(
                    "Chấm điểm: {}/{} điểm ({} %) — {}\n",
                    format_number(sc.earned.unwrap_or_default()),
                    format_number(sc.max),
                    format_number(pct),
                    sc.level_label.as_deref().unwrap_or("-")
                )),
                (None, None) => o.push_str(&format!(
                    "Chấm điểm: chưa đủ dữ liệu (tối đa {} điểm)\n",
                    format_number(sc.max)
                )),
            }
        }
        if let Some(p) = &r.provenance {
            o.push_str(&format!("Nguồn số liệu: {p}\n"));
        }
        o.push('\n');
        for c in &r.criteria {
            let basis = match c.basis {
                Basis::Computed => "tính từ số liệu",
                Basis::Declared => "theo kê khai",
                Basis::None => "không có số liệu hay kê khai",
            };
            o.push_str(&format!(
                "Tiêu chí {}. {} — {} ({basis})\n",
                c.id,
                c.name,
                c.status.label()
            ));
            if let Some(d) = &c.department {
                o.push_str(&format!("    Phụ trách: {d}\n"));
            }
            if let Some(ci) = &c.citation {
                o.push_str(&format!("    Căn cứ: {ci}\n"));
            }
            if let Some(p) = &c.pending_source {
                o.push_str(&format!("    Chỉ tiêu chưa có nguồn: {p}\n"));
            }
            if let (Some(dc), Some(cc)) = (c.declared, c.computed) {
                if dc != cc {
                    o.push_str(&format!(
                        "    ! kê khai: {}, số liệu cho: {}\n",
                        dc.label(),
                        cc.label()
                    ));
                }
            }
            for i in &c.indicators {
                o.push_str(&format!("  {} {} — {}\n", i.id, i.name, i.status.label()));
                if i.department.is_some() && i.department != c.department {
                    o.push_str(&format!(
                        "      phụ trách: {}\n",
                        i.department.as_deref().unwrap_or_default()
                    ));
                }
                push_inputs(&mut o, &i.inputs);
                if let Some(v) = &i.value {
                    if i.inputs.len() != 1 {
                        o.push_str(&format!("      giá trị: {v}\n"));
                    }
                }
                for t in &i.threshold {
                    let flag = if t.verified {
                        "đã kiểm chứng"
                    } else {
                        "CHƯA KIỂM CHỨNG"
                    };
                    o.push_str(&format!(
                        "      ngưỡng: {} ({}) = {} [{flag}; {}]\n",
                        t.label,
                        t.parameter,
                        show(&t.value, t.unit.as_deref()),
                        t.citation
                    ));
                }
                if let Some(p) = &i.points {
                    let earned = p.earned.map(format_number).unwrap_or_else(|| "?".into());
                    o.push_str(&format!("      điểm: {earned}/{}\n", format_number(p.max)));
                }
                if let Some(s) = i.shortfall {
                    o.push_str(&format!("      còn thiếu: {}\n", format_number(s)));
                }
                if let Some(reason) = &i.reason {
                    if i.status == Outcome::Missing {
                        o.push_str(&format!("      thiếu: {reason}\n"));
                    }
                }
                o.push_str(&format!(
                    "      quy tắc: {}\n",
                    i.expr.split_whitespace().collect::<Vec<_>>().join(" ")
                ));
                o.push_str(&format!("      căn cứ: {}\n", i.citation));
            }
        }
        if let Some(rec) = &r.recognition {
            o.push_str(&format!(
                "\nCông nhận — {} ({}): {}\n",
                rec.title, rec.citation, rec.status_label
            ));
            for c in &rec.conditions {
                o.push_str(&format!("  {} {} — {}\n", c.id, c.name, c.status.label()));
                push_inputs(&mut o, &c.inputs);
                if let (Outcome::Missing, Some(reason)) = (c.status, &c.reason) {
                    o.push_str(&format!("      thiếu: {reason}\n"));
                }
                o.push_str(&format!("      căn cứ: {}\n", c.citation));
            }
        }
        if !r.findings.is_empty() {
            o.push_str("\nPhát hiện:\n");
            for f in &r.findings {
                let at = f
                    .location
                    .as_deref()
                    .map(|l| format!(" ({l})"))
                    .unwrap_or_default();
                o.push_str(&format!("  - {}{at}\n", f.message));
            }
        }
        o.push('\n');
    }
    o
}
