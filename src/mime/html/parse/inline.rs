//! Inline content: text with white space collapsed like a browser does, line breaks, and the
//! style (bold, italic, colour, link …) each run of text is written in.

use html5ever::LocalName;

use super::super::style;
use super::{
    Block, Builder, INVISIBLE, ImageRef, ImageSource, Kind, MAX_IMAGES, MAX_TEXT, Span, Style,
    attr, number,
};
use crate::mime::links::clean_url;
use crate::mime::text::clean_header_text;

impl Builder<'_> {
    /// `<img>`: an image block of its own (the paragraph around it is split).
    pub(super) fn image(&mut self, attrs: &[(LocalName, String)], style: Style) {
        let src = attr(attrs, "src").unwrap_or_default().trim();
        let source = match src.get(..4) {
            Some(p) if p.eq_ignore_ascii_case("cid:") => {
                let id = src[4..]
                    .trim()
                    .trim_start_matches('<')
                    .trim_end_matches('>');
                (!id.is_empty()).then(|| ImageSource::ContentId(id.to_owned()))
            }
            _ => clean_url(src)
                .filter(|u| !u.starts_with("mailto:"))
                .map(ImageSource::Remote),
        };
        let width = number(attr(attrs, "width"));
        let height = number(attr(attrs, "height"));
        let alt = clean_header_text(attr(attrs, "alt").unwrap_or_default());
        if let Some(link) = style.link
            && let Some(open) = self.links.iter_mut().rev().find(|l| l.index == link)
            && !alt.is_empty()
        {
            open.image.get_or_insert_with(|| alt.clone());
        }
        // Tracking pixels are left out, and images with neither a usable source nor a text.
        let tiny = width.is_some_and(|w| w <= 2) || height.is_some_and(|h| h <= 2);
        let source = match source {
            _ if tiny => return,
            Some(source) => source,
            None if alt.is_empty() => return,
            None => ImageSource::Unavailable,
        };
        if self.doc.images.len() >= MAX_IMAGES {
            self.doc.truncated = true;
            return;
        }
        self.doc.images.push(ImageRef {
            source,
            alt,
            width,
            height,
            link: style.link,
        });
        let index = self.doc.images.len() - 1;
        self.flush();
        self.push_block(Block::Image(index));
        if let Some(open) = style
            .link
            .and_then(|l| self.links.iter_mut().find(|o| o.index == l))
        {
            open.image.get_or_insert_with(String::new);
        }
    }

    /// Ends link `index`: its text is what was written inside it; a link with no text and no
    /// image shows its address.
    pub(super) fn close_link(&mut self, index: usize) {
        let Some(pos) = self.links.iter().rposition(|l| l.index == index) else {
            return;
        };
        let open = self.links.remove(pos);
        let url = self
            .doc
            .links
            .get(index)
            .map(|l| l.url.clone())
            .unwrap_or_default();
        let mut text = clean_header_text(&open.text);
        if text.is_empty() {
            match open.image {
                Some(alt) if !alt.is_empty() => text = alt,
                Some(_) => text = url.clone(),
                None => {
                    let style = Style {
                        link: Some(index),
                        ..Style::default()
                    };
                    if self.pending_space {
                        self.text(" ", style);
                    }
                    self.push_str(&url, style);
                    text = url.clone();
                }
            }
        }
        if let Some(link) = self.doc.links.get_mut(index) {
            link.text = text;
        }
    }

    /// A line break inside the paragraph, unless it is empty or already at a line start.
    pub(super) fn line_break(&mut self) {
        self.pending_space = false;
        if let Some(last) = self.para.last_mut()
            && !last.text.ends_with('\n')
        {
            let kept = last.text.trim_end_matches(' ').len();
            last.text.truncate(kept);
            last.text.push('\n');
        }
    }

    /// `<br>`: a new line, but never more than one blank line in a row.
    pub(super) fn hard_break(&mut self, style: Style) {
        self.pending_space = false;
        let newlines = self
            .para
            .iter()
            .rev()
            .flat_map(|s| s.text.chars().rev())
            .take(2)
            .take_while(|&c| c == '\n')
            .count();
        if newlines < 2 {
            if let Some(last) = self.para.last_mut() {
                let kept = last.text.trim_end_matches(' ').len();
                last.text.truncate(kept);
            }
            self.push_str("\n", style);
        }
    }

    /// Text content, white space collapsed (kept inside `<pre>`).
    pub(super) fn text(&mut self, raw: &str, style: Style) {
        let pre = style.pre || self.kind == Kind::Pre;
        let mut run = String::new();
        for c in raw.chars() {
            match c {
                c if INVISIBLE.contains(&c) => {}
                '\r' if pre => {}
                '\n' | '\t' | ' ' if pre => run.push(c),
                c if c.is_whitespace() => {
                    let at_start = run.is_empty()
                        && self
                            .para
                            .last()
                            .is_none_or(|s| s.text.is_empty() || s.text.ends_with('\n'));
                    if !at_start {
                        self.pending_space = true;
                    }
                }
                c if c.is_control() => {}
                c => {
                    if std::mem::take(&mut self.pending_space) && !run.ends_with('\n') {
                        // The space goes with the text before it (not into a link that follows).
                        match self.para.last_mut() {
                            Some(last) if run.is_empty() => last.text.push(' '),
                            _ => run.push(' '),
                        }
                    }
                    run.push(c);
                }
            }
        }
        if !run.is_empty() {
            self.push_str(&run, style);
        }
    }

    /// Appends text in `style` to the paragraph, within the text cap.
    pub(super) fn push_str(&mut self, s: &str, style: Style) {
        if self.text_bytes + s.len() > MAX_TEXT {
            self.doc.truncated = true;
            return;
        }
        self.text_bytes += s.len();
        if let Some(link) = style.link
            && let Some(open) = self.links.iter_mut().rev().find(|l| l.index == link)
            && open.text.len() < 1_000
        {
            open.text.push_str(s);
        }
        match self.para.last_mut() {
            Some(last) if same_style(last, &style) || s == "\n" => last.text.push_str(s),
            _ => self.para.push(Span {
                text: s.to_owned(),
                bold: style.bold,
                italic: style.italic,
                underline: style.underline,
                strike: style.strike,
                mono: style.mono || style.pre,
                link: style.link,
                color: style.color,
            }),
        }
    }
}

