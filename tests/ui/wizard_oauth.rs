//! The wizard for a Google or Microsoft address: "Sign in with …" instead of the password,
//! the words when this build has no client ID (and the app-password way where the provider
//! has one), and the whole sign-in against the test authorization server and a real Dovecot
//! whose `oauth2` passdb checks the token: the browser is an HTTP client following the
//! redirect to the wizard's loopback listener. English and German.

use crate::support;
use crate::wizard_smtp::Driven;

use postfach::i18n::Language;
use postfach::oauth::{self, Identity, Provider, provider};
use postfach::pop3::{AuthMethod, Security};
use postfach::setup::autoconfig::Proposal;
use postfach::store::Store;
use postfach::ui::screen::settings::{account_form, ca_file};
use postfach::ui::screen::sign_in::{self, Opener};
use postfach::ui::screen::wizard::{self, Proposer, Search, Step};
use support::oauth::{AuthServer, CLIENT_ID, follow};
use support::sandbox::language;

type R = Result<(), Box<dyn std::error::Error>>;

/// Whether this build was made with a client ID for the provider (a packager's build).
fn built_in(id: &str) -> bool {
    provider::entry(id).is_some_and(|e| e.built_client_id.is_some())
}

/// An Outlook.com account (its own user name) that signs in with Microsoft and the test's
/// client ID; nothing in the keyring yet.
fn outlook_account(
    what: &str,
) -> Result<(String, support::sandbox::Fixture), Box<dyn std::error::Error>> {
    let user = format!("{what}-{}@outlook.com", std::process::id());
    let username = user.clone();
    let fx = support::sandbox::Fixture::with_settings(&[], move |s| {
        s.email = username.clone();
        s.username = username.clone();
        s.host = "outlook.office365.com".into();
        s.sign_in_with("microsoft", Some((CLIENT_ID.into(), None)));
    })?;
    Ok((user, fx))
}

/// The user, the authorization server, the Dovecot, the data dir and the wizard of
/// [`wizard_with_servers`].
type WithServers = (
    String,
    AuthServer,
    support::Dovecot,
    tempfile::TempDir,
    Driven,
);

/// A user of the test authorization server with a mailbox on a real Dovecot that checks its
/// tokens (trusted through the test CA), and a wizard that proposes that server, signs in at
/// the test server and opens the sign-in's address with `browser`.
fn wizard_with_servers(
    what: &str,
    refresh_len: usize,
    browser: Opener,
) -> Result<WithServers, Box<dyn std::error::Error>> {
    let user = format!("{what}-{}", std::process::id());
    let auth = AuthServer::start(&user, 3600, refresh_len);
    let dovecot = support::Dovecot::builder()
        .user(&user, "unused")
        .oauth2(&auth.introspection_url())
        .start();
    let port = dovecot.pop3s_port();
    let proposed = user.clone();
    let proposer = Proposer::new(move |_: &str| {
        Ok(vec![Proposal {
            host: "127.0.0.1".into(),
            port,
            security: Security::Tls,
            username: proposed.clone(),
        }])
    });
    let dir = tempfile::tempdir()?;
    let mut w = Driven::new(proposer, dir.path())?;
    w.wizard.set_sign_in(browser, Some(auth.base.clone()));
    w.say(wizard::Message::Form(account_form::Message::CaFile(
        ca_file::Message::Chosen(Some(dovecot.ca_pem_path())),
    )));
    Ok((user, auth, dovecot, dir, w))
}

/// Signed in: the wizard went on to the servers, found them and signed in to them.
fn on_to_the_found_servers(w: &Driven) {
    assert_eq!(w.wizard.step(), Step::Server);
    assert_eq!(
        w.wizard.search(),
        &Search::Found,
        "{:?}",
        w.wizard.test().failed()
    );
}

fn nowhere() -> Proposer {
    Proposer::new(|_: &str| Ok(Vec::new()))
}

