//! Vietnamese fixed words: table headers, section titles, short labels.

use super::{HeaderWord, LabelWord, Theme, TitleWord, Word};

pub(super) fn word(w: Word) -> &'static str {
    match w.theme() {
        Theme::Header(w) => header(w),
        Theme::Title(w) => title(w),
        Theme::Label(w) => label(w),
    }
}

/// Column headers and field names of tables.
fn header(w: HeaderWord) -> &'static str {
    match w {
        HeaderWord::No => "TT",
        HeaderWord::Unit => "Đơn vị",
        HeaderWord::Parent => "Thuộc",
        HeaderWord::Met => "Đạt",
        HeaderWord::Reported => "Báo cáo",
        HeaderWord::Conclusion => "Kết luận",
        HeaderWord::Notes => "Ghi chú",
        HeaderWord::RuleSet => "Bộ tiêu chí",
        HeaderWord::Department => "Phụ trách",
        HeaderWord::Basis => "Căn cứ",
        HeaderWord::Criterion => "Tiêu chí",
        HeaderWord::Value => "Giá trị",
        HeaderWord::Threshold => "Ngưỡng",
        HeaderWord::Target => "Mục tiêu",
        HeaderWord::Content => "Nội dung",
        HeaderWord::Baseline => "Năm gốc",
        HeaderWord::Current => "Hiện tại",
        HeaderWord::Required => "Yêu cầu",
        HeaderWord::Gap => "Còn thiếu",
        HeaderWord::Status => "Tình trạng",
        HeaderWord::Dataset => "Số liệu",
        HeaderWord::Date => "Ngày",
        HeaderWord::Event => "Sự kiện",
        HeaderWord::Became => "Thành",
        HeaderWord::SourceLevelWord => "Mức nguồn",
        HeaderWord::UnitName => "Tên thôn/xã",
        HeaderWord::Counted => "Số tiêu chí đạt",
        HeaderWord::ReportedTotal => "Tổng báo cáo",
        HeaderWord::Total => "Tổng cộng",
        HeaderWord::Kind => "Loại",
        HeaderWord::SourceLevel => "Mức nguồn",
        HeaderWord::UnitOfMeasure => "Đơn vị tính",
        HeaderWord::Engine => "Phiên bản",
        HeaderWord::File => "Tệp",
        HeaderWord::Item => "Mục",
        HeaderWord::Change => "Thay đổi",
        HeaderWord::Detail => "Chi tiết",
        HeaderWord::From => "Trước",
        HeaderWord::To => "Sau",
        HeaderWord::Causes => "Nguyên nhân",
        HeaderWord::Generated => "Lập bởi",
        HeaderWord::Document => "Văn bản",
        HeaderWord::GapToThreshold => "Cách ngưỡng",
        HeaderWord::Level => "Mức",
        HeaderWord::PublishedConclusion => "Kết luận công bố",
    }
}

