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
use crate::ui::screen::settings::state_file::{PROGRAMS, ProgramChoice, homes, pick_file};
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
}

#[derive(Debug, Clone)]
pub enum Message {
    Used(bool),
    Program(Program),
    Pick,
    Picked(Option<PathBuf>),
    Checked(PathBuf, Found),
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
                let (home, roots) = homes();
                match state::usual_place(program, &home, &roots, host, user) {
                    Some(path) if path.is_file() || program == Program::Thunderbird => {
                        self.check(path, host, user)
                    }
                    _ => Task::none(),
                }
            }
            Message::Pick => {
                let Some(program) = self.program else {
                    return Task::none();
                };
                let (home, roots) = homes();
                let start = self
                    .path
                    .clone()
                    .or_else(|| state::usual_place(program, &home, &roots, host, user))
                    .unwrap_or(home);
                Task::perform(pick_file(start), Message::Picked)
            }
            Message::Picked(None) => Task::none(),
            Message::Picked(Some(path)) => self.check(path, host, user),
            Message::Checked(path, found) => {
                if self.path.as_ref() == Some(&path) {
                    self.found = Some(found);
                }
                Task::none()
            }
        }
    }

    /// Reads `path` off the window's thread and says what it holds for `user` on `host`.
    fn check(&mut self, path: PathBuf, host: &str, user: &str) -> Task<Message> {
        let Some(program) = self.program else {
            return Task::none();
        };
        self.path = Some(path.clone());
        self.found = None;
        let (host, user) = (host.to_owned(), user.to_owned());
        Task::perform(
            async move {
                let read = path.clone();
                let found =
                    tokio::task::spawn_blocking(move || found_in(program, &read, &host, &user))
                        .await
                        .unwrap_or_else(|e| Found::Problem(e.to_string()));
                (path, found)
            },
            |(path, found)| Message::Checked(path, found),
        )
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut col =
            column![form::check(fl!("wizard-earlier"), self.used, Message::Used)].spacing(10);
        if !self.used {
            return col.into();
        }
        let programs: Vec<ProgramChoice> = PROGRAMS.into_iter().map(ProgramChoice).collect();
        col = col.push(form::small(fl!("wizard-earlier-hint")));
        col = col.push(
            row![
                form::pick_maybe(
                    programs,
                    self.program.map(ProgramChoice),
                    fl!("settings-state-program"),
                    |p| Message::Program(p.0)
                ),
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
            None if self.program.is_some() && self.path.is_none() => {
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
