//! Vietnamese wording of diagnostics about datasets and their tables.

use super::diag_vi::{did_you_mean, ticked};
use super::Said;
use crate::core::number::NumberFault;
use crate::core::problem::*;
use crate::core::value::CellFault;

const UNITS: &str = "đơn vị khai báo trong `units:` của tệp dữ liệu (đưa cả thư mục vào --data để đọc hết); tên được so khớp theo mã, tên hoặc tên khác, không phân biệt hoa thường";

fn unknown_unit(
    name: &str,
    suggestion: &Option<String>,
    candidates: &[String],
    at: &NamedAt,
) -> Said {
    let lead = match at {
        NamedAt::Target(t) => format!("mục tiêu `{t}`: "),
        NamedAt::ParentOf(u) => format!("đơn vị cấp trên của `{u}`: "),
        _ => String::new(),
    };
    let what = match (suggestion, candidates.is_empty()) {
        (_, false) => format!(
            "`{name}` trùng tên nhiều đơn vị ({}); ghi thêm xã cha hoặc dùng mã đơn vị",
            ticked(candidates)
        ),
        (Some(s), true) => format!("không có đơn vị tên `{name}`; có phải ý là `{s}`?"),
        (None, true) => format!("không có đơn vị tên `{name}` trong bộ dữ liệu"),
    };
    let help = match at {
        NamedAt::Event => "mọi đơn vị mà sự kiện nhắc tới phải được khai báo trong `units:` của một tệp dữ liệu đưa vào cùng",
        _ => UNITS,
    };
    Said::new(format!("{lead}{what}")).help(help)
}

/// A field the set in force no longer reads (`field-drift`).
fn drift(
    field: &str,
    year: i32,
    records: usize,
    used_by: &str,
    used_until: i32,
    in_force: &[String],
) -> Said {
    Said::new(format!(
        "trường `{field}` có số liệu năm {year} ({records} bản ghi) nhưng không bộ tiêu chí nào có hiệu lực năm đó đọc nó ({}); bộ {used_by} đọc trường này đến năm {used_until}",
        in_force.join(", ")
    ))
    .help("bộ tiêu chí đã thay đổi: ghi số liệu theo các trường của bộ đang có hiệu lực (`ntm explain` cho biết trường nào còn thiếu)")
}

