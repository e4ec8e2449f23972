//! Text for a terminal: control characters (C0 but tab and newline, DEL, C1: the ESC
//! of ANSI sequences, BEL, CSI) and bidirectional overrides (which reorder what is
//! shown) are removed, so that text from a file is shown, never obeyed.

use super::super::{Catalog, Render};
use std::borrow::Cow;
use std::io::{self, Write};

/// Whether `c` would act on a terminal (or reorder the line) instead of being shown.
pub fn acts(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// `s` without the characters that would act on a terminal.
pub fn clean(s: &str) -> Cow<'_, str> {
    if s.chars().any(acts) {
        Cow::Owned(s.chars().filter(|c| !acts(*c)).collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// A writer that passes text on without the characters that would act on a terminal;
/// a character split between two writes is held until it is whole.
pub struct TerminalSafe<W: Write> {
    inner: W,
    held: Vec<u8>,
}

impl<W: Write> TerminalSafe<W> {
    pub fn new(inner: W) -> Self {
        TerminalSafe {
            inner,
            held: Vec::new(),
        }
    }
}

impl<W: Write> Write for TerminalSafe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.held.extend_from_slice(buf);
        let mut bytes = std::mem::take(&mut self.held);
        let mut start = 0;
        loop {
            match std::str::from_utf8(&bytes[start..]) {
                Ok(s) => {
                    self.inner.write_all(clean(s).as_bytes())?;
                    break;
                }
                Err(e) => {
                    let good = start + e.valid_up_to();
                    let s = std::str::from_utf8(&bytes[start..good]).unwrap_or_default();
                    self.inner.write_all(clean(s).as_bytes())?;
                    match e.error_len() {
                        // Not UTF-8: passed on as it is (ntm writes UTF-8 only).
                        Some(n) => {
                            self.inner.write_all(&bytes[good..good + n])?;
                            start = good + n;
                        }
                        // A character cut at the end: held for the next write.
                        None => {
                            self.held = bytes.split_off(good);
                            break;
                        }
                    }
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.held.is_empty() {
            let held = std::mem::take(&mut self.held);
            self.inner.write_all(&held)?;
        }
        self.inner.flush()
    }
}

/// Any report rendered for a terminal: what it writes passes through [`TerminalSafe`].
pub struct Terminal<'a>(pub &'a dyn Render);

impl Render for Terminal<'_> {
    fn render(&self, m: &dyn Catalog, out: &mut dyn Write) -> io::Result<()> {
        let mut safe = TerminalSafe::new(out);
        self.0.render(m, &mut safe)?;
        safe.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_controls_are_removed_text_stays() {
        assert_eq!(clean("\u{1b}[31mđỏ\u{1b}[0m"), "[31mđỏ[0m");
        assert_eq!(clean("a\u{7}b\u{9b}c\u{202e}d\re"), "abcde");
        assert_eq!(clean("Xã A\tthôn\n"), "Xã A\tthôn\n");
        assert!(matches!(clean("Thôn Một"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_character_split_between_writes_is_kept_whole() {
        let mut out = Vec::new();
        let mut w = TerminalSafe::new(&mut out);
        let text = "ở\u{1b}]8;;http://x\u{7}ạ".as_bytes();
        for b in text {
            w.write_all(std::slice::from_ref(b)).unwrap();
        }
        w.flush().unwrap();
        drop(w);
        assert_eq!(String::from_utf8(out).unwrap(), "ở]8;;http://xạ");
    }
}
