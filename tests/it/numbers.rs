//! Property tests of the number reader: numbers written the Vietnamese or English way
//! read back to the value written; no input makes it panic or return a non-finite
//! value; `auto` never reads a form that the two conventions read differently.

use ntm::core::number::{parse_number, NumberFormat};
use proptest::prelude::*;

/// `digits` grouped by threes with `sep`.
fn grouped(digits: &str, sep: char) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

proptest! {
    #[test]
    fn written_numbers_read_back(int in 0u64..10_000_000_000, frac in proptest::option::of(0u32..1000), group in any::<bool>(), neg in any::<bool>()) {
        let digits = int.to_string();
        let expected: f64 = format!("{}{}{}", if neg { "-" } else { "" }, digits, frac.map(|f| format!(".{f}")).unwrap_or_default()).parse().unwrap();
        for (format, dec, thou) in [(NumberFormat::Vi, ',', '.'), (NumberFormat::En, '.', ',')] {
            let body = if group { grouped(&digits, thou) } else { digits.clone() };
            let text = format!("{}{}{}", if neg { "-" } else { "" }, body, frac.map(|f| format!("{dec}{f}")).unwrap_or_default());
            let got = parse_number(&text, format).map(|p| p.value);
            prop_assert_eq!(got, Ok(expected), "{}", text);
        }
    }

    #[test]
    fn any_text_reads_to_a_finite_value_or_an_error(s in "\\PC{0,40}") {
        for f in [NumberFormat::Auto, NumberFormat::Vi, NumberFormat::En] {
            if let Ok(p) = parse_number(&s, f) {
                prop_assert!(p.value.is_finite());
            }
        }
    }

    #[test]
    fn auto_never_guesses(s in "-?[0-9]{1,7}([.,][0-9]{1,4}){0,3}%?") {
        // What `auto` reads, both conventions that accept the text read the same way.
        if let Ok(a) = parse_number(&s, NumberFormat::Auto) {
            for f in [NumberFormat::Vi, NumberFormat::En] {
                if let Ok(p) = parse_number(&s, f) {
                    prop_assert_eq!(p.value, a.value, "{}", s);
                }
            }
        }
    }
}
