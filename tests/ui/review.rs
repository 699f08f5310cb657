//! The first fetch after another program's POP3 state was taken over, in the window with the
//! account's real worker and a real Dovecot: it stops at a banner that shows what it would do
//! (nothing downloaded or deleted yet), and "Fetch now" goes ahead. German and English.

use crate::support;

use postfach::i18n::Language;
use postfach::sync::service::Command;
use support::page::{
    account_settings_on, click, shows, start_worker, until_finished, until_review,
};
use support::sandbox::{Fixture, language, now};

type R = Result<(), Box<dyn std::error::Error>>;

fn first_fetch_after_an_import(lang: Language, words: [&str; 3]) -> R {
    let [title, dry_run, go] = words;
    let _language = language(lang);
    let server = support::Dovecot::start();
    for i in 0..2 {
        let mail = format!("From: a@example.org\r\nSubject: Neu {i}\r\n\r\nHallo\r\n");
        server.seed(support::USER, &format!("n{i}"), mail.as_bytes());
    }
    let fx = Fixture::with_settings(&[], account_settings_on(&server))?;
    // what fetchmail had downloaded: a UIDL this server does not list (any more)
    fx.store()?
        .import_known(fx.account, &[("weg".into(), None)], "fetchmail", now())?;
    let (mut app, sb) = fx.app()?;
    let (controller, mut events) = start_worker(&fx, &sb, &mut app)?;

    controller.send(Command::FetchNow);
    let dry = until_review(&sb, &mut app, &mut events)?;
    assert_eq!((dry.listed, dry.download, dry.delete), (2, 2, 0));
    assert!(shows(&app, title), "{title}");
    assert!(shows(&app, dry_run), "{dry_run}");
    assert_eq!(server.message_count(support::USER), 2);
    assert_eq!(
        fx.store()?
            .count(&postfach::store::Scope::Folder(fx.inbox), false)?,
        0
    );

    click(&mut app, &sb, go)?;
    let report = until_finished(&sb, &mut app, &mut events)?.map_err(|e| e.to_string())?;
    assert_eq!(report.new, 2);
    assert!(!shows(&app, title), "the banner is gone");
    assert!(!fx.store()?.import_review(fx.account)?);
    // the next fetch does not ask again
    controller.send(Command::FetchNow);
    assert_eq!(
        until_finished(&sb, &mut app, &mut events)?
            .map_err(|e| e.to_string())?
            .new,
        0
    );
    Ok(())
}

#[test]
fn the_first_fetch_after_an_import_shows_its_dry_run_and_waits() -> R {
    first_fetch_after_an_import(
        Language::English,
        [
            "First fetch of “privat” after the import",
            "“privat”: the server holds 2 messages. This fetch downloads 2 new messages and deletes none from the server.",
            "Fetch now",
        ],
    )
}

#[test]
fn the_first_fetch_after_an_import_shows_its_dry_run_and_waits_in_german() -> R {
    first_fetch_after_an_import(
        Language::German,
        [
            "Erster Abruf von „privat“ nach dem Import",
            "„privat“: Auf dem Server liegen 2 Nachrichten. Dieser Abruf holt 2 neue Nachrichten und löscht keine auf dem Server.",
            "Jetzt abrufen",
        ],
    )
}
