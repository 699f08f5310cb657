//! The compose windows, seen from the app: opening one (read its start off the UI thread,
//! then a window of its own), routing each window's messages and input to its [`Compose`],
//! the autosave clock, the contacts index they complete from, and closing them — their drafts
//! saved first, also when the whole app quits.
use std::sync::Arc;
use std::time::{Duration, Instant};

use iced::keyboard::{Key, Modifiers, key::Named};
use iced::widget::operation;
use iced::{Task, window};

use crate::store::{AccountId, Contacts, Scope};
use crate::ui::app::{App, Message};
use crate::ui::screen::action::Action;
use crate::ui::screen::compose::{self, Begun, Compose, Outcome, Start};
use crate::ui::service::db::Error;
use crate::ui::widget::format;

/// How long a contacts index is used before it is built again (new mail brings new people).
const CONTACTS_FRESH: Duration = Duration::from_secs(300);
/// How often the autosave looks at the windows with changes.
pub(super) const AUTOSAVE_TICK: Duration = Duration::from_millis(500);

/// Input that arrived in one window (the app routes it by the window's id).
#[derive(Debug, Clone)]
pub enum Input {
    /// A key; `captured`: a focused field used it already.
    Key(Key, Modifiers, bool),
    FileDropped(std::path::PathBuf),
    Resized(iced::Size),
}

impl App {
    /// Opens a compose window that starts from `start` (its content is read first).
    pub fn compose(&mut self, start: Start) -> Task<Message> {
        if self.accounts.is_empty() {
            return Task::none();
        }
        if let Start::Draft(id) = start
            && let Some((window, _)) = self.composers.iter().find(|(_, c)| c.draft() == Some(id))
        {
            return window::gain_focus(*window);
        }
        self.bench.compose_requested();
        let accounts = self.accounts.clone();
        let preferred = self.shown_account();
        let db = self.db.clone();
        Task::perform(
            async move {
                db.call(move |s| {
                    compose::start::begin(s, start, &accounts, preferred).map(Box::new)
                })
                .await
            },
            Message::ComposeReady,
        )
    }

    /// Opens a compose window from `start` as soon as the accounts are read.
    pub fn compose_after_load(&mut self, start: Start) {
        self.pending_compose = Some(start);
    }

    /// The compose windows, by window id (tests and the view).
    pub fn composers(&self) -> impl Iterator<Item = (window::Id, &Compose)> {
        self.composers.iter().map(|(id, c)| (*id, c))
    }

    /// The account of the folder shown, if it belongs to one.
    fn shown_account(&self) -> Option<AccountId> {
        match self.list.scope()? {
            Scope::Folder(id) => self.sidebar.folder(id)?.account,
            _ => None,
        }
    }

    pub(super) fn on_compose_ready(&mut self, result: Result<Box<Begun>, Error>) -> Task<Message> {
        let begun = match result {
            Ok(b) => *b,
            Err(e) => return self.store_failed(e),
        };
        let focus_body = begun.cursor_at_start || !begun.written.to.trim().is_empty();
        let composer = Compose::new(begun, &self.accounts, self.contacts.clone());
        let (id, open) = window::open(compose_window());
        self.composers.insert(id, composer);
        self.bench.compose_opened(id);
        let focus = if focus_body {
            operation::focus(compose::view::body_id())
        } else {
            operation::focus(compose::view::field_id(compose::Field::To))
        };
        // a draft taken out of the Outbox left it: the folders changed; the contacts index is
        // built once the window is there, so the first window does not wait for it
        Task::batch([
            open.discard(),
            focus,
            crate::ui::app::app_load(&self.db),
            self.refresh_contacts(),
        ])
    }

    pub(super) fn on_compose(
        &mut self,
        id: window::Id,
        message: compose::Message,
    ) -> Task<Message> {
        let Some(composer) = self.composers.get_mut(&id) else {
            return Task::none();
        };
        match composer.update(message, &self.db) {
            Action::None => Task::none(),
            Action::Run(task) => task.map(move |m| Message::Compose(id, m)),
            Action::Outcome(Outcome::DraftsChanged) => crate::ui::app::app_load(&self.db),
            Action::Outcome(Outcome::Close) => self.close_compose(id),
            Action::Outcome(Outcome::Queued(account)) => {
                self.senders.send_now(account);
                Task::batch([self.close_compose(id), self.refresh()])
            }
        }
    }

    fn close_compose(&mut self, id: window::Id) -> Task<Message> {
        self.composers.remove(&id);
        Task::batch([window::close(id), self.refresh()])
    }

    /// The autosave clock: each window with changes saves when typing has stopped.
    pub(super) fn on_compose_tick(&mut self) -> Task<Message> {
        let ids: Vec<window::Id> = self
            .composers
            .iter()
            .filter(|(_, c)| c.is_dirty())
            .map(|(id, _)| *id)
            .collect();
        Task::batch(
            ids.into_iter()
                .map(|id| self.on_compose(id, compose::Message::Tick)),
        )
    }

