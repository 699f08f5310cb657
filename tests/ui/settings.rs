//! The account settings page, driven through iced_test's simulator and `update` on a real store,
//! with the account's real sync worker fetching from a real Dovecot. German UI.

use crate::support;

use iced::keyboard::key::Named;
use postfach::i18n::Language;
use postfach::pop3::Security;
use postfach::setup::probe::Step;
use postfach::store::Store;
use postfach::ui::screen::settings::{Page, connection, pop3_options};
use postfach::ui::{Message, screen::mail::sidebar};
use support::page::{account_settings_on, click, shows, sim, start_worker, until_finished};
use support::sandbox::{Fixture, language};

type R = Result<(), Box<dyn std::error::Error>>;

/// What the explanation line says for each choice (German).
const DELETE: &str = "Nachrichten werden heruntergeladen und sofort vom Server gelöscht.";
const KEEP: &str = "Nachrichten werden heruntergeladen und bleiben auf dem Server.";
const KEEP_14: &str =
    "Nachrichten werden heruntergeladen und 14 Tage nach dem ersten Abruf vom Server gelöscht.";
const KEEP_14_OR_DELETED: &str = "Nachrichten werden heruntergeladen und 14 Tage nach dem ersten Abruf vom Server gelöscht, oder früher, wenn Sie sie hier endgültig löschen.";

/// How many messages the account's Inbox holds.
fn inbox_total(fx: &Fixture) -> Result<u64, Box<dyn std::error::Error>> {
    let store = Store::open_in(fx.dir.path())?;
    let total = store
        .folders()?
        .into_iter()
        .find(|f| f.id == fx.inbox)
        .map(|f| f.total)
        .ok_or("no inbox")?;
    Ok(total)
}

#[test]
fn leave_on_server_for_14_days_until_deleted_is_saved_and_the_next_fetch_keeps_the_mail() -> R {
    let _language = language(Language::German);
    let server = support::Dovecot::start();
    for i in 0..3 {
        server.seed(
            support::USER,
            &format!("m{i}"),
            format!("From: a@example.org\r\nSubject: Nachricht {i}\r\n\r\nHallo {i}\r\n")
                .as_bytes(),
        );
    }
    let fx = Fixture::with_settings(&[], account_settings_on(&server))?;
    let (mut app, sb) = fx.app()?;
    let (_controller, mut events) = start_worker(&fx, &sb, &mut app)?;

    // The account's settings, from its entry in the sidebar.
    sb.feed(
        &mut app,
        [Message::Sidebar(sidebar::Message::Settings(fx.account))],
    );
    assert_eq!(
        app.settings().map(|s| s.page()),
        Some(Page::Account(fx.account))
    );
    assert!(shows(&app, "Mail auf dem Server belassen"));
    assert!(shows(&app, DELETE), "download and delete is explained");
    assert!(
        !shows(&app, "höchstens"),
        "the period only when leaving mail"
    );

    click(&mut app, &sb, "Mail auf dem Server belassen")?;
    assert!(shows(&app, KEEP), "the explanation follows the tick");
    click(&mut app, &sb, "höchstens")?;
    assert!(shows(&app, KEEP_14));
    // Type the days: 14 is there by default; make it 1, then 14 again, key by key.
    let backspace = {
        let mut ui = sim(&app);
        ui.click(pop3_options::days_id())?;
        ui.tap_key(Named::Backspace);
        ui.into_messages().collect::<Vec<_>>()
    };
    sb.feed(&mut app, backspace);
    assert!(shows(
        &app,
        "Nachrichten werden heruntergeladen und einen Tag nach dem ersten Abruf vom Server gelöscht."
    ));
    let four = {
        let mut ui = sim(&app);
        ui.click(pop3_options::days_id())?;
        ui.typewrite("4");
        ui.into_messages().collect::<Vec<_>>()
    };
    sb.feed(&mut app, four);
    assert!(shows(&app, KEEP_14));
    click(&mut app, &sb, "bis ich sie hier lösche")?;
    assert!(shows(&app, KEEP_14_OR_DELETED));
    assert!(shows(&app, "Es gibt nicht gespeicherte Änderungen."));

    click(&mut app, &sb, "Speichern")?;
    let stored = fx.store()?.account(fx.account)?.settings;
    assert!(stored.leave_on_server);
    assert_eq!(stored.keep_days, Some(14));
    assert!(stored.delete_when_deleted_here);
    assert_eq!(stored.host, server.host(), "nothing else changed");
    assert!(shows(
        &app,
        "Gespeichert. Die Änderungen gelten ab dem nächsten Abruf."
    ));

    // The worker got the new settings: its next fetch leaves the mail on the server.
    click(&mut app, &sb, "Zurück zu den Nachrichten")?;
    click(&mut app, &sb, "Nachrichten abrufen")?;
    let report = until_finished(&sb, &mut app, &mut events)??;
    assert_eq!(report.new, 3);
    assert_eq!(
        server.message_count(support::USER),
        3,
        "left on the server, as the explanation said"
    );
    assert_eq!(inbox_total(&fx)?, 3, "and downloaded");
    Ok(())
}

