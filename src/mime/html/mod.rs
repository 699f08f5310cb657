//! HTML mail bodies: parsed once by a real HTML parser (html5ever, the WHATWG algorithm that
//! browsers follow) into a small [`Document`] of blocks and styled spans that the reader can lay
//! out, and that [`Document::text`] turns into the plain text search, reply quoting and the CLI use.
//!
//! Nothing here fetches, runs or renders anything. Scripts, styles, forms, frames, objects, SVG,
//! MathML, `<noscript>`, `<template>` and hidden (`display:none`, `hidden`) content are dropped;
//! links are kept only when they are http(s) or mailto; remote images and other remote resources
//! are recorded (and counted in [`Document::remote`]) but never loaded. Every input is bounded:
//! input size, tree size, blocks, text, links and images have caps, the tree is a flat arena and
//! every walk over it keeps its own stack, so no input can overflow the stack or grow without end.
//!
//! Layout tables (the tables newsletters use to place things) are flattened into the blocks of
//! their cells, top to bottom, left to right; only data tables stay a [`Block::Table`]. How a table
//! is judged is described in `table.rs`.

mod dom;
mod parse;
mod style;
mod table;
mod text;

use super::links::Link;
use super::text::truncate_at_char;

/// HTML beyond this many bytes is not parsed (a 50 MB part is cut, not read whole).
pub const MAX_INPUT: usize = 8 << 20;
/// The parser stops after this many nodes (elements and text runs) of the tree.
pub const MAX_NODES: usize = 200_000;
/// At most this many links are kept.
pub const MAX_LINKS: usize = 2_000;
/// At most this many images are kept.
pub const MAX_IMAGES: usize = 500;
/// At most this many blocks are made, counting blocks inside quotes, lists and tables.
pub const MAX_BLOCKS: usize = 20_000;
/// At most this many bytes of text are kept in all spans together.
pub const MAX_TEXT: usize = 2 << 20;
/// Quotes, lists and tables nested deeper than this are read as if they were not nested.
pub const MAX_NESTING: usize = 24;

/// An HTML body as the reader shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Document {
    pub blocks: Vec<Block>,
    /// The images the blocks refer to by index.
    pub images: Vec<ImageRef>,
    /// The links spans and images refer to by index: http(s) and mailto only, one per `<a>`
    /// element, in order.
    pub links: Vec<Link>,
    /// Remote resources seen and not fetched: images (`src`, `srcset`), backgrounds (attribute and
    /// CSS `url()`, in `style` attributes and `<style>`), style sheets (`<link href>`, `@import`),
    /// video posters and media sources, frames and objects.
    pub remote: u32,
    /// Something was left out because a cap was reached (input, tree, blocks, text, links, images).
    pub truncated: bool,
}

/// A block of the document, laid out top to bottom.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum Block {
    /// Inline content; line breaks are `\n` inside span text.
    Paragraph(Vec<Span>),
    /// `<h1>`…`<h6>`: level 1 to 6.
    Heading { level: u8, spans: Vec<Span> },
    /// `<pre>`: white space kept as written, shown in a monospace font.
    Preformatted(Vec<Span>),
    /// `<blockquote>`, which may hold quotes of its own.
    Quote(Vec<Block>),
    /// `<ul>` (`ordered: false`) or `<ol>` counting from `start`; each item is a list of blocks.
    List {
        ordered: bool,
        start: u32,
        items: Vec<Vec<Block>>,
    },
    /// `<hr>`.
    Rule,
    /// A data table: rows of cells, each cell a list of blocks; the first `header_rows` rows are
    /// headers. Rows may have different numbers of cells.
    Table {
        rows: Vec<Vec<Vec<Block>>>,
        header_rows: usize,
    },
    /// An image standing alone: an index into [`Document::images`].
    Image(usize),
}

/// A run of text in one style.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
    pub strike: bool,
    pub mono: bool,
    /// An index into [`Document::links`].
    pub link: Option<usize>,
    /// The text colour the mail asks for (the reader decides whether it stays readable).
    pub color: Option<[u8; 3]>,
}

/// An image of the mail.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ImageRef {
    pub source: ImageSource,
    /// The `alt` text, white space collapsed; may be empty.
    pub alt: String,
    /// The size the mail asks for, in CSS pixels, from the `width`/`height` attributes.
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// The link around the image: an index into [`Document::links`].
    pub link: Option<usize>,
}

/// Where an image comes from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum ImageSource {
    /// A part of the same message, by its Content-ID (`cid:` taken off, no angle brackets).
    ContentId(String),
    /// An http(s) address (cleaned by the same rules as links). Never fetched here.
    Remote(String),
    /// No source that could be shown (a relative address, `data:`, another scheme): only the
    /// `alt` text is there.
    Unavailable,
}

impl Document {
    /// Parses an HTML body. Never panics, never fetches; bounded in time and memory by the caps
    /// above (input beyond [`MAX_INPUT`] bytes is cut and `truncated` set).
    pub fn parse(html: &str) -> Document {
        let cut = truncate_at_char(html, MAX_INPUT);
        let mut doc = parse::document(cut);
        doc.truncated |= cut.len() < html.len();
        doc
    }

    /// The document as plain text: paragraphs set off by a blank line, list items with bullets or
    /// numbers, quoted lines with `> `, links as `text <url>` (the address once when the text
    /// already shows it), images as `[image: alt]`, table rows as cells joined by ` | `.
    pub fn text(&self) -> String {
        text::render(self)
    }

    /// Every span of the document (in paragraphs, headings, quotes, lists and tables), in order.
    pub fn spans(&self) -> Vec<&Span> {
        let mut out = Vec::new();
        let mut stack: Vec<&Block> = self.blocks.iter().rev().collect();
        while let Some(block) = stack.pop() {
            match block {
                Block::Paragraph(s) | Block::Preformatted(s) | Block::Heading { spans: s, .. } => {
                    out.extend(s)
                }
                Block::Quote(b) => stack.extend(b.iter().rev()),
                Block::List { items, .. } => stack.extend(items.iter().flatten().rev()),
                Block::Table { rows, .. } => stack.extend(rows.iter().flatten().flatten().rev()),
                Block::Rule | Block::Image(_) => {}
            }
        }
        out
    }
}

/// Converts an HTML body to readable text and the http(s)/mailto links it contains: parsed into a
/// [`Document`], then [`Document::text`]. Never panics, never fetches.
///
/// The links are each distinct (text, address) pair once, in order.
pub fn html_to_text(html: &str) -> (String, Vec<Link>) {
    let doc = Document::parse(html);
    let text = doc.text();
    let mut links: Vec<Link> = Vec::with_capacity(doc.links.len());
    for link in doc.links {
        if !links.contains(&link) {
            links.push(link);
        }
    }
    (text, links)
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_model;
