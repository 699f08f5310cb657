//! The building blocks the settings screens share: page headers, section cards, labelled
//! fields, choice cards, segmented buttons, notices and dialogs (their styles are in `style`).

use iced::widget::{
    Column, Row, button, center, checkbox, column, container, mouse_area, opaque, pick_list, row,
    space, text, text_editor, text_input,
};
use iced::{Alignment, Element, Fill, Font, Length, Theme};

use crate::ui::widget::icon::{self, Icon};
use crate::ui::widget::style::{
    aside_style, choice_style, danger_style, dialog_card, dot, editor_style, icon_success,
    icon_warning, input_style, ring, segment_frame, segment_style, tinted,
};
pub use crate::ui::widget::style::{
    card, error_text, icon_ok, nav_style, pick_style, secondary_style,
};
use crate::ui::widget::theme;

/// Width of the label column in forms.
pub const LABEL_WIDTH: f32 = 170.0;
/// The widest a settings page grows.
pub const PAGE_WIDTH: f32 = 780.0;

/// A page's title and the sentence under it.
pub fn page_header<'a, M: 'a>(title: String, subtitle: String) -> Element<'a, M> {
    column![
        text(title).size(22).font(theme::BOLD),
        text(subtitle).size(theme::TEXT).style(theme::muted_text),
    ]
    .spacing(4)
    .into()
}

/// A titled card that holds one group of settings.
pub fn section<'a, M: 'a>(
    glyph: Icon,
    title: String,
    body: impl Into<Element<'a, M>>,
) -> Element<'a, M> {
    let head = row![
        icon::styled(glyph, 18.0, theme::icon_accent),
        text(title).size(15.5).font(theme::BOLD),
    ]
    .spacing(10)
    .align_y(Alignment::Center);
    container(column![head, body.into()].spacing(14))
        .padding([18, 20])
        .width(Fill)
        .style(card)
        .into()
}

/// A form row: a label on the left, the control (and an optional hint under it) on the right.
pub fn field<'a, M: 'a>(
    label: String,
    control: impl Into<Element<'a, M>>,
    hint: Option<String>,
) -> Element<'a, M> {
    let mut right = Column::new().spacing(4).width(Fill).push(control);
    if let Some(hint) = hint {
        right = right.push(small(hint));
    }
    row![
        container(text(label).size(theme::TEXT))
            .width(LABEL_WIDTH)
            .padding([6, 0]),
        right
    ]
    .spacing(12)
    .align_y(Alignment::Start)
    .into()
}

/// A text field in the settings look.
pub fn input<'a, M: Clone + 'a>(
    placeholder: &str,
    value: &str,
    on_input: impl Fn(String) -> M + 'a,
) -> text_input::TextInput<'a, M> {
    text_input(placeholder, value)
        .on_input(on_input)
        .padding([7, 10])
        .size(theme::TEXT)
        .style(input_style)
}

/// A multi-line text field in the settings look, `lines` lines high.
pub fn text_area<'a, M: Clone + 'a>(
    content: &'a text_editor::Content,
    lines: u16,
    on_action: impl Fn(text_editor::Action) -> M + 'a,
) -> text_editor::TextEditor<'a, iced::advanced::text::highlighter::PlainText, M> {
    text_editor(content)
        .on_action(on_action)
        .padding([7, 10])
        .size(theme::TEXT)
        .height(f32::from(lines) * theme::TEXT * 1.3 + 14.0)
        .style(editor_style)
}

/// A drop-down list in the settings look, as wide as its column.
pub fn pick<'a, M: Clone + 'a, V: Clone + PartialEq + std::fmt::Display + 'a>(
    options: Vec<V>,
    selected: V,
    on_select: impl Fn(V) -> M + 'a,
) -> Element<'a, M> {
    pick_list(options, Some(selected), on_select)
        .padding([7, 10])
        .text_size(theme::TEXT)
        .style(pick_style)
        .width(Fill)
        .into()
}

/// A drop-down list in the settings look where nothing may be chosen yet (`placeholder` then).
pub fn pick_maybe<'a, M: Clone + 'a, V: Clone + PartialEq + std::fmt::Display + 'a>(
    options: Vec<V>,
    selected: Option<V>,
    placeholder: String,
    on_select: impl Fn(V) -> M + 'a,
) -> Element<'a, M> {
    pick_list(options, selected, on_select)
        .placeholder(placeholder)
        .padding([7, 10])
        .text_size(theme::TEXT)
        .style(pick_style)
        .width(Fill)
        .into()
}

