//! Vietnamese wording of diagnostics about the rule library, lint, test cases, plans
//! and commands.

use super::diag_vi::{did_you_mean, ticked};
use super::Said;
use crate::core::problem::*;
use crate::report::{Outcome, Recognisable, Status, Verdict};

const CHECK_ID: &str = "kiểm tra lại mã, hoặc nạp cả thư mục rules/";

pub(super) fn library(p: &LibraryProblem) -> Said {
    use LibraryProblem as P;
    match p {
        P::NotRules { kind } => not_rules(*kind),
        P::AmendsUnknown { base } => Said::new(format!(
            "tệp này sửa đổi `{base}`, nhưng bộ tiêu chí đó không có trong các bộ đã nạp"
        ))
        .help(CHECK_ID),
        P::SupersedesUnknown { old } => Said::new(format!("`{old}` không có trong các bộ tiêu chí đã nạp")).help(CHECK_ID),
        P::DuplicateRuleset { id, other } => Said::new(format!(
            "mã bộ tiêu chí `{id}` đã được dùng ở {}",
            other.display()
        ))
        .help("mỗi bộ tiêu chí cần một mã riêng"),
        P::SupersedesCycle { ruleset, old } => Said::new(if ruleset == old {
            format!("bộ tiêu chí `{old}` không thể thay thế chính nó")
        } else {
            format!("`{ruleset}` không thể thay thế `{old}`: `{old}` không có hiệu lực trước, hoặc lại thay thế `{ruleset}`")
        })
        .help("`supersedes:` chỉ liệt kê các bộ tiêu chí cũ hơn mà bộ này thay thế"),
        P::OverlappingValidity { a, a_file, a_dates, b, b_file, b_dates, level, stage } => Said::new(format!(
            "hai bộ tiêu chí `{a}` ({}, {}) và `{b}` ({}, {}) cùng có hiệu lực cho {level} `{stage}` trong cùng những ngày",
            a_file.display(), period(a_dates), b_file.display(), period(b_dates)
        ))
        .help("ghi `valid_until` cho bộ cũ, hoặc ghi bộ cũ trong `supersedes:` của bộ mới"),
        P::UnregisteredDocument { document, set } => Said::new(format!(
            "văn bản {document} (`{set}`) chưa có trong sổ văn bản"
        ))
        .help("thêm văn bản vào sổ (rules/registers/van-ban.yaml) với ngày, cơ quan ban hành, trích yếu và văn bản nó sửa đổi hay thay thế"),
        P::DuplicateDocument { number, first } => Said::new(format!("văn bản {number} đã được đăng ký ở {first}"))
            .help("giữ lại một mục cho mỗi văn bản"),
        P::UnregisteredReference { document, refers_to, suggestion } => Said::new(format!(
            "văn bản {document} dẫn tới {refers_to}, là văn bản chưa được đăng ký"
        ))
        .help(did_you_mean(suggestion).unwrap_or_else(|| "đăng ký cả văn bản đó vào sổ".into())),
        P::UnknownDepartment { name, suggestion, files } => Said::new(format!(
            "phòng, ban `{name}` không có trong sổ đăng ký{}",
            suggestion.as_ref().map(|s| format!("; có phải ý là `{s}`?")).unwrap_or_default()
        ))
        .help(format!(
            "các phòng, ban được liệt kê trong {}",
            files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>().join(", ")
        )),
        P::UnknownDepartmentFlag { name, known } => Said::new(format!("không có phòng, ban `{name}`"))
            .help(format!("các phòng, ban: {}", known.join("; "))),
        P::RollupNoBuckets { rollup } => Said::new(format!("phép tổng hợp {rollup} gộp theo nhóm nhưng không liệt kê nhóm nào"))
            .help("thêm `buckets:` với `label` và `when`"),
        P::DuplicateRollup { rollup } => Said::new(format!("phép tổng hợp `{rollup}` được định nghĩa hai lần"))
            .help("mỗi phép tổng hợp cần một mã riêng"),
        P::UnusedField { field } => Said::new(format!("trường `{field}` được khai báo nhưng không chỉ tiêu nào đọc"))
            .help("dùng nó trong `expr:` hay `value:` của một chỉ tiêu, hoặc xóa đi"),
        P::UntestedIndicator { set, ids } => Said::new(format!(
            "{} chỉ tiêu của `{set}` chưa có ca kiểm thử: {}",
            ids.len(),
            ids.join(", ")
        ))
        .help("thêm vào `tests:` một ca vừa đạt và một ca vừa không đạt cho mỗi ngưỡng"),
        P::NoDepartment { set, ids } => Said::new(format!(
            "{} tiêu chí của `{set}` chưa ghi phòng, ban phụ trách: {}",
            ids.len(),
            ids.join(", ")
        ))
        .help("thêm `department:` cho từng tiêu chí (tên trong rules/registers/phong-ban.yaml)"),
        P::UnknownColumn { name, suggestion } => Said::new(format!(
            "không bộ tiêu chí nào khai báo trường `{name}`; số liệu của cột này không được dùng"
        ))
        .help(did_you_mean(suggestion).unwrap_or_else(|| {
            "nếu là số liệu cần dùng, khai báo trường trong `fields:` của bộ tiêu chí; nếu không, có thể bỏ qua cảnh báo này".into()
        })),
        P::TestFailed { test, mismatch } => Said::new(format!("ca kiểm thử `{test}`: {}", mismatch_vi(mismatch)))
            .help("sửa giá trị chờ đợi trong `expect:` của ca kiểm thử, hoặc sửa quy tắc nếu quy tắc sai"),
        P::TestInput { test, found } => Said::new(format!("ca kiểm thử `{test}`: kết quả tự đánh giá ghi 1 hoặc 0 (đạt / chưa đạt), không ghi `{found}`"))
            .help("ghi 1 hoặc 0 (đạt / chưa đạt), hoặc tên một mức của bộ tiêu chí"),
        P::TestYear { test, year, set, validity } => Said::new(format!(
            "ca kiểm thử `{test}`: năm {year} nằm ngoài thời gian hiệu lực của `{set}` ({})",
            period(validity)
        ))
        .help("ghi một năm trong thời gian hiệu lực của bộ tiêu chí"),
    }
}

