//! Vietnamese wording of diagnostics, by code, from the values they carry. Codes not
//! listed here keep the library's English wording until they are translated.

use crate::diag::Diagnostic;

/// "indicator 1.1" → "chỉ tiêu 1.1" (the items an expression belongs to).
fn what(d: &Diagnostic) -> String {
    let w = d.get("what").unwrap_or_default();
    for (en, vi) in [
        ("indicator", "chỉ tiêu"),
        ("condition", "điều kiện"),
        ("roll-up", "phép tổng hợp"),
        ("bucket", "nhóm"),
    ] {
        if let Some(rest) = w.strip_prefix(en) {
            return format!("{vi}{rest}");
        }
    }
    w.to_string()
}

fn type_vi(t: &str) -> &str {
    match t {
        "a number" | "number" => "một số",
        "a text" | "text" => "một chuỗi chữ",
        "yes/no" | "a yes/no value" => "giá trị có/không",
        other => other,
    }
}

pub fn message(d: &Diagnostic) -> (String, Option<String>) {
    let arg = |k: &str| d.get(k).unwrap_or_default().to_string();
    let same = (d.message.clone(), d.help.clone());
    match d.code {
        "unknown-field" => {
            let name = arg("name");
            let msg = format!(
                "biểu thức của {} dùng `{name}`, không phải trường dữ liệu hay tham số đã khai báo",
                what(d)
            );
            let help = match d.get("suggestion") {
                Some(s) => format!("có phải ý là `{s}`? Nếu không, khai báo `{name}` trong `fields:`"),
                None => format!(
                    "khai báo `{name}` trong `fields:` (kèm nhãn, kiểu và đơn vị) hoặc trong `parameters:`"
                ),
            };
            (msg, Some(help))
        }
        "type-mismatch" if d.get("op").is_some() => (
            format!(
                "trong biểu thức của {}: `{}` so sánh {} với {}; kết quả luôn là sai",
                what(d),
                arg("op"),
                type_vi(&arg("left")),
                type_vi(&arg("right"))
            ),
            Some("so sánh một trường với giá trị cùng kiểu (xem `type:` của trường)".into()),
        ),
        "expression-syntax" => (
            format!("biểu thức của {} viết sai cú pháp: {}", what(d), arg("detail")),
            Some(
                "biểu thức so sánh trường và tham số, ví dụ `ho_dien_pct >= ho_dien_min`; không dùng câu lệnh, vòng lặp hay hàm"
                    .into(),
            ),
        ),
        "unknown-unit" => {
            let name = arg("name");
            let msg = match (d.get("suggestion"), d.get("candidates")) {
                (Some(s), _) => format!("không có đơn vị tên `{name}`; có phải ý là `{s}`?"),
                (None, Some(c)) => format!(
                    "`{name}` trùng tên nhiều đơn vị ({c}); ghi thêm xã cha hoặc dùng mã đơn vị"
                ),
                (None, None) if d.get("name").is_some() => {
                    format!("không có đơn vị tên `{name}` trong bộ dữ liệu")
                }
                _ => return same,
            };
            (
                msg,
                Some(
                    "đơn vị khai báo trong `units:` của tệp dữ liệu (đưa cả thư mục vào --data để đọc hết); tên được so khớp theo mã, tên hoặc tên khác, không phân biệt hoa thường"
                        .into(),
                ),
            )
        }
        "io" if d.get("missing") == Some("true") => ("không có tệp hay thư mục này".into(), None),
        "io" => (format!("không đọc được: {}", d.message), None),
        "encoding" => (
            "tệp không phải văn bản UTF-8; hãy lưu lại dạng UTF-8 (trong Excel: CSV UTF-8)".into(),
            None,
        ),
        "yaml-indent" => (
            format!(
                "khóa không thẳng hàng với các khóa khác của mục (thụt lề sai): {}",
                d.message
            ),
            Some("thụt lề khóa này bằng số dấu cách như các khóa phía trên".into()),
        ),
        "yaml" => (format!("lỗi YAML: {}", d.message), d.help.clone()),
        "unknown-ruleset" if d.get("name").is_some() => (
            format!("không có bộ tiêu chí `{}`", arg("name")),
            d.get("suggestion").map(|s| format!("có phải ý là `{s}`?")),
        ),
        "override" if d.get("param").is_some() => (
            format!(
                "không bộ tiêu chí nào đã nạp có tham số `{}`{}",
                arg("param"),
                d.get("suggestion")
                    .map(|s| format!("; có phải ý là `{s}`?"))
                    .unwrap_or_default()
            ),
            None,
        ),
        "no-data" => (
            "không có tệp dữ liệu (.yaml, .yml, .json, .csv) ở đây".into(),
            None,
        ),
        "no-result" => (
            format!(
                "`{}` không có bản ghi nào được đánh giá{}",
                arg("name"),
                d.get("year").map(|y| format!(" năm {y}")).unwrap_or_default()
            ),
            None,
        ),
        _ => robustness(d).unwrap_or(same),
    }
}

