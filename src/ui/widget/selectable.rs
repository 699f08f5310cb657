//! A line of rich text whose words can be selected with the mouse, across lines: the reader's
//! body is a column of these, one per line of the message, each knowing its place (`unit`) in
//! reading order.
//!
//! The widget draws nothing itself: it wraps a `rich_text` (which draws the words, the links
//! and the selection as span highlights) and reports where the mouse presses, drags and lets go
//! as a [`Caret`] — a line and a byte offset in it. What is selected is the caller's state, so a
//! selection can run over many lines and be copied as one text.
//!
//! A line holds no line break, so the offset the text layout finds under the pointer is an
//! offset into the line. The layout used for that is made only when the mouse is used over the
//! line, never while a message opens.

use std::ops::Range;

use iced::advanced;
use iced::advanced::text::{self as core_text, Paragraph as _};
use iced::advanced::widget::{Operation, Tree, tree};
use iced::advanced::{Clipboard, Layout, Shell, Widget};
use iced::widget::text::{LineHeight, Shaping, Span, Wrapping};
use iced::widget::{rich_text, span};
use iced::{
    Background, Color, Element, Event, Font, Length, Pixels, Point, Rectangle, Size, keyboard,
    mouse,
};

/// The colour of selected words: a translucent blue that reads on both themes.
const SELECTED: Color = Color::from_rgba(0.25, 0.5, 0.95, 0.35);
/// The line height of body text.
pub const LINE_HEIGHT: f32 = 1.45;

/// A place in the text: line `unit` (in reading order), byte `offset` in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Caret {
    pub unit: usize,
    pub offset: usize,
}

/// What the mouse did over a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gesture {
    /// The left button went down at `at`: once, twice (a word) or three times (the line) in
    /// quick succession; with Shift held the selection is extended to `at`.
    Press { at: Caret, clicks: u8, shift: bool },
    /// The pointer moved to `at` while the button is held.
    Drag(Caret),
    /// The button was let go.
    Release,
}

/// A run of words in one style.
#[derive(Debug, Clone)]
pub struct Run<'a, L> {
    pub text: &'a str,
    pub font: Font,
    pub color: Option<Color>,
    pub underline: bool,
    pub strike: bool,
    pub link: Option<L>,
}

impl<'a, L> Run<'a, L> {
    /// Words in the normal font and colour.
    pub fn plain(text: &'a str) -> Self {
        Run {
            text,
            font: Font::DEFAULT,
            color: None,
            underline: false,
            strike: false,
            link: None,
        }
    }
}

/// Splits runs at line breaks: one list of runs per line (a run never holds a `\n`).
pub fn lines<'a, L: Clone>(runs: Vec<Run<'a, L>>) -> Vec<Vec<Run<'a, L>>> {
    let mut out = Vec::new();
    let mut line = Vec::new();
    for run in runs {
        for (i, part) in run.text.split('\n').enumerate() {
            if i > 0 {
                out.push(std::mem::take(&mut line));
            }
            if !part.is_empty() {
                line.push(Run {
                    text: part,
                    ..run.clone()
                });
            }
        }
    }
    out.push(line);
    out
}

/// One line: `runs` at `size`, with the bytes in `selected` highlighted.
pub struct Line<'a, L, M> {
    pub unit: usize,
    pub runs: Vec<Run<'a, L>>,
    pub size: f32,
    pub selected: Option<Range<usize>>,
    /// A selection is being dragged (lines report the pointer moving over them).
    pub dragging: bool,
    pub link_color: Color,
    pub on_link: Box<dyn Fn(L) -> M + 'a>,
    pub on_gesture: Box<dyn Fn(Gesture) -> M + 'a>,
}