#[test]
fn unticking_leave_on_server_asks_first_because_it_deletes_on_the_server() -> R {
    let _language = language(Language::German);
    let server = support::Dovecot::start();
    server.seed(support::USER, "m", b"Subject: eins\r\n\r\nx\r\n");
    let fx = Fixture::with_settings(&[], |s| {
        account_settings_on(&server)(s);
        s.leave_on_server = true;
        s.keep_days = Some(30);
    })?;
    let (mut app, sb) = fx.app()?;
    let (_controller, mut events) = start_worker(&fx, &sb, &mut app)?;
    sb.feed(&mut app, [Message::OpenSettings(Page::Account(fx.account))]);
    assert!(shows(
        &app,
        "Nachrichten werden heruntergeladen und 30 Tage nach dem ersten Abruf vom Server gelöscht."
    ));

    click(&mut app, &sb, "Mail auf dem Server belassen")?;
    assert!(
        shows(&app, "Nachrichten auf dem Server löschen?"),
        "the confirmation appears"
    );
    let page = app
        .settings()
        .and_then(|s| s.account_page())
        .ok_or("no page")?;
    assert!(
        page.settings()?.leave_on_server,
        "not switched before the answer"
    );
    click(&mut app, &sb, "Auf dem Server belassen")?;
    assert!(!shows(&app, "Nachrichten auf dem Server löschen?"));
    let page = app
        .settings()
        .and_then(|s| s.account_page())
        .ok_or("no page")?;
    assert!(page.settings()?.leave_on_server, "still leaving mail");

    click(&mut app, &sb, "Mail auf dem Server belassen")?;
    click(&mut app, &sb, "Ja, künftig herunterladen und löschen")?;
    assert!(shows(&app, DELETE));
    click(&mut app, &sb, "Speichern")?;
    let stored = fx.store()?.account(fx.account)?.settings;
    assert!(!stored.leave_on_server);
    assert_eq!(stored.keep_days, None);

    // F5 works from the settings too; the fetch now deletes on the server.
    sb.feed(
        &mut app,
        [Message::Key(
            iced::keyboard::Key::Named(Named::F5),
            iced::keyboard::Modifiers::empty(),
        )],
    );
    let report = until_finished(&sb, &mut app, &mut events)??;
    assert_eq!(report.new, 1);
    assert_eq!(
        server.message_count(support::USER),
        0,
        "downloaded and deleted"
    );
    Ok(())
}

