//! What the attachment chips do: open, save as, save all, copy to the clipboard, and prepare the
//! copy a drag takes out of the window. The file work runs off the UI thread.

use std::sync::Arc;

use iced::Task;

use crate::fl;
use crate::ui::screen::mail::reader::{
    Action, FileError, Message, Reader, files, flatten, visible_attachments,
};
use crate::ui::service::db;

impl Reader {
    pub(super) fn open_attachment(&self, index: usize) -> Action {
        let Some((o, a)) = self.attachment(index) else {
            return Action::None;
        };
        let (raw, name, id) = (Arc::clone(&o.raw), a.name.clone(), o.row.id);
        Action::Run(Task::perform(
            db::blocking(move || {
                let result =
                    files::write_temp(&raw, index, &name, id).and_then(|p| files::open_path(&p));
                Ok(result.map(|()| None).map_err(|e| FileError::Open {
                    name,
                    detail: e.to_string(),
                }))
            }),
            flatten,
        ))
    }

    pub(super) fn save_as(&self, index: usize) -> Action {
        let Some((o, a)) = self.attachment(index) else {
            return Action::None;
        };
        let (raw, name) = (Arc::clone(&o.raw), a.name.clone());
        Action::Run(Task::perform(
            async move {
                let Some(file) = rfd::AsyncFileDialog::new()
                    .set_file_name(&name)
                    .save_file()
                    .await
                else {
                    return Ok(None);
                };
                let path = file.path().to_path_buf();
                db::blocking(move || {
                    let written =
                        files::attachment(&raw, index).and_then(|b| std::fs::write(&path, b));
                    Ok(written
                        .map(|()| Some(fl!("ui-saved", path = path.display().to_string())))
                        .map_err(|e| FileError::Save {
                            name,
                            detail: e.to_string(),
                        }))
                })
                .await
                .unwrap_or_else(|e| Err(FileError::Task(e)))
            },
            Message::Done,
        ))
    }

    pub(super) fn save_all(&self) -> Action {
        let Some(o) = self.shown() else {
            return Action::None;
        };
        let raw = Arc::clone(&o.raw);
        let list: Vec<(usize, String)> = visible_attachments(&o.mail)
            .map(|a| (a.index, a.name.clone()))
            .collect();
        Action::Run(Task::perform(
            async move {
                let Some(folder) = rfd::AsyncFileDialog::new().pick_folder().await else {
                    return Ok(None);
                };
                let dir = folder.path().to_path_buf();
                db::blocking(move || {
                    Ok(match files::save_all(&raw, &list, &dir) {
                        Ok(n) => Ok(Some(fl!(
                            "ui-saved-all",
                            count = n,
                            dir = dir.display().to_string()
                        ))),
                        Err(e) => Err(FileError::Save {
                            name: dir.display().to_string(),
                            detail: e.to_string(),
                        }),
                    })
                })
                .await
                .unwrap_or_else(|e| Err(FileError::Task(e)))
            },
            Message::Done,
        ))
    }

    pub(super) fn copy(&self, index: usize) -> Action {
        let Some((o, a)) = self.attachment(index) else {
            return Action::None;
        };
        let (raw, name) = (Arc::clone(&o.raw), a.name.clone());
        Action::Run(Task::perform(
            db::blocking(move || {
                let copied = files::write_drag_copy(&raw, index, &name)
                    .map_err(|e| e.to_string())
                    .and_then(|path| {
                        crate::ui::platform::dragout::copy_to_clipboard(&path)
                            .map_err(|e| e.to_string())
                    });
                Ok(match copied {
                    Ok(()) => Ok(Some(fl!("ui-copied", name = name.as_str()))),
                    Err(detail) => Err(FileError::Copy { name, detail }),
                })
            }),
            flatten,
        ))
    }

    pub(super) fn prepare_drag(&self, index: usize) -> Action {
        let Some((o, a)) = self.attachment(index) else {
            return Action::None;
        };
        let (raw, name) = (Arc::clone(&o.raw), a.name.clone());
        Action::Run(Task::perform(
            db::blocking(move || {
                Ok(
                    files::write_drag_copy(&raw, index, &name).map_err(|e| FileError::Drag {
                        name,
                        detail: e.to_string(),
                    }),
                )
            }),
            |r| Message::DragReady(r.unwrap_or_else(|e| Err(FileError::Task(e)))),
        ))
    }
}
