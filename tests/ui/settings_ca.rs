//! The account's own CA certificate on the settings page: the connection test uses the edited
//! value against a real Dovecot whose certificate comes from a test CA, saving stores it in the
//! real store file, removing clears it, and a file that is no PEM certificate is refused in
//! words. The system's file dialog cannot be driven here, so its result is sent as the message
//! the dialog task would produce. German UI.

use crate::support;

use std::path::PathBuf;

use postfach::i18n::Language;
use postfach::pop3::Security;
use postfach::setup::probe::Step;
use postfach::sync::ErrorKind;
use postfach::ui::screen::settings::{self, Page, account, account_form, ca_file, server};
use postfach::ui::{App, Message};
use support::page::{account_page as page, click, shows};
use support::sandbox::{Fixture, Sandbox, language};

type R = Result<(), Box<dyn std::error::Error>>;

fn account_message(m: account::Message) -> Message {
    Message::Settings(settings::Message::Account(m))
}

/// What the file dialog hands back when the user picks `path`.
fn chosen(path: PathBuf) -> Message {
    account_message(account::Message::Form(account_form::Message::CaFile(
        ca_file::Message::Chosen(Some(path)),
    )))
}

/// The app on a fixture whose account points at `server` without a CA file of its own, on its
/// settings page with the password typed.
fn open(server: &support::Dovecot) -> Result<(Fixture, App, Sandbox), Box<dyn std::error::Error>> {
    let _language = language(Language::German);
    let fx = Fixture::with_settings(&[], |s| {
        s.host = server.host().to_owned();
        s.port = server.pop3s_port();
        s.security = Security::Tls;
        s.ca_file = None;
        s.pinned_sha256 = None;
        s.username = support::USER.to_owned();
    })?;
    let (mut app, sb) = fx.app()?;
    sb.feed(&mut app, [Message::OpenSettings(Page::Account(fx.account))]);
    sb.feed(
        &mut app,
        [account_message(account::Message::Form(
            account_form::Message::Server(server::Message::Password(support::PASSWORD.into())),
        ))],
    );
    Ok((fx, app, sb))
}

#[test]
fn the_ca_certificate_is_tested_as_edited_saved_and_removed() -> R {
    let server = support::Dovecot::start();
    let (fx, mut app, sb) = open(&server)?;
    assert!(shows(&app, "CA-Zertifikat"), "the row is there");
    assert!(shows(&app, "Keins"), "no CA file yet");
    assert!(!shows(&app, "Entfernen"), "nothing to remove");

    // Without the test CA the server's certificate is not trusted.
    click(&mut app, &sb, "Verbindung testen")?;
    let failure = page(&app)?.test().failed().ok_or("the test did not fail")?;
    assert_eq!(failure.step, Step::Connect, "{failure:?}");
    assert_eq!(failure.error.kind(), ErrorKind::Tls, "{failure:?}");
    // The sentence is in words; OpenSSL's text is behind "Details", shown when asked for
    // (once the certificate dialog that opened is closed).
    let words = failure.error.user_message();
    let details = failure.error.details().ok_or("no details")?;
    assert!(shows(&app, &words), "{words}");
    assert!(!words.contains("verify failed"), "{words}");
    assert!(details.contains("verify failed"), "{details}");
    assert!(!shows(&app, &details), "the details start hidden");
    click(&mut app, &sb, "Abbrechen")?;
    click(&mut app, &sb, "Details")?;
    assert!(shows(&app, &details), "the details are shown");
    click(&mut app, &sb, "Details ausblenden")?;
    assert!(!shows(&app, &details), "and hidden again");

    // The CA file, as the file dialog would return it: shown, unsaved, and the old result gone.
    let ca = server.ca_pem_path();
    sb.feed(&mut app, [chosen(ca.clone())]);
    assert!(shows(&app, &ca.display().to_string()), "the path is shown");
    assert!(shows(&app, "Entfernen"));
    assert!(page(&app)?.is_dirty(), "an unsaved change");
    assert!(shows(&app, "Es gibt nicht gespeicherte Änderungen."));
    assert!(
        page(&app)?.test().failed().is_none(),
        "the old result is gone"
    );

    // The test uses the edited value, before it is saved.
    click(&mut app, &sb, "Verbindung testen")?;
    let report = page(&app)?.test().passed();
    assert!(
        report.is_some(),
        "the test passes with the CA file: {:?}",
        page(&app)?.test().failed()
    );
    assert_eq!(
        fx.store()?.account(fx.account)?.settings.ca_file,
        None,
        "not saved yet"
    );

    click(&mut app, &sb, "Speichern")?;
    assert_eq!(
        fx.store()?.account(fx.account)?.settings.ca_file,
        Some(ca.clone())
    );
    assert!(!page(&app)?.is_dirty(), "saved");
    assert!(
        shows(&app, &ca.display().to_string()),
        "still shown after saving"
    );

    // Removing it clears it in the store.
    click(&mut app, &sb, "Entfernen")?;
    assert!(shows(&app, "Keins"));
    assert!(page(&app)?.is_dirty());
    click(&mut app, &sb, "Speichern")?;
    assert_eq!(fx.store()?.account(fx.account)?.settings.ca_file, None);
    assert!(!page(&app)?.is_dirty());
    Ok(())
}

#[test]
fn a_file_that_is_no_pem_certificate_is_refused_in_words() -> R {
    let server = support::Dovecot::start();
    let (fx, mut app, sb) = open(&server)?;
    let bad = fx.dir.path().join("notiz.txt");
    std::fs::write(&bad, "Das ist kein Zertifikat.\n")?;
    sb.feed(&mut app, [chosen(bad.clone())]);
    let problem = format!(
        "Die Datei „{}“ enthält kein Zertifikat im PEM-Format. Wählen Sie eine Datei, die mit \
         „-----BEGIN CERTIFICATE-----“ beginnt.",
        bad.display()
    );
    assert!(shows(&app, &problem), "the problem is shown under the row");

    // Neither tested nor saved.
    click(&mut app, &sb, "Verbindung testen")?;
    assert!(page(&app)?.test().passed().is_none());
    assert!(
        page(&app)?.test().failed().is_none(),
        "no connection was tried"
    );
    click(&mut app, &sb, "Speichern")?;
    assert_eq!(fx.store()?.account(fx.account)?.settings.ca_file, None);
    assert!(page(&app)?.is_dirty(), "the change is still there to fix");

    // A file that goes bad after it was chosen is caught when saving.
    let later = fx.dir.path().join("ca.pem");
    std::fs::copy(server.ca_pem_path(), &later)?;
    sb.feed(&mut app, [chosen(later.clone())]);
    assert!(!shows(&app, &problem), "a good file clears the problem");
    std::fs::write(&later, "kaputt\n")?;
    click(&mut app, &sb, "Speichern")?;
    assert_eq!(fx.store()?.account(fx.account)?.settings.ca_file, None);
    let refused = format!(
        "Die Einstellungen konnten nicht gespeichert werden: Die Datei „{}“ enthält kein \
         Zertifikat im PEM-Format. Wählen Sie eine Datei, die mit „-----BEGIN CERTIFICATE-----“ \
         beginnt.",
        later.display()
    );
    assert!(shows(&app, &refused), "the save says why");
    Ok(())
}
