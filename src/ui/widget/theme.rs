//! Colours and widget styles: a calm light and dark look, chosen by the preferences or the system.

use iced::border::{self, Border};
use iced::font::{self, Font};
use iced::theme::{Mode, Palette};
use iced::widget::{button, container, rule, text, text_input};
use iced::{Background, Color, Shadow, Theme, color};

use crate::config::ThemeChoice;

/// Emphasis: unread rows, the reader's subject, titles and headings. Bold, not semibold: DejaVu
/// (the usual Linux default) has no semibold face, and the font system then picked a monospaced
/// bold one for the settings' and the wizard's headings (seen in the screenshots).
pub const BOLD: Font = Font {
    weight: font::Weight::Bold,
    ..Font::DEFAULT
};
/// How much the backdrop behind an enlarged image dims the window.
pub const IMAGE_BACKDROP: f32 = 0.8;
/// How much the backdrop behind a dialog dims the window.
pub const DIALOG_BACKDROP: f32 = 0.55;

/// Body text size.
pub const TEXT: f32 = 14.0;
/// Secondary text (dates, counts, hints).
pub const SMALL: f32 = 12.5;
/// The reader's subject line.
pub const TITLE: f32 = 19.0;
/// Icon size in buttons and rows.
pub const ICON: f32 = 16.0;

fn light() -> Theme {
    Theme::custom(
        "Postfach Light",
        Palette {
            background: color!(0xfbfbfc),
            text: color!(0x1f2328),
            primary: color!(0x2f6feb),
            success: color!(0x1f883d),
            warning: color!(0x9a6700),
            danger: color!(0xcf222e),
        },
    )
}

fn dark() -> Theme {
    Theme::custom(
        "Postfach Dark",
        Palette {
            background: color!(0x1c1e22),
            text: color!(0xe6e8eb),
            primary: color!(0x4c8dff),
            success: color!(0x3fb950),
            warning: color!(0xd29922),
            danger: color!(0xf85149),
        },
    )
}

/// The theme for a preference and the system's current mode.
pub fn for_choice(choice: ThemeChoice, system: Mode) -> Theme {
    match (choice, system) {
        (ThemeChoice::Dark, _) | (ThemeChoice::System, Mode::Dark) => dark(),
        _ => light(),
    }
}

fn is_dark(theme: &Theme) -> bool {
    theme.extended_palette().is_dark
}

/// A slightly different background for the sidebar and bars.
pub fn surface(theme: &Theme) -> Color {
    if is_dark(theme) {
        color!(0x23262b)
    } else {
        color!(0xf1f3f5)
    }
}

/// Subtle lines between panes and rows.
pub fn separator(theme: &Theme) -> Color {
    if is_dark(theme) {
        color!(0x33373d)
    } else {
        color!(0xe1e4e8)
    }
}

/// Secondary text colour.
pub fn muted(theme: &Theme) -> Color {
    if is_dark(theme) {
        color!(0x9aa1ab)
    } else {
        color!(0x5f6873)
    }
}

/// Secondary text (dates, counts, hints) in the muted colour.
pub fn muted_text(theme: &Theme) -> text::Style {
    text::Style {
        color: Some(muted(theme)),
    }
}

/// The highlight of the selected row or folder.
pub fn selected(theme: &Theme) -> Color {
    if is_dark(theme) {
        color!(0x2b3b57)
    } else {
        color!(0xdde8fb)
    }
}

fn hovered(theme: &Theme) -> Color {
    if is_dark(theme) {
        color!(0x2a2d33)
    } else {
        color!(0xe9ecef)
    }
}

/// The sidebar and the tool and status bars.
pub fn bar(theme: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(surface(theme))),
        text_color: Some(theme.palette().text),
        ..container::Style::default()
    }
}

/// The list and reader panes.
pub fn pane(theme: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(theme.palette().background)),
        text_color: Some(theme.palette().text),
        ..container::Style::default()
    }
}

/// An error banner.
pub fn banner(theme: &Theme) -> container::Style {
    let danger = theme.palette().danger;
    let background = if is_dark(theme) {
        color!(0x3a2325)
    } else {
        color!(0xfdecec)
    };
    container::Style {
        background: Some(Background::Color(background)),
        text_color: Some(theme.palette().text),
        border: Border {
            color: Color { a: 0.5, ..danger },
            width: 1.0,
            radius: border::radius(6),
        },
        ..container::Style::default()
    }
}

