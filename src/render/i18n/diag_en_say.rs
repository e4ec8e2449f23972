//! English wording of a diagnostic's problem, by area.

use super::Said;
use crate::core::problem::Problem;

pub(super) fn say(p: &Problem) -> Said {
    match p {
        Problem::Input(p) => super::diag_en::input(p),
        Problem::Expr(p) => super::diag_en_rules::expr(p),
        Problem::Rule(p) => super::diag_en_rules::rule(p),
        Problem::Criteria(p) => super::diag_en_rules::criteria(p),
        Problem::Library(p) => super::diag_en_library::library(p),
        Problem::Data(p) => super::diag_en_data::data(p),
        Problem::Table(p) => super::diag_en_data::table(p),
        Problem::Authoring(p) => super::diag_en_authoring::authoring(p),
        Problem::Plan(p) => super::diag_en_library::plan(p),
        Problem::Run(p) => super::diag_en_library::run(p),
        Problem::InTest { test, problem } => {
            let inner = say(problem);
            Said {
                message: format!("test `{test}`: {}", inner.message),
                ..inner
            }
        }
    }
}
