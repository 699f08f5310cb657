//! Selecting and copying the words of the message shown, in the formatted and the plain view.
//!
//! The body is laid out as lines (`widget::selectable`), numbered in reading order; a selection
//! runs from one [`Caret`] to another. The words of each line come from [`units`], which walks
//! the body in the same order as the view lays it out, so what is copied is what is seen.
use std::ops::Range;

use std::cell::Cell;

use iced::widget::Column;
use iced::{Color, Element, Task};

use super::{Action, Message, Opened, Reader};
use crate::mime::html::Block;
use crate::ui::widget::selectable::{self, Caret, Gesture, Run};

/// Links in the text.
pub(super) const LINK: Color = Color::from_rgb(0.16, 0.45, 0.85);

/// What is selected: from `anchor` (where the press was) to `focus` (where the pointer is).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Selection {
    anchor: Caret,
    focus: Caret,
    dragging: bool,
}

impl Selection {
    fn ordered(&self) -> (Caret, Caret) {
        if self.anchor <= self.focus {
            (self.anchor, self.focus)
        } else {
            (self.focus, self.anchor)
        }
    }

    /// The selected bytes of line `unit`, which is `len` bytes long (`None`: nothing of it).
    fn in_unit(&self, unit: usize, len: usize) -> Option<Range<usize>> {
        let (start, end) = self.ordered();
        if unit < start.unit || unit > end.unit || start == end {
            return None;
        }
        let from = if unit == start.unit { start.offset } else { 0 };
        let to = if unit == end.unit { end.offset } else { len };
        (from < to).then_some(from..to.min(len))
    }
}

/// A line of the body and what sets it off from the line before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub text: String,
    /// It begins a paragraph (a blank line before it when copied), else a new line.
    pub starts_block: bool,
}

/// The lines of the body as the view shows it: the formatted document's, or the plain text's.
pub fn units(o: &Opened, formatted: bool) -> Vec<Unit> {
    let mut out = Vec::new();
    match o.mail.body.html.as_deref().filter(|_| formatted) {
        Some(doc) => document_units(&doc.blocks, &mut out),
        None => {
            for paragraph in &o.paragraphs {
                let text: String = paragraph.iter().map(|p| p.text.as_str()).collect();
                push_lines(&text, &mut out);
            }
        }
    }
    out
}

/// In the order `html.rs` lays the blocks out.
fn document_units(blocks: &[Block], out: &mut Vec<Unit>) {
    for b in blocks {
        match b {
            Block::Paragraph(spans) | Block::Heading { spans, .. } | Block::Preformatted(spans) => {
                let text: String = spans.iter().map(|s| s.text.as_str()).collect();
                push_lines(&text, out);
            }
            Block::Quote(inner) => document_units(inner, out),
            Block::List { items, .. } => {
                for item in items {
                    document_units(item, out);
                }
            }
            Block::Table { rows, .. } => {
                for cell in rows.iter().flatten() {
                    document_units(cell, out);
                }
            }
            Block::Rule | Block::Image(_) => {}
        }
    }
}

fn push_lines(text: &str, out: &mut Vec<Unit>) {
    for (i, line) in text.split('\n').enumerate() {
        out.push(Unit {
            text: line.to_owned(),
            starts_block: i == 0,
        });
    }
}

/// The selected words of `units`, lines joined by line breaks and paragraphs by a blank line.
pub fn selected_text(units: &[Unit], selection: &Selection) -> String {
    let (start, end) = selection.ordered();
    let mut out = String::new();
    for (i, unit) in units
        .iter()
        .enumerate()
        .take(end.unit.saturating_add(1))
        .skip(start.unit)
    {
        if i > start.unit {
            out.push_str(if unit.starts_block { "\n\n" } else { "\n" });
        }
        if let Some(range) = selection.in_unit(i, unit.text.len()) {
            let text = &unit.text;
            let a = text.floor_char_boundary(range.start);
            let b = text.floor_char_boundary(range.end);
            out.push_str(&text[a..b]);
        }
    }
    out
}

/// The word around byte `offset` of `line` (letters and digits; else the one character).
fn word_at(line: &str, offset: usize) -> Range<usize> {
    let offset = line.floor_char_boundary(offset.min(line.len()));
    let is_word = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    let here = line[offset..].chars().next();
    if !here.is_some_and(is_word) {
        return offset..offset + here.map_or(0, char::len_utf8);
    }
    let start = line[..offset]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(offset, |(i, _)| i);
    let end = line[offset..]
        .char_indices()
        .find(|(_, c)| !is_word(*c))
        .map_or(line.len(), |(i, _)| offset + i);
    start..end
}

/// A paragraph of the body: `runs` laid out line by line at `size`, the lines numbered from
/// `next` on (the view counts in the order of [`units`]).
pub(super) fn text_block<'a, L: Clone + 'static>(
    reader: &'a Reader,
    next: &Cell<usize>,
    runs: Vec<Run<'a, L>>,
    size: f32,
    on_link: impl Fn(L) -> Message + Clone + 'a,
) -> Element<'a, Message> {
    let mut out = Column::new();
    for runs in selectable::lines(runs) {
        let unit = next.get();
        next.set(unit + 1);
        let len = runs.iter().map(|r| r.text.len()).sum();
        out = out.push(selectable::Line {
            unit,
            runs,
            size,
            selected: reader.selected_in(unit, len),
            dragging: reader.dragging(),
            link_color: LINK,
            on_link: Box::new(on_link.clone()),
            on_gesture: Box::new(Message::Select),
        });
    }
    out.into()
}

