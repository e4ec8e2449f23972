//! Vietnamese wording of diagnostics, by code, from the values they carry. Codes not
//! listed here keep the library's English wording until they are translated.

use crate::core::diag::Diagnostic;

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
        "another kind of value" => "một loại giá trị khác",
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
        "yaml-indent" if d.get("key").is_some() => (
            format!(
                "thụt lề sai: `{}` không thẳng hàng với các khóa khác của mục bắt đầu ở dòng {} (ở đây {} dấu cách, cần {})",
                arg("key"),
                arg("line"),
                arg("found"),
                arg("spaces")
            ),
            Some(format!(
                "thụt lề `{}` bằng {} dấu cách, như các khóa phía trên",
                arg("key"),
                arg("spaces")
            )),
        ),
        "yaml-indent" => (
            format!("thụt lề sai: {}", d.message),
            Some("thụt lề khóa này bằng số dấu cách như các khóa phía trên".into()),
        ),
        "yaml-decimal-comma" => (
            format!(
                "trong {{ … }} dấu phẩy của `{}` bị hiểu là dấu ngăn cách hai mục",
                arg("number")
            ),
            Some(format!(
                "viết `\"{}\"` (trong dấu nháy) hoặc `{}`",
                arg("number"),
                arg("dot")
            )),
        ),
        "yaml-tab" => (
            "dòng này thụt lề bằng phím Tab; YAML chỉ chấp nhận dấu cách".into(),
            Some("thay Tab bằng dấu cách, thẳng hàng với các khóa cùng mục".into()),
        ),
        "unknown-key" => {
            let key = arg("key");
            let help = match d.get("suggestion") {
                Some(s) => format!(
                    "có phải ý là `{s}`? Các khóa được dùng ở đây: {}",
                    arg("expected")
                ),
                None => format!(
                    "các khóa được dùng ở đây: {}; khóa thụt lề quá nhiều hoặc quá ít sẽ thuộc về mục khác",
                    arg("expected")
                ),
            };
            (format!("`{key}` không phải là khóa của mục này"), Some(help))
        }
        "missing-key" => (
            format!("mục này thiếu `{}:`, là khóa bắt buộc", arg("key")),
            Some(format!(
                "thêm `{}:` vào mục bắt đầu ở đây, thụt lề như các khóa khác của mục",
                arg("key")
            )),
        ),
        "expression-operator" => {
            let (found, write) = (arg("found"), arg("write"));
            (
                format!(
                    "trong biểu thức của {}: `{found}` không phải là phép toán của biểu thức",
                    what(d)
                ),
                Some(format!(
                    "viết `{write}` thay cho `{found}` (so sánh: >= <= == !=; “và”: &&; “hoặc”: ||; “không”: !)"
                )),
            )
        }
        "unregistered-document" if d.get("document").is_some() => (
            format!(
                "văn bản {} ({}) chưa có trong sổ văn bản",
                arg("document"),
                arg("set")
            ),
            Some("thêm văn bản vào sổ (rules/registers/van-ban.yaml) với ngày, cơ quan ban hành, trích yếu và văn bản nó sửa đổi hay thay thế".into()),
        ),
        "overlapping-validity" if d.get("a").is_some() => (
            format!(
                "hai bộ tiêu chí `{}` ({}, {}) và `{}` ({}, {}) cùng có hiệu lực cho {} {} trong cùng những ngày",
                arg("a"),
                arg("a_file"),
                arg("a_dates"),
                arg("b"),
                arg("b_file"),
                arg("b_dates"),
                arg("level"),
                arg("stage")
            ),
            Some("ghi `valid_until` cho bộ cũ, hoặc ghi bộ cũ trong `supersedes:` của bộ mới".into()),
        ),
        "unknown-value" => (
            format!("`{}` không phải là một giá trị được dùng ở đây", arg("value")),
            Some(match d.get("suggestion") {
                Some(s) => format!("có phải ý là `{s}`? Các giá trị được dùng: {}", arg("expected")),
                None => format!("các giá trị được dùng: {}", arg("expected")),
            }),
        ),
        "expression-type" if d.get("gives").is_some() => (
            format!(
                "biểu thức của {} phải cho {}, nhưng lại cho {}",
                what(d),
                if arg("want") == "yes/no" {
                    "giá trị có/không (true/false)".to_string()
                } else {
                    type_vi(&arg("want")).to_string()
                },
                type_vi(&arg("gives"))
            ),
            Some(if arg("want") == "yes/no" {
                "viết một phép so sánh, ví dụ `ho_dien_pct >= ho_dien_min`; giá trị đo được ghi ở `value:`".into()
            } else {
                "biểu thức của `value:` cho con số đo được, ví dụ `ho_dien_pct`".into()
            }),
        ),
        "unknown-function" if d.get("function").is_some() => (
            format!(
                "biểu thức của {} gọi hàm `{}`, là hàm không được dùng trong biểu thức",
                what(d),
                arg("function")
            ),
            Some("dùng phép so sánh, phép tính, &&, ||, !, và các hàm đơn giản như abs, min, max, round".into()),
        ),
        "expression-limit" if d.get("what").is_some() => (
            format!("biểu thức của {} quá dài hoặc quá phức tạp", what(d)),
            Some("biểu thức trong tệp quy tắc phải là phép so sánh ngắn".into()),
        ),
        "parameter-number" => (
            format!("`{}` có thể hiểu thành hai số khác nhau", arg("value")),
            Some(format!(
                "viết số không có dấu nháy và không có dấu phân cách hàng nghìn: `{}` nếu là số nguyên; số thập phân viết `85,5` hoặc `85.5`",
                arg("plain")
            )),
        ),
        "unknown-document" if d.get("document").is_some() => (
            format!(
                "trích dẫn ghi văn bản `{}`, nhưng bộ tiêu chí không khai báo văn bản này",
                arg("document")
            ),
            Some(match d.get("suggestion") {
                Some(s) => format!("có phải ý là `{s}`? Trích dẫn phải ghi một văn bản khai báo trong `ruleset:` (document, guidance hoặc based_on)"),
                None => "khai báo văn bản trong `ruleset:` (document, guidance hoặc based_on) với số, ngày, cơ quan ban hành và trích yếu".into(),
            }),
        ),
        "duplicate-parameter" if d.get("param").is_some() => (
            format!("tham số `{}` được khai báo hai lần", arg("param")),
            Some("giữ lại một khai báo".into()),
        ),
        "duplicate-field" if d.get("field").is_some() => (
            format!("trường `{}` được khai báo hai lần", arg("field")),
            Some("giữ lại một khai báo".into()),
        ),
        "parameter-values" if d.get("param").is_some() => (
            format!("tham số `{}` chưa có giá trị nào", arg("param")),
            Some("thêm ít nhất một mục trong `values:` gồm value, citation và source_level".into()),
        ),
        "parameter-overlap" if d.get("param").is_some() => (
            format!(
                "tham số `{}` có hai giá trị cho cùng năm/vùng/nhóm (giá trị kia ở dòng {})",
                arg("param"),
                arg("other")
            ),
            Some("mỗi giá trị cần `year`, `region` hoặc `group` riêng, hoặc bỏ bớt một; muốn đổi giá trị từ một năm về sau thì viết văn bản sửa đổi (`ntm new amendment`) thay vì sửa tại chỗ".into()),
        ),
        "unused-field" if d.get("field").is_some() => (
            format!(
                "trường `{}` được khai báo nhưng không chỉ tiêu nào đọc",
                arg("field")
            ),
            Some("dùng nó trong `expr:` hay `value:` của một chỉ tiêu, hoặc xóa đi".into()),
        ),
        "untested-indicator" if d.get("ids").is_some() => (
            format!(
                "{} chỉ tiêu của `{}` chưa có ca kiểm thử: {}",
                arg("count"),
                arg("set"),
                arg("ids")
            ),
            Some("thêm vào `tests:` một ca vừa đạt và một ca vừa không đạt cho mỗi ngưỡng".into()),
        ),
        "no-department" if d.get("ids").is_some() => (
            format!(
                "{} tiêu chí của `{}` chưa ghi phòng, ban phụ trách: {}",
                arg("count"),
                arg("set"),
                arg("ids")
            ),
            Some("thêm `department:` cho từng tiêu chí (tên trong rules/registers/phong-ban.yaml)".into()),
        ),
        "unused-parameter" if d.get("param").is_some() => (
            format!("tham số `{}` không được chỉ tiêu nào dùng", arg("param")),
            Some("dùng nó trong `expr:` của một chỉ tiêu, hoặc xóa đi".into()),
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