impl<'a, L, M> From<Line<'a, L, M>> for Element<'a, M>
where
    L: Clone + 'static,
    M: 'a,
{
    fn from(line: Line<'a, L, M>) -> Self {
        let probe: Vec<(&'a str, Font)> = line.runs.iter().map(|r| (r.text, r.font)).collect();
        let mut spans: Vec<Span<'a, L, Font>> = Vec::with_capacity(line.runs.len() + 2);
        let mut at = 0;
        for run in &line.runs {
            let end = at + run.text.len();
            for (part, chosen) in split(run.text, at, line.selected.as_ref()) {
                let mut s = span(part)
                    .font(run.font)
                    .underline(run.underline)
                    .strikethrough(run.strike)
                    .color_maybe(run.color);
                if let Some(link) = &run.link {
                    s = s.link(link.clone()).color(line.link_color).underline(true);
                }
                if chosen {
                    s = s.background(Background::Color(SELECTED));
                }
                spans.push(s);
            }
            at = end;
        }
        if spans.is_empty() {
            // an empty line keeps its height
            spans.push(span(" "));
        }
        let content = rich_text(spans)
            .size(line.size)
            .line_height(LINE_HEIGHT)
            .wrapping(Wrapping::WordOrGlyph)
            .width(Length::Fill)
            .on_link_click(line.on_link);
        Element::new(Selectable {
            unit: line.unit,
            len: at,
            probe,
            size: line.size,
            dragging: line.dragging,
            content: content.into(),
            on_gesture: line.on_gesture,
        })
    }
}

/// `text` (starting at byte `at` of its line) cut where `selected` begins and ends: the parts,
/// and whether each is selected.
fn split<'t>(text: &'t str, at: usize, selected: Option<&Range<usize>>) -> Vec<(&'t str, bool)> {
    let Some(sel) = selected else {
        return vec![(text, false)];
    };
    let clamp = |i: usize| text.floor_char_boundary(i.saturating_sub(at).min(text.len()));
    let (a, b) = (clamp(sel.start), clamp(sel.end));
    [
        (&text[..a], false),
        (&text[a..b], true),
        (&text[b..], false),
    ]
    .into_iter()
    .filter(|(t, _)| !t.is_empty())
    .collect()
}

struct Selectable<'a, M> {
    unit: usize,
    len: usize,
    probe: Vec<(&'a str, Font)>,
    size: f32,
    dragging: bool,
    content: Element<'a, M>,
    on_gesture: Box<dyn Fn(Gesture) -> M + 'a>,
}

/// The widget's memory: whether the press began here, the last click (for double clicks), the
/// modifiers held, and the layout used to find the offset under the pointer.
#[derive(Default)]
struct State<P> {
    pressed: bool,
    last_click: Option<advanced::mouse::Click>,
    modifiers: keyboard::Modifiers,
    probe: Option<(f32, P)>,
}

type Paragraph = <iced::Renderer as core_text::Renderer>::Paragraph;

impl<M> Selectable<'_, M> {
    /// The byte offset of the line under `point` (relative to the line's top left).
    fn offset(&self, state: &mut State<Paragraph>, width: f32, point: Point) -> usize {
        if !matches!(&state.probe, Some((w, _)) if *w == width) {
            let spans: Vec<Span<'_, (), Font>> = self
                .probe
                .iter()
                .map(|(text, font)| span(*text).font(*font))
                .collect();
            let paragraph = Paragraph::with_spans(core_text::Text {
                content: spans.as_slice(),
                bounds: Size::new(width, f32::INFINITY),
                size: Pixels(self.size),
                line_height: LineHeight::Relative(LINE_HEIGHT),
                font: Font::DEFAULT,
                align_x: core_text::Alignment::Default,
                align_y: iced::alignment::Vertical::Top,
                shaping: Shaping::Advanced,
                wrapping: Wrapping::WordOrGlyph,
            });
            state.probe = Some((width, paragraph));
        }
        let Some((_, paragraph)) = &state.probe else {
            return 0;
        };
        if point.y > paragraph.min_bounds().height {
            return self.len;
        }
        paragraph
            .hit_test(point)
            .map_or(self.len, |hit| hit.cursor().min(self.len))
    }

    fn caret(&self, state: &mut State<Paragraph>, bounds: Rectangle, at: Point) -> Caret {
        let local = Point::new(at.x - bounds.x, at.y - bounds.y);
        Caret {
            unit: self.unit,
            offset: self.offset(state, bounds.width, local),
        }
    }
}

type Renderer = iced::Renderer;
type Theme = iced::Theme;

