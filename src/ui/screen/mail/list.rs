//! The message list: newest first, smooth with 100,000 messages.
//!
//! Only the rows in view are built. The scrollable holds a spacer for the rows above, the visible
//! rows, and a spacer for the rows below, all of one fixed height, so its scroll bar spans the
//! whole folder. Rows are read from the store a page at a time around the scroll position, off
//! the UI thread; pages far from the view are dropped again. A reload (new mail, a delete) keeps
//! showing the old rows until the new ones arrive, so nothing flickers.

pub mod menu;
mod ranges;
mod select;
mod view;

use std::collections::{BTreeMap, BTreeSet};

use iced::keyboard::Modifiers;
use iced::widget::scrollable::{AbsoluteOffset, Viewport};
use iced::widget::{Id, operation};
use iced::{Point, Task};

use crate::store::{ListQuery, MessageId, MessageRow, Scope};
use crate::ui::service::db::{Db, Error};

pub use ranges::Ranges;
pub use select::{Target, resolve};
pub use view::sender_of;

/// Height of one row (two lines of text and padding).
pub const ROW_HEIGHT: f32 = 56.0;
/// Rows read per page.
pub const PAGE: u32 = 100;
/// Pages kept beyond those in view.
const KEEP_PAGES: u64 = 4;
/// Most search results shown.
pub const SEARCH_LIMIT: u32 = 500;

/// The scrollable's id (for scrolling a selection into view).
pub fn scroll_id() -> Id {
    Id::new("message-list")
}

/// What happens in the list.
#[derive(Debug, Clone)]
pub enum Message {
    /// The user scrolled.
    Scrolled(Viewport),
    /// The list appeared or changed its size.
    Sized(iced::Size),
    /// The number of messages in the scope arrived.
    Counted {
        generation: u64,
        total: Result<u64, Error>,
    },
    /// A page of rows arrived.
    Page {
        generation: u64,
        page: u64,
        rows: Result<Vec<MessageRow>, Error>,
    },
    /// Search results arrived.
    Searched {
        generation: u64,
        query: String,
        rows: Result<Vec<MessageRow>, Error>,
    },
    /// The user clicked the row at this position (Ctrl toggles it, Shift selects up to it).
    Clicked(u64),
    /// The keyboard's modifiers changed (they decide what a click does).
    Modifiers(Modifiers),
    /// The right button went down here (window coordinates), just before [`Message::RightClicked`].
    Pointer(Point),
    /// The user right-clicked the row at this position: select it, open the context menu.
    RightClicked(u64),
    /// Something happened in the context menu.
    Menu(menu::Message),
    /// A drag began on the row at this position (it is selected first unless it is already).
    DragStart(u64),
    /// The drag ended (dropped on a folder or anywhere else).
    DragEnd,
}

/// What the parent should do.
#[derive(Debug)]
pub enum Action {
    None,
    /// Run this task (store reads, scrolling).
    Run(Task<Message>),
    /// Show this message in the reader (and run the task, which may scroll the list).
    Open(Box<MessageRow>, Task<Message>),
    /// This many rows are selected (none, or several): the reader shows no message.
    Selected(u64, Task<Message>),
    /// A store read failed.
    Failed(Error),
    /// Carry out what was chosen in the context menu, on the selection.
    Command(menu::Command),
}

