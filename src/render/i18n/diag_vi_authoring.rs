//! Vietnamese wording of diagnostics about the fill-in sheet and `ntm new`.

use super::Said;
use crate::core::problem::AuthoringProblem;

pub(super) fn authoring(p: &AuthoringProblem) -> Said {
    use AuthoringProblem as P;
    let col = |c: &str, msg: String, help: &str| Said::new(format!("cột `{c}`: {msg}")).help(help);
    match p {
        P::SheetUnreadable { .. } => Said::new("không đọc được bảng điền (tệp CSV viết sai ở đây)")
            .help("mở bảng bằng Excel và lưu lại dạng CSV UTF-8"),
        P::SheetNoColumn { column } => Said::new(format!("bảng điền không có cột `{column}`"))
            .help("tạo bảng bằng `ntm pending SET --output sheet.csv` và giữ nguyên dòng tiêu đề"),
        P::SheetNoCriterion { set, criterion } => col("Tiêu chí", format!("`{set}` không có tiêu chí `{criterion}`"), "giữ nguyên số tiêu chí trong bảng ntm đã tạo"),
        P::SheetNoIndicator => col("Chỉ tiêu", "chỉ tiêu cần có số và tên".into(), "ghi số chỉ tiêu (ví dụ 1.2) và tên như trong quyết định"),
        P::SheetFieldId { field } => col("Mã trường", format!("`{field}` không phải là mã trường hợp lệ"), "dùng chữ thường không dấu, chữ số và _ (ví dụ ho_dien_pct), hoặc để trống"),
        P::SheetComparison { found } => col("So sánh", format!("`{found}` không phải là phép so sánh"), "ghi >=, <=, =, >, <, hoặc chữ: tối thiểu, không thấp hơn, tối đa, không quá, có/đạt"),
        P::SheetValue { found, .. } => col("Giá trị", format!("`{found}` không phải là một số"), "ghi số theo cách Việt Nam (85,5), hoặc có/không khi so sánh bằng ="),
        P::SheetLevel { found } => col("Mức nguồn", format!("`{found}` không phải là mức nguồn"), "ghi chính thức, thứ cấp hoặc chưa có nguồn"),
        P::SheetGroup { set, group } => col("Nhóm xã", format!("`{set}` không có nhóm xã `{group}`"), "dùng một nhóm mà bộ tiêu chí khai báo, hoặc để trống"),
        P::SheetEmpty => Said::new("bảng điền chưa có dòng nào được điền").help("ghi ngưỡng vào cột `Giá trị` ở ít nhất một dòng"),
        P::SheetSecondValue { indicator, first_line } => Said::new(format!(
            "chỉ tiêu {indicator} có giá trị thứ hai cho cùng nhóm, vùng và năm (giá trị đầu ở dòng {first_line})"
        ))
        .help("giữ lại một giá trị cho mỗi nhóm, vùng và năm"),
        P::SheetValueRange { found, read, min, max, unit } => col("Giá trị", format!(
            "`{found}` được đọc là {read}{}, ngoài khoảng {min}–{max}",
            if unit.is_empty() { String::new() } else { format!(" {unit}") }
        ), "ghi số theo cách Việt Nam: dấu phẩy là dấu thập phân (85,5), dấu chấm ngăn hàng nghìn"),
        P::SheetIndicatorExists { indicator, set } => col("Chỉ tiêu", format!("`{set}` đã có chỉ tiêu {indicator}"), "phiếu chỉ thêm chỉ tiêu chưa có; đổi một ngưỡng đã có bằng `ntm new amendment --set`"),
        P::SheetYesValue { found } => col("Giá trị", format!("`{found}` không phải là có/đạt"), "để trống hoặc ghi có khi so sánh là có/đạt"),
        P::SheetNoAddress { level } => col("Địa chỉ nguồn", format!("giá trị mức `{level}` cần ghi mục trong văn bản hoặc địa chỉ nguồn"), "ghi điều, khoản, phụ lục ở `Mục trong văn bản` hoặc trang đã đọc ở `Địa chỉ nguồn`; nếu chưa đọc được văn bản, ghi mức nguồn là chưa có nguồn"),
        P::SheetYear { column, found, first, last } => col(column, format!(
            "`{found}` không phải là năm trong khoảng {first}–{}",
            last.map(|l| l.to_string()).unwrap_or_else(|| "…".into())
        ), "ghi năm bằng bốn chữ số, trong thời gian bộ tiêu chí có hiệu lực, năm đầu không sau năm cuối"),
        P::SheetMissingGroup { indicator, groups } => col("Nhóm xã", format!(
            "chỉ tiêu {indicator} chưa có giá trị cho nhóm {}",
            groups.join(", ")
        ), "thêm một dòng cho mỗi nhóm còn thiếu, ghi giá trị hoặc \"không áp dụng\""),
        P::SheetMissingYears { indicator, group, years } => col("Từ năm", format!(
            "chỉ tiêu {indicator}{} chưa có giá trị cho năm {}",
            if group.is_empty() { String::new() } else { format!(", nhóm {group}") },
            years.iter().map(i32::to_string).collect::<Vec<_>>().join(", ")
        ), "thêm dòng cho những năm còn thiếu, hoặc để trống `Từ năm`/`Đến năm` khi một giá trị dùng cho mọi năm"),
        P::AmendPending { param, set, criteria } => Said::new(format!(
            "`{set}` chưa có tham số `{param}`: tiêu chí {} đang chờ nguồn, chỉ tiêu và ngưỡng của chúng chưa được ghi",
            criteria.join(", ")
        ))
        .help(format!("điền phiếu trước: `ntm pending {set} --output phieu.csv`, ghi ngưỡng vào phiếu, rồi `ntm pending {set} --fill phieu.csv --output chi-tieu.yaml`")),
        P::ScaffoldFromAmendment { from } => Said::new(format!("`{from}` là văn bản sửa đổi; hãy sao chép bộ tiêu chí mà nó sửa đổi"))
            .help("ghi mã bộ tiêu chí gốc ở --from"),
        P::ScaffoldExists { id, .. } => Said::new(format!("đã có bộ tiêu chí `{id}`")).help("chọn mã khác (--id)"),
        P::ScaffoldTooEarly { base, from, amendment } => Said::new(format!(
            "{} phải có hiệu lực sau `{base}` (có hiệu lực từ {from})",
            if *amendment { "văn bản sửa đổi" } else { "bộ tiêu chí mới" }
        ))
        .help("ghi ngày có hiệu lực muộn hơn"),
        P::ScaffoldNotRuleSet => Said::new("tệp này không phải bộ tiêu chí"),
        P::ScaffoldBaseEnded { base, from, end } => Said::new(format!(
            "`{base}` đã hết hiệu lực vào ngày {from} (ngày cuối cùng là {end})"
        ))
        .help("sửa đổi bộ tiêu chí đang có hiệu lực vào ngày đó, hoặc ghi ngày có hiệu lực sớm hơn (--from)"),
        P::ScaffoldYaml { detail } => Said::new(format!(
            "không ghi được tệp tạo ra thành YAML: {detail}"
        )),
    }
}
