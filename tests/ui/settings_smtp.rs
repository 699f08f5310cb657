//! The account page's outgoing server (SMTP) and identity: the card sets a server up from the
//! provider table, saves it with Reply-To and signature into the real store and reads it back;
//! its own password goes to the real keyring; "Verbindung testen" checks both servers — a real
//! Dovecot for POP3 and a scripted submission server for SMTP (nothing is sent) — and the
//! certificate trust works for both as it does for POP3. German UI.

use crate::support;

use iced::keyboard::key::Named;
use postfach::i18n::Language;
use postfach::pop3::{AuthMethod, Security};
use postfach::setup::probe::Step;
use postfach::smtp;
use postfach::store::{AccountSettings, SmtpSettings};
use postfach::ui::screen::settings::{
    self, Page, account, account_form, endpoint, outgoing, server,
};
use postfach::ui::{App, Message};
use support::page::{account_page as page, click, shows, sim};
use support::sandbox::{Fixture, Sandbox, language};
use support::submission::Submission;

type R = Result<(), Box<dyn std::error::Error>>;

fn say(app: &mut App, sb: &Sandbox, m: account::Message) {
    sb.feed(app, [Message::Settings(settings::Message::Account(m))]);
}

fn outgoing_says(app: &mut App, sb: &Sandbox, m: outgoing::Message) {
    say(
        app,
        sb,
        account::Message::Form(account_form::Message::Outgoing(m)),
    );
}

fn endpoint_says(app: &mut App, sb: &Sandbox, m: endpoint::Message) {
    outgoing_says(app, sb, outgoing::Message::Endpoint(m));
}

/// The account's incoming server is the test Dovecot (trusted through `ca`), its outgoing
/// server the scripted one on `port`, signed in to as the Dovecot user.
fn both_servers(
    dovecot: &support::Dovecot,
    port: u16,
    ca: bool,
) -> impl FnOnce(&mut AccountSettings) + '_ {
    move |s| {
        s.host = dovecot.host().to_owned();
        s.port = dovecot.pop3s_port();
        s.security = Security::Tls;
        s.ca_file = ca.then(|| dovecot.ca_pem_path());
        s.username = support::USER.to_owned();
        s.smtp = Some(SmtpSettings {
            host: "127.0.0.1".into(),
            port,
            security: Security::Tls,
            auth: AuthMethod::Auto,
            username: support::USER.into(),
            own_password: false,
            ca_file: None,
            pinned_sha256: None,
        });
    }
}

/// The settings page of the fixture's account, with the incoming password typed.
fn open_with_password(fx: &Fixture) -> Result<(App, Sandbox), Box<dyn std::error::Error>> {
    let (mut app, sb) = fx.app()?;
    sb.feed(&mut app, [Message::OpenSettings(Page::Account(fx.account))]);
    say(
        &mut app,
        &sb,
        account::Message::Form(account_form::Message::Server(server::Message::Password(
            support::PASSWORD.into(),
        ))),
    );
    Ok((app, sb))
}

