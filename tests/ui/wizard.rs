//! The account wizard and the certificate trust dialog against a real Dovecot whose certificate
//! no system trusts (it is signed by a throwaway test CA): the wizard finds and tests the server,
//! asks whether to trust the certificate, saves the account, and the account's worker fetches.
//! A changed certificate is refused, and the main window's error banner opens the dialog that
//! names both fingerprints. German UI.

use crate::support;

use postfach::i18n::Language;
use postfach::pop3::{Security, fingerprint_hex};
use postfach::setup::autoconfig::Proposal;
use postfach::store::{Account, Store};
use postfach::sync::Fetcher;
use postfach::sync::service::{self, Event};
use postfach::ui::dialog::trust;
use postfach::ui::screen::settings::{account_form, ca_file, endpoint, server};
use postfach::ui::screen::wizard::{self, Proposer, Search, Step, Wizard};
use postfach::ui::service::db::Db;
use postfach::ui::{App, Message, service::workers};
use support::page::{click, shows, sim, until_finished};
use support::sandbox::{Sandbox, app_on, language};
use tokio::sync::mpsc::Receiver;

type R = Result<(), Box<dyn std::error::Error>>;

pub(crate) fn wizard_says(app: &mut App, sb: &Sandbox, message: wizard::Message) {
    sb.feed(app, [Message::Wizard(message)]);
}

/// The worker the account's subscription would start, on the data dir's store.
fn start_worker(
    dir: &std::path::Path,
    account: Account,
    sb: &Sandbox,
    app: &mut App,
) -> Result<Receiver<Event>, Box<dyn std::error::Error>> {
    let fetcher = Fetcher::open(dir)?;
    let (controller, events) = {
        let _runtime = sb.rt.enter();
        service::spawn(fetcher, account, service::system_clock)
    };
    // The app gives the worker the session password, if the keyring could not keep it.
    sb.feed(app, [Message::Worker(workers::Event::Ready(controller))]);
    Ok(events)
}

/// Email and password typed, servers to be entered by hand: on to the server page, without
/// the outgoing server proposed for the address (tests/ui/wizard_smtp.rs tests that one).
pub(crate) fn to_the_server_page(app: &mut App, sb: &Sandbox) -> R {
    wizard_says(app, sb, wizard::Message::Email("alice@example.org".into()));
    wizard_says(app, sb, wizard::Message::Password(support::PASSWORD.into()));
    // The built-in proposals (pop.example.org, …) cannot find a test server: enter it by hand.
    click(app, sb, "Servereinstellungen selbst eingeben")?;
    click(app, sb, "Weiter")?;
    click(app, sb, "Postausgangsserver entfernen")
}

/// Types the test server's host, port and user name into the wizard's server form.
pub(crate) fn type_server(app: &mut App, sb: &Sandbox, server: &support::Dovecot) {
    for m in [
        server::Message::Endpoint(endpoint::Message::Host(server.host().into())),
        server::Message::Endpoint(endpoint::Message::Port(server.pop3s_port().to_string())),
        server::Message::Username(support::USER.into()),
    ] {
        wizard_says(
            app,
            sb,
            wizard::Message::Form(account_form::Message::Server(m)),
        );
    }
}

