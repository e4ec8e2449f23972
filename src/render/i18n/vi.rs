//! Vietnamese catalogue (the default).

use super::{values, Catalog, Lang, Word};
use crate::analysis::diff::{Cause, ChangeDetail, ChangeKind, Item, ParamValues, Which};
use crate::analysis::plan::TargetStatus;
use crate::core::units::UnitKind;
use crate::report::*;
use crate::rules::model::{SourceLevel, Stage};

pub struct Vi;

impl Vi {
    fn param_values(&self, p: &ParamValues) -> String {
        if p.values.is_empty() {
            return format!("{} = —", p.parameter);
        }
        let vals: Vec<String> = p
            .values
            .iter()
            .map(|v| {
                let mut sel = Vec::new();
                match (v.from_year, v.to_year) {
                    (Some(a), Some(b)) if a == b => sel.push(a.to_string()),
                    (Some(a), Some(b)) => sel.push(format!("{a}–{b}")),
                    (Some(a), None) => sel.push(format!("từ {a}")),
                    (None, Some(b)) => sel.push(format!("đến {b}")),
                    (None, None) => {}
                }
                sel.extend(v.region.clone());
                sel.extend(v.group.as_ref().map(|g| format!("nhóm {g}")));
                let flag = if v.source_level == SourceLevel::Official {
                    ""
                } else {
                    "*"
                };
                if sel.is_empty() {
                    format!(
                        "{}{flag}",
                        self.threshold(v.value.as_ref(), v.not_applicable)
                    )
                } else {
                    format!(
                        "{}{flag} ({})",
                        self.threshold(v.value.as_ref(), v.not_applicable),
                        sel.join(", ")
                    )
                }
            })
            .collect();
        format!("{} = {}", p.parameter, vals.join("; "))
    }
}

impl Catalog for Vi {
    fn lang(&self) -> Lang {
        Lang::Vi
    }

