//! A unit's commune group (nhóm xã) for a set whose thresholds differ by group: its
//! own `group` attribute (dated values already resolved for the day), else the group
//! the set's declared derivation gives from its other attributes, else a finding that
//! names what is missing.

use super::inputs::UnitCtx;
use crate::core::value::parse_bool;
use crate::report::{Finding, FindingDetail};
use crate::rules::model::{GroupCondition, GroupDef};
use crate::rules::RuleSet;

/// The attribute holding a unit's commune group.
pub const GROUP: &str = "group";

/// The unit's group for the set, and a finding saying how it was derived or why it is
/// unknown (none for a set without groups or a unit that carries its group).
pub fn group_of(set: &RuleSet, ctx: &UnitCtx<'_>) -> (Option<String>, Option<Finding>) {
    if let Some(g) = ctx.attribute_text(GROUP) {
        return (Some(g), None);
    }
    if set.groups.is_empty() {
        return (None, None);
    }
    let finding = |detail| Finding {
        detail,
        criterion: None,
        location: None,
    };
    match derive(&set.groups, &|a| ctx.attribute_text(a)) {
        Derived::Group(g) => {
            let source_level = g.derive.as_ref().map(|d| d.source_level);
            let group = g.id.value.clone();
            let f = source_level.map(|source_level| {
                finding(FindingDetail::GroupDerived {
                    group: group.clone(),
                    source_level,
                })
            });
            (Some(group), f)
        }
        Derived::Unknown { missing, matching } => (
            None,
            Some(finding(FindingDetail::NoGroup {
                ruleset: set.id.clone(),
                missing,
                matching,
            })),
        ),
    }
}

/// What a derivation gives.
#[derive(Debug)]
enum Derived<'a> {
    Group(&'a GroupDef),
    /// `missing`: attributes it needed and the unit lacks (`group` itself when the set
    /// declares no derivation); `matching`: groups whose conditions all hold at once.
    Unknown {
        missing: Vec<String>,
        matching: Vec<String>,
    },
}

/// The one group whose conditions hold, or the residual group when every other
/// group's conditions are known not to hold.
fn derive<'a>(groups: &'a [GroupDef], attr: &dyn Fn(&str) -> Option<String>) -> Derived<'a> {
    let mut missing = Vec::new();
    let mut holds = Vec::new();
    let mut undecided = false;
    let mut residual = None;
    let mut declared = false;
    for g in groups {
        let Some(d) = &g.derive else { continue };
        declared = true;
        if d.otherwise {
            residual = Some(g);
            continue;
        }
        match any_of(&d.any_of, attr, &mut missing) {
            Some(true) => holds.push(g),
            Some(false) => {}
            None => undecided = true,
        }
    }
    missing.sort();
    missing.dedup();
    match (holds.as_slice(), undecided, residual) {
        _ if !declared => Derived::Unknown {
            missing: vec![GROUP.to_string()],
            matching: Vec::new(),
        },
        ([one], _, _) => Derived::Group(one),
        ([], false, Some(r)) => Derived::Group(r),
        (many, _, _) => Derived::Unknown {
            missing: if many.is_empty() { missing } else { Vec::new() },
            matching: many.iter().map(|g| g.id.value.clone()).collect(),
        },
    }
}

/// Any one list of conditions all holding: yes, no, or unknown (attributes missing,
/// recorded) when no list holds and one cannot be decided.
fn any_of(
    lists: &[Vec<GroupCondition>],
    attr: &dyn Fn(&str) -> Option<String>,
    missing: &mut Vec<String>,
) -> Option<bool> {
    let mut unknown = false;
    for list in lists {
        let mut all = Some(true);
        for c in list {
            match test(c, attr) {
                Some(true) => {}
                Some(false) => {
                    all = Some(false);
                    break;
                }
                None => {
                    missing.push(c.attribute().to_string());
                    all = None;
                }
            }
        }
        match all {
            Some(true) => return Some(true),
            None => unknown = true,
            Some(false) => {}
        }
    }
    (!unknown).then_some(false)
}