pub(super) fn data(p: &DataProblem) -> Said {
    use DataProblem as P;
    match p {
        P::UnknownUnit { name, suggestion, candidates, at } => unknown_unit(name, suggestion, candidates, at),
        P::FieldDrift { field, year, records, used_by, used_until, in_force } => drift(field, *year, *records, used_by, *used_until, in_force),
        P::UnitNeedsYear { name, candidates } => super::vi_units::needs_year(name, candidates),
        P::BadYear { year, min, max } => Said::new(format!("năm {year} không hợp lý (phải từ {min} đến {max})"))
            .help("kiểm tra `year` của bản ghi (hoặc của bảng)"),
        P::RecognisedTwice { unit, attribute, declared } => recognised_twice(unit, *attribute, *declared),
        P::UnitDates { unit, from, until } => Said::new(format!(
            "đơn vị `{unit}` hết hiệu lực ({until}) trước khi bắt đầu ({from})"
        ))
        .help("kiểm tra `valid_from` và `valid_until`"),
        P::NoParent { unit } => Said::new(format!("thôn `{unit}` không có đơn vị cấp trên; ghi xã của nó ở `parent:`"))
            .help("cần xã cấp trên để tổng hợp số liệu và tìm đúng tên thôn"),
        P::ParentCycle { unit } => Said::new(format!("đơn vị `{unit}` là cấp trên của chính nó"))
            .help("`parent:` của một đơn vị ghi đơn vị lớn hơn mà nó thuộc về"),
        P::ParentKind { unit, parent, .. } => Said::new(format!(
            "đơn vị `{unit}` không thể thuộc `{parent}`: đơn vị cấp trên phải lớn hơn"
        ))
        .help("thôn thuộc xã hoặc thị trấn; xã thuộc huyện hoặc tỉnh"),
        P::DuplicateUnit { unit, first } => Said::new(format!("mã đơn vị `{unit}` đã được khai báo ở {first}"))
            .help("mỗi đơn vị cần một mã riêng"),
        P::ConflictingValue { field, unit, year, other } => Said::new(format!(
            "`{field}` của `{unit}` năm {year} đã được ghi ở {other} với giá trị khác"
        ))
        .help("giữ lại một giá trị: không thể đoán giá trị nào đúng"),
        P::ConflictingDeclared { criterion, unit, year, other } => Said::new(format!(
            "kết quả tự đánh giá tiêu chí {criterion} của `{unit}` năm {year} đã được ghi ở {other} với giá trị khác"
        ))
        .help("giữ lại một giá trị: không thể đoán giá trị nào đúng"),
        P::DeclaredStatusValue { found } => Said::new(format!(
            "kết quả tự đánh giá ghi 1 hoặc 0 (đạt / chưa đạt), không ghi `{found}`"
        )),
        P::DeclaredNotYesNo { found, set } => Said::new(format!(
            "kết quả tự đánh giá ghi 1 hoặc 0 (đạt / chưa đạt), không ghi `{found}`"
        ))
        .help(format!(
            "`{set}` chỉ xếp tiêu chí đạt hoặc chưa đạt; muốn dùng các mức như `cơ bản đạt` thì khai báo `levels:` trong tệp quy tắc"
        )),
        P::DeclaredNotLevel { found, set, suggestion, levels } => Said::new(format!("`{found}` không phải là một mức của `{set}`"))
            .help(did_you_mean(suggestion).unwrap_or_else(|| format!("các mức: {}", ticked(levels)))),
        P::PublishedVerdict { found, set } => Said::new(format!(
            "`{found}` không phải là kết luận (đạt chuẩn, chưa đạt chuẩn) hay một mức của `{set}`"
        )),
        P::BadValue { field, label, found, ty, file, fault, .. } => cell(label, field, found, fault)
            .help_after(format!("trường này được khai báo kiểu `{ty}` trong {}", file.display())),
        P::NotOneOf { field, label, found, allowed, suggestion } => Said::new(format!(
            "{label} (`{field}`): `{found}` không phải là một giá trị của trường này"
        ))
        .help(did_you_mean(suggestion).unwrap_or_else(|| format!("các giá trị: {}", ticked(allowed)))),
        P::RollupValue { field, found, fault, .. } => cell("", field, found, fault),
        P::NotData => Said::new("đây là tệp quy tắc hoặc sổ đăng ký, không phải bộ dữ liệu; tệp được bỏ qua")
            .help("tệp quy tắc đưa vào bằng --rules, không đưa vào --data"),
        P::EmptyFile => Said::new("tệp không có bộ dữ liệu, đơn vị, bản ghi hay bảng nào")
            .help("điền số liệu, hoặc bỏ tệp khỏi thư mục"),
        P::DataDate { given, .. } => Said::new(format!("`{given}` không phải là một ngày có thật"))
            .help("ngày viết theo dạng YYYY-MM-DD"),
        P::LineageDate { given, .. } => Said::new(format!("ngày `{given}` không phải là một ngày có thật"))
            .help("ghi ngày thay đổi có hiệu lực theo dạng YYYY-MM-DD"),
        P::DatedTwice { attribute, from } => dated_twice(attribute, from),
        P::LineageTwice { unit, date, other } => lineage_twice(unit, date, other),
        P::LineageOrder { unit, from, until } => lineage_order(unit, from, until),
        P::LineageCycle { unit } => lineage_cycle(unit),
        P::AsUnitsBefore { unit, date, from } => as_units_before(unit, date, from),
        P::MergeUnknownField { field, suggestion } => merge_unknown_field(field, suggestion),
        P::MergeFieldType { field, ty, how } => merge_field_type(field, ty, how),
        P::MergeUnknownSet { set } => merge_unknown_set(set),
        P::LineageEvent { kind, needs } => lineage_event(kind, needs),
        P::MergeRule { fault } => merge(*fault),
        P::PublishedList { fault, set } => published(fault, set),
    }
}

