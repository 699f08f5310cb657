//! Acting on the messages selected in the list: delete (to Trash; from a Trash for good), mark
//! read or unread, and what the list's context menu offers. One message or many take the same
//! path: the list names its selection ([`list::Target`]) and the store thread looks the
//! messages up and changes them in one go.

use iced::Task;

use crate::fl;
use crate::store::FolderKind;
use crate::ui::app::{App, Change, Message, app_load};
use crate::ui::screen::mail::list::{self, Target, menu};
use crate::ui::service::db::Error;
use crate::ui::widget::format;

impl App {
    /// A choice in the list's context menu: the same as the toolbar's button.
    pub(super) fn menu_command(&mut self, command: menu::Command) -> Task<Message> {
        match command {
            menu::Command::Answer(answer) => self.answer_selected(answer),
            menu::Command::SetSeen(seen) => self.set_seen_selected(seen),
            menu::Command::Delete => self.delete_selected(),
            menu::Command::Organise(tool) => self.tool(tool),
            menu::Command::Export(format) => self.export_selected(format),
        }
    }

    /// Delete key or the toolbar's Delete: the selected messages go to the Trash; in a Trash they
    /// are deleted for good (which, by the account's policy, may delete them on the server at the
    /// next fetch: the store records it in the ledger).
    pub(super) fn delete_selected(&mut self) -> Task<Message> {
        let Some(target) = self.list.target() else {
            return Task::none();
        };
        let permanent = self.list.scope().is_some_and(|s| self.sidebar.is_trash(s))
            || self.list.selected().is_some_and(|row| {
                self.list.selection_len() == 1
                    && self
                        .sidebar
                        .folder(row.folder)
                        .is_some_and(|f| f.kind == FolderKind::Trash)
            });
        tracing::debug!(
            count = self.list.selection_len(),
            permanent,
            "deleting the selection"
        );
        let db = self.db.clone();
        let now = format::now();
        Task::perform(
            async move {
                db.call(move |s| {
                    let Some(ids) = list::resolve(s, target)? else {
                        return Ok(Change::Stale);
                    };
                    if permanent {
                        s.delete_permanently(&ids, now)?;
                    } else {
                        s.move_to_trash(&ids)?;
                    }
                    Ok(Change::Deleted)
                })
                .await
            },
            Message::Changed,
        )
    }

    /// The toolbar's read/unread button: marks every selected message.
    pub(super) fn set_seen_selected(&mut self, seen: bool) -> Task<Message> {
        match self.list.target() {
            None => Task::none(),
            Some(Target::Ids(ids)) => self.set_seen(ids, seen),
            Some(target) => {
                self.list.set_seen_selected(seen);
                let db = self.db.clone();
                Task::perform(
                    async move {
                        db.call(move |s| {
                            let Some(ids) = list::resolve(s, target)? else {
                                return Ok(Change::Stale);
                            };
                            s.set_seen(&ids, seen)?;
                            Ok(Change::Seen(Vec::new(), seen))
                        })
                        .await
                    },
                    Message::Changed,
                )
            }
        }
    }

    /// A store write finished: show what it did.
    pub(super) fn on_changed(&mut self, result: Result<Change, Error>) -> Task<Message> {
        match result {
            Ok(Change::Deleted) => {
                self.reader.clear();
                self.list.select_next_after_reload();
                self.refresh()
            }
            Ok(Change::Seen(..)) => app_load(&self.db),
            Ok(Change::Organised(done)) => self.on_organised(done),
            Ok(Change::Exported(done)) => self.on_exported(done),
            Ok(Change::Stale) => {
                self.banners.error(fl!("ui-selection-changed"));
                self.refresh()
            }
            Err(e) => self.store_failed(e),
        }
    }

    pub(super) fn store_failed(&mut self, e: Error) -> Task<Message> {
        tracing::warn!("store error in the window: {e}");
        self.banners
            .error(fl!("ui-store-failed", detail = e.to_string()));
        Task::none()
    }
}
