//! The text sink of the HTML converter: collapses white space like a browser, keeps block structure
//! (at most one blank line in a row), prefixes quoted lines with `> ` and stops at a size bound.

/// Output beyond this many bytes is dropped.
const MAX_OUTPUT: usize = 2 << 20;
/// Consecutive newlines kept (2 = one blank line).
const MAX_NEWLINES: usize = 2;

#[derive(Default)]
pub(crate) struct Writer {
    buf: String,
    /// A collapsed white-space run is waiting to become one space before the next word.
    pending_space: bool,
    /// Open `<blockquote>` elements.
    quote: isize,
    /// Open preformatted elements (`<pre>`): white space is kept as written.
    pre: isize,
}

impl Writer {
    pub(crate) fn len(&self) -> usize {
        self.buf.len()
    }

    /// The text written since byte `start` (empty if that is not a valid position any more).
    pub(crate) fn since(&self, start: usize) -> &str {
        self.buf.get(start..).unwrap_or_default()
    }

    /// Changes the quote and preformatted depth by the given amounts.
    pub(crate) fn adjust(&mut self, quote: isize, pre: isize) {
        self.quote = (self.quote + quote).max(0);
        self.pre = (self.pre + pre).max(0);
    }

    fn full(&self) -> bool {
        self.buf.len() >= MAX_OUTPUT
    }

    fn at_line_start(&self) -> bool {
        self.buf.is_empty() || self.buf.ends_with('\n')
    }

    fn trailing_newlines(&self) -> usize {
        self.buf
            .bytes()
            .rev()
            .take(MAX_NEWLINES)
            .take_while(|&b| b == b'\n')
            .count()
    }

    /// Writes one visible character, with the pending space and the quote prefix it needs.
    fn visible(&mut self, c: char) {
        if self.at_line_start() {
            self.pending_space = false;
            for _ in 0..self.quote.min(16) {
                self.buf.push_str("> ");
            }
        } else if std::mem::take(&mut self.pending_space) {
            self.buf.push(' ');
        }
        self.buf.push(c);
    }

    fn newline(&mut self) {
        let kept = self.buf.trim_end_matches([' ', '\t']).len();
        self.buf.truncate(kept);
        self.buf.push('\n');
        self.pending_space = false;
    }

    /// Text content (entities already decoded).
    pub(crate) fn text(&mut self, s: &str) {
        for c in s.chars() {
            if self.full() {
                return;
            }
            match c {
                // Invisible padding newsletters use (zero-width, soft hyphen, grapheme joiner).
                '\u{200B}' | '\u{200C}' | '\u{FEFF}' | '\u{034F}' | '\u{00AD}' | '\u{2060}' => {}
                '\n' if self.pre > 0 => self.newline(),
                ' ' | '\t' if self.pre > 0 => {
                    if self.at_line_start() && self.quote > 0 {
                        self.visible(c);
                    } else {
                        self.buf.push(c);
                    }
                }
                '\r' if self.pre > 0 => {}
                c if c.is_whitespace() => self.pending_space = true,
                c if c.is_control() => {}
                c => self.visible(c),
            }
        }
    }

    /// A word set off by a space from the text before it (`[image: …]`, `<url>`), and from the text
    /// after it when `space_after`.
    pub(crate) fn word(&mut self, s: &str, space_after: bool) {
        self.pending_space = true;
        for c in s.chars() {
            if self.full() {
                return;
            }
            self.visible(c);
        }
        self.pending_space = space_after;
    }

    /// Text written at the start of a line (a list bullet, a rule), kept as is.
    pub(crate) fn marker(&mut self, s: &str) {
        if !self.at_line_start() {
            self.newline();
        }
        for c in s.chars() {
            self.visible(c);
        }
        self.pending_space = false;
    }

    /// A space before the next word unless at a line start (table cells, removed scripts).
    pub(crate) fn soft_space(&mut self) {
        if !self.at_line_start() {
            self.pending_space = true;
        }
    }

    /// `<br>`: always a new line, but never more than one blank line in a row.
    pub(crate) fn hard_break(&mut self) {
        if !self.buf.is_empty() && self.trailing_newlines() < MAX_NEWLINES {
            self.newline();
        }
    }

    /// Ends the current line (block elements).
    pub(crate) fn line_break(&mut self) {
        if !self.at_line_start() {
            self.newline();
        }
    }

    /// Ends the current paragraph: one blank line before what follows.
    pub(crate) fn paragraph(&mut self) {
        if self.buf.is_empty() {
            return;
        }
        while self.trailing_newlines() < MAX_NEWLINES {
            self.newline();
        }
    }

    /// The text, without trailing white space and blank lines.
    pub(crate) fn finish(mut self) -> String {
        let kept = self.buf.trim_end().len();
        self.buf.truncate(kept);
        let start = self.buf.len() - self.buf.trim_start_matches('\n').len();
        self.buf.drain(..start);
        self.buf
    }
}
