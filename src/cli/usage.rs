//! Usage errors in the user's language: clap's (from its error kind and context,
//! never its English text) and those `request` finds in arguments clap accepted. Both
//! end the run with exit code 2 before anything is loaded.

use crate::help::{placeholder, usage_words, words, LANGUAGES};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use ntm::render::Lang;

/// A bad argument or combination of arguments, found before any work.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Bad {
    /// Not a `YYYY-MM-DD` date.
    Date { flag: &'static str, value: String },
    /// Not a year, or outside the years ntm accepts.
    Year { flag: &'static str, value: String },
    /// `gen --years`: not YEAR or FROM..TO.
    Years { value: String },
    /// Not `PARAM=VALUE`.
    Set { flag: &'static str, value: String },
    /// Not `PARAM=FROM..TO:STEP` with a positive step and a bounded number of steps.
    Sweep { value: String },
    /// `flag` means something only together with `with`.
    Needs {
        flag: &'static str,
        with: &'static str,
    },
    /// `a` and `b` cannot be given together.
    Conflict { a: &'static str, b: &'static str },
    /// A binary workbook would go to the terminal.
    XlsxToTerminal,
    /// `ntm serve --addr`: not HOST:PORT.
    Addr { value: String },
    /// `ntm serve` on an address other than loopback without `--token`/`--tokens`.
    OffLoopback { addr: String },
    /// `gen --xa 0`: a country without xã.
    GenNoXa,
    /// `gen`: units × years (`rows`) over the limit.
    GenSize { rows: u128 },
}

/// A usage error of one command (`ntm eval`, `ntm new amendment` …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct UsageError {
    pub(crate) command: &'static str,
    pub(crate) bad: Bad,
}

/// `--lang` (or `NTM_LANG`) names no language ntm speaks.
pub(crate) fn unknown_language(lang: Lang, value: &str) -> String {
    match lang {
        Lang::Vi => format!(
            "{}không có ngôn ngữ `{value}`; chọn một trong: {LANGUAGES}\n",
            head(lang, "--lang")
        ),
        Lang::En => format!(
            "{}no language `{value}`; choose one of: {LANGUAGES}\n",
            head(lang, "--lang")
        ),
    }
}

impl Bad {
    /// The argument the error is located at, as the help names it in `lang`.
    fn place(&self, lang: Lang) -> &'static str {
        match self {
            Bad::Date { flag, .. } | Bad::Year { flag, .. } | Bad::Set { flag, .. } => flag,
            Bad::Years { .. } => "--years",
            Bad::Sweep { .. } => placeholder(lang, "RANGE"),
            // `--format csv` is located at `--format`.
            Bad::Needs { flag: f, .. } | Bad::Conflict { a: f, .. } => {
                f.split_whitespace().next().unwrap_or(f)
            }
            Bad::XlsxToTerminal => "--output",
            Bad::Addr { .. } | Bad::OffLoopback { .. } => "--addr",
            Bad::GenNoXa | Bad::GenSize { .. } => "--xa",
        }
    }
}

impl UsageError {
    pub(crate) fn render(&self, lang: Lang) -> String {
        let msg = match lang {
            Lang::Vi => bad_vi(&self.bad),
            Lang::En => bad_en(&self.bad),
        };
        format!(
            "{}{msg}\n\n{}\n",
            head(lang, self.bad.place(lang)),
            more(lang, self.command)
        )
    }
}

fn bad_vi(b: &Bad) -> String {
    match b {
        Bad::Date { value, .. } => {
            format!("`{value}` không phải là ngày; viết dạng YYYY-MM-DD, ví dụ 2019-02-13")
        }
        Bad::Year { value, .. } => format!(
            "`{value}` không phải là năm hợp lý (từ {} đến {})",
            ntm::core::limits::MIN_YEAR,
            ntm::core::limits::MAX_YEAR
        ),
        Bad::Years { value } => {
            format!("`{value}` không phải là một năm hay TỪ..ĐẾN, ví dụ 2021..2025")
        }
        Bad::Set { value, .. } => {
            format!("`{value}` không có dạng THAM_SỐ=GIÁ_TRỊ, ví dụ ho_dien_min=97")
        }
        Bad::Sweep { value } => format!(
            "`{value}` không có dạng THAM_SỐ=TỪ..ĐẾN:BƯỚC (ví dụ ho_dien_min=90..100:1), với BƯỚC dương, ĐẾN không nhỏ hơn TỪ và không quá {} bước",
            ntm::core::limits::MAX_SWEEP_STEPS
        ),
        Bad::Needs { flag, with } => {
            format!("{flag} chỉ dùng được cùng {}", placeholder(Lang::Vi, with))
        }
        Bad::Conflict { a, b } => format!("{a} không dùng được cùng {b}"),
        Bad::XlsxToTerminal => {
            "không hiện sổ tính .xlsx lên terminal; thêm --output TỆP.xlsx (hoặc chuyển hướng đầu ra chuẩn)".into()
        }
        Bad::Addr { value } => {
            format!("`{value}` không phải là địa chỉ MÁY:CỔNG, ví dụ 127.0.0.1:8080")
        }
        Bad::OffLoopback { addr } => format!(
            "không phục vụ trên `{addr}` (ngoài máy này) khi chưa có mã truy cập; thêm --token MÃ hoặc --tokens TỆP, hoặc dùng 127.0.0.1"
        ),
        Bad::GenNoXa => "cần ít nhất 1 xã".into(),
        Bad::GenSize { rows } => format!(
            "(số xã × (1 + số thôn mỗi xã)) × số năm = {rows} dòng số liệu, quá giới hạn {} của ntm gen",
            ntm::core::limits::MAX_GEN_ROWS
        ),
    }
}

