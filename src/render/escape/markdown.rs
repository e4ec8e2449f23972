//! Text into Markdown: a name from a file stays plain text in a pipe table or a heading.

/// A text as plain text in Markdown, inside a pipe table or a heading: the characters
/// that would start emphasis, code, a link, an HTML tag or an entity, or end a cell, are
/// escaped (a name from a data file never becomes markup), line breaks become spaces.
pub fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' | '&' | '|' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if super::terminal::acts(c) => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn a_name_never_becomes_markup() {
        assert_eq!(
            cell("<script>x</script> **b** [l](javascript:y) a|b `c` &amp;\nnext"),
            "\\<script\\>x\\</script\\> \\*\\*b\\*\\* \\[l\\](javascript:y) a\\|b \\`c\\` \\&amp; next"
        );
        assert_eq!(cell("Nà Y (thôn), 85,5 %"), "Nà Y (thôn), 85,5 %");
    }
}
