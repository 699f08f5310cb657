//! An HTML mail laid out from its parsed [`Document`]: paragraphs and headings as rich text
//! (bold, italic, underline, strike-through, monospace, links, colours that stay readable in
//! both themes), block quotes with a bar, nested lists, rules, data tables as a grid, and the
//! mail's own pictures (`cid:`) in place. Remote pictures show as their words until the user
//! loads them (see `remote.rs`, which also draws the bar above the message).
//!
//! Nothing here parses HTML: `mime::html` did that once, when the message was opened.
use std::cell::Cell;

use iced::widget::{Column, button, column, container, image, row, rule, text, tooltip};
use iced::{Alignment, Color, ContentFit, Element, Fill, FillPortion, Font, Length, font};

use super::selection::text_block;
use super::{Message, Preview, Reader};
use crate::mime::html::{Block, Document, ImageSource};
use crate::ui::widget::selectable::Run;
use crate::ui::widget::{style, theme};

/// Pictures are never drawn wider than this (they scale down to the pane).
const MAX_IMAGE_WIDTH: f32 = 900.0;
/// Nesting beyond this is laid out flat (the model caps it too).
const MAX_DEPTH: usize = 12;

/// What laying out the document needs: the document, the reader (pictures, selection), and
/// the number of the next line of text (lines are numbered in reading order for selecting).
struct Ctx<'a> {
    doc: &'a Document,
    reader: &'a Reader,
    next: Cell<usize>,
}

/// The whole document, with the pictures `reader` has decoded.
pub(super) fn document<'a>(doc: &'a Document, reader: &'a Reader) -> Element<'a, Message> {
    let cx = Ctx {
        doc,
        reader,
        next: Cell::new(0),
    };
    blocks(&cx, &doc.blocks, 0)
}

/// "Formatted | Plain text" for an HTML mail (the choice is remembered).
pub(super) fn view_switch<'a>(formatted: bool) -> Element<'a, Message> {
    let choice = |label: String, on: bool| {
        button(text(label).size(theme::SMALL))
            .padding([4, 10])
            .style(style::nav_style(on == formatted))
            .on_press(Message::SetFormatted(on))
    };
    row![
        choice(crate::fl!("ui-view-formatted"), true),
        choice(crate::fl!("ui-view-plain"), false),
    ]
    .spacing(4)
    .into()
}

fn blocks<'a>(cx: &Ctx<'a>, list: &'a [Block], depth: usize) -> Element<'a, Message> {
    let mut out = Column::new().spacing(10).width(Fill);
    for b in list {
        out = out.push(block(cx, b, depth));
    }
    out.into()
}

fn block<'a>(cx: &Ctx<'a>, b: &'a Block, depth: usize) -> Element<'a, Message> {
    let depth = depth.min(MAX_DEPTH);
    match b {
        Block::Paragraph(spans) => paragraph(cx, spans, theme::TEXT, false),
        Block::Heading { level, spans } => {
            let size = match level {
                1 => theme::TEXT + 8.0,
                2 => theme::TEXT + 5.0,
                3 => theme::TEXT + 3.0,
                _ => theme::TEXT + 1.0,
            };
            paragraph(cx, spans, size, true)
        }
        Block::Preformatted(spans) => container(paragraph(cx, spans, theme::TEXT - 1.0, false))
            .padding([8, 10])
            .width(Fill)
            .style(style::card)
            .into(),
        // a tinted box, not a bar: a bar as tall as the quote needs a height the scrolled
        // reader cannot give
        Block::Quote(inner) => container(blocks(cx, inner, depth + 1))
            .padding([6, 12])
            .width(Fill)
            .style(style::faint)
            .into(),
        Block::List {
            ordered,
            start,
            items,
        } => {
            let mut list = Column::new().spacing(6);
            for (i, item) in items.iter().enumerate() {
                let marker = if *ordered {
                    format!("{}.", u64::from(*start) + i as u64)
                } else if depth.is_multiple_of(2) {
                    "•".to_owned()
                } else {
                    "◦".to_owned()
                };
                list = list.push(
                    row![
                        container(text(marker).size(theme::TEXT)).width(Length::Fixed(26.0)),
                        blocks(cx, item, depth + 1),
                    ]
                    .align_y(Alignment::Start),
                );
            }
            list.into()
        }
        Block::Rule => rule::horizontal(1).style(theme::rule).into(),
        Block::Table { rows, header_rows } => {
            let mut grid = Column::new().spacing(0).width(Fill);
            for (r, cells) in rows.iter().enumerate() {
                let mut line = row![].spacing(0).width(Fill);
                for cell in cells {
                    let mut cell = container(blocks(cx, cell, depth + 1))
                        .padding([4, 8])
                        .width(FillPortion(1));
                    if r < *header_rows {
                        cell = cell.style(style::faint);
                    }
                    line = line.push(cell);
                }
                grid = grid.push(line);
                grid = grid.push(rule::horizontal(1).style(theme::rule));
            }
            container(grid).width(Fill).into()
        }
        Block::Image(index) => picture(cx.doc, *index, cx.reader),
    }
}

