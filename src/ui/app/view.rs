//! The window's look and what it listens to: toolbar, banners, the three panes, the status bar,
//! the enlarged image on top; workers, keys, dropped files, resizes, the close button, theme.

use iced::event::{self, Event};
use iced::keyboard;
use iced::widget::{Stack, column, container, pane_grid, rule};
use iced::{Element, Fill, Subscription, Theme, window};

use crate::fl;
use crate::ui::app::compose::AUTOSAVE_TICK;
use crate::ui::app::{App, Input, Message, Modal, Screen};
use crate::ui::dialog::{folder, move_to, trust};
use crate::ui::screen::mail::layout::Pane;
use crate::ui::service::senders;
use crate::ui::widget::form;
use crate::ui::{
    screen::mail::list, screen::mail::toolbar, screen::settings, service::workers, widget::theme,
};

impl App {
    /// The window title.
    pub fn title(&self) -> String {
        fl!("app-name")
    }

    /// The title of window `id`: the app's, or a compose window's subject.
    pub fn title_of(&self, id: window::Id) -> String {
        match self.composers.get(&id) {
            Some(c) => format!("{} — {}", c.title(), fl!("app-name")),
            None => self.title(),
        }
    }

    /// What window `id` shows: a compose window, or the main window.
    pub fn view_of(&self, id: window::Id) -> Element<'_, Message> {
        match self.composers.get(&id) {
            Some(c) => c.view().map(move |m| Message::Compose(id, m)),
            None => self.view(),
        }
    }

    /// The theme: the preference, or the system's light/dark mode.
    pub fn theme(&self) -> Theme {
        theme::for_choice(self.config.theme, self.system_mode)
    }

    /// The theme of window `id` (all windows share it).
    pub fn theme_of(&self, _id: window::Id) -> Theme {
        self.theme()
    }

    /// The whole window: the account wizard, the settings, or the mail (with the certificate
    /// dialog over it when open).
    pub fn view(&self) -> Element<'_, Message> {
        match &self.screen {
            Screen::Wizard { wizard, .. } => wizard.view().map(Message::Wizard),
            Screen::Settings(screen) => {
                let cx = settings::Context {
                    db: &self.db,
                    config: &self.config,
                    accounts: &self.accounts,
                };
                screen.view(cx).map(Message::Settings)
            }
            Screen::Mail => {
                let dialog = self.modal.as_ref().map(|modal| match modal {
                    Modal::Trust(_, request) => (
                        trust::view(request).map(Message::Trust),
                        Message::Trust(trust::Message::Cancel),
                    ),
                    Modal::Folder(dialog) => (
                        dialog.view().map(Message::Folder),
                        Message::Folder(folder::Message::Cancel),
                    ),
                    Modal::MoveTo(picker) => (
                        picker.view(self.list.selection_len()).map(Message::MoveTo),
                        Message::MoveTo(move_to::Message::Cancel),
                    ),
                });
                form::with_dialog(self.main_view(), dialog)
            }
        }
    }

    fn main_view(&self) -> Element<'_, Message> {
        let scope = self.list.scope();
        let cx = toolbar::Context {
            fetching: self.workers.is_running(),
            has_accounts: !self.accounts.is_empty(),
            selected_seen: self.list.selection_seen(),
            in_trash: scope.is_some_and(|s| self.sidebar.is_trash(s)),
            in_junk: scope.is_some_and(|s| self.sidebar.is_junk(s)),
            one_selected: self.list.selection_len() == 1 && self.list.selected().is_some(),
        };
        let panes = pane_grid(&self.layout.panes, |_pane, kind, _maximized| {
            let body: Element<'_, Message> = match kind {
                Pane::Sidebar => self
                    .sidebar
                    .view(&self.accounts, self.list.dragging())
                    .map(Message::Sidebar),
                Pane::List => self.list_view().map(Message::List),
                Pane::Reader => self.reader.view().map(Message::Reader),
            };
            pane_grid::Content::new(container(body).style(theme::pane))
        })
        .on_resize(8, Message::PaneResized)
        .spacing(1)
        .min_size(150);
        let main = column![
            self.toolbar.view(cx).map(Message::Toolbar),
            rule::horizontal(1).style(theme::rule),
            self.banners
                .view(|id| self.workers.name(id))
                .map(Message::Banner),
            container(panes)
                .width(Fill)
                .height(Fill)
                .style(|t: &Theme| container::background(theme::separator(t))),
            rule::horizontal(1).style(theme::rule),
            toolbar::status_bar(&self.status, self.workers.progress()),
        ];
        // always a stack, so that a layer coming or going keeps the panes' state (scrolling)
        let mut layers = Stack::new().push(main);
        if let Some(layer) = self.reader.overlay() {
            layers = layers.push(layer.map(Message::Reader));
        }
        if let Some(menu) = self
            .list
            .menu_view(cx.in_trash, cx.in_junk, self.layout.window())
        {
            layers = layers.push(menu.map(Message::List));
        }
        layers.into()
    }

    fn list_view(&self) -> Element<'_, list::Message> {
        let scope = self.list.scope();
        let title = scope
            .map(|s| self.sidebar.scope_name(s))
            .unwrap_or_default();
        let unread = scope.and_then(|s| self.sidebar.unread(s));
        let written = scope.is_some_and(|s| self.sidebar.is_written(s));
        self.list.view(title, unread, written)
    }

    /// Workers, keyboard, dropped files, window size, the close button and theme changes.
    pub fn subscription(&self) -> Subscription<Message> {
        let mut subs = vec![
            event::listen_with(on_event),
            window::close_requests().map(Message::CloseRequested),
            iced::system::theme_changes().map(Message::SystemTheme),
        ];
        if let Some(fetcher) = &self.fetcher {
            subs.push(
                workers::subscription(&self.accounts, fetcher, &self.workers).map(Message::Worker),
            );
        }
        if self.composers.values().any(|c| c.is_dirty()) {
            subs.push(iced::time::every(AUTOSAVE_TICK).map(|_| Message::ComposeTick));
        }
        if let Some(sender) = &self.sender {
            subs.push(senders::subscription(&self.accounts, sender).map(Message::Sender));
        }
        Subscription::batch(subs)
    }
}

/// Window and keyboard events the app cares about, with the window they happened in (the app
/// routes them: a compose window's keys are its own). Whether a focused field already used a
/// key travels along; the main window leaves such keys to the field, except its shortcuts.
fn on_event(event: Event, status: event::Status, window: window::Id) -> Option<Message> {
    let input = match event {
        Event::Keyboard(keyboard::Event::KeyPressed { key, modifiers, .. }) => {
            Input::Key(key, modifiers, status == event::Status::Captured)
        }
        Event::Keyboard(keyboard::Event::ModifiersChanged(modifiers)) => {
            return Some(Message::List(list::Message::Modifiers(modifiers)));
        }
        // every release ends a drag, also one whose row went away (scrolled off, the list
        // reloaded) and never saw it; this arrives after the widgets' messages for the same
        // release, so a drop on a folder is taken first
        Event::Mouse(iced::mouse::Event::ButtonReleased(iced::mouse::Button::Left)) => {
            return Some(Message::List(list::Message::DragEnd));
        }
        Event::Window(window::Event::FileDropped(path)) => Input::FileDropped(path),
        Event::Window(window::Event::Resized(size)) => Input::Resized(size),
        _ => return None,
    };
    Some(Message::Window(window, input))
}
