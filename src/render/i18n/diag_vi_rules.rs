//! Vietnamese wording of diagnostics about rule files and their expressions.

use super::diag_vi::{did_you_mean, kind, owner, ticked};
use super::Said;
use crate::core::problem::*;

const SHORT: &str = "biểu thức trong tệp quy tắc phải là phép so sánh ngắn";
const ONE: &str = "giữ lại một khai báo";
const ID: &str = "chỉ dùng chữ thường không dấu, chữ số và `_`";

pub(super) fn expr(p: &ExprProblem) -> Said {
    use ExprProblem as P;
    match p {
        P::UnknownField { owner: o, name, suggestion, .. } => Said::new(format!(
            "biểu thức của {} dùng `{name}`, không phải trường dữ liệu hay tham số đã khai báo",
            owner(o)
        ))
        .help(match suggestion {
            Some(s) => format!("có phải ý là `{s}`? Nếu không, khai báo `{name}` trong `fields:`"),
            None => format!("khai báo `{name}` trong `fields:` (kèm nhãn, kiểu và đơn vị) hoặc trong `parameters:`"),
        }),
        P::ExpressionSyntax { owner: o, detail } => Said::new(format!(
            "biểu thức của {} viết sai cú pháp (`{detail}`)",
            owner(o)
        ))
        .help("biểu thức so sánh trường và tham số, ví dụ `ho_dien_pct >= ho_dien_min`; không dùng câu lệnh, vòng lặp hay hàm"),
        P::ExpressionOperator { owner: o, found, write } => Said::new(format!(
            "trong biểu thức của {}: `{found}` không phải là phép toán của biểu thức",
            owner(o)
        ))
        .help(format!(
            "viết `{write}` thay cho `{found}` (so sánh: >= <= == !=; “và”: &&; “hoặc”: ||; “không”: !)"
        )),
        P::DivisionByZero { owner: o } => Said::new(format!("biểu thức của {} chia cho 0", owner(o)))
            .help("phép chia cho 0 không có giá trị; hãy chia cho một trường hay tham số không bao giờ bằng 0"),
        P::TypeMismatch { owner: o, op, left, right } => Said::new(format!(
            "trong biểu thức của {}: `{op}` so sánh {} với {}; kết quả luôn là sai",
            owner(o),
            kind(*left),
            kind(*right)
        ))
        .help("so sánh một trường với giá trị cùng kiểu (xem `type:` của trường)"),
        P::WrongOperands { owner: o, signature } => Said::new(format!(
            "biểu thức của {} tính toán trên các giá trị sai kiểu (`{signature}`)",
            owner(o)
        ))
        .help("kiểm tra kiểu của các trường mà biểu thức dùng (xem `type:` của từng trường)"),
        P::ExpressionType { owner: o, want: ValueKind::YesNo, gives, .. } => Said::new(format!(
            "biểu thức của {} phải cho giá trị có/không (true/false), nhưng lại cho {}",
            owner(o),
            kind(*gives)
        ))
        .help("viết một phép so sánh, ví dụ `ho_dien_pct >= ho_dien_min`; giá trị đo được ghi ở `value:`"),
        P::ExpressionType { owner: o, gives, score: true, .. } => Said::new(format!(
            "biểu thức tính điểm (`score:`) của {} cho {}, không phải một số",
            owner(o),
            kind(*gives)
        ))
        .help("biểu thức `score:` phải cho số điểm, ví dụ `ho_dien_pct / 10`"),
        P::ExpressionType { owner: o, gives, .. } => Said::new(format!(
            "biểu thức của {} phải cho một số, nhưng lại cho {}",
            owner(o),
            kind(*gives)
        ))
        .help("biểu thức của `value:` cho con số đo được, ví dụ `ho_dien_pct`"),
        P::ExpressionLimit { owner: o, .. } => {
            Said::new(format!("biểu thức của {} quá dài hoặc quá phức tạp", owner(o))).help(SHORT)
        }
        P::UnknownFunction { owner: o, function } => Said::new(format!(
            "biểu thức của {} gọi hàm `{function}`, là hàm không được dùng trong biểu thức",
            owner(o)
        ))
        .help("dùng phép so sánh, phép tính, &&, ||, !, và các hàm đơn giản như abs, min, max, round"),
        P::ExpressionError { owner: o, detail } => Said::new(format!(
            "biểu thức của {} không tính được (`{detail}`)",
            owner(o)
        ))
        .help("kiểm tra lại biểu thức: tên trường, kiểu giá trị và phép toán"),
    }
}