/// A file given with the rules that is not a rule file.
fn not_rules(kind: NotRules) -> Said {
    match kind {
        NotRules::Plan  => Said::new("đây là một kế hoạch, không phải tệp quy tắc")
            .help("chạy kế hoạch bằng `ntm plan`; kế hoạch để cạnh bộ dữ liệu của nó"),
        NotRules::Lineage  => Said::new("đây là tệp lịch sử đơn vị hành chính, không phải tệp quy tắc")
            .help("đưa tệp này vào cùng dữ liệu (--data), để cạnh bộ dữ liệu có các đơn vị nó mô tả"),
        NotRules::Other  => Said::new(
            "tệp này không phải bộ tiêu chí (`ruleset:`) hay sổ đăng ký (`documents:`, `departments:`); tệp được bỏ qua",
        )
        .help("bộ dữ liệu đặt trong datasets/ và đưa vào bằng --data"),
    }
}

/// An outcome, status or verdict code in words.
fn word(item: Checked, code: &str) -> String {
    let vi = super::Lang::Vi.catalog();
    let w = match item {
        Checked::Indicator | Checked::Condition => Outcome::parse(code).map(|o| vi.outcome(o)),
        Checked::Criterion => Status::parse(code).map(|s| vi.status(s)),
        Checked::Verdict => Verdict::parse(code).map(|v| vi.verdict(v)),
        Checked::Recognisable => Recognisable::parse(code).map(|r| vi.recognisable(r)),
        _ => None,
    };
    match w {
        Some(w) => format!("“{w}”"),
        None if code.is_empty() => "chưa có".into(),
        None => format!("`{code}`"),
    }
}

fn checked(c: Checked) -> &'static str {
    match c {
        Checked::Indicator => "chỉ tiêu",
        Checked::Criterion => "tiêu chí",
        Checked::Condition => "điều kiện công nhận",
        Checked::Verdict => "kết luận",
        Checked::Score => "điểm",
        Checked::Level => "mức",
        Checked::Recognisable => "công nhận",
        Checked::Met => "số tiêu chí đạt",
        Checked::Finding => "nhận xét",
    }
}

