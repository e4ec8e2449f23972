//! Text helpers: NFC normalisation of Vietnamese labels, name keys (exact and with
//! diacritics folded) and did-you-mean suggestions.

use unicode_normalization::UnicodeNormalization;

/// Rule text shared by the rules and every result that shows it (a clone is a count,
/// not a copy).
pub type Shared<T> = std::sync::Arc<T>;

/// NFC-normalise and trim. Every name the engine compares goes through this, so that
/// "Hòa" typed with combining marks matches "Hòa" typed precomposed.
pub fn norm(s: &str) -> String {
    let s = s.trim();
    // Most text is NFC already: the quick check spares recomposing it char by char.
    match unicode_normalization::is_nfc_quick(s.chars()) {
        unicode_normalization::IsNormalized::Yes => s.to_string(),
        _ => s.nfc().collect(),
    }
}

/// Key for comparing names: NFC, trimmed, lower-cased, inner whitespace collapsed.
pub fn name_key(s: &str) -> String {
    let n = norm(s);
    if !n
        .bytes()
        .any(|b| b.is_ascii_uppercase() || b.is_ascii_whitespace() || b >= 0x80)
    {
        return n; // already a key: lower-case ASCII without spaces
    }
    n.to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Do two names have the same key? Without building keys when the names are equal or
/// both already keys (codes such as `mien_nui`): evaluation compares regions, groups and
/// provinces for every unit and year.
pub fn same_key(a: &str, b: &str) -> bool {
    let plain = |s: &str| {
        !s.bytes()
            .any(|c| c.is_ascii_uppercase() || c.is_ascii_whitespace() || c >= 0x80)
    };
    a == b || (!(plain(a) && plain(b)) && name_key(a) == name_key(b))
}

/// A name key with its diacritics folded ("Thượng Quan" and "thuong quan" alike; đ as d),
/// for names typed without diacritics: used only when the exact key finds nothing.
pub fn fold_key(s: &str) -> String {
    name_key(s)
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

/// Is the name typed without any diacritic (its folded key is its key)?
pub fn is_folded(s: &str) -> bool {
    let key = name_key(s);
    fold_key(&key) == key
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The closest candidate to `wanted`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a, I>(wanted: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    let key = name_key(wanted);
    // A name typed without diacritics is compared with the candidates' folded keys.
    let folded = is_folded(&key);
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = if folded {
            levenshtein(&key, &fold_key(c))
        } else {
            levenshtein(&key, &name_key(c))
        };
        if best.is_none_or(|(bd, bc)| d < bd || (d == bd && c < bc)) {
            best = Some((d, c));
        }
    }
    let (d, c) = best?;
    let limit = (key.chars().count() / 3).max(2);
    (d <= limit).then(|| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_makes_decomposed_equal() {
        let decomposed = "Ho\u{0300}a";
        assert_eq!(norm(decomposed), "Hòa");
        assert_eq!(name_key("  Trung   Hòa "), "trung hòa");
    }

    #[test]
    fn folds_diacritics_and_d_bar() {
        assert_eq!(fold_key("Xã  Đồng Thắng"), "xa dong thang");
        assert_eq!(fold_key("Thuong Quan"), fold_key("Thượng Quan"));
        assert!(is_folded("xa Bang Van"));
        assert!(!is_folded("Bằng Vân"));
    }

    #[test]
    fn suggests_close_names_only() {
        let c = ["ho_dien_pct", "ho_nuoc_pct", "thu_nhap"];
        assert_eq!(
            did_you_mean("ho_dien_pt", c).as_deref(),
            Some("ho_dien_pct")
        );
        assert_eq!(did_you_mean("xyz_totally_else", c), None);
        let names = ["Thượng Quan", "thuong-an"];
        assert_eq!(
            did_you_mean("Thuong Quang", names).as_deref(),
            Some("Thượng Quan")
        );
    }
}