#[test]
fn the_outgoing_server_card_sets_up_saves_and_reads_back_the_server_and_the_identity() -> R {
    let _language = language(Language::German);
    let fx = Fixture::new(&[])?;
    let (mut app, sb) = fx.app()?;
    sb.feed(&mut app, [Message::OpenSettings(Page::Account(fx.account))]);
    assert!(
        shows(&app, "Postausgangsserver (SMTP)"),
        "the card is there"
    );
    assert!(shows(
        &app,
        "Für dieses Konto ist noch kein Postausgangsserver eingerichtet; es kann nur Mail empfangen."
    ));
    assert!(!page(&app)?.is_dirty());

    // Set up from the provider table's guess for example.de, signed in as the incoming user.
    click(&mut app, &sb, "Postausgangsserver einrichten")?;
    assert_eq!(
        page(&app)?.settings()?.smtp,
        Some(SmtpSettings {
            host: "smtp.example.de".into(),
            port: 465,
            security: Security::Tls,
            auth: AuthMethod::Auto,
            username: "anna".into(),
            own_password: false,
            ca_file: None,
            pinned_sha256: None,
        })
    );
    assert!(shows(&app, "Gleiches Passwort wie für den Posteingang"));
    assert!(shows(
        &app,
        "Verschlüsselt ab dem ersten Byte, meist Port 465."
    ));
    assert!(shows(&app, "Es gibt nicht gespeicherte Änderungen."));

    // Edit it: another host, STARTTLS (the port follows), LOGIN, another user name.
    endpoint_says(
        &mut app,
        &sb,
        endpoint::Message::Host("mail.example.de".into()),
    );
    endpoint_says(
        &mut app,
        &sb,
        endpoint::Message::Security(Security::StartTls),
    );
    assert!(shows(
        &app,
        "Wird gleich nach dem Verbinden verschlüsselt, meist Port 587."
    ));
    // No encryption only after the same warning as for the incoming server.
    endpoint_says(&mut app, &sb, endpoint::Message::Security(Security::Plain));
    assert!(shows(&app, "Ohne Verschlüsselung verbinden?"));
    click(&mut app, &sb, "Verschlüsselt bleiben")?;
    assert!(!shows(&app, "Ohne Verschlüsselung verbinden?"));
    outgoing_says(
        &mut app,
        &sb,
        outgoing::Message::Auth(outgoing::Auth::Login),
    );
    outgoing_says(
        &mut app,
        &sb,
        outgoing::Message::Username("anna.schmidt".into()),
    );

    // The identity: a Reply-To (checked) and a signature of two lines, typed.
    assert!(shows(&app, "Antwortadresse") && shows(&app, "Signatur"));
    say(&mut app, &sb, account::Message::ReplyTo("antwort".into()));
    click(&mut app, &sb, "Speichern")?;
    assert!(shows(
        &app,
        "Die Antwortadresse ist keine gültige E-Mail-Adresse."
    ));
    assert_eq!(fx.store()?.account(fx.account)?.settings.smtp, None);
    say(
        &mut app,
        &sb,
        account::Message::ReplyTo("antwort@example.de".into()),
    );
    let typed = {
        let mut ui = sim(&app);
        ui.click(account::signature_id())?;
        ui.typewrite("Anna Schmidt");
        ui.tap_key(Named::Enter);
        ui.typewrite("Beispiel GmbH");
        ui.into_messages().collect::<Vec<_>>()
    };
    sb.feed(&mut app, typed);
    click(&mut app, &sb, "Speichern")?;
    assert!(shows(
        &app,
        "Gespeichert. Die Änderungen gelten ab dem nächsten Abruf."
    ));

    // What the real store file holds.
    let stored = fx.store()?.account(fx.account)?.settings;
    let expected = SmtpSettings {
        host: "mail.example.de".into(),
        port: 587,
        security: Security::StartTls,
        auth: AuthMethod::Login,
        username: "anna.schmidt".into(),
        own_password: false,
        ca_file: None,
        pinned_sha256: None,
    };
    assert_eq!(stored.smtp, Some(expected.clone()));
    assert_eq!(stored.reply_to.as_deref(), Some("antwort@example.de"));
    assert_eq!(stored.signature, "Anna Schmidt\nBeispiel GmbH");
    assert_eq!(stored.host, "pop.example.de", "the incoming server stays");

    // Read back: another page and back again shows what was stored, nothing to save.
    click(&mut app, &sb, "Allgemein")?;
    click(&mut app, &sb, "privat")?;
    let p = page(&app)?;
    assert!(!p.is_dirty(), "the page shows exactly what is stored");
    assert_eq!(p.settings()?.smtp, Some(expected));
    assert_eq!(p.settings()?.signature, "Anna Schmidt\nBeispiel GmbH");

    // Removing the outgoing server leaves an account that only receives.
    click(&mut app, &sb, "Postausgangsserver entfernen")?;
    click(&mut app, &sb, "Speichern")?;
    let stored = fx.store()?.account(fx.account)?.settings;
    assert_eq!(stored.smtp, None);
    assert_eq!(stored.reply_to.as_deref(), Some("antwort@example.de"));
    Ok(())
}

