//! English wording of diagnostics: one arm per problem (no fallback, so a new problem
//! without English words does not compile).

use super::Said;
use crate::core::problem::*;

pub(super) fn owner(o: &Owner) -> String {
    let kind = match o.kind {
        OwnerKind::Indicator => "indicator",
        OwnerKind::Condition => "recognition condition",
        OwnerKind::Verdict => "verdict",
        OwnerKind::Rollup => "roll-up",
        OwnerKind::Bucket => "bucket",
    };
    if let (OwnerKind::Bucket, Some(rollup)) = (o.kind, &o.within) {
        return format!("bucket `{}` of roll-up {rollup}", o.id);
    }
    match &o.within {
        Some(set) => format!("{kind} {} of {set}", o.id),
        None => format!("{kind} {}", o.id),
    }
}

pub(super) fn kind(k: ValueKind) -> &'static str {
    match k {
        ValueKind::Number => "a number",
        ValueKind::Text => "a text",
        ValueKind::YesNo => "yes/no",
        ValueKind::Other => "another kind of value",
    }
}

pub(super) fn did_you_mean(s: &Option<String>) -> Option<String> {
    s.as_ref().map(|s| format!("did you mean `{s}`?"))
}

pub(super) const SHORT: &str = "rule expressions must be short comparisons";

pub(super) fn input(p: &InputProblem) -> Said {
    use InputProblem as P;
    match p {
        P::Io { missing: true, .. } => Said::new("no such file or directory"),
        P::Io { detail, .. } => Said::new(format!("cannot read: {detail}")),
        P::BadLink { looped: true } => Said::new("this link leads back into a folder that contains it (a loop)"),
        P::BadLink { looped: false } => Said::new("this link leads to nothing (its target does not exist)"),
        P::Encoding { byte, encoding, legacy } => Said::new(format!(
            "the file is not UTF-8 text: byte 0x{byte:02X} here; it looks like {encoding}{}",
            if *legacy { " (one of the old Vietnamese encodings: Windows-1258, TCVN3/ABC, VNI)" } else { "" }
        ))
        .help("save it as UTF-8 (in Excel: CSV UTF-8; in Unikey's converter: to Unicode)"),
        P::NotAFile { folder_allowed: false } => Said::new("this is not a regular file (a device, a pipe or a socket); give a file"),
        P::NotAFile { folder_allowed: true } => Said::new("this is not a regular file or a folder (a device, a pipe or a socket); give a file"),
        P::FileTooLarge { limit_mb } => Said::new(format!("the file is larger than the limit of {limit_mb} MB"))
            .help("split it (one file per year or per district); see docs/limits.md"),
        P::NoInput { extensions } => Said::new(format!("no input file here (looked for .{})", extensions.join(", .")))
            .help("give a folder that holds the files, or the files themselves"),
        P::TooManyFiles { limit } => Said::new(format!("more than {limit} input files")),
        P::YamlTab => Said::new("a tab is used for indentation; YAML accepts only spaces")
            .help("replace the tab with spaces, aligned with the keys of the same entry"),
        P::YamlIndent { key, entry_line, spaces, .. } => Said::new(format!(
            "`{key}` is not aligned with the other keys of the entry that starts at line {entry_line} (column {})",
            spaces + 1
        ))
        .help(format!("indent `{key}` by {spaces} spaces, like the keys above it")),
        P::YamlDecimalComma { number } => Said::new(format!("inside {{ … }} the comma of `{number}` separates two entries"))
            .help(format!("write `\"{number}\"` (in quotes) or `{}`", number.replace(',', "."))),
        // The parser's own English text, as before diagnostics were data.
        P::Yaml { detail, .. } => Said::new(detail.clone()),
        P::UnknownKey { key, expected, suggestion, renamed_to } => {
            let list = expected.join(", ");
            let help = match (renamed_to, suggestion) {
                (Some(new), _) => format!("`{key}:` was renamed `{new}:`; write `{new}:` instead. The keys allowed here: {list}"),
                (None, Some(s)) => format!("did you mean `{s}`? The keys allowed here: {list}"),
                (None, None) => format!("the keys allowed here: {list}; a key indented too much or too little belongs to another entry"),
            };
            Said::new(format!("`{key}` is not a key of this entry")).help(help)
        }
        P::MissingKey { key } => Said::new(format!("this entry has no `{key}:`, which is required"))
            .help(format!("add `{key}:` to the entry that starts here, indented like its other keys")),
        P::UnknownValue { value, expected, suggestion } => {
            let list = expected.join(", ");
            Said::new(format!("`{value}` is not one of the values allowed here")).help(match suggestion {
                Some(s) => format!("did you mean `{s}`? Allowed: {list}"),
                None => format!("allowed: {list}"),
            })
        }
        P::DuplicateKey { key } => Said::new(format!("key `{key}` is given twice in the same object"))
            .help("keep one of them: which one was meant cannot be guessed"),
        P::Json { detail } => Said::new(detail.clone()),
    }
}
