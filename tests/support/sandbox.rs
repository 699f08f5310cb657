//! For the window tests: a real store in a temp dir seeded through the store API, and a sandbox
//! that runs the tasks `update` returns and feeds their results back into the app.

use std::sync::{Condvar, Mutex, PoisonError};
use std::time::Duration;

use iced_test::runtime::{Action, task};
use postfach::config::Config;
use postfach::i18n::Language;
use postfach::mime;
use postfach::store::{AccountId, AccountSettings, FolderId, FolderKind, MessageId, Store};
use postfach::ui::service::db::Db;
use postfach::ui::{App, Boot, Message};
use tokio::runtime::Runtime;

use super::mail::Mail;

/// A data dir with one account and seeded mail.
pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub account: AccountId,
    pub inbox: FolderId,
    pub trash: FolderId,
    /// The seeded messages, in the order given.
    pub ids: Vec<MessageId>,
}

impl Fixture {
    /// An account "privat" whose Inbox holds `mails`.
    pub fn new(mails: &[Mail]) -> Result<Fixture, Box<dyn std::error::Error>> {
        Fixture::with_settings(mails, |_| {})
    }

    /// Like [`Fixture::new`], with the account's settings adjusted.
    pub fn with_settings(
        mails: &[Mail],
        adjust: impl FnOnce(&mut AccountSettings),
    ) -> Result<Fixture, Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let mut store = Store::open_in(dir.path())?;
        let mut settings = AccountSettings {
            name: "privat".into(),
            display_name: "Anna Schmidt".into(),
            email: "anna.schmidt@example.de".into(),
            host: "pop.example.de".into(),
            username: "anna".into(),
            check_on_startup: false,
            check_every_minutes: None,
            ..AccountSettings::default()
        };
        adjust(&mut settings);
        let account = store.add_account(&settings)?;
        let inbox = store.folder(account, FolderKind::Inbox)?;
        let trash = store.folder(account, FolderKind::Trash)?;
        let mut ids = Vec::new();
        for m in mails {
            let raw = m.raw();
            let summary = mime::summarize(&raw);
            ids.push(store.import(inbox, &raw, &summary, m.date)?);
        }
        Ok(Fixture {
            dir,
            account,
            inbox,
            trash,
            ids,
        })
    }

    /// A second connection on the fixture's store, for checking what the app did.
    pub fn store(&self) -> Result<Store, postfach::store::Error> {
        Store::open_in(self.dir.path())
    }

    /// The app on this data dir (no sync workers), with its start-up tasks done.
    pub fn app(&self) -> Result<(App, Sandbox), Box<dyn std::error::Error>> {
        app_on(self.dir.path())
    }
}

/// The app on the data dir `dir` (no sync workers) with the preferences saved there, its
/// start-up tasks done; on an empty one, the first-start wizard is open.
pub fn app_on(dir: &std::path::Path) -> Result<(App, Sandbox), Box<dyn std::error::Error>> {
    let db = Db::open(dir)?;
    let sandbox = Sandbox::new()?;
    let (mut app, task) = App::new(Boot {
        db,
        config: Config::load(dir).0,
        config_warning: None,
        fetcher: None,
        sender: None,
    });
    sandbox.settle(&mut app, task);
    Ok((app, sandbox))
}

/// Runs tasks on a tokio runtime, feeding their messages back into the app until all is done.
pub struct Sandbox {
    pub rt: Runtime,
}

impl Sandbox {
    pub fn new() -> std::io::Result<Sandbox> {
        Ok(Sandbox {
            rt: tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()?,
        })
    }

    /// Runs `task` and everything that follows from it (at most 200 rounds). Widget operations
    /// (focus, scrolling), window and system requests are dropped.
    pub fn settle(&self, app: &mut App, task: iced::Task<Message>) {
        let mut queue = vec![task];
        for _ in 0..200 {
            if queue.is_empty() {
                return;
            }
            let mut messages = Vec::new();
            for task in queue.drain(..) {
                messages.extend(self.run(task));
            }
            for message in messages {
                queue.push(app.update(message));
            }
        }
        panic!("the app kept producing tasks");
    }

    /// The messages one task produces (the app's, or a pane's or screen's of its own).
    pub fn run<M: Send + 'static>(&self, task: iced::Task<M>) -> Vec<M> {
        use iced::futures::StreamExt;
        let Some(mut stream) = task::into_stream(task) else {
            return Vec::new();
        };
        self.rt.block_on(async move {
            let mut out = Vec::new();
            loop {
                match tokio::time::timeout(Duration::from_secs(20), stream.next()).await {
                    Ok(Some(Action::Output(m))) => out.push(m),
                    Ok(Some(_other)) => {}
                    Ok(None) => break,
                    Err(_) => panic!("a task did not finish within 20 s"),
                }
            }
            out
        })
    }

    /// Feeds messages (e.g. from the simulator) into the app and settles.
    pub fn feed(&self, app: &mut App, messages: impl IntoIterator<Item = Message>) {
        for m in messages {
            let task = app.update(m);
            self.settle(app, task);
        }
    }
}

/// Unix time now.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Which language the tests that hold one hold, and how many do.
struct Holders {
    language: Option<Language>,
    alone: bool,
    count: usize,
}

static HOLDERS: Mutex<Holders> = Mutex::new(Holders {
    language: None,
    alone: false,
    count: 0,
});
static RELEASED: Condvar = Condvar::new();

/// A language held for the whole test process until dropped (see [`language`]).
#[must_use = "the language is only held while the guard lives"]
pub struct HeldLanguage(());

impl Drop for HeldLanguage {
    fn drop(&mut self) {
        let mut holders = HOLDERS.lock().unwrap_or_else(PoisonError::into_inner);
        holders.count -= 1;
        if holders.count == 0 {
            holders.language = None;
            holders.alone = false;
        }
        RELEASED.notify_all();
    }
}

/// Selects `lang` for the whole test process, without isolation marks, and holds it until the
/// guard is dropped. The language is process-wide and tests run on several threads: tests that
/// hold the same language run side by side; one that wants the other language waits for them.
pub fn language(lang: Language) -> HeldLanguage {
    hold(lang, false)
}

/// Like [`language`], but no other test holds a language meanwhile: for a test that switches it.
pub fn language_alone(lang: Language) -> HeldLanguage {
    hold(lang, true)
}

fn hold(lang: Language, alone: bool) -> HeldLanguage {
    let mut holders = HOLDERS.lock().unwrap_or_else(PoisonError::into_inner);
    while holders.count > 0 && (alone || holders.alone || holders.language != Some(lang)) {
        holders = RELEASED
            .wait(holders)
            .unwrap_or_else(PoisonError::into_inner);
    }
    if holders.count == 0 {
        // Selecting loads fresh bundles, so isolation is switched off afterwards.
        postfach::i18n::select(lang);
        postfach::i18n::set_isolating(false);
    }
    holders.language = Some(lang);
    holders.alone = alone;
    holders.count += 1;
    HeldLanguage(())
}
