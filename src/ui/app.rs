//! The main window: state, messages, `update` as a dispatch table, `view` and `subscription`.
//!
//! The panes (sidebar, list, reader, toolbar, banners) each have the same shape — a `Message`,
//! `update(…) -> Action` and `view` — and the app turns their actions into store work, sync
//! commands and tasks. Every store call and every bit of parsing runs off the UI thread.

mod boot;
mod compose;
mod export;
mod fetching;
mod folders;
mod input;
mod organise;
mod screens;
mod selection;
mod sending;
mod view;

pub use boot::Boot;
pub use compose::Input;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use iced::keyboard::{Key, Modifiers};
use iced::theme::Mode;
use iced::widget::pane_grid;
use iced::{Size, Task, window};

use crate::config::{self, Config};
use crate::fl;
use crate::send::Sender;
use crate::store::{Account, AccountId, Folder, FolderId, MessageId, MessageRow};
use crate::sync::Fetcher;
use crate::ui::dialog::{folder, move_to, trust};
use crate::ui::screen::mail::banner::{self, Banners};
use crate::ui::screen::mail::layout::Layout;
use crate::ui::screen::mail::list::{self, List};
use crate::ui::screen::mail::reader::{self, Reader};
use crate::ui::screen::mail::sidebar::{self, Sidebar};
use crate::ui::screen::mail::toolbar::{self, Toolbar};
use crate::ui::screen::settings::{self as settings_screen, Settings};
use crate::ui::screen::wizard::{self, Wizard};
use crate::ui::service::db::{self, Db, Error};
use crate::ui::service::import::Imported;
use crate::ui::service::senders::{self, Senders};
use crate::ui::service::workers::{self, Workers};

/// How long the search waits after the last keystroke.
pub const SEARCH_DEBOUNCE: Duration = Duration::from_millis(250);
/// How long to collect dropped files before importing them together.
const DROP_GATHER: Duration = Duration::from_millis(150);

/// Work a store write did, to refresh what shows it.
#[derive(Debug, Clone)]
pub enum Change {
    Deleted,
    /// Moved, copied, archived, (un)junked, or a move undone.
    Organised(organise::Organised),
    Seen(Vec<MessageId>, bool),
    Exported(export::Exported),
    /// The list changed between selecting and acting: nothing was done.
    Stale,
}

/// Everything that can happen in the window.
#[derive(Debug, Clone)]
pub enum Message {
    Sidebar(sidebar::Message),
    List(list::Message),
    Reader(reader::Message),
    Toolbar(toolbar::Message),
    Banner(banner::Message),
    Worker(workers::Event),
    /// An Outbox worker's event.
    Sender(senders::Event),
    /// Folders and accounts were read.
    Loaded(Result<(Vec<Folder>, Vec<Account>), Error>),
    /// A store write finished.
    Changed(Result<Change, Error>),
    /// The "Move to…" picker.
    MoveTo(move_to::Message),
    /// The folder dialog, and what the store did.
    Folder(folder::Message),
    FolderDone(Result<folders::Done, Error>),
    /// The search text has been still for a moment.
    SearchDue(u64),
    Key(Key, Modifiers),
    FileDropped(PathBuf),
    ImportDue,
    Imported(Result<Imported, Error>),
    Resized(Size),
    PaneResized(pane_grid::ResizeEvent),
    SystemTheme(Mode),
    /// The settings screen.
    Settings(settings_screen::Message),
    /// The account wizard.
    Wizard(wizard::Message),
    /// The certificate dialog over the main window.
    Trust(trust::Message),
    /// Open the settings on a page.
    OpenSettings(settings_screen::Page),
    /// Open the account wizard.
    AddAccount,
    /// The preferences were written (or why not).
    ConfigSaved(Result<(), Error>),
    /// A trusted certificate was pinned into its account.
    Pinned(Box<Result<Account, Error>>),
    /// The last mail file opened from the desktop was read, to be shown in the reader.
    OpenedFile(Result<MessageRow, Error>),
    /// The window's close button, or Ctrl+Q.
    Quit,
    /// Input in one of the windows (routed by its id).
    Window(window::Id, Input),
    /// A window's close button.
    CloseRequested(window::Id),
    /// A message of a compose window.
    Compose(window::Id, crate::ui::screen::compose::Message),
    /// A compose window's start was read: open it.
    ComposeReady(Result<Box<crate::ui::screen::compose::Begun>, Error>),
    /// The autosave clock of the compose windows.
    ComposeTick,
    /// The contacts index was built.
    ContactsReady(Result<std::sync::Arc<crate::store::Contacts>, Error>),
    /// Where the selection is exported to (from the file dialog; none: cancelled).
    ExportTo(crate::export::Format, Option<PathBuf>),
    /// A frame or tick for the benchmark's timing hook (`ui::bench`).
    Bench(crate::ui::dev::bench::Signal),
}

