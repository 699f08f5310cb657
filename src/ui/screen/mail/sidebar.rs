//! The sidebar: accounts with their Inbox and Trash, a unified Inbox when there are several
//! accounts, local folders, and unread counts.

use iced::widget::text::Wrapping;
use iced::widget::{Column, button, container, mouse_area, row, scrollable, space, text, tooltip};
use iced::{Alignment, Element, Fill, Font, font};

use crate::fl;
use crate::store::{Account, AccountId, Folder, FolderKind, Scope};
use crate::ui::widget::icon::{self, Icon};
use crate::ui::{widget::format, widget::theme};

/// What the user does in the sidebar.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// Show this folder (or the unified Inbox).
    Select(Scope),
    /// Get messages for one account.
    Fetch(AccountId),
    /// Open the account's settings.
    Settings(AccountId),
    /// The dragged messages were let go over this folder.
    Drop(crate::store::FolderId),
    /// While dragging, the pointer is over this folder (or none).
    Hover(Option<crate::store::FolderId>),
    /// "New folder" at the top of "Local folders".
    NewFolder,
    /// A right-click on a local folder: rename it, make one inside, remove it.
    Manage(crate::store::FolderId),
}

/// What the parent should do.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    None,
    /// Show these messages in the list.
    Select(Scope),
    /// Get messages for this account.
    Fetch(AccountId),
    /// Open this account's settings.
    Settings(AccountId),
    /// Move (or copy) the dragged messages into this folder.
    Drop(crate::store::FolderId),
    /// Make a local folder at the top of "Local folders".
    NewFolder,
    /// Rename, extend or remove this local folder.
    Manage(crate::store::FolderId),
}

/// The sidebar's state: the folders as last read from the store, and which one is shown. The
/// accounts belong to the app and are passed in.
#[derive(Debug, Default)]
pub struct Sidebar {
    folders: Vec<Folder>,
    selected: Option<Scope>,
    /// While messages are dragged: the folder under the pointer.
    hover: Option<crate::store::FolderId>,
}

impl Sidebar {
    /// Takes in freshly read folders.
    pub fn set(&mut self, folders: Vec<Folder>) {
        self.folders = folders;
    }

    /// The folders as last read.
    pub fn folders(&self) -> &[Folder] {
        &self.folders
    }

    /// The folder or view being shown.
    pub fn selected(&self) -> Option<Scope> {
        self.selected
    }

    /// Marks `scope` as the one shown.
    pub fn select(&mut self, scope: Scope) {
        self.selected = Some(scope);
    }

    /// The first thing to show at start: the unified Inbox with several accounts, else the
    /// first Inbox, else the first folder.
    pub fn default_scope(&self, accounts: &[Account]) -> Option<Scope> {
        if accounts.len() > 1 {
            return Some(Scope::UnifiedInbox);
        }
        self.folders
            .iter()
            .find(|f| f.kind == FolderKind::Inbox)
            .or(self.folders.first())
            .map(|f| Scope::Folder(f.id))
    }

    /// The folder with this id.
    pub fn folder(&self, id: crate::store::FolderId) -> Option<&Folder> {
        self.folders.iter().find(|f| f.id == id)
    }

    /// The display name of what `scope` shows.
    pub fn scope_name(&self, scope: Scope) -> String {
        match scope {
            Scope::UnifiedInbox => fl!("ui-folder-unified"),
            Scope::Folder(id) => self.folder(id).map(folder_name).unwrap_or_default(),
            Scope::Account(_, kind) => kind_name(kind, true),
        }
    }

    /// The unread count of what `scope` shows (not counted for a Trash).
    pub fn unread(&self, scope: Scope) -> Option<u64> {
        match scope {
            Scope::Folder(id) => self.folder(id).map(|f| f.unread),
            Scope::UnifiedInbox => Some(self.unified_unread()),
            Scope::Account(account, kind) => self
                .folders
                .iter()
                .find(|f| f.account == Some(account) && f.kind == kind)
                .map(|f| f.unread),
        }
    }

