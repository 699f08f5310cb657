//! Where the pointer was when the right button went down, for a context menu at the pointer.
//!
//! iced's `mouse_area` says that the right button was pressed, not where. This wrapper tells the
//! position in window coordinates (it must not sit inside a scrollable, whose content sees
//! shifted coordinates). It tells it before its content sees the press, so a row's own
//! right-click message arrives after the position. It takes nothing away from its content.

use iced::advanced::overlay;
use iced::advanced::renderer;
use iced::advanced::widget::Tree;
use iced::advanced::{Clipboard, Layout, Shell, Widget};
use iced::{Element, Event, Point, Rectangle, Vector, mouse};

/// Reports the pointer's position on every right-button press over `content`.
pub struct RightPress<'a, Message, Theme, Renderer> {
    content: Element<'a, Message, Theme, Renderer>,
    on_press: Box<dyn Fn(Point) -> Message + 'a>,
}

/// Wraps `content`; a right-button press over it sends `on_press` with the pointer's position.
pub fn right_press<'a, Message, Theme, Renderer>(
    content: impl Into<Element<'a, Message, Theme, Renderer>>,
    on_press: impl Fn(Point) -> Message + 'a,
) -> RightPress<'a, Message, Theme, Renderer> {
    RightPress {
        content: content.into(),
        on_press: Box::new(on_press),
    }
}

impl<Message, Theme, Renderer> Widget<Message, Theme, Renderer>
    for RightPress<'_, Message, Theme, Renderer>
where
    Renderer: renderer::Renderer,
{
    delegate_to_content!(
        children,
        diff,
        size,
        layout,
        operate,
        mouse_interaction,
        draw
    );

    fn update(
        &mut self,
        tree: &mut Tree,
        event: &Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        renderer: &Renderer,
        clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, Message>,
        viewport: &Rectangle,
    ) {
        if let Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Right)) = event
            && let Some(position) = cursor.position_over(layout.bounds())
        {
            shell.publish((self.on_press)(position));
        }
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
    }

    fn overlay<'b>(
        &'b mut self,
        tree: &'b mut Tree,
        layout: Layout<'b>,
        renderer: &Renderer,
        viewport: &Rectangle,
        translation: Vector,
    ) -> Option<overlay::Element<'b, Message, Theme, Renderer>> {
        self.content.as_widget_mut().overlay(
            &mut tree.children[0],
            layout,
            renderer,
            viewport,
            translation,
        )
    }
}

impl<'a, Message, Theme, Renderer> From<RightPress<'a, Message, Theme, Renderer>>
    for Element<'a, Message, Theme, Renderer>
where
    Message: 'a,
    Theme: 'a,
    Renderer: renderer::Renderer + 'a,
{
    fn from(area: RightPress<'a, Message, Theme, Renderer>) -> Self {
        Element::new(area)
    }
}