/// A lineage event without the keys its kind needs.
fn lineage_event(kind: &str, needs: &str) -> Said {
    Said::new(format!(
        "sự kiện `{kind}` cần {}",
        match kind {
            "created" | "ended" => "`unit`",
            "renamed" => "`unit` và `name`",
            "reclassified" => "`unit` và `to_kind`",
            "merged" => "ít nhất hai đơn vị trong `from` và một đơn vị ở `to`",
            "split" => "`unit` và ít nhất hai đơn vị trong `into`",
            "moved" => "`unit` và `parent`",
            _ => needs,
        }
    ))
    .help("ghi đủ các khóa mà loại sự kiện này cần")
}

/// A value of `field` (labelled `label`) that does not fit its type.
fn cell(label: &str, field: &str, found: &str, fault: &CellFault) -> Said {
    let (what, help) = cell_fault(found, fault);
    let name = if label.is_empty() {
        format!("`{field}`")
    } else {
        format!("{label} (`{field}`)")
    };
    Said::new(format!("{name}: {what}")).help(help)
}

/// A cell that does not fit its type: what is wrong, and what to write.
fn cell_fault(found: &str, fault: &CellFault) -> (String, String) {
    const PLAIN: &str = "viết số không có chữ, ví dụ `85,5` hoặc `85.5`";
    match fault {
        CellFault::YesNoForNumber => (
            format!("`{found}` là giá trị có/không, ở đây cần một số"),
            PLAIN.into(),
        ),
        CellFault::Number { fault: NumberFault::Ambiguous { thousands, decimal } } => (
            format!("`{found}` có thể hiểu là {thousands} (hàng nghìn) hoặc {decimal} (số thập phân)"),
            "viết số không có dấu phân cách hàng nghìn, hoặc ghi `number_format: vi` (dấu phẩy thập phân) hay `en` (dấu chấm thập phân) cho bộ dữ liệu".into(),
        ),
        CellFault::Number { fault: NumberFault::BadGroups { sep } } => (
            format!("`{found}`: dấu `{sep}` được hiểu là dấu phân cách hàng nghìn, nhưng các nhóm chữ số không đủ ba"),
            "viết số không có dấu phân cách hàng nghìn".into(),
        ),
        CellFault::Number { fault: NumberFault::TwoDecimalMarks { mark } } => (
            format!("`{found}` có hơn một dấu thập phân `{mark}`"),
            PLAIN.into(),
        ),
        CellFault::Number { .. } | CellFault::NotFinite => {
            (format!("`{found}` không phải là một số"), PLAIN.into())
        }
        CellFault::PercentSign => (
            format!("`{found}` có dấu %, nhưng trường này là số, không phải tỉ lệ phần trăm"),
            "bỏ dấu %, hoặc khai báo trường kiểu `percent`".into(),
        ),
        CellFault::NotWhole => (
            format!("`{found}` không phải là số nguyên; trường này đếm số lượng"),
            "ghi số nguyên, ví dụ `12`".into(),
        ),
        CellFault::TooLargeCount { max } => (
            format!("`{found}` quá lớn cho một số đếm (tối đa {max})"),
            "kiểm tra lại ô số liệu".into(),
        ),
        CellFault::Date => (
            format!("`{found}` là một ngày tháng, không phải là số"),
            "ô này được định dạng ngày tháng trong Excel: ghi số và đặt định dạng số (Number hoặc General)".into(),
        ),
        CellFault::NotYesNo => (
            format!("`{found}` không phải là giá trị có/không"),
            "ghi có/không, đạt/chưa đạt hoặc 1/0".into(),
        ),
    }
}

fn merge(fault: MergeFault) -> Said {
    Said::new(match fault {
        MergeFault::Both => "một quy tắc gộp dành cho `criteria` hoặc `fields`, không cả hai",
        MergeFault::CriteriaHow => "tiêu chí được gộp bằng `how: all_parts`",
        MergeFault::NothingNamed => "ghi `criteria` hoặc `fields` mà quy tắc gộp",
        MergeFault::FieldsHow => {
            "trường số liệu được gộp bằng sum, mean, weighted_mean, min hoặc max"
        }
        MergeFault::NoWeight => {
            "trung bình có trọng số cần `weight:` (trường cho trọng số của từng phần)"
        }
    })
}

