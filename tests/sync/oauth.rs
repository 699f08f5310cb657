//! Signing in with a provider (OAuth 2.0), end to end against real parts: a real Dovecot whose
//! `oauth2` passdb asks the test authorization server (tests/support/oauth.rs) whether a token
//! is good, the real keyring, the real binary. The browser is played by an HTTP client that
//! follows the authorization server's redirect to Postfach's loopback listener.
use std::sync::atomic::AtomicBool;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use postfach::oauth::{self, Identity, Provider, SignIn, provider};

use super::support::oauth::{AuthServer, CLIENT_ID, follow, login};
use super::support::{Dovecot, DovecotBuilder, cli};

/// A user name of its own per test, so tests sharing the keyring do not meet.
fn unique_user(what: &str) -> String {
    static N: AtomicU32 = AtomicU32::new(0);
    format!(
        "{what}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    )
}

/// Microsoft's table entry pointed at the test server, with its client ID.
fn test_provider(server: &AuthServer) -> Provider {
    let entry = provider::entry("microsoft").expect("microsoft");
    Provider {
        entry,
        auth_url: format!("{}/authorize", server.base),
        token_url: format!("{}/token", server.base),
        device_url: None,
        client_id: Some(CLIENT_ID.to_owned()),
        client_secret: None,
    }
}

/// The sign-in through the "browser" on another thread; gives the grant.
fn sign_in(server: &AuthServer, user: &str) -> Result<oauth::Grant, oauth::Error> {
    let flow = SignIn {
        provider: test_provider(server),
        login_hint: format!("{user}@outlook.com"),
        timeout: Duration::from_secs(60),
    };
    flow.run(
        |url| {
            let url = url.to_owned();
            let _ = std::thread::spawn(move || follow(&url));
        },
        &AtomicBool::new(false),
    )
}

/// One user of the test authorization server with a mailbox (and a first message) on a real
/// Dovecot that checks its tokens, and a data directory for the binary.
struct Setup {
    user: String,
    auth: AuthServer,
    dovecot: Dovecot,
    dir: tempfile::TempDir,
    endpoints: String,
}

impl Setup {
    /// Refresh tokens `refresh_len` bytes long; `dovecot` adds to the server's options.
    fn new(
        what: &str,
        refresh_len: usize,
        dovecot: impl FnOnce(DovecotBuilder) -> DovecotBuilder,
    ) -> Setup {
        let user = unique_user(what);
        let auth = AuthServer::start(&user, 3600, refresh_len);
        // a mailbox for the user (its password is never used)
        let builder = Dovecot::builder()
            .user(&user, "kein-Passwort")
            .oauth2(&auth.introspection_url());
        let dovecot = dovecot(builder).start();
        dovecot.seed(&user, "one", b"Subject: Eins\r\n\r\nerste\r\n");
        let endpoints = format!("microsoft={}", auth.base);
        Setup {
            user,
            auth,
            dovecot,
            dir: tempfile::tempdir().unwrap(),
            endpoints,
        }
    }

    /// The binary on the data directory, in `lang`, with the test server's endpoints and no
    /// password from the environment.
    fn command(&self, lang: &str, args: &[&str]) -> std::process::Command {
        let mut c = cli::command(self.dir.path(), args);
        c.env("POSTFACH_LANG", lang)
            .env(provider::ENDPOINTS_ENV, &self.endpoints)
            .env_remove("POSTFACH_PASSWORD");
        c
    }

    /// Adds the account `name` for the user at `domain` on `port` (`extra` options last).
    fn add_account(&self, name: &str, domain: &str, port: u16, extra: &[&str]) {
        let port = port.to_string();
        let ca = self.dovecot.ca_pem_path().to_string_lossy().into_owned();
        let email = format!("{}@{domain}", self.user);
        let mut args = vec![
            "account",
            "add",
            name,
            "--email",
            &email,
            "--host",
            "127.0.0.1",
            "--port",
            &port,
            "--user",
            &self.user,
            "--ca-file",
            &ca,
        ];
        args.extend_from_slice(extra);
        let added = self.command("en", &args).output().unwrap();
        assert!(added.status.success(), "{added:?}");
    }
}

#[test]
fn sign_in_fetch_refresh_and_revocation_through_the_binary() {
    // long refresh tokens: Microsoft's can pass what one Windows keyring entry holds; SASL
    // only after STLS, as Microsoft's POP3 does
    let setup = Setup::new("oauth-e2e", 3000, |b| b);
    let (user, auth, dovecot, dir) = (&setup.user, &setup.auth, &setup.dovecot, &setup.dir);
    let run = |args: &[&str]| {
        setup
            .command("en", args)
            .env("POSTFACH_LOG", "trace")
            .output()
            .unwrap()
    };
    setup.add_account(
        "work",
        "outlook.com",
        dovecot.pop3_port(),
        &["--security", "starttls"],
    );
    let mut seen = Vec::new();

    // Sign in: the binary prints the address, the "browser" follows it.
    let mut command = setup.command("en", &["account", "login", "work", "--no-browser"]);
    command
        .args(["--client-id", CLIENT_ID])
        .env("POSTFACH_LOG", "trace");
    let (ok, printed, page) = login(command, auth);
    assert!(page.contains("You can close this window"), "{page}");
    assert!(ok, "{printed}");
    assert!(printed.contains("signed in with Microsoft"), "{printed}");
    seen.push(printed);
    let entry = Identity {
        provider: test_provider(auth),
        user: user.clone(),
    }
    .entry();
    let saved = postfach::secrets::long_secret(&entry).unwrap().unwrap();
    assert_eq!(saved.len(), 3000);
    assert_eq!(
        auth.valid_refresh_tokens(),
        [String::from_utf8(saved).unwrap()]
    );

    // Fetch: a new process has no access token in memory, so it refreshes first; the rotated
    // refresh token is what the keyring holds now.
    let fetched = run(&["fetch", "work"]);
    assert!(fetched.status.success(), "{fetched:?}");
    assert_eq!(auth.refreshes(), 1);
    let saved = postfach::secrets::long_secret(&entry).unwrap().unwrap();
    assert_eq!(
        auth.valid_refresh_tokens(),
        [String::from_utf8(saved).unwrap()]
    );
    let listed = run(&["list", "--json"]);
    assert_eq!(String::from_utf8_lossy(&listed.stdout).lines().count(), 1);
    seen.extend([fetched.stdout, fetched.stderr].map(|b| String::from_utf8_lossy(&b).into_owned()));

    // The access tokens expire; the next fetch gets a new one and fetches again.
    auth.expire_access_tokens();
    dovecot.seed(user, "two", b"Subject: Zwei\r\n\r\nzweite\r\n");
    let fetched = run(&["fetch", "work"]);
    assert!(fetched.status.success(), "{fetched:?}");
    assert_eq!(auth.refreshes(), 2);
    let listed = run(&["list", "--json"]);
    assert_eq!(String::from_utf8_lossy(&listed.stdout).lines().count(), 2);
    seen.extend([fetched.stdout, fetched.stderr].map(|b| String::from_utf8_lossy(&b).into_owned()));

    // The user revokes access: the fetch asks to sign in again and names the command; it
    // tries once, never a password.
    auth.revoke();
    dovecot.seed(user, "three", b"Subject: Drei\r\n\r\ndritte\r\n");
    let refused = run(&["fetch", "work"]);
    let words = String::from_utf8_lossy(&refused.stderr).into_owned();
    assert_eq!(refused.status.code(), Some(3), "{words}");
    assert!(words.contains("sign in again"), "{words}");
    assert!(words.contains("postfach account login work"), "{words}");
    assert_eq!(auth.refreshes(), 2);
    seen.extend([refused.stdout, refused.stderr].map(|b| String::from_utf8_lossy(&b).into_owned()));

    // Nothing of a code or token in what the program printed or logged (trace level, with the
    // protocol log), nor in Dovecot's log of our sessions.
    seen.push(std::fs::read_to_string(dir.path().join("postfach.log")).unwrap_or_default());
    let everything = seen.join("\n");
    assert!(
        everything.contains("AUTH XOAUTH2"),
        "the protocol was logged"
    );
    assert!(everything.contains("STLS"), "signed in after STLS");
    for token in auth.issued() {
        assert!(
            !everything.contains(&token),
            "a token or code was shown: {token}"
        );
    }

    // Sign out: every part of the saved token is gone.
    let out = run(&["account", "logout", "work"]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(postfach::secrets::long_secret(&entry).unwrap(), None);
    for part in 1..=2 {
        assert_eq!(
            postfach::secrets::password(&format!("{entry}#{part}")).unwrap(),
            None
        );
    }
    // signed out, the account still signs in with Microsoft: it says so, and asks nothing else
    let words = String::from_utf8_lossy(&run(&["fetch", "work"]).stderr).into_owned();
    assert!(words.contains("is not signed in with Microsoft"), "{words}");
    // a password method chosen by name ends that: now a password is missing
    let out = run(&["account", "set", "work", "--auth", "plain"]);
    assert!(out.status.success(), "{out:?}");
    let words = String::from_utf8_lossy(&run(&["fetch", "work"]).stderr).into_owned();
    assert!(words.contains("No password is saved for work"), "{words}");
}

#[test]
fn access_tokens_are_kept_until_the_margin_and_refreshes_wait_for_each_other() {
    // Lasting an hour: the access token from the sign-in is used again, no refresh.
    let user = unique_user("oauth-cache");
    let auth = AuthServer::start(&user, 3600, 64);
    let grant = sign_in(&auth, &user).unwrap();
    let identity = Identity {
        provider: test_provider(&auth),
        user: user.clone(),
    };
    oauth::save_grant(&identity, &grant).unwrap();
    let token = oauth::access_token(&identity).unwrap();
    assert_eq!(token, grant.access);
    assert_eq!(auth.refreshes(), 0);

    // Lasting less than the margin: every use refreshes. Several at once (POP3 and SMTP of
    // one account) wait for each other: refresh tokens rotate, so two refreshes with the
    // same one would leave one of them refused.
    let user = unique_user("oauth-serial");
    let auth = AuthServer::start(&user, 20, 64);
    let identity = Identity {
        provider: test_provider(&auth),
        user: user.clone(),
    };
    oauth::save_grant(&identity, &sign_in(&auth, &user).unwrap()).unwrap();
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let identity = identity.clone();
            std::thread::spawn(move || oauth::access_token(&identity))
        })
        .collect();
    for t in threads {
        assert!(t.join().unwrap().is_ok());
    }
    assert_eq!(auth.refreshes(), 4);
    assert_eq!(auth.valid_refresh_tokens().len(), 1);

    // Revoked: a distinct "sign in again", and no second try.
    auth.revoke();
    let e = oauth::access_token(&identity).unwrap_err();
    assert!(e.needs_sign_in(), "{e:?}");
    assert!(matches!(e, oauth::Error::SignInAgain { .. }), "{e:?}");
    assert_eq!(auth.refreshes(), 4);
    oauth::sign_out(&identity).unwrap();
    assert!(!oauth::has_grant(&identity).unwrap());
}

