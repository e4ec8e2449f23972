//! Comparing two rule sets: what changed in their structure (`structural.rs`), and,
//! on a dataset, which verdicts flip and why (`flips.rs`).

mod flips;
mod structural;

pub use flips::{
    data, Cause, DataDiff, Flip, Projection, Side, Summary, Transition, UnitDiff, Which,
};
pub use structural::{
    structure, Change, ChangeDetail, ChangeKind, Item, ParamValues, SetRef, Structure, ValueAt,
};
