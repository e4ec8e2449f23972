//! Recognition đạt chuẩn NTM declared on a unit (`recognised:` with the year and the
//! decision), made into the attribute the engine reads and checked against it.

use super::model::UnitDef;
use super::CellAt;
use crate::core::diag::{Diagnostic, Diagnostics};
use crate::core::loader::span_of;
use crate::core::problem::DataProblem;
use crate::core::text::norm;
use crate::core::value::Cell;
use std::collections::BTreeMap;
use std::path::Path;

/// Recognition declared on a unit (`date`: its decision's, read by the caller): its year
/// becomes the attribute the engine reads (`nam_dat_chuan_ntm`); the attribute written
/// with another year is refused at the recognition.
pub(super) fn unit_recognition(
    f: &Path,
    u: &UnitDef,
    date: Option<crate::core::date::Date>,
    attributes: &mut BTreeMap<String, CellAt>,
    diags: &mut Diagnostics,
) -> Option<super::UnitRecognition> {
    use crate::core::limits::{MAX_YEAR, MIN_YEAR};
    let r = u.recognised.as_ref()?;
    let span = span_of(f, &r.year);
    let year = r.year.value;
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        diags.push(super::bad_year(year, span));
        return None;
    }
    let date = date?;
    let key = super::RECOGNISED_NTM;
    match super::attributes::recognised_year(attributes) {
        Some(y) if y != year => diags.push(Diagnostic::error(
            span.clone(),
            DataProblem::RecognisedTwice {
                unit: norm(&u.id.value),
                attribute: y,
                declared: year,
            },
        )),
        Some(_) => {}
        None => {
            attributes.insert(
                key.to_string(),
                CellAt {
                    cell: Cell::Scalar(crate::core::value::Scalar::Int(i64::from(year))),
                    span: span.clone(),
                },
            );
        }
    }
    Some(super::UnitRecognition {
        year,
        decision: norm(&r.decision.number),
        date,
        source_level: r.source_level,
        span,
    })
}
