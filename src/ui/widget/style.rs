//! The styles of the settings screens: cards, tinted notices, choice cards, segmented buttons,
//! fields and dialogs, for the light and the dark theme.

use iced::border::{self, Border};
use iced::widget::{button, container, pick_list, text, text_editor, text_input};
use iced::{Background, Color, Shadow, Theme};

use crate::ui::widget::form::Tone;
use crate::ui::widget::theme;

/// Text in the danger colour (validation errors).
pub fn error_text(theme: &Theme) -> text::Style {
    text::Style {
        color: Some(theme.palette().danger),
    }
}

fn is_dark(theme: &Theme) -> bool {
    theme.extended_palette().is_dark
}

pub(super) fn card_background(theme: &Theme) -> Color {
    if is_dark(theme) {
        Color::from_rgb8(0x24, 0x27, 0x2c)
    } else {
        Color::WHITE
    }
}

/// A faint tint: behind a table's header cells and a quote in a mail (quotes in quotes get
/// darker, as the tints add up).
pub fn faint(theme: &Theme) -> container::Style {
    let tint = if is_dark(theme) {
        Color::from_rgba8(0xff, 0xff, 0xff, 0.06)
    } else {
        Color::from_rgba8(0x00, 0x00, 0x00, 0.04)
    };
    container::Style {
        background: Some(Background::Color(tint)),
        border: Border {
            radius: border::radius(4),
            ..Border::default()
        },
        ..container::Style::default()
    }
}

/// A section card.
pub fn card(theme: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(card_background(theme))),
        text_color: Some(theme.palette().text),
        border: Border {
            color: theme::separator(theme),
            width: 1.0,
            radius: border::radius(10),
        },
        ..container::Style::default()
    }
}

pub(super) fn dialog_card(theme: &Theme) -> container::Style {
    // no shadow: the tiny-skia renderer's damage tracking draws it again over itself on every
    // redraw of the dialog (a text field's blinking cursor turned a dialog black within seconds)
    card(theme)
}

/// A small card over the window (a context menu): a card with tighter corners. No shadow: the
/// tiny-skia renderer's damage tracking leaves a shadow drawn again and again over the card.
pub fn popup(theme: &Theme) -> container::Style {
    let card = card(theme);
    container::Style {
        border: Border {
            radius: border::radius(6),
            ..card.border
        },
        ..card
    }
}

fn tone_color(theme: &Theme, tone: Tone) -> Color {
    let p = theme.palette();
    match tone {
        Tone::Info => p.primary,
        Tone::Success => p.success,
        Tone::Warning => p.warning,
        Tone::Danger => p.danger,
    }
}

pub(super) fn tinted(theme: &Theme, tone: Tone) -> container::Style {
    let c = tone_color(theme, tone);
    let alpha = if is_dark(theme) { 0.16 } else { 0.08 };
    container::Style {
        background: Some(Background::Color(Color { a: alpha, ..c })),
        text_color: Some(theme.palette().text),
        border: Border {
            color: Color { a: 0.35, ..c },
            width: 1.0,
            radius: border::radius(8),
        },
        ..container::Style::default()
    }
}

pub(super) fn aside_style(theme: &Theme) -> container::Style {
    let background = if is_dark(theme) {
        Color::from_rgb8(0x2d, 0x31, 0x38)
    } else {
        theme::surface(theme)
    };
    container::Style {
        background: Some(Background::Color(background)),
        text_color: Some(theme.palette().text),
        border: Border {
            radius: border::radius(8),
            ..Border::default()
        },
        ..container::Style::default()
    }
}

pub(super) fn icon_success(theme: &Theme) -> iced::widget::svg::Style {
    iced::widget::svg::Style {
        color: Some(theme.palette().success),
    }
}

pub(super) fn icon_warning(theme: &Theme) -> iced::widget::svg::Style {
    iced::widget::svg::Style {
        color: Some(theme.palette().warning),
    }
}

/// Icon colour for a finished step.
pub fn icon_ok(theme: &Theme) -> iced::widget::svg::Style {
    icon_success(theme)
}

pub fn input_style(theme: &Theme, status: text_input::Status) -> text_input::Style {
    let mut style = text_input::default(theme, status);
    style.border.radius = border::radius(6);
    style.background = Background::Color(card_background(theme));
    if !matches!(status, text_input::Status::Focused { .. }) {
        style.border.color = theme::separator(theme);
    }
    style
}

