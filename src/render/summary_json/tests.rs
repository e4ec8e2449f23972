//! The summary writer against serde's output of `SummaryResult`, byte for byte, on
//! results with every optional part and with none, with strings that need escaping.

use super::{Layout, SummaryWriter};
use crate::core::units::UnitKind;
use crate::report::doc::{Line, ResultTag, SummaryResult};
use crate::report::*;
use crate::rules::model::{LevelMeaning, SourceLevel, Stage};
use crate::rules::{Citation, CriterionInfo};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Every character serde_json escapes, some it does not, and non-ASCII text.
const AWKWARD: &str = "Thôn \"Nà\\Lẹng\"\n\t\r\u{8}\u{c}\u{1}\u{1f}\u{7f} = 1; <b>🌾</b>";

/// A criterion result with its own info (other tests build results from these).
pub(crate) fn criterion(id: &str, status: Status, level: Option<GradedLevel>) -> CriterionResult {
    CriterionResult {
        info: Arc::new(CriterionInfo {
            id: id.to_string(),
            name: Arc::from("Giao thông"),
            department: None,
            citation: None,
            pending_source: None,
        }),
        status,
        basis: Basis::Declared,
        computed: None,
        declared: Some(status),
        unverified: true,
        score: None,
        level,
        indicators: Vec::new(),
    }
}

fn score() -> Score {
    Score {
        earned: Some(12.5),
        max: 20.0,
        percent: Some(62.5),
        level: Some("kha".into()),
        level_label: Some(AWKWARD.into()),
        pending_source: None,
    }
}

/// A result with every optional part.
fn everything() -> UnitResult {
    let unit = UnitRef {
        id: AWKWARD.into(),
        name: AWKWARD.into(),
        kind: UnitKind::Thon,
        parent: Some("x\"1".into()),
        parent_name: Some("Xã \\ Bằng Vân".into()),
    };
    let level = UnitLevel {
        id: "co_ban_dat".into(),
        label: AWKWARD.into(),
        means: Some(LevelMeaning::Intermediate),
    };
    let graded = GradedLevel {
        id: "dat".into(),
        rank: 0,
        of: 3,
    };
    UnitResult {
        unit: unit.clone(),
        year: -2025,
        ruleset: AWKWARD.into(),
        ruleset_title: "not written in summaries".into(),
        region: Some("TDMNPB".into()),
        group: Some(AWKWARD.into()),
        stage: Stage::NtmNangCao,
        document: "902/QĐ-UBND".into(),
        met: 12,
        total: 19,
        verdict: Verdict::NotMet,
        reported_total: Some(-3),
        published_verdict: Some(AWKWARD.into()),
        partial: Some(PartialCount {
            reported: 9,
            met: 3,
            not_met: 1,
            unknown: 15,
        }),
        unverified: true,
        weakest_source: Some(SourceLevel::Secondary),
        provenance: Some(crate::data::model::Provenance::Published),
        level: Some(level.clone()),
        counts: BTreeMap::from([("dat".into(), 3), (AWKWARD.into(), 0)]),
        levels: vec![level.clone(), level],
        count_only: true,
        parts: vec![unit.clone(), unit],
        criteria: vec![
            criterion(AWKWARD, Status::Met, Some(graded)),
            criterion("2", Status::NotApplicable, None),
        ],
        scoring: Some(score()),
        recognition: Some(RecognitionResult {
            title: AWKWARD.into(),
            citation: Citation::document("1861/QĐ-UBND"),
            status: Recognisable::Incomplete,
            conditions: Vec::new(),
            weakest_source: Some(SourceLevel::None),
        }),
        findings: vec![
            Finding {
                detail: FindingDetail::ReportedTotalMismatch {
                    reported: 5,
                    counted: 4,
                },
                criterion: Some(AWKWARD.into()),
                location: Some("phu-luc.csv:3:7".into()),
            },
            Finding {
                detail: FindingDetail::IllustrativeData,
                criterion: None,
                location: None,
            },
        ],
    }
}

/// A result with no optional part, and empty lists.
pub(crate) fn nothing() -> UnitResult {
    let mut r = everything();
    r.unit.parent = None;
    r.unit.parent_name = None;
    r.region = None;
    r.group = None;
    r.stage = Stage::Ntm;
    r.reported_total = None;
    r.published_verdict = None;
    r.partial = None;
    r.unverified = false;
    r.weakest_source = None;
    r.provenance = None;
    r.level = None;
    r.counts.clear();
    r.levels.clear();
    r.count_only = false;
    r.parts.clear();
    r.criteria.clear();
    r.scoring = None;
    r.recognition = None;
    r.findings.clear();
    r
}

/// What serde writes for `r` in `layout`.
fn by_serde(r: &UnitResult, layout: Layout) -> String {
    let m = crate::render::Lang::Vi.catalog();
    let word = |f: &Finding| m.finding(f);
    let mut out = Vec::new();
    match layout {
        Layout::Pretty { level } => {
            crate::render::json_nested::write(&mut out, &SummaryResult::of(r, &word), level)
                .unwrap()
        }
        Layout::Line => serde_json::to_writer(
            &mut out,
            &Line {
                item: SummaryResult::of(r, &word),
                kind: ResultTag::Tag,
            },
        )
        .unwrap(),
    }
    String::from_utf8(out).unwrap()
}

fn by_hand(r: &UnitResult, layout: Layout) -> String {
    // After other bytes, as in a spool.
    let mut out = b"before ".to_vec();
    SummaryWriter::new(layout)
        .write(&mut out, crate::render::Lang::Vi.catalog(), r)
        .unwrap();
    let out = String::from_utf8(out).unwrap();
    out.strip_prefix("before ").unwrap().to_string()
}

#[test]
fn writes_what_serde_writes() {
    let layouts = [
        Layout::Line,
        Layout::Pretty { level: 0 },
        Layout::Pretty { level: 2 },
        // Deeper than the indentation written in one piece.
        Layout::Pretty { level: 70 },
    ];
    for r in [everything(), nothing()] {
        for layout in layouts {
            assert_eq!(by_hand(&r, layout), by_serde(&r, layout), "{layout:?}");
        }
    }
}