#[test]
fn an_outlook_address_signs_in_with_microsoft_in_the_browser_and_the_account_keeps_no_password() -> R
{
    let _language = language(Language::English);
    let browser = Opener::new(|url| {
        let url = url.to_owned();
        let _ = std::thread::spawn(move || follow(&url));
    });
    let (user, auth, _dovecot, dir, mut w) = wizard_with_servers("wizard-oauth", 2600, browser)?;
    w.say(wizard::Message::Email(format!("{user}@outlook.com")));

    // No password field: Microsoft takes none for POP3 and SMTP.
    assert!(
        w.shows("Microsoft signs you in through your browser: Postfach never sees your password.")
    );
    assert!(!w.shows("Password"), "no password field");
    if !built_in("microsoft") {
        assert!(
            w.shows("Microsoft accepts no passwords for POP3 and SMTP, so a client ID is needed.")
        );
        assert!(!w.shows("Sign in with Microsoft"));
        w.click("Next")?;
        assert_eq!(w.wizard.step(), Step::Identity, "not without signing in");
        assert!(w.shows("Please sign in with Microsoft first."));
        w.click("Advanced")?;
    }
    w.say(wizard::Message::SignIn(sign_in::Message::ClientId(
        CLIENT_ID.into(),
    )));
    assert!(w.shows("Sign in with Microsoft"));

    // Signing in goes on to the servers, which are tested with the token.
    w.click("Sign in with Microsoft")?;
    on_to_the_found_servers(&w);
    // edited by hand, the servers still ask for no password
    w.say(wizard::Message::Edit);
    assert!(w.shows("Incoming server (POP3)"), "the server form");
    assert!(!w.shows("Password"), "no password field for the token");
    w.click("Test connection")?;
    assert!(w.wizard.tested_both(), "{:?}", w.wizard.test().failed());
    w.click("Next")?;
    w.click("Done")?;
    assert!(matches!(w.done, Some(wizard::Outcome::Done { .. })));

    let accounts = Store::open_in(dir.path())?.accounts()?;
    let s = &accounts[0].settings;
    let o = s.oauth.as_ref().ok_or("signs in with Microsoft")?;
    assert_eq!(
        (o.provider.as_str(), o.client_id.as_deref()),
        ("microsoft", Some(CLIENT_ID))
    );
    assert_eq!(
        (s.auth, s.incoming_auth()),
        (AuthMethod::XOAuth2, AuthMethod::XOAuth2)
    );
    // the refresh token in the keyring (in parts: 2,600 bytes), no password anywhere
    let identity = Identity {
        provider: Provider::resolve("microsoft", Some((CLIENT_ID, None))).ok_or("provider")?,
        user: user.clone(),
    };
    assert!(oauth::has_grant(&identity)?);
    assert_eq!(auth.valid_refresh_tokens().len(), 1);
    assert_eq!(
        postfach::secrets::password(&postfach::secrets::account_entry(s))?,
        None
    );
    oauth::sign_out(&identity)?;
    Ok(())
}

#[test]
fn without_a_client_id_the_wizard_says_so_and_offers_app_passwords_where_there_are_any() -> R {
    let _language = language(Language::German);
    let dir = tempfile::tempdir()?;
    let mut w = Driven::new(nowhere(), dir.path())?;
    w.say(wizard::Message::Email("erika@gmail.com".into()));
    assert!(w.shows(
        "Google meldet Sie über Ihren Browser an: Postfach bekommt Ihr Passwort nie zu sehen."
    ));
    if !built_in("google") {
        assert!(w.shows("Diese Postfach-Ausgabe hat keine Client-ID für Google und kann sich dort deshalb noch nicht anmelden. Tragen Sie unter „Erweitert“ eine eigene Client-ID ein (wie Sie eine bekommen, steht in der README)."));
        assert!(w.shows("Oder verwenden Sie ein App-Passwort: Erstellen Sie es in den Sicherheitseinstellungen Ihres Google-Kontos und geben Sie es statt Ihres Passworts ein."));
        // the app password goes where the password goes
        assert!(
            w.shows("Passwort"),
            "the password field for an app password"
        );
        assert!(!w.shows("Mit Google anmelden"));
    }
    // Google's desktop clients come with a secret: the own client needs it too
    w.click("Erweitert")?;
    assert!(w.shows("Eigene Client-ID") && w.shows("Client-Geheimnis"));

    // Microsoft has no app passwords: no password field, only the sign-in.
    w.say(wizard::Message::Email("erika@hotmail.de".into()));
    assert!(!w.shows("Passwort"));
    if !built_in("microsoft") {
        assert!(w.shows(
            "Microsoft nimmt für POP3 und SMTP keine Passwörter an, daher ist eine Client-ID nötig."
        ));
    }
    w.click("Erweitert")?;
    assert!(w.shows("Eigene Client-ID"));
    assert!(
        !w.shows("Client-Geheimnis"),
        "a public client has no secret"
    );
    w.say(wizard::Message::SignIn(sign_in::Message::ClientId(
        "eigene-id".into(),
    )));
    assert!(w.shows("Mit Microsoft anmelden"));

    // Any other address: the password as before.
    w.say(wizard::Message::Email("erika@gmx.de".into()));
    assert!(w.shows("Passwort"));
    assert!(!w.shows("Erweitert"));
    Ok(())
}

