//! HTML mail bodies turned into readable text by a small, tolerant tag scanner.
//!
//! Nothing here fetches, runs or renders anything: the result is plain text. Paragraphs, line breaks,
//! list bullets and block quotes survive; links stay visible as `text <url>`; `script`, `style`,
//! `head` and hidden (`display:none`) content is dropped; images become `[image: alt]`. The scanner
//! is linear, never recurses and bounds its input, output, nesting and link count, so any input is
//! safe to feed it.

use super::entities;
use super::links::{Link, clean_url, same_target};
use super::text::truncate_at_char;
use super::writer::Writer;

/// HTML beyond this many bytes is ignored.
const MAX_INPUT: usize = 8 << 20;
/// At most this many links are reported.
const MAX_LINKS: usize = 2_000;
/// Open elements tracked (deeper nesting is read as text without structure).
const MAX_DEPTH: usize = 256;
/// Longest tag name looked at.
const MAX_TAG_NAME: usize = 16;

/// Converts an HTML body to readable text and the http(s)/mailto links it contains.
///
/// Links appear in the text as `text <url>` (once, when the text already is the address); the
/// returned list holds each distinct (text, url) pair in order. Never panics, never fetches.
pub fn html_to_text(html: &str) -> (String, Vec<Link>) {
    let mut c = Converter::default();
    c.run(truncate_at_char(html, MAX_INPUT));
    c.close_link();
    (c.out.finish(), c.links)
}

/// An element that is open: its name and what closing it must undo.
struct Open {
    name: String,
    /// Numbering of an `<ol>` (next item number); `None` for everything else.
    counter: Option<u64>,
}

/// The `<a>` currently open.
struct OpenLink {
    url: Option<String>,
    start: usize,
}

#[derive(Default)]
struct Converter {
    out: Writer,
    links: Vec<Link>,
    stack: Vec<Open>,
    /// Stack depth of the outermost hidden element, while inside one.
    hidden_from: Option<usize>,
    in_head: bool,
    link: Option<OpenLink>,
}

/// A start tag as scanned.
struct Tag {
    name: String,
    href: Option<String>,
    alt: Option<String>,
    hidden: bool,
}

/// Elements whose content is not shown at all; their text is skipped unparsed up to the end tag.
const RAW_SKIPPED: &[&str] = &[
    "script", "style", "title", "xmp", "iframe", "noembed", "noframes",
];
/// Elements with no content (never pushed on the stack).
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "basefont", "frame", "keygen",
];
/// Elements whose content is inert.
const HIDDEN: &[&str] = &["template", "svg", "math", "object", "select", "datalist"];
/// Elements allowed in `<head>`; anything else starts the body.
const HEAD_ONLY: &[&str] = &[
    "title", "meta", "link", "style", "script", "base", "noscript", "template",
];
/// Block elements set off by a blank line.
const PARAGRAPH: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "table",
    "dl",
    "figure",
    "hr",
];
/// Block elements that start on a new line.
const LINE: &[&str] = &[
    "div",
    "li",
    "tr",
    "dt",
    "dd",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "main",
    "aside",
    "form",
    "fieldset",
    "address",
    "center",
    "caption",
    "details",
    "summary",
    "legend",
    "figcaption",
    "tbody",
    "thead",
    "tfoot",
    "option",
    "body",
    "html",
    "textarea",
];
/// Start tags that end an open `<p>`.
const CLOSES_P: &[&str] = &[
    "p",
    "div",
    "ul",
    "ol",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "dl",
    "hr",
    "section",
    "article",
    "header",
    "footer",
    "form",
    "address",
    "center",
    "figure",
    "nav",
    "main",
    "aside",
    "details",
    "fieldset",
];

impl Converter {
    fn run(&mut self, s: &str) {
        let b = s.as_bytes();
        let mut i = 0;
        let mut text_start = 0;
        while i < b.len() {
            if b[i] != b'<' {
                i += 1;
                continue;
            }
            let next = b.get(i + 1).copied().unwrap_or(b' ');
            let end = if s[i..].starts_with("<!--") {
                find(b, i + 4, b"-->").map_or(b.len(), |p| p + 3)
            } else if next == b'!' || next == b'?' {
                find(b, i + 2, b">").map_or(b.len(), |p| p + 1)
            } else if next == b'/' && b.get(i + 2).is_some_and(u8::is_ascii_alphabetic) {
                self.text(&s[text_start..i]);
                let (name, end) = tag_name(s, i + 2);
                let end = find(b, end, b">").map_or(b.len(), |p| p + 1);
                self.end_tag(&name);
                text_start = end;
                i = end;
                continue;
            } else if next.is_ascii_alphabetic() {
                self.text(&s[text_start..i]);
                let (tag, mut end) = start_tag(s, i + 1);
                if RAW_SKIPPED.contains(&tag.name.as_str()) {
                    end = skip_raw_text(b, end, &tag.name);
                    if !self.in_head && tag.name != "title" {
                        self.out.soft_space();
                    }
                } else {
                    self.start_tag(tag);
                }
                text_start = end;
                i = end;
                continue;
            } else {
                i += 1; // a lone '<' is text
                continue;
            };
            self.text(&s[text_start..i]);
            text_start = end;
            i = end;
        }
        self.text(&s[text_start..]);
    }