#[test]
fn an_own_password_for_the_outgoing_server_is_kept_in_the_keyring() -> R {
    let _language = language(Language::German);
    // Keyring entries are shared by all tests: a user name of this run only.
    let user = format!("anna-{}-{}", std::process::id(), support::sandbox::now());
    let fx = Fixture::with_settings(&[], |s| {
        s.smtp = Some(SmtpSettings {
            host: "smtp.example.de".into(),
            port: 587,
            security: Security::StartTls,
            auth: AuthMethod::Auto,
            username: user.clone(),
            own_password: false,
            ca_file: None,
            pinned_sha256: None,
        });
    })?;
    let (mut app, sb) = fx.app()?;
    sb.feed(&mut app, [Message::OpenSettings(Page::Account(fx.account))]);
    click(&mut app, &sb, "Gleiches Passwort wie für den Posteingang")?;
    assert!(shows(
        &app,
        "Wird beim Speichern im Schlüsselbund des Systems abgelegt."
    ));
    outgoing_says(
        &mut app,
        &sb,
        outgoing::Message::Password("Versand-Geheimnis-7".into()),
    );
    click(&mut app, &sb, "Speichern")?;
    let stored = fx.store()?.account(fx.account)?.settings;
    let smtp = stored.smtp.clone().ok_or("no outgoing server")?;
    assert!(smtp.own_password);
    let entry = postfach::secrets::smtp_entry(&smtp);
    assert_eq!(entry, format!("smtp://{user}@smtp.example.de:587"));

    if std::env::var_os("POSTFACH_TEST_KEYRING").is_none() {
        eprintln!("no test keyring (scripts/test.sh starts one): the keyring half is not checked");
        return Ok(());
    }
    assert_eq!(
        postfach::secrets::password(&entry)?.map(|p| p.expose().to_owned()),
        Some("Versand-Geheimnis-7".to_owned()),
        "the password is in the keyring"
    );
    assert_eq!(
        postfach::secrets::password(&postfach::secrets::account_entry(&stored))?,
        None,
        "the incoming password's entry is untouched"
    );
    assert!(shows(
        &app,
        "Gespeichert. Die Änderungen gelten ab dem nächsten Abruf."
    ));
    assert!(
        shows(
            &app,
            "Ein Passwort ist im Schlüsselbund des Systems gespeichert."
        ),
        "the page reads the keyring again"
    );

    // Back to the incoming password: the own entry is removed.
    click(&mut app, &sb, "Gleiches Passwort wie für den Posteingang")?;
    click(&mut app, &sb, "Speichern")?;
    let smtp = fx.store()?.account(fx.account)?.settings.smtp;
    assert_eq!(smtp.map(|m| m.own_password), Some(false));
    assert_eq!(postfach::secrets::password(&entry)?, None, "forgotten");
    Ok(())
}

#[test]
fn the_connection_test_checks_the_incoming_and_the_outgoing_server_and_sends_nothing() -> R {
    let _language = language(Language::German);
    let dovecot = support::Dovecot::start();
    dovecot.seed(support::USER, "m", b"Subject: eins\r\n\r\nx\r\n");
    let (cert, key) = (dovecot.server_cert_path(), dovecot.server_key_path());
    let submission = Submission::start(&cert, &key, support::USER, support::PASSWORD);
    let fx = Fixture::with_settings(&[], both_servers(&dovecot, submission.port(), true))?;
    let (mut app, sb) = open_with_password(&fx)?;

    click(&mut app, &sb, "Verbindung testen")?;
    let p = page(&app)?;
    assert!(p.test().passed().is_some(), "{:?}", p.test().failed());
    let report = p
        .test()
        .outgoing_passed()
        .ok_or_else(|| format!("{:?}", p.test().outgoing_failed()))?;
    assert!(report.encrypted);
    assert_eq!(report.size_limit, Some(10_485_760));
    // Signed in with the incoming password, as "same password" says; nothing sent.
    assert_eq!(
        submission.logins(),
        [(support::USER.to_owned(), support::PASSWORD.to_owned())]
    );
    let commands = submission.commands();
    assert!(
        commands
            .iter()
            .all(|c| !["MAIL", "RCPT", "DATA"].contains(&c.as_str())),
        "{commands:?}"
    );
    assert_eq!(commands.last().map(String::as_str), Some("QUIT"));
    for step in [
        smtp::Step::Connect,
        smtp::Step::Capabilities,
        smtp::Step::Authenticate,
        smtp::Step::Quit,
    ] {
        let name = settings::connection::outgoing_step_name(step);
        assert!(shows(&app, &name), "{name:?} listed");
    }
    assert!(shows(
        &app,
        "Verbindung und Anmeldung funktionieren. Es wurde nichts gesendet."
    ));
    assert!(shows(&app, "Der Server nimmt Nachrichten bis 10 MB an."));
    assert_eq!(dovecot.message_count(support::USER), 1, "nothing deleted");

    // A password of its own, and a wrong one: the outgoing half fails in words, the incoming
    // half still passes.
    click(&mut app, &sb, "Gleiches Passwort wie für den Posteingang")?;
    outgoing_says(&mut app, &sb, outgoing::Message::Password("falsch".into()));
    click(&mut app, &sb, "Verbindung testen")?;
    let p = page(&app)?;
    assert!(p.test().passed().is_some());
    let failure = p
        .test()
        .outgoing_failed()
        .ok_or("the outgoing test passed")?;
    assert_eq!(failure.step, smtp::Step::Authenticate, "{failure:?}");
    let words = failure.error.user_message("127.0.0.1");
    assert!(shows(&app, &words), "{words}");
    assert_eq!(
        submission.logins().last(),
        Some(&(support::USER.to_owned(), "falsch".to_owned()))
    );
    Ok(())
}