#[derive(Debug, Clone)]
struct Search {
    query: String,
    rows: Vec<MessageRow>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Selected {
    id: MessageId,
    index: u64,
}

/// The list's state.
#[derive(Debug)]
pub struct List {
    scope: Option<Scope>,
    /// Bumped whenever what the list shows changes; results of older requests are dropped.
    generation: u64,
    total: u64,
    counted: bool,
    /// Pages with the generation they were read in.
    pages: BTreeMap<u64, (u64, Vec<MessageRow>)>,
    /// Pages requested in the current generation.
    loading: BTreeSet<u64>,
    search: Option<Search>,
    offset_y: f32,
    viewport: f32,
    /// The focused row: the one shown in the reader when it is the only one selected.
    selected: Option<Selected>,
    /// Select the row at this position once its page arrives.
    pending: Option<u64>,
    /// The selected positions (the focused row among them, unless Ctrl+click took it out).
    selection: Ranges,
    /// Where Shift+click and Shift+Up/Down ranges start.
    anchor: Option<u64>,
    /// The position the keyboard works from (the last row clicked or reached with the arrows).
    cursor: Option<u64>,
    /// How many rows the list had when the selection was made.
    selected_len: u64,
    modifiers: Modifiers,
    /// Where the right button last went down (the context menu opens there).
    pointer: Point,
    /// The open context menu.
    menu: Option<menu::Menu>,
    /// The selected messages are being dragged (onto a folder of the sidebar).
    dragging: bool,
}

impl Default for List {
    fn default() -> Self {
        List {
            scope: None,
            generation: 0,
            total: 0,
            counted: false,
            pages: BTreeMap::new(),
            loading: BTreeSet::new(),
            search: None,
            offset_y: 0.0,
            viewport: 800.0,
            selected: None,
            pending: None,
            selection: Ranges::default(),
            anchor: None,
            cursor: None,
            selected_len: 0,
            modifiers: Modifiers::empty(),
            pointer: Point::ORIGIN,
            menu: None,
            dragging: false,
        }
    }
}

impl List {
    /// The selected messages are being dragged.
    pub fn dragging(&self) -> bool {
        self.dragging
    }

    /// Ends a drag whose end the list did not see (its row went away while dragging).
    pub fn end_drag(&mut self) {
        self.dragging = false;
    }

    /// Whether Ctrl (Cmd on macOS) is held: a drop copies rather than moves.
    pub fn copy_held(&self) -> bool {
        self.modifiers.command()
    }

    /// What the list shows.
    pub fn scope(&self) -> Option<Scope> {
        self.scope
    }

    /// How many rows the list has (search results when searching).
    pub fn len(&self) -> u64 {
        match &self.search {
            Some(s) => s.rows.len() as u64,
            None => self.total,
        }
    }

    /// Whether the list has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The search being shown, if any.
    pub fn query(&self) -> Option<&str> {
        self.search.as_ref().map(|s| s.query.as_str())
    }

    /// The row at `index`, when it has been read.
    pub fn row(&self, index: u64) -> Option<&MessageRow> {
        match &self.search {
            Some(s) => s.rows.get(usize::try_from(index).ok()?),
            None => {
                let (_, rows) = self.pages.get(&(index / u64::from(PAGE)))?;
                rows.get(usize::try_from(index % u64::from(PAGE)).ok()?)
            }
        }
    }

    /// The selected message's row, if it is still in the list.
    pub fn selected(&self) -> Option<&MessageRow> {
        let s = self.selected?;
        self.row(s.index).filter(|r| r.id == s.id)
    }

    /// The rows currently read (for tests and diagnostics).
    pub fn loaded_rows(&self) -> Vec<&MessageRow> {
        (0..self.len()).filter_map(|i| self.row(i)).collect()
    }

    /// The window height hint, before the list reported its own size.
    pub fn set_viewport_height(&mut self, height: f32) {
        if height > 0.0 {
            self.viewport = height;
        }
    }

    /// Shows `scope` from the top, without a search.
    pub fn show(&mut self, scope: Scope, db: &Db) -> Task<Message> {
        let scroll_home = self.scope.is_some();
        self.scope = Some(scope);
        self.search = None;
        self.pages.clear();
        self.clear_selection();
        self.offset_y = 0.0;
        self.total = 0;
        self.counted = false;
        let load = self.reload(db);
        if scroll_home {
            Task::batch([
                load,
                operation::scroll_to(scroll_id(), AbsoluteOffset { x: 0.0, y: 0.0 }),
            ])
        } else {
            load
        }
    }

    /// Reads the count and the visible pages again (after new mail, a delete, …), keeping the
    /// old rows on screen until the new ones arrive. A search is run again.
    pub fn reload(&mut self, db: &Db) -> Task<Message> {
        self.generation += 1;
        self.loading.clear();
        match self.search.as_ref().map(|s| s.query.clone()) {
            Some(query) => self.run_search(query, db),
            None => Task::batch([self.count(db), self.ensure_loaded(db)]),
        }
    }