    fn unified_unread(&self) -> u64 {
        self.folders
            .iter()
            .filter(|f| f.kind == FolderKind::Inbox && f.account.is_some())
            .map(|f| f.unread)
            .sum()
    }

    /// Whether `scope` is a Trash (deleting there is permanent).
    pub fn is_trash(&self, scope: Scope) -> bool {
        match scope {
            Scope::Folder(id) => self.folder(id).is_some_and(|f| f.kind == FolderKind::Trash),
            Scope::Account(_, kind) => kind == FolderKind::Trash,
            Scope::UnifiedInbox => false,
        }
    }

    /// Whether `scope` is a Junk folder.
    pub fn is_junk(&self, scope: Scope) -> bool {
        match scope {
            Scope::Folder(id) => self.folder(id).is_some_and(|f| f.kind == FolderKind::Junk),
            Scope::Account(_, kind) => kind == FolderKind::Junk,
            Scope::UnifiedInbox => false,
        }
    }

    /// Whether `scope` holds mail written here (Drafts, Sent, Outbox): its list names the
    /// recipients rather than the sender.
    pub fn is_written(&self, scope: Scope) -> bool {
        let written = |k: FolderKind| {
            matches!(
                k,
                FolderKind::Drafts | FolderKind::Sent | FolderKind::Outbox
            )
        };
        match scope {
            Scope::Folder(id) => self.folder(id).is_some_and(|f| written(f.kind)),
            Scope::Account(_, kind) => written(kind),
            Scope::UnifiedInbox => false,
        }
    }

