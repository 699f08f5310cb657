//! The parsed tree turned into a [`Document`]: one walk in document order with an explicit stack
//! (never recursion), building blocks in open containers (the document, quotes, list items, table
//! cells) and inline text in the paragraph being written.

use html5ever::LocalName;

mod inline;

use super::dom::{Data, Dom};
use super::style;
use super::table::{self, Cell, Table};
use super::{
    Block, Document, ImageRef, ImageSource, MAX_BLOCKS, MAX_IMAGES, MAX_LINKS, MAX_NESTING,
    MAX_NODES, MAX_TEXT, Span,
};
use crate::mime::links::{Link, clean_url};
use inline::{apply_element_style, trim_spans};

/// Elements whose content is never shown (their remote references are still counted).
const DROPPED: &[&str] = &[
    "head", "script", "style", "title", "template", "iframe", "object", "embed", "applet",
    "noscript", "input", "select", "datalist", "option", "optgroup", "textarea", "video", "audio",
    "canvas", "map", "area", "frameset", "frame", "noframes", "noembed", "param", "source",
    "track", "meta", "base", "link", "dialog", "portal", "slot",
];
/// Elements that end the paragraph before and after them.
const PARAGRAPH: &[&str] = &["p", "dl", "figure"];
/// Elements that start on a new line (within the paragraph being written).
const LINE: &[&str] = &[
    "div",
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
    "body",
    "html",
    "tr",
    "li",
];
/// Invisible characters newsletters pad their preview text with.
const INVISIBLE: &[char] = &[
    '\u{200B}', '\u{200C}', '\u{FEFF}', '\u{034F}', '\u{00AD}', '\u{2060}',
];

/// The inline style in effect.
#[derive(Clone, Copy, Default, PartialEq)]
struct Style {
    bold: bool,
    italic: bool,
    underline: bool,
    strike: bool,
    mono: bool,
    link: Option<usize>,
    color: Option<[u8; 3]>,
    /// White space is kept as written (`<pre>`).
    pre: bool,
}

/// What the paragraph being written becomes.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Paragraph,
    Heading(u8),
    Pre,
}

/// An open container that collects blocks.
enum Open {
    /// The document, a quote or a list item: blocks in order. A stray flow holds content found
    /// directly in a list or table (outside any item or cell); the next item, row or cell, or the
    /// end of the list or table, closes it.
    Flow {
        quote: bool,
        stray: bool,
        blocks: Vec<Block>,
    },
    List {
        ordered: bool,
        start: u32,
        items: Vec<Vec<Block>>,
    },
    Table(Table),
    Cell(Cell),
}

/// What leaving an element must do.
enum Exit {
    Nothing,
    Paragraph,
    Line,
    Space,
    /// End the heading or preformatted block and go back to writing this kind.
    Kind(Kind),
    Container,
    Link(usize),
}

/// A link whose element is still open: the text written inside it so far.
struct OpenLink {
    index: usize,
    text: String,
    image: Option<String>,
}

/// A node being walked: the children not yet visited, the style for them, what its end does.
struct Frame {
    node: usize,
    next: usize,
    style: Style,
    exit: Exit,
}

struct Builder<'a> {
    dom: &'a Dom,
    doc: Document,
    open: Vec<Open>,
    para: Vec<Span>,
    kind: Kind,
    pending_space: bool,
    links: Vec<OpenLink>,
    blocks: usize,
    text_bytes: usize,
}

/// Parses `html` (already within the input cap) into a document.
pub(super) fn document(html: &str) -> Document {
    let dom = Dom::parse(html, MAX_NODES);
    let mut b = Builder {
        dom: &dom,
        doc: Document::default(),
        open: vec![Open::Flow {
            quote: false,
            stray: false,
            blocks: Vec::new(),
        }],
        para: Vec::new(),
        kind: Kind::Paragraph,
        pending_space: false,
        links: Vec::new(),
        blocks: 0,
        text_bytes: 0,
    };
    b.doc.truncated = dom.truncated;
    b.walk();
    b.flush();
    while b.open.len() > 1 {
        b.close_container();
    }
    if let Some(Open::Flow { blocks, .. }) = b.open.pop() {
        b.doc.blocks = blocks;
    }
    b.doc
}

fn attr<'b>(attrs: &'b [(LocalName, String)], name: &str) -> Option<&'b str> {
    attrs
        .iter()
        .find(|(n, _)| &**n == name)
        .map(|(_, v)| v.as_str())
}

fn number(value: Option<&str>) -> Option<u32> {
    let v = value?.trim().trim_end_matches("px");
    let digits: &str = &v[..v.find(|c: char| !c.is_ascii_digit()).unwrap_or(v.len())];
    digits.parse().ok()
}