#[test]
fn first_start_wizard_tests_the_server_asks_to_trust_its_certificate_saves_and_fetches() -> R {
    let _language = language(Language::German);
    let server = support::Dovecot::start();
    server.seed(
        support::USER,
        "a",
        b"Subject: Willkommen\r\n\r\nHallo Alice\r\n",
    );
    server.seed(support::USER, "b", b"Subject: Zweite\r\n\r\nNoch eine\r\n");
    let dir = tempfile::tempdir()?;
    let (mut app, sb) = app_on(dir.path())?;

    // No account yet: the wizard greets.
    assert!(app.wizard().is_some(), "the wizard opens on a first start");
    assert!(shows(&app, "Willkommen bei Postfach"));
    assert!(shows(&app, "Später"), "it can be put off");
    wizard_says(
        &mut app,
        &sb,
        wizard::Message::DisplayName("Alice Beispiel".into()),
    );
    to_the_server_page(&mut app, &sb)?;
    assert_eq!(app.wizard().map(Wizard::step), Some(Step::Server));
    assert_eq!(
        app.wizard().map(|w| w.server().endpoint.host.clone()),
        Some("pop.example.org".to_owned()),
        "the first proposal is there to edit"
    );
    type_server(&mut app, &sb, &server);
    assert!(
        sim(&app).find("Weiter").is_ok()
            && app.wizard().is_some_and(|w| w.test().passed().is_none()),
        "no way on before a test"
    );
    click(&mut app, &sb, "Verbindung testen")?;

    // The certificate is not trusted: the dialog shows it and explains the risk.
    let request = app
        .wizard()
        .and_then(Wizard::trust_request)
        .cloned()
        .ok_or("no trust dialog")?;
    assert_eq!(request.certificate().sha256, server.cert_sha256());
    for label in [
        "Zertifikat des Servers prüfen",
        "Ausgestellt für",
        "Ausgestellt von",
        "Gültig",
        "Fingerabdruck (SHA-256)",
        "Diesem Zertifikat für dieses Konto vertrauen",
    ] {
        assert!(shows(&app, label), "{label:?} not shown");
    }
    assert!(shows(&app, &request.certificate().subject));
    assert!(
        shows(&app, &two_lines(&server.cert_sha256())),
        "the fingerprint is shown"
    );
    click(
        &mut app,
        &sb,
        "Diesem Zertifikat für dieses Konto vertrauen",
    )?;
    let w = app.wizard().ok_or("the wizard closed")?;
    assert!(w.trust_request().is_none());
    let report = w
        .test()
        .passed()
        .ok_or("the test did not pass after trusting")?;
    assert_eq!(report.messages, 2);
    assert_eq!(
        server.message_count(support::USER),
        2,
        "the test deletes nothing"
    );

    // The POP3 options, with the default preselected and explained.
    click(&mut app, &sb, "Weiter")?;
    assert_eq!(app.wizard().map(Wizard::step), Some(Step::Options));
    assert!(shows(&app, "Mail auf dem Server belassen"));
    assert!(shows(
        &app,
        "Nachrichten werden heruntergeladen und sofort vom Server gelöscht."
    ));
    click(&mut app, &sb, "Fertig")?;
    assert!(app.wizard().is_none(), "the wizard closes");
    assert!(shows(&app, "Nachrichten abrufen"), "the main window shows");

    let store = Store::open_in(dir.path())?;
    let accounts = store.accounts()?;
    assert_eq!(accounts.len(), 1);
    let account = accounts[0].clone();
    let s = &account.settings;
    assert_eq!(s.name, "alice@example.org");
    assert_eq!(s.display_name, "Alice Beispiel");
    assert_eq!(
        (s.host.as_str(), s.port),
        (server.host(), server.pop3s_port())
    );
    assert_eq!(s.security, Security::Tls);
    assert_eq!(s.pinned_sha256, Some(hex::encode(server.cert_sha256())));
    assert!(!s.leave_on_server, "download and delete by default");

    // With a keyring (scripts/test.sh provides one), the password went there and nowhere else.
    let entry = postfach::secrets::account_entry(s);
    if std::env::var_os("POSTFACH_TEST_KEYRING").is_some() {
        assert_eq!(
            postfach::secrets::password(&entry)?.map(|p| p.expose().to_owned()),
            Some(support::PASSWORD.to_owned())
        );
        assert!(
            app.banners().list().is_empty(),
            "no note about a missing keyring"
        );
    }

    // Its worker, started as the account's subscription starts it (with the session password
    // when there is no keyring), checks at once.
    let session = app.workers().session_password(account.id).cloned();
    let fetcher = Fetcher::open(dir.path())?;
    let (controller, mut events) = {
        let _runtime = sb.rt.enter();
        workers::spawn_worker(fetcher, account, session)
    };
    sb.feed(
        &mut app,
        [Message::Worker(workers::Event::Ready(controller))],
    );
    let report = until_finished(&sb, &mut app, &mut events)??;
    assert_eq!(report.new, 2);
    assert_eq!(
        server.message_count(support::USER),
        0,
        "deleted on the server, as the explanation said"
    );
    // No fetch error; at most the note that the password is kept for this session only (when
    // there is no keyring).
    let banners = app.banners().list();
    assert!(
        banners.iter().all(|b| b.account.is_none()
            && b.text == "Der Schlüsselbund ist nicht verfügbar, daher gilt das Passwort nur für diese Sitzung."),
        "{banners:?}"
    );
    Ok(())
}