fn bad_en(b: &Bad) -> String {
    match b {
        Bad::Date { value, .. } => {
            format!("`{value}` is not a date; write it as YYYY-MM-DD, e.g. 2019-02-13")
        }
        Bad::Year { value, .. } => format!(
            "`{value}` is not a plausible year (between {} and {})",
            ntm::core::limits::MIN_YEAR,
            ntm::core::limits::MAX_YEAR
        ),
        Bad::Years { value } => {
            format!("`{value}` is not a year or FROM..TO, e.g. 2021..2025")
        }
        Bad::Set { value, .. } => {
            format!("`{value}` is not PARAM=VALUE, e.g. ho_dien_min=97")
        }
        Bad::Sweep { value } => format!(
            "`{value}` is not PARAM=FROM..TO:STEP (e.g. ho_dien_min=90..100:1) with a positive STEP, TO not below FROM and at most {} steps",
            ntm::core::limits::MAX_SWEEP_STEPS
        ),
        Bad::Needs { flag, with } => format!("{flag} applies only together with {with}"),
        Bad::Conflict { a, b } => format!("{a} cannot be used together with {b}"),
        Bad::XlsxToTerminal => {
            "an .xlsx workbook is not shown on a terminal; give --output FILE.xlsx (or redirect standard output)".into()
        }
        Bad::Addr { value } => format!("`{value}` is not a HOST:PORT address, e.g. 127.0.0.1:8080"),
        Bad::OffLoopback { addr } => format!(
            "will not serve on `{addr}` (beyond this machine) without access tokens; give --token TOKEN or --tokens FILE, or use 127.0.0.1"
        ),
        Bad::GenNoXa => "at least 1 xã is needed".into(),
        Bad::GenSize { rows } => format!(
            "(xã × (1 + thôn per xã)) × years = {rows} table rows, over the limit of {} for ntm gen",
            ntm::core::limits::MAX_GEN_ROWS
        ),
    }
}

/// `PLACE: error[usage]: ` — located at the argument, like every other message.
fn head(lang: Lang, place: &str) -> String {
    let word = match lang {
        Lang::Vi => "lỗi",
        Lang::En => "error",
    };
    match place {
        "" => format!("{word}[usage]: "),
        p => format!("{p}: {word}[usage]: "),
    }
}

fn more(lang: Lang, command: &str) -> String {
    match lang {
        Lang::Vi => format!("Xem thêm: `{command} --help`."),
        Lang::En => format!("For more information, try `{command} --help`."),
    }
}

/// What a clap error ends with: the text, whether it goes to standard output (help,
/// version), and the exit code.
pub(crate) struct ClapOutcome {
    pub(crate) text: String,
    pub(crate) to_stdout: bool,
    pub(crate) code: u8,
}

/// A clap error in `lang`: help and version as clap renders them (already in `lang`,
/// see `help`), every other kind worded here from its context.
/// `command` is the command the arguments name (`ntm eval`), for the pointer to its
/// help.
pub(crate) fn clap_error(e: &clap::Error, lang: Lang, command: &str) -> ClapOutcome {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => ClapOutcome {
            text: with_newline(usage_words(&e.render().to_string(), lang)),
            to_stdout: true,
            code: 0,
        },
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => ClapOutcome {
            text: usage_words(&e.render().to_string(), lang),
            to_stdout: false,
            code: 2,
        },
        _ => ClapOutcome {
            text: worded(e, lang, command),
            to_stdout: false,
            code: 2,
        },
    }
}

/// The version line comes without its end.
fn with_newline(mut text: String) -> String {
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

fn ctx(e: &clap::Error, k: ContextKind) -> Vec<String> {
    match e.get(k) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::StyledStr(s)) => vec![s.to_string()],
        Some(ContextValue::StyledStrs(v)) => v.iter().map(|s| s.to_string()).collect(),
        Some(ContextValue::Number(n)) => vec![n.to_string()],
        _ => Vec::new(),
    }
}