impl<M> Widget<M, Theme, Renderer> for Selectable<'_, M> {
    delegate_to_content!(children, size, layout, draw);

    fn tag(&self) -> tree::Tag {
        tree::Tag::of::<State<Paragraph>>()
    }

    fn state(&self) -> tree::State {
        tree::State::new(State::<Paragraph>::default())
    }

    fn diff(&self, tree: &mut Tree) {
        tree.diff_children(std::slice::from_ref(&self.content));
        // the words may be others now: find offsets anew
        tree.state.downcast_mut::<State<Paragraph>>().probe = None;
    }

    fn operate(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        renderer: &iced::Renderer,
        operation: &mut dyn Operation,
    ) {
        self.content
            .as_widget_mut()
            .operate(&mut tree.children[0], layout, renderer, operation);
        // the line's words, for tools that read the window (rich text tells none)
        let words: String = self.probe.iter().map(|(text, _)| *text).collect();
        operation.text(None, layout.bounds(), &words);
    }

    fn update(
        &mut self,
        tree: &mut Tree,
        event: &Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        renderer: &iced::Renderer,
        clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, M>,
        viewport: &Rectangle,
    ) {
        self.content.as_widget_mut().update(
            &mut tree.children[0],
            event,
            layout,
            cursor,
            renderer,
            clipboard,
            shell,
            viewport,
        );
        if shell.is_event_captured() {
            // a link took the press
            return;
        }
        let state = tree.state.downcast_mut::<State<Paragraph>>();
        let bounds = layout.bounds();
        match event {
            Event::Keyboard(keyboard::Event::ModifiersChanged(modifiers)) => {
                state.modifiers = *modifiers;
            }
            Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Left)) => {
                let Some(at) = cursor.position_over(bounds) else {
                    return;
                };
                let click = advanced::mouse::Click::new(at, mouse::Button::Left, state.last_click);
                state.last_click = Some(click);
                state.pressed = true;
                let clicks = match click.kind() {
                    advanced::mouse::click::Kind::Single => 1,
                    advanced::mouse::click::Kind::Double => 2,
                    advanced::mouse::click::Kind::Triple => 3,
                };
                let at = self.caret(state, bounds, at);
                let shift = state.modifiers.shift();
                shell.publish((self.on_gesture)(Gesture::Press { at, clicks, shift }));
                shell.capture_event();
            }
            Event::Mouse(mouse::Event::CursorMoved { .. }) if self.dragging => {
                // only the line under the pointer (lines side by side in a table share a height)
                if let Some(at) = cursor.position_over(bounds) {
                    let caret = self.caret(state, bounds, at);
                    shell.publish((self.on_gesture)(Gesture::Drag(caret)));
                }
            }
            // the line where the press was tells, and the one under the pointer (the first
            // may be gone: scrolled away, or the view made anew)
            Event::Mouse(mouse::Event::ButtonReleased(mouse::Button::Left))
                if state.pressed || (self.dragging && cursor.is_over(bounds)) =>
            {
                state.pressed = false;
                shell.publish((self.on_gesture)(Gesture::Release));
            }
            _ => {}
        }
    }

    fn mouse_interaction(
        &self,
        tree: &Tree,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
        renderer: &iced::Renderer,
    ) -> mouse::Interaction {
        let inner = self.content.as_widget().mouse_interaction(
            &tree.children[0],
            layout,
            cursor,
            viewport,
            renderer,
        );
        if inner == mouse::Interaction::None && cursor.is_over(layout.bounds()) {
            mouse::Interaction::Text
        } else {
            inner
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(lines: &'a [Vec<Run<'a, ()>>]) -> Vec<Vec<&'a str>> {
        lines
            .iter()
            .map(|l| l.iter().map(|r| r.text).collect())
            .collect()
    }

    #[test]
    fn runs_are_cut_at_line_breaks() {
        let runs = vec![
            Run::plain("one\ntw"),
            Run::plain("o\n"),
            Run::plain("\nfour"),
        ];
        assert_eq!(
            texts(&lines(runs)),
            vec![vec!["one"], vec!["tw", "o"], vec![], vec!["four"]]
        );
        assert_eq!(texts(&lines::<()>(Vec::new())), vec![Vec::<&str>::new()]);
    }

    #[test]
    fn a_run_is_cut_where_the_selection_begins_and_ends() {
        assert_eq!(split("hello", 0, None), vec![("hello", false)]);
        assert_eq!(
            split("hello", 10, Some(&(12..13))),
            vec![("he", false), ("l", true), ("lo", false)]
        );
        assert_eq!(split("hello", 10, Some(&(0..30))), vec![("hello", true)]);
        assert_eq!(split("hello", 10, Some(&(0..5))), vec![("hello", false)]);
        // never inside a character
        assert_eq!(
            split("für", 0, Some(&(2..3))),
            vec![("f", false), ("ü", true), ("r", false)]
        );
    }
}
