//! One row per unit, year and rule set, with one column per criterion marked 1 (met),
//! 0 (not met) or empty (no data): the layout of the plans' annex tables.

use crate::report::{Report, Status};

pub fn render(report: &Report) -> String {
    // Criteria columns: the union over the rule sets in the report, in first-seen order.
    let mut crit: Vec<String> = Vec::new();
    for r in &report.results {
        for c in &r.criteria {
            if !crit.contains(&c.id) {
                crit.push(c.id.clone());
            }
        }
    }
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    let mut header: Vec<String> = [
        "unit_id",
        "unit_name",
        "kind",
        "parent",
        "parent_name",
        "year",
        "ruleset",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(crit.iter().map(|c| format!("tc_{c}")));
    header.extend(
        [
            "met",
            "total",
            "verdict",
            "reported_total",
            "unverified",
            "findings",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    let _ = w.write_record(&header);
    for r in &report.results {
        let mut row = vec![
            r.unit.id.clone(),
            r.unit.name.clone(),
            r.unit.kind.clone(),
            r.unit.parent.clone().unwrap_or_default(),
            r.unit.parent_name.clone().unwrap_or_default(),
            r.year.to_string(),
            r.ruleset.clone(),
        ];
        for id in &crit {
            let cell = match r.criteria.iter().find(|c| &c.id == id).map(|c| c.status) {
                Some(Status::Met) => "1",
                Some(Status::NotMet) => "0",
                _ => "",
            };
            row.push(cell.to_string());
        }
        row.push(r.met.to_string());
        row.push(r.total.to_string());
        row.push(
            serde_json::to_value(r.verdict)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default(),
        );
        row.push(r.reported_total.map(|t| t.to_string()).unwrap_or_default());
        row.push(r.unverified.to_string());
        row.push(
            r.findings
                .iter()
                .map(|f| f.message.clone())
                .collect::<Vec<_>>()
                .join(" | "),
        );
        let _ = w.write_record(&row);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