    /// Handles a sidebar message.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Select(scope) => {
                self.selected = Some(scope);
                Action::Select(scope)
            }
            Message::Fetch(account) => Action::Fetch(account),
            Message::Settings(account) => Action::Settings(account),
            Message::Drop(folder) => {
                self.hover = None;
                Action::Drop(folder)
            }
            Message::Hover(folder) => {
                self.hover = folder;
                Action::None
            }
            Message::NewFolder => Action::NewFolder,
            Message::Manage(folder) => Action::Manage(folder),
        }
    }

    /// The sidebar; `dragging`: messages are being dragged (folders take them).
    pub fn view<'a>(&'a self, accounts: &'a [Account], dragging: bool) -> Element<'a, Message> {
        let mut items = Column::new().spacing(2).padding([10, 8]);
        if accounts.is_empty() {
            items = items.push(
                container(
                    text(fl!("settings-no-accounts"))
                        .size(theme::SMALL)
                        .style(theme::muted_text),
                )
                .padding(8),
            );
        }
        if accounts.len() > 1 {
            let unread = self.unified_unread();
            items = items.push(self.entry(
                Scope::UnifiedInbox,
                Icon::Inboxes,
                fl!("ui-folder-unified"),
                unread,
                false,
            ));
            items = items.push(space().height(8));
        }
        for account in accounts {
            items = items.push(account_header(account));
            // an empty Outbox is not shown: there is nothing waiting
            for folder in self.folders.iter().filter(|f| {
                f.account == Some(account.id) && (f.kind != FolderKind::Outbox || f.total > 0)
            }) {
                items = items.push(self.folder_entry(folder, dragging));
            }
            items = items.push(space().height(8));
        }
        let local: Vec<&Folder> = self
            .folders
            .iter()
            .filter(|f| f.account.is_none())
            .collect();
        items = items.push(local_header());
        for folder in local {
            items = items.push(self.folder_entry(folder, dragging));
        }
        container(scrollable(items).height(Fill))
            .width(Fill)
            .height(Fill)
            .style(theme::bar)
            .into()
    }

    fn folder_entry(&self, folder: &Folder, dragging: bool) -> Element<'_, Message> {
        let icon = match folder.kind {
            FolderKind::Inbox => Icon::Inbox,
            FolderKind::Drafts => Icon::Pencil,
            FolderKind::Sent => Icon::Send,
            FolderKind::Outbox => Icon::Outbox,
            FolderKind::Junk => Icon::OctagonAlert,
            FolderKind::Trash => Icon::Trash,
            FolderKind::Local if folder.archive => Icon::FileArchive,
            FolderKind::Local => Icon::Folder,
        };
        // the Outbox counts what waits there; Trash and Drafts count nothing
        let unread = match folder.kind {
            FolderKind::Trash | FolderKind::Drafts => 0,
            FolderKind::Outbox => folder.total,
            _ => folder.unread,
        };
        let mut entry = self.entry(
            Scope::Folder(folder.id),
            icon,
            folder_name(folder),
            unread,
            dragging && self.hover == Some(folder.id),
        );
        // a right-click on a folder of one's own: rename it, make one inside, remove it
        if folder.kind == FolderKind::Local {
            entry = mouse_area(entry)
                .on_right_press(Message::Manage(folder.id))
                .into();
        }
        // while messages are dragged, every folder that can hold them takes a drop
        if dragging && !matches!(folder.kind, FolderKind::Outbox | FolderKind::Drafts) {
            entry = mouse_area(entry)
                .on_enter(Message::Hover(Some(folder.id)))
                .on_exit(Message::Hover(None))
                .on_release(Message::Drop(folder.id))
                .into();
        }
        if folder.depth == 0 {
            return entry;
        }
        // nested folders step in under their parent
        let indent = 14.0 * folder.depth.min(8) as f32;
        row![space().width(indent), entry].into()
    }

    fn entry(
        &self,
        scope: Scope,
        icon: Icon,
        name: String,
        unread: u64,
        drop_here: bool,
    ) -> Element<'_, Message> {
        let selected = self.selected == Some(scope) || drop_here;
        let weight = if unread > 0 {
            font::Weight::Bold
        } else {
            font::Weight::Normal
        };
        let name = text(name)
            .size(theme::TEXT)
            .font(Font {
                weight,
                ..Font::DEFAULT
            })
            .wrapping(Wrapping::None);
        let mut line = row![
            icon::view(icon, theme::ICON),
            container(name).width(Fill).clip(true),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        if unread > 0 {
            line = line.push(
                container(text(format::count(unread)).size(theme::SMALL))
                    .padding([1, 7])
                    .style(theme::badge),
            );
        }
        button(line)
            .width(Fill)
            .padding([6, 8])
            .style(theme::row(selected))
            .on_press(Message::Select(scope))
            .into()
    }
}

fn account_header(account: &Account) -> Element<'_, Message> {
    let name = &account.settings.name;
    let fetch = tooltip(
        button(icon::view(Icon::Refresh, 14.0))
            .padding(4)
            .style(theme::tool)
            .on_press(Message::Fetch(account.id)),
        container(text(fl!("ui-get-account-tip", account = name.as_str())).size(theme::SMALL))
            .padding(6)
            .style(theme::chip),
        tooltip::Position::Bottom,
    );
    let settings = tooltip(
        button(icon::styled(Icon::Gear, 14.0, theme::icon_color))
            .padding(4)
            .style(theme::tool)
            .on_press(Message::Settings(account.id)),
        container(text(fl!("settings-account-tip", account = name.as_str())).size(theme::SMALL))
            .padding(6)
            .style(theme::chip),
        tooltip::Position::Bottom,
    );
    row![
        icon::view(Icon::User, 14.0),
        text(name.as_str())
            .size(theme::SMALL)
            .style(theme::muted_text),
        space().width(Fill),
        fetch,
        settings,
    ]
    .spacing(6)
    .padding([2, 8])
    .align_y(Alignment::Center)
    .into()
}

