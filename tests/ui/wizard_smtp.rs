//! The wizard's outgoing server: proposed with the incoming one from the provider table (and
//! proposed anew for another address), shown and editable on the server page; the search tries
//! each server's proposals in order and "Test connection" checks both — a real Dovecot and a
//! scripted submission server that sees nothing sent; finishing stores the outgoing server.
//! German UI.

use crate::support;

use iced_test::Simulator;
use postfach::i18n::Language;
use postfach::pop3::Security;
use postfach::setup::autoconfig::Proposal;
use postfach::store::{SmtpSettings, Store};
use postfach::ui::screen::settings::{account_form, ca_file};
use postfach::ui::screen::wizard::{self, Proposer, Search, Step, Wizard};
use postfach::ui::service::db::Db;
use postfach::ui::{App, Message};
use support::page::{click, shows};
use support::sandbox::{Sandbox, app_on, language};
use support::submission::Submission;

type R = Result<(), Box<dyn std::error::Error>>;

fn wizard_says(app: &mut App, sb: &Sandbox, message: wizard::Message) {
    sb.feed(app, [Message::Wizard(message)]);
}

/// A wizard on its own (with proposals from the test), driven like the app drives it.
pub(crate) struct Driven {
    pub(crate) wizard: Wizard,
    db: Db,
    sb: Sandbox,
    pub(crate) done: Option<wizard::Outcome>,
}

impl Driven {
    pub(crate) fn new(
        proposer: Proposer,
        dir: &std::path::Path,
    ) -> Result<Driven, Box<dyn std::error::Error>> {
        let (wizard, _) = Wizard::with_proposer(false, proposer);
        Ok(Driven {
            wizard,
            db: Db::open(dir)?,
            sb: Sandbox::new()?,
            done: None,
        })
    }

    /// Handles `message` and everything its tasks bring back.
    pub(crate) fn say(&mut self, message: wizard::Message) {
        let mut queue = vec![message];
        while let Some(m) = queue.pop() {
            match self.wizard.update(m, &self.db) {
                wizard::Action::Run(task) => queue.extend(self.sb.run(task)),
                wizard::Action::Outcome(outcome) => self.done = Some(outcome),
                wizard::Action::None => {}
            }
        }
    }

    fn ui(&self) -> Simulator<'_, wizard::Message> {
        Simulator::with_size(
            iced::Settings::default(),
            (1200.0, 2400.0),
            self.wizard.view(),
        )
    }

    pub(crate) fn shows(&self, label: &str) -> bool {
        self.ui().find(label).is_ok()
    }

    pub(crate) fn click(&mut self, label: &str) -> R {
        let messages = {
            let mut ui = self.ui();
            ui.click(label)
                .map_err(|e| format!("cannot click {label:?}: {e}"))?;
            ui.into_messages().collect::<Vec<_>>()
        };
        for m in messages {
            self.say(m);
        }
        Ok(())
    }
}

fn wizard(app: &App) -> Result<&Wizard, Box<dyn std::error::Error>> {
    Ok(app.wizard().ok_or("no wizard")?)
}

#[test]
fn the_wizard_proposes_the_outgoing_server_of_a_known_provider() -> R {
    let _language = language(Language::German);
    let dir = tempfile::tempdir()?;
    let (mut app, sb) = app_on(dir.path())?;
    wizard_says(
        &mut app,
        &sb,
        wizard::Message::Email("max.mustermann@gmx.de".into()),
    );
    wizard_says(&mut app, &sb, wizard::Message::Password("geheim".into()));
    // By hand, so that nothing on the internet is contacted.
    click(&mut app, &sb, "Servereinstellungen selbst eingeben")?;
    click(&mut app, &sb, "Weiter")?;
    let w = wizard(&app)?;
    assert_eq!(w.step(), Step::Server);
    assert_eq!(w.server().endpoint.host, "pop.gmx.net");
    let out = w.outgoing();
    assert!(out.enabled, "proposed with the incoming server");
    assert_eq!(
        (out.endpoint.host.as_str(), out.endpoint.port.as_str()),
        ("mail.gmx.net", "465")
    );
    assert_eq!(out.endpoint.security, Security::Tls);
    assert_eq!(out.username, "max.mustermann@gmx.de");
    assert!(out.same_password, "the password typed on the first page");
    for label in [
        "Posteingangsserver (POP3)",
        "Postausgangsserver (SMTP)",
        "Gleiches Passwort wie für den Posteingang",
        "Postausgangsserver entfernen",
        "Meldet sich bei beiden Servern an und liest die Größe des Postfachs. Es wird nichts heruntergeladen, gelöscht oder gesendet.",
    ] {
        assert!(shows(&app, label), "{label:?} not shown");
    }
    assert!(!wizard(&app)?.tested_both(), "no way on before a test");

    // Another address, another provider: proposed anew (web.de sends over STARTTLS on 587).
    click(&mut app, &sb, "Zurück")?;
    wizard_says(&mut app, &sb, wizard::Message::Email("max@web.de".into()));
    click(&mut app, &sb, "Weiter")?;
    let out = wizard(&app)?.outgoing();
    assert_eq!(
        (out.endpoint.host.as_str(), out.endpoint.port.as_str()),
        ("smtp.web.de", "587")
    );
    assert_eq!(out.endpoint.security, Security::StartTls);
    assert_eq!(out.username, "max@web.de");
    Ok(())
}

