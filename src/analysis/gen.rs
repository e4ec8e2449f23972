//! A synthetic country for benchmarks: a deterministic (seeded) dataset at a chosen
//! scale — xã and their thôn, with values for every field the rule sets in force read,
//! spread around their thresholds so that about half of the indicators pass, and a
//! share missing. Written as CSV tables with a YAML manifest marking it illustrative.

use crate::core::units::UnitKind;
use crate::core::value::FieldType;
use crate::engine::library::RuleLibrary;
use std::collections::BTreeMap;
use std::fmt::Write;

#[derive(Clone, Debug)]
pub struct GenOptions {
    pub xa: usize,
    pub thon_per_xa: usize,
    pub years: Vec<i32>,
    pub seed: u64,
    /// Share of values left empty (0–1).
    pub missing: f64,
    /// The province the units belong to (selects its provincial sets).
    pub province: String,
}

impl Default for GenOptions {
    fn default() -> Self {
        GenOptions {
            xa: 10_000,
            thon_per_xa: 8,
            years: (2021..=2025).collect(),
            seed: 1,
            missing: 0.05,
            province: "Bắc Kạn".into(),
        }
    }
}

/// xorshift64*: small, fast and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A field to fill, and the threshold its indicators compare it with (if one).
#[derive(Clone, Debug)]
struct Spec {
    ty: FieldType,
    center: Option<f64>,
}

/// Every field that sets for `kind` in force in the years read, with a threshold near
/// which values should fall.
fn specs(lib: &RuleLibrary, kind: UnitKind, opts: &GenOptions) -> BTreeMap<String, Spec> {
    let mut out: BTreeMap<String, Spec> = BTreeMap::new();
    for set in lib.sets.iter().filter(|s| s.level == kind) {
        let in_range = opts
            .years
            .iter()
            .any(|y| set.in_force(crate::core::date::Date::end_of_year(*y)));
        let here = set.jurisdiction.as_deref().is_none_or(|j| {
            crate::core::text::name_key(j) == crate::core::text::name_key(&opts.province)
        });
        if !in_range || !here {
            continue;
        }
        for ind in set.criteria.iter().flat_map(|c| &c.indicators) {
            let center = ind
                .params
                .iter()
                .filter_map(|p| set.parameters.get(p))
                .flat_map(|p| p.values.first())
                .find_map(|v| v.value.as_ref().and_then(|v| v.as_f64()));
            for f in &ind.fields {
                if let Some(field) = set.fields.get(f) {
                    let e = out.entry(f.clone()).or_insert(Spec {
                        ty: field.ty,
                        center: None,
                    });
                    e.center = e.center.or(center);
                }
            }
        }
    }
    out
}

fn value(rng: &mut Rng, spec: &Spec) -> Option<String> {
    let spread = |rng: &mut Rng, c: f64, w: f64| c + (rng.unit() * 2.0 - 1.0) * w;
    Some(match spec.ty {
        FieldType::Percent => {
            let c = spec.center.unwrap_or(80.0);
            let x = spread(rng, c, 10.0).clamp(0.0, 100.0);
            format!("{:.1}", x).replace('.', ",")
        }
        FieldType::Number => {
            let c = spec.center.unwrap_or(50.0);
            let x = spread(rng, c, c.abs() * 0.2 + 1.0).max(0.0);
            format!("{:.1}", x).replace('.', ",")
        }
        FieldType::Count => {
            let x = if rng.unit() < 0.6 {
                0
            } else {
                1 + (rng.next() % 5)
            };
            x.to_string()
        }
        FieldType::Bool => if rng.unit() < 0.7 { "có" } else { "không" }.to_string(),
        FieldType::Text => return None,
    })
}

/// The files of the dataset: (name, bytes).
pub fn generate(lib: &RuleLibrary, opts: &GenOptions) -> Vec<(String, Vec<u8>)> {
    let mut rng = Rng(opts.seed.max(1));
    let mut files = Vec::new();
    // Units: one province, its xã, their thôn.
    let mut units = String::from("id;name;kind;parent;province;region\n");
    let _ = writeln!(units, "tinh;Tỉnh mô phỏng;tỉnh;;{};TDMNPB", opts.province);
    for x in 0..opts.xa {
        let _ = writeln!(units, "x{x};Xã {x};xã;tinh;;");
        for t in 0..opts.thon_per_xa {
            let _ = writeln!(units, "x{x}t{t};Thôn {x}-{t};thôn;x{x};;");
        }
    }
    files.push(("don-vi.csv".to_string(), units.into_bytes()));
    let mut manifest = String::from(
        "# A synthetic country made by `ntm gen` for benchmarks: made-up units and values.\n\
         dataset:\n  id: gen/quoc-gia-mo-phong\n  title: Dữ liệu mô phỏng (ntm gen)\n  provenance: illustrative\n  number_format: vi\ntables:\n",
    );
    for (kind, label) in [(UnitKind::Xa, "xa"), (UnitKind::Thon, "thon")] {
        let specs = specs(lib, kind, opts);
        for y in &opts.years {
            let name = format!("{label}-{y}.csv");
            let mut t = String::from("unit;year");
            for f in specs.keys() {
                let _ = write!(t, ";{f}");
            }
            t.push('\n');
            let ids: Box<dyn Iterator<Item = String>> = match kind {
                UnitKind::Xa => Box::new((0..opts.xa).map(|x| format!("x{x}"))),
                _ => Box::new(
                    (0..opts.xa)
                        .flat_map(|x| (0..opts.thon_per_xa).map(move |k| format!("x{x}t{k}"))),
                ),
            };
            for id in ids {
                let _ = write!(t, "{id};{y}");
                for s in specs.values() {
                    t.push(';');
                    if rng.unit() >= opts.missing {
                        if let Some(v) = value(&mut rng, s) {
                            t.push_str(&v);
                        }
                    }
                }
                t.push('\n');
            }
            let _ = writeln!(manifest, "  - {{file: {name}}}");
            files.push((name, t.into_bytes()));
        }
    }
    files.push(("bo-du-lieu.yaml".to_string(), manifest.into_bytes()));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_numbers() {
        let (mut a, mut b) = (Rng(7), Rng(7));
        assert_eq!(
            (0..5).map(|_| a.next()).collect::<Vec<_>>(),
            (0..5).map(|_| b.next()).collect::<Vec<_>>()
        );
    }
}