    fn suppressed(&self) -> bool {
        self.in_head || self.hidden_from.is_some()
    }

    fn text(&mut self, raw: &str) {
        if raw.is_empty() {
            return;
        }
        if self.in_head {
            if raw.trim().is_empty() {
                return;
            }
            self.in_head = false; // text cannot be in <head>: the body has started
        }
        if self.hidden_from.is_some() {
            return;
        }
        let mut decoded = String::with_capacity(raw.len());
        entities::decode_into(raw, &mut decoded);
        self.out.text(&decoded);
    }

    fn start_tag(&mut self, tag: Tag) {
        let name = tag.name.as_str();
        if name == "head" {
            self.in_head = true;
            return;
        }
        if self.in_head && !HEAD_ONLY.contains(&name) {
            self.in_head = false;
        }
        self.close_implied(name);
        if !self.suppressed() {
            self.open_effects(&tag);
        }
        if VOID.contains(&name) || self.stack.len() >= MAX_DEPTH {
            return;
        }
        if (tag.hidden || HIDDEN.contains(&name)) && self.hidden_from.is_none() {
            self.hidden_from = Some(self.stack.len());
        }
        let counter = (name == "ol").then_some(1);
        if let Some(q) = self.quote_pre_delta(name) {
            self.out.adjust(q.0, q.1);
        }
        self.stack.push(Open {
            name: tag.name,
            counter,
        });
    }

    /// Closes what a start tag implicitly ends: an open `<p>`, the previous `<li>`, cell or row.
    fn close_implied(&mut self, name: &str) {
        if CLOSES_P.contains(&name) && self.stack.last().is_some_and(|o| o.name == "p") {
            self.pop_to(self.stack.len() - 1);
        }
        let (same, boundary): (&[&str], &[&str]) = match name {
            "li" => (&["li"], &["ul", "ol", "table"]),
            "dt" | "dd" => (&["dt", "dd"], &["dl", "table"]),
            "td" | "th" => (&["td", "th"], &["tr", "table"]),
            "tr" => (&["tr"], &["table"]),
            "option" => (&["option"], &["select"]),
            _ => return,
        };
        for k in (0..self.stack.len()).rev() {
            let open = self.stack[k].name.as_str();
            if boundary.contains(&open) {
                return;
            }
            if same.contains(&open) {
                self.pop_to(k);
                return;
            }
        }
    }

    fn open_effects(&mut self, tag: &Tag) {
        let name = tag.name.as_str();
        match name {
            "br" => self.out.hard_break(),
            "hr" => {
                self.out.paragraph();
                self.out.marker("――――――――――");
                self.out.paragraph();
            }
            "li" => {
                self.out.line_break();
                let depth = self
                    .stack
                    .iter()
                    .filter(|o| o.counter.is_some() || o.name == "ul")
                    .count();
                let indent = "  ".repeat(depth.saturating_sub(1).min(8));
                let bullet = match self
                    .stack
                    .iter_mut()
                    .rev()
                    .find(|o| o.name == "ul" || o.name == "ol")
                {
                    Some(Open {
                        counter: Some(n), ..
                    }) => {
                        *n = n.saturating_add(1);
                        format!("{indent}{}. ", *n - 1)
                    }
                    _ => format!("{indent}• "),
                };
                self.out.marker(&bullet);
            }
            "td" | "th" => self.out.soft_space(),
            "ul" | "ol" if self.in_list() => self.out.line_break(),
            "img" => {
                if let Some(alt) = tag.alt.as_deref().map(super::text::clean_header_text)
                    && !alt.is_empty()
                {
                    self.out.word(&format!("[image: {alt}]"), true);
                }
            }
            "a" => {
                self.close_link();
                self.link = Some(OpenLink {
                    url: tag.href.as_deref().and_then(clean_url),
                    start: self.out.len(),
                });
            }
            _ if PARAGRAPH.contains(&name) => self.out.paragraph(),
            _ if LINE.contains(&name) => self.out.line_break(),
            _ => {}
        }
    }

    fn end_tag(&mut self, name: &str) {
        match name {
            "head" => {
                self.in_head = false;
                return;
            }
            "a" => {
                if !self.suppressed() {
                    self.close_link();
                }
                self.link = None;
                return;
            }
            "br" if !self.suppressed() => {
                self.out.hard_break();
                return;
            }
            _ => {}
        }
        match self.stack.iter().rposition(|o| o.name == name) {
            Some(k) => self.pop_to(k),
            None if name == "p" && !self.suppressed() => self.out.paragraph(),
            None => {}
        }
    }