impl Builder<'_> {
    fn walk(&mut self) {
        let mut stack = vec![Frame {
            node: 0,
            next: 0,
            style: Style::default(),
            exit: Exit::Nothing,
        }];
        while let Some(top) = stack.last_mut() {
            let child = self
                .dom
                .nodes
                .get(top.node)
                .and_then(|n| n.children.get(top.next))
                .copied();
            let Some(child) = child else {
                if let Some(frame) = stack.pop() {
                    self.exit(frame.exit);
                }
                continue;
            };
            top.next += 1;
            let style = top.style;
            match self.dom.nodes.get(child).map(|n| &n.data) {
                Some(Data::Text(t)) => self.text(t, style),
                Some(Data::Element { .. }) => {
                    if let Some((style, exit)) = self.enter(child, style) {
                        stack.push(Frame {
                            node: child,
                            next: 0,
                            style,
                            exit,
                        });
                    }
                }
                _ => {}
            }
        }
    }

    /// Starts element `id`: returns the style for its content and what its end does, or `None`
    /// when its content is skipped.
    fn enter(&mut self, id: usize, parent: Style) -> Option<(Style, Exit)> {
        let (name, html, attrs) = self.dom.element(id)?;
        self.count_remote(name, attrs);
        let decls = attr(attrs, "style")
            .map(style::declarations)
            .unwrap_or_default();
        let name: &str = name;
        if !html
            || DROPPED.contains(&name)
            || attr(attrs, "hidden").is_some()
            || style::hides(&decls)
        {
            self.scan_dropped(id);
            return None;
        }
        let mut s = parent;
        apply_element_style(&mut s, name, attrs, &decls);
        if matches!(name, "li" | "tr" | "td" | "th") {
            self.close_strays();
        }
        let room = self.open.len() <= MAX_NESTING;
        let exit = match name {
            "br" => {
                self.hard_break(s);
                Exit::Nothing
            }
            "wbr" => Exit::Nothing,
            "hr" => {
                self.flush();
                self.push_block(Block::Rule);
                Exit::Nothing
            }
            "img" => {
                self.image(attrs, s);
                Exit::Nothing
            }
            "a" => match attr(attrs, "href").and_then(clean_url) {
                Some(url) if self.doc.links.len() < MAX_LINKS => {
                    let index = self.doc.links.len();
                    self.doc.links.push(Link {
                        text: String::new(),
                        url,
                    });
                    self.links.push(OpenLink {
                        index,
                        text: String::new(),
                        image: None,
                    });
                    s.link = Some(index);
                    Exit::Link(index)
                }
                Some(_) => {
                    self.doc.truncated = true;
                    s.link = None;
                    Exit::Nothing
                }
                None => {
                    s.link = None;
                    Exit::Nothing
                }
            },
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let prev = self.kind;
                self.kind = Kind::Heading(name.as_bytes()[1] - b'0');
                Exit::Kind(prev)
            }
            "pre" | "xmp" | "listing" | "plaintext" => {
                self.flush();
                let prev = self.kind;
                self.kind = Kind::Pre;
                Exit::Kind(prev)
            }
            "blockquote" if room => self.open_container(Open::Flow {
                quote: true,
                stray: false,
                blocks: Vec::new(),
            }),
            "ul" | "ol" | "menu" | "dir" if room => {
                let ordered = name == "ol";
                let start = number(attr(attrs, "start")).unwrap_or(1);
                self.open_container(Open::List {
                    ordered,
                    start,
                    items: Vec::new(),
                })
            }
            "li" if matches!(self.open.last(), Some(Open::List { .. })) => {
                self.open_container(Open::Flow {
                    quote: false,
                    stray: false,
                    blocks: Vec::new(),
                })
            }
            "table" if room => {
                for open in &mut self.open {
                    if let Open::Table(t) = open {
                        t.nested = true;
                    }
                }
                self.open_container(Open::Table(Table::new(attrs)))
            }
            "tr" if matches!(self.open.last(), Some(Open::Table(_))) => {
                self.flush();
                if let Some(Open::Table(t)) = self.open.last_mut() {
                    t.rows.push(Vec::new());
                }
                Exit::Nothing
            }
            "td" | "th" if matches!(self.open.last(), Some(Open::Table(_))) => {
                self.open_container(Open::Cell(Cell::new(name == "th", attrs)))
            }
            "td" | "th" => {
                self.pending_space = true;
                Exit::Space
            }
            "blockquote" | "ul" | "ol" | "menu" | "dir" | "table" => {
                self.flush();
                Exit::Paragraph
            }
            _ if PARAGRAPH.contains(&name) => {
                self.flush();
                Exit::Paragraph
            }
            _ if LINE.contains(&name) => {
                self.line_break();
                Exit::Line
            }
            _ => Exit::Nothing,
        };
        Some((s, exit))
    }

    fn exit(&mut self, exit: Exit) {
        match exit {
            Exit::Nothing => {}
            Exit::Paragraph => self.flush(),
            Exit::Line => self.line_break(),
            Exit::Space => self.pending_space = true,
            Exit::Kind(prev) => {
                self.flush();
                self.kind = prev;
            }
            Exit::Container => {
                self.close_strays();
                self.close_container();
            }
            Exit::Link(index) => self.close_link(index),
        }
    }

    /// Counts the remote resources an element refers to (whether it is shown or not).
    fn count_remote(&mut self, name: &LocalName, attrs: &[(LocalName, String)]) {
        let mut n = 0u32;
        for (attr, value) in attrs {
            let remote = match &**attr {
                "src" | "background" | "poster" | "data" => style::is_remote(value),
                "href" => &**name == "link" && style::is_remote(value),
                "srcset" => value.split(',').any(style::is_remote),
                "style" => {
                    n = n.saturating_add(style::remote_urls(value));
                    false
                }
                _ => false,
            };
            if remote {
                n = n.saturating_add(1);
            }
        }
        self.doc.remote = self.doc.remote.saturating_add(n);
    }

    /// Walks the content of a dropped element only to count its remote references (`<style>`
    /// sheets, `<link>`s in `<head>`, media sources).
    fn scan_dropped(&mut self, id: usize) {
        let in_style = self
            .dom
            .element(id)
            .is_some_and(|(n, _, _)| &**n == "style");
        let mut stack: Vec<(usize, bool)> = self
            .dom
            .nodes
            .get(id)
            .map(|n| n.children.iter().rev().map(|&c| (c, in_style)).collect())
            .unwrap_or_default();
        while let Some((node, in_style)) = stack.pop() {
            let Some(n) = self.dom.nodes.get(node) else {
                continue;
            };
            match &n.data {
                Data::Text(t) if in_style => {
                    self.doc.remote = self.doc.remote.saturating_add(style::remote_urls(t));
                }
                Data::Element { name, attrs, .. } => {
                    self.count_remote(name, attrs);
                    let style = &**name == "style";
                    stack.extend(n.children.iter().rev().map(|&c| (c, style)));
                }
                _ => {}
            }
        }
    }

    /// Closes the stray item or cell on top of the containers, if there is one.
    fn close_strays(&mut self) {
        self.flush();
        let stray = match self.open.last() {
            Some(Open::Flow { stray, .. }) => *stray,
            Some(Open::Cell(c)) => c.stray,
            _ => false,
        };
        if stray {
            self.close_container();
        }
    }

    fn open_container(&mut self, open: Open) -> Exit {
        self.flush();
        self.open.push(open);
        Exit::Container
    }

    /// Ends the innermost container and puts what it made into the one around it.
    fn close_container(&mut self) {
        self.flush();
        if self.open.len() <= 1 {
            return;
        }
        let Some(open) = self.open.pop() else { return };
        match open {
            Open::Flow {
                quote: true,
                blocks,
                ..
            } => {
                if !blocks.is_empty() {
                    self.push_block(Block::Quote(blocks));
                }
            }
            Open::Flow {
                quote: false,
                blocks,
                ..
            } => match self.open.last_mut() {
                Some(Open::List { items, .. }) => items.push(blocks),
                _ => self.extend_blocks(blocks),
            },
            Open::List {
                ordered,
                start,
                items,
            } => {
                if !items.is_empty() {
                    self.push_block(Block::List {
                        ordered,
                        start,
                        items,
                    });
                }
            }
            Open::Cell(cell) => match self.open.last_mut() {
                Some(Open::Table(t)) => t.push_cell(cell),
                _ => self.extend_blocks(cell.blocks),
            },
            Open::Table(t) => match table::finish(t) {
                Ok(block) => self.push_block(block),
                Err(blocks) => self.extend_blocks(blocks),
            },
        }
    }

    /// The block list the next block goes into.
    fn target(&mut self) -> &mut Vec<Block> {
        if matches!(
            self.open.last(),
            Some(Open::List { .. }) | Some(Open::Table(_))
        ) {
            // Content outside an item or cell: an item or cell of its own.
            let stray = match self.open.last() {
                Some(Open::List { .. }) => Open::Flow {
                    quote: false,
                    stray: true,
                    blocks: Vec::new(),
                },
                _ => {
                    let mut cell = Cell::new(false, &[]);
                    cell.stray = true;
                    Open::Cell(cell)
                }
            };
            self.open.push(stray);
        }
        match self.open.last_mut() {
            Some(Open::Flow { blocks, .. }) => blocks,
            Some(Open::Cell(c)) => &mut c.blocks,
            // Unreachable: the document's flow is never popped before the walk ends.
            _ => &mut self.doc.blocks,
        }
    }

    fn push_block(&mut self, block: Block) {
        if self.blocks >= MAX_BLOCKS {
            self.doc.truncated = true;
            return;
        }
        self.blocks += 1;
        self.target().push(block);
    }

    fn extend_blocks(&mut self, blocks: Vec<Block>) {
        // These were counted when they were made.
        self.target().extend(blocks);
    }

    /// Ends the paragraph being written (if it has visible text) as a block of the current kind.
    fn flush(&mut self) {
        self.pending_space = false;
        let mut spans = std::mem::take(&mut self.para);
        let pre = self.kind == Kind::Pre;
        trim_spans(&mut spans, pre);
        if spans.is_empty() {
            return;
        }
        let block = match self.kind {
            Kind::Paragraph => Block::Paragraph(spans),
            Kind::Heading(level) => Block::Heading { level, spans },
            Kind::Pre => Block::Preformatted(spans),
        };
        self.push_block(block);
    }
}