/// Titles of documents, sections and sheets, and whole sentences.
fn title(w: TitleWord) -> &'static str {
    match w {
        TitleWord::PendingSource => "Chỉ tiêu chưa có nguồn",
        TitleWord::Findings => "Phát hiện",
        TitleWord::Recognition => "Công nhận",
        TitleWord::Aggregates => "Số liệu tổng hợp",
        TitleWord::LegendNotApplicable => "○ không áp dụng cho nhóm của xã (không tính vào số tiêu chí).",
        TitleWord::Legend => {
            "✓ đạt, ◐ mức giữa (như cơ bản đạt), ✗ chưa đạt, ? thiếu dữ liệu; \"Báo cáo\" là tổng ghi trong nguồn."
        }
        TitleWord::Compare => "So sánh",
        TitleWord::PendingCriteria => "Tiêu chí chưa có nguồn chỉ tiêu",
        TitleWord::AssumedThresholds => "Giá trị ngưỡng chưa có nguồn (giả định)",
        TitleWord::NothingPending => "Không có gì chờ nguồn.",
        TitleWord::NoEvents => "Không có sự kiện nào về đơn vị này.",
        TitleWord::AnnexTitle => "KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ",
        TitleWord::Explanation => "Giải trình",
        TitleWord::Summary => "Tổng hợp",
        TitleWord::InShort => "Tóm lại",
        TitleWord::FailingCriteria => "Tiêu chí chưa đạt",
        TitleWord::MissingCriteria => "Tiêu chí thiếu số liệu",
        TitleWord::NotApplicableCriteria => "Tiêu chí không áp dụng (không tính vào số tiêu chí)",
        TitleWord::NearestGaps => "Chỉ tiêu gần đạt nhất",
        TitleWord::Heatmap => "Tiêu chí theo đơn vị",
        TitleWord::MetPerUnit => "Số tiêu chí đạt của mỗi đơn vị",
        TitleWord::Progress => "Tiến độ",
        TitleWord::WorkLists => "Việc của các phòng, ban",
        TitleWord::UnitsEvaluated => "Số đơn vị đánh giá",
        TitleWord::ReportTitle => "Báo cáo đánh giá xây dựng nông thôn mới",
        TitleWord::SheetAnnex => "Biểu",
        TitleWord::SheetIndicators => "Chỉ tiêu",
        TitleWord::SheetPlan => "Kế hoạch",
        TitleWord::SheetStamp => "Nguồn gốc",
        TitleWord::SheetChanges => "Thay đổi",
        TitleWord::SheetFlips => "Đơn vị đổi kết quả",
        TitleWord::NoFindings => "Không có phát hiện nào.",
        TitleWord::VerdictChanges => "Đơn vị đổi kết quả (đơn vị × năm)",
        TitleWord::CriterionChanges => "Tiêu chí đổi kết quả (tiêu chí × đơn vị × năm)",
    }
}

/// Short words within a line: counts, marks, answers, progress steps.
fn label(w: LabelWord) -> &'static str {
    match w {
        LabelWord::Year => "năm",
        LabelWord::Indicator => "chỉ tiêu",
        LabelWord::Shortfall => "còn thiếu",
        LabelWord::Excess => "cần giảm",
        LabelWord::Rule => "quy tắc",
        LabelWord::Citation => "căn cứ",
        LabelWord::Data => "số liệu",
        LabelWord::Missing => "thiếu",
        LabelWord::Points => "điểm",
        LabelWord::None => "(không có)",
        LabelWord::PerUnit => "mỗi đơn vị",
        LabelWord::Unassigned => "(chưa phân công)",
        LabelWord::DeclaredNotMet => "(kê khai chưa đạt)",
        LabelWord::ToCollect => "chỉ tiêu thiếu số liệu cần thu thập",
        LabelWord::DatChuan => "đạt chuẩn",
        LabelWord::AssumedValues => "giá trị giả định",
        LabelWord::Yes => "có",
        LabelWord::NoWord => "không",
        LabelWord::AsOf => "tính đến",
        LabelWord::TargetYear => "năm mục tiêu",
        LabelWord::UnitsMet => "đơn vị đạt",
        LabelWord::CriteriaPlural => "tiêu chí",
        LabelWord::Encoded => "chỉ tiêu đã mã hóa",
        LabelWord::ExistsFrom => "có từ",
        LabelWord::ExistsUntil => "đến hết",
        LabelWord::MadeOf => "gồm",
        LabelWord::CountOnly => "chỉ có số tiêu chí đạt",
        LabelWord::StepLoading => "đọc quy tắc và dữ liệu",
        LabelWord::CasePassed => "đạt",
        LabelWord::CaseFailed => "SAI",
        LabelWord::StepEvaluating => "đánh giá",
        LabelWord::StepWriting => "ghi kết quả",
        LabelWord::ReplacedFromStart => "bản sửa đổi thay thế từ ngày đầu",
    }
}
