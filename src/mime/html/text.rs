//! A [`Document`] as plain text, for search, reply quoting and the command line. Blocks nest at
//! most [`super::MAX_NESTING`] deep, so the recursion here is bounded.

use super::{Block, Document, Span};
use crate::mime::links::same_target;

/// The rule a `<hr>` becomes.
const RULE: &str = "――――――――――";

pub(super) fn render(doc: &Document) -> String {
    let lines = blocks(doc, &doc.blocks, 0, true);
    let mut out = lines.join("\n");
    let kept = out.trim_end().len();
    out.truncate(kept);
    out
}

/// The lines of a list of blocks, set off by a blank line (`spaced`) or by a line break.
fn blocks(doc: &Document, list: &[Block], depth: usize, spaced: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for block in list {
        let lines = block_lines(doc, block, depth);
        if lines.is_empty() {
            continue;
        }
        if spaced && !out.is_empty() {
            out.push(String::new());
        }
        out.extend(lines);
    }
    out
}

fn block_lines(doc: &Document, block: &Block, depth: usize) -> Vec<String> {
    match block {
        Block::Paragraph(spans) | Block::Heading { spans, .. } | Block::Preformatted(spans) => {
            let pre = matches!(block, Block::Preformatted(_));
            inline(doc, spans)
                .split('\n')
                .map(|l| {
                    if pre {
                        l.to_owned()
                    } else {
                        l.trim_end().to_owned()
                    }
                })
                .collect()
        }
        Block::Quote(inner) => blocks(doc, inner, depth, true)
            .into_iter()
            .map(|l| if l.is_empty() { l } else { format!("> {l}") })
            .collect(),
        Block::List {
            ordered,
            start,
            items,
        } => {
            let indent = "  ".repeat(depth.min(8));
            let mut out = Vec::new();
            for (i, item) in items.iter().enumerate() {
                let marker = if *ordered {
                    format!("{}. ", u64::from(*start) + i as u64)
                } else {
                    "• ".to_owned()
                };
                let pad = " ".repeat(marker.chars().count());
                let mut first = true;
                for b in item {
                    let nested = matches!(b, Block::List { .. });
                    for line in block_lines(doc, b, depth + usize::from(nested)) {
                        if first {
                            out.push(format!("{indent}{marker}{line}"));
                            first = false;
                        } else if nested || line.is_empty() {
                            out.push(line);
                        } else {
                            out.push(format!("{indent}{pad}{line}"));
                        }
                    }
                }
                if first {
                    out.push(format!("{indent}{}", marker.trim_end()));
                }
            }
            out
        }
        Block::Rule => vec![RULE.to_owned()],
        Block::Table { rows, .. } => rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|cell| {
                        let text = blocks(doc, cell, depth, false).join(" ");
                        text.split_whitespace().collect::<Vec<_>>().join(" ")
                    })
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .filter(|l| !l.trim_matches([' ', '|']).is_empty())
            .collect(),
        Block::Image(i) => {
            let Some(image) = doc.images.get(*i) else {
                return Vec::new();
            };
            let url = image
                .link
                .and_then(|l| doc.links.get(l))
                .map(|l| l.url.as_str());
            match (image.alt.is_empty(), url) {
                (false, Some(url)) => vec![format!("[image: {}] <{url}>", image.alt)],
                (false, None) => vec![format!("[image: {}]", image.alt)],
                (true, Some(url)) => vec![url.to_owned()],
                (true, None) => Vec::new(),
            }
        }
    }
}

/// Spans as text; after the text of a link whose text does not show its address, ` <url>`.
fn inline(doc: &Document, spans: &[Span]) -> String {
    let mut out = String::new();
    let mut open: Option<usize> = None;
    for span in spans {
        if span.link != open {
            close(doc, open, &mut out);
            open = span.link;
        }
        out.push_str(&span.text);
    }
    close(doc, open, &mut out);
    out
}

fn close(doc: &Document, link: Option<usize>, out: &mut String) {
    let Some(link) = link.and_then(|l| doc.links.get(l)) else {
        return;
    };
    if !same_target(&link.text, &link.url) {
        // After the link's last word, before the space that may follow it.
        let trailing = out.len() - out.trim_end_matches(' ').len();
        out.truncate(out.len() - trailing);
        out.push_str(" <");
        out.push_str(&link.url);
        out.push('>');
        out.push_str(&" ".repeat(trailing.min(1)));
    }
}