    /// Shows the results of `query` within the current scope; an empty query ends the search.
    pub fn search(&mut self, query: String, db: &Db) -> Task<Message> {
        let query = query.trim().to_owned();
        self.generation += 1;
        self.loading.clear();
        self.clear_selection();
        if query.is_empty() {
            self.search = None;
            return Task::batch([self.count(db), self.ensure_loaded(db)]);
        }
        self.run_search(query, db)
    }

    fn run_search(&mut self, query: String, db: &Db) -> Task<Message> {
        let generation = self.generation;
        let scope = self.scope;
        let db = db.clone();
        Task::perform(
            async move {
                let q = query.clone();
                let rows = db
                    .call(move |s| Ok(s.search(&q, scope.as_ref(), SEARCH_LIMIT)?))
                    .await;
                (query, rows)
            },
            move |(query, rows)| Message::Searched {
                generation,
                query,
                rows,
            },
        )
    }

    /// Marks a row read or unread without reading the store again.
    pub fn set_seen(&mut self, ids: &[MessageId], seen: bool) {
        let rows = self
            .pages
            .values_mut()
            .flat_map(|(_, rows)| rows.iter_mut())
            .chain(self.search.iter_mut().flat_map(|s| s.rows.iter_mut()));
        for row in rows.filter(|r| ids.contains(&r.id)) {
            row.seen = seen;
        }
    }

    /// After the selected message went away (deleted): select whatever is now at its position.
    pub fn select_next_after_reload(&mut self) {
        let first = self.selection.first();
        let focus = self.selected.take().map(|s| s.index);
        self.clear_selection();
        self.pending = match (first, focus) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }

    /// Moves the selection up (`-1`) or down (`1`).
    pub fn move_selection(&mut self, delta: i64, db: &Db) -> Action {
        let len = self.len();
        if len == 0 {
            return Action::None;
        }
        let index = match self.cursor.or(self.selected.map(|s| s.index)) {
            Some(at) => at.saturating_add_signed(delta).min(len - 1),
            None => 0,
        };
        self.select_index(index, db)
    }

    fn select_index(&mut self, index: u64, db: &Db) -> Action {
        let scroll = self.scroll_into_view(index);
        match self.row(index).cloned() {
            Some(row) => {
                self.select_only(row.id, index);
                Action::Open(Box::new(row), scroll)
            }
            None => {
                self.pending = Some(index);
                Action::Run(Task::batch([scroll, self.ensure_loaded(db)]))
            }
        }
    }

    fn scroll_into_view(&mut self, index: u64) -> Task<Message> {
        let top = index as f32 * ROW_HEIGHT;
        let y = if top < self.offset_y {
            top
        } else if top + ROW_HEIGHT > self.offset_y + self.viewport {
            top + ROW_HEIGHT - self.viewport
        } else {
            return Task::none();
        };
        self.offset_y = y.max(0.0);
        operation::scroll_to(
            scroll_id(),
            AbsoluteOffset {
                x: 0.0,
                y: self.offset_y,
            },
        )
    }

    /// Handles a list message.
    pub fn update(&mut self, message: Message, db: &Db) -> Action {
        match message {
            Message::Scrolled(viewport) => {
                self.offset_y = viewport.absolute_offset().y;
                self.viewport = viewport.bounds().height;
                Action::Run(self.ensure_loaded(db))
            }
            Message::Sized(size) => {
                self.set_viewport_height(size.height);
                Action::Run(self.ensure_loaded(db))
            }
            Message::Counted { generation, total } => self.counted(generation, total, db),
            Message::Page {
                generation,
                page,
                rows,
            } => self.page_arrived(generation, page, rows),
            Message::Searched {
                generation,
                query,
                rows,
            } => {
                if generation != self.generation {
                    return Action::None;
                }
                match rows {
                    Ok(rows) => {
                        self.search = Some(Search { query, rows });
                        if self.selection_outdated() {
                            return self.collapse(Task::none());
                        }
                        self.take_pending()
                    }
                    Err(e) => Action::Failed(e),
                }
            }
            Message::Clicked(index) => self.clicked(index, db),
            Message::Modifiers(modifiers) => {
                self.modifiers = modifiers;
                Action::None
            }
            Message::Pointer(at) => {
                self.pointer = at;
                Action::None
            }
            Message::RightClicked(index) => self.right_clicked(index, db),
            Message::Menu(m) => self.on_menu(m),
            Message::DragStart(index) => {
                self.dragging = true;
                if self.selection.contains(index) {
                    Action::None
                } else {
                    self.select_index(index, db)
                }
            }
            Message::DragEnd => {
                self.dragging = false;
                Action::None
            }
        }
    }