#[test]
fn the_connection_test_ticks_each_step_and_downloads_nothing() -> R {
    let _language = language(Language::German);
    let server = support::Dovecot::start();
    server.seed(support::USER, "m", b"Subject: eins\r\n\r\nx\r\n");
    let fx = Fixture::with_settings(&[], account_settings_on(&server))?;
    let (mut app, sb) = fx.app()?;
    sb.feed(&mut app, [Message::OpenSettings(Page::Account(fx.account))]);
    // A wrong password first: the sign-in step fails with the server's words.
    sb.feed(
        &mut app,
        [Message::Settings(
            postfach::ui::screen::settings::Message::Account(
                postfach::ui::screen::settings::account::Message::Form(
                    postfach::ui::screen::settings::account_form::Message::Server(
                        postfach::ui::screen::settings::server::Message::Password("falsch".into()),
                    ),
                ),
            ),
        )],
    );
    click(&mut app, &sb, "Verbindung testen")?;
    for step in connection::STEPS {
        assert!(shows(&app, &connection::step_name(step)), "{step:?} listed");
    }
    let page = app
        .settings()
        .and_then(|s| s.account_page())
        .ok_or("no page")?;
    let failure = page.test().failed().ok_or("the test did not fail")?;
    assert_eq!(failure.step, Step::Authenticate, "{failure:?}");
    assert!(
        shows(&app, &failure.error.user_message()),
        "the error is shown in words"
    );

    // The right password: every step gets its tick, the mailbox size is reported.
    sb.feed(
        &mut app,
        [Message::Settings(
            postfach::ui::screen::settings::Message::Account(
                postfach::ui::screen::settings::account::Message::Form(
                    postfach::ui::screen::settings::account_form::Message::Server(
                        postfach::ui::screen::settings::server::Message::Password(
                            support::PASSWORD.into(),
                        ),
                    ),
                ),
            ),
        )],
    );
    click(&mut app, &sb, "Verbindung testen")?;
    let page = app
        .settings()
        .and_then(|s| s.account_page())
        .ok_or("no page")?;
    let report = page.test().passed().ok_or("the test did not pass")?;
    assert_eq!(report.messages, 1);
    assert!(report.uidl);
    assert_eq!(server.message_count(support::USER), 1, "nothing deleted");
    assert_eq!(inbox_total(&fx)?, 0, "nothing downloaded");
    Ok(())
}

#[test]
fn removing_an_account_asks_and_can_keep_its_mail_in_a_local_folder() -> R {
    let _language = language(Language::German);
    let fx = Fixture::new(&support::mail::realistic(support::sandbox::now())[..3])?;
    let (mut app, sb) = fx.app()?;
    sb.feed(&mut app, [Message::OpenSettings(Page::Account(fx.account))]);
    click(&mut app, &sb, "Konto entfernen…")?;
    assert!(shows(&app, "Das Konto „privat“ entfernen?"));
    assert!(shows(
        &app,
        "Die Nachrichten kommen in den Ordner „privat (Archiv)“."
    ));
    // Cancelling keeps everything.
    click(&mut app, &sb, "Abbrechen")?;
    assert_eq!(fx.store()?.accounts()?.len(), 1);

    click(&mut app, &sb, "Konto entfernen…")?;
    click(&mut app, &sb, "In einem lokalen Ordner behalten")?;
    click(&mut app, &sb, "Konto entfernen")?;
    let store = fx.store()?;
    assert!(store.accounts()?.is_empty(), "the account is gone");
    let archive = store
        .folders()?
        .into_iter()
        .find(|f| f.name == "privat (Archiv)")
        .ok_or("no archive folder")?;
    assert_eq!(archive.total, 3, "its mail was kept");
    assert_eq!(app.settings().map(|s| s.page()), Some(Page::General));
    assert_eq!(app.status(), "Das Konto „privat“ wurde entfernt.");
    assert!(app.accounts().is_empty());
    Ok(())
}

#[test]
fn leaving_a_page_with_unsaved_changes_asks_first() -> R {
    let _language = language(Language::German);
    let fx = Fixture::new(&[])?;
    let (mut app, sb) = fx.app()?;
    sb.feed(&mut app, [Message::OpenSettings(Page::Account(fx.account))]);
    click(&mut app, &sb, "Mail auf dem Server belassen")?;
    click(&mut app, &sb, "Allgemein")?;
    assert!(shows(&app, "Änderungen verwerfen?"));
    click(&mut app, &sb, "Weiter bearbeiten")?;
    assert_eq!(
        app.settings().map(|s| s.page()),
        Some(Page::Account(fx.account))
    );
    let page = app
        .settings()
        .and_then(|s| s.account_page())
        .ok_or("no page")?;
    assert!(
        page.settings()?.leave_on_server,
        "the change is still there"
    );

    click(&mut app, &sb, "Zurück zu den Nachrichten")?;
    click(&mut app, &sb, "Verwerfen")?;
    assert!(app.settings().is_none(), "back at the messages");
    assert!(!fx.store()?.account(fx.account)?.settings.leave_on_server);
    Ok(())
}