/// One condition on the unit's attribute; `None` when the attribute is absent or not
/// of the condition's type.
fn test(c: &GroupCondition, attr: &dyn Fn(&str) -> Option<String>) -> Option<bool> {
    let v = attr(c.attribute())?;
    match c {
        GroupCondition::Yes(_) => parse_bool(&v),
        GroupCondition::Below(_, limit) => {
            let x = crate::core::number::parse_number(&v, Default::default()).ok()?;
            Some(x.value < *limit)
        }
        GroupCondition::OneOf(_, values) => {
            let k = crate::core::text::name_key(&v);
            Some(values.iter().any(|w| crate::core::text::name_key(w) == k))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// The three groups of QĐ 51/2025 as the bundled set declares them (read from YAML,
    /// as a rule file writes them).
    fn qd51() -> Vec<GroupDef> {
        let yaml = r#"
- id: "1"
  name: Xã nhóm 1
  definition: x
  citation: {document: 51/2025/QĐ-TTg}
  derive:
    any_of:
      - [{yes: lien_ke_do_thi}, {yes: dinh_huong_do_thi}]
      - [{below: [ty_trong_nong_nghiep_pct, 10]}]
      - [{yes: dinh_huong_do_thi_moi}]
    source_level: secondary
- id: "2"
  name: Xã nhóm 2
  definition: x
  citation: {document: 51/2025/QĐ-TTg}
  derive: {otherwise: true, source_level: secondary}
- id: "3"
  name: Xã nhóm 3
  definition: x
  citation: {document: 51/2025/QĐ-TTg}
  derive:
    any_of:
      - [{yes: vung_dtts_mn}, {one_of: [khu_vuc, [II, III]]}]
    source_level: secondary
"#;
        serde_saphyr::from_str(yaml).unwrap()
    }

    fn run<'a>(groups: &'a [GroupDef], attrs: &[(&str, &str)]) -> Derived<'a> {
        let m: BTreeMap<String, String> = attrs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        derive(groups, &|a| m.get(a).cloned())
    }

    /// What is missing and which groups match, for an unknown group.
    fn unknown(d: Derived<'_>) -> (Vec<String>, Vec<String>) {
        match d {
            Derived::Unknown { missing, matching } => (missing, matching),
            Derived::Group(g) => panic!("derived group {}", g.id.value),
        }
    }

    fn id(d: Derived<'_>) -> String {
        match d {
            Derived::Group(g) => g.id.value.clone(),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn groups_follow_from_attributes() {
        let g = qd51();
        let rural = [
            ("lien_ke_do_thi", "không"),
            ("dinh_huong_do_thi_moi", "không"),
            ("ty_trong_nong_nghiep_pct", "45"),
        ];
        let kv3 = [&rural[..], &[("vung_dtts_mn", "có"), ("khu_vuc", "III")]].concat();
        assert_eq!(id(run(&g, &kv3)), "3");
        let kv1 = [&rural[..], &[("vung_dtts_mn", "có"), ("khu_vuc", "I")]].concat();
        assert_eq!(id(run(&g, &kv1)), "2", "khu vực I is not nhóm 3");
        let low_farming = [
            ("ty_trong_nong_nghiep_pct", "8,5"),
            ("vung_dtts_mn", "không"),
        ];
        assert_eq!(id(run(&g, &low_farming)), "1");
    }

    #[test]
    fn an_unknown_group_names_what_is_missing() {
        let g = qd51();
        let (missing, matching) = unknown(run(&g, &[("vung_dtts_mn", "có")]));
        assert_eq!(
            missing,
            [
                "dinh_huong_do_thi",
                "dinh_huong_do_thi_moi",
                "khu_vuc",
                "lien_ke_do_thi",
                "ty_trong_nong_nghiep_pct"
            ]
        );
        assert!(matching.is_empty());
        // Nhóm 1 and nhóm 3 at once: the sources do not say which prevails.
        let both = [
            ("ty_trong_nong_nghiep_pct", "5"),
            ("vung_dtts_mn", "có"),
            ("khu_vuc", "II"),
        ];
        assert_eq!(
            unknown(run(&g, &both)),
            (Vec::new(), vec!["1".into(), "3".into()])
        );
        // A set that declares groups but no derivation: the unit's `group` is missing.
        let bare: Vec<GroupDef> = g
            .into_iter()
            .map(|x| GroupDef { derive: None, ..x })
            .collect();
        assert_eq!(unknown(run(&bare, &[])), (vec!["group".into()], Vec::new()));
    }
}