/// Codes of the robustness checks (issue 14), kept in their own block.
fn robustness(d: &Diagnostic) -> Option<(String, Option<String>)> {
    let arg = |k: &str| d.get(k).unwrap_or_default().to_string();
    Some(match d.code {
        "encoding" if d.get("encoding").is_some() => (
            format!(
                "tệp không phải văn bản UTF-8; có vẻ là bảng mã {}",
                arg("encoding")
            ),
            Some(
                "lưu lại dưới dạng UTF-8 (Excel: CSV UTF-8; Unikey: chuyển mã sang Unicode)".into(),
            ),
        ),
        "file-too-large" => (
            format!("tệp lớn hơn giới hạn {} MB", arg("limit_mb")),
            Some("chia nhỏ tệp (mỗi năm hoặc mỗi huyện một tệp); xem docs/limits.md".into()),
        ),
        "not-a-file" => (
            "đây không phải một tệp thông thường (thiết bị, ống, socket)".into(),
            None,
        ),
        "no-input" => (
            format!(
                "không có tệp đầu vào nào ở đây (tìm .{})",
                arg("extensions").replace(", ", ", .")
            ),
            None,
        ),
        "table-outside" => (
            format!("`{}` nằm ngoài thư mục của bộ dữ liệu", arg("file")),
            Some("chép bảng vào thư mục bộ dữ liệu, hoặc tự đưa nó vào --data".into()),
        ),
        "duplicate-key" => (
            format!(
                "khóa `{}` xuất hiện hai lần trong cùng một đối tượng",
                arg("key")
            ),
            Some("giữ lại một: không thể đoán ý nào đúng".into()),
        ),
        "duplicate-column" => (
            format!("hai cột cùng chứa một nội dung (`{}`)", arg("column")),
            Some("bỏ một cột, hoặc ánh xạ một cột sang `ignore` trong `tables: … columns:`".into()),
        ),
        "bad-year" => (
            format!("năm {} không hợp lý (phải từ 1900 đến 2200)", arg("year")),
            None,
        ),
        "parent-cycle" => (
            format!("đơn vị `{}` là cấp trên của chính nó", arg("unit")),
            None,
        ),
        "parent-kind" => (
            format!(
                "đơn vị `{}` không thể thuộc `{}`: đơn vị cấp trên phải lớn hơn",
                arg("unit"),
                arg("parent")
            ),
            Some("thôn thuộc xã hoặc thị trấn; xã thuộc huyện hoặc tỉnh".into()),
        ),
        "no-parent" => (
            format!(
                "thôn `{}` không có đơn vị cấp trên; ghi xã của nó ở `parent:`",
                arg("unit")
            ),
            None,
        ),
        "supersedes-cycle" => (
            format!("`{}` không thể thay thế `{}`", arg("ruleset"), arg("old")),
            Some("`supersedes:` chỉ liệt kê các bộ tiêu chí cũ hơn mà bộ này thay thế".into()),
        ),
        "division-by-zero" => (format!("biểu thức của {} chia cho 0", what(d)), None),
        "empty-table" => ("bảng không có dòng dữ liệu nào".into(), None),
        "empty-file" => (
            "tệp không có bộ dữ liệu, đơn vị, bản ghi hay bảng nào".into(),
            None,
        ),
        "plan-empty" => ("kế hoạch không có mục tiêu nào".into(), None),
        "plan-attribute" => (
            format!(
                "không đơn vị nào có thuộc tính `{}` (ghi ở `where:`)",
                arg("attribute")
            ),
            None,
        ),
        _ => return None,
    })
}
