//! Settings → "Import and export": the mail of Thunderbird's POP3 accounts and Local Folders
//! (found in its profiles, ticked by the user), any mbox, Maildir or folder of `.eml` files,
//! and all mail out as a Maildir tree. Imports run on a thread of their own with their own store
//! connection (the window keeps working), with a progress bar and a Cancel button; what was
//! imported before a cancel stays, and running the same import again finishes it.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use iced::widget::{Column, column, progress_bar, row, text};
use iced::{Alignment, Element, Fill, Task};

use crate::fl;
use crate::import::files::{Progress, Report, import_paths};
use crate::import::state::Program;
use crate::import::thunderbird::{self, Profile};
use crate::ui::screen::action;
use crate::ui::screen::settings::state_file;
use crate::ui::service::background::{self, Step};
use crate::ui::service::db::{self, Db};
use crate::ui::widget::form;
use crate::ui::widget::icon::Icon;
use crate::ui::widget::theme;

/// What the user does on the page, and finished work.
#[derive(Debug, Clone)]
pub enum Message {
    /// Thunderbird's profiles, as found.
    Profiles(Vec<Profile>),
    /// A Thunderbird mail folder (its path, its account's name) was ticked or unticked.
    Toggle(PathBuf, String, bool),
    ImportTicked,
    PickFile,
    PickFolder,
    /// The file dialog answered (nothing when it was closed).
    Picked(Option<PathBuf>),
    Import(Event),
    Cancel,
    ExportMaildir,
    ExportTo(Option<PathBuf>),
    Exported(Result<(u64, PathBuf), String>),
    /// "Already downloaded by another program": the account, the program, then its file.
    StateAccount(crate::store::AccountId),
    StateProgram(Program),
    PickState,
    StateFile(Option<PathBuf>),
    StateDone(Result<String, String>),
    /// How many messages of the account chosen are known, not stored here.
    KnownCount(crate::store::AccountId, u64),
    /// "Download these too": forget them, so the next fetch takes them in.
    ForgetKnown,
}

/// An account in a drop-down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountChoice(pub crate::store::AccountId, pub String);

impl std::fmt::Display for AccountChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.1)
    }
}

/// What an import running on its thread tells: how far it is, then what it did.
pub type Event = Step<Progress, Result<Report, String>>;

/// What the parent should do; the outcome: folders were added or filled.
pub type Action = action::Action<Message, Imported>;

/// Folders were added or filled: the sidebar and the list read them again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Imported;

/// The page's state.
#[derive(Debug, Default)]
pub struct Transfer {
    profiles: Option<Vec<Profile>>,
    /// Thunderbird mail folders ticked, with their account's name (the local folder made).
    ticked: BTreeMap<PathBuf, String>,
    running: Option<Running>,
    /// What the last import or export did, in words.
    result: Option<String>,
    state_account: Option<crate::store::AccountId>,
    state_program: Option<Program>,
    /// What taking over another program's state did, in words.
    state_result: Option<String>,
    /// The chosen account's messages known as downloaded by another program, not stored here.
    known: Option<u64>,
}

#[derive(Debug)]
struct Running {
    progress: Progress,
    cancel: Arc<AtomicBool>,
}

impl Transfer {
    /// Looks for Thunderbird's profiles off the UI thread.
    pub fn load() -> Task<Message> {
        Task::perform(
            db::blocking(|| Ok(thunderbird::profiles(&thunderbird::default_roots()))),
            |r| Message::Profiles(r.unwrap_or_default()),
        )
    }

    /// An import is running.
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// What the last import or export did.
    pub fn result(&self) -> Option<&str> {
        self.result.as_deref()
    }

