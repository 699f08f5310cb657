//! The wizard's "I used another program for this account before": which program, and where it
//! keeps what it downloaded (looked up in that program's usual place for the server and user
//! typed, or chosen in a file dialog that opens there). The file is read at once and the page
//! says how many messages it names for this account, so a wrong file shows before the account
//! is saved; finishing the wizard takes the state over (`import::state::take_over`), and the
//! first fetch then shows its dry run.

use std::path::{Path, PathBuf};

use iced::widget::{column, row, text};
use iced::{Alignment, Element, Task};

use crate::fl;
use crate::import::state::{self, Program};
use crate::ui::screen::settings::state_file::{pick_file, program_pick, usual_place};
use crate::ui::widget::{form, theme};

/// What reading the chosen file found for the account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// It names this many messages for the server and user.
    Messages(usize),
    /// It holds nothing for them (the words say what it holds, or why it cannot be read).
    Problem(String),
}

/// The section's state.
#[derive(Debug, Clone, Default)]
pub struct Earlier {
    used: bool,
    program: Option<Program>,
    path: Option<PathBuf>,
    found: Option<Found>,
    /// The usual place was looked at and holds no file.
    missing: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    Used(bool),
    Program(Program),
    Pick,
    Picked(Option<PathBuf>),
    /// What the file found (in the program's usual place, or picked) holds for the account.
    Checked(Program, PathBuf, Found),
    /// The program's file is not in its usual place.
    NotFound(Program),
}

impl Earlier {
    /// What to take over when the account is saved: only a file that names messages for it.
    pub fn chosen(&self) -> Option<(Program, PathBuf)> {
        match (self.used, self.program, &self.path, &self.found) {
            (true, Some(p), Some(path), Some(Found::Messages(n))) if *n > 0 => {
                Some((p, path.clone()))
            }
            _ => None,
        }
    }

    /// Handles a message; `host` and `user` are the incoming server's, as typed.
    pub fn update(&mut self, message: Message, host: &str, user: &str) -> Task<Message> {
        match message {
            Message::Used(used) => {
                self.used = used;
                Task::none()
            }
            Message::Program(program) => {
                self.program = Some(program);
                self.path = None;
                self.found = None;
                self.missing = false;
                self.check(None, host, user)
            }
            Message::Pick => match self.program {
                Some(program) => Task::perform(
                    pick_file(program, self.path.clone(), host.to_owned(), user.to_owned()),
                    Message::Picked,
                ),
                None => Task::none(),
            },
            Message::Picked(None) => Task::none(),
            Message::Picked(path @ Some(_)) => self.check(path, host, user),
            Message::Checked(program, path, found) => {
                // a later choice (another program, another file) wins
                if self.program == Some(program) && self.path.as_ref().is_none_or(|p| *p == path) {
                    self.path = Some(path);
                    self.found = Some(found);
                }
                Task::none()
            }
            Message::NotFound(program) => {
                self.missing = self.program == Some(program) && self.path.is_none();
                Task::none()
            }
        }
    }

    /// Reads the file at `path` (none: the program's usual place) off the window's thread and
    /// says what it holds for `user` on `host`.
    fn check(&mut self, path: Option<PathBuf>, host: &str, user: &str) -> Task<Message> {
        let Some(program) = self.program else {
            return Task::none();
        };
        self.path = path.clone();
        self.found = None;
        let (host, user) = (host.to_owned(), user.to_owned());
        Task::perform(
            async move {
                let path = match path {
                    Some(path) => path,
                    None => {
                        let usual = usual_place(program, host.clone(), user.clone()).await;
                        // a Thunderbird account folder without its popstate.dat still counts
                        match usual.filter(|p| p.is_file() || program == Program::Thunderbird) {
                            Some(path) => path,
                            None => return Message::NotFound(program),
                        }
                    }
                };
                let read = path.clone();
                let found =
                    tokio::task::spawn_blocking(move || found_in(program, &read, &host, &user))
                        .await
                        .unwrap_or_else(|e| Found::Problem(e.to_string()));
                Message::Checked(program, path, found)
            },
            |m| m,
        )
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut col =
            column![form::check(fl!("wizard-earlier"), self.used, Message::Used)].spacing(10);
        if !self.used {
            return col.into();
        }
        col = col.push(form::small(fl!("wizard-earlier-hint")));
        col = col.push(
            row![
                program_pick(self.program, Message::Program),
                form::secondary(
                    fl!("wizard-earlier-pick"),
                    self.program.is_some().then_some(Message::Pick)
                ),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        );
        if let Some(path) = &self.path {
            let place = crate::text::safe_line(&path.display().to_string());
            col = col.push(text(place).size(theme::SMALL).font(iced::Font::MONOSPACE));
        }
        match &self.found {
            Some(Found::Messages(n)) => {
                let count = *n;
                col = col.push(text(fl!("wizard-earlier-found", count = count)).size(theme::TEXT));
            }
            Some(Found::Problem(words)) => {
                col = col.push(form::notice(form::Tone::Warning, vec![words.clone()]));
            }
            None if self.missing => {
                col = col.push(form::small(fl!("wizard-earlier-not-found")));
            }
            None => {}
        }
        col.into()
    }
}

/// What the state file at `path` holds for `user` on `host`, in words where it is a problem.
fn found_in(program: Program, path: &Path, host: &str, user: &str) -> Found {
    match state::find(program, path, host, user) {
        Ok(Ok(s)) if !s.uidls.is_empty() => Found::Messages(s.uidls.len()),
        Ok(Ok(_)) => Found::Problem(fl!("wizard-earlier-empty")),
        Ok(Err(found)) => Found::Problem(fl!(
            "cli-state-no-match",
            user = user,
            host = host,
            found = found.join(", ")
        )),
        Err(e) => Found::Problem(fl!("settings-state-unreadable", detail = e.to_string())),
    }
}