#[test]
fn the_wizard_takes_a_ca_certificate_tests_with_it_and_saves_it_with_the_account() -> R {
    let _language = language(Language::German);
    let server = support::Dovecot::start();
    let dir = tempfile::tempdir()?;
    let (mut app, sb) = app_on(dir.path())?;
    to_the_server_page(&mut app, &sb)?;
    type_server(&mut app, &sb, &server);
    assert!(shows(&app, "CA-Zertifikat"), "the wizard has the CA row");
    assert!(shows(&app, "Keins"), "no CA file yet");

    // A file that is no certificate is refused: nothing is tested with it.
    let bad = dir.path().join("notiz.txt");
    std::fs::write(&bad, "Das ist kein Zertifikat.\n")?;
    let chosen = |path: std::path::PathBuf| {
        wizard::Message::Form(account_form::Message::CaFile(ca_file::Message::Chosen(
            Some(path),
        )))
    };
    wizard_says(&mut app, &sb, chosen(bad.clone()));
    assert!(
        shows(&app, &bad.display().to_string()) && !shows(&app, "Keins"),
        "the file is shown (its problem in words: ui_settings_ca)"
    );
    click(&mut app, &sb, "Verbindung testen")?;
    assert!(
        app.wizard()
            .is_some_and(|w| w.test().passed().is_none() && w.test().failed().is_none()),
        "no connection was tried"
    );

    // The test CA, as the file dialog would return it: the server is trusted without a pin.
    let ca = server.ca_pem_path();
    wizard_says(&mut app, &sb, chosen(ca.clone()));
    assert!(shows(&app, &ca.display().to_string()), "the path is shown");
    click(&mut app, &sb, "Verbindung testen")?;
    let w = app.wizard().ok_or("the wizard closed")?;
    assert!(w.trust_request().is_none(), "no certificate question");
    assert!(
        w.test().passed().is_some(),
        "the test passes with the CA file: {:?}",
        w.test().failed()
    );
    click(&mut app, &sb, "Weiter")?;
    click(&mut app, &sb, "Fertig")?;
    assert!(app.wizard().is_none(), "the wizard closes");

    let accounts = Store::open_in(dir.path())?.accounts()?;
    assert_eq!(accounts.len(), 1);
    let s = &accounts[0].settings;
    assert_eq!(s.ca_file, Some(ca), "the CA file is saved with the account");
    assert_eq!(s.pinned_sha256, None, "no pin needed");
    Ok(())
}

#[test]
fn the_wizard_tries_the_proposals_in_order_and_stops_at_the_server_that_answers() -> R {
    let _language = language(Language::German);
    let server = support::Dovecot::start();
    let closed = std::net::TcpListener::bind("127.0.0.1:0")?;
    let closed_port = closed.local_addr()?.port();
    drop(closed);
    let good_port = server.pop3s_port();
    let proposer = Proposer::new(move |email: &str| {
        Ok([closed_port, good_port]
            .into_iter()
            .map(|port| Proposal {
                host: "127.0.0.1".into(),
                port,
                security: Security::Tls,
                username: email.split('@').next().unwrap_or_default().to_owned(),
            })
            .collect())
    });
    let dir = tempfile::tempdir()?;
    let db = Db::open(dir.path())?;
    let sb = Sandbox::new()?;
    let (mut w, _) = Wizard::with_proposer(false, proposer);
    let drive = |w: &mut Wizard, message: wizard::Message| {
        let mut queue = vec![message];
        while let Some(m) = queue.pop() {
            if let wizard::Action::Run(task) = w.update(m, &db) {
                queue.extend(sb.run(task));
            }
        }
    };
    drive(
        &mut w,
        wizard::Message::Email(format!("{}@example.org", support::USER)),
    );
    drive(&mut w, wizard::Message::Password(support::PASSWORD.into()));
    drive(&mut w, wizard::Message::Next);
    assert_eq!(w.attempts().len(), 1, "{:?}", w.attempts());
    assert_eq!(w.attempts()[0].0.port, closed_port, "the closed port first");
    assert_eq!(w.attempts()[0].1, "nicht erreichbar");
    assert!(
        matches!(w.trust_request(), Some(trust::Request::Untrusted { .. })),
        "the second server answered; its certificate is in question"
    );
    drive(
        &mut w,
        wizard::Message::Form(account_form::Message::Trust(trust::Message::Trust)),
    );
    assert_eq!(w.search(), &Search::Found);
    assert_eq!(w.server().endpoint.port, good_port.to_string());
    assert_eq!(w.server().username, support::USER);
    drive(&mut w, wizard::Message::Next);
    assert_eq!(w.step(), Step::Options);
    Ok(())
}

