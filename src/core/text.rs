//! Text helpers: NFC normalisation of Vietnamese labels and did-you-mean suggestions.

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
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = levenshtein(&key, &name_key(c));
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
    fn suggests_close_names_only() {
        let c = ["ho_dien_pct", "ho_nuoc_pct", "thu_nhap"];
        assert_eq!(
            did_you_mean("ho_dien_pt", c).as_deref(),
            Some("ho_dien_pct")
        );
        assert_eq!(did_you_mean("xyz_totally_else", c), None);
    }
}
