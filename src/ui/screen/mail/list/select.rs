//! Selecting several rows as a mail user expects: Ctrl+click toggles a row, Shift+click selects
//! up to the clicked row, Shift+Up/Down extends, Ctrl+A selects every row in view.
//!
//! The selection is a set of positions in the list ([`Ranges`]), so selecting all of 100,000
//! messages costs one range and no rows are read for it. The messages behind the positions are
//! looked up only when the user acts on them ([`resolve`], off the UI thread), and only if the
//! list is still the one the user selected in: a list that changed underneath (new mail) drops a
//! selection of several rows rather than act on rows the user never saw selected.

use iced::Task;

use crate::store::{ListQuery, MessageId, Scope, Store};
use crate::ui::screen::mail::list::{Action, List, Message, Ranges, Selected};
use crate::ui::service::db::Db;

/// Rows read per store call while resolving a selection.
const RESOLVE_CHUNK: u32 = 2_000;
/// At most this many rows already on screen are checked against the store when resolving.
const CHECKED_ROWS: usize = 64;

/// The messages a toolbar action applies to.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// These messages (all of them were on screen).
    Ids(Vec<MessageId>),
    /// The rows at these positions of `scope`'s list, which had `len` rows when they were
    /// selected; `known` holds rows seen on screen, to check the list is still the same.
    Positions {
        scope: Scope,
        len: u64,
        ranges: Ranges,
        known: Vec<(u64, MessageId)>,
    },
}

/// The messages `target` stands for; `None` when the list changed since the rows were selected
/// (then nothing should be done). Blocks: run it in the store's thread.
pub fn resolve(
    store: &Store,
    target: Target,
) -> Result<Option<Vec<MessageId>>, crate::store::Error> {
    let (scope, len, ranges, known) = match target {
        Target::Ids(ids) => return Ok(Some(ids)),
        Target::Positions {
            scope,
            len,
            ranges,
            known,
        } => (scope, len, ranges, known),
    };
    if store.count(&scope, false)? != len {
        return Ok(None);
    }
    let mut ids = Vec::new();
    let mut checks = known.iter().peekable();
    for &(first, last) in ranges.as_slice() {
        let mut offset = first;
        while offset <= last {
            let limit = u32::try_from((last - offset + 1).min(u64::from(RESOLVE_CHUNK)))
                .unwrap_or(RESOLVE_CHUNK);
            let rows = store.list(&ListQuery {
                scope,
                unread_only: false,
                offset,
                limit,
            })?;
            if rows.is_empty() {
                return Ok(None);
            }
            for row in &rows {
                while let Some(&&(at, id)) = checks.peek() {
                    if at > offset {
                        break;
                    }
                    if at == offset && id != row.id {
                        return Ok(None);
                    }
                    let _ = checks.next();
                }
                ids.push(row.id);
                offset += 1;
            }
        }
    }
    Ok(Some(ids))
}

impl List {
    /// How many rows are selected.
    pub fn selection_len(&self) -> u64 {
        self.selection.len()
    }

    /// Whether the row at `index` (with id `id`) is shown as selected.
    pub fn is_selected(&self, index: u64, id: MessageId) -> bool {
        match (self.selection.len(), self.selected) {
            (0, _) => false,
            // One row: follow the message, so new mail above it does not move the highlight.
            (1, Some(s)) if self.selection.contains(s.index) => s.id == id,
            _ => self.selection.contains(index),
        }
    }

    /// For the read/unread button: `Some(false)` when a selected row on screen is unread,
    /// `Some(true)` when all of them are read, `None` when nothing is selected.
    pub fn selection_seen(&self) -> Option<bool> {
        if self.selection.is_empty() {
            return None;
        }
        let mut any = false;
        for (index, row) in self.loaded() {
            if self.is_selected(index, row.id) {
                if !row.seen {
                    return Some(false);
                }
                any = true;
            }
        }
        Some(any || self.selection.len() > 1)
    }

    /// Marks the selected rows on screen read or unread (the store is written by the caller).
    pub fn set_seen_selected(&mut self, seen: bool) {
        let selection = self.selection.clone();
        let single = self.selected.filter(|_| selection.len() == 1);
        let mark = |index: u64, row: &mut crate::store::MessageRow| {
            let hit = match single {
                Some(s) => s.id == row.id,
                None => selection.contains(index),
            };
            if hit {
                row.seen = seen;
            }
        };
        match &mut self.search {
            Some(s) => {
                for (i, row) in s.rows.iter_mut().enumerate() {
                    mark(i as u64, row);
                }
            }
            None => {
                for (&page, (_, rows)) in &mut self.pages {
                    for (i, row) in rows.iter_mut().enumerate() {
                        mark(
                            page * u64::from(crate::ui::screen::mail::list::PAGE) + i as u64,
                            row,
                        );
                    }
                }
            }
        }
    }

