//! The account's own CA certificate: a PEM file whose certificates are trusted in addition to
//! the system's (for a server with a certificate from a private CA). Chosen in the system's file
//! dialog; the file is checked off the UI thread when chosen and again when saved.

use std::path::{Path, PathBuf};

use iced::widget::{Column, row, text};
use iced::{Alignment, Element, Task};

use crate::fl;
use crate::pop3::CaFileError;
use crate::ui::screen::action::Action;
use crate::ui::screen::settings::problem::Problem;
use crate::ui::widget::form;
use crate::ui::{service::db, widget::theme};

/// What the user does with the CA certificate, and finished work.
#[derive(Debug, Clone)]
pub enum Message {
    /// "Choose…": opens the file dialog.
    Choose,
    /// What the file dialog returned (`None`: cancelled).
    Chosen(Option<PathBuf>),
    /// The chosen file was checked: why it cannot be used, if so.
    Checked(PathBuf, Option<Problem>),
    /// "Remove": no CA certificate of its own any more.
    Remove,
}

/// The CA certificate as chosen on the page.
#[derive(Debug, Clone, Default)]
pub struct CaFile {
    path: Option<PathBuf>,
    /// Why the chosen file cannot be used, once checked.
    problem: Option<Problem>,
}

impl CaFile {
    /// The stored choice, and the check of it (a stored file may have gone since).
    pub fn new(path: Option<PathBuf>) -> (CaFile, Task<Message>) {
        let task = path.clone().map_or_else(Task::none, check_task);
        (
            CaFile {
                path,
                problem: None,
            },
            task,
        )
    }

    /// The file chosen, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Why the chosen file cannot be used, if it was found unusable.
    pub fn problem(&self) -> Option<&Problem> {
        self.problem.as_ref()
    }

    /// Handles a message; the file dialog and the check run as tasks.
    pub fn update(&mut self, message: Message) -> Action<Message> {
        Action::run(match message {
            Message::Choose => Task::perform(
                async {
                    rfd::AsyncFileDialog::new()
                        .set_title(fl!("settings-ca-file-dialog"))
                        .add_filter(fl!("settings-ca-file-filter"), &["pem", "crt", "cer"])
                        .add_filter(fl!("settings-ca-file-filter-all"), &["*"])
                        .pick_file()
                        .await
                        .map(|f| f.path().to_path_buf())
                },
                Message::Chosen,
            ),
            Message::Chosen(None) => Task::none(),
            Message::Chosen(Some(path)) => {
                self.path = Some(path.clone());
                self.problem = None;
                check_task(path)
            }
            Message::Checked(path, problem) => {
                if self.path.as_ref() == Some(&path) {
                    self.problem = problem;
                }
                Task::none()
            }
            Message::Remove => {
                self.path = None;
                self.problem = None;
                Task::none()
            }
        })
    }

    /// The row: the file (or "none"), "Choose…", "Remove", the problem and a short help.
    pub fn view(&self) -> Element<'_, Message> {
        let shown = match &self.path {
            Some(p) => text(p.display().to_string())
                .size(theme::TEXT)
                .wrapping(text::Wrapping::WordOrGlyph),
            None => text(fl!("settings-ca-file-none")).size(theme::TEXT),
        };
        let mut buttons = row![form::secondary(
            fl!("settings-ca-file-choose"),
            Some(Message::Choose)
        )]
        .spacing(8);
        if self.path.is_some() {
            buttons = buttons.push(form::secondary(
                fl!("settings-ca-file-remove"),
                Some(Message::Remove),
            ));
        }
        let mut control = Column::new().spacing(6).push(
            row![iced::widget::container(shown).width(iced::Fill), buttons]
                .spacing(12)
                .align_y(Alignment::Center),
        );
        if let Some(problem) = &self.problem {
            control = control.push(
                text(problem.words())
                    .size(theme::SMALL)
                    .style(form::error_text),
            );
        }
        form::field(
            fl!("settings-ca-file"),
            control,
            Some(fl!("settings-ca-file-hint")),
        )
    }
}

/// Checks `path` off the UI thread.
fn check_task(path: PathBuf) -> Task<Message> {
    let checked = path.clone();
    Task::perform(db::blocking(move || Ok(check(&checked).err())), move |r| {
        let problem = match r {
            Ok(unusable) => unusable.map(Problem::CaFile),
            Err(e) => Some(Problem::Store(e)),
        };
        Message::Checked(path.clone(), problem)
    })
}

/// Reads `path` and checks that it holds at least one PEM certificate and that each parses;
/// the number of certificates, or why the file cannot be used. Blocking: call it off the UI
/// thread.
pub fn check(path: &Path) -> Result<usize, CaFileError> {
    crate::pop3::read_ca_file(path).map(|certs| certs.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_readable_pem_certificate_passes() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let missing = dir.path().join("fehlt.pem");
        let err = Problem::from(check(&missing).err().ok_or("a missing file passed")?).words();
        assert!(err.contains("fehlt.pem"), "{err}");

        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "just some words\n")?;
        assert!(check(&text).is_err(), "plain text is no certificate");

        let broken = dir.path().join("broken.pem");
        std::fs::write(
            &broken,
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
        )?;
        assert!(check(&broken).is_err(), "a damaged certificate");

        Ok(())
    }
}