#[test]
fn one_certificate_trusted_for_the_account_covers_both_servers() -> R {
    let _language = language(Language::German);
    let dovecot = support::Dovecot::start();
    let (cert, key) = (dovecot.server_cert_path(), dovecot.server_key_path());
    let submission = Submission::start(&cert, &key, support::USER, support::PASSWORD);
    let fx = Fixture::with_settings(&[], both_servers(&dovecot, submission.port(), false))?;
    let (mut app, sb) = open_with_password(&fx)?;

    // Neither server's certificate is trusted; both show the same one: one question.
    click(&mut app, &sb, "Verbindung testen")?;
    let p = page(&app)?;
    assert_eq!(p.test().failed().map(|e| e.step), Some(Step::Connect));
    assert_eq!(
        p.test().outgoing_failed().map(|e| e.step),
        Some(smtp::Step::Connect)
    );
    assert!(shows(&app, "Diesem Zertifikat für dieses Konto vertrauen"));
    click(
        &mut app,
        &sb,
        "Diesem Zertifikat für dieses Konto vertrauen",
    )?;
    let p = page(&app)?;
    assert!(p.test().passed().is_some(), "{:?}", p.test().failed());
    assert!(
        p.test().outgoing_passed().is_some(),
        "{:?}",
        p.test().outgoing_failed()
    );
    click(&mut app, &sb, "Speichern")?;
    assert_eq!(
        fx.store()?.account(fx.account)?.settings.pinned_sha256,
        Some(hex::encode(dovecot.cert_sha256()))
    );
    Ok(())
}

#[test]
fn a_certificate_only_the_outgoing_server_shows_is_not_offered_to_trust() -> R {
    let _language = language(Language::German);
    let dovecot = support::Dovecot::start();
    let submission = Submission::with_own_certificate(support::USER, support::PASSWORD);
    let fx = Fixture::with_settings(&[], both_servers(&dovecot, submission.port(), true))?;
    let (mut app, sb) = open_with_password(&fx)?;

    click(&mut app, &sb, "Verbindung testen")?;
    let p = page(&app)?;
    assert!(
        p.test().passed().is_some(),
        "the CA file trusts the incoming server"
    );
    let failure = p
        .test()
        .outgoing_failed()
        .ok_or("the outgoing test passed")?;
    assert_eq!(failure.step, smtp::Step::Connect);
    assert_eq!(failure.error.kind(), smtp::ErrorKind::Tls, "{failure:?}");
    // Pinning it would shut out the incoming server: no dialog, no button, but why in words.
    assert!(p.dialog().is_none(), "no certificate question");
    assert!(!shows(&app, "Zertifikat prüfen…"));
    assert!(shows(
        &app,
        "Postfach kann diesem Zertifikat nicht vertrauen, ohne den anderen Server des Kontos auszusperren: Ein Zertifikat, dem Sie vertrauen, gilt immer für beide Server eines Kontos. Wählen Sie stattdessen beim Posteingangsserver ein CA-Zertifikat, das beide Server bestätigt."
    ));
    assert!(submission.logins().is_empty(), "no password went there");
    Ok(())
}