#[test]
fn the_authorization_server_checks_pkce_and_a_wrong_verifier_fails() {
    let user = unique_user("oauth-pkce");
    let auth = AuthServer::start(&user, 3600, 64);
    // the "browser" swaps the challenge: the code is then bound to another verifier
    let flow = SignIn {
        provider: test_provider(&auth),
        login_hint: String::new(),
        timeout: Duration::from_secs(60),
    };
    let result = flow.run(
        |url| {
            let forged = url::Url::parse(url).unwrap();
            let pairs: Vec<(String, String)> = forged
                .query_pairs()
                .map(|(k, v)| {
                    let v = if k == "code_challenge" {
                        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM".to_owned()
                    } else {
                        v.into_owned()
                    };
                    (k.into_owned(), v)
                })
                .collect();
            let mut forged = forged.clone();
            forged.query_pairs_mut().clear().extend_pairs(pairs);
            let _ = std::thread::spawn(move || follow(forged.as_str()));
        },
        &AtomicBool::new(false),
    );
    assert!(
        matches!(&result, Err(oauth::Error::Refused(r)) if r.starts_with("invalid_grant")),
        "{result:?}"
    );
    assert_eq!(auth.pkce_refused(), 1);
    // and the honest browser gets through
    assert!(sign_in(&auth, &user).is_ok());
}

#[test]
fn the_device_code_sign_in_works_where_no_browser_reaches_the_loopback() {
    let setup = Setup::new("oauth-device", 64, |b| b);
    let auth = &setup.auth;
    setup.add_account("heim", "hotmail.de", setup.dovecot.pop3s_port(), &[]);
    let command = |args: &[&str]| setup.command("de", args);
    let mut child = command(&["account", "login", "heim", "--device-code"])
        .args(["--client-id", CLIENT_ID])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    std::io::BufRead::read_line(&mut stdout, &mut line).unwrap();
    assert!(
        line.contains(&format!("{}/device", auth.base)) && line.contains("WDJB-MJHT"),
        "{line}"
    );
    assert!(line.contains("und geben Sie den Code"), "in German: {line}");
    // the user signs in on another device; the command was polling meanwhile
    auth.approve_devices();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fetched = command(&["fetch", "heim"]).output().unwrap();
    assert!(fetched.status.success(), "{fetched:?}");
    assert_eq!(auth.refreshes(), 1);
}