fn role(c: &ColumnRole) -> String {
    match c {
        ColumnRole::Unit => "đơn vị".into(),
        ColumnRole::Parent => "đơn vị cấp trên".into(),
        ColumnRole::Year => "năm".into(),
        ColumnRole::ReportedTotal => "tổng số tiêu chí đạt đã báo cáo".into(),
        ColumnRole::PublishedVerdict => "kết luận đã công bố".into(),
        ColumnRole::Count(l) => format!("số tiêu chí ở mức `{l}`"),
        ColumnRole::Listed(true) => "các tiêu chí đạt".into(),
        ColumnRole::Listed(false) => "các tiêu chí chưa đạt".into(),
        ColumnRole::Ignore => "nội dung bỏ qua".into(),
        ColumnRole::Declared(d) => format!("kết quả tự đánh giá tiêu chí {d}"),
        ColumnRole::Field(f) => format!("trường `{f}`"),
    }
}

pub(super) fn table(p: &TableProblem) -> Said {
    use TableProblem as P;
    match p {
        P::MissingTablePattern { pattern, folder } => Said::new(format!(
            "không có tệp CSV hay XLSX nào trong {} khớp với `{pattern}`",
            folder.display()
        ))
        .help("`*` thay cho một phần bất kỳ của tên, `?` thay cho một ký tự"),
        P::MissingTable { path, missing: true, .. } => Said::new(format!("không có tệp bảng {}", path.display()))
            .help("kiểm tra tên tệp ghi ở `tables:`"),
        P::MissingTable { path, .. } => Said::new(format!("không đọc được tệp bảng {}", path.display()))
            .help("kiểm tra tên tệp ghi ở `tables:` và quyền đọc tệp"),
        P::TableOutside { file } => Said::new(format!("`{file}` nằm ngoài thư mục của bộ dữ liệu"))
            .help("chép bảng vào thư mục bộ dữ liệu, hoặc tự đưa nó vào --data"),
        P::DuplicateColumn { first, first_header, second, second_header, holds } => Said::new(format!(
            "hai cột {first} (`{first_header}`) và {second} (`{second_header}`) cùng chứa {}; một bảng không thể cho một giá trị hai lần",
            role(holds)
        ))
        .help("bỏ một cột, hoặc ánh xạ một cột sang `ignore` trong `tables: … columns:`"),
        P::Csv { .. } => Said::new("tệp CSV viết sai ở dòng này (thường là dấu nháy chưa đóng)")
            .help("mở tệp bằng Excel và lưu lại dạng CSV UTF-8"),
        P::RaggedRow { cells, width } => Said::new(format!("dòng này có {cells} ô, dòng tiêu đề có {width} ô"))
            .help("mỗi dòng cần đủ số ô như dòng tiêu đề"),
        P::NoYearColumn => Said::new("bảng không có cột `year` (năm)").help("thêm cột `year`, ghi `year:` cho bảng trong `tables:` của tệp dữ liệu, hoặc ghi năm vào tên tệp (ví dụ phu-luc-2020.csv)"),
        P::NoUnitColumn => Said::new("bảng không có cột `unit` (đơn vị)").help("đặt tên cột chứa đơn vị là `unit`, hoặc ánh xạ tiêu đề của nó sang `unit` trong `tables: … columns:` của tệp dữ liệu"),
        P::EmptyUnitCell => Said::new("ô đơn vị để trống").help("dòng tiêu đề, số thứ tự hay ghi chú được bỏ qua bằng `header_row:`, `skip_rows:` hoặc `footer_rows:` trong `tables:`"),
        P::NotWhole { text } => Said::new(format!("`{text}` không phải là số nguyên")),
        P::UnknownScope { found, suggestion } => Said::new(format!(
            "`scope: {found}` không phải là một giai đoạn (`NTM`, `NTM nâng cao`) hay mã một bộ tiêu chí"
        ))
        .help(did_you_mean(suggestion).unwrap_or_else(|| "ghi `NTM nâng cao`, hoặc mã bộ tiêu chí như `bac-kan/xa-nang-cao/1861-2018`".into())),
        P::NotAYear { text } => Said::new(format!("`{text}` không phải là một năm")),
        P::UnitKindCell { found } => Said::new(format!("`{found}` không phải là loại đơn vị"))
            .help("ghi xã, thôn, thị trấn, huyện hoặc tỉnh"),
        P::EmptyUnitId => Said::new("ô mã của đơn vị này để trống").help("ghi mã đơn vị, ví dụ `na-y`"),
        P::HeaderRowMissing { row } => Said::new(format!("`header_row: {row}`: bảng không có dòng {row}"))
            .help("ghi số thứ tự của dòng chứa tiêu đề cột, đánh số như Excel"),
        P::NoHeaderRow => Said::new("không tìm thấy dòng tiêu đề: không dòng nào có từ hai ô trở lên")
            .help("kiểm tra bảng có dòng tiêu đề cột, hoặc ghi `header_row:` trong `tables:`"),
        P::EmptyTable => Said::new("bảng không có dòng dữ liệu nào").help("điền số liệu, hoặc bỏ bảng khỏi thư mục bộ dữ liệu"),
        P::XlsxSheetUnreadable { sheet, .. } => Said::new(format!("không đọc được trang tính `{sheet}`"))
            .help("mở tệp bằng Excel và lưu lại dạng Excel Workbook (.xlsx)"),
        P::Xlsx { .. } => Said::new("không đọc được sổ tính Excel này").help("mở tệp bằng Excel và lưu lại dạng Excel Workbook (.xlsx)"),
        P::XlsxNoSheet { sheet, sheets } => Said::new(format!("sổ tính không có trang `{sheet}`"))
            .help(format!("các trang của sổ: {}", ticked(sheets))),
        P::XlsxTooManyCells { sheet, cells, limit } => Said::new(format!(
            "trang `{sheet}` trải trên {} ô, quá giới hạn {} ô của một trang",
            n(*cells), n(*limit)
        ))
        .help("xóa các ô thừa ở xa vùng số liệu (Ctrl+End trong Excel chỉ ô cuối cùng), hoặc chia số liệu thành nhiều trang"),
        P::XlsxUnpacked { mb, limit_mb } => Said::new(format!(
            "sổ tính giải nén ra {} MB, quá giới hạn {limit_mb} MB", n(*mb)
        ))
        .help("tệp này không giống một sổ tính bình thường; mở bằng Excel và lưu lại"),
        P::XlsxFormula { formula } => Said::new(format!("công thức không có giá trị: `={formula}`"))
            .help("tệp được lưu bởi một chương trình không tính công thức: mở bằng Excel (hoặc LibreOffice) và lưu lại để lưu cả giá trị"),
        P::XlsxIndexYear { found } => Said::new(format!("trang chỉ mục `ntm`: `{found}` không phải là một năm"))
            .help(INDEX_HELP),
        P::XlsxIndexSheet { sheet } => Said::new(format!("trang chỉ mục `ntm` nêu trang `{sheet}`, nhưng sổ tính không có trang này"))
            .help(INDEX_HELP),
        P::XlsxNoVisibleSheet { sheets } => Said::new("sổ tính không có trang nào đang hiện")
            .help(format!("trang ẩn chỉ được đọc khi ghi tên nó ở `sheet:` trong `tables:` của tệp dữ liệu; các trang của sổ: {}", ticked(sheets))),
        P::XlsxIndexEmpty => Said::new("trang chỉ mục `ntm` không nêu trang phụ lục nào")
            .help(INDEX_HELP),
    }
}

