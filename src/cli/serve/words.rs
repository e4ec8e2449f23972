//! The server's own words (HTTP-level errors, start and stop lines, the web app's
//! labels): one exhaustive match per language, Vietnamese first. Diagnostics are
//! worded by the library's catalogue, not here.

use ntm::render::{Catalog, Lang};
use std::net::SocketAddr;

/// What went wrong at the HTTP level (not a diagnostic about a file).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Http {
    /// No such route (`path`), with the closest one.
    NoRoute {
        path: String,
        suggestion: Option<String>,
    },
    /// No token, or one that is wrong or revoked.
    Unauthorized,
    /// A parameter that is not what it should be.
    BadParam { name: String, value: String },
    /// A parameter that is required.
    MissingParam { name: String },
    /// Busy or too slow: the request was stopped.
    Timeout,
    /// Uploaded content that is not text or base64 as its name says.
    BadUpload { file: String },
    /// No plan file among the data served (or none of that name).
    NoPlan { name: Option<String> },
    /// Something the server itself failed at (a task that did not finish).
    Internal,
}

impl Http {
    /// The stable code of the error body.
    pub(crate) fn code(&self) -> &'static str {
        match self {
            Http::NoRoute { .. } => "not-found",
            Http::Unauthorized => "unauthorized",
            Http::BadParam { .. } => "bad-parameter",
            Http::MissingParam { .. } => "missing-parameter",
            Http::Timeout => "timeout",
            Http::BadUpload { .. } => "bad-upload",
            Http::NoPlan { .. } => "no-plan",
            Http::Internal => "internal",
        }
    }

    pub(crate) fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => self.vi(),
            Lang::En => self.en(),
        }
    }

    fn vi(&self) -> String {
        match self {
            Http::NoRoute { path, suggestion } => match suggestion {
                Some(s) => format!("không có trang `{path}`; có phải ý bạn là `{s}`?"),
                None => format!("không có trang `{path}`"),
            },
            Http::Unauthorized => {
                "cần mã truy cập hợp lệ (Authorization: Bearer MÃ); mã thiếu, sai hoặc đã bị thu hồi".into()
            }
            Http::BadParam { name, value } => {
                format!("tham số `{name}` không nhận giá trị `{value}`")
            }
            Http::MissingParam { name } => format!("thiếu tham số `{name}`"),
            Http::Timeout => "yêu cầu chạy quá lâu nên đã dừng; thử lại sau".into(),
            Http::BadUpload { file } => {
                format!("tệp tải lên `{file}` không đọc được (.xlsx gửi dạng base64, tệp khác dạng văn bản UTF-8)")
            }
            Http::NoPlan { name: Some(n) } => format!("không có kế hoạch `{n}` trong dữ liệu đang phục vụ"),
            Http::NoPlan { name: None } => "dữ liệu đang phục vụ không có tệp kế hoạch (plan:)".into(),
            Http::Internal => "lỗi bên trong máy chủ; yêu cầu không hoàn thành".into(),
        }
    }

    fn en(&self) -> String {
        match self {
            Http::NoRoute { path, suggestion } => match suggestion {
                Some(s) => format!("no page `{path}`; did you mean `{s}`?"),
                None => format!("no page `{path}`"),
            },
            Http::Unauthorized => {
                "a valid access token is needed (Authorization: Bearer TOKEN); it is missing, wrong or revoked".into()
            }
            Http::BadParam { name, value } => {
                format!("parameter `{name}` does not take the value `{value}`")
            }
            Http::MissingParam { name } => format!("parameter `{name}` is missing"),
            Http::Timeout => "the request took too long and was stopped; try again later".into(),
            Http::BadUpload { file } => {
                format!("uploaded file `{file}` cannot be read (.xlsx is sent as base64, other files as UTF-8 text)")
            }
            Http::NoPlan { name: Some(n) } => format!("no plan `{n}` among the data served"),
            Http::NoPlan { name: None } => "the data served has no plan file (plan:)".into(),
            Http::Internal => "an internal server error; the request did not finish".into(),
        }
    }
}

pub(crate) fn listening(m: &dyn Catalog, addr: SocketAddr) -> String {
    match m.lang() {
        Lang::Vi => format!("ntm serve: đang phục vụ tại http://{addr}/ (Ctrl-C để dừng)"),
        Lang::En => format!("ntm serve: serving at http://{addr}/ (Ctrl-C to stop)"),
    }
}

pub(crate) fn stopped(m: &dyn Catalog) -> String {
    match m.lang() {
        Lang::Vi => "ntm serve: đã dừng".into(),
        Lang::En => "ntm serve: stopped".into(),
    }
}

pub(crate) fn reloaded(lang: Lang, ok: bool, errors: usize) -> String {
    match (lang, ok) {
        (Lang::Vi, true) => "ntm serve: đã nạp lại quy tắc và dữ liệu".into(),
        (Lang::Vi, false) => format!(
            "ntm serve: nạp lại không được ({errors} lỗi); vẫn dùng lần nạp tốt gần nhất, xem /api/v1/status"
        ),
        (Lang::En, true) => "ntm serve: rules and data reloaded".into(),
        (Lang::En, false) => format!(
            "ntm serve: reload failed ({errors} errors); still serving the last good load, see /api/v1/status"
        ),
    }
}

pub(crate) fn tokens_reloaded(lang: Lang) -> String {
    match lang {
        Lang::Vi => "ntm serve: đã đọc lại tệp mã truy cập".into(),
        Lang::En => "ntm serve: token file read again".into(),
    }
}