/// The account page of a signed-in account says who is signed in, offers "Sign in again…"
/// and "Sign out"; signing out removes the token from the real keyring.
#[test]
fn the_account_page_shows_the_sign_in_and_signs_out() -> R {
    use postfach::ui::Message;
    use postfach::ui::screen::settings::Page;
    use support::page::{click, shows};

    let _language = language(Language::English);
    let (user, fx) = outlook_account("settings-oauth")?;
    let identity = Identity {
        provider: Provider::resolve("microsoft", Some((CLIENT_ID, None))).ok_or("provider")?,
        user: user.clone(),
    };
    let grant = oauth::Grant {
        access: postfach::pop3::Password::new("at-settings"),
        expires_in: None,
        refresh: Some(postfach::pop3::Password::new("rt-settings")),
    };
    oauth::save_grant(&identity, &grant)?;
    let (mut app, sb) = fx.app()?;
    sb.feed(&mut app, [Message::OpenSettings(Page::Account(fx.account))]);
    assert!(shows(&app, "Sign-in with Microsoft"));
    assert!(shows(&app, &format!("Signed in with Microsoft as {user}.")));
    assert!(shows(&app, "Sign in again…"));
    assert!(shows(&app, "Own client ID"), "under Advanced, filled in");
    assert!(!shows(&app, "Password"), "no password field");
    click(&mut app, &sb, "Sign out")?;
    assert!(!oauth::has_grant(&identity)?);
    assert!(shows(&app, "Not signed in with Microsoft."));
    assert!(!shows(&app, "Sign out"));
    Ok(())
}

/// The real fetch worker of a Microsoft account that is not signed in (no token in the
/// keyring): the window shows a banner with "Sign in again…" (never a password field), which
/// opens the account's sign-in.
#[test]
fn a_fetch_without_a_sign_in_shows_a_banner_that_leads_to_signing_in() -> R {
    use postfach::store::Store;
    use postfach::sync::Fetcher;
    use postfach::sync::service;
    use postfach::ui::Message;
    use postfach::ui::service::workers;
    use support::page::{click, shows, until_finished};

    let _language = language(Language::English);
    let (user, fx) = outlook_account("banner-oauth")?;
    let account = Store::open_in(fx.dir.path())?.account(fx.account)?;
    let (mut app, sb) = fx.app()?;
    let (controller, mut events) = {
        let _runtime = sb.rt.enter();
        service::spawn(
            Fetcher::open(fx.dir.path())?,
            account,
            service::system_clock,
        )
    };
    sb.feed(
        &mut app,
        [Message::Worker(workers::Event::Ready(controller))],
    );
    click(&mut app, &sb, "Get messages")?;
    let result = until_finished(&sb, &mut app, &mut events)?;
    assert!(
        matches!(&result, Err(postfach::sync::Error::OAuth(e)) if e.needs_sign_in()),
        "{result:?}"
    );
    assert!(shows(
        &app,
        &format!("{user} is not signed in with Microsoft. Please sign in.")
    ));
    assert!(shows(&app, "Sign in again…"));
    assert!(!shows(&app, "Sign in"), "no password field's button");
    click(&mut app, &sb, "Sign in again…")?;
    assert!(shows(&app, "Sign-in with Microsoft"));
    assert!(shows(&app, "Sign in with Microsoft"));
    Ok(())
}

/// Where no browser reaches this computer (a remote session): "Sign in on another device…"
/// gets a code from Microsoft's device endpoint, waits for the sign-in made elsewhere, and
/// the wizard goes on as after the browser sign-in.
#[test]
fn the_wizard_signs_in_on_another_device() -> R {
    let _language = language(Language::German);
    // no browser at all
    let (user, auth, _dovecot, _dir, mut w) =
        wizard_with_servers("wizard-device", 64, Opener::new(|_| {}))?;
    auth.approve_devices_at_once();
    w.say(wizard::Message::Email(format!("{user}@hotmail.de")));
    w.say(wizard::Message::SignIn(sign_in::Message::ClientId(
        CLIENT_ID.into(),
    )));
    w.click("Auf einem anderen Gerät anmelden…")?;
    assert_eq!(auth.device_codes(), 1);
    on_to_the_found_servers(&w);
    let identity = Identity {
        provider: Provider::resolve("microsoft", Some((CLIENT_ID, None))).ok_or("provider")?,
        user: user.clone(),
    };
    w.click("Weiter")?;
    w.click("Fertig")?;
    assert!(oauth::has_grant(&identity)?);
    oauth::sign_out(&identity)?;
    Ok(())
}
