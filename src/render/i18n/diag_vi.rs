//! Vietnamese wording of diagnostics: one arm per problem (no fallback, so a new
//! problem without Vietnamese words does not compile). Words of policy staff, saying
//! what to do; names from the files stay in backticks as written.

use super::Said;
use crate::core::problem::*;

/// "chỉ tiêu 1.1", "điều kiện công nhận 2" …
pub(super) fn owner(o: &Owner) -> String {
    let kind = match o.kind {
        OwnerKind::Indicator => "chỉ tiêu",
        OwnerKind::Condition => "điều kiện công nhận",
        OwnerKind::Verdict => "kết luận",
        OwnerKind::Rollup => "phép tổng hợp",
        OwnerKind::Bucket => "nhóm",
    };
    if let (OwnerKind::Bucket, Some(rollup)) = (o.kind, &o.within) {
        return format!("nhóm `{}` của phép tổng hợp {rollup}", o.id);
    }
    match &o.within {
        Some(set) => format!("{kind} {} của `{set}`", o.id),
        None => format!("{kind} {}", o.id),
    }
}

pub(super) fn kind(k: ValueKind) -> &'static str {
    match k {
        ValueKind::Number => "một số",
        ValueKind::Text => "một chuỗi chữ",
        ValueKind::YesNo => "giá trị có/không",
        ValueKind::Other => "một loại giá trị khác",
    }
}

pub(super) fn did_you_mean(s: &Option<String>) -> Option<String> {
    s.as_ref().map(|s| format!("có phải ý là `{s}`?"))
}

