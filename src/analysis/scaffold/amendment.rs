//! `ntm new amendment`: a small file that changes a few values of a set in force. It
//! ends where its base ends (an amendment cannot outlive the set it amends, nor overlap
//! the set that replaces it), and is written through the YAML serializer.

use super::written::{Citation, ParamValue, Parameter, Written};
use super::yaml::{commented, to_yaml, usage};
use crate::core::date::Date;
use crate::core::diag::{Diagnostic, Diagnostics, Span};
use crate::core::problem::{AuthoringProblem, RunProblem};
use crate::engine::library::RuleLibrary;
use crate::rules::model::{SourceLevel, Stage};
use crate::rules::RuleSet;
use serde::Serialize;

/// What `ntm new amendment` needs.
pub struct NewAmendment<'a> {
    pub base: &'a RuleSet,
    pub id: Option<&'a str>,
    pub valid_from: Date,
    pub document: Option<&'a str>,
    /// Parameters to change: `(id, value as typed)`.
    pub set: &'a [(String, String)],
    /// A provincial layer over a national set: both stay in force, the layer applies
    /// to the province's units.
    pub jurisdiction: Option<&'a str>,
}

impl NewAmendment<'_> {
    /// The amendment's id: `--id`, else `<base>/sua-doi-<year of valid_from>` (a
    /// server names the downloaded file after it).
    pub fn id(&self) -> String {
        self.id
            .map(str::to_string)
            .unwrap_or_else(|| format!("{}/sua-doi-{}", self.base.id, self.valid_from.year))
    }
}

#[derive(Serialize)]
struct AmendmentFile {
    ruleset: Header,
    parameters: Vec<Parameter>,
}

#[derive(Serialize)]
struct Header {
    id: String,
    amends: String,
    title: String,
    level: String,
    stage: Stage,
    #[serde(skip_serializing_if = "Option::is_none")]
    jurisdiction: Option<String>,
    valid_from: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    valid_until: Option<Date>,
    document: Document,
}

#[derive(Serialize)]
struct Document {
    number: String,
    date: Date,
    issuer: String,
    title: String,
}

/// A value as typed after `--set id=…`: a number (Vietnamese or English form), a yes/no,
/// or text.
fn parse_value(raw: &str) -> Written {
    use crate::core::number::{parse_number, NumberFormat};
    match parse_number(raw, NumberFormat::Auto) {
        Ok(n) => Written::Number(n.value),
        Err(_) => match raw {
            "true" | "có" => Written::Bool(true),
            "false" | "không" => Written::Bool(false),
            _ => Written::Text(raw.to_string()),
        },
    }
}

/// Fixed text: every value the file names is in the YAML below it.
const HEAD: &str = "\
# Sửa đổi, bổ sung một bộ tiêu chí, tạo bằng `ntm new amendment`.
# Chỉ ghi những gì thay đổi: một tham số (ngưỡng) hay một tiêu chí ghi ở đây thay cho tham số,
# tiêu chí cùng mã của bộ gốc (`amends`); mọi thứ khác giữ nguyên. Bộ gốc hết hiệu lực từ ngày
# trước `valid_from`; bản sửa đổi hết hiệu lực cùng ngày với bộ gốc (`valid_until`, khi có).
# Các ca kiểm thử của bộ gốc vẫn chạy theo ngày của bộ gốc.
# Việc cần làm: ghi số, ngày, trích yếu của văn bản sửa đổi trong `document:`; đổi
# `source_level` thành `official` khi đã đối chiếu văn bản; thêm ca kiểm thử (`tests:`).
";

