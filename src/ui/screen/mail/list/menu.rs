//! The list's context menu: a right-click on a row selects it (unless it is already part of the
//! selection, as in a file manager or Thunderbird) and opens a small menu at the pointer with
//! the answers (for one message), read or unread, and Delete. The parent carries out what was
//! chosen, on the selection, as it does for the toolbar's buttons.
//!
//! The menu has a fixed width and fixed entry heights, so its size is known before it is drawn:
//! near the window's right or bottom edge it opens to the left or upwards and stays inside.

use iced::widget::{
    button, column, container, mouse_area, opaque, pin, row, rule, space, stack, text,
};
use iced::{Alignment, Element, Fill, Point, Size};

use crate::fl;
use crate::ui::screen::compose::start::Answer;
use crate::ui::screen::mail::list::{Action, List};
use crate::ui::screen::mail::toolbar::Tool;
use crate::ui::service::db::Db;
use crate::ui::widget::icon::{self, Icon};
use crate::ui::widget::{style, theme};

/// The menu's width.
pub const WIDTH: f32 = 320.0;
/// The height of one entry.
const ENTRY: f32 = 30.0;
/// The height of the line between the answers and the rest.
const SEPARATOR: f32 = 9.0;
/// Room inside the menu's border.
const PADDING: f32 = 4.0;

/// What the user can choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Reply to or forward the one selected message.
    Answer(Answer),
    /// Mark the selection read (`true`) or unread.
    SetSeen(bool),
    /// Delete the selection (for good in a Trash).
    Delete,
    /// Move, archive or (un)junk the selection.
    Organise(Tool),
    /// Write the selection to an mbox file or `.eml` files.
    Export(crate::export::Format),
}

/// What happens in the menu.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// An entry was chosen.
    Chose(Command),
    /// A click outside the menu.
    Close,
}

/// An open menu: where it was asked for (the pointer, in window coordinates).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Menu {
    at: Point,
}

/// What the menu offers depends on the selection and the folder.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    /// Exactly one message is selected (it can be answered).
    pub one_selected: bool,
    /// `Some(false)` when a selected message is unread.
    pub selected_seen: Option<bool>,
    /// The list shows a Trash (Delete is permanent there).
    pub in_trash: bool,
    /// The list shows a Junk folder ("Not junk" instead of "Junk").
    pub in_junk: bool,
}

enum Entry {
    Item {
        glyph: Icon,
        label: String,
        keys: Option<String>,
        command: Command,
    },
    Separator,
}

impl Entry {
    fn height(&self) -> f32 {
        match self {
            Entry::Item { .. } => ENTRY,
            Entry::Separator => SEPARATOR,
        }
    }
}

fn item(glyph: Icon, label: String, keys: Option<String>, command: Command) -> Entry {
    Entry::Item {
        glyph,
        label,
        keys,
        command,
    }
}

