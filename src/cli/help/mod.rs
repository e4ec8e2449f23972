//! The help in the user's language. The language is chosen before parsing (`--lang`,
//! else `NTM_LANG`, else Vietnamese), and the clap command is re-labelled with it: the
//! headings, `-h`/`-V`, every about and help text (from one table per language, keyed
//! by command and argument id), defaults and possible values. clap's own English
//! headings are never shown.

mod en;
mod vi;

use crate::args::Cli;
use clap::{Arg, ArgAction, Command, CommandFactory};
use ntm::render::Lang;
use std::ffi::OsString;

/// The words clap would otherwise print in English.
pub(crate) struct Words {
    pub(crate) usage: &'static str,
    options: &'static str,
    arguments: &'static str,
    commands: &'static str,
    command: &'static str,
    /// What clap writes as `[OPTIONS]` in a usage line.
    pub(crate) options_token: &'static str,
    default: &'static str,
    values: &'static str,
}

/// clap's usage line says `[OPTIONS]` whatever the headings: the token in `lang`.
pub(crate) fn usage_words(text: &str, lang: Lang) -> String {
    text.replace("[OPTIONS]", words(lang).options_token)
}

/// The languages `--lang` accepts.
pub(crate) const LANGUAGES: &str = "vi, en";

/// `--lang X` or `--lang=X` in the arguments (before a `--`), else `NTM_LANG`, else
/// Vietnamese; an unknown language is returned as the error.
pub(crate) fn language(argv: &[OsString]) -> Result<Lang, String> {
    let mut given = None;
    let mut args = argv.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(a) = args.next() {
        if a == "--" {
            break;
        }
        if a == "--lang" {
            given = args.next().map(|v| v.into_owned());
        } else if let Some(v) = a.strip_prefix("--lang=") {
            given = Some(v.to_string());
        }
    }
    // An empty NTM_LANG is as good as none.
    let given = given.or_else(|| {
        std::env::var("NTM_LANG")
            .ok()
            .filter(|v| !v.trim().is_empty())
    });
    match given {
        None => Ok(Lang::default()),
        Some(v) => Lang::parse(&v).ok_or(v),
    }
}

pub(crate) fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Vi => &vi::WORDS,
        Lang::En => &en::WORDS,
    }
}

fn value_names(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::Vi => vi::VALUE_NAMES,
        Lang::En => en::VALUE_NAMES,
    }
}

/// The placeholder of an argument's value in `lang`; none where clap's stands (in
/// English, and for dates and `vi|en`).
fn value_name(lang: Lang, name: &str) -> Option<&'static str> {
    value_names(lang)
        .iter()
        .find(|(k, _)| *k == name)
        .map(|(_, v)| *v)
}

/// A placeholder named in a message (`SET`, `RANGE`) as the help shows it in `lang`.
pub(crate) fn placeholder(lang: Lang, name: &'static str) -> &'static str {
    value_name(lang, name).unwrap_or(name)
}

/// The name clap gives an argument's value: its own, else its id in capitals.
fn clap_value_name(a: &Arg) -> String {
    match a.get_value_names() {
        Some([n, ..]) => n.to_string(),
        _ => a.get_id().as_str().to_uppercase(),
    }
}

fn table(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::Vi => vi::TEXT,
        Lang::En => en::TEXT,
    }
}

/// The text of `key` in a language. Every key has one in both (a test walks the whole
/// command); English, then the key itself, only stand in should one be missing.
fn text(lang: Lang, key: &str) -> Option<&'static str> {
    let find = |t: &[(&str, &'static str)]| t.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
    find(table(lang))
}

/// The key of an argument (or of one of its values), its own or the one shared by
/// every command that has the argument.
fn arg_text(lang: Lang, path: &str, tail: &str) -> Option<&'static str> {
    let own = format!("{}.{tail}", if path.is_empty() { "ntm" } else { path });
    text(lang, &own).or_else(|| text(lang, &format!("*.{tail}")))
}

/// `ntm help [COMMAND…]` as `ntm [COMMAND…] --help`: clap's own `help` command is
/// worded in English only, so it is replaced by the flag every command has.
pub(crate) fn help_command_as_flag(mut argv: Vec<OsString>) -> Vec<OsString> {
    if argv.get(1).is_some_and(|a| a == "help") {
        argv.remove(1);
        argv.push("--help".into());
    }
    argv
}

/// The command the arguments name, e.g. `ntm new ruleset`: the words that are
/// commands, from the first on, until one is not (an option, a value).
pub(crate) fn command_path(argv: &[OsString]) -> String {
    let root = Cli::command();
    // `--lang en`: `en` is a value, not a command.
    let takes_value = |cmd: &Command, word: &str| {
        word.strip_prefix("--")
            .filter(|w| !w.contains('='))
            .is_some_and(|w| {
                cmd.get_arguments()
                    .chain(root.get_arguments())
                    .any(|a| a.get_long() == Some(w) && a.get_action().takes_values())
            })
    };
    let mut path = vec!["ntm".to_string()];
    let mut cmd = root.clone();
    let mut words = argv.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(w) = words.next() {
        if w.starts_with('-') {
            if takes_value(&cmd, &w) {
                words.next();
            }
            continue;
        }
        let Some(sub) = cmd.find_subcommand(w.as_ref()).cloned() else {
            break;
        };
        path.push(w.into_owned());
        cmd = sub;
    }
    path.join(" ")
}

