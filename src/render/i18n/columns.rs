//! Column headers of the annex CSV for Excel, by the machine code plain CSV uses as its
//! header (a file of their own: the catalogues' trait stays as it is).

use super::Lang;

/// The header of an annex CSV column for people, from its machine code.
pub fn annex_column(lang: Lang, code: &str) -> &'static str {
    match lang {
        Lang::Vi => match code {
            "unit_id" => "Mã đơn vị",
            "unit_name" => "Tên thôn/xã",
            "kind" => "Loại",
            "parent" => "Mã cấp trên",
            "parent_name" => "Cấp trên",
            "year" => "Năm",
            "ruleset" => "Bộ tiêu chí",
            "met" => "Số tiêu chí đạt",
            "total" => "Số tiêu chí của bộ",
            "verdict" => "Kết luận",
            "reported_total" => "Tổng ghi trong nguồn",
            "unverified" => "Dựa trên ngưỡng chưa kiểm chứng",
            "findings" => "Phát hiện",
            _ => "",
        },
        Lang::En => match code {
            "unit_id" => "Unit code",
            "unit_name" => "Unit",
            "kind" => "Kind",
            "parent" => "Parent code",
            "parent_name" => "Parent",
            "year" => "Year",
            "ruleset" => "Rule set",
            "met" => "Criteria met",
            "total" => "Criteria in the set",
            "verdict" => "Conclusion",
            "reported_total" => "Total in the source",
            "unverified" => "Rests on an unverified threshold",
            "findings" => "Findings",
            _ => "",
        },
    }
}

/// A criterion column's header for people: "TC 4" (tiêu chí), "Crit. 4".
pub fn criterion_column(lang: Lang, id: &str) -> String {
    match lang {
        Lang::Vi => format!("TC {id}"),
        Lang::En => format!("Crit. {id}"),
    }
}
