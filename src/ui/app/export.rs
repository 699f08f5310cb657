//! "Export" in the list's menu: the selected messages (all of a folder after Ctrl+A) written as
//! one mbox file or as `.eml` files in a folder, the stored bytes as they are
//! (`crate::export`). The file dialog opens first; the writing runs on a store connection of
//! its own, and the status line says what was written where.

use std::path::PathBuf;

use iced::Task;

use crate::export::Format;
use crate::store::{Scope, Store};
use crate::ui::app::{App, Change, Message};
use crate::ui::screen::mail::sidebar::folder_name;
use crate::ui::service::db;

/// What an export wrote: how many messages, and where.
#[derive(Debug, Clone)]
pub struct Exported {
    pub count: u64,
    pub path: PathBuf,
}

impl App {
    /// Asks where to; then [`Message::ExportTo`] writes the selection there.
    pub(super) fn export_selected(&mut self, format: Format) -> Task<Message> {
        if self.list.target().is_none() {
            return Task::none();
        }
        let name = match self.list.scope() {
            Some(Scope::Folder(id)) => self.sidebar.folder(id).map(folder_name),
            _ => None,
        }
        .unwrap_or_else(|| crate::fl!("ui-export-default-name"));
        Task::perform(ask_where(format, name), move |path| {
            Message::ExportTo(format, path)
        })
    }

    /// Writes the selection to `path` (none: the dialog was cancelled) in `format`, on a store
    /// connection of its own.
    pub(super) fn export_to(&mut self, format: Format, path: Option<PathBuf>) -> Task<Message> {
        let (Some(target), Some(path)) = (self.list.target(), path) else {
            return Task::none();
        };
        let dir = self.db.data_dir().to_path_buf();
        Task::perform(
            db::blocking(move || {
                let store = Store::open_in(&dir)?;
                let Some(selection) = super::organise::selection(&store, target)? else {
                    return Ok(Change::Stale);
                };
                let internal = |e: crate::export::Error| db::Error::Internal(e.to_string());
                let rows = crate::export::selection_rows(&store, &selection).map_err(internal)?;
                let count = match format {
                    Format::Mbox => crate::export::to_mbox(&store, &rows, &path),
                    Format::Eml => crate::export::to_eml(&store, &rows, &path),
                }
                .map_err(internal)?;
                Ok(Change::Exported(Exported { count, path }))
            }),
            Message::Changed,
        )
    }

    /// What an export wrote, in the status line.
    pub(super) fn on_exported(&mut self, done: Exported) -> Task<Message> {
        self.status = crate::fl!(
            "ui-exported",
            count = done.count,
            path = crate::text::safe_line(&done.path.display().to_string())
        );
        Task::none()
    }
}

/// The system's dialog: a new mbox file named after the folder, or the folder for `.eml` files.
async fn ask_where(format: Format, name: String) -> Option<PathBuf> {
    let dialog = rfd::AsyncFileDialog::new();
    let chosen = match format {
        Format::Mbox => {
            dialog
                .set_file_name(format!("{}.mbox", crate::mime::safe_file_name(&name)))
                .save_file()
                .await
        }
        Format::Eml => dialog.pick_folder().await,
    };
    chosen.map(|f| f.path().to_path_buf())
}
