//! The files of a message being written: the native file dialog, reading what was chosen or
//! dropped (off the window's thread, each problem in words), and the server's size limit,
//! asked once there is something large to send.
use std::path::PathBuf;

use iced::Task;

use super::{Action, Compose, Message};
use crate::fl;
use crate::send::draft;
use crate::ui::service::db::{self, Error};

impl Compose {
    /// Asks the account's server for its size limit, once, when there are files to send.
    pub(super) fn ask_server_size(&mut self) -> Action {
        let has_files = !self.attachments.is_empty() || self.forwarded.is_some();
        let known = self.server_size.iter().any(|(a, _)| *a == self.account);
        match self.sending_account() {
            Some(account) if has_files && !known && account.settings.smtp.is_some() => {
                let id = account.id;
                let settings = account.settings.clone();
                self.server_size.push((id, None));
                Action::Run(Task::perform(
                    async move { crate::send::server::announced_size(&settings).await },
                    move |size| Message::ServerSize(id, size),
                ))
            }
            _ => Action::None,
        }
    }
}

/// The native file dialog (several files).
pub(super) fn pick() -> Task<Message> {
    Task::perform(
        async {
            rfd::AsyncFileDialog::new()
                .set_title(fl!("compose-attach-title"))
                .pick_files()
                .await
                .map(|files| files.iter().map(|f| f.path().to_path_buf()).collect())
                .unwrap_or_default()
        },
        Message::Files,
    )
}

/// Reads the files off the window's thread.
pub(super) fn read(paths: Vec<PathBuf>) -> Task<Message> {
    if paths.is_empty() {
        return Task::none();
    }
    Task::perform(
        db::blocking(move || {
            Ok(paths
                .iter()
                .map(|p| {
                    draft::read_attachment(p).map_err(|e| {
                        let name = p
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        let name = crate::text::safe_line(&name);
                        match e {
                            draft::AttachError::Io(e) => {
                                fl!("compose-attach-failed", name = name, detail = e.to_string())
                            }
                            draft::AttachError::Folder => fl!("compose-attach-folder", name = name),
                            draft::AttachError::TooBig(_) => {
                                fl!("compose-attach-too-big", name = name)
                            }
                        }
                    })
                })
                .collect())
        }),
        |result: Result<Vec<_>, Error>| Message::Read(result.unwrap_or_default()),
    )
}