/// A small amendment: header only, with each `--set` parameter copied from the base
/// (label, unit) with its new value; everything else is inherited.
pub fn new_amendment(lib: &RuleLibrary, req: &NewAmendment<'_>) -> Result<String, Diagnostics> {
    let base = req.base;
    let valid_until = validity(base, req.valid_from)?;
    let id = req.id();
    if lib.get(&id).is_some() {
        return Err(usage(AuthoringProblem::ScaffoldExists {
            id: id.clone(),
            amendment: true,
        }));
    }
    let number = req.document.unwrap_or("SỐ/QĐ-UBND").to_string();
    let file = AmendmentFile {
        ruleset: Header {
            id,
            amends: base.id.clone(),
            title: format!("Sửa đổi, bổ sung {}", base.title),
            level: base.level.to_string(),
            stage: base.stage,
            jurisdiction: req
                .jurisdiction
                .map(crate::core::text::norm)
                .or_else(|| base.jurisdiction.clone()),
            valid_from: req.valid_from,
            valid_until,
            document: Document {
                number: number.clone(),
                date: req.valid_from,
                issuer: base.document.issuer.clone(),
                title: format!("Sửa đổi, bổ sung {}", base.document.title),
            },
        },
        parameters: parameters(base, req.set, &number)?,
    };
    let mut text = HEAD.to_string();
    text.push_str(&to_yaml(&file)?);
    if req.set.is_empty() {
        if let Some(p) = base.parameters.values().next() {
            text.push_str("# Ví dụ: đổi một ngưỡng của bộ gốc, trong `parameters:`\n");
            text.push_str(&commented(&[Parameter {
                id: p.id.clone(),
                label: p.label.clone(),
                unit: p.unit.clone(),
                values: vec![ParamValue::plain(
                    Written::Text("…".into()),
                    Citation::document(&number),
                    SourceLevel::Official,
                )],
                notes: None,
            }])?);
        }
    }
    Ok(text)
}

/// The amendment's last day: its base's (its own end, or the day before the set that
/// replaces it starts). Refused when the base is no longer in force on its first day.
fn validity(base: &RuleSet, from: Date) -> Result<Option<Date>, Diagnostics> {
    if from <= base.valid_from {
        return Err(usage(AuthoringProblem::ScaffoldTooEarly {
            base: base.id.clone(),
            from: base.valid_from.to_string(),
            amendment: true,
        }));
    }
    let end = base.effective_until();
    if let Some(end) = end.filter(|e| from > *e) {
        return Err(usage(AuthoringProblem::ScaffoldBaseEnded {
            base: base.id.clone(),
            from: from.to_string(),
            end: end.to_string(),
        }));
    }
    Ok(end)
}

/// Each `--set id=value` as a parameter of the amendment, its label and unit from the
/// base; unknown ids are refused with a suggestion.
fn parameters(
    base: &RuleSet,
    set: &[(String, String)],
    number: &str,
) -> Result<Vec<Parameter>, Diagnostics> {
    let mut out = Vec::new();
    let mut errors = Diagnostics::default();
    for (pid, raw) in set {
        let Some(p) = base.parameters.get(pid) else {
            let suggestion =
                crate::core::text::did_you_mean(pid, base.parameters.keys().map(String::as_str));
            // A criterion still awaiting its source has no parameters yet: the sheet
            // (`ntm pending`) writes them, and an amendment can change them after.
            let pending: Vec<String> = base
                .criteria
                .iter()
                .filter(|c| c.pending_source.is_some())
                .map(|c| c.id.clone())
                .collect();
            if suggestion.is_none() && !pending.is_empty() {
                errors.push(Diagnostic::error(
                    Span::file_only("--set"),
                    AuthoringProblem::AmendPending {
                        param: pid.to_string(),
                        set: base.id.clone(),
                        criteria: pending,
                    },
                ));
                continue;
            }
            errors.push(Diagnostic::error(
                Span::file_only("--set"),
                RunProblem::Override {
                    param: pid.to_string(),
                    set: Some(base.id.clone()),
                    suggestion,
                },
            ));
            continue;
        };
        out.push(Parameter {
            id: pid.clone(),
            label: p.label.clone(),
            unit: p.unit.clone(),
            values: vec![ParamValue::plain(
                parse_value(raw),
                Citation::document(number),
                SourceLevel::None,
            )],
            notes: None,
        });
    }
    if errors.has_errors() {
        return Err(errors);
    }
    Ok(out)
}