/// A fingerprint as the dialog shows it: two lines of 16 bytes.
fn two_lines(fp: &[u8; 32]) -> String {
    let text = fingerprint_hex(fp);
    let bytes: Vec<&str> = text.split(':').collect();
    format!("{}\n{}", bytes[..16].join(":"), bytes[16..].join(":"))
}

#[test]
fn a_changed_certificate_is_refused_and_the_banner_opens_the_dialog_with_both_fingerprints() -> R {
    let _language = language(Language::German);
    let server = support::Dovecot::start();
    server.seed(support::USER, "a", b"Subject: eins\r\n\r\nx\r\n");
    let dir = tempfile::tempdir()?;
    let old_pin = [0x42u8; 32];
    let account = {
        let mut store = Store::open_in(dir.path())?;
        let id = store.add_account(&postfach::store::AccountSettings {
            name: "privat".into(),
            email: "alice@example.org".into(),
            host: server.host().into(),
            port: server.pop3s_port(),
            username: support::USER.into(),
            pinned_sha256: Some(hex::encode(old_pin)),
            leave_on_server: true,
            check_on_startup: false,
            check_every_minutes: None,
            ..Default::default()
        })?;
        store.account(id)?
    };
    let (mut app, sb) = app_on(dir.path())?;
    assert!(app.wizard().is_none(), "there is an account");
    let mut events = start_worker(dir.path(), account.clone(), &sb, &mut app)?;
    sb.feed(
        &mut app,
        [Message::Worker(workers::Event::Service(Event::Finished(
            account.id,
            Err(postfach::sync::Error::NoPassword("privat".into())),
        )))],
    );
    sb.feed(
        &mut app,
        [
            Message::Banner(
                postfach::ui::screen::mail::banner::Message::PasswordChanged(
                    0,
                    support::PASSWORD.into(),
                ),
            ),
            Message::Banner(postfach::ui::screen::mail::banner::Message::SignIn(0)),
        ],
    );
    // Signing in fetches: the server shows another certificate than the pinned one.
    // (The password for this session, as the banner's password field gives it.)
    let result = until_finished(&sb, &mut app, &mut events)?;
    assert!(
        matches!(
            &result,
            Err(postfach::sync::Error::Pop3 {
                source: postfach::pop3::Error::PinMismatch { .. },
                ..
            })
        ),
        "{result:?}"
    );
    assert_eq!(server.message_count(support::USER), 1);
    assert!(shows(&app, "Abruf für privat fehlgeschlagen"));
    click(&mut app, &sb, "Zertifikat prüfen…")?;
    for label in [
        "Das Zertifikat des Servers hat sich geändert",
        "Bisher vertraut",
        "Jetzt vorgelegt",
        "Dem neuen Zertifikat für dieses Konto vertrauen",
    ] {
        assert!(shows(&app, label), "{label:?} not shown");
    }
    assert!(shows(&app, &two_lines(&old_pin)), "the old fingerprint");
    assert!(
        shows(&app, &two_lines(&server.cert_sha256())),
        "the new fingerprint"
    );

    // Trusting the new one pins it and fetches again.
    click(
        &mut app,
        &sb,
        "Dem neuen Zertifikat für dieses Konto vertrauen",
    )?;
    assert_eq!(
        app.status(),
        "Das Zertifikat wird für privat ab jetzt akzeptiert."
    );
    assert_eq!(
        Store::open_in(dir.path())?
            .account(account.id)?
            .settings
            .pinned_sha256,
        Some(hex::encode(server.cert_sha256()))
    );
    assert!(app.banners().list().is_empty(), "the error banner went");
    let report = until_finished(&sb, &mut app, &mut events)??;
    assert_eq!(report.new, 1);
    assert!(app.banners().list().is_empty());
    Ok(())
}