/// A checkbox with the app's text size.
pub fn check<'a, M: 'a>(
    label: String,
    checked: bool,
    on_toggle: impl Fn(bool) -> M + 'a,
) -> Element<'a, M> {
    checkbox(checked)
        .label(label)
        .on_toggle(on_toggle)
        .size(17)
        .spacing(9)
        .text_size(theme::TEXT)
        .into()
}

/// Secondary text in a smaller size.
pub fn small<'a, M: 'a>(words: String) -> Element<'a, M> {
    text(words)
        .size(theme::SMALL)
        .style(theme::muted_text)
        .into()
}

/// A selectable card with a radio mark, a title and one sentence (security, wizard choices).
pub fn choice<'a, M: Clone + 'a>(
    title: String,
    hint: Option<String>,
    selected: bool,
    on_press: M,
) -> Element<'a, M> {
    let mark = container(if selected {
        container(space().width(8).height(8)).style(dot)
    } else {
        container(space().width(8).height(8))
    })
    .padding(3)
    .style(move |t: &Theme| ring(t, selected));
    let mut words = column![text(title).size(theme::TEXT).font(if selected {
        theme::BOLD
    } else {
        Font::DEFAULT
    })]
    .spacing(2);
    if let Some(hint) = hint {
        words = words.push(small(hint));
    }
    button(row![mark, words].spacing(10).align_y(Alignment::Center))
        .width(Fill)
        .padding([9, 12])
        .style(move |t, s| choice_style(t, s, selected))
        .on_press(on_press)
        .into()
}

/// A row of buttons of which one is chosen (language, theme).
pub fn segmented<'a, M: Clone + 'a, V: Copy + PartialEq + 'a>(
    options: impl IntoIterator<Item = (V, String)>,
    current: V,
    on_select: impl Fn(V) -> M + 'a,
) -> Element<'a, M> {
    let mut bar = Row::new().spacing(4);
    for (value, label) in options {
        let chosen = value == current;
        bar = bar.push(
            button(text(label).size(theme::TEXT).wrapping(text::Wrapping::None))
                .padding([7, 14])
                .style(move |t, s| segment_style(t, s, chosen))
                .on_press(on_select(value)),
        );
    }
    container(bar).padding(3).style(segment_frame).into()
}

/// The kind of a notice box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Success,
    Warning,
    Danger,
}

/// A tinted box with an icon and one or more lines (explanations, warnings, results).
pub fn notice<'a, M: 'a>(tone: Tone, lines: Vec<String>) -> Element<'a, M> {
    let glyph = match tone {
        Tone::Info => Icon::Info,
        Tone::Success => Icon::CircleCheck,
        Tone::Warning => Icon::ShieldAlert,
        Tone::Danger => Icon::CircleX,
    };
    let mut words = Column::new().spacing(4).width(Fill);
    for line in lines {
        words = words.push(text(line).size(theme::TEXT));
    }
    container(
        row![
            icon::styled(
                glyph,
                18.0,
                match tone {
                    Tone::Info => theme::icon_accent,
                    Tone::Success => icon_success,
                    Tone::Warning => icon_warning,
                    Tone::Danger => theme::icon_danger,
                }
            ),
            words
        ]
        .spacing(10)
        .align_y(Alignment::Start),
    )
    .padding([10, 12])
    .width(Fill)
    .style(move |t: &Theme| tinted(t, tone))
    .into()
}

/// A quiet box with an icon, a short title and lines under it (what the server announced).
pub fn aside<'a, M: 'a>(glyph: Icon, title: String, lines: Vec<String>) -> Element<'a, M> {
    let mut words = Column::new()
        .spacing(3)
        .width(Fill)
        .push(text(title).size(theme::SMALL + 0.5).font(theme::BOLD));
    for line in lines {
        words = words.push(text(line).size(theme::SMALL + 0.5));
    }
    container(
        row![icon::styled(glyph, 16.0, theme::icon_color), words]
            .spacing(10)
            .align_y(Alignment::Start),
    )
    .padding([10, 12])
    .width(Fill)
    .style(aside_style)
    .into()
}