/// The command, every word of its help in `lang`.
pub(crate) fn command(lang: Lang) -> Command {
    let w = words(lang);
    let version = Arg::new("version")
        .short('V')
        .long("version")
        .action(ArgAction::Version)
        .help(text(lang, "ntm.version").unwrap_or("version"))
        .help_heading(w.options);
    let root = Cli::command().disable_version_flag(true).arg(version);
    localize(root, "", lang).long_about(text(lang, "ntm.long"))
}

fn localize(mut cmd: Command, path: &str, lang: Lang) -> Command {
    let w = words(lang);
    let key = if path.is_empty() { "ntm" } else { path };
    let about = text(lang, key).map_or_else(|| key.to_string(), str::to_string);
    let help = Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .help(text(lang, "ntm.help").unwrap_or("help"))
        .help_heading(w.options);
    cmd = cmd
        // The first line in lists of commands; the whole text (with its example) in
        // the command's own help.
        .about(about.lines().next().unwrap_or_default().to_string())
        .long_about(about)
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            w.usage
        ))
        .subcommand_help_heading(w.commands)
        .subcommand_value_name(w.command)
        .disable_help_flag(true)
        .disable_help_subcommand(true);
    let ids: Vec<String> = cmd
        .get_arguments()
        .filter(|a| !matches!(a.get_id().as_str(), "help" | "version"))
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        cmd = cmd.mut_arg(&id, |a| localize_arg(a, path, lang));
    }
    // After the others: headings are listed in the order of their first argument, and
    // `mut_arg` moves an argument to the end.
    cmd = cmd.arg(help);
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for s in subs {
        let sub_path = if path.is_empty() {
            s.clone()
        } else {
            format!("{path}.{s}")
        };
        cmd = cmd.mut_subcommand(&s, |c| localize(c, &sub_path, lang));
    }
    cmd
}

/// The values shown for an argument that takes one (flags have none to show).
fn possible_values(a: &Arg) -> Vec<clap::builder::PossibleValue> {
    if !a.get_action().takes_values() {
        return Vec::new();
    }
    a.get_possible_values()
        .into_iter()
        .filter(|v| !v.is_hide_set())
        .collect()
}