#[test]
fn the_wizard_searches_both_servers_tests_them_and_saves_the_outgoing_one() -> R {
    let _language = language(Language::German);
    let dovecot = support::Dovecot::start();
    let (cert, key) = (dovecot.server_cert_path(), dovecot.server_key_path());
    let submission = Submission::start(&cert, &key, support::USER, support::PASSWORD);
    let closed = std::net::TcpListener::bind("127.0.0.1:0")?;
    let closed_port = closed.local_addr()?.port();
    drop(closed);
    let (pop3_port, smtp_port) = (dovecot.pop3s_port(), submission.port());
    let at = |port: u16| Proposal {
        host: "127.0.0.1".into(),
        port,
        security: Security::Tls,
        username: support::USER.into(),
    };
    let proposer = Proposer::new(move |_: &str| Ok(vec![at(pop3_port)]))
        .with_outgoing(move |_: &str| Ok(vec![at(closed_port), at(smtp_port)]));
    let dir = tempfile::tempdir()?;
    let mut w = Driven::new(proposer, dir.path())?;
    w.say(wizard::Message::Email("alice@example.org".into()));
    w.say(wizard::Message::Password(support::PASSWORD.into()));
    w.click("Weiter")?;
    // The search meets the incoming server's certificate, which nothing trusts yet: it stops
    // and asks. Instead of trusting it, the user chooses the test CA (as the file dialog would
    // hand it back), which trusts both servers' certificate, and searches again.
    assert!(
        w.wizard.trust_request().is_some(),
        "the certificate question"
    );
    assert_eq!(w.wizard.search(), &Search::Manual);
    w.click("Abbrechen")?;
    w.say(wizard::Message::Form(account_form::Message::CaFile(
        ca_file::Message::Chosen(Some(dovecot.ca_pem_path())),
    )));
    w.click("Erneut suchen")?;

    let found = &w.wizard;
    assert_eq!(
        found.search(),
        &Search::Found,
        "{:?}",
        found.test().outgoing_failed()
    );
    assert_eq!(found.attempts().len(), 1, "{:?}", found.attempts());
    assert_eq!(
        found.attempts()[0].0.port,
        closed_port,
        "the closed port first"
    );
    assert_eq!(found.attempts()[0].1, "nicht erreichbar");
    assert!(found.test().passed().is_some() && found.test().outgoing_passed().is_some());
    assert!(w.shows(&format!(
        "Postausgangsserver: 127.0.0.1, Port {smtp_port}, SSL/TLS."
    )));
    assert!(w.shows("Verbindung und Anmeldung funktionieren. Es wurde nichts gesendet."));
    assert_eq!(
        submission.logins(),
        [(support::USER.to_owned(), support::PASSWORD.to_owned())],
        "signed in with the password from the first page"
    );
    assert!(
        submission
            .commands()
            .iter()
            .all(|c| !["MAIL", "RCPT", "DATA"].contains(&c.as_str())),
        "nothing sent"
    );

    w.click("Weiter")?;
    assert_eq!(w.wizard.step(), Step::Options);
    w.click("Fertig")?;
    assert!(
        matches!(w.done, Some(wizard::Outcome::Done { .. })),
        "the account is set up"
    );
    let accounts = Store::open_in(dir.path())?.accounts()?;
    assert_eq!(accounts.len(), 1);
    let s = &accounts[0].settings;
    assert_eq!(s.port, pop3_port);
    assert_eq!(
        s.smtp,
        Some(SmtpSettings {
            host: "127.0.0.1".into(),
            port: smtp_port,
            security: Security::Tls,
            auth: postfach::pop3::AuthMethod::Auto,
            username: support::USER.into(),
            own_password: false,
            ca_file: None,
            pinned_sha256: None,
        })
    );
    assert_eq!(s.ca_file, Some(dovecot.ca_pem_path()), "trusted for both");
    Ok(())
}
