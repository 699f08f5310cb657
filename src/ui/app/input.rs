//! Input that is not a click on a pane: the debounced search, keyboard shortcuts and files
//! dropped onto the window.

use std::path::PathBuf;

use iced::Task;
use iced::keyboard::{Key, Modifiers, key::Named};
use iced::widget::operation;

use crate::fl;
use crate::ui::app::{App, DROP_GATHER, Message, SEARCH_DEBOUNCE, Screen};
use crate::ui::screen::compose::start::{Answer, Start};
use crate::ui::service::db::Error;
use crate::ui::service::import::{self, Imported};
use crate::ui::{screen::mail::reader, screen::mail::toolbar, widget::format};

impl App {
    // --- search ---

    pub(super) fn search_changed(&mut self, query: String) -> Task<Message> {
        self.search_generation += 1;
        if query.trim().is_empty() {
            return self.list.search(String::new(), &self.db).map(Message::List);
        }
        let generation = self.search_generation;
        Task::perform(
            async { tokio::time::sleep(SEARCH_DEBOUNCE).await },
            move |()| Message::SearchDue(generation),
        )
    }

    pub(super) fn on_search_due(&mut self, generation: u64) -> Task<Message> {
        if generation != self.search_generation {
            return Task::none();
        }
        self.reader.clear();
        let query = self.toolbar.query().to_owned();
        self.list.search(query, &self.db).map(Message::List)
    }

    // --- keyboard, files, window ---

    pub(super) fn on_key(&mut self, key: Key, modifiers: Modifiers) -> Task<Message> {
        let command = modifiers.command();
        if !matches!(self.screen, Screen::Mail) || self.modal.is_some() {
            // The message list is not shown: only getting messages and quitting work here.
            return match key.as_ref() {
                Key::Named(Named::Escape) if self.modal.is_some() => self.dismiss_modal(),
                Key::Named(Named::F5) => self.get_messages(),
                Key::Character("r") if command => self.get_messages(),
                Key::Character("q") if command => self.quit(),
                _ => Task::none(),
            };
        }
        // a key (not a modifier alone) closes the list's context menu; Escape does nothing else
        let modifier = matches!(
            key.as_ref(),
            Key::Named(Named::Shift | Named::Control | Named::Alt | Named::Super)
        );
        if !modifier && self.list.close_menu() && key == Key::Named(Named::Escape) {
            return Task::none();
        }
        match key.as_ref() {
            Key::Named(Named::F5) => self.get_messages(),
            // Thunderbird's: Ctrl+N (or M) writes, Ctrl+Shift+R answers all, Ctrl+L forwards,
            // Ctrl+Shift+L answers the list. Ctrl+R stays "Get messages".
            Key::Character("n" | "N" | "m" | "M") if command => self.compose(Start::New(None)),
            Key::Character("r" | "R") if command && modifiers.shift() => {
                self.answer_selected(Answer::ReplyAll)
            }
            Key::Character("l" | "L") if command && modifiers.shift() => {
                self.answer_selected(Answer::ReplyList)
            }
            Key::Character("l" | "L") if command => self.answer_selected(Answer::Forward),
            Key::Character("r") if command => self.get_messages(),
            Key::Character("f") if command => operation::focus(toolbar::search_id()),
            Key::Character("q") if command => self.quit(),
            Key::Character(",") if command => {
                self.open_settings(crate::ui::screen::settings::Page::General)
            }
            Key::Named(Named::Delete) => self.delete_selected(),
            // Thunderbird's A (archive) and J / Shift+J (junk, not junk); Outlook's
            // Ctrl+Shift+V (move to a folder); Ctrl+Z takes the last move back
            Key::Character("v" | "V") if command && modifiers.shift() => {
                self.tool(toolbar::Tool::MoveTo)
            }
            Key::Character("z" | "Z") if command => self.undo_last_move(),
            Key::Character("a" | "A") if !command && !modifiers.alt() => {
                self.tool(toolbar::Tool::Archive)
            }
            Key::Character("j" | "J") if !command && !modifiers.alt() => {
                self.tool(if modifiers.shift() {
                    toolbar::Tool::NotJunk
                } else {
                    toolbar::Tool::Junk
                })
            }
            // with words of the message selected, Ctrl+C copies them and Ctrl+A takes the whole
            // message; else Ctrl+A selects every message of the list
            Key::Character("c") if command => self.reader.copy_selection().map(Message::Reader),
            Key::Character("a") if command && self.reader.has_selection() => {
                self.reader.select_all();
                Task::none()
            }
            Key::Character("a") if command => {
                let action = self.list.select_all();
                self.list_action(action)
            }
            Key::Named(Named::ArrowDown | Named::ArrowUp) => {
                let delta = if key == Key::Named(Named::ArrowDown) {
                    1
                } else {
                    -1
                };
                let action = if modifiers.shift() {
                    self.list.extend_selection(delta, &self.db)
                } else {
                    self.list.move_selection(delta, &self.db)
                };
                self.list_action(action)
            }
            Key::Named(Named::Escape) => self.on_reader(reader::Message::CloseEnlarged),
            _ => Task::none(),
        }
    }

    /// Reply to or forward the one selected message (nothing when none or several are).
    pub(super) fn answer_selected(&mut self, answer: Answer) -> Task<Message> {
        if self.list.selection_len() != 1 {
            return Task::none();
        }
        match self.list.selected() {
            Some(row) => {
                let id = row.id;
                self.compose(answer.to(id))
            }
            None => Task::none(),
        }
    }

    pub(super) fn on_file_dropped(&mut self, path: PathBuf) -> Task<Message> {
        self.dropped.push(path);
        if self.dropped.len() > 1 {
            return Task::none();
        }
        Task::perform(async { tokio::time::sleep(DROP_GATHER).await }, |()| {
            Message::ImportDue
        })
    }

    pub(super) fn import_dropped(&mut self) -> Task<Message> {
        let files = std::mem::take(&mut self.dropped);
        if files.is_empty() {
            return Task::none();
        }
        let scope = self.list.scope();
        let db = self.db.clone();
        let now = format::now();
        Task::perform(
            async move {
                db.call(move |s| import::import_files(s, scope, &files, now))
                    .await
            },
            Message::Imported,
        )
    }

    pub(super) fn on_imported(&mut self, result: Result<Imported, Error>) -> Task<Message> {
        let imported = match result {
            Ok(i) => i,
            Err(e) => return self.store_failed(e),
        };
        for failure in imported.failures {
            self.banners.error(failure);
        }
        if imported.count == 0 {
            return Task::none();
        }
        self.status = fl!(
            "ui-imported",
            count = imported.count,
            folder = imported.folder
        );
        self.refresh()
    }
}
