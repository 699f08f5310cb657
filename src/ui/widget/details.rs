//! The "Details" disclosure under an error sentence: a small toggle that reveals the technical
//! text (what the TLS library, the system or the keyring said) as plain monospace text. The
//! sentence above it stays in words.

use iced::widget::{Column, button, container, row, text};
use iced::{Alignment, Element, Fill, Font};

use crate::fl;
use crate::ui::widget::theme;

/// The toggle, and below it the text when `open`.
pub fn view<'a, M: Clone + 'a>(
    details: impl text::IntoFragment<'a>,
    open: bool,
    on_toggle: M,
) -> Element<'a, M> {
    let (arrow, label) = if open {
        ("▾", fl!("error-details-hide"))
    } else {
        ("▸", fl!("error-details"))
    };
    let toggle = button(
        row![
            text(arrow).size(theme::SMALL),
            text(label).size(theme::SMALL)
        ]
        .spacing(4)
        .align_y(Alignment::Center),
    )
    // No side padding: the toggle lines up with the sentence above it.
    .padding([2, 0])
    .style(theme::tool)
    .on_press(on_toggle);
    let mut col = Column::new().spacing(4).push(toggle);
    if open {
        col = col.push(
            container(
                text(details)
                    .size(theme::SMALL - 0.5)
                    .font(Font::MONOSPACE)
                    .width(Fill),
            )
            .padding([2, 0])
            .width(Fill),
        );
    }
    col.into()
}