    pub fn update(&mut self, message: Message, db: &Db) -> Action {
        match message {
            Message::Profiles(profiles) => {
                self.profiles = Some(profiles);
                Action::None
            }
            Message::Toggle(path, name, on) => {
                if on {
                    self.ticked.insert(path, name);
                } else {
                    self.ticked.remove(&path);
                }
                Action::None
            }
            Message::ImportTicked => {
                let sources = self
                    .ticked
                    .iter()
                    .map(|(path, name)| (path.clone(), Some(name.clone())))
                    .collect();
                self.start(sources, db)
            }
            Message::PickFile => pick(false, Message::Picked),
            Message::PickFolder => pick(true, Message::Picked),
            Message::Picked(Some(path)) => self.start(vec![(path, None)], db),
            Message::Picked(None) | Message::ExportTo(None) => Action::None,
            Message::Import(Step::Progress(p)) => {
                if let Some(r) = &mut self.running {
                    r.progress = p;
                }
                Action::None
            }
            Message::Import(Step::Done(result)) => {
                self.running = None;
                self.result = Some(match &result {
                    Ok(report) => summary(report),
                    Err(detail) => fl!("settings-import-failed", detail = detail.as_str()),
                });
                Action::Outcome(Imported)
            }
            Message::Cancel => {
                if let Some(r) = &self.running {
                    r.cancel.store(true, Ordering::Relaxed);
                }
                Action::None
            }
            Message::ExportMaildir => pick(true, Message::ExportTo),
            Message::ExportTo(Some(dir)) => {
                let db = db.clone();
                Action::Run(Task::perform(
                    async move {
                        let target = dir.clone();
                        db.call(move |s| {
                            crate::export::to_maildir(s, &target)
                                .map_err(|e| crate::ui::service::db::Error::Internal(e.to_string()))
                        })
                        .await
                        .map(|n| (n, dir))
                        .map_err(|e| e.to_string())
                    },
                    Message::Exported,
                ))
            }
            Message::StateAccount(id) => {
                self.state_account = Some(id);
                self.known = None;
                known_count(db, id)
            }
            Message::KnownCount(id, n) => {
                if self.state_account == Some(id) {
                    self.known = Some(n);
                }
                Action::None
            }
            Message::ForgetKnown => {
                let Some(account) = self.state_account else {
                    return Action::None;
                };
                let db = db.clone();
                Action::Run(Task::perform(
                    async move {
                        db.call(move |s| {
                            let n = s.forget_known(account, None)?;
                            let name = s.account(account)?.settings.name;
                            Ok(fl!("cli-state-forgotten", count = n, account = name))
                        })
                        .await
                        .map_err(|e| e.to_string())
                    },
                    Message::StateDone,
                ))
            }
            Message::StateProgram(p) => {
                self.state_program = Some(p);
                Action::None
            }
            Message::PickState => {
                // the dialog opens where the program keeps its state
                let Some(program) = self.state_program else {
                    return Action::None;
                };
                Action::Run(Task::perform(
                    state_file::pick_file(program, None, String::new(), String::new()),
                    Message::StateFile,
                ))
            }
            Message::StateFile(None) => Action::None,
            Message::StateFile(Some(path)) => {
                let (Some(account), Some(program)) = (self.state_account, self.state_program)
                else {
                    return Action::None;
                };
                let db = db.clone();
                let now = crate::ui::widget::format::now();
                Action::Run(Task::perform(
                    async move {
                        db.call(move |s| take_over_state(s, account, program, &path, now))
                            .await
                            .map_err(|e| e.to_string())
                    },
                    Message::StateDone,
                ))
            }
            Message::StateDone(result) => {
                self.state_result = Some(match result {
                    Ok(words) | Err(words) => words,
                });
                match self.state_account {
                    Some(id) => known_count(db, id),
                    None => Action::None,
                }
            }
            Message::Exported(result) => {
                self.result = Some(match result {
                    Ok((n, dir)) => fl!(
                        "settings-export-done",
                        count = n,
                        path = dir.display().to_string()
                    ),
                    Err(detail) => fl!("settings-export-failed", detail = detail),
                });
                Action::None
            }
        }
    }

    /// Imports `sources` on a thread of its own, one after another.
    fn start(&mut self, sources: Vec<(PathBuf, Option<String>)>, db: &Db) -> Action {
        if self.running.is_some() || sources.is_empty() {
            return Action::None;
        }
        let cancel = Arc::new(AtomicBool::new(false));
        self.running = Some(Running {
            progress: Progress::default(),
            cancel: Arc::clone(&cancel),
        });
        self.result = None;
        let data_dir = db.data_dir().to_path_buf();
        let now = crate::ui::widget::format::now();
        let spawned = background::spawn("postfach-import", move |progress| {
            import_paths(&data_dir, &sources, now, &cancel, |p| progress(p.clone()))
                .map_err(|e| e.to_string())
        });
        match spawned {
            Ok(task) => Action::Run(task.map(Message::Import)),
            Err(e) => {
                self.running = None;
                self.result = Some(fl!("settings-import-failed", detail = e.to_string()));
                Action::None
            }
        }
    }

