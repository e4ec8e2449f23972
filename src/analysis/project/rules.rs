//! Questions about the rules themselves: a set by id or file, comparisons, pending
//! sources and the sheet that fills them, test cases.

use super::{DiffReport, Error, Filled, Project, Result};
use crate::analysis::testcases::TestRun;
use crate::core::diag::{Diagnostic, Span};
use crate::core::problem::RunProblem;
use crate::core::source::Sources;
use crate::engine::eval::EvalOptions;
use crate::rules::RuleSet;

impl Project {
    /// A rule set by id, or by the path of its file.
    pub fn ruleset(&self, arg: &str) -> Result<&RuleSet> {
        let as_path = std::path::Path::new(arg);
        let canon = |p: &std::path::Path| std::fs::canonicalize(p).ok();
        self.library
            .sets
            .iter()
            .find(|s| {
                s.id == arg
                    || s.file == as_path
                    || (canon(as_path).is_some() && canon(&s.file) == canon(as_path))
            })
            .ok_or_else(|| {
                let ids = self.library.sets.iter().map(|s| s.id.as_str());
                Error::one(Diagnostic::error(
                    Span::file_only(arg),
                    RunProblem::NoRuleset {
                        name: arg.to_string(),
                        suggestion: crate::core::text::did_you_mean(arg, ids),
                    },
                ))
            })
    }

    /// Compare two rule sets; with a dataset, also the verdicts that flip.
    pub fn diff(&self, from: &str, to: &str, opts: &EvalOptions) -> Result<DiffReport> {
        let (a, b) = (self.ruleset(from)?, self.ruleset(to)?);
        let structure = crate::analysis::diff::structure(a, b);
        let data = match self.dataset() {
            Some(ds) => Some(crate::analysis::diff::data(&self.library, ds, a, b, opts)?),
            None => None,
        };
        Ok(DiffReport {
            stamp: self.stamp(opts),
            structure,
            data,
            sources: self.sources(),
        })
    }

    /// Compare an older copy of a rule file (a saved copy, or the file as it was in
    /// git) with the set of the same id in the library: the structural changes of an
    /// in-place edit. The copy is loaded in place of the library's file.
    pub fn diff_copy(
        &self,
        old: &crate::core::source::SourceFile,
        opts: &EvalOptions,
    ) -> Result<DiffReport> {
        let id = crate::analysis::scaffold::set_id(old).ok_or_else(|| {
            Error::one(Diagnostic::error(
                Span::file_only(&old.path),
                RunProblem::NotARuleSet,
            ))
        })?;
        let mut given = Sources::memory();
        given.push(old.clone());
        let variant = Project::load(
            &crate::analysis::scaffold::overlay(&given, &self.rule_sources),
            None,
        )?;
        let (a, b) = (variant.ruleset(&id)?, self.ruleset(&id)?);
        Ok(DiffReport {
            stamp: self.stamp(opts),
            structure: crate::analysis::diff::structure(a, b),
            data: None,
            sources: self.sources(),
        })
    }

    /// Pending criteria and unsourced values, of one set or all.
    pub fn pending(&self, set: Option<&str>) -> Result<Vec<crate::analysis::pending::PendingSet>> {
        let only = set.map(|s| self.ruleset(s)).transpose()?;
        Ok(crate::analysis::pending::list(&self.library, only))
    }

    /// The fill-in sheet of a set's pending criteria.
    pub fn pending_sheet(&self, set: &str) -> Result<Vec<crate::analysis::pending::SheetRow>> {
        Ok(crate::analysis::pending::template(self.ruleset(set)?))
    }

    /// Read a completed sheet into an amendment of `set`, load it beside the library
    /// (so it is checked like any rule file), run its test cases, and compare it with
    /// the set it completes.
    pub fn fill(
        &self,
        set: &str,
        sheet: &crate::core::source::SourceFile,
        name: &str,
    ) -> Result<Filled> {
        let base = self.ruleset(set)?;
        let yaml = crate::analysis::pending::amendment(&self.library, base, sheet)?;
        let mut sources = self.rule_sources.clone();
        sources.push(crate::core::source::SourceFile::new(name, yaml.clone()));
        let variant = Project::load(&sources, None)?;
        let new_id = format!("{set}/chi-tieu");
        let tests = variant.test();
        let new = variant.ruleset(&new_id)?;
        let structure = crate::analysis::diff::structure(variant.ruleset(set)?, new);
        Ok(Filled {
            yaml,
            structure,
            tests,
        })
    }

    /// `ntm check`: every file of `inputs` checked through a project of its own (see
    /// [`crate::analysis::check::check`]); `library` gives the rules when the inputs
    /// hold none.
    pub fn check(
        inputs: Sources,
        library: impl FnOnce() -> std::result::Result<Sources, crate::core::diag::Diagnostics>,
    ) -> crate::analysis::check::CheckReport {
        crate::analysis::check::check(inputs, library)
    }

    /// Run the test cases the rule files carry.
    pub fn test(&self) -> TestRun {
        crate::analysis::testcases::run_all(&self.library)
    }
}
