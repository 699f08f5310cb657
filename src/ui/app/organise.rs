//! Organising the selected messages: "Move to…" (the folder picker), Archive (into the yearly
//! archive), Junk and Not junk, and Ctrl+Z, which undoes the last move of this session. Each is
//! one store transaction on the store's thread, however many messages are selected (a whole
//! folder of 100,000 goes as "all of this folder", not as ids).

use iced::Task;

use crate::fl;
use crate::store::{FolderId, Moved, Scope, Selection, Store};
use crate::ui::app::{App, Change, Message, Modal};
use crate::ui::dialog::move_to::{self, Chosen, Picker};
use crate::ui::screen::action;
use crate::ui::screen::mail::list::{self, Target};
use crate::ui::screen::mail::sidebar::folder_name;
use crate::ui::screen::mail::toolbar::Tool;
use crate::ui::widget::format;

/// What to do with the selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Organise {
    MoveTo(FolderId),
    CopyTo(FolderId),
    Archive,
    Junk,
    NotJunk,
}

/// What an organising action did (for the status line and for undo).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Organised {
    /// Moved (also archived, junked, not-junked) into the folder named; undoable.
    Moved(Organise, Moved, String),
    Copied(FolderId, usize),
    /// The last move was taken back: how many messages went back.
    Undone(usize),
    /// The rules ran over the selection.
    RulesRan(crate::rules::FilterReport),
}

impl App {
    /// A toolbar button, key or menu entry for the selection.
    pub(super) fn tool(&mut self, tool: Tool) -> Task<Message> {
        match tool {
            Tool::MoveTo => self.open_move_to(),
            Tool::Archive => self.organise_selected(Organise::Archive),
            Tool::Junk => self.organise_selected(Organise::Junk),
            Tool::NotJunk => self.organise_selected(Organise::NotJunk),
            Tool::RunRules => self.run_rules_on_selection(),
        }
    }

    /// "Run rules now" on the selected messages, on a store connection of its own (many
    /// messages take a while; the window keeps working).
    fn run_rules_on_selection(&mut self) -> Task<Message> {
        let Some(target) = self.list.target() else {
            return Task::none();
        };
        let dir = self.db.data_dir().to_path_buf();
        // said until the result replaces it (a large selection takes a moment)
        self.status = fl!("rules-running-selection", count = self.list.selection_len());
        Task::perform(
            crate::ui::service::db::blocking(move || {
                let mut store = Store::open_in(&dir)?;
                let Some(selection) = selection(&store, target)? else {
                    return Ok(Change::Stale);
                };
                let report = crate::rules::run_rules(&mut store, &selection, None, &mut |_, _| {})
                    .map_err(|e| crate::ui::service::db::Error::Internal(e.to_string()))?;
                Ok(Change::Organised(Organised::RulesRan(report)))
            }),
            Message::Changed,
        )
    }

    /// The dragged selection was let go over `folder`: moved there (copied with Ctrl held; into
    /// a Trash it is deleted as the Delete key does).
    pub(super) fn dropped_on(&mut self, folder: FolderId) -> Task<Message> {
        if !self.list.dragging() {
            return Task::none();
        }
        self.list.end_drag();
        if self.list.scope() == Some(Scope::Folder(folder)) {
            return Task::none();
        }
        let kind = self.sidebar.folder(folder).map(|f| f.kind);
        if kind == Some(crate::store::FolderKind::Trash) {
            return self.delete_selected();
        }
        self.organise_selected(if self.list.copy_held() {
            Organise::CopyTo(folder)
        } else {
            Organise::MoveTo(folder)
        })
    }

    /// Escape over a dialog: closed as its Cancel does.
    pub(super) fn dismiss_modal(&mut self) -> Task<Message> {
        match &self.modal {
            Some(Modal::MoveTo(_)) => self.on_move_to(move_to::Message::Cancel),
            Some(Modal::Trust(..)) => self.on_trust(crate::ui::dialog::trust::Message::Cancel),
            Some(Modal::Folder(_)) => {
                self.on_folder_dialog(crate::ui::dialog::folder::Message::Cancel)
            }
            None => Task::none(),
        }
    }

    /// Opens "Move to…" for the selection.
    pub(super) fn open_move_to(&mut self) -> Task<Message> {
        if self.list.selection_len() == 0 {
            return Task::none();
        }
        let shown = match self.list.scope() {
            Some(Scope::Folder(id)) => Some(id),
            _ => None,
        };
        let (picker, focus) = Picker::new(self.sidebar.folders(), &self.accounts, shown);
        self.modal = Some(Modal::MoveTo(picker));
        focus.map(Message::MoveTo)
    }