/// An argument's help, its default and its values in `lang`; clap's English
/// `[default: …]` and `Possible values:` are hidden.
fn localize_arg(a: Arg, path: &str, lang: Lang) -> Arg {
    let w = words(lang);
    let id = a.get_id().to_string();
    let mut help = arg_text(lang, path, &id).unwrap_or(&id).to_string();
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|d| d.to_string_lossy().into_owned())
        .collect();
    if a.get_action().takes_values() && !defaults.is_empty() {
        help.push_str(&format!(" [{}: {}]", w.default, defaults.join(", ")));
    }
    let values: Vec<String> = possible_values(&a)
        .iter()
        .map(|v| {
            let tail = format!("{id}.{}", v.get_name());
            match arg_text(lang, path, &tail) {
                Some(h) => format!("  - {}: {h}", v.get_name()),
                None => format!("  - {}", v.get_name()),
            }
        })
        .collect();
    if !values.is_empty() {
        help.push_str(&format!("\n{}:\n{}", w.values, values.join("\n")));
    }
    let heading = if a.is_positional() {
        w.arguments
    } else {
        w.options
    };
    let takes_values = a.get_action().takes_values();
    let a = a.help(help).long_help(None::<&str>).help_heading(heading);
    if takes_values {
        let a = a.hide_possible_values(true).hide_default_value(true);
        match value_name(lang, &clap_value_name(&a)) {
            Some(name) => a.value_name(name),
            None => a,
        }
    } else {
        a
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key the command asks for: commands, arguments and their values.
    fn missing(cmd: &Command, path: &str, lang: Lang, out: &mut Vec<String>) {
        let key = if path.is_empty() { "ntm" } else { path };
        if text(lang, key).is_none() {
            out.push(key.to_string());
        }
        for a in cmd.get_arguments() {
            let id = a.get_id().as_str();
            if matches!(id, "help" | "version") {
                continue;
            }
            if arg_text(lang, path, id).is_none() {
                out.push(format!("{key}.{id}"));
            }
            for v in possible_values(a) {
                if arg_text(lang, path, &format!("{id}.{}", v.get_name())).is_none() {
                    out.push(format!("{key}.{id}.{}", v.get_name()));
                }
            }
        }
        for s in cmd.get_subcommands() {
            let p = if path.is_empty() {
                s.get_name().to_string()
            } else {
                format!("{path}.{}", s.get_name())
            };
            missing(s, &p, lang, out);
        }
    }

    #[test]
    fn every_command_argument_and_value_has_its_words_in_each_language() {
        for lang in [Lang::Vi, Lang::En] {
            let mut out = Vec::new();
            missing(&Cli::command(), "", lang, &mut out);
            for k in ["ntm.long", "ntm.help", "ntm.version"] {
                if text(lang, k).is_none() {
                    out.push(k.to_string());
                }
            }
            assert!(out.is_empty(), "{lang:?} lacks {out:?}");
        }
    }

    /// The key each command, argument and value is worded by (its own, else shared).
    fn used(cmd: &Command, path: &str, out: &mut Vec<String>) {
        let key = if path.is_empty() { "ntm" } else { path };
        out.push(key.to_string());
        let resolve = |tail: &str| {
            let own = format!("{key}.{tail}");
            if text(Lang::Vi, &own).is_some() {
                own
            } else {
                format!("*.{tail}")
            }
        };
        for a in cmd.get_arguments() {
            let id = a.get_id().as_str();
            out.push(resolve(id));
            for v in possible_values(a) {
                out.push(resolve(&format!("{id}.{}", v.get_name())));
            }
        }
        for s in cmd.get_subcommands() {
            let p = if path.is_empty() {
                s.get_name().to_string()
            } else {
                format!("{path}.{}", s.get_name())
            };
            used(s, &p, out);
        }
    }

    #[test]
    fn every_entry_of_the_tables_is_used() {
        let mut keys = vec![
            "ntm.long".to_string(),
            "ntm.help".into(),
            "ntm.version".into(),
        ];
        used(&Cli::command(), "", &mut keys);
        let unused: Vec<&str> = vi::TEXT
            .iter()
            .map(|(k, _)| *k)
            .filter(|k| !keys.iter().any(|u| u == k))
            .collect();
        assert!(unused.is_empty(), "words no command uses: {unused:?}");
    }

    fn value_names_of(cmd: &Command, out: &mut Vec<String>) {
        for a in cmd
            .get_arguments()
            .filter(|a| a.get_action().takes_values())
        {
            out.push(clap_value_name(a));
        }
        for s in cmd.get_subcommands() {
            value_names_of(s, out);
        }
    }

    #[test]
    fn every_value_placeholder_is_worded_in_vietnamese() {
        let mut names = Vec::new();
        value_names_of(&Cli::command(), &mut names);
        // Dates and the language list read the same in both languages.
        let missing: Vec<&String> = names
            .iter()
            .filter(|n| !matches!(n.as_str(), "YYYY-MM-DD" | "vi|en"))
            .filter(|n| !vi::VALUE_NAMES.iter().any(|(k, _)| k == n))
            .collect();
        assert!(
            missing.is_empty(),
            "no Vietnamese placeholder for {missing:?}"
        );
        let unused: Vec<&str> = vi::VALUE_NAMES
            .iter()
            .map(|(k, _)| *k)
            .filter(|k| !names.iter().any(|n| n == k))
            .collect();
        assert!(
            unused.is_empty(),
            "placeholders no argument has: {unused:?}"
        );
    }

    #[test]
    fn both_tables_have_the_same_keys_each_once() {
        let keys = |t: &'static [(&'static str, &'static str)]| {
            let mut k: Vec<&str> = t.iter().map(|(k, _)| *k).collect();
            k.sort();
            k
        };
        let (vi, en) = (keys(vi::TEXT), keys(en::TEXT));
        assert_eq!(vi, en);
        let mut unique = vi.clone();
        unique.dedup();
        assert_eq!(unique, vi, "a key given twice");
    }

    #[test]
    fn the_command_is_valid_in_each_language() {
        for lang in [Lang::Vi, Lang::En] {
            command(lang).debug_assert();
        }
    }

    #[test]
    fn the_command_path_is_read_from_the_arguments() {
        let argv = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            command_path(&argv(&["ntm", "--lang", "en", "eval", "--x"])),
            "ntm eval"
        );
        assert_eq!(
            command_path(&argv(&["ntm", "new", "ruleset"])),
            "ntm new ruleset"
        );
        assert_eq!(command_path(&argv(&["ntm", "frobnicate"])), "ntm");
        assert_eq!(
            command_path(&argv(&[
                "ntm", "--lang", "en", "plan", "--data", "plan", "x"
            ])),
            "ntm plan"
        );
    }

    #[test]
    fn help_as_a_command_is_the_help_flag() {
        let argv = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            help_command_as_flag(argv(&["ntm", "help", "new", "ruleset"])),
            argv(&["ntm", "new", "ruleset", "--help"])
        );
        assert_eq!(
            help_command_as_flag(argv(&["ntm", "eval", "help"])),
            argv(&["ntm", "eval", "help"])
        );
    }

    #[test]
    fn the_language_comes_from_the_arguments_first() {
        let argv = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            language(&argv(&["ntm", "eval", "--lang", "en"])),
            Ok(Lang::En)
        );
        assert_eq!(
            language(&argv(&["ntm", "--lang=en", "check"])),
            Ok(Lang::En)
        );
        assert_eq!(
            language(&argv(&["ntm", "--lang", "fr"])),
            Err("fr".to_string())
        );
        // After `--`, words are values, not options.
        assert_eq!(
            language(&argv(&["ntm", "--lang", "vi", "--", "--lang", "en"])),
            Ok(Lang::Vi)
        );
    }
}