fn entries(cx: Context) -> Vec<Entry> {
    let mut entries = Vec::new();
    if cx.one_selected {
        entries.extend([
            item(
                Icon::Reply,
                fl!("ui-reply"),
                None,
                Command::Answer(Answer::Reply),
            ),
            item(
                Icon::ReplyAll,
                fl!("ui-reply-all"),
                Some(fl!("ui-keys-reply-all")),
                Command::Answer(Answer::ReplyAll),
            ),
            item(
                Icon::Forward,
                fl!("ui-forward"),
                Some(fl!("ui-keys-forward")),
                Command::Answer(Answer::Forward),
            ),
            item(
                Icon::Paperclip,
                fl!("ui-forward-as-attachment"),
                None,
                Command::Answer(Answer::ForwardAttached),
            ),
            Entry::Separator,
        ]);
    }
    entries.push(match cx.selected_seen {
        Some(true) => item(
            Icon::Mail,
            fl!("ui-mark-unread"),
            None,
            Command::SetSeen(false),
        ),
        _ => item(
            Icon::MailOpen,
            fl!("ui-mark-read"),
            None,
            Command::SetSeen(true),
        ),
    });
    entries.push(Entry::Separator);
    entries.push(item(
        Icon::Folder,
        fl!("ui-move-to"),
        Some(fl!("ui-keys-move-to")),
        Command::Organise(Tool::MoveTo),
    ));
    entries.push(item(
        Icon::FileArchive,
        fl!("ui-archive"),
        Some(fl!("ui-keys-archive")),
        Command::Organise(Tool::Archive),
    ));
    entries.push(if cx.in_junk {
        item(
            Icon::Inbox,
            fl!("ui-not-junk"),
            Some(fl!("ui-keys-not-junk")),
            Command::Organise(Tool::NotJunk),
        )
    } else {
        item(
            Icon::OctagonAlert,
            fl!("ui-junk"),
            Some(fl!("ui-keys-junk")),
            Command::Organise(Tool::Junk),
        )
    });
    entries.push(item(
        Icon::Filter,
        fl!("rules-run"),
        None,
        Command::Organise(Tool::RunRules),
    ));
    entries.push(Entry::Separator);
    entries.push(item(
        Icon::Download,
        fl!("ui-export-mbox"),
        None,
        Command::Export(crate::export::Format::Mbox),
    ));
    entries.push(item(
        Icon::Download,
        fl!("ui-export-eml"),
        None,
        Command::Export(crate::export::Format::Eml),
    ));
    entries.push(Entry::Separator);
    let delete = if cx.in_trash {
        fl!("ui-delete-permanently")
    } else {
        fl!("ui-delete")
    };
    entries.push(item(
        Icon::Trash,
        delete,
        Some(fl!("ui-keys-delete")),
        Command::Delete,
    ));
    entries
}

/// Where a menu of `size` asked for at `at` opens in a window of `window` size: right of and
/// below the pointer, else left of or above it, and never outside the window.
pub fn place(at: Point, size: Size, window: Size) -> Point {
    let x = if at.x + size.width > window.width {
        at.x - size.width
    } else {
        at.x
    };
    let y = if at.y + size.height > window.height {
        at.y - size.height
    } else {
        at.y
    };
    let x = x.min(window.width - size.width).max(0.0);
    let y = y.min(window.height - size.height).max(0.0);
    Point::new(x, y)
}

impl Menu {
    /// Where the menu was asked for.
    pub fn at(&self) -> Point {
        self.at
    }

    /// The menu over the whole window (`window` is its size): the menu card at the pointer,
    /// and behind it a clear layer that closes the menu when clicked.
    pub fn view<'a>(&self, cx: Context, window: Size) -> Element<'a, Message> {
        let entries = entries(cx);
        let height = entries.iter().map(Entry::height).sum::<f32>() + 2.0 * PADDING;
        let at = place(self.at, Size::new(WIDTH, height), window);
        let list = entries.into_iter().fold(column![], |list, entry| {
            list.push(match entry {
                Entry::Item {
                    glyph,
                    label,
                    keys,
                    command,
                } => entry_view(glyph, label, keys, command),
                Entry::Separator => container(rule::horizontal(1).style(theme::rule))
                    .height(SEPARATOR)
                    .padding([4, 6])
                    .into(),
            })
        });
        let card = container(list)
            .width(WIDTH)
            .height(height)
            .padding(PADDING)
            .style(style::popup);
        let backdrop = mouse_area(space().width(Fill).height(Fill))
            .on_press(Message::Close)
            .on_right_press(Message::Close);
        stack![
            opaque(backdrop),
            pin(opaque(card)).x(at.x).y(at.y).width(Fill).height(Fill),
        ]
        .into()
    }
}