    fn counted(&mut self, generation: u64, total: Result<u64, Error>, db: &Db) -> Action {
        if generation != self.generation {
            return Action::None;
        }
        match total {
            Ok(total) => {
                self.total = total;
                self.counted = true;
                let last_page = total.saturating_sub(1) / u64::from(PAGE);
                self.pages.retain(|&p, _| p <= last_page);
                let max_offset = (total as f32 * ROW_HEIGHT - self.viewport).max(0.0);
                self.offset_y = self.offset_y.min(max_offset);
                let load = self.ensure_loaded(db);
                if self.selection_outdated() {
                    return self.collapse(load);
                }
                Action::Run(load)
            }
            Err(e) => Action::Failed(e),
        }
    }

    fn page_arrived(
        &mut self,
        generation: u64,
        page: u64,
        rows: Result<Vec<MessageRow>, Error>,
    ) -> Action {
        if generation != self.generation {
            return Action::None;
        }
        self.loading.remove(&page);
        match rows {
            Ok(rows) => {
                self.pages.insert(page, (generation, rows));
                self.take_pending()
            }
            Err(e) => Action::Failed(e),
        }
    }

    /// Selects the pending position once its row is there (or the last row, if the list got
    /// shorter).
    fn take_pending(&mut self) -> Action {
        let Some(index) = self.pending else {
            return Action::None;
        };
        let len = self.len();
        if len == 0 {
            self.pending = None;
            return Action::None;
        }
        let index = index.min(len - 1);
        match self.row(index).cloned() {
            Some(row) => {
                self.select_only(row.id, index);
                Action::Open(Box::new(row), Task::none())
            }
            None => Action::None,
        }
    }

    fn count(&self, db: &Db) -> Task<Message> {
        let Some(scope) = self.scope else {
            return Task::none();
        };
        let generation = self.generation;
        let db = db.clone();
        Task::perform(
            async move { db.call(move |s| Ok(s.count(&scope, false)?)).await },
            move |total| Message::Counted { generation, total },
        )
    }

    /// The pages needed for the rows in view (and half a page around them).
    fn wanted_pages(&self) -> std::ops::RangeInclusive<u64> {
        let margin = PAGE as f32 / 2.0 * ROW_HEIGHT;
        let first = ((self.offset_y - margin).max(0.0) / ROW_HEIGHT) as u64;
        let last = ((self.offset_y + self.viewport + margin) / ROW_HEIGHT) as u64;
        let last = if self.counted {
            last.min(self.total.saturating_sub(1))
        } else {
            last
        };
        (first / u64::from(PAGE))..=(last / u64::from(PAGE))
    }

    /// Requests the pages in view that are missing or stale; drops pages far away.
    fn ensure_loaded(&mut self, db: &Db) -> Task<Message> {
        let (Some(scope), None) = (self.scope, &self.search) else {
            return Task::none();
        };
        if self.counted && self.total == 0 {
            self.pages.clear();
            return Task::none();
        }
        let wanted = self.wanted_pages();
        let (lo, hi) = (*wanted.start(), *wanted.end());
        self.pages
            .retain(|&p, _| p + KEEP_PAGES >= lo && p <= hi + KEEP_PAGES);
        let mut tasks = Vec::new();
        for page in wanted {
            let fresh = self
                .pages
                .get(&page)
                .is_some_and(|(g, _)| *g == self.generation);
            if fresh || !self.loading.insert(page) {
                continue;
            }
            let generation = self.generation;
            let db = db.clone();
            let query = ListQuery {
                scope,
                unread_only: false,
                offset: page * u64::from(PAGE),
                limit: PAGE,
            };
            tasks.push(Task::perform(
                async move { db.call(move |s| Ok(s.list(&query)?)).await },
                move |rows| Message::Page {
                    generation,
                    page,
                    rows,
                },
            ));
        }
        Task::batch(tasks)
    }
}

#[cfg(test)]
mod tests;