/// A multi-line field in the look of the text fields.
pub fn editor_style(theme: &Theme, status: text_editor::Status) -> text_editor::Style {
    let mut style = text_editor::default(theme, status);
    style.border.radius = border::radius(6);
    style.background = Background::Color(card_background(theme));
    if !matches!(status, text_editor::Status::Focused { .. }) {
        style.border.color = theme::separator(theme);
    }
    style
}

/// A drop-down list in the look of the text fields.
pub fn pick_style(theme: &Theme, status: pick_list::Status) -> pick_list::Style {
    let mut style = pick_list::default(theme, status);
    style.background = Background::Color(card_background(theme));
    style.border.radius = border::radius(6);
    style.border.color = match status {
        pick_list::Status::Hovered | pick_list::Status::Opened { .. } => theme.palette().primary,
        pick_list::Status::Active => theme::separator(theme),
    };
    style
}

pub(super) fn ring(theme: &Theme, selected: bool) -> container::Style {
    let color = if selected {
        theme.palette().primary
    } else {
        theme::muted(theme)
    };
    container::Style {
        border: Border {
            color,
            width: 1.5,
            radius: border::radius(8),
        },
        ..container::Style::default()
    }
}

pub(super) fn dot(theme: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(theme.palette().primary)),
        border: Border {
            radius: border::radius(4),
            ..Border::default()
        },
        ..container::Style::default()
    }
}

pub(super) fn choice_style(theme: &Theme, status: button::Status, selected: bool) -> button::Style {
    let primary = theme.palette().primary;
    let background = if selected {
        Some(Background::Color(Color {
            a: if is_dark(theme) { 0.16 } else { 0.07 },
            ..primary
        }))
    } else if matches!(status, button::Status::Hovered | button::Status::Pressed) {
        Some(Background::Color(theme::surface(theme)))
    } else {
        None
    };
    button::Style {
        background,
        text_color: theme.palette().text,
        border: Border {
            color: if selected {
                Color { a: 0.7, ..primary }
            } else {
                theme::separator(theme)
            },
            width: 1.0,
            radius: border::radius(8),
        },
        shadow: Shadow::default(),
        snap: true,
    }
}

pub(super) fn segment_frame(theme: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(theme::surface(theme))),
        border: Border {
            color: theme::separator(theme),
            width: 1.0,
            radius: border::radius(8),
        },
        ..container::Style::default()
    }
}

pub(super) fn segment_style(theme: &Theme, status: button::Status, chosen: bool) -> button::Style {
    let background = if chosen {
        Some(Background::Color(card_background(theme)))
    } else if matches!(status, button::Status::Hovered | button::Status::Pressed) {
        Some(Background::Color(theme::separator(theme)))
    } else {
        None
    };
    button::Style {
        background,
        text_color: if chosen {
            theme.palette().primary
        } else {
            theme.palette().text
        },
        border: Border {
            color: if chosen {
                theme::separator(theme)
            } else {
                Color::TRANSPARENT
            },
            width: 1.0,
            radius: border::radius(6),
        },
        shadow: Shadow::default(),
        snap: true,
    }
}

/// A framed, quiet button.
pub fn secondary_style(theme: &Theme, status: button::Status) -> button::Style {
    let disabled = matches!(status, button::Status::Disabled);
    let background = match status {
        button::Status::Hovered | button::Status::Pressed => theme::surface(theme),
        _ => card_background(theme),
    };
    button::Style {
        background: Some(Background::Color(background)),
        text_color: if disabled {
            Color {
                a: 0.45,
                ..theme.palette().text
            }
        } else {
            theme.palette().text
        },
        border: Border {
            color: theme::separator(theme),
            width: 1.0,
            radius: border::radius(6),
        },
        shadow: Shadow::default(),
        snap: true,
    }
}

pub(super) fn danger_style(theme: &Theme, status: button::Status) -> button::Style {
    let mut style = secondary_style(theme, status);
    if !matches!(status, button::Status::Disabled) {
        style.text_color = theme.palette().danger;
    }
    if matches!(status, button::Status::Hovered | button::Status::Pressed) {
        style.border.color = Color {
            a: 0.6,
            ..theme.palette().danger
        };
    }
    style
}

/// A flat navigation entry (the settings sidebar).
pub fn nav_style(selected: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    theme::row(selected)
}
