//! Settings → "Message rules": the rules new mail passes through as it arrives, in the order they
//! run; each switched on or off, moved up or down, changed or removed; a form to write one
//! (name, account, all/any of its conditions, conditions, actions); and "Run rules now" on a
//! folder, off the UI thread, with a word on what it did. The store keeps the rules, the fetch
//! engine runs them (`crate::rules`).

pub mod editor;
mod view;

use iced::Task;

use crate::fl;
use crate::store::{Folder, RuleId, Selection, StoredRule};
use crate::ui::screen::action;
use crate::ui::service::background;
use crate::ui::service::db::{self, Db};

use self::editor::{Do, Editor, How, Line, Step, What};

/// What the user does on the page, and finished work.
#[derive(Debug, Clone)]
pub enum Message {
    /// The rules and the folders they can name, as read (or what failed).
    Loaded(Result<(Vec<StoredRule>, Vec<Folder>), String>),
    New,
    Edit(RuleId),
    Enable(RuleId, bool),
    /// Move the rule one place up (`true`) or down.
    Shift(RuleId, bool),
    /// A rule's row is being dragged (to change the order).
    Drag(RuleId),
    /// The dragged rule (first) was let go over the row of the second: it takes that place.
    /// (Both travel in the message: the drag's end may be handled first.)
    DropOn(RuleId, RuleId),
    /// The drag ended anywhere else.
    DragEnd,
    Remove(RuleId),
    Form(Form),
    Save,
    Cancel,
    /// "Run rules now" on this folder.
    RunOn(crate::store::FolderId),
    RunNow,
    /// How far "Run rules now" is, and what it did.
    Run(RunEvent),
}

/// What "Run rules now", running on a thread of its own, tells: messages done of all, then what
/// it did.
pub type RunEvent = background::Step<(usize, usize), Result<crate::rules::FilterReport, String>>;

/// Changes to the rule being written.
#[derive(Debug, Clone)]
pub enum Form {
    Name(String),
    Account(Option<crate::store::AccountId>),
    MatchAll(bool),
    What(usize, What),
    How(usize, How),
    Header(usize, String),
    Value(usize, String),
    AddLine,
    RemoveLine(usize),
    Do(usize, Do),
    Folder(usize, crate::store::FolderId),
    AddStep,
    RemoveStep(usize),
}

/// What the parent should do; the outcome: rules ran and moved mail (the window reads it again).
pub type Action = action::Action<Message, RulesRan>;

/// Rules ran over a folder: folders and the list are read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RulesRan;

/// The page's state.
#[derive(Debug, Default)]
pub struct RulesPage {
    rules: Option<Vec<StoredRule>>,
    folders: Vec<Folder>,
    editor: Option<Editor>,
    /// What went wrong (saving, reading, a rule that cannot run), in words.
    problem: Option<String>,
    run_on: Option<crate::store::FolderId>,
    /// While "Run rules now" runs: messages done, of all.
    running: Option<(usize, usize)>,
    ran: Option<String>,
    /// The rule being dragged to another place.
    dragging: Option<RuleId>,
}

/// Runs `change` on the store and reads the rules, off the UI thread.
fn rules_after(
    db: &Db,
    change: impl FnOnce(&mut crate::store::Store) -> Result<(), db::Error> + Send + 'static,
) -> Task<Message> {
    let db = db.clone();
    Task::perform(
        async move {
            db.call(move |s| {
                change(s)?;
                Ok((s.rules()?, s.folders()?))
            })
            .await
        },
        |r| Message::Loaded(r.map_err(|e| e.to_string())),
    )
}

impl RulesPage {
    /// Reads the rules.
    pub fn load(db: &Db) -> Task<Message> {
        rules_after(db, |_| Ok(()))
    }

    /// The rules as last read.
    pub fn rules(&self) -> &[StoredRule] {
        self.rules.as_deref().unwrap_or_default()
    }

    /// The rule being written, if the form is open.
    pub fn editor(&self) -> Option<&Editor> {
        self.editor.as_ref()
    }

    /// What "Run rules now" last did, in words.
    pub fn ran(&self) -> Option<&str> {
        self.ran.as_deref()
    }