    pub(super) fn on_move_to(&mut self, message: move_to::Message) -> Task<Message> {
        let Some(Modal::MoveTo(picker)) = &mut self.modal else {
            return Task::none();
        };
        match picker.update(message) {
            action::Action::None => Task::none(),
            action::Action::Run(task) => task.map(Message::MoveTo),
            action::Action::Outcome(chosen) => {
                self.modal = None;
                match chosen {
                    Some(Chosen { folder, copy: true }) => {
                        self.organise_selected(Organise::CopyTo(folder))
                    }
                    Some(Chosen { folder, .. }) => self.organise_selected(Organise::MoveTo(folder)),
                    None => Task::none(),
                }
            }
        }
    }

    /// Moves, copies, archives or (un)junks the selected messages.
    pub(super) fn organise_selected(&mut self, what: Organise) -> Task<Message> {
        let Some(target) = self.list.target() else {
            return Task::none();
        };
        tracing::debug!(
            ?what,
            count = self.list.selection_len(),
            "organising the selection"
        );
        let db = self.db.clone();
        let now = format::now();
        let archive = fl!("ui-archive-name");
        Task::perform(
            async move {
                db.call(move |s| {
                    let Some(selection) = selection(s, target)? else {
                        return Ok(Change::Stale);
                    };
                    let done = match what {
                        Organise::MoveTo(f) => {
                            Organised::Moved(what, s.move_messages(&selection, f)?, String::new())
                        }
                        Organise::CopyTo(f) => {
                            Organised::Copied(f, s.copy_messages(&selection, f)?.len())
                        }
                        Organise::Archive => Organised::Moved(
                            what,
                            s.archive_messages(&selection, &archive)?,
                            String::new(),
                        ),
                        Organise::Junk => {
                            Organised::Moved(what, s.mark_junk(&selection)?, String::new())
                        }
                        Organise::NotJunk => {
                            Organised::Moved(what, s.mark_not_junk(&selection, now)?, String::new())
                        }
                    };
                    // the folder's name as it is now (an archive's year may be new)
                    let done = match done {
                        Organised::Moved(what, moved, _) => {
                            let to = moved.entries.first().map(|e| e.to);
                            let name = s
                                .folders()?
                                .iter()
                                .find(|f| Some(f.id) == to)
                                .map(folder_name)
                                .unwrap_or_default();
                            Organised::Moved(what, moved, name)
                        }
                        other => other,
                    };
                    Ok(Change::Organised(done))
                })
                .await
            },
            Message::Changed,
        )
    }

    /// Ctrl+Z: takes the last move of this session back.
    pub(super) fn undo_last_move(&mut self) -> Task<Message> {
        let Some(moved) = self.last_move.take() else {
            return Task::none();
        };
        let db = self.db.clone();
        Task::perform(
            async move {
                db.call(move |s| Ok(Change::Organised(Organised::Undone(s.undo_move(&moved)?))))
                    .await
            },
            Message::Changed,
        )
    }

    /// What an organising action did: said in the status line; a move can be undone.
    pub(super) fn on_organised(&mut self, done: Organised) -> Task<Message> {
        let name =
            |app: &App, id: FolderId| app.sidebar.folder(id).map(folder_name).unwrap_or_default();
        self.status = match &done {
            Organised::Moved(what, moved, to) => {
                let count = moved.len();
                let to = to.clone();
                match what {
                    Organise::Junk => fl!("ui-junked", count = count),
                    Organise::NotJunk => fl!("ui-not-junked", count = count),
                    Organise::Archive => fl!("ui-archived", count = count, folder = to),
                    _ => fl!("ui-moved", count = count, folder = to),
                }
            }
            Organised::Copied(folder, count) => {
                fl!(
                    "ui-msgs-copied",
                    count = (*count),
                    folder = name(self, *folder)
                )
            }
            Organised::Undone(count) => fl!("ui-move-undone", count = (*count)),
            Organised::RulesRan(r) => {
                let moved: usize = r.moved + r.junk;
                fl!(
                    "rules-ran",
                    checked = r.checked,
                    moved = moved,
                    copied = r.copied,
                    trashed = r.trashed
                )
            }
        };
        match done {
            Organised::Moved(_, moved, _) if !moved.is_empty() => {
                self.last_move = Some(moved);
                self.reader.clear();
                self.list.select_next_after_reload();
            }
            _ => {}
        }
        self.refresh()
    }
}

/// The store's selection for what the list had selected: everything of the list's folder as
/// one "all of it" (a whole folder of 100,000 is not looked up row by row), else the ids;
/// `None` when the list changed since.
pub(super) fn selection(
    store: &Store,
    target: Target,
) -> Result<Option<Selection>, crate::store::Error> {
    if let Target::Positions {
        scope, len, ranges, ..
    } = &target
        && let [(0, last)] = ranges.as_slice()
        && last + 1 == *len
    {
        if store.count(scope, false)? != *len {
            return Ok(None);
        }
        return Ok(Some(Selection::All {
            scope: *scope,
            unread_only: false,
        }));
    }
    Ok(list::resolve(store, target)?.map(Selection::Ids))
}