    /// Input in some window: the compose windows' own, else the main window's.
    pub(super) fn on_window_input(&mut self, id: window::Id, input: Input) -> Task<Message> {
        if !self.composers.contains_key(&id) {
            return match input {
                Input::Key(key, modifiers, captured) => {
                    // Escape closes a dialog even from its text field (which takes Escape)
                    let dismiss = self.modal.is_some() && key == Key::Named(Named::Escape);
                    if captured && !dismiss && !main_window_shortcut(&key, modifiers) {
                        return Task::none();
                    }
                    self.on_key(key, modifiers)
                }
                Input::FileDropped(path) => self.on_file_dropped(path),
                Input::Resized(size) => self.on_resized(size),
            };
        }
        let message = match input {
            Input::FileDropped(path) => Some(compose::Message::Files(vec![path])),
            Input::Key(key, modifiers, captured) => compose_shortcut(&key, modifiers, captured),
            Input::Resized(_) => None,
        };
        match message {
            Some(m) => self.on_compose(id, m),
            None => Task::none(),
        }
    }

    /// A window's close button: a compose window saves its draft and closes; the main window
    /// quits the app.
    pub(super) fn on_close_requested(&mut self, id: window::Id) -> Task<Message> {
        if self.composers.contains_key(&id) {
            self.on_compose(id, compose::Message::Close)
        } else {
            self.quit()
        }
    }

    /// Before quitting: every compose window's changes are saved as drafts, here and now (by
    /// the same rule as closing one window).
    pub(super) fn save_all_drafts(&mut self) {
        let now = format::now();
        for composer in self.composers.values() {
            if !composer.needs_saving() {
                continue;
            }
            let written = composer.written();
            let Some(account) = self
                .accounts
                .iter()
                .find(|a| a.id == composer.account())
                .cloned()
            else {
                continue;
            };
            let replaces = composer.draft();
            let saved = self.db.call_now(move |s| {
                Ok(crate::send::draft::save(
                    s, &account, &written, replaces, now,
                )?)
            });
            if let Err(e) = saved {
                tracing::error!("cannot save a draft while quitting: {e}");
            }
        }
    }

    /// Builds the contacts index in the background when there is none or it is old.
    fn refresh_contacts(&mut self) -> Task<Message> {
        let fresh = self
            .contacts_built
            .is_some_and(|at| at.elapsed() < CONTACTS_FRESH);
        if fresh || self.contacts_loading {
            return Task::none();
        }
        self.contacts_loading = true;
        // on a connection of its own: reading every message's addresses takes a moment in a
        // large store, and the window's own store work must not wait for it
        let data_dir = self.db.data_dir().to_path_buf();
        let now = format::now();
        Task::perform(
            crate::ui::service::db::blocking(move || {
                let store = crate::store::Store::open_in(&data_dir)?;
                Ok(Arc::new(store.contacts(now)?))
            }),
            Message::ContactsReady,
        )
    }

    pub(super) fn on_contacts(&mut self, result: Result<Arc<Contacts>, Error>) -> Task<Message> {
        self.contacts_loading = false;
        match result {
            Ok(contacts) => {
                self.contacts_built = Some(Instant::now());
                for composer in self.composers.values_mut() {
                    composer.set_contacts(Arc::clone(&contacts));
                }
                self.contacts = Some(contacts);
            }
            Err(e) => tracing::warn!("cannot build the contacts index: {e}"),
        }
        Task::none()
    }
}

/// Keys the main window acts on even when a field has them (the search field, say).
fn main_window_shortcut(key: &Key, modifiers: Modifiers) -> bool {
    matches!(key.as_ref(), Key::Named(Named::F5))
        || (modifiers.command()
            && matches!(
                key.as_ref(),
                Key::Character("r" | "f" | "q" | "," | "n" | "m" | "l" | "R" | "L")
            ))
}

/// A compose window's shortcuts (as Thunderbird has them): Ctrl+Enter sends, Ctrl+S saves,
/// Ctrl+Shift+A attaches, Ctrl+W closes. (In the text, Ctrl+Enter is the editor's own binding,
/// so a key a field `captured` is not taken twice.)
fn compose_shortcut(key: &Key, modifiers: Modifiers, captured: bool) -> Option<compose::Message> {
    if !modifiers.command() {
        return None;
    }
    match key.as_ref() {
        Key::Named(Named::Enter) if !captured => Some(compose::Message::Send),
        Key::Character("s") => Some(compose::Message::Save),
        Key::Character("a" | "A") if modifiers.shift() => Some(compose::Message::Attach),
        Key::Character("w") => Some(compose::Message::Close),
        _ => None,
    }
}

/// A compose window: its own size, the app's icon and id.
fn compose_window() -> window::Settings {
    crate::ui::window_settings(iced::Size::new(780.0, 640.0), iced::Size::new(520.0, 380.0))
}
