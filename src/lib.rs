//! ntm: evaluates Vietnamese communes (xã) and villages (thôn) against the criteria
//! of the New Rural Development programme (Nông thôn mới), with the criteria kept
//! as data in YAML rule files with Rhai expressions.
//!
//! The library never prints, has no command-line types and builds no sentences: it
//! returns typed reports, and [`render`] turns them into bytes (table, CSV, JSON …)
//! with words from one message catalogue per language. The `ntm` binary parses the
//! command line, calls the [`project::Project`] facade and picks a renderer.
//!
//! Everything can run from memory, without a filesystem:
//!
//! ```
//! use ntm::analysis::project::Project;
//! use ntm::core::source::Sources;
//! use ntm::engine::eval::EvalOptions;
//! use ntm::report::{Status, Verdict};
//!
//! let rules = Sources::memory().with(
//!     "thon.yaml",
//!     r#"
//! ruleset:
//!   id: demo/thon
//!   title: Bộ tiêu chí thôn (ví dụ)
//!   level: thôn
//!   stage: NTM
//!   valid_from: 2021-01-01
//!   document: {number: 1/VD, date: 2021-01-01, issuer: Ví dụ, title: Văn bản ví dụ}
//! fields:
//!   - {id: ho_dien_pct, label: Tỷ lệ hộ dùng điện, type: percent, unit: "%"}
//! parameters:
//!   - id: ho_dien_min
//!     label: Tỷ lệ hộ dùng điện tối thiểu
//!     values: [{value: 95, citation: {document: 1/VD}, source_level: none}]
//! criteria:
//!   - id: "1"
//!     name: Điện
//!     indicators:
//!       - id: "1.1"
//!         name: Hộ dùng điện
//!         expr: ho_dien_pct >= ho_dien_min
//!         citation: {document: 1/VD}
//! "#,
//! );
//! let data = Sources::memory().with(
//!     "so-lieu.yaml",
//!     r#"
//! units:
//!   - {id: na-y, name: Nà Y, kind: thôn}
//!   - {id: khu-cho, name: Khu Chợ, kind: thôn}
//! records:
//!   - {unit: Nà Y, year: 2021, values: {ho_dien_pct: "97,5"}}
//!   - {unit: Khu Chợ, year: 2021, values: {ho_dien_pct: 90}}
//! "#,
//! );
//! let project = Project::load(&rules, Some(&data)).expect("loads");
//! let report = project.evaluate(&EvalOptions::default()).expect("evaluates");
//! let verdict = |name: &str| {
//!     report.results.iter().find(|r| r.unit.name == name).map(|r| r.verdict)
//! };
//! assert_eq!(verdict("Nà Y"), Some(Verdict::Met));
//! assert_eq!(verdict("Khu Chợ"), Some(Verdict::NotMet));
//!
//! // What-if: the same library under a lower threshold, without modifying it.
//! let lower = EvalOptions {
//!     scenario: project.scenario(&["ho_dien_min=90".to_string()]).expect("valid"),
//!     ..EvalOptions::default()
//! };
//! let report = project.evaluate(&lower).expect("evaluates");
//! assert!(report.results.iter().all(|r| r.criteria[0].status == Status::Met));
//!
//! // Words only at the end, in the language asked for.
//! let text = ntm::render::to_string(
//!     &ntm::render::table::EvalTable(&report),
//!     ntm::render::Lang::En,
//! );
//! assert!(text.contains("meets the standard"));
//! ```

#![forbid(unsafe_code)]

pub mod analysis;
pub mod core;
pub mod data;
pub mod engine;
pub mod render;
pub mod report;
pub mod rules;

pub const ENGINE_VERSION: &str = concat!("ntm ", env!("CARGO_PKG_VERSION"));