pub(crate) fn no_watcher(lang: Lang) -> String {
    match lang {
        Lang::Vi => "ntm serve: không theo dõi được tệp; sửa tệp sẽ không được nạp lại".into(),
        Lang::En => "ntm serve: cannot watch the files; edits will not be reloaded".into(),
    }
}

/// The web app's own labels (report headers and titles come from the catalogue).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Label {
    App,
    Annex,
    WhatIf,
    Plan,
    Upload,
    Status,
    Skip,
    Show,
    Download,
    AllSets,
    Explanation,
    Back,
    Flipped,
    NoFlips,
    SetArgs,
    Reset,
    Files,
    UploadHelp,
    Evaluate,
    Token,
    SignIn,
    LoginHelp,
    ReloadFailed,
    NoData,
    Departments,
    Language,
    NowFails,
    NowPasses,
    SaveAmendment,
    AmendedSet,
    ValidFrom,
    DocumentNumber,
    AmendmentHelp,
}

impl Label {
    pub(crate) fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => self.vi(),
            Lang::En => self.en(),
        }
    }

    fn vi(self) -> &'static str {
        match self {
            Label::App => "Nông thôn mới — đánh giá",
            Label::Annex => "Phụ lục",
            Label::WhatIf => "Giả định",
            Label::Plan => "Kế hoạch",
            Label::Upload => "Tải dữ liệu lên",
            Label::Status => "Trạng thái",
            Label::Skip => "Bỏ qua, đến nội dung chính",
            Label::Show => "Xem",
            Label::Download => "Tải xuống",
            Label::AllSets => "Mọi bộ tiêu chí",
            Label::Explanation => "Giải thích",
            Label::Back => "Về phụ lục",
            Label::Flipped => "Đơn vị đổi kết luận",
            Label::NoFlips => "Không đơn vị nào đổi kết luận.",
            Label::SetArgs => "Tham số dòng lệnh tương đương",
            Label::Reset => "Về giá trị hiện hành",
            Label::Files => "Tệp dữ liệu (CSV, XLSX, YAML)",
            Label::UploadHelp => {
                "Tệp được đánh giá trong bộ nhớ với bộ quy tắc đang phục vụ, không ghi xuống đĩa."
            }
            Label::Evaluate => "Đánh giá",
            Label::Token => "Mã truy cập",
            Label::SignIn => "Đăng nhập",
            Label::LoginHelp => "Máy chủ này cần mã truy cập do người quản trị cấp.",
            Label::ReloadFailed => {
                "Lần sửa tệp gần nhất có lỗi; vẫn đang dùng lần nạp tốt trước đó:"
            }
            Label::NoData => "Máy chủ chưa được cấp dữ liệu (--data).",
            Label::Departments => "Danh sách việc theo sở, ngành",
            Label::Language => "English",
            Label::NowFails => "chuyển sang chưa đạt",
            Label::NowPasses => "chuyển sang đạt",
            Label::SaveAmendment => "Lưu thành tệp sửa đổi",
            Label::AmendedSet => "Bộ tiêu chí được sửa đổi",
            Label::ValidFrom => "Có hiệu lực từ ngày",
            Label::DocumentNumber => "Số văn bản (nếu đã có)",
            Label::AmendmentHelp => {
                "Tệp YAML như lệnh ntm new amendment tạo, chỉ ghi các ngưỡng đã đổi. Đặt tệp cạnh bộ quy tắc, ghi số văn bản và nguồn, rồi chạy ntm check và ntm test."
            }
        }
    }

    fn en(self) -> &'static str {
        match self {
            Label::App => "Nông thôn mới — assessment",
            Label::Annex => "Annex",
            Label::WhatIf => "What-if",
            Label::Plan => "Plan",
            Label::Upload => "Upload data",
            Label::Status => "Status",
            Label::Skip => "Skip to the main content",
            Label::Show => "Show",
            Label::Download => "Download",
            Label::AllSets => "Every rule set",
            Label::Explanation => "Explanation",
            Label::Back => "Back to the annex",
            Label::Flipped => "Units whose verdict flips",
            Label::NoFlips => "No unit's verdict flips.",
            Label::SetArgs => "Equivalent command-line arguments",
            Label::Reset => "Back to the values in force",
            Label::Files => "Data files (CSV, XLSX, YAML)",
            Label::UploadHelp => {
                "Files are evaluated in memory against the rules served, never written to disk."
            }
            Label::Evaluate => "Evaluate",
            Label::Token => "Access token",
            Label::SignIn => "Sign in",
            Label::LoginHelp => "This server needs an access token from its administrator.",
            Label::ReloadFailed => "The last edit has errors; still serving the last good load:",
            Label::NoData => "The server was given no data (--data).",
            Label::Departments => "Department work lists",
            Label::Language => "Tiếng Việt",
            Label::NowFails => "now not met",
            Label::NowPasses => "now met",
            Label::SaveAmendment => "Save as an amendment file",
            Label::AmendedSet => "Rule set amended",
            Label::ValidFrom => "In force from",
            Label::DocumentNumber => "Document number (if known)",
            Label::AmendmentHelp => {
                "A YAML file as ntm new amendment writes it, with only the thresholds changed. Put it beside the rules, fill in the document and the source, then run ntm check and ntm test."
            }
        }
    }
}