/// What fills the window.
pub enum Screen {
    /// The mail panes.
    Mail,
    Settings(Box<Settings>),
    /// The account wizard, over the settings it was opened from (they come back when it is
    /// cancelled), or over the mail.
    Wizard {
        wizard: Box<Wizard>,
        over: Option<Box<Settings>>,
    },
}

/// A dialog over the mail screen.
pub enum Modal {
    /// "Trust this certificate?" for an account whose fetch failed on it.
    Trust(AccountId, trust::Request),
    /// "Move to…": the folder picker for the selection.
    MoveTo(move_to::Picker),
    /// A local folder made, renamed or removed.
    Folder(folder::Dialog),
}

/// The main window's state.
pub struct App {
    db: Db,
    config: Config,
    fetcher: Option<Fetcher>,
    sender: Option<Sender>,
    system_mode: Mode,
    /// The accounts as last read from the store (the sidebar, the sync subscription, the
    /// settings and the wizard all show these).
    accounts: Vec<Account>,
    screen: Screen,
    modal: Option<Modal>,
    /// The last move of this session, which Ctrl+Z takes back.
    last_move: Option<crate::store::Moved>,
    sidebar: Sidebar,
    list: List,
    reader: Reader,
    toolbar: Toolbar,
    workers: Workers,
    senders: Senders,
    banners: Banners,
    layout: Layout,
    status: String,
    search_generation: u64,
    dropped: Vec<PathBuf>,
    /// The certificate question of each account's last failed fetch.
    tls_questions: BTreeMap<AccountId, trust::Request>,
    /// Accounts have been read once (the wizard opens on a first start without accounts).
    loaded_once: bool,
    /// A folder and its message to show once folders are read (mail files opened from the
    /// desktop).
    pending_open: Option<(FolderId, MessageId)>,
    /// A compose window to open once the accounts are read (a `mailto:` link).
    pending_compose: Option<crate::ui::screen::compose::Start>,
    /// The compose windows, by window id.
    composers: BTreeMap<window::Id, crate::ui::screen::compose::Compose>,
    /// The contacts index the compose windows complete addresses from, and when it was built.
    contacts: Option<std::sync::Arc<crate::store::Contacts>>,
    contacts_built: Option<std::time::Instant>,
    contacts_loading: bool,
    /// The benchmark's timing hook (off unless `POSTFACH_BENCH_TIMING=1`).
    bench: crate::ui::dev::bench::Bench,
}

impl App {
    /// The app and its first tasks (read folders, ask the system's theme).
    pub fn new(boot: Boot) -> (App, Task<Message>) {
        let mut banners = Banners::default();
        if let Some(warning) = &boot.config_warning {
            banners.error(fl!("ui-config-warning", detail = warning.to_string()));
        }
        let mut list = List::default();
        list.set_viewport_height(boot.config.window.height);
        let mut reader = Reader::default();
        reader.set_formatted(boot.config.formatted);
        let app = App {
            layout: Layout::new(boot.config.window, boot.config.panes),
            db: boot.db,
            config: boot.config,
            fetcher: boot.fetcher,
            sender: boot.sender,
            system_mode: Mode::None,
            accounts: Vec::new(),
            screen: Screen::Mail,
            modal: None,
            last_move: None,
            sidebar: Sidebar::default(),
            list,
            reader,
            toolbar: Toolbar::default(),
            workers: Workers::default(),
            senders: Senders::default(),
            banners,
            status: String::new(),
            search_generation: 0,
            dropped: Vec::new(),
            tls_questions: BTreeMap::new(),
            loaded_once: false,
            pending_open: None,
            pending_compose: None,
            composers: BTreeMap::new(),
            contacts: None,
            contacts_built: None,
            contacts_loading: false,
            bench: crate::ui::dev::bench::Bench::from_env(),
        };
        let load = app_load(&app.db);
        let theme = iced::system::theme().map(Message::SystemTheme);
        let sweep = reader::sweep_drag_copies();
        (app, Task::batch([load, theme, sweep]))
    }

