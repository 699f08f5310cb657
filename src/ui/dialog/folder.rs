//! A local folder made, renamed or removed in the window: "New folder" (at the top of "Local
//! folders" or inside a folder), and for a folder (right-click in the sidebar) its name to change,
//! "New folder inside" and "Delete…", which asks first and says how many messages and subfolders
//! go to the Trash.

use iced::widget::{column, row, text};
use iced::{Alignment, Element, Task};

use crate::fl;
use crate::store::{FolderId, FolderParent, FolderRemoved};
use crate::ui::screen::action;
use crate::ui::widget::form;
use crate::ui::widget::icon::Icon;
use crate::ui::widget::theme;

/// The name field's id (focused when the dialog opens).
pub fn name_id() -> iced::widget::Id {
    iced::widget::Id::new("folder-name")
}

/// What the dialog is for.
#[derive(Debug, Clone, PartialEq)]
pub enum Dialog {
    /// A new folder at `parent`; at the top, `places` offers where (under "Local folders" or
    /// under an account).
    Create {
        parent: FolderParent,
        name: String,
        places: Vec<Place>,
    },
    /// An existing folder: rename it, make one inside, or remove it.
    Manage {
        id: FolderId,
        old: String,
        name: String,
    },
    /// "Delete “X”?" with what would go to the Trash.
    Delete {
        id: FolderId,
        name: String,
        contents: FolderRemoved,
    },
}

/// Where a top-level folder can go: under "Local folders" (`None`) or under an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place(pub Option<crate::store::AccountId>, pub String);

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.1)
    }
}

/// What the user does in the dialog.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Name(String),
    /// Where a new top-level folder goes.
    Place(Option<crate::store::AccountId>),
    /// Enter or the main button: create or rename.
    Submit,
    NewInside,
    AskDelete,
    ConfirmDelete,
    Cancel,
}

/// What the parent should do.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Closed,
    Create(FolderParent, String),
    Rename(FolderId, String),
    /// Count what deleting would move, then ask ([`Dialog::Delete`]).
    CountForDelete(FolderId, String),
    Delete(FolderId),
}

pub type Action = action::Action<Message, Outcome>;

impl Dialog {
    /// The dialog and the task that focuses its name field.
    pub fn open(self) -> (Dialog, Task<Message>) {
        (self, iced::widget::operation::focus(name_id()))
    }

    pub fn update(&mut self, message: Message) -> Action {
        if let (Dialog::Manage { id, .. }, Message::NewInside) = (&*self, &message) {
            let (dialog, focus) = Dialog::Create {
                parent: FolderParent::In(*id),
                name: String::new(),
                places: Vec::new(),
            }
            .open();
            *self = dialog;
            return Action::Run(focus);
        }
        match (self, message) {
            (Dialog::Create { name, .. } | Dialog::Manage { name, .. }, Message::Name(n)) => {
                *name = n;
                Action::None
            }
            (Dialog::Create { parent, .. }, Message::Place(account)) => {
                *parent = FolderParent::Top(account);
                Action::None
            }
            (Dialog::Create { parent, name, .. }, Message::Submit) => {
                if name.trim().is_empty() {
                    return Action::None;
                }
                Action::Outcome(Outcome::Create(*parent, name.trim().to_owned()))
            }
            (Dialog::Manage { id, old, name }, Message::Submit) => {
                let name = name.trim();
                if name.is_empty() || name == old {
                    return Action::Outcome(Outcome::Closed);
                }
                Action::Outcome(Outcome::Rename(*id, name.to_owned()))
            }
            (Dialog::Manage { id, old, .. }, Message::AskDelete) => {
                Action::Outcome(Outcome::CountForDelete(*id, old.clone()))
            }
            (Dialog::Delete { id, .. }, Message::ConfirmDelete) => {
                Action::Outcome(Outcome::Delete(*id))
            }
            (_, Message::Cancel) => Action::Outcome(Outcome::Closed),
            _ => Action::None,
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let field = |name: &str| {
            form::input(&fl!("folder-name-placeholder"), name, Message::Name)
                .id(name_id())
                .on_submit(Message::Submit)
        };
        match self {
            Dialog::Create {
                name,
                places,
                parent,
            } => column![
                form::dialog_title(Icon::Folder, fl!("folder-new-title"), false),
                field(name),
                if places.is_empty() {
                    column![]
                } else {
                    let at = match parent {
                        FolderParent::Top(account) => *account,
                        FolderParent::In(_) => None,
                    };
                    column![form::field(
                        fl!("folder-place"),
                        form::pick(
                            places.clone(),
                            places
                                .iter()
                                .find(|p| p.0 == at)
                                .cloned()
                                .unwrap_or_else(|| places[0].clone()),
                            |p| Message::Place(p.0)
                        ),
                        None
                    )]
                },
                row![
                    form::fill(),
                    form::secondary(fl!("ui-cancel"), Some(Message::Cancel)),
                    form::primary(
                        fl!("folder-create"),
                        (!name.trim().is_empty()).then_some(Message::Submit)
                    ),
                ]
                .spacing(8),
            ]
            .spacing(14)
            .width(440)
            .into(),
            Dialog::Manage { old, name, .. } => column![
                form::dialog_title(
                    Icon::Folder,
                    fl!("folder-manage-title", name = crate::text::safe_line(old)),
                    false
                ),
                field(name),
                row![
                    form::secondary(fl!("folder-new-inside"), Some(Message::NewInside)),
                    form::danger(fl!("folder-delete"), Some(Message::AskDelete)),
                    form::fill(),
                    form::secondary(fl!("ui-cancel"), Some(Message::Cancel)),
                    form::primary(fl!("folder-rename"), Some(Message::Submit)),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
            ]
            .spacing(14)
            .width(560)
            .into(),
            Dialog::Delete { name, contents, .. } => column![
                form::dialog_title(
                    Icon::Trash,
                    fl!("folder-delete-title", name = crate::text::safe_line(name)),
                    true
                ),
                text(fl!(
                    "folder-delete-text",
                    messages = contents.messages,
                    folders = contents.folders.saturating_sub(1)
                ))
                .size(theme::TEXT),
                row![
                    form::fill(),
                    form::secondary(fl!("ui-cancel"), Some(Message::Cancel)),
                    form::danger(fl!("folder-delete"), Some(Message::ConfirmDelete)),
                ]
                .spacing(8),
            ]
            .spacing(14)
            .width(480)
            .into(),
        }
    }
}