/// A button in the primary colour.
pub fn primary<'a, M: Clone + 'a>(label: String, on_press: Option<M>) -> Element<'a, M> {
    button(text(label).size(theme::TEXT).wrapping(text::Wrapping::None))
        .padding([8, 16])
        .style(theme::primary)
        .on_press_maybe(on_press)
        .into()
}

/// A quieter button with a frame.
pub fn secondary<'a, M: Clone + 'a>(label: String, on_press: Option<M>) -> Element<'a, M> {
    button(text(label).size(theme::TEXT).wrapping(text::Wrapping::None))
        .padding([8, 16])
        .style(secondary_style)
        .on_press_maybe(on_press)
        .into()
}

/// A button for an action that destroys something.
pub fn danger<'a, M: Clone + 'a>(label: String, on_press: Option<M>) -> Element<'a, M> {
    button(text(label).size(theme::TEXT).wrapping(text::Wrapping::None))
        .padding([8, 16])
        .style(danger_style)
        .on_press_maybe(on_press)
        .into()
}

/// A button with an icon and a label.
pub fn icon_button<'a, M: Clone + 'a>(
    glyph: Icon,
    label: String,
    on_press: Option<M>,
) -> Element<'a, M> {
    button(
        row![
            icon::styled(glyph, 16.0, theme::icon_color),
            text(label).size(theme::TEXT)
        ]
        .spacing(8)
        .align_y(Alignment::Center),
    )
    .padding([7, 12])
    .style(secondary_style)
    .on_press_maybe(on_press)
    .into()
}

/// A modal dialog over `base`: the rest of the screen is dimmed and does not react; a click
/// beside the dialog sends `on_dismiss`.
pub fn dialog<'a, M: Clone + 'a>(
    base: impl Into<Element<'a, M>>,
    content: impl Into<Element<'a, M>>,
    on_dismiss: M,
) -> Element<'a, M> {
    with_dialog(base, Some((content.into(), on_dismiss)))
}

/// `base`, with a modal dialog over it when there is one. The base stays the first child of the
/// same stack either way, so opening or closing a dialog keeps its state (scroll position,
/// focus).
pub fn with_dialog<'a, M: Clone + 'a>(
    base: impl Into<Element<'a, M>>,
    dialog: Option<(Element<'a, M>, M)>,
) -> Element<'a, M> {
    let mut layers = iced::widget::Stack::new().push(base);
    if let Some((content, on_dismiss)) = dialog {
        let card = container(content)
            .padding([22, 24])
            .max_width(640)
            .style(dialog_card);
        layers = layers.push(opaque(
            mouse_area(
                center(opaque(card))
                    .padding(24)
                    .style(theme::backdrop(theme::DIALOG_BACKDROP)),
            )
            .on_press(on_dismiss),
        ));
    }
    layers.into()
}

/// The title of a dialog with its icon.
pub fn dialog_title<'a, M: 'a>(glyph: Icon, title: String, warn: bool) -> Element<'a, M> {
    row![
        icon::styled(
            glyph,
            22.0,
            if warn {
                icon_warning
            } else {
                theme::icon_accent
            }
        ),
        text(title).size(18).font(theme::BOLD),
    ]
    .spacing(10)
    .align_y(Alignment::Center)
    .into()
}

/// A label and a value in a dialog (certificate details).
pub fn detail<'a, M: 'a>(label: String, value: String, mono: bool) -> Element<'a, M> {
    let value = text(value).size(theme::SMALL + 0.5);
    let value = if mono {
        value.font(Font::MONOSPACE)
    } else {
        value
    };
    column![
        text(label).size(theme::SMALL).style(theme::muted_text),
        value
    ]
    .spacing(2)
    .width(Fill)
    .into()
}

/// A flexible gap.
pub fn fill<'a, M: 'a>() -> Element<'a, M> {
    space().width(Fill).into()
}

/// Fixed width for small number fields.
pub fn narrow() -> Length {
    Length::Fixed(76.0)
}

/// `content` with a tooltip below it (what a button does, and its shortcut).
pub fn tip<'a, M: 'a>(content: impl Into<Element<'a, M>>, label: String) -> Element<'a, M> {
    iced::widget::tooltip(
        content,
        container(text(label).size(theme::SMALL))
            .padding(6)
            .style(theme::chip),
        iced::widget::tooltip::Position::Bottom,
    )
    .into()
}