    /// Handles a message: each arm hands it to one small method.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        let task = match message {
            Message::Sidebar(m) => self.on_sidebar(m),
            Message::List(m) => self.on_list(m),
            Message::Reader(m) => self.on_reader(m),
            Message::Toolbar(m) => self.on_toolbar(m),
            Message::Banner(m) => self.on_banner(m),
            Message::Worker(e) => self.on_worker(e),
            Message::Sender(e) => self.on_sender(e),
            Message::Loaded(result) => self.on_loaded(result),
            Message::Changed(result) => self.on_changed(result),
            Message::ExportTo(format, path) => self.export_to(format, path),
            Message::MoveTo(m) => self.on_move_to(m),
            Message::Folder(m) => self.on_folder_dialog(m),
            Message::FolderDone(result) => self.on_folder_done(result),
            Message::SearchDue(generation) => self.on_search_due(generation),
            Message::Key(key, modifiers) => self.on_key(key, modifiers),
            Message::FileDropped(path) => self.on_file_dropped(path),
            Message::ImportDue => self.import_dropped(),
            Message::Imported(result) => self.on_imported(result),
            Message::Resized(size) => self.on_resized(size),
            Message::PaneResized(e) => {
                self.layout.split_dragged(e.split, e.ratio);
                Task::none()
            }
            Message::SystemTheme(mode) => {
                self.system_mode = mode;
                Task::none()
            }
            Message::Settings(m) => self.on_settings(m),
            Message::Wizard(m) => self.on_wizard(m),
            Message::Trust(m) => self.on_trust(m),
            Message::OpenSettings(page) => self.open_settings(page),
            Message::AddAccount => self.open_wizard(),
            Message::ConfigSaved(result) => self.on_config_saved(result),
            Message::Pinned(result) => self.on_pinned(*result),
            Message::OpenedFile(Ok(row)) => {
                self.list_action(list::Action::Open(row.into(), Task::none()))
            }
            Message::OpenedFile(Err(e)) => self.store_failed(e),
            Message::Quit => self.quit(),
            Message::Window(id, input) => self.on_window_input(id, input),
            Message::CloseRequested(id) => self.on_close_requested(id),
            Message::Compose(id, m) => self.on_compose(id, m),
            Message::ComposeReady(result) => self.on_compose_ready(result),
            Message::ComposeTick => self.on_compose_tick(),
            Message::ContactsReady(result) => self.on_contacts(result),
            Message::Bench(signal) => self.bench.update(signal),
        };
        self.bench.observe(&self.list, &self.reader);
        task
    }

    /// [`App::subscription`] and, while the benchmark hook waits for a frame, its frame clock.
    pub fn subscription_with_bench(&self) -> iced::Subscription<Message> {
        iced::Subscription::batch([
            self.subscription(),
            self.bench.subscription().map(Message::Bench),
        ])
    }

    // --- accessors (tests and the view) ---

    /// The sidebar.
    pub fn sidebar(&self) -> &Sidebar {
        &self.sidebar
    }
    /// The message list.
    pub fn list(&self) -> &List {
        &self.list
    }
    /// The dialog over the mail screen, if one is open.
    pub fn modal(&self) -> Option<&Modal> {
        self.modal.as_ref()
    }
    /// The reader.
    pub fn reader(&self) -> &Reader {
        &self.reader
    }
    /// The banners.
    pub fn banners(&self) -> &Banners {
        &self.banners
    }
    /// The status line.
    pub fn status(&self) -> &str {
        &self.status
    }
    /// The preferences as they would be saved now (window size and pane widths included).
    pub fn config(&self) -> Config {
        let mut config = self.config.clone();
        let size = self.layout.window();
        config.window = config::WindowSize {
            width: size.width,
            height: size.height,
        };
        config.panes = self.layout.widths();
        config
    }

    // --- panes ---

    fn on_sidebar(&mut self, message: sidebar::Message) -> Task<Message> {
        match self.sidebar.update(message) {
            sidebar::Action::None => Task::none(),
            sidebar::Action::Select(scope) => {
                self.reader.clear();
                self.toolbar.update(toolbar::Message::ClearSearch);
                self.list.show(scope, &self.db).map(Message::List)
            }
            sidebar::Action::Fetch(account) => {
                self.workers.fetch(account);
                Task::none()
            }
            sidebar::Action::Settings(account) => {
                self.open_settings(settings_screen::Page::Account(account))
            }
            sidebar::Action::Drop(folder) => self.dropped_on(folder),
            sidebar::Action::NewFolder => self.open_folder_dialog(None),
            sidebar::Action::Manage(folder) => self.open_folder_dialog(Some(folder)),
        }
    }

    fn on_list(&mut self, message: list::Message) -> Task<Message> {
        let action = self.list.update(message, &self.db);
        self.list_action(action)
    }

    fn list_action(&mut self, action: list::Action) -> Task<Message> {
        match action {
            list::Action::None => Task::none(),
            list::Action::Run(task) => task.map(Message::List),
            list::Action::Open(row, scroll) => {
                let mark = if row.seen {
                    Task::none()
                } else {
                    self.set_seen(vec![row.id], true)
                };
                let kind = self.sidebar.folder(row.folder).map(|f| f.kind);
                let open = self.reader.open(*row, kind, &self.db).map(Message::Reader);
                Task::batch([scroll.map(Message::List), open, mark])
            }
            list::Action::Selected(count, task) => {
                self.reader.show_selected(count);
                task.map(Message::List)
            }
            list::Action::Failed(e) => self.store_failed(e),
            list::Action::Command(command) => self.menu_command(command),
        }
    }

    fn on_reader(&mut self, message: reader::Message) -> Task<Message> {
        match self.reader.update(message) {
            reader::Action::None => Task::none(),
            reader::Action::Run(task) => task.map(Message::Reader),
            reader::Action::Notice(text) => {
                self.status = text;
                Task::none()
            }
            reader::Action::Error(e) => {
                tracing::warn!(error = %e, "reader");
                self.banners.error(e.user_message());
                Task::none()
            }
            reader::Action::Outbox(id, reader::OutboxChoice::Edit) => {
                self.compose(crate::ui::screen::compose::Start::Unqueue(id))
            }
            reader::Action::Outbox(id, choice) => self.outbox_choice(id, choice),
            reader::Action::Compose(start) => self.compose(start),
            reader::Action::Formatted(on, load) => {
                self.config.formatted = on;
                let load = load.map_or_else(Task::none, |t| t.map(Message::Reader));
                Task::batch([self.save_config(), load])
            }
        }
    }

    fn on_toolbar(&mut self, message: toolbar::Message) -> Task<Message> {
        match self.toolbar.update(message) {
            toolbar::Action::None => Task::none(),
            toolbar::Action::GetMessages => self.get_messages(),
            toolbar::Action::Write => self.compose(crate::ui::screen::compose::Start::New(None)),
            toolbar::Action::Answer(answer) => self.answer_selected(answer),
            toolbar::Action::Cancel => {
                self.workers.cancel_all();
                Task::none()
            }
            toolbar::Action::Delete => self.delete_selected(),
            toolbar::Action::SetSeen(seen) => self.set_seen_selected(seen),
            toolbar::Action::Organise(tool) => self.tool(tool),
            toolbar::Action::Search(query) => self.search_changed(query),
            toolbar::Action::OpenSettings => self.open_settings(settings_screen::Page::General),
        }
    }

    // --- store work ---

    fn on_loaded(&mut self, result: Result<(Vec<Folder>, Vec<Account>), Error>) -> Task<Message> {
        let (folders, accounts) = match result {
            Ok(v) => v,
            Err(e) => return self.store_failed(e),
        };
        self.workers.set_accounts(&accounts);
        self.senders.set_accounts(&accounts);
        let first_load = !self.loaded_once;
        let first_start = first_load && accounts.is_empty();
        self.loaded_once = true;
        if first_start && !matches!(self.screen, Screen::Wizard { .. }) {
            self.screen = Screen::Wizard {
                wizard: Box::new(Wizard::new(true).0),
                over: None,
            };
        }
        let settings_task = match self.settings_mut() {
            Some(s) => s.accounts_changed(&accounts).map(Message::Settings),
            None => Task::none(),
        };
        self.accounts = accounts;
        self.sidebar.set(folders);
        let selection = self.select_after_load();
        let sweep = if first_load {
            sweep_bodies(&self.db)
        } else {
            Task::none()
        };
        let compose = match self.pending_compose.take() {
            Some(start) if !self.accounts.is_empty() => self.compose(start),
            _ => Task::none(),
        };
        Task::batch([settings_task, selection, sweep, compose])
    }

    /// Shows `folder` with `message` in the reader as soon as the folders are read (mail files
    /// opened from the desktop: the last one opened).
    pub fn show_opened_after_load(&mut self, folder: FolderId, message: MessageId) {
        self.pending_open = Some((folder, message));
    }

    /// After folders were read: keep the folder shown, or show the default one.
    fn select_after_load(&mut self) -> Task<Message> {
        if let Some((id, message)) = self.pending_open.take()
            && self.sidebar.folder(id).is_some()
        {
            let scope = crate::store::Scope::Folder(id);
            self.sidebar.select(scope);
            self.reader.clear();
            let db = self.db.clone();
            let read = Task::perform(
                async move { db.call(move |s| Ok(s.message(message)?)).await },
                Message::OpenedFile,
            );
            return Task::batch([self.list.show(scope, &self.db).map(Message::List), read]);
        }
        let still_there = match self.sidebar.selected() {
            Some(crate::store::Scope::Folder(id)) => self.sidebar.folder(id).is_some(),
            Some(_) => true,
            None => false,
        };
        if still_there {
            return Task::none();
        }
        match self.sidebar.default_scope(&self.accounts) {
            Some(scope) => {
                self.sidebar.select(scope);
                self.reader.clear();
                self.list.show(scope, &self.db).map(Message::List)
            }
            None => Task::none(),
        }
    }

    /// Reads folders and the list again (new mail, a delete, an import).
    fn refresh(&mut self) -> Task<Message> {
        Task::batch([
            app_load(&self.db),
            self.list.reload(&self.db).map(Message::List),
        ])
    }

    fn set_seen(&mut self, ids: Vec<MessageId>, seen: bool) -> Task<Message> {
        self.list.set_seen(&ids, seen);
        self.reader.set_seen(&ids, seen);
        let db = self.db.clone();
        Task::perform(
            async move {
                let change = Change::Seen(ids.clone(), seen);
                db.call(move |s| Ok(s.set_seen(&ids, seen)?))
                    .await
                    .map(|()| change)
            },
            Message::Changed,
        )
    }

    fn on_resized(&mut self, size: Size) -> Task<Message> {
        self.layout.resized(size);
        Task::none()
    }

    fn quit(&mut self) -> Task<Message> {
        self.save_all_drafts();
        if let Err(e) = self.config().save(self.db.data_dir()) {
            tracing::warn!("cannot save the preferences: {e}");
        }
        self.workers.shutdown();
        self.senders.shutdown();
        let _ = reader::remove_drag_copies(reader::Leftovers::Mine);
        iced::exit()
    }
}

/// Reads folders (with counts) and accounts.
pub(crate) fn app_load(db: &Db) -> Task<Message> {
    let db = db.clone();
    Task::perform(
        async move { db.call(|s| Ok((s.folders()?, s.accounts()?))).await },
        Message::Loaded,
    )
}

/// Once the folders are read at start, off the UI thread and on a connection of its own (so the
/// list never waits for it): removes message bytes left behind by a crash between a body's
/// commit and its message's (see `store::bodies`). Nothing the user sees depends on it.
fn sweep_bodies(db: &Db) -> Task<Message> {
    let data_dir = db.data_dir().to_path_buf();
    Task::perform(
        db::blocking(move || {
            let mut store = crate::store::Store::open_in(&data_dir)?;
            Ok(store.sweep_bodies(crate::ui::widget::format::now())?)
        }),
        |removed| tracing::debug!(?removed, "bodies sweep"),
    )
    .discard()
}