/// An attachment chip or an image preview frame.
pub fn chip(theme: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(surface(theme))),
        text_color: Some(theme.palette().text),
        border: Border {
            color: separator(theme),
            width: 1.0,
            radius: border::radius(6),
        },
        ..container::Style::default()
    }
}

/// A black backdrop that dims what lies behind by `alpha` (see [`IMAGE_BACKDROP`],
/// [`DIALOG_BACKDROP`]).
pub fn backdrop(alpha: f32) -> impl Fn(&Theme) -> container::Style {
    move |_theme| container::Style {
        background: Some(Background::Color(Color {
            a: alpha,
            ..Color::BLACK
        })),
        ..container::Style::default()
    }
}

/// A thin separator line.
pub fn rule(theme: &Theme) -> rule::Style {
    rule::Style {
        color: separator(theme),
        radius: border::radius(0),
        fill_mode: rule::FillMode::Full,
        snap: true,
    }
}

/// A row in a list (message or folder): flat, highlighted when selected or hovered.
pub fn row(selected_row: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |theme, status| {
        let background = match (selected_row, status) {
            (true, _) => Some(Background::Color(selected(theme))),
            (false, button::Status::Hovered | button::Status::Pressed) => {
                Some(Background::Color(hovered(theme)))
            }
            _ => None,
        };
        button::Style {
            background,
            text_color: theme.palette().text,
            border: Border {
                radius: border::radius(4),
                ..Border::default()
            },
            shadow: Shadow::default(),
            snap: true,
        }
    }
}

/// A toolbar button: flat until hovered.
pub fn tool(theme: &Theme, status: button::Status) -> button::Style {
    let text_color = match status {
        button::Status::Disabled => Color {
            a: 0.4,
            ..theme.palette().text
        },
        _ => theme.palette().text,
    };
    let background = match status {
        button::Status::Hovered | button::Status::Pressed => {
            Some(Background::Color(hovered(theme)))
        }
        _ => None,
    };
    button::Style {
        background,
        text_color,
        border: Border {
            radius: border::radius(6),
            ..Border::default()
        },
        shadow: Shadow::default(),
        snap: true,
    }
}

/// The main action (Get messages).
pub fn primary(theme: &Theme, status: button::Status) -> button::Style {
    let mut style = button::primary(theme, status);
    style.border.radius = border::radius(6);
    if status != button::Status::Disabled {
        style.text_color = on_primary(theme);
    }
    style
}

/// Text and icons on the primary colour: white on the light theme's blue (iced's contrast rule
/// would pick a dark navy there), the computed colour on the dark theme's lighter blue.
fn on_primary(theme: &Theme) -> Color {
    if is_dark(theme) {
        theme.extended_palette().primary.base.text
    } else {
        Color::WHITE
    }
}

/// The search field.
pub fn search(theme: &Theme, status: text_input::Status) -> text_input::Style {
    let mut style = text_input::default(theme, status);
    style.border.radius = border::radius(6);
    style.background = Background::Color(theme.palette().background);
    if !matches!(status, text_input::Status::Focused { .. }) {
        style.border.color = separator(theme);
    }
    style
}

/// Colour for an SVG icon in normal text.
pub fn icon_color(theme: &Theme) -> iced::widget::svg::Style {
    iced::widget::svg::Style {
        color: Some(muted(theme)),
    }
}

/// Colour for an SVG icon in the primary colour.
pub fn icon_accent(theme: &Theme) -> iced::widget::svg::Style {
    iced::widget::svg::Style {
        color: Some(theme.palette().primary),
    }
}

/// Colour for an SVG icon on the primary button.
pub fn icon_on_primary(theme: &Theme) -> iced::widget::svg::Style {
    iced::widget::svg::Style {
        color: Some(on_primary(theme)),
    }
}

/// Colour for an SVG icon in an error banner.
pub fn icon_danger(theme: &Theme) -> iced::widget::svg::Style {
    iced::widget::svg::Style {
        color: Some(theme.palette().danger),
    }
}

/// An unread-count pill.
pub fn badge(theme: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(Color {
            a: 0.15,
            ..theme.palette().primary
        })),
        text_color: Some(theme.palette().primary),
        border: Border {
            radius: border::radius(9),
            ..Border::default()
        },
        ..container::Style::default()
    }
}
