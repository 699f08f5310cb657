//! Local folders made, renamed and removed from the sidebar: the folder dialog
//! (`ui::dialog::folder`) and the store work behind it, on the store's thread.

use iced::Task;

use crate::fl;
use crate::store::{FolderId, FolderParent};
use crate::ui::app::{App, Message, Modal};
use crate::ui::dialog::folder::{self, Dialog, Outcome};
use crate::ui::screen::action;
use crate::ui::service::db::Error;

/// Work on the store's thread that says what it did.
type StoreWork = Box<dyn FnOnce(&mut crate::store::Store) -> Result<Done, Error> + Send>;

/// What the store did with a folder.
#[derive(Debug, Clone)]
pub enum Done {
    Created(String),
    Renamed(String),
    /// What deleting would move, to ask about.
    Counted(FolderId, String, crate::store::FolderRemoved),
    Deleted(crate::store::FolderRemoved),
}

impl App {
    /// Opens the folder dialog: a new folder at the top of "Local folders", or one folder's.
    pub(super) fn open_folder_dialog(&mut self, folder: Option<FolderId>) -> Task<Message> {
        let dialog = match folder.and_then(|id| self.sidebar.folder(id)) {
            Some(f) => Dialog::Manage {
                id: f.id,
                old: f.name.clone(),
                name: f.name.clone(),
            },
            None => {
                let mut places = vec![folder::Place(None, fl!("ui-local-folders"))];
                places.extend(
                    self.accounts
                        .iter()
                        .map(|a| folder::Place(Some(a.id), a.settings.name.clone())),
                );
                Dialog::Create {
                    parent: FolderParent::Top(None),
                    name: String::new(),
                    places,
                }
            }
        };
        let (dialog, focus) = dialog.open();
        self.modal = Some(Modal::Folder(dialog));
        focus.map(Message::Folder)
    }

    pub(super) fn on_folder_dialog(&mut self, message: folder::Message) -> Task<Message> {
        let Some(Modal::Folder(dialog)) = &mut self.modal else {
            return Task::none();
        };
        let outcome = match dialog.update(message) {
            action::Action::None => return Task::none(),
            action::Action::Run(task) => return task.map(Message::Folder),
            action::Action::Outcome(outcome) => outcome,
        };
        let db = self.db.clone();
        let work =
            move |f: StoreWork| Task::perform(async move { db.call(f).await }, Message::FolderDone);
        match outcome {
            Outcome::Closed => {
                self.modal = None;
                Task::none()
            }
            Outcome::Create(parent, name) => {
                self.modal = None;
                work(Box::new(move |s| {
                    s.create_folder(parent, &name)?;
                    Ok(Done::Created(name))
                }))
            }
            Outcome::Rename(id, name) => {
                self.modal = None;
                work(Box::new(move |s| {
                    s.rename_local_folder(id, &name)?;
                    Ok(Done::Renamed(name))
                }))
            }
            Outcome::CountForDelete(id, name) => work(Box::new(move |s| {
                Ok(Done::Counted(id, name, s.folder_contents(id)?))
            })),
            Outcome::Delete(id) => {
                self.modal = None;
                work(Box::new(move |s| {
                    Ok(Done::Deleted(s.delete_local_folder(id)?))
                }))
            }
        }
    }

    pub(super) fn on_folder_done(&mut self, result: Result<Done, Error>) -> Task<Message> {
        match result {
            Ok(Done::Counted(id, name, contents)) => {
                self.modal = Some(Modal::Folder(Dialog::Delete { id, name, contents }));
                Task::none()
            }
            Ok(done) => {
                self.status = match done {
                    Done::Created(name) => fl!("folder-created", name = name),
                    Done::Renamed(name) => fl!("folder-renamed", name = name),
                    Done::Deleted(removed) => fl!("folder-deleted", messages = removed.messages),
                    Done::Counted(..) => String::new(),
                };
                self.refresh()
            }
            Err(e) => {
                self.modal = None;
                self.banners
                    .error(fl!("folder-failed", detail = e.to_string()));
                Task::none()
            }
        }
    }
}