/// A count as Vietnamese writes it, thousands grouped by dots (`199.990`).
pub(super) fn n(x: u64) -> String {
    let digits = x.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(d);
    }
    out
}

/// What to do about a damaged index sheet.
const INDEX_HELP: &str =
    "trang `ntm` do ntm viết; đừng sửa nó, hoặc xóa cả trang để đọc sổ như một bảng thường";

// A lineage that cannot have happened; a merge rule that does not fit its fields.

fn lineage_twice(unit: &str, date: &str, other: &str) -> Said {
    Said::new(format!(
        "đơn vị `{unit}` có hai sự kiện cùng ngày {date} (sự kiện kia ở {other})"
    ))
    .help("mỗi đơn vị chỉ có một sự kiện mỗi ngày: gộp vào một đơn vị, hoặc sửa ngày")
}

fn lineage_order(unit: &str, from: &str, until: &str) -> Said {
    Said::new(format!(
        "đơn vị `{unit}` kết thúc (ngày cuối {until}) trước khi có (từ {from})"
    ))
    .help("kiểm tra ngày của các sự kiện tạo và kết thúc đơn vị này")
}

fn as_units_before(unit: &str, date: &str, from: &str) -> Said {
    Said::new(format!(
        "ngày {date} chưa có đơn vị `{unit}` (có từ {from}), mà đơn vị này có kết quả"
    ))
    .help(format!(
        "--as-units đưa kết quả về các đơn vị của một ngày; chọn một ngày từ {from} trở đi"
    ))
}

