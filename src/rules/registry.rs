//! Registers: every legal document the rule files rely on, and the district
//! departments responsible for criteria. Rule files are checked against them, so a
//! misspelt department or an undeclared document is caught by `check`.

use crate::core::date::Date;
use crate::core::diag::{Diagnostic, Diagnostics, Span};
use crate::core::loader::{self, span_of, Spanned};
use crate::core::problem::LibraryProblem;
use crate::core::text::{did_you_mean, name_key, norm};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegistryFile {
    #[serde(default)]
    documents: Vec<DocumentEntryDef>,
    #[serde(default)]
    departments: Vec<DepartmentDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentEntryDef {
    number: Spanned<String>,
    date: String,
    issuer: String,
    title: String,
    /// Numbers of documents this one amends (sửa đổi, bổ sung).
    #[serde(default)]
    amends: Vec<Spanned<String>>,
    /// Numbers of documents this one replaces (thay thế).
    #[serde(default)]
    supersedes: Vec<Spanned<String>>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    notes: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DepartmentDef {
    id: Spanned<String>,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    /// The duties as the plan words them.
    #[serde(default)]
    duties: Option<String>,
    #[serde(default)]
    source: Option<String>,
    /// First and last day the department exists (YYYY-MM-DD), when known: a huyện's
    /// departments end with the huyện.
    #[serde(default)]
    valid_from: Option<Spanned<String>>,
    #[serde(default)]
    valid_until: Option<Spanned<String>>,
}

#[derive(Clone, Debug, Serialize)]
pub struct DocumentEntry {
    pub number: String,
    pub date: String,
    pub issuer: String,
    pub title: String,
    pub amends: Vec<String>,
    pub supersedes: Vec<String>,
    pub source: Option<String>,
    pub notes: Option<String>,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Clone, Debug, Serialize)]
pub struct Department {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub duties: Option<String>,
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<Date>,
    #[serde(skip)]
    pub span: Span,
}

impl Department {
    /// Does the department exist on `day` (its declared dates)?
    pub fn in_force(&self, day: Date) -> bool {
        self.valid_from.is_none_or(|d| d <= day) && self.valid_until.is_none_or(|d| d >= day)
    }
}

#[derive(Clone, Debug, Default)]
pub struct Registry {
    pub documents: Vec<DocumentEntry>,
    pub departments: Vec<Department>,
    pub files: Vec<PathBuf>,
}

impl Registry {
    pub fn is_empty(&self) -> bool {
        self.documents.is_empty() && self.departments.is_empty()
    }
    pub fn document(&self, number: &str) -> Option<&DocumentEntry> {
        let k = name_key(number);
        self.documents.iter().find(|d| name_key(&d.number) == k)
    }
    pub fn department(&self, name: &str) -> Option<&Department> {
        let k = name_key(name);
        self.departments.iter().find(|d| {
            d.id == name.trim()
                || name_key(&d.name) == k
                || d.aliases.iter().any(|a| name_key(a) == k)
        })
    }
    /// Is a department name known? If not, a message with a suggestion.
    /// Ok when the register knows the department (or lists none); else the closest
    /// name it has, if any.
    pub fn check_department(&self, name: &str) -> Result<(), Option<String>> {
        if self.departments.is_empty() || self.department(name).is_some() {
            return Ok(());
        }
        let names = self.departments.iter().map(|d| d.name.as_str());
        Err(did_you_mean(name, names))
    }
}

/// Add one register file to the registry.
pub fn load_into(reg: &mut Registry, file: &Path, text: &str, diags: &mut Diagnostics) {
    let raw: RegistryFile = match loader::from_yaml(file, text) {
        Ok(r) => r,
        Err(d) => {
            diags.push(d);
            return;
        }
    };
    reg.files.push(file.to_path_buf());
    for d in raw.documents {
        let number = norm(&d.number.value);
        let span = span_of(file, &d.number);
        if let Some(first) = reg.document(&number) {
            diags.push(Diagnostic::error(
                span,
                LibraryProblem::DuplicateDocument {
                    number: number.clone(),
                    first: first.span.clone(),
                },
            ));
            continue;
        }
        reg.documents.push(DocumentEntry {
            number,
            date: d.date,
            issuer: norm(&d.issuer),
            title: norm(&d.title),
            amends: d.amends.iter().map(|a| norm(&a.value)).collect(),
            supersedes: d.supersedes.iter().map(|a| norm(&a.value)).collect(),
            source: d.source,
            notes: d.notes,
            span,
        });
    }
    for d in raw.departments {
        let span = span_of(file, &d.id);
        reg.departments.push(Department {
            id: d.id.value.trim().to_string(),
            name: norm(&d.name),
            aliases: d.aliases.iter().map(|a| norm(a)).collect(),
            duties: d.duties,
            source: d.source,
            valid_from: register_date(file, d.valid_from.as_ref(), diags),
            valid_until: register_date(file, d.valid_until.as_ref(), diags),
            span,
        });
    }
}

/// A register's date, or its fault reported at its place.
fn register_date(
    file: &Path,
    d: Option<&Spanned<String>>,
    diags: &mut Diagnostics,
) -> Option<Date> {
    let d = d?;
    Date::parse(&d.value)
        .map_err(|e| {
            diags.push(Diagnostic::error(
                span_of(file, d),
                crate::core::problem::DataProblem::DataDate {
                    given: d.value.clone(),
                    detail: e,
                },
            ))
        })
        .ok()
}

/// Every `amends`/`supersedes` reference names a registered document.
pub fn check_references(reg: &Registry, diags: &mut Diagnostics) {
    for d in &reg.documents {
        for r in d.amends.iter().chain(&d.supersedes) {
            if reg.document(r).is_none() {
                let nums = reg.documents.iter().map(|x| x.number.as_str());
                diags.push(Diagnostic::error(
                    d.span.clone(),
                    LibraryProblem::UnregisteredReference {
                        document: d.number.clone(),
                        refers_to: r.clone(),
                        suggestion: did_you_mean(r, nums),
                    },
                ));
            }
        }
    }
}