/// "Local folders" with its "New folder" button.
fn local_header<'a>() -> Element<'a, Message> {
    let add = tooltip(
        button(icon::styled(Icon::Plus, 14.0, theme::icon_color))
            .padding(4)
            .style(theme::tool)
            .on_press(Message::NewFolder),
        container(text(fl!("folder-new-tip")).size(theme::SMALL))
            .padding(6)
            .style(theme::chip),
        tooltip::Position::Bottom,
    );
    row![
        text(fl!("ui-local-folders"))
            .size(theme::SMALL)
            .style(theme::muted_text),
        space().width(Fill),
        add,
    ]
    .padding([2, 8])
    .align_y(Alignment::Center)
    .into()
}

/// The name shown for a folder: translated for an account's own folders and the Trash.
pub fn folder_name(folder: &Folder) -> String {
    match folder.kind {
        FolderKind::Local => folder.name.clone(),
        kind => kind_name(kind, folder.account.is_some()),
    }
}

/// "account › Inbox", "account › Projekte › Alpha", "Projekte › Alpha" for local folders.
pub fn folder_path(folder: &Folder, folders: &[Folder], accounts: &[Account]) -> String {
    let mut names = vec![folder_name(folder)];
    let mut parent = folder.parent;
    while let Some(id) = parent {
        match folders.iter().find(|f| f.id == id) {
            Some(p) => {
                names.push(folder_name(p));
                parent = p.parent;
            }
            None => break,
        }
    }
    if let Some(a) = folder
        .account
        .and_then(|id| accounts.iter().find(|a| a.id == id))
    {
        names.push(a.settings.name.clone());
    }
    names.reverse();
    names.join(" › ")
}

fn kind_name(kind: FolderKind, of_account: bool) -> String {
    match (kind, of_account) {
        (FolderKind::Inbox, _) => fl!("ui-folder-inbox"),
        (FolderKind::Drafts, _) => fl!("ui-folder-drafts"),
        (FolderKind::Sent, _) => fl!("ui-folder-sent"),
        (FolderKind::Outbox, _) => fl!("ui-folder-outbox"),
        (FolderKind::Junk, _) => fl!("ui-folder-junk"),
        (FolderKind::Trash, true) => fl!("ui-folder-trash"),
        (FolderKind::Trash, false) => fl!("ui-folder-local-trash"),
        (FolderKind::Local, _) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::FolderId;

    fn folder(id: i64, account: Option<i64>, kind: FolderKind, unread: u64) -> Folder {
        Folder {
            id: FolderId(id),
            account: account.map(AccountId),
            kind,
            name: "Archiv".into(),
            parent: None,
            depth: 0,
            archive: false,
            total: unread + 2,
            unread,
        }
    }

    #[test]
    fn selecting_a_folder_asks_the_parent_to_show_it() {
        let mut sidebar = Sidebar::default();
        sidebar.set(vec![folder(1, Some(1), FolderKind::Inbox, 3)]);
        let action = sidebar.update(Message::Select(Scope::Folder(FolderId(1))));
        assert_eq!(action, Action::Select(Scope::Folder(FolderId(1))));
        assert_eq!(sidebar.selected(), Some(Scope::Folder(FolderId(1))));
        assert_eq!(
            sidebar.update(Message::Fetch(AccountId(1))),
            Action::Fetch(AccountId(1))
        );
    }

    #[test]
    fn trash_and_default_scope_are_known() {
        let mut sidebar = Sidebar::default();
        sidebar.set(vec![
            folder(1, Some(1), FolderKind::Inbox, 0),
            folder(2, Some(1), FolderKind::Trash, 0),
            folder(3, None, FolderKind::Local, 1),
        ]);
        assert_eq!(sidebar.default_scope(&[]), Some(Scope::Folder(FolderId(1))));
        assert!(sidebar.is_trash(Scope::Folder(FolderId(2))));
        assert!(!sidebar.is_trash(Scope::Folder(FolderId(1))));
        assert!(!sidebar.is_trash(Scope::UnifiedInbox));
        assert_eq!(
            folder_name(&folder(3, None, FolderKind::Local, 0)),
            "Archiv"
        );
    }
}