fn worded(e: &clap::Error, lang: Lang, command: &str) -> String {
    let one = |k| ctx(e, k).into_iter().next().unwrap_or_default();
    let list = |k| ctx(e, k).join(", ");
    let (arg, value) = (one(ContextKind::InvalidArg), one(ContextKind::InvalidValue));
    let m = match lang {
        Lang::Vi => vi_clap(e.kind(), &arg, &value, e, list),
        Lang::En => en_clap(e.kind(), &arg, &value, e, list),
    };
    // The argument without its value name (`--format <FORMAT>` → `--format`).
    let place = arg.split_whitespace().next().unwrap_or_default();
    let mut out = format!("{}{m}\n", head(lang, place));
    for t in tips(e, lang) {
        out.push_str(&format!("\n  {t}"));
    }
    if !tips(e, lang).is_empty() {
        out.push('\n');
    }
    // clap's usage line, under our heading.
    let usage = one(ContextKind::Usage);
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    if !usage.is_empty() {
        let line = usage_words(usage, lang);
        out.push_str(&format!("\n{} {line}\n", words(lang).usage));
    }
    out.push_str(&format!("\n{}\n", more(lang, command)));
    out
}

fn vi_clap(
    kind: ErrorKind,
    arg: &str,
    value: &str,
    e: &clap::Error,
    list: impl Fn(ContextKind) -> String,
) -> String {
    match kind {
        ErrorKind::UnknownArgument => format!("không có đối số `{arg}` ở đây"),
        ErrorKind::InvalidSubcommand => {
            format!("không có lệnh `{}`", list(ContextKind::InvalidSubcommand))
        }
        ErrorKind::InvalidValue if value.is_empty() => format!("{arg} cần một giá trị"),
        ErrorKind::InvalidValue => format!(
            "giá trị `{value}` không hợp lệ cho {arg}; chọn một trong: {}",
            list(ContextKind::ValidValue)
        ),
        ErrorKind::ValueValidation => format!("giá trị `{value}` không hợp lệ cho {arg}"),
        ErrorKind::MissingRequiredArgument => {
            format!("thiếu đối số bắt buộc: {}", list(ContextKind::InvalidArg))
        }
        ErrorKind::MissingSubcommand => format!(
            "thiếu lệnh; chọn một trong: {}",
            list(ContextKind::ValidSubcommand)
        ),
        ErrorKind::ArgumentConflict if list(ContextKind::PriorArg) == arg => {
            format!("{arg} chỉ được dùng một lần")
        }
        ErrorKind::ArgumentConflict => {
            format!("{arg} không dùng được cùng {}", list(ContextKind::PriorArg))
        }
        ErrorKind::NoEquals => format!("{arg} cần dấu `=` trước giá trị"),
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("số giá trị của {arg} không đúng")
        }
        ErrorKind::InvalidUtf8 => "một đối số không phải là văn bản UTF-8 hợp lệ".into(),
        _ => match arg {
            "" => format!("đối số không hợp lệ ({:?})", e.kind()),
            a => format!("đối số {a} không hợp lệ"),
        },
    }
}

fn en_clap(
    kind: ErrorKind,
    arg: &str,
    value: &str,
    e: &clap::Error,
    list: impl Fn(ContextKind) -> String,
) -> String {
    match kind {
        ErrorKind::UnknownArgument => format!("unexpected argument `{arg}`"),
        ErrorKind::InvalidSubcommand => {
            format!("no command `{}`", list(ContextKind::InvalidSubcommand))
        }
        ErrorKind::InvalidValue if value.is_empty() => format!("{arg} needs a value"),
        ErrorKind::InvalidValue => format!(
            "invalid value `{value}` for {arg}; choose one of: {}",
            list(ContextKind::ValidValue)
        ),
        ErrorKind::ValueValidation => match std::error::Error::source(e) {
            Some(why) => format!("invalid value `{value}` for {arg}: {why}"),
            None => format!("invalid value `{value}` for {arg}"),
        },
        ErrorKind::MissingRequiredArgument => format!(
            "required arguments were not given: {}",
            list(ContextKind::InvalidArg)
        ),
        ErrorKind::MissingSubcommand => format!(
            "a command is needed; choose one of: {}",
            list(ContextKind::ValidSubcommand)
        ),
        ErrorKind::ArgumentConflict if list(ContextKind::PriorArg) == arg => {
            format!("{arg} can be given only once")
        }
        ErrorKind::ArgumentConflict => {
            format!("{arg} cannot be used with {}", list(ContextKind::PriorArg))
        }
        ErrorKind::NoEquals => format!("{arg} needs `=` before its value"),
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("wrong number of values for {arg}")
        }
        ErrorKind::InvalidUtf8 => "an argument is not valid UTF-8 text".into(),
        _ => format!("invalid arguments ({})", e.kind()),
    }
}

/// Suggestions clap found (a near argument, command or value).
fn tips(e: &clap::Error, lang: Lang) -> Vec<String> {
    let tip = match lang {
        Lang::Vi => "mẹo:",
        Lang::En => "tip:",
    };
    let mut out = Vec::new();
    for s in ctx(e, ContextKind::SuggestedArg)
        .into_iter()
        .chain(ctx(e, ContextKind::SuggestedSubcommand))
        .chain(ctx(e, ContextKind::SuggestedValue))
    {
        out.push(match lang {
            Lang::Vi => format!("{tip} có phải ý bạn là `{s}`?"),
            Lang::En => format!("{tip} did you mean `{s}`?"),
        });
    }
    out
}
