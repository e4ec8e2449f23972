//! Text into HTML: every character that could start markup or end an attribute is an
//! entity, so nothing read from a file becomes markup.

pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            // Control characters are not HTML; an ANSI escape would act on a terminal.
            c if crate::render::escape::terminal::acts(c) => {}
            c => o.push(c),
        }
    }
    o
}