    /// Closes the elements from the top of the stack down to (and including) index `k`.
    fn pop_to(&mut self, k: usize) {
        while self.stack.len() > k {
            let Some(open) = self.stack.pop() else { break };
            if let Some(q) = self.quote_pre_delta(&open.name) {
                self.out.adjust(-q.0, -q.1);
            }
            if self.hidden_from.is_some_and(|h| h >= self.stack.len()) {
                self.hidden_from = None;
                continue;
            }
            if self.suppressed() {
                continue;
            }
            let name = open.name.as_str();
            if matches!(name, "td" | "th") {
                self.out.soft_space();
            } else if matches!(name, "ul" | "ol") && self.in_list() {
                self.out.line_break();
            } else if PARAGRAPH.contains(&name) {
                self.out.paragraph();
            } else if LINE.contains(&name) {
                self.out.line_break();
            }
        }
    }

    /// Whether a list is open (a list inside it is set off by a line break, not a blank line).
    fn in_list(&self) -> bool {
        self.stack.iter().any(|o| o.name == "ul" || o.name == "ol")
    }

    /// How opening `name` changes the quote depth and the preformatted depth.
    fn quote_pre_delta(&self, name: &str) -> Option<(isize, isize)> {
        match name {
            "blockquote" => Some((1, 0)),
            "pre" | "textarea" | "plaintext" | "listing" => Some((0, 1)),
            _ => None,
        }
    }

    fn close_link(&mut self) {
        let Some(OpenLink {
            url: Some(url),
            start,
        }) = self.link.take()
        else {
            return;
        };
        if self.links.len() >= MAX_LINKS {
            return;
        }
        let text = super::text::clean_header_text(self.out.since(start));
        let text = if text.is_empty() {
            self.out.word(&url, false);
            url.clone()
        } else {
            if !same_target(&text, &url) {
                self.out.word(&format!("<{url}>"), false);
            }
            text
        };
        let link = Link { text, url };
        if !self.links.contains(&link) {
            self.links.push(link);
        }
    }
}

/// Index of the first `needle` at or after `from`.
fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// A tag name starting at `start` (lowercase, bounded) and where it ends.
fn tag_name(s: &str, start: usize) -> (String, usize) {
    let b = s.as_bytes();
    let mut end = start;
    while end < b.len() && (b[end].is_ascii_alphanumeric() || matches!(b[end], b'-' | b':' | b'_'))
    {
        end += 1;
    }
    let name = &s[start..end.min(start + MAX_TAG_NAME)];
    (name.to_ascii_lowercase(), end)
}

/// Scans a start tag whose name begins at `start`; returns it and the index after its `>`.
fn start_tag(s: &str, start: usize) -> (Tag, usize) {
    let b = s.as_bytes();
    let (name, mut j) = tag_name(s, start);
    let mut tag = Tag {
        name,
        href: None,
        alt: None,
        hidden: false,
    };
    loop {
        while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
            j += 1;
        }
        if j >= b.len() {
            return (tag, b.len());
        }
        if b[j] == b'>' {
            return (tag, j + 1);
        }
        let name_start = j;
        while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'=' | b'>' | b'/') {
            j += 1;
        }
        if j == name_start {
            j += 1; // a stray '='
            continue;
        }
        let attr = s[name_start..j].to_ascii_lowercase();
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        let mut value = "";
        if b.get(j) == Some(&b'=') {
            j += 1;
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            match b.get(j) {
                Some(&q @ (b'"' | b'\'')) => {
                    let close = find(b, j + 1, &[q]).unwrap_or(b.len());
                    value = &s[j + 1..close];
                    j = (close + 1).min(b.len());
                }
                _ => {
                    let v_start = j;
                    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                    value = &s[v_start..j];
                }
            }
        }
        match attr.as_str() {
            "href" => tag.href = Some(entities::decode(value)),
            "alt" => tag.alt = Some(entities::decode(value)),
            "hidden" => tag.hidden = true,
            "style" => {
                let style: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .flat_map(char::to_lowercase)
                    .collect();
                if style.contains("display:none") {
                    tag.hidden = true;
                }
            }
            _ => {}
        }
    }
}

/// Skips the raw text of `name` (e.g. a script) from `from`; returns the index after its end tag.
fn skip_raw_text(b: &[u8], from: usize, name: &str) -> usize {
    let mut i = from;
    while let Some(p) = find(b, i, b"</") {
        let after = p + 2;
        let candidate = b.get(after..after + name.len());
        let boundary = b
            .get(after + name.len())
            .is_none_or(|c| !c.is_ascii_alphanumeric());
        if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name.as_bytes())) && boundary {
            return find(b, after, b">").map_or(b.len(), |q| q + 1);
        }
        i = after;
    }
    b.len()
}

#[cfg(test)]
#[path = "html_tests.rs"]
mod tests;