    /// What a toolbar action on the selection applies to; `None` when nothing is selected.
    pub fn target(&self) -> Option<Target> {
        match self.selection.len() {
            0 => None,
            1 => match self.selected {
                // The focused message (the one in the reader), even if new mail moved it.
                Some(s) if self.selection.contains(s.index) => Some(Target::Ids(vec![s.id])),
                _ => {
                    let row = self.row(self.selection.first()?)?;
                    Some(Target::Ids(vec![row.id]))
                }
            },
            n => {
                let on_screen: Vec<MessageId> = self
                    .selection
                    .iter()
                    .take(usize::try_from(n).unwrap_or(usize::MAX))
                    .map_while(|i| self.row(i).map(|r| r.id))
                    .collect();
                if on_screen.len() as u64 == n {
                    return Some(Target::Ids(on_screen));
                }
                let known = self
                    .loaded()
                    .filter(|(i, _)| self.selection.contains(*i))
                    .take(CHECKED_ROWS)
                    .map(|(i, r)| (i, r.id))
                    .collect();
                Some(Target::Positions {
                    scope: self.scope?,
                    len: self.selected_len,
                    ranges: self.selection.clone(),
                    known,
                })
            }
        }
    }

    /// Adds the row above (`-1`) or below (`1`) the focused one to a range from the anchor.
    pub fn extend_selection(&mut self, delta: i64, db: &Db) -> Action {
        let len = self.len();
        let Some(from) = self.cursor.filter(|&c| c < len) else {
            return self.move_selection(delta, db);
        };
        let to = from.saturating_add_signed(delta).min(len - 1);
        let anchor = self.anchor.unwrap_or(from);
        self.selection = Ranges::span(anchor, to);
        self.anchor = Some(anchor);
        self.focus(to);
        let scroll = self.scroll_into_view(to);
        let load = self.ensure_loaded(db);
        self.selection_changed(Task::batch([scroll, load]))
    }

    /// Selects every row in view (the folder, or the search results).
    pub fn select_all(&mut self) -> Action {
        let len = self.len();
        if len == 0 {
            return Action::None;
        }
        self.selection = Ranges::span(0, len - 1);
        self.selected_len = len;
        self.selection_changed(Task::none())
    }

    /// A click on the row at `index`, with the modifiers held.
    pub(super) fn clicked(&mut self, index: u64, db: &Db) -> Action {
        if index >= self.len() {
            return Action::None;
        }
        let m = self.modifiers;
        if m.shift() {
            let anchor = self.anchor.or(self.cursor).unwrap_or(index);
            if !m.command() {
                self.selection = Ranges::default();
            }
            self.selection.insert(anchor, index);
            self.anchor = Some(anchor);
        } else if m.command() {
            self.selection.toggle(index);
            self.anchor = Some(index);
        } else {
            return self.select_index(index, db);
        }
        self.focus(index);
        self.selection_changed(Task::none())
    }

    /// Makes the row at `index` (with id `id`) the only one selected.
    pub(super) fn select_only(&mut self, id: MessageId, index: u64) {
        self.selected = Some(Selected { id, index });
        self.selection = Ranges::span(index, index);
        self.anchor = Some(index);
        self.cursor = Some(index);
        self.selected_len = self.len();
        self.pending = None;
    }

    pub(super) fn clear_selection(&mut self) {
        self.menu = None;
        self.selected = None;
        self.pending = None;
        self.selection = Ranges::default();
        self.anchor = None;
        self.cursor = None;
    }

    /// A selection of several rows made in a list of another length (new mail arrived).
    pub(super) fn selection_outdated(&self) -> bool {
        self.selection.len() > 1 && self.len() != self.selected_len
    }

    /// Drops the selection (the rows it meant are no longer where they were).
    pub(super) fn collapse(&mut self, task: Task<Message>) -> Action {
        tracing::debug!("the list changed under a selection of several rows; dropping it");
        self.clear_selection();
        Action::Selected(0, task)
    }

    /// Moves the focus to `index`.
    fn focus(&mut self, index: u64) {
        self.cursor = Some(index);
        self.pending = None;
        self.selected_len = self.len();
        self.selected = self.row(index).map(|r| Selected { id: r.id, index });
    }

    /// Tells the parent what the reader should show now.
    fn selection_changed(&mut self, task: Task<Message>) -> Action {
        let n = self.selection.len();
        if n == 1
            && let Some(index) = self.selection.first()
            && let Some(row) = self.row(index).cloned()
        {
            self.selected = Some(Selected { id: row.id, index });
            return Action::Open(Box::new(row), task);
        }
        Action::Selected(n, task)
    }

    /// The rows read so far with their positions.
    fn loaded(&self) -> Box<dyn Iterator<Item = (u64, &crate::store::MessageRow)> + '_> {
        match &self.search {
            Some(s) => Box::new(s.rows.iter().enumerate().map(|(i, r)| (i as u64, r))),
            None => Box::new(self.pages.iter().flat_map(|(&page, (_, rows))| {
                rows.iter().enumerate().map(move |(i, r)| {
                    (
                        page * u64::from(crate::ui::screen::mail::list::PAGE) + i as u64,
                        r,
                    )
                })
            })),
        }
    }
}