fn entry_view<'a>(
    glyph: Icon,
    label: String,
    keys: Option<String>,
    command: Command,
) -> Element<'a, Message> {
    let mut line = row![
        icon::view(glyph, theme::ICON),
        // one line: "Verschieben nach…" beside "Strg+Umschalt+V" wrapped at 290 px
        text(label)
            .size(theme::TEXT)
            .width(Fill)
            .wrapping(iced::widget::text::Wrapping::None),
    ]
    .spacing(10)
    .align_y(Alignment::Center);
    if let Some(keys) = keys {
        line = line.push(text(keys).size(theme::SMALL).style(theme::muted_text));
    }
    button(line.height(Fill))
        .width(Fill)
        .height(ENTRY)
        .padding([0, 10])
        .style(theme::row(false))
        .on_press(Message::Chose(command))
        .into()
}

impl List {
    /// The open context menu, if any.
    pub fn menu(&self) -> Option<&Menu> {
        self.menu.as_ref()
    }

    /// Closes the context menu; whether it was open.
    pub fn close_menu(&mut self) -> bool {
        self.menu.take().is_some()
    }

    /// The context menu over the window (of `window` size), when it is open; `in_trash` and
    /// `in_junk`: the list shows a Trash or a Junk folder.
    pub fn menu_view(
        &self,
        in_trash: bool,
        in_junk: bool,
        window: Size,
    ) -> Option<Element<'_, super::Message>> {
        let cx = Context {
            one_selected: self.selection_len() == 1 && self.selected().is_some(),
            selected_seen: self.selection_seen(),
            in_trash,
            in_junk,
        };
        Some(self.menu?.view(cx, window).map(super::Message::Menu))
    }

    /// A right-click on the row at `index`: select it unless it is selected already, then open
    /// the menu where the pointer was.
    pub(super) fn right_clicked(&mut self, index: u64, db: &Db) -> Action {
        let Some(id) = self.row(index).map(|r| r.id) else {
            return Action::None;
        };
        let action = if self.is_selected(index, id) {
            Action::None
        } else {
            self.select_index(index, db)
        };
        self.menu = Some(Menu { at: self.pointer });
        action
    }

    /// A choice in the menu (which closes it either way).
    pub(super) fn on_menu(&mut self, message: Message) -> Action {
        self.menu = None;
        match message {
            Message::Chose(command) => Action::Command(command),
            Message::Close => Action::None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WINDOW: Size = Size::new(1280.0, 800.0);
    const MENU: Size = Size::new(WIDTH, 200.0);

    #[test]
    fn opens_right_of_and_below_the_pointer() {
        assert_eq!(
            place(Point::new(400.0, 137.0), MENU, WINDOW),
            Point::new(400.0, 137.0)
        );
    }

    #[test]
    fn flips_near_the_right_and_bottom_edges() {
        assert_eq!(
            place(Point::new(1200.0, 760.0), MENU, WINDOW),
            Point::new(1200.0 - WIDTH, 560.0)
        );
    }

    #[test]
    fn stays_inside_a_small_window() {
        let at = place(Point::new(100.0, 150.0), MENU, Size::new(320.0, 240.0));
        assert!(at.x >= 0.0 && at.x + WIDTH <= 320.0, "{at:?}");
        assert!(at.y >= 0.0 && at.y + MENU.height <= 240.0, "{at:?}");
    }

    #[test]
    fn answers_only_for_one_message() {
        let one = Context {
            one_selected: true,
            selected_seen: Some(true),
            in_trash: false,
            in_junk: false,
        };
        let several = Context {
            one_selected: false,
            ..one
        };
        let commands = |cx| {
            entries(cx)
                .into_iter()
                .filter_map(|e| match e {
                    Entry::Item { command, .. } => Some(command),
                    Entry::Separator => None,
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(commands(one).len(), 12);
        assert_eq!(
            commands(several),
            vec![
                Command::SetSeen(false),
                Command::Organise(Tool::MoveTo),
                Command::Organise(Tool::Archive),
                Command::Organise(Tool::Junk),
                Command::Organise(Tool::RunRules),
                Command::Export(crate::export::Format::Mbox),
                Command::Export(crate::export::Format::Eml),
                Command::Delete
            ]
        );
    }
}
