//! "Move to…": a folder picker over the window. It lists every folder a message can be put into
//! (by its path: "privat › Posteingang", "Projekte › Alpha") and narrows the list as the user
//! types (case and umlauts folded as search does: "muller" finds "Müller"); Enter takes the
//! first folder shown, Escape or a click beside the dialog closes it. "Copy instead" keeps the
//! messages where they are and puts copies into the folder.

use iced::widget::{Column, button, column, row, scrollable, text};
use iced::{Alignment, Element, Fill, Task};

use crate::fl;
use crate::store::{Account, Folder, FolderId, FolderKind};
use crate::ui::screen::action;
use crate::ui::screen::mail::sidebar::folder_path;
use crate::ui::widget::form;
use crate::ui::widget::icon::{self, Icon};
use crate::ui::widget::theme;

/// How many folders are listed at most (typing narrows the rest down).
const SHOWN: usize = 200;

/// The filter field's id (focused when the picker opens).
pub fn filter_id() -> iced::widget::Id {
    iced::widget::Id::new("move-to-filter")
}

/// What the user does in the picker.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Filter(String),
    /// Enter in the filter: the first folder shown.
    Submit,
    Copy(bool),
    Pick(FolderId),
    Cancel,
}

/// What the user chose: the folder, and whether to copy rather than move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chosen {
    pub folder: FolderId,
    pub copy: bool,
}

/// What the parent should do; the outcome is `None` when the picker was closed.
pub type Action = action::Action<Message, Option<Chosen>>;

/// The picker's state: the folders it offers with their paths, the filter, the copy switch.
#[derive(Debug, Clone)]
pub struct Picker {
    choices: Vec<(FolderId, String, String)>,
    filter: String,
    copy: bool,
}

impl Picker {
    /// A picker over `folders` (as the sidebar has them) and the task that focuses its filter.
    /// `except` (the folder shown) is left out: moving there would do nothing.
    pub fn new(
        folders: &[Folder],
        accounts: &[Account],
        except: Option<FolderId>,
    ) -> (Self, Task<Message>) {
        let mut choices = Vec::new();
        for f in folders {
            if Some(f.id) == except || f.kind == FolderKind::Outbox || f.kind == FolderKind::Drafts
            {
                continue;
            }
            let path = folder_path(f, folders, accounts);
            let folded = crate::store::fold_for_index(&path);
            choices.push((f.id, path, folded));
        }
        let picker = Picker {
            choices,
            filter: String::new(),
            copy: false,
        };
        (picker, iced::widget::operation::focus(filter_id()))
    }

    /// The folders shown for the filter, in sidebar order.
    pub fn shown(&self) -> Vec<(FolderId, &str)> {
        let words: Vec<String> = self
            .filter
            .split_whitespace()
            .map(crate::store::fold_for_index)
            .collect();
        self.choices
            .iter()
            .filter(|(_, _, folded)| words.iter().all(|w| folded.contains(w.as_str())))
            .map(|(id, path, _)| (*id, path.as_str()))
            .take(SHOWN)
            .collect()
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Filter(text) => {
                self.filter = text;
                Action::None
            }
            Message::Copy(on) => {
                self.copy = on;
                Action::None
            }
            Message::Submit => match self.shown().first() {
                Some((folder, _)) => Action::Outcome(Some(Chosen {
                    folder: *folder,
                    copy: self.copy,
                })),
                None => Action::None,
            },
            Message::Pick(folder) => Action::Outcome(Some(Chosen {
                folder,
                copy: self.copy,
            })),
            Message::Cancel => Action::Outcome(None),
        }
    }

    /// The dialog's content.
    pub fn view(&self, count: u64) -> Element<'_, Message> {
        let mut list = Column::new().spacing(2);
        let shown = self.shown();
        if shown.is_empty() {
            list = list.push(form::small(fl!("ui-move-none")));
        }
        for (id, path) in shown {
            list = list.push(
                button(
                    row![
                        icon::view(Icon::Folder, theme::ICON),
                        text(path).size(theme::TEXT)
                    ]
                    .spacing(8)
                    .align_y(Alignment::Center),
                )
                .width(Fill)
                .padding([6, 8])
                .style(theme::row(false))
                .on_press(Message::Pick(id)),
            );
        }
        column![
            form::dialog_title(Icon::Folder, fl!("ui-move-title", count = count), false),
            form::input(&fl!("ui-move-filter"), &self.filter, Message::Filter)
                .id(filter_id())
                .on_submit(Message::Submit),
            scrollable(list).height(320),
            row![
                form::check(fl!("ui-move-copy"), self.copy, Message::Copy),
                form::fill(),
                form::secondary(fl!("ui-cancel"), Some(Message::Cancel)),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        ]
        .spacing(14)
        .width(520)
        .into()
    }
}