pub(super) fn rule(p: &RuleProblem) -> Said {
    use RuleProblem as P;
    match p {
        P::DuplicateField { field } => Said::new(format!("trường `{field}` được khai báo hai lần")).help(ONE),
        P::FieldId { id } => Said::new(format!("mã trường `{id}` không phải là một tên hợp lệ"))
            .help(format!("{ID}, bắt đầu bằng một chữ cái, ví dụ `ho_dien_pct`")),
        P::FieldValues { field } => Said::new(format!("trường `{field}` liệt kê `values:` nhưng không phải trường chữ"))
            .help("danh sách giá trị cố định chỉ dùng cho `type: text`; bỏ `values:` hoặc đổi kiểu"),
        P::FieldRangeOrder => Said::new("khoảng giá trị viết `[nhỏ nhất, lớn nhất]`, số đầu không lớn hơn số sau")
            .help("ví dụ `range: [0, 100]`"),
        P::FieldRangeType { ty } => Said::new(format!("trường kiểu `{ty}` không có khoảng giá trị")).help("bỏ `range:`"),
        P::DuplicateParameter { param } => Said::new(format!("tham số `{param}` được khai báo hai lần")).help(ONE),
        P::ParameterValues { param } => Said::new(format!("tham số `{param}` chưa có giá trị nào"))
            .help("thêm ít nhất một mục trong `values:` gồm value, citation và source_level"),
        P::ParameterId { id } => Said::new(format!("mã tham số `{id}` không phải là một tên hợp lệ"))
            .help(format!("{ID}, ví dụ `ho_dien_min`")),
        P::ParameterIsField { id } => Said::new(format!("`{id}` vừa là trường dữ liệu vừa là tham số"))
            .help("đổi tên một trong hai"),
        P::ParameterValueOrNotApplicable => Said::new("mỗi mục giá trị ghi `value` hoặc `not_applicable: true`, đúng một trong hai")
            .help("ngưỡng không áp dụng cho nhóm này: bỏ `value`, ghi `not_applicable: true`"),
        P::ParameterSelector => Said::new("dùng `year` hoặc `from_year`/`to_year`, không dùng cả hai")
            .help("bỏ một trong hai cách ghi năm"),
        P::ParameterYearsReversed { from, to } => Said::new(format!(
            "`from_year: {from}` sau `to_year: {to}`; giá trị này sẽ không áp dụng cho năm nào"
        ))
        .help("đổi chỗ hai năm"),
        P::ParameterYear { year } => Said::new(format!("năm {year} không hợp lý"))
            .help("năm phải từ 1900 đến 2200"),
        P::ParameterNumber { value, plain } => Said::new(format!("`{value}` có thể hiểu thành hai số khác nhau")).help(format!(
            "viết số không có dấu nháy và không có dấu phân cách hàng nghìn: `{plain}` nếu là số nguyên; số thập phân viết `85,5` hoặc `85.5`"
        )),
        P::ParameterType { param, kinds } => Said::new(format!(
            "các giá trị của `{param}` không cùng kiểu ({})",
            kinds.iter().map(|k| kind(*k)).collect::<Vec<_>>().join(", ")
        ))
        .help("mọi giá trị của một tham số phải cùng kiểu"),
        P::ParameterOverlap { param, other_line } => Said::new(format!(
            "tham số `{param}` có hai giá trị cho cùng năm/vùng/nhóm (giá trị kia ở dòng {other_line})"
        ))
        .help("mỗi giá trị cần `year`, `region` hoặc `group` riêng, hoặc bỏ bớt một; muốn đổi giá trị từ một năm về sau thì viết văn bản sửa đổi (`ntm new amendment`) thay vì sửa tại chỗ"),
        P::UnknownGroup { group, groups } => Said::new(format!(
            "`group: {group}` không phải là nhóm khai báo trong `ruleset: groups:` ({})",
            ticked(groups)
        ))
        .help("dùng mã của một nhóm đã khai báo"),
        P::UnusedParameter { param } => Said::new(format!("tham số `{param}` không được chỉ tiêu nào dùng"))
            .help("dùng nó trong `expr:` của một chỉ tiêu, hoặc xóa đi"),
    }
}