/// One paragraph: its spans as rich text, line by line, selectable.
fn paragraph<'a>(
    cx: &Ctx<'a>,
    spans: &'a [crate::mime::html::Span],
    size: f32,
    bold_all: bool,
) -> Element<'a, Message> {
    let doc = cx.doc;
    let runs = spans
        .iter()
        .map(|s| Run {
            text: s.text.as_str(),
            font: font_of(s, bold_all),
            color: s.color.and_then(readable),
            underline: s.underline,
            strike: s.strike,
            link: s.link.filter(|l| *l < doc.links.len()),
        })
        .collect();
    let paragraph = text_block(cx.reader, &cx.next, runs, size, Message::DocumentLink);
    // where the links lead, on hover (rich text cannot tell which link the pointer is over)
    let links: Vec<&crate::mime::Link> = spans
        .iter()
        .filter_map(|s| s.link.and_then(|l| doc.links.get(l)))
        .collect();
    if links.is_empty() {
        return paragraph;
    }
    tooltip(
        paragraph,
        container(text(super::document::targets(&links)).size(theme::SMALL))
            .padding(6)
            .style(theme::chip),
        tooltip::Position::FollowCursor,
    )
    .into()
}

/// The font of a span: bold, italic, monospace as it asks.
fn font_of(s: &crate::mime::html::Span, bold_all: bool) -> Font {
    Font {
        weight: if s.bold || bold_all {
            font::Weight::Bold
        } else {
            font::Weight::Normal
        },
        style: if s.italic {
            font::Style::Italic
        } else {
            font::Style::Normal
        },
        family: if s.mono {
            font::Family::Monospace
        } else {
            font::Family::SansSerif
        },
        ..Font::DEFAULT
    }
}

/// A picture of the mail: decoded when it is its own (`cid:`) or a remote one the user loaded,
/// else its words.
fn picture<'a>(doc: &'a Document, index: usize, reader: &'a Reader) -> Element<'a, Message> {
    let Some(r) = doc.images.get(index) else {
        return column![].into();
    };
    let words = |alt: &str| {
        let alt = crate::text::safe_line(alt.trim());
        text(if alt.is_empty() {
            crate::fl!("ui-html-image")
        } else {
            crate::fl!("ui-html-image-alt", alt = alt)
        })
        .size(theme::SMALL)
        .style(theme::muted_text)
    };
    let decoded = match &r.source {
        ImageSource::ContentId(_) => reader.inline_picture(index),
        ImageSource::Remote(_) => reader.remote_picture(index),
        ImageSource::Unavailable => None,
    };
    match decoded {
        Some(Preview::Ready(handle)) => {
            let width = r
                .width
                .map_or(MAX_IMAGE_WIDTH, |w| (w as f32).min(MAX_IMAGE_WIDTH));
            image(handle.clone())
                .content_fit(ContentFit::ScaleDown)
                .width(Length::Fixed(width))
                .into()
        }
        _ => words(&r.alt).into(),
    }
}

/// `color` when it is readable on both the light and the dark page (a contrast of at least 3:1
/// against each); `None` leaves the theme's text colour.
fn readable(color: [u8; 3]) -> Option<Color> {
    const LIGHT: [u8; 3] = [0xfa, 0xfa, 0xfa];
    const DARK: [u8; 3] = [0x24, 0x27, 0x2c];
    let ok = contrast(color, LIGHT) >= 3.0 && contrast(color, DARK) >= 3.0;
    ok.then(|| Color::from_rgb8(color[0], color[1], color[2]))
}

/// The WCAG contrast ratio of two colours.
fn contrast(a: [u8; 3], b: [u8; 3]) -> f32 {
    fn luminance(c: [u8; 3]) -> f32 {
        let channel = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2])
    }
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_colours_readable_in_both_themes_are_kept() {
        assert_eq!(readable([0, 0, 0]), None, "black vanishes on the dark page");
        assert_eq!(
            readable([255, 255, 255]),
            None,
            "white vanishes on the light page"
        );
        assert_eq!(
            readable([0, 0, 0x80]),
            None,
            "navy is too dark for the dark page"
        );
        assert!(
            readable([0xd3, 0x2f, 0x2f]).is_some(),
            "a strong red reads on both"
        );
        assert!(
            readable([0x1e, 0x88, 0xe5]).is_some(),
            "a mid blue reads on both"
        );
    }
}
