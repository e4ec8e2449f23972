//! English wording of diagnostics about the fill-in sheet and `ntm new`.

use super::Said;
use crate::core::problem::AuthoringProblem;

pub(super) fn authoring(p: &AuthoringProblem) -> Said {
    use AuthoringProblem as P;
    let col =
        |c: &str, msg: String, help: &str| Said::new(format!("column `{c}`: {msg}")).help(help);
    match p {
        P::SheetUnreadable { detail } => Said::new(detail.clone()),
        P::SheetNoColumn { column } => Said::new(format!("the sheet has no column `{column}`"))
            .help("write the sheet with `ntm pending SET --output sheet.csv` and keep its header row"),
        P::SheetNoCriterion { set, criterion } => col("Tiêu chí", format!("{set} has no criterion `{criterion}`"), "keep the criterion numbers of the sheet ntm wrote"),
        P::SheetNoIndicator => col("Chỉ tiêu", "an indicator needs its number and its name".into(), "write the indicator's number (e.g. 1.2) and name as printed in the decision"),
        P::SheetFieldId { field } => col("Mã trường", format!("`{field}` is not a field id"), "use lower-case letters, digits and _ (e.g. ho_dien_pct), or leave it empty"),
        P::SheetComparison { found } => col("So sánh", format!("`{found}` is not a comparison"), "write >=, <=, =, >, <, or the words: tối thiểu (at least), không thấp hơn, tối đa (at most), không quá, có/đạt (yes)"),
        P::SheetValue { found, detail } => col("Giá trị", format!("`{found}`: {detail}"), "write a number the Vietnamese way (85,5) or có/không with ="),
        P::SheetLevel { found } => col("Mức nguồn", format!("`{found}` is not a source level"), "write chính thức (official), thứ cấp (secondary) or chưa có nguồn (none)"),
        P::SheetGroup { set, group } => col("Nhóm xã", format!("{set} has no commune group `{group}`"), "use a group the set declares, or leave it empty"),
        P::SheetEmpty => Said::new("the sheet has no filled row").help("write the threshold in `Giá trị` on at least one row"),
        P::SheetSecondValue { indicator, first_line } => Said::new(format!(
            "indicator {indicator} has a second value for the same group, region and years (first on line {first_line})"
        )),
        P::SheetValueRange { found, read, min, max, unit } => col("Giá trị", format!(
            "`{found}` reads as {read}{}, outside {min}–{max}",
            if unit.is_empty() { String::new() } else { format!(" {unit}") }
        ), "write numbers the Vietnamese way: a comma for decimals (85,5), dots between thousands"),
        P::SheetIndicatorExists { indicator, set } => col("Chỉ tiêu", format!("{set} already has indicator {indicator}"), "the sheet adds indicators the set lacks; change an existing threshold with `ntm new amendment --set`"),
        P::SheetYesValue { found } => col("Giá trị", format!("`{found}` is not yes"), "leave it empty or write có when the comparison is có/đạt"),
        P::SheetNoAddress { level } => col("Địa chỉ nguồn", format!("a value of level `{level}` needs a section of the document or a source address"), "write the article or annex row in `Mục trong văn bản` or the page read in `Địa chỉ nguồn`; if the text was not read, write chưa có nguồn as the level"),
        P::SheetYear { column, found, first, last } => col(column, format!(
            "`{found}` is not a year in {first}–{}",
            last.map(|l| l.to_string()).unwrap_or_else(|| "…".into())
        ), "write a four-digit year while the set is in force, the first not after the last"),
        P::SheetMissingGroup { indicator, groups } => col("Nhóm xã", format!(
            "indicator {indicator} has no value for group {}",
            groups.join(", ")
        ), "add a row for each missing group, with its value or \"không áp dụng\" (not applicable)"),
        P::SheetMissingYears { indicator, group, years } => col("Từ năm", format!(
            "indicator {indicator}{} has no value for {}",
            if group.is_empty() { String::new() } else { format!(", group {group}") },
            years.iter().map(i32::to_string).collect::<Vec<_>>().join(", ")
        ), "add rows for the missing years, or leave `Từ năm`/`Đến năm` empty for a value of every year"),
        P::AmendPending { param, set, criteria } => Said::new(format!(
            "`{set}` has no parameter `{param}`: criteria {} await a source, their indicators and thresholds are not written yet",
            criteria.join(", ")
        ))
        .help(format!("fill the sheet first: `ntm pending {set} --output phieu.csv`, write the thresholds in it, then `ntm pending {set} --fill phieu.csv --output chi-tieu.yaml`")),
        P::ScaffoldFromAmendment { from } => {
            Said::new(format!("`{from}` is an amendment; copy the set it amends")).help("give the id of the base set with --from")
        }
        P::ScaffoldExists { id, amendment } => Said::new(format!("a rule set `{id}` already exists"))
            .help(if *amendment { "choose another id (--id)" } else { "choose a new id (--id)" }),
        P::ScaffoldTooEarly { base, from, amendment: false } => Said::new(format!("the new set must start after `{base}` (in force from {from})"))
            .help("give a later start date (--valid-from)"),
        P::ScaffoldTooEarly { base, from, amendment: true } => Said::new(format!("the amendment must start after `{base}` (in force from {from})"))
            .help("give a later start date (--from)"),
        P::ScaffoldNotRuleSet => Said::new("not a rule set"),
        P::ScaffoldBaseEnded { base, from, end } => Said::new(format!(
            "`{base}` is no longer in force on {from} (its last day is {end})"
        ))
        .help("amend the set in force on that day, or give an earlier start date (--from)"),
        P::ScaffoldYaml { detail } => Said::new(format!(
            "the generated file could not be written as YAML: {detail}"
        )),
    }
}