fn lineage_cycle(unit: &str) -> Said {
    Said::new(format!(
        "các sự kiện gộp, tách làm đơn vị `{unit}` hình thành từ chính nó"
    ))
    .help("kiểm tra `from`, `to` và `into` của các sự kiện gộp, tách")
}

fn merge_unknown_field(field: &str, suggestion: &Option<String>) -> Said {
    Said::new(match suggestion {
        Some(s) => format!(
            "quy tắc gộp nêu trường `{field}` mà không bộ tiêu chí nào có; có phải ý là `{s}`?"
        ),
        None => format!("quy tắc gộp nêu trường `{field}` mà không bộ tiêu chí nào có"),
    })
}

fn merge_field_type(field: &str, ty: &str, how: &str) -> Said {
    Said::new(format!(
            "trường `{field}` kiểu `{ty}` không gộp được bằng `{how}`"
        ))
        .help("chỉ trường số (number, percent, count) mới cộng, lấy trung bình, nhỏ nhất hay lớn nhất được")
}

fn merge_unknown_set(set: &str) -> Said {
    Said::new(format!(
        "quy tắc gộp nêu bộ tiêu chí `{set}` không có trong thư viện"
    ))
}

/// A unit's recognition and its attribute giving two years.
fn recognised_twice(unit: &str, attribute: i32, declared: i32) -> Said {
    Said::new(format!(
        "đơn vị `{unit}` được ghi công nhận năm {declared} nhưng thuộc tính `{}` ghi năm {attribute}",
        crate::data::RECOGNISED_NTM
    ))
    .help("giữ một năm công nhận, theo quyết định công nhận")
}

fn dated_twice(attribute: &str, from: &str) -> Said {
    Said::new(format!(
        "thuộc tính `{attribute}` có hai giá trị cùng từ ngày {from}"
    ))
    .help("mỗi giá trị của thuộc tính theo thời gian có một ngày `from` riêng; bỏ giá trị thừa")
}

fn published(fault: &PublishedFault, set: &str) -> Said {
    match fault {
        PublishedFault::CountAbove { given, total } => Said::new(format!(
            "số tiêu chí ghi {given}, nhưng `{set}` chỉ có {total} tiêu chí"
        ))
        .help("kiểm tra lại số đã chép, và `scope:` của bản ghi (không ghi `scope:` là số của giai đoạn NTM)"),
        PublishedFault::CountsSum { sum, total } => Said::new(format!(
            "số tiêu chí theo các mức cộng lại được {sum}, nhưng `{set}` có {total} tiêu chí"
        ))
        .help("số tiêu chí ở mọi mức phải cộng lại bằng số tiêu chí của bộ"),
        PublishedFault::UnknownCriterion { found, suggestion } => {
            Said::new(format!("`{set}` không có tiêu chí `{found}`")).help(
                did_you_mean(suggestion).unwrap_or_else(|| {
                    "ghi tiêu chí bằng số (`17`) hoặc tên như trong bộ tiêu chí (`Môi trường`)".into()
                }),
            )
        }
    }
}