fn mismatch_vi(m: &TestMismatch) -> String {
    use TestMismatch as M;
    match m {
        M::NotEligible { stage } => format!(
            "chờ đợi đơn vị đủ điều kiện xét, nhưng bộ tiêu chí chỉ áp dụng cho đơn vị đã được công nhận `{stage}` (`{}` không muộn hơn năm xét, hoặc đạt trong cùng năm)",
            crate::data::RECOGNISED_NTM
        ),
        M::Eligible => "chờ đợi đơn vị không đủ điều kiện xét, nhưng đơn vị đáp ứng điều kiện tiên quyết".into(),
        M::UnexpectedlyNotEligible { stage } => format!(
            "đơn vị chưa đủ điều kiện xét: bộ tiêu chí chỉ áp dụng cho đơn vị đã được công nhận `{stage}`; nếu đó là điều cần kiểm thử, ghi `eligible: false` trong `expect:`"
        ),
        M::NotAllowed { item, found } => format!(
            "`{found}` không phải {}",
            match item {
                Checked::Indicator | Checked::Condition => "kết quả của chỉ tiêu (`pass`, `fail`, `missing`)",
                Checked::Criterion => "trạng thái tiêu chí (`met`, `not_met`, `missing`)",
                Checked::Verdict => "kết luận (`met`, `not_met`, `incomplete`)",
                _ => "`recognisable`, `not_recognisable` hay `incomplete`",
            }
        ),
        M::Differs { item: Checked::Finding, expected, got, .. } => format!(
            "chờ đợi nhận xét `{expected}`, nhưng kết quả có [{got}]"
        ),
        M::Differs { item, id, expected, got, value, thresholds, not_applicable, no_value, no_threshold } => {
            let what = match item {
                Checked::Indicator | Checked::Criterion | Checked::Condition => format!("{} {id}", checked(*item)),
                other => checked(*other).to_string(),
            };
            let detail = if !no_value.is_empty() {
                format!(" (thiếu số liệu: {})", ticked(no_value))
            } else if !no_threshold.is_empty() {
                format!(" (chưa có ngưỡng {})", ticked(no_threshold))
            } else if !not_applicable.is_empty() {
                format!(" (ngưỡng không áp dụng: {})", ticked(not_applicable))
            } else {
                match (value, thresholds.is_empty()) {
                    (Some(v), false) => format!(" (giá trị {v}; ngưỡng {})", thresholds.join("; ")),
                    (Some(v), true) => format!(" (giá trị {v})"),
                    (None, false) => format!(" (ngưỡng {})", thresholds.join("; ")),
                    (None, true) => String::new(),
                }
            };
            format!(
                "{what}: chờ đợi {}, nhưng kết quả là {}{detail}",
                word(*item, expected),
                word(*item, got)
            )
        }
        M::NotEvaluated { item, id } => format!("{} {id} không được đánh giá", checked(*item)),
        M::NoRecognition => "bộ tiêu chí không có điều kiện công nhận".into(),
    }
}

pub(super) fn plan(p: &PlanProblem) -> Said {
    use PlanProblem as P;
    match p {
        P::PlanMeasure { measure, per_unit, suggestion } => Said::new(format!(
            "`{measure}` không phải là thước đo theo từng đơn vị ({}) cũng không phải một phép tổng hợp",
            ticked(per_unit)
        ))
        .help(did_you_mean(suggestion).unwrap_or_else(|| {
            "dùng một thước đo kể trên, hoặc mã một phép tổng hợp khai báo trong rules/ (`rollups:`)".into()
        })),
        P::PlanEmpty => Said::new("kế hoạch không có mục tiêu nào").help("liệt kê các mục tiêu trong `targets:`"),
        P::PlanYears => Said::new("`target_year` trước `baseline_year`").help("năm mục tiêu phải sau năm gốc"),
        P::PlanTargetNotFinite { target } => Said::new(format!("mục tiêu `{target}`: `at_least` phải là một số cụ thể"))
            .help("ghi số cần đạt, ví dụ `at_least: 15`"),
        P::PlanTargetTwice { target } => Said::new(format!("mục tiêu `{target}` xuất hiện hai lần"))
            .help("mỗi mục tiêu cần một mã riêng"),
        P::PlanTargetNoUnits { target } => Said::new(format!("mục tiêu `{target}` không ghi đơn vị nào"))
            .help("liệt kê `units:` hoặc ghi `kind:` (có thể kèm `where:` và `except:`)"),
        P::PlanEmptyTarget { target } => Said::new(format!("mục tiêu `{target}` không áp dụng cho đơn vị nào")).help(
            "kiểm tra `units:`, hoặc `kind:` với `where:` và `except:`: không đơn vị nào của bộ dữ liệu khớp trong các năm của kế hoạch",
        ),
        P::PlanAttribute { attribute, .. } => Said::new(format!(
            "không đơn vị nào có thuộc tính `{attribute}` (ghi ở `where:`)"
        ))
        .help("kiểm tra tên thuộc tính trong `attributes:` của các đơn vị"),
    }
}

