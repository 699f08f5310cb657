//! Dragging something out of a widget within the window (messages from the list onto a folder).
//!
//! The wrapper watches the left button over its content without taking anything away from it:
//! a press followed by a move of more than a few pixels with the button held is a drag, reported
//! once (`on_start`); letting go after a drag is reported too (`on_end`), wherever the pointer is,
//! after the widget under the pointer has seen the release (a drop target earlier in the window
//! reports its drop first). A press and release without moving stays a click of the content.

use iced::advanced::widget::{Tree, tree};
use iced::advanced::{Clipboard, Layout, Shell, Widget};
use iced::{Element, Event, Point, Rectangle, mouse};

/// How far the pointer must move with the button held before it is a drag (pixels).
const THRESHOLD: f32 = 6.0;

/// Reports drags that begin over `content`.
pub struct DragSource<'a, Message> {
    content: Element<'a, Message>,
    on_start: Message,
    on_end: Message,
}

/// Wraps `content`: a drag that begins over it sends `on_start`, its end `on_end`.
pub fn drag_source<'a, Message>(
    content: impl Into<Element<'a, Message>>,
    on_start: Message,
    on_end: Message,
) -> DragSource<'a, Message> {
    DragSource {
        content: content.into(),
        on_start,
        on_end,
    }
}

#[derive(Debug, Default)]
struct State {
    pressed_at: Option<Point>,
    dragging: bool,
}

type Renderer = iced::Renderer;
type Theme = iced::Theme;

impl<Message: Clone> Widget<Message, Theme, Renderer> for DragSource<'_, Message> {
    delegate_to_content!(children, diff, size, layout, operate, draw);

    fn tag(&self) -> tree::Tag {
        tree::Tag::of::<State>()
    }

    fn state(&self) -> tree::State {
        tree::State::new(State::default())
    }

    fn update(
        &mut self,
        tree: &mut Tree,
        event: &Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        renderer: &iced::Renderer,
        clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, Message>,
        viewport: &Rectangle,
    ) {
        let state = tree.state.downcast_mut::<State>();
        match event {
            Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Left)) => {
                state.pressed_at = cursor.position_over(layout.bounds());
                state.dragging = false;
            }
            Event::Mouse(mouse::Event::CursorMoved { position }) => {
                if let Some(from) = state.pressed_at
                    && !state.dragging
                    && from.distance(*position) > THRESHOLD
                {
                    state.dragging = true;
                    shell.publish(self.on_start.clone());
                }
            }
            _ => {}
        }
        let released = matches!(
            event,
            Event::Mouse(mouse::Event::ButtonReleased(mouse::Button::Left))
        );
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
        if released {
            let state = tree.state.downcast_mut::<State>();
            if state.dragging {
                shell.publish(self.on_end.clone());
            }
            state.pressed_at = None;
            state.dragging = false;
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
        if tree.state.downcast_ref::<State>().dragging {
            return mouse::Interaction::Grabbing;
        }
        self.content.as_widget().mouse_interaction(
            &tree.children[0],
            layout,
            cursor,
            viewport,
            renderer,
        )
    }
}

impl<'a, Message: Clone + 'a> From<DragSource<'a, Message>> for Element<'a, Message> {
    fn from(source: DragSource<'a, Message>) -> Self {
        Element::new(source)
    }
}
