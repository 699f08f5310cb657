//! Mail files opened from the desktop (`postfach FILE.eml …`, issue #14, point 5): they are
//! imported into "Opened files", and the window shows that folder with the last file open in
//! the reader.

use crate::support;

use postfach::config::Config;
use postfach::i18n::Language;
use postfach::store::Scope;
use postfach::ui::service::db::Db;
use postfach::ui::{App, Boot};
use support::mail;
use support::sandbox::{Fixture, Sandbox, language, now};

type R = Result<(), Box<dyn std::error::Error>>;

#[test]
fn the_last_opened_file_is_shown_in_the_reader() -> R {
    let _language = language(Language::English);
    let fx = Fixture::new(&mail::realistic(now()))?;
    let files = tempfile::tempdir()?;
    let mut paths = Vec::new();
    for (i, m) in mail::realistic(now()).iter().take(2).enumerate() {
        let path = files.path().join(format!("opened-{i}.eml"));
        std::fs::write(&path, m.raw())?;
        paths.push(path.display().to_string());
    }
    let (folder, last) = {
        let mut store = fx.store()?;
        postfach::cli::open::import(&mut store, &paths, now())?.ok_or("nothing imported")?
    };

    let sandbox = Sandbox::new()?;
    let (mut app, task) = App::new(Boot {
        db: Db::open(fx.dir.path())?,
        config: Config::new(),
        config_warning: None,
        fetcher: None,
        sender: None,
    });
    app.show_opened_after_load(folder, last);
    sandbox.settle(&mut app, task);

    assert_eq!(app.sidebar().selected(), Some(Scope::Folder(folder)));
    let shown = app.reader().shown().ok_or("the reader is empty")?;
    assert_eq!(shown.row.id, last, "the last file opened is shown");
    assert!(fx.store()?.message(last)?.seen, "and marked read");
    Ok(())
}