pub(super) fn run(p: &RunProblem) -> Said {
    use RunProblem as P;
    match p {
        P::NoRuleset { name, suggestion } => Said::new(format!("không có bộ tiêu chí `{name}`"))
            .help(
                did_you_mean(suggestion)
                    .unwrap_or_else(|| "xem danh sách bộ tiêu chí bằng `ntm check rules/`".into()),
            ),
        P::NotARuleSet => Said::new("tệp này không phải bộ tiêu chí (không có `ruleset: id:`)"),
        P::NoResult { name, year } => Said::new(format!(
            "`{name}` không có bản ghi nào được đánh giá{}",
            year.map(|y| format!(" năm {y}")).unwrap_or_default()
        )),
        P::NoSetForKind { name, year, kind } => super::vi_units::no_set_for_kind(name, *year, *kind),
        P::NeedsData => {
            Said::new("lệnh này cần một bộ dữ liệu").help("đưa bộ dữ liệu vào bằng --data")
        }
        P::NoDataFiles => Said::new("không có tệp dữ liệu (.yaml, .yml, .json, .csv, .xlsx) ở đây"),
        P::OutputIsInput { path } => Said::new(format!(
            "`{}` là tệp mà lệnh này đọc vào; ghi kết quả lên đó sẽ làm mất dữ liệu",
            path.display()
        ))
        .help("ghi kết quả vào một tệp khác với --output"),
        P::OutputNotAFile { path } => Said::new(format!(
            "`{}` không phải là tệp thường (thiết bị, ống dẫn hay socket); không ghi đè lên đó",
            path.display()
        ))
        .help("ghi kết quả vào một tệp thường, hoặc bỏ --output để in ra màn hình"),
        P::GenOutNotEmpty { path, entries } => Said::new(format!(
            "thư mục `{}` đã có {entries} mục; ntm gen chỉ ghi vào thư mục trống hoặc thư mục mới",
            path.display()
        ))
        .help("chọn một thư mục mới cho --out (dữ liệu bịa không được trộn vào dữ liệu thật), hoặc tự xóa thư mục cũ trước"),
        P::GenOutNotFolder { path } => Said::new(format!("`{}` là một tệp, không phải thư mục", path.display()))
            .help("chọn một thư mục mới cho --out"),
        P::MoreOfKind { more, shown, error } => Said::new(format!(
            "… và {} {} cùng loại (chỉ hiện {shown} đầu tiên)",
            super::diag_vi_data::n(*more as u64),
            if *error { "lỗi" } else { "cảnh báo" }
        ))
        .help("xem tất cả bằng `ntm check` với cùng các tệp và `--format json`"),
        P::NotAPlanFile => Said::new("đây không phải tệp kế hoạch (.yaml, .yml)"),
        P::NotASheet => Said::new("đây không phải phiếu nhập (.csv)").help(
            "ghi phiếu bằng `ntm pending BỘ --output phieu.csv`, điền rồi đọc lại bằng --fill",
        ),
        P::Override {
            param,
            set,
            suggestion,
        } => Said::new(match set {
            Some(set) => format!("`{set}` không có tham số `{param}`"),
            None => format!("không bộ tiêu chí nào đã nạp có tham số `{param}`"),
        })
        .maybe_help(did_you_mean(suggestion)),
        P::OverrideType {
            param,
            set,
            takes,
            given,
        } => Said::new(format!(
            "tham số `{param}` của `{set}` nhận giá trị kiểu như `{takes}`, không nhận `{given}`"
        ))
        .help("ghi giá trị cùng kiểu với giá trị trong tệp quy tắc (số, có/không hoặc chữ)"),
        P::SweepForm { text } => Said::new(format!("`{text}` không có dạng THAM_SỐ=TỪ..ĐẾN:BƯỚC"))
            .help("ví dụ `--sweep ho_dien_min=90..100:1`"),
        P::SweepRange { text } => Said::new(format!(
            "`{text}`: bước phải là số dương và giá trị cuối không nhỏ hơn giá trị đầu"
        ))
        .help("ví dụ `--sweep ho_dien_min=90..100:1`"),
        P::SweepSteps { text, limit } => Said::new(format!("`{text}` cần hơn {limit} bước"))
            .help("thu hẹp khoảng hoặc tăng bước"),
        P::OverrideForm { text } => Said::new(format!("`{text}` không có dạng THAM_SỐ=GIÁ_TRỊ"))
            .help("ví dụ `--set ho_dien_min=97`"),
        P::DiffCopyWithData { .. } => Said::new(
            "chưa so sánh được kết quả trên dữ liệu (--data) với một bản cũ của cùng bộ tiêu chí",
        )
        .help("bỏ --data để so sánh cấu trúc trước"),
    }
}

/// A validity period: `2017-05-29 – 2022-07-14`, or open-ended.
fn period(p: &crate::core::problem::Period) -> String {
    match &p.until {
        Some(u) => format!("{} – {u}", p.from),
        None => format!("{} – (đến khi có bộ thay thế)", p.from),
    }
}