    fn word(&self, w: Word) -> &'static str {
        super::vi_words::word(w)
    }

    fn number(&self, x: f64) -> String {
        crate::core::value::format_number(x)
    }

    fn status(&self, s: Status) -> &'static str {
        match s {
            Status::Met => "đạt",
            Status::NotMet => "chưa đạt",
            Status::Missing => "thiếu dữ liệu",
            Status::NotApplicable => "không áp dụng",
        }
    }

    fn outcome(&self, o: Outcome) -> &'static str {
        match o {
            Outcome::Pass => "đạt",
            Outcome::Fail => "chưa đạt",
            Outcome::Missing => "thiếu dữ liệu",
            Outcome::NotApplicable => "không áp dụng",
        }
    }

    fn verdict(&self, v: Verdict) -> &'static str {
        match v {
            Verdict::Met => "đạt chuẩn",
            Verdict::NotMet => "chưa đạt chuẩn",
            Verdict::Incomplete => "chưa đủ dữ liệu",
        }
    }

    fn basis(&self, b: Basis) -> &'static str {
        match b {
            Basis::Computed => "tính từ số liệu",
            Basis::Declared => "theo kê khai",
            Basis::None => "không có số liệu hay kê khai",
            Basis::Merged => "kết hợp từ các đơn vị cũ theo quy tắc gộp",
        }
    }

    fn stage(&self, s: Stage) -> &'static str {
        match s {
            Stage::Ntm => "NTM",
            Stage::NtmNangCao => "NTM nâng cao",
        }
    }

    fn unit_kind(&self, k: UnitKind) -> &'static str {
        k.code()
    }

    fn target_status(&self, s: TargetStatus) -> &'static str {
        match s {
            TargetStatus::Achieved => "đạt",
            TargetStatus::NotYet => "chưa đến kỳ",
            TargetStatus::AtRisk => "có nguy cơ không đạt",
            TargetStatus::NotAchieved => "không đạt",
            TargetStatus::Unknown => "thiếu số liệu",
        }
    }

    fn recognisable(&self, r: Recognisable) -> &'static str {
        match r {
            Recognisable::Recognisable => "đủ điều kiện công nhận",
            Recognisable::NotRecognisable => "chưa đủ điều kiện công nhận",
            Recognisable::Incomplete => "chưa đủ dữ liệu để xét công nhận",
        }
    }

    fn source_level(&self, l: SourceLevel) -> &'static str {
        match l {
            SourceLevel::Official => "nguồn chính thức",
            SourceLevel::Secondary => "NGUỒN THỨ CẤP",
            SourceLevel::None => "CHƯA CÓ NGUỒN",
        }
    }

    fn change_kind(&self, k: ChangeKind) -> &'static str {
        match k {
            ChangeKind::Added => "thêm",
            ChangeKind::Removed => "bỏ",
            ChangeKind::Renamed => "đổi tên",
            ChangeKind::Renumbered => "đổi số hiệu",
            ChangeKind::Continued => "kế thừa",
            ChangeKind::ExpressionChanged => "đổi biểu thức",
            ChangeKind::ThresholdChanged => "đổi ngưỡng",
            ChangeKind::CitationChanged => "đổi căn cứ",
            ChangeKind::DepartmentChanged => "đổi phòng phụ trách",
            ChangeKind::SourceStatusChanged => "đổi tình trạng nguồn",
            ChangeKind::NotEncoded => "chưa mã hóa trong bộ mới",
        }
    }

    fn item(&self, i: Item) -> &'static str {
        match i {
            Item::Criterion => "tiêu chí",
            Item::Indicator => "chỉ tiêu",
        }
    }

    fn event_kind(&self, k: crate::data::lineage::EventKind) -> &'static str {
        use crate::data::lineage::EventKind as E;
        match k {
            E::Created => "thành lập",
            E::Ended => "chấm dứt",
            E::Renamed => "đổi tên",
            E::Reclassified => "chuyển loại",
            E::Merged => "sáp nhập",
            E::Split => "chia tách",
            E::Moved => "đổi đơn vị cấp trên",
        }
    }

    fn finding(&self, f: &Finding) -> String {
        match &f.detail {
            FindingDetail::ReportedTotalMismatch { reported, counted } => format!(
                "tổng số tiêu chí đạt ghi trong nguồn là {reported}, nhưng đếm lại được {counted}"
            ),
            FindingDetail::DeclaredMismatch {
                criterion_name,
                declared,
                computed,
            } => format!(
                "tiêu chí {} {criterion_name}: kê khai {} nhưng số liệu cho {}",
                f.criterion.as_deref().unwrap_or_default(),
                self.status(*declared),
                self.status(*computed)
            ),
            FindingDetail::OutOfRange {
                field,
                label,
                value,
                min,
                max,
            } => format!(
                "{label} ({field}) = {} nằm ngoài khoảng hợp lệ [{}, {}]; giá trị không được dùng",
                self.number(*value),
                self.number(*min),
                max.map(|m| self.number(m)).unwrap_or_else(|| "∞".into())
            ),
            FindingDetail::UnknownCriterion { ruleset } => format!(
                "có kê khai cho tiêu chí {}, nhưng bộ tiêu chí {ruleset} không có tiêu chí này; bỏ qua",
                f.criterion.as_deref().unwrap_or_default()
            ),
            FindingDetail::UnverifiedThreshold {
                indicators,
                weakest,
            } => format!(
                "kết luận dựa trên ngưỡng chưa kiểm chứng với văn bản gốc (chỉ tiêu {}; nguồn yếu nhất: {})",
                indicators.join(", "),
                self.source_level(*weakest)
            ),
            FindingDetail::IllustrativeData => {
                "số liệu minh họa (dựng để trình diễn), không phải số liệu công bố".into()
            }
            FindingDetail::PublishedVerdictMismatch { published, computed } => format!(
                "kết luận công bố là \"{published}\", nhưng ntm tính được \"{}\"",
                self.verdict_or_level(computed)
            ),
            FindingDetail::LevelCountMismatch {
                level,
                reported,
                counted,
            } => format!(
                "số tiêu chí mức {level} ghi trong nguồn là {reported}, nhưng đếm lại được {counted}"
            ),
            FindingDetail::NoGroup { .. } | FindingDetail::GroupDerived { .. } => {
                super::vi_units::group_finding(self, &f.detail)
            }
            FindingDetail::KnownContradictsCount {
                reported,
                met,
                not_met,
                total,
            } => format!(
                "nguồn ghi đạt {reported}/{total} tiêu chí, nhưng đã biết {met} tiêu chí đạt và {not_met} tiêu chí chưa đạt; hai điều này mâu thuẫn"
            ),
            FindingDetail::NoMergeRule { criteria } => format!(
                "đơn vị gộp: chưa có quy tắc gộp cho tiêu chí {}; để là chưa rõ",
                criteria.join(", ")
            ),
        }
    }

    fn partial_count(&self, p: &crate::report::PartialCount) -> String {
        format!(
            "biết {} đạt, {} chưa đạt, {} chưa rõ",
            p.met, p.not_met, p.unknown
        )
    }

    fn finding_tag(&self, f: &Finding) -> String {
        match &f.detail {
            FindingDetail::ReportedTotalMismatch { .. } => "tổng báo cáo sai".into(),
            FindingDetail::DeclaredMismatch { .. } => format!(
                "TC {} khác kê khai",
                f.criterion.as_deref().unwrap_or_default()
            ),
            FindingDetail::OutOfRange { .. } => "giá trị ngoài khoảng".into(),
            FindingDetail::UnknownCriterion { .. } => "tiêu chí lạ".into(),
            FindingDetail::UnverifiedThreshold { .. } => "ngưỡng chưa kiểm chứng".into(),
            FindingDetail::IllustrativeData => "số liệu minh họa".into(),
            FindingDetail::PublishedVerdictMismatch { .. } => "kết luận công bố khác".into(),
            FindingDetail::LevelCountMismatch { .. } => "số mức khác".into(),
            FindingDetail::KnownContradictsCount { .. } => "số đạt công bố mâu thuẫn".into(),
            FindingDetail::NoMergeRule { .. } => "gộp: tiêu chí chưa rõ".into(),
            FindingDetail::NoGroup { .. } => "chưa rõ nhóm xã".into(),
            FindingDetail::GroupDerived { .. } => "nhóm xã suy ra".into(),
        }
    }

    fn notice(&self, n: &Notice) -> String {
        match n {
            Notice::NoRuleSet {
                unit,
                unit_name,
                unit_kind,
                year,
            } => format!(
                "{unit_kind} {unit_name} ({unit}): không có bộ tiêu chí {unit_kind} nào có hiệu lực năm {year}; không đánh giá"
            ),
            Notice::NoDataForYear { year, years } => format!(
                "bộ dữ liệu không có số liệu năm {year} (các năm có: {})",
                years.iter().map(|y| y.to_string()).collect::<Vec<_>>().join(", ")
            ),
            Notice::NotEligible {
                ruleset,
                year,
                stage,
                units,
            } => format!(
                "bộ tiêu chí {ruleset} năm {year} chỉ áp dụng cho đơn vị đã đạt chuẩn {} ({} ≤ {year}, hoặc đạt chuẩn trong năm); {} đơn vị không được đánh giá: {}",
                self.stage(*stage),
                crate::engine::eval::RECOGNISED_NTM,
                units.len(),
                super::some_names(units, |n| format!(" và {n} đơn vị khác"))
            ),
            Notice::Derived {
                unit_name,
                unit_kind,
                year,
                field,
                value,
                children,
                from,
            } => format!(
                "{unit_kind} {unit_name} năm {year}: {field} = {} (tính từ {children} {from} có số liệu)",
                self.number(*value)
            ),
            Notice::NotAssessed {
                unit,
                unit_name,
                unit_kind,
                year,
                reason,
            } => format!(
                "{unit_kind} {unit_name} ({unit}) năm {year}: {}",
                match reason {
                    crate::data::lineage::NotAssessed::Existence { existence } => match existence {
                        crate::data::lineage::Existence::NotYet { from } => {
                            format!("đơn vị chỉ có từ {from}; không đánh giá")
                        }
                        crate::data::lineage::Existence::Ended { last_day, .. } => {
                            format!("đơn vị đã kết thúc ngày {last_day} (sáp nhập, chia tách hoặc giải thể); không đánh giá")
                        }
                        crate::data::lineage::Existence::Exists => String::new(),
                    },
                }
            ),
            Notice::FollowsSuccessor { target, from, to } => format!(
                "mục tiêu {target}: {from} nay thuộc {to}; tính theo đơn vị mới"
            ),
            Notice::Unverified {
                results,
                of,
                weakest,
            } => format!(
                "{results}/{of} kết quả đánh giá dựa trên ngưỡng chưa kiểm chứng với văn bản gốc{} (xem `ntm explain`)",
                weakest
                    .map(|l| format!("; nguồn yếu nhất: {}", self.source_level(l)))
                    .unwrap_or_default()
            ),
        }
    }

    fn missing_reason(&self, r: &MissingReason) -> String {
        match r {
            MissingReason::NoValue {
                fields,
                out_of_range,
            } => {
                let parts: Vec<String> = fields
                    .iter()
                    .map(|f| {
                        if out_of_range.contains(f) {
                            format!("{f} (ngoài khoảng hợp lệ)")
                        } else {
                            f.clone()
                        }
                    })
                    .collect();
                format!("không có số liệu: {}", parts.join(", "))
            }
            MissingReason::NoThreshold {
                parameters,
                year,
                region,
            } => format!(
                "không có ngưỡng {} cho năm {year}{}",
                parameters.join(", "),
                region
                    .as_ref()
                    .map(|r| format!(", vùng {r}"))
                    .unwrap_or_default()
            ),
        }
    }

    fn change_detail(&self, d: &ChangeDetail) -> String {
        match d {
            ChangeDetail::Name { name } => name.clone(),
            ChangeDetail::Names { from, to } => format!("{from} → {to}"),
            ChangeDetail::Departments { from, to } => format!(
                "{} → {}",
                from.as_deref().unwrap_or("—"),
                to.as_deref().unwrap_or("—")
            ),
            ChangeDetail::SourceStatus {
                from_pending,
                to_pending,
            } => {
                let state = |p: bool| {
                    if p {
                        "chưa có nguồn chỉ tiêu"
                    } else {
                        "có chỉ tiêu"
                    }
                };
                format!("{} → {}", state(*from_pending), state(*to_pending))
            }
            ChangeDetail::NotEncoded { name, criterion } => {
                format!("{name} (tiêu chí {criterion} của bộ mới chưa có nguồn chỉ tiêu)")
            }
            ChangeDetail::Expressions { from, to } => format!("`{from}` → `{to}`"),
            ChangeDetail::Thresholds { from, to } => {
                let side = |v: &[ParamValues]| {
                    if v.is_empty() {
                        "—".to_string()
                    } else {
                        v.iter()
                            .map(|p| self.param_values(p))
                            .collect::<Vec<_>>()
                            .join("; ")
                    }
                };
                format!("{} → {}", side(from), side(to))
            }
            ChangeDetail::Citations { from, to } => format!("{from} → {to}"),
        }
    }

    fn cause(&self, c: &Cause) -> String {
        match c {
            Cause::Thresholds { from, to } => {
                format!("ngưỡng {} → {}", values(self, from), values(self, to))
            }
            Cause::Expression { from, to } => format!("biểu thức `{from}` → `{to}`"),
            Cause::Missing { side, reason } => format!(
                "bộ {}: {}",
                match side {
                    Which::Old => "cũ",
                    Which::New => "mới",
                },
                self.missing_reason(reason)
            ),
            Cause::NotEncoded => "bộ mới chưa mã hóa chỉ tiêu này (chưa có nguồn)".into(),
            Cause::Dropped => "chỉ tiêu bị bỏ trong bộ mới".into(),
            Cause::New => "chỉ tiêu mới trong bộ mới".into(),
            Cause::Indicator { id } => format!("chỉ tiêu {id}"),
            Cause::Basis { from, to } => format!("{} → {}", self.basis(*from), self.basis(*to)),
            Cause::Other => "khác (cùng ngưỡng và biểu thức)".into(),
        }
    }

    fn data_source(&self, d: &DataSource) -> String {
        let kind = match d.provenance {
            crate::data::model::Provenance::Published => "số liệu công bố",
            crate::data::model::Provenance::Illustrative => {
                "SỐ LIỆU MINH HỌA, không phải số liệu công bố"
            }
        };
        format!("{}: {} ({kind})", d.path, d.title)
    }

    fn stamp(&self, s: &Stamp, digest: &str) -> String {
        let overrides = if s.overrides.is_empty() {
            String::new()
        } else {
            format!("; giá trị giả định: {}", s.overrides.join(", "))
        };
        format!(
            "— {}; {} tệp quy tắc, {} tệp dữ liệu; SHA-256: {digest}{overrides}",
            s.engine,
            s.rules.len(),
            s.data.len()
        )
    }

    fn problem(&self, p: &crate::core::problem::Problem) -> super::Said {
        super::diag_vi_say::say(p)
    }

    fn diag_label(&self, l: super::DiagLabel) -> &'static str {
        let (error, warning, help, note) = ("lỗi", "cảnh báo", "gợi ý", "ghi chú");
        match l {
            super::DiagLabel::Error => error,
            super::DiagLabel::Warning => warning,
            super::DiagLabel::Help => help,
            super::DiagLabel::Note => note,
        }
    }

    fn severity(&self, error: bool) -> &'static str {
        if error {
            "lỗi"
        } else {
            "cảnh báo"
        }
    }

    fn check_summary(&self, errors: usize, warnings: usize) -> String {
        format!("{errors} lỗi, {warnings} cảnh báo")
    }

    fn criteria_met(&self, met: usize, total: usize) -> String {
        format!("{met}/{total} tiêu chí đạt")
    }

    fn weakest_note(&self, level: SourceLevel) -> String {
        format!(
            "Lưu ý: kết luận dựa trên ngưỡng chưa kiểm chứng với văn bản gốc (nguồn yếu nhất: {}).",
            self.source_level(level)
        )
    }

    fn declared_vs_computed(&self, declared: Status, computed: Status) -> String {
        format!(
            "kê khai: {}, số liệu cho: {}",
            self.status(declared),
            self.status(computed)
        )
    }

    fn set_size(&self, criteria: usize, indicators: usize) -> String {
        format!("{criteria} tiêu chí, {indicators} chỉ tiêu")
    }

    fn diff_pairing(&self, by_declaration: bool) -> &'static str {
        if by_declaration {
            "Ghép tiêu chí, chỉ tiêu theo khai báo `continues` của bộ mới (do người soạn tệp quy tắc khai báo, xem notes của tệp); phần không khai báo là thêm hoặc bỏ."
        } else {
            "Ghép tiêu chí, chỉ tiêu theo số hiệu, rồi theo tên."
        }
    }

    fn structural_changes(&self, n: usize) -> String {
        format!("Thay đổi cấu trúc ({n}):")
    }

    fn weak_threshold_note(&self) -> &'static str {
        "(* ngưỡng chưa kiểm chứng với văn bản gốc)"
    }

    fn diff_summary(&self, m: &crate::analysis::diff::Summary) -> String {
        format!(
            "Trên bộ dữ liệu: {} đơn vị; thêm đạt chuẩn: {}; mất đạt chuẩn: {}; từ đạt chuẩn sang thiếu dữ liệu: {}; tiêu chí chuyển sang đạt: {}, từ đạt sang chưa đạt: {}, từ đạt sang thiếu dữ liệu: {}; chỉ tiêu đổi kết quả: {}",
            m.units, m.gain_dat_chuan, m.lose_dat_chuan, m.lose_to_incomplete, m.criteria_gained, m.criteria_lost, m.criteria_undecided, m.indicator_flips
        )
    }

    fn unchanged_units(&self, n: usize) -> String {
        format!("({n} đơn vị không đổi kết quả, không liệt kê)")
    }

    fn rule_counts(&self, c: &crate::analysis::check::RuleCounts) -> String {
        format!(
            "bộ tiêu chí: {} (+{} văn bản sửa đổi), tiêu chí: {} ({} chưa có nguồn chỉ tiêu), chỉ tiêu: {}, giá trị ngưỡng theo mức nguồn: chính thức {}, thứ cấp {}, chưa có nguồn {}; ca kiểm thử: {}",
            c.rulesets, c.amendments, c.criteria, c.pending, c.indicators, c.official, c.secondary, c.none, c.tests
        )
    }

    fn data_counts(&self, d: &crate::analysis::check::DataCounts) -> String {
        format!(
            "bộ dữ liệu: {} đơn vị, {} bản ghi, {} lượt đánh giá",
            d.units, d.records, d.evaluations
        )
    }

    fn set_end(&self, e: &crate::analysis::check::SetEnd) -> String {
        super::vi_units::set_end(self, e)
    }

    fn ungrouped_heading(&self, n: usize) -> String {
        super::vi_units::ungrouped_heading(n)
    }

    fn ungrouped(&self, u: &crate::analysis::pending::Ungrouped) -> String {
        super::vi_units::ungrouped(u)
    }

    fn group_line(&self, group: Option<&str>, derived: Option<SourceLevel>) -> String {
        super::vi_units::group_line(self, group, derived)
    }

    fn rollup_note(&self, v: &crate::engine::rollup::RollupValue) -> String {
        super::notes::rollup_note(Lang::Vi, v)
    }

    fn test_summary(&self, passed: usize, failed: usize) -> String {
        format!("{passed} ca đạt, {failed} ca không đạt")
    }
}