fn same_style(span: &Span, s: &Style) -> bool {
    span.bold == s.bold
        && span.italic == s.italic
        && span.underline == s.underline
        && span.strike == s.strike
        && span.mono == (s.mono || s.pre)
        && span.link == s.link
        && span.color == s.color
}

/// Drops leading and trailing white space of a paragraph (only line breaks inside `<pre>`) and
/// the spans left empty.
pub(super) fn trim_spans(spans: &mut Vec<Span>, pre: bool) {
    let blank = |c: char| if pre { c == '\n' } else { c.is_whitespace() };
    while let Some(first) = spans.first_mut() {
        let trimmed = first.text.trim_start_matches(blank).len();
        first.text.drain(..first.text.len() - trimmed);
        if !first.text.is_empty() {
            break;
        }
        spans.remove(0);
    }
    while let Some(last) = spans.last_mut() {
        let kept = last
            .text
            .trim_end_matches(|c: char| blank(c) || c == ' ')
            .len();
        last.text.truncate(kept);
        if !last.text.is_empty() {
            break;
        }
        spans.pop();
    }
    spans.retain(|s| !s.text.is_empty());
    if spans.iter().all(|s| s.text.trim().is_empty()) {
        spans.clear();
    }
}

/// The inline style an element sets: by its name (`<b>`, `<em>`, `<code>`, `<font color>` …) and by
/// its `style` attribute.
pub(super) fn apply_element_style(
    s: &mut Style,
    name: &str,
    attrs: &[(LocalName, String)],
    decls: &[(String, String)],
) {
    match name {
        "b" | "strong" | "th" => s.bold = true,
        "i" | "em" | "cite" | "var" | "dfn" => s.italic = true,
        "u" | "ins" => s.underline = true,
        "s" | "strike" | "del" => s.strike = true,
        "code" | "tt" | "kbd" | "samp" => s.mono = true,
        "pre" | "xmp" | "listing" | "plaintext" => s.pre = true,
        "font" => {
            if let Some(c) = attr(attrs, "color").and_then(style::color) {
                s.color = Some(c);
            }
            if attr(attrs, "face").is_some_and(|f| style::is_mono_family(&f.to_ascii_lowercase())) {
                s.mono = true;
            }
        }
        _ => {}
    }
    if let Some(c) = style::last(decls, "color").and_then(style::color) {
        s.color = Some(c);
    }
    if let Some(w) = style::last(decls, "font-weight") {
        s.bold = style::is_bold(w);
    }
    if let Some(f) = style::last(decls, "font-style") {
        s.italic = f.starts_with("italic") || f.starts_with("oblique");
    }
    let decoration =
        style::last(decls, "text-decoration-line").or(style::last(decls, "text-decoration"));
    if let Some(d) = decoration {
        s.underline = d.contains("underline");
        s.strike = d.contains("line-through");
    }
    if let Some(f) = style::last(decls, "font-family") {
        s.mono = style::is_mono_family(f);
    }
}