/// `a`, `b`, `c`: names from the files, each in backticks.
pub(super) fn ticked(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn input(p: &InputProblem) -> Said {
    use InputProblem as P;
    match p {
        P::Io { missing: true, .. } => Said::new("không có tệp hay thư mục này")
            .help("kiểm tra lại đường dẫn (tên thư mục, tên tệp, phần mở rộng)"),
        P::Io { detail, .. } => Said::new(format!("không đọc được: `{detail}`"))
            .help("kiểm tra tệp có tồn tại, có quyền đọc và không bị chương trình khác khóa"),
        P::BadLink { looped: true } => Said::new("liên kết này dẫn ngược vào thư mục chứa nó (vòng lặp)")
            .help("xóa liên kết, hoặc đưa vào thư mục thật thay cho liên kết"),
        P::BadLink { looped: false } => Said::new("liên kết này không dẫn tới đâu (tệp đích không còn)")
            .help("xóa liên kết, hoặc chép tệp thật vào đây"),
        P::Encoding { encoding, legacy, .. } => Said::new(if *legacy {
            format!("tệp không phải văn bản UTF-8; có vẻ là bảng mã {encoding}")
        } else {
            "tệp không phải văn bản UTF-8".to_string()
        })
        .help("lưu lại dưới dạng UTF-8 (Excel: CSV UTF-8; Unikey: chuyển mã sang Unicode)"),
        P::NotAFile { .. } => Said::new("đây không phải một tệp thông thường (thiết bị, ống, socket)")
            .help("đưa vào một tệp hoặc một thư mục chứa các tệp"),
        P::FileTooLarge { limit_mb } => Said::new(format!("tệp lớn hơn giới hạn {limit_mb} MB"))
            .help("chia nhỏ tệp (mỗi năm hoặc mỗi huyện một tệp); xem docs/limits.md"),
        P::NoInput { extensions } => Said::new(format!(
            "không có tệp đầu vào nào ở đây (tìm .{})",
            extensions.join(", .")
        ))
        .help("đưa vào thư mục chứa các tệp, hoặc chính các tệp đó"),
        P::TooManyFiles { limit } => Said::new(format!("có hơn {limit} tệp đầu vào"))
            .help("chia thành nhiều lần chạy, mỗi lần một huyện hoặc một năm"),
        P::YamlTab => Said::new("dòng này thụt lề bằng phím Tab; YAML chỉ chấp nhận dấu cách")
            .help("thay Tab bằng dấu cách, thẳng hàng với các khóa cùng mục"),
        P::YamlIndent { key, entry_line, spaces, found } => Said::new(format!(
            "thụt lề sai: `{key}` không thẳng hàng với các khóa khác của mục bắt đầu ở dòng {entry_line} (ở đây {found} dấu cách, cần {spaces})"
        ))
        .help(format!("thụt lề `{key}` bằng {spaces} dấu cách, như các khóa phía trên")),
        P::YamlDecimalComma { number } => Said::new(format!(
            "trong {{ … }} dấu phẩy của `{number}` bị hiểu là dấu ngăn cách hai mục"
        ))
        .help(format!(
            "viết `\"{number}\"` (trong dấu nháy) hoặc `{}`",
            number.replace(',', ".")
        )),
        P::Yaml { fault, .. } => yaml(fault),
        P::UnknownKey { key, expected, suggestion, renamed_to } => {
            let list = ticked(expected);
            let help = match (renamed_to, suggestion) {
                (Some(new), _) => format!(
                    "khóa `{key}:` nay đổi tên là `{new}:`; hãy viết `{new}:` (ghi mức nguồn của giá trị). Các khóa được dùng ở đây: {list}"
                ),
                (None, Some(s)) => format!("có phải ý là `{s}`? Các khóa được dùng ở đây: {list}"),
                (None, None) => format!(
                    "các khóa được dùng ở đây: {list}; khóa thụt lề quá nhiều hoặc quá ít sẽ thuộc về mục khác"
                ),
            };
            Said::new(format!("`{key}` không phải là khóa của mục này")).help(help)
        }
        P::MissingKey { key } => Said::new(format!("mục này thiếu `{key}:`, là khóa bắt buộc")).help(format!(
            "thêm `{key}:` vào mục bắt đầu ở đây, thụt lề như các khóa khác của mục"
        )),
        P::UnknownValue { value, expected, suggestion } => {
            let list = ticked(expected);
            Said::new(format!("`{value}` không phải là một giá trị được dùng ở đây")).help(match suggestion {
                Some(s) => format!("có phải ý là `{s}`? Các giá trị được dùng: {list}"),
                None => format!("các giá trị được dùng: {list}"),
            })
        }
        P::DuplicateKey { key } => Said::new(format!("khóa `{key}` xuất hiện hai lần trong cùng một đối tượng"))
            .help("giữ lại một: không thể đoán ý nào đúng"),
        P::Json { .. } => Said::new("tệp JSON viết sai cú pháp hoặc sai cấu trúc ở đây")
            .help("kiểm tra dấu ngoặc, dấu phẩy, dấu nháy và kiểu của giá trị tại vị trí này"),
    }
}

/// A YAML reader error by kind: what it means for the person editing the file.
fn yaml(fault: &YamlFault) -> Said {
    let indent = "kiểm tra thụt lề: các mục cùng cấp phải bắt đầu ở cùng một cột, dùng dấu cách, không dùng Tab; văn bản có dấu `:`, `#`, `{` hay `[` phải đặt trong dấu nháy";
    match fault {
        YamlFault::Syntax => Said::new("YAML viết sai cú pháp ở đây (thụt lề, dấu ngoặc hoặc dấu nháy)").help(indent),
        YamlFault::Eof => Said::new("tệp kết thúc giữa chừng: một dấu ngoặc hay dấu nháy chưa được đóng")
            .help("đóng dấu ngoặc hoặc dấu nháy đã mở"),
        YamlFault::WrongType => Said::new("giá trị ở đây không đúng loại (ví dụ một danh sách ở chỗ cần một chữ hay một số)")
            .help("so với mẫu trong docs/ hoặc một tệp cùng loại: khóa này cần một giá trị đơn, một danh sách `- …` hay một mục `khóa: giá trị`"),
        YamlFault::BadValue => Said::new("giá trị ở đây không dùng được cho khóa này")
            .help("so với mẫu trong docs/ hoặc một tệp cùng loại"),
        YamlFault::DuplicateKey { key: Some(k) } => Said::new(format!("khóa `{k}` xuất hiện hai lần trong cùng một mục"))
            .help("giữ lại một: không thể đoán ý nào đúng"),
        YamlFault::DuplicateKey { key: None } => Said::new("một khóa xuất hiện hai lần trong cùng một mục")
            .help("giữ lại một: không thể đoán ý nào đúng"),
        YamlFault::NonFinite { value } => Said::new(format!("`{value}` không phải là một số dùng được"))
            .help("ghi một số cụ thể, hoặc để trống nếu chưa có số liệu"),
        YamlFault::Limit => Said::new("tệp lồng nhau quá sâu hoặc dùng bí danh (`*`) quá nhiều")
            .help("viết các mục trực tiếp, không lồng quá nhiều cấp và không dùng `&`/`*`"),
        YamlFault::UnknownAnchor => Said::new("bí danh `*…` trỏ tới một neo `&…` không có")
            .help("viết giá trị trực tiếp thay cho bí danh"),
        YamlFault::Other => Said::new("trình đọc YAML không đọc được đoạn này").help(indent),
    }
}