#[test]
fn trusting_a_certificate_from_the_connection_test_pins_it_when_saved() -> R {
    let _language = language(Language::German);
    let server = support::Dovecot::start();
    let fx = Fixture::with_settings(&[], |s| {
        account_settings_on(&server)(s);
        s.ca_file = None;
    })?;
    let (mut app, sb) = fx.app()?;
    sb.feed(&mut app, [Message::OpenSettings(Page::Account(fx.account))]);
    sb.feed(
        &mut app,
        [Message::Settings(
            postfach::ui::screen::settings::Message::Account(
                postfach::ui::screen::settings::account::Message::Form(
                    postfach::ui::screen::settings::account_form::Message::Server(
                        postfach::ui::screen::settings::server::Message::Password(
                            support::PASSWORD.into(),
                        ),
                    ),
                ),
            ),
        )],
    );
    click(&mut app, &sb, "Verbindung testen")?;
    assert!(
        shows(&app, "Diesem Zertifikat für dieses Konto vertrauen"),
        "the test leads to the trust dialog"
    );
    click(&mut app, &sb, "Abbrechen")?;
    assert!(!shows(&app, "Diesem Zertifikat für dieses Konto vertrauen"));
    // The failed test offers the dialog again.
    click(&mut app, &sb, "Zertifikat prüfen…")?;
    click(
        &mut app,
        &sb,
        "Diesem Zertifikat für dieses Konto vertrauen",
    )?;
    let page = app
        .settings()
        .and_then(|s| s.account_page())
        .ok_or("no page")?;
    assert!(
        page.test().passed().is_some(),
        "the test passes with the pin"
    );
    assert_eq!(
        fx.store()?.account(fx.account)?.settings.pinned_sha256,
        None,
        "not before saving"
    );
    click(&mut app, &sb, "Speichern")?;
    assert_eq!(
        fx.store()?.account(fx.account)?.settings.pinned_sha256,
        Some(hex::encode(server.cert_sha256()))
    );
    Ok(())
}

/// For scripts/screenshots.sh: gives the seeded "privat" account a policy worth showing (leave
/// on the server for 14 days, until deleted here), a server that announced its own rules, an
/// outgoing server with a password of its own, a reply address and a signature.
#[test]
#[ignore = "run by scripts/screenshots.sh with POSTFACH_SEED_DIR set"]
fn settings_screenshot_data() -> R {
    let dir = std::env::var_os("POSTFACH_SEED_DIR").ok_or("set POSTFACH_SEED_DIR")?;
    let mut store = Store::open_in(std::path::Path::new(&dir))?;
    let account = store
        .account_by_name("privat")?
        .ok_or("seed the screenshot data first (tests/ui/seed.rs)")?;
    let mut s = account.settings;
    s.leave_on_server = true;
    s.keep_days = Some(14);
    s.delete_when_deleted_here = true;
    s.check_every_minutes = Some(15);
    s.smtp = Some(postfach::store::SmtpSettings {
        host: "smtp.example.de".into(),
        port: 587,
        security: Security::StartTls,
        auth: postfach::pop3::AuthMethod::Auto,
        username: s.username.clone(),
        own_password: true,
        ca_file: None,
        pinned_sha256: None,
    });
    s.reply_to = Some("familie.schmidt@example.de".into());
    s.signature = "Viele Grüße\nAnna Schmidt".into();
    store.update_account(account.id, &s)?;
    store.set_server_policy(
        account.id,
        Some(postfach::store::ServerExpire::Days(30)),
        Some(900),
    )?;
    Ok(())
}