    pub fn update(&mut self, message: Message, db: &Db) -> Action {
        match message {
            Message::Loaded(Ok((rules, folders))) => {
                self.rules = Some(rules);
                self.folders = folders;
                Action::None
            }
            Message::Loaded(Err(detail)) => {
                self.problem = Some(fl!("rules-failed", detail = detail));
                Action::None
            }
            Message::New => {
                self.editor = Some(Editor::new());
                self.problem = None;
                Action::None
            }
            Message::Edit(id) => {
                self.editor = self
                    .rules()
                    .iter()
                    .find(|r| r.id == id)
                    .map(|r| Editor::from_rule(id, &r.rule));
                self.problem = None;
                Action::None
            }
            Message::Enable(id, on) => {
                Action::Run(rules_after(db, move |s| Ok(s.set_rule_enabled(id, on)?)))
            }
            Message::Shift(id, up) => {
                let mut order: Vec<RuleId> = self.rules().iter().map(|r| r.id).collect();
                let Some(at) = order.iter().position(|r| *r == id) else {
                    return Action::None;
                };
                let to = if up { at.checked_sub(1) } else { Some(at + 1) };
                match to.filter(|t| *t < order.len()) {
                    Some(to) => {
                        order.swap(at, to);
                        Action::Run(rules_after(db, move |s| Ok(s.reorder_rules(&order)?)))
                    }
                    None => Action::None,
                }
            }
            Message::Drag(id) => {
                self.dragging = Some(id);
                Action::None
            }
            Message::DragEnd => {
                self.dragging = None;
                Action::None
            }
            Message::DropOn(dragged, target) => {
                self.dragging = None;
                let mut order: Vec<RuleId> = self.rules().iter().map(|r| r.id).collect();
                let (Some(from), Some(to)) = (
                    order.iter().position(|r| *r == dragged),
                    order.iter().position(|r| *r == target),
                ) else {
                    return Action::None;
                };
                if from == to {
                    return Action::None;
                }
                let moved = order.remove(from);
                order.insert(to, moved);
                Action::Run(rules_after(db, move |s| Ok(s.reorder_rules(&order)?)))
            }
            Message::Remove(id) => {
                if self.editor.as_ref().is_some_and(|e| e.id == Some(id)) {
                    self.editor = None;
                }
                Action::Run(rules_after(db, move |s| Ok(s.remove_rule(id)?)))
            }
            Message::Form(change) => {
                if let Some(editor) = &mut self.editor {
                    edit(editor, change);
                }
                Action::None
            }
            Message::Save => self.save(db),
            Message::Cancel => {
                self.editor = None;
                self.problem = None;
                Action::None
            }
            Message::RunOn(folder) => {
                self.run_on = Some(folder);
                Action::None
            }
            Message::RunNow => {
                let Some(folder) = self.run_on.filter(|_| self.running.is_none()) else {
                    return Action::None;
                };
                self.running = Some((0, 0));
                self.ran = None;
                // a thread and a store connection of its own: a large folder takes a while, and
                // the window keeps working and shows how far it is
                let dir = db.data_dir().to_path_buf();
                let spawned = background::spawn("postfach-rules", move |progress| {
                    let mut store =
                        crate::store::Store::open_in(&dir).map_err(|e| e.to_string())?;
                    crate::rules::run_rules(
                        &mut store,
                        &Selection::folder(folder),
                        None,
                        &mut |done, all| progress((done, all)),
                    )
                    .map_err(|e| e.to_string())
                });
                match spawned {
                    Ok(task) => Action::Run(task.map(Message::Run)),
                    Err(e) => {
                        self.running = None;
                        self.ran = Some(fl!("rules-failed", detail = e.to_string()));
                        Action::None
                    }
                }
            }
            Message::Run(background::Step::Progress((done, all))) => {
                if self.running.is_some() {
                    self.running = Some((done, all));
                }
                Action::None
            }
            Message::Run(background::Step::Done(result)) => {
                self.running = None;
                match result {
                    Ok(report) => {
                        let moved: usize = report.moved + report.junk;
                        self.ran = Some(fl!(
                            "rules-ran",
                            checked = report.checked,
                            moved = moved,
                            copied = report.copied,
                            trashed = report.trashed
                        ));
                        Action::Outcome(RulesRan)
                    }
                    Err(detail) => {
                        self.ran = Some(fl!("rules-failed", detail = detail));
                        Action::None
                    }
                }
            }
        }
    }

    fn save(&mut self, db: &Db) -> Action {
        let Some(editor) = &self.editor else {
            return Action::None;
        };
        let rule = match editor.to_rule() {
            Ok(rule) => rule,
            Err(words) => {
                self.problem = Some(words);
                return Action::None;
            }
        };
        if let Err(e) = crate::rules::validate(&rule) {
            self.problem = Some(match e {
                crate::rules::Error::Pattern { reason, .. } => {
                    fl!(
                        "rules-bad-pattern",
                        detail = crate::text::safe_line(&reason)
                    )
                }
                other => fl!("rules-failed", detail = other.to_string()),
            });
            return Action::None;
        }
        let id = editor.id;
        self.editor = None;
        self.problem = None;
        Action::Run(rules_after(db, move |s| {
            match id {
                Some(id) => s.update_rule(id, &rule)?,
                None => {
                    s.add_rule(&rule)?;
                }
            }
            Ok(())
        }))
    }
}

fn edit(e: &mut Editor, change: Form) {
    match change {
        Form::Name(name) => e.name = name,
        Form::Account(account) => e.account = account,
        Form::MatchAll(all) => e.match_all = all,
        Form::What(i, what) => {
            if let Some(line) = e.lines.get_mut(i) {
                line.what = what;
                // a size compares greater/less, text contains/…
                let size_how = matches!(line.how, How::Greater | How::Less);
                if what == What::Size && !size_how {
                    line.how = How::Greater;
                } else if what != What::Size && size_how {
                    line.how = How::Contains;
                }
            }
        }
        Form::How(i, how) => {
            if let Some(line) = e.lines.get_mut(i) {
                line.how = how;
            }
        }
        Form::Header(i, name) => {
            if let Some(line) = e.lines.get_mut(i) {
                line.header = name;
            }
        }
        Form::Value(i, value) => {
            if let Some(line) = e.lines.get_mut(i) {
                line.value = value;
            }
        }
        Form::AddLine => e.lines.push(Line::default()),
        Form::RemoveLine(i) => {
            if i < e.lines.len() && e.lines.len() > 1 {
                e.lines.remove(i);
            }
        }
        Form::Do(i, what) => {
            if let Some(step) = e.steps.get_mut(i) {
                step.what = what;
            }
        }
        Form::Folder(i, folder) => {
            if let Some(step) = e.steps.get_mut(i) {
                step.folder = Some(folder);
            }
        }
        Form::AddStep => e.steps.push(Step {
            what: Do::MarkRead,
            folder: None,
        }),
        Form::RemoveStep(i) => {
            if i < e.steps.len() && e.steps.len() > 1 {
                e.steps.remove(i);
            }
        }
    }
}