pub(super) fn criteria(p: &CriteriaProblem) -> Said {
    use CriteriaProblem as P;
    match p {
        P::DuplicateCriterion { id } => Said::new(format!("tiêu chí `{id}` xuất hiện hai lần"))
            .help("mỗi tiêu chí cần một mã riêng"),
        P::DuplicateIndicator { id } => Said::new(format!("chỉ tiêu `{id}` xuất hiện hai lần"))
            .help("mỗi chỉ tiêu cần một mã riêng"),
        P::IndicatorInBase { id, criterion, base } => Said::new(format!(
            "chỉ tiêu `{id}` cũng có trong tiêu chí {criterion} của `{base}`"
        ))
        .help("thay cả tiêu chí đó, hoặc dùng mã khác"),
        P::DuplicateCondition { id } => Said::new(format!("điều kiện `{id}` xuất hiện hai lần"))
            .help("mỗi điều kiện cần một mã riêng"),
        P::NoCriteria => Said::new("bộ tiêu chí không có `criteria:`")
            .help("liệt kê các tiêu chí cùng chỉ tiêu của chúng, hoặc ghi `amends:` nếu đây là văn bản sửa đổi bộ khác"),
        P::CriterionEmpty { id } => Said::new(format!("tiêu chí {id} không có chỉ tiêu nào")).help(
            "thêm các chỉ tiêu, hoặc ghi `pending_source:` kèm lý do chưa có, để tiêu chí được xét theo kết quả tự đánh giá",
        ),
        P::PointsNotPositive => Said::new("số điểm phải là số dương").help("ví dụ `points: 10`"),
        P::ScoreWithoutPoints { owner: o } => Said::new(format!(
            "{} có biểu thức `score:` nhưng không có `points:`",
            owner(o)
        ))
        .help("ghi số điểm tối đa ở `points:`"),
        P::PointsMissing { indicator } => Said::new(format!(
            "chỉ tiêu {indicator} không có `points:`, nhưng bộ tiêu chí chấm điểm"
        ))
        .help("ghi điểm cho mọi chỉ tiêu, hoặc ghi `pending_source:` cho phần chấm điểm"),
        P::ScoringSameMin { a, b } => Said::new(format!("hai mức `{a}` và `{b}` có cùng điểm tối thiểu"))
            .help("mỗi mức cần `min` riêng"),
        P::ScoringNoLevels => Said::new("phần chấm điểm cần `levels:` (hoặc `pending_source:` khi chưa có bảng điểm)")
            .help("ví dụ levels: [{id: dat, label: đạt, min: 85}, {id: chua_dat, label: chưa đạt, min: 0}]"),
        P::LevelId { id } => Said::new(format!("mã mức `{id}` không phải là một tên hợp lệ"))
            .help(format!("{ID}, ví dụ `co_ban_dat`")),
        P::LevelWordTwice { word, a, b } => Said::new(format!("`{word}` vừa chỉ mức `{a}` vừa chỉ mức `{b}`"))
            .help("mỗi mức cần mã, nhãn và tên khác riêng"),
        P::SingleLevel => Said::new("chỉ có một mức thì không phân loại được")
            .help("liệt kê các mức từ cao xuống thấp, ít nhất hai mức (ví dụ đạt, chưa đạt)"),
        P::VerdictNoMet => Said::new("không mức nào của đơn vị có nghĩa là đạt chuẩn (`means: met`)")
            .help("ghi `means:` cho từng mức: `met` (đạt chuẩn), `intermediate` (ví dụ cơ bản đạt chuẩn) hoặc `not_met` (chưa đạt chuẩn)"),
        P::ValidityReversed => Said::new("`valid_until` trước `valid_from`").help("kiểm tra lại thời gian hiệu lực"),
        P::AmendmentLevel { base, level, stage } => Said::new(format!(
            "văn bản sửa đổi phải giữ cấp và giai đoạn của `{base}` ({level}, `{stage}`)"
        ))
        .help("ghi `level:` và `stage:` giống bộ được sửa đổi"),
        P::RulesetId { id } => Said::new(format!("mã bộ tiêu chí `{id}` phải viết liền một từ"))
            .help("dùng chữ, chữ số, `-` và `/`, ví dụ `bac-kan/thon/225-2019`"),
        P::RulesetLevel { found } => Said::new(format!("bộ tiêu chí áp dụng cho xã hoặc thôn, không cho `{found}`"))
            .help("ghi `level: xã` hoặc `level: thôn`"),
        P::BadDate { .. } => Said::new("ngày viết sai hoặc không có thật").help("ngày viết theo dạng YYYY-MM-DD, ví dụ 2025-07-01"),
        P::UnknownDocument { document, suggestion } => Said::new(format!(
            "trích dẫn ghi văn bản `{document}`, nhưng bộ tiêu chí không khai báo văn bản này"
        ))
        .help(match suggestion {
            Some(s) => format!("có phải ý là `{s}`? Trích dẫn phải ghi một văn bản khai báo trong `ruleset:` (document, guidance hoặc based_on)"),
            None => "khai báo văn bản trong `ruleset:` (document, guidance hoặc based_on) với số, ngày, cơ quan ban hành và trích yếu".into(),
        }),
        P::TestUnknown { test, item, name, suggestion } => Said::new(match item {
            TestItem::Indicator => format!("ca kiểm thử `{test}` chờ kết quả của chỉ tiêu `{name}`, nhưng bộ tiêu chí không có chỉ tiêu này"),
            TestItem::Criterion => format!("ca kiểm thử `{test}` ghi tiêu chí `{name}`, nhưng bộ tiêu chí không có tiêu chí này"),
            TestItem::Field => format!("ca kiểm thử `{test}` ghi giá trị cho `{name}`, không phải trường đã khai báo"),
        })
        .help(match (item, did_you_mean(suggestion)) {
            (TestItem::Indicator, _) => "dùng mã một chỉ tiêu trong `criteria:`".to_string(),
            (TestItem::Criterion, _) => "dùng mã một tiêu chí trong `criteria:`".to_string(),
            (TestItem::Field, Some(s)) => s,
            (TestItem::Field, None) => "khai báo nó trong `fields:`".to_string(),
        }),
    }
}
