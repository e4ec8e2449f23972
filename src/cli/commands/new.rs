//! `ntm new ruleset|amendment`: starting files.

use crate::args::{NewAmendmentArgs, NewRulesetArgs};
use crate::output::emit;
use crate::request::{date, out, set_pairs, sets, Out};
use crate::run::{Ctx, Exit, Outcome, Raw};
use crate::usage::Bad;
use ntm::core::date::Date;
use std::path::PathBuf;

pub(crate) struct NewRequest {
    rules: Vec<PathBuf>,
    what: What,
    out: Out,
}

enum What {
    Ruleset {
        from: String,
        id: String,
        valid_from: Date,
        title: Option<String>,
        jurisdiction: Option<String>,
    },
    Amendment {
        amends: String,
        valid_from: Date,
        id: Option<String>,
        document: Option<String>,
        set: Vec<(String, String)>,
        jurisdiction: Option<String>,
    },
}

impl NewRequest {
    pub(crate) fn ruleset(a: NewRulesetArgs) -> Result<Self, Bad> {
        Ok(NewRequest {
            what: What::Ruleset {
                valid_from: date("--valid-from", &a.valid_from)?,
                from: a.from,
                id: a.id,
                title: a.title,
                jurisdiction: a.jurisdiction,
            },
            rules: a.rules,
            out: out(a.output),
        })
    }

    pub(crate) fn amendment(a: NewAmendmentArgs) -> Result<Self, Bad> {
        let set = set_pairs(&sets("--set", a.set)?);
        Ok(NewRequest {
            what: What::Amendment {
                valid_from: date("--from", &a.from)?,
                amends: a.amends,
                id: a.id,
                document: a.document,
                set,
                jurisdiction: a.jurisdiction,
            },
            rules: a.rules,
            out: out(a.output),
        })
    }
}

/// `ntm new ruleset` and `ntm new amendment`: the YAML to --output (or stdout).
pub(crate) fn run(cx: &Ctx, r: NewRequest) -> Outcome {
    use ntm::analysis::scaffold::{new_amendment, new_ruleset, NewAmendment, NewRuleset};
    let p = cx.project(&r.rules, &[], &[])?;
    let yaml = match &r.what {
        What::Ruleset {
            from,
            id,
            valid_from,
            title,
            jurisdiction,
        } => new_ruleset(
            p.library(),
            &NewRuleset {
                from: p.ruleset(from)?,
                id,
                valid_from: *valid_from,
                title: title.as_deref(),
                jurisdiction: jurisdiction.as_deref(),
            },
        ),
        What::Amendment {
            amends,
            valid_from,
            id,
            document,
            set,
            jurisdiction,
        } => new_amendment(
            p.library(),
            &NewAmendment {
                base: p.ruleset(amends)?,
                id: id.as_deref(),
                valid_from: *valid_from,
                document: document.as_deref(),
                set,
                jurisdiction: jurisdiction.as_deref(),
            },
        ),
    }?;
    emit(cx.m, &Raw(yaml.as_bytes()), r.out.path.as_deref())?;
    Ok(Exit::Ok)
}