    /// "Already downloaded by another program" (its state taken over for an account).
    fn state_view<'a>(&'a self, accounts: &'a [crate::store::Account]) -> Element<'a, Message> {
        let choices: Vec<AccountChoice> = accounts
            .iter()
            .map(|a| AccountChoice(a.id, a.settings.name.clone()))
            .collect();
        let chosen = choices
            .iter()
            .find(|c| Some(c.0) == self.state_account)
            .cloned();
        let ready = self.state_account.is_some() && self.state_program.is_some();
        let mut body = column![
            form::small(fl!("settings-state-hint")),
            row![
                form::pick_maybe(choices, chosen, fl!("settings-state-account"), |c| {
                    Message::StateAccount(c.0)
                }),
                state_file::program_pick(self.state_program, Message::StateProgram),
                form::secondary(
                    fl!("settings-state-file"),
                    ready.then_some(Message::PickState)
                ),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        ]
        .spacing(10);
        if let Some(n) = self.known.filter(|n| *n > 0) {
            body = body.push(
                row![
                    text(fl!("settings-state-known", count = n)).size(theme::TEXT),
                    form::secondary(fl!("settings-state-forget"), Some(Message::ForgetKnown)),
                ]
                .spacing(12)
                .align_y(Alignment::Center),
            );
        }
        if let Some(result) = &self.state_result {
            body = body.push(text(result.as_str()).size(theme::TEXT));
        }
        form::section(Icon::CircleCheck, fl!("settings-state"), body)
    }

    pub fn view<'a>(&'a self, accounts: &'a [crate::store::Account]) -> Element<'a, Message> {
        let busy = self.running.is_some();
        let mut import = Column::new()
            .spacing(10)
            .push(form::small(fl!("settings-import-hint")));
        match &self.profiles {
            None => {}
            Some(profiles) if profiles.iter().all(|p| p.folders.is_empty()) => {
                import = import.push(form::small(fl!("settings-import-no-thunderbird")));
            }
            Some(profiles) => {
                import = import.push(
                    text(fl!("settings-import-thunderbird"))
                        .size(theme::TEXT)
                        .font(theme::BOLD),
                );
                for profile in profiles {
                    for folder in &profile.folders {
                        let ticked = self.ticked.contains_key(&folder.path);
                        let path = folder.path.clone();
                        let name = crate::text::safe_line(&folder.name).replace('/', "_");
                        let label = fl!(
                            "settings-import-tb-folder",
                            name = crate::text::safe_line(&folder.name),
                            profile = crate::text::safe_line(&profile.name)
                        );
                        import = import.push(form::check(label, ticked, move |on| {
                            Message::Toggle(path.clone(), name.clone(), on)
                        }));
                    }
                }
                import = import.push(row![
                    form::fill(),
                    form::primary(
                        fl!("settings-import-ticked"),
                        (!busy && !self.ticked.is_empty()).then_some(Message::ImportTicked)
                    ),
                ]);
            }
        }
        import = import.push(
            row![
                form::icon_button(
                    Icon::File,
                    fl!("settings-import-file"),
                    (!busy).then_some(Message::PickFile)
                ),
                form::icon_button(
                    Icon::Folder,
                    fl!("settings-import-folder"),
                    (!busy).then_some(Message::PickFolder)
                ),
            ]
            .spacing(8),
        );
        if let Some(r) = &self.running {
            let p = &r.progress;
            let share = if p.total_bytes == 0 {
                0.0
            } else {
                p.done_bytes as f32 / p.total_bytes as f32
            };
            let percent = (p.done_bytes * 100).checked_div(p.total_bytes).unwrap_or(0);
            import = import.push(
                row![
                    progress_bar(0.0..=1.0, share).girth(8),
                    form::secondary(fl!("settings-import-cancel"), Some(Message::Cancel)),
                ]
                .spacing(12)
                .align_y(Alignment::Center),
            );
            import = import.push(form::small(fl!(
                "cli-import-progress",
                folder = crate::text::safe_line(&p.folder),
                percent = percent,
                count = p.imported
            )));
        }
        if let Some(result) = &self.result {
            import = import.push(text(result.as_str()).size(theme::TEXT));
        }
        let export = column![
            form::small(fl!("settings-export-hint")),
            row![
                form::fill(),
                form::icon_button(
                    Icon::HardDrive,
                    fl!("settings-export-maildir"),
                    Some(Message::ExportMaildir)
                ),
            ],
        ]
        .spacing(10);
        column![
            form::page_header(
                fl!("settings-nav-transfer"),
                fl!("settings-transfer-subtitle")
            ),
            form::section(Icon::Download, fl!("settings-import"), import),
            self.state_view(accounts),
            form::section(Icon::Outbox, fl!("settings-export"), export),
        ]
        .spacing(18)
        .width(Fill)
        .into()
    }
}

/// Takes over `program`'s state at `path` for `account`; the words say what happened (also when
/// nothing fits or the file cannot be read).
fn take_over_state(
    store: &mut crate::store::Store,
    account: crate::store::AccountId,
    program: Program,
    path: &std::path::Path,
    now: i64,
) -> Result<String, crate::ui::service::db::Error> {
    use crate::import::state::{TakeOverError, take_over, taken_over_words};
    let a = store.account(account)?;
    match take_over(store, &a, program, path, now) {
        Ok(done) => Ok(taken_over_words(&done, &a, program)),
        Err(TakeOverError::Read(e)) => Ok(fl!("settings-state-unreadable", detail = e.to_string())),
        Err(TakeOverError::Store(e)) => Err(e.into()),
    }
}

/// Reads how many messages of `account` another program downloaded that are not here.
fn known_count(db: &Db, account: crate::store::AccountId) -> Action {
    let db = db.clone();
    Action::Run(Task::perform(
        async move { db.call(move |s| Ok(s.known_count(account)?)).await },
        move |n| Message::KnownCount(account, n.unwrap_or(0)),
    ))
}

/// The system's file dialog for a folder or a file; `then` gets the choice.
fn pick(folder: bool, then: fn(Option<PathBuf>) -> Message) -> Action {
    Action::Run(Task::perform(
        async move {
            let dialog = rfd::AsyncFileDialog::new();
            let chosen = if folder {
                dialog.pick_folder().await
            } else {
                dialog.pick_file().await
            };
            chosen.map(|f| f.path().to_path_buf())
        },
        then,
    ))
}

/// What an import did, in words.
fn summary(r: &Report) -> String {
    let counts = r.words();
    if r.cancelled {
        format!("{counts} {}", fl!("settings-import-cancelled"))
    } else {
        counts
    }
}