impl Reader {
    /// The selected bytes of line `unit` of the body (for the view).
    pub(super) fn selected_in(&self, unit: usize, len: usize) -> Option<Range<usize>> {
        self.selection.as_ref()?.in_unit(unit, len)
    }

    /// A selection is being dragged.
    pub(super) fn dragging(&self) -> bool {
        self.selection.is_some_and(|s| s.dragging)
    }

    /// Whether words of the message are selected.
    pub fn has_selection(&self) -> bool {
        self.selection.is_some_and(|s| s.anchor != s.focus)
    }

    /// The selected words, when there are any.
    pub fn selected_text(&self) -> Option<String> {
        let selection = self.selection.filter(|s| s.anchor != s.focus)?;
        let units = units(self.shown()?, self.formatted());
        Some(selected_text(&units, &selection))
    }

    /// Selects the whole body of the message shown.
    pub fn select_all(&mut self) {
        let Some(o) = self.shown() else { return };
        let units = units(o, self.formatted());
        let Some(last) = units.len().checked_sub(1) else {
            return;
        };
        self.selection = Some(Selection {
            anchor: Caret::default(),
            focus: Caret {
                unit: last,
                offset: units[last].text.len(),
            },
            dragging: false,
        });
    }

    /// The selection ends (another message, another view, a press beside the words).
    pub fn clear_selection(&mut self) {
        self.selection = None;
    }

    /// The mouse selected words.
    pub(super) fn select(&mut self, gesture: Gesture) -> Action {
        match gesture {
            Gesture::Press { at, clicks, shift } => {
                let extend = shift && self.selection.is_some();
                let whole = match clicks {
                    1 => None,
                    n => self.shown().and_then(|o| {
                        let units = units(o, self.formatted());
                        let line = &units.get(at.unit)?.text;
                        Some(if n == 2 {
                            word_at(line, at.offset)
                        } else {
                            0..line.len()
                        })
                    }),
                };
                self.selection = Some(match (whole, self.selection) {
                    (Some(r), _) => Selection {
                        anchor: Caret {
                            unit: at.unit,
                            offset: r.start,
                        },
                        focus: Caret {
                            unit: at.unit,
                            offset: r.end,
                        },
                        dragging: false,
                    },
                    (None, Some(s)) if extend => Selection {
                        focus: at,
                        dragging: true,
                        ..s
                    },
                    (None, _) => Selection {
                        anchor: at,
                        focus: at,
                        dragging: true,
                    },
                });
            }
            Gesture::Drag(at) => {
                if let Some(s) = self.selection.as_mut().filter(|s| s.dragging) {
                    s.focus = at;
                }
            }
            Gesture::Release => {
                if let Some(s) = self.selection.as_mut() {
                    s.dragging = false;
                }
            }
        }
        Action::None
    }

    /// Puts the selected words on the clipboard (nothing when none are selected).
    pub fn copy_selection(&self) -> Task<Message> {
        match self.selected_text() {
            Some(text) => iced::clipboard::write(text),
            None => Task::none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(text: &str, starts_block: bool) -> Unit {
        Unit {
            text: text.to_owned(),
            starts_block,
        }
    }

    fn sel(a: (usize, usize), f: (usize, usize)) -> Selection {
        Selection {
            anchor: Caret {
                unit: a.0,
                offset: a.1,
            },
            focus: Caret {
                unit: f.0,
                offset: f.1,
            },
            dragging: false,
        }
    }

    #[test]
    fn copied_text_joins_lines_and_paragraphs() {
        let units = [
            unit("Hallo Anna,", true),
            unit("wie geht's?", false),
            unit("Grüße", true),
            unit("Ben", false),
        ];
        // backwards from the middle of "Grüße" to the middle of the first line
        let s = sel((2, 3), (0, 6));
        assert_eq!(selected_text(&units, &s), "Anna,\nwie geht's?\n\nGr");
        assert_eq!(selected_text(&units, &sel((3, 0), (3, 3))), "Ben");
        assert_eq!(
            sel((1, 4), (1, 4)).in_unit(1, 11),
            None,
            "a caret selects nothing"
        );
        assert_eq!(sel((0, 3), (2, 1)).in_unit(1, 11), Some(0..11));
        assert_eq!(sel((0, 3), (2, 1)).in_unit(3, 3), None);
    }

    #[test]
    fn a_double_click_takes_the_word() {
        let line = "Bitte überweisen Sie 12,50 € bis zum 3.12.";
        assert_eq!(&line[word_at(line, 9)], "überweisen");
        assert_eq!(&line[word_at(line, 0)], "Bitte");
        assert_eq!(&line[word_at(line, 5)], " ");
        assert_eq!(&line[word_at(line, 29)], "€");
        assert_eq!(word_at(line, 999), line.len()..line.len());
    }

    #[test]
    fn the_lines_of_a_document_follow_its_blocks() {
        let doc = crate::mime::html::Document::parse(
            "<p>Eins<br>Zwei</p><blockquote><p>Drei</p></blockquote>\
             <ul><li>Vier</li></ul><table><tr><td>F\u{fc}nf</td><td>Sechs</td></tr></table>",
        );
        let mut out = Vec::new();
        document_units(&doc.blocks, &mut out);
        let texts: Vec<&str> = out.iter().map(|u| u.text.as_str()).collect();
        assert_eq!(texts, ["Eins", "Zwei", "Drei", "Vier", "Fünf", "Sechs"]);
        assert!(out[0].starts_block && !out[1].starts_block && out[2].starts_block);
    }
}
