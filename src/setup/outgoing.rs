//! The outgoing server of an account as the connection test (and later the Outbox) uses it:
//! how to connect (the account's certificate trust, as for its incoming server), who signs in
//! (no one when the user name is empty: "no authentication"), which keyring entry holds its
//! password, and "Test connection" for it (EHLO, TLS, AUTH, QUIT; nothing is sent).

use crate::pop3::Password;
use crate::smtp::{self, ConnectOptions, Credentials, Limits};
use crate::store::{AccountSettings, SmtpSettings};

/// How to reach the outgoing server: its host, port and security, with the account's CA file
/// and pinned certificate.
pub fn connect_options(account: &AccountSettings, server: &SmtpSettings) -> ConnectOptions {
    ConnectOptions {
        host: server.host.clone(),
        port: server.port,
        security: server.security,
        tls: super::probe::tls_options(account),
        limits: Limits::default(),
    }
}

/// Whether the server is signed in to: an empty user name means "no authentication".
pub fn signs_in(server: &SmtpSettings) -> bool {
    !server.username.trim().is_empty()
}

/// Who signs in with `secret` (a password, or the token for XOAUTH2/OAUTHBEARER); `None` for a
/// server without authentication.
pub fn credentials(server: &SmtpSettings, secret: Password) -> Option<Credentials> {
    signs_in(server).then(|| Credentials {
        user: server.username.trim().to_owned(),
        secret,
        method: server.auth,
    })
}

/// The keyring entry that holds the outgoing server's secret: its own entry when it has its
/// own password (always for a token), else the incoming server's.
pub fn password_entry(account: &AccountSettings, server: &SmtpSettings) -> String {
    if server.own_password {
        crate::secrets::smtp_entry(server)
    } else {
        crate::secrets::account_entry(account)
    }
}

/// Runs the test of `server` (the outgoing server of `account`) with `secret`; `on_step` is
/// called when a step succeeded. Nothing is sent: the session ends with QUIT after AUTH.
pub async fn probe(
    account: &AccountSettings,
    server: &SmtpSettings,
    secret: Option<Password>,
    on_step: &mut (dyn FnMut(smtp::Step) + Send),
) -> Result<smtp::ProbeReport, smtp::ProbeError> {
    let options = connect_options(account, server);
    let credentials = secret.and_then(|s| credentials(server, s));
    smtp::probe(&options, credentials.as_ref(), on_step).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pop3::{AuthMethod, Security};

    fn server(username: &str, own_password: bool) -> SmtpSettings {
        SmtpSettings {
            host: "smtp.example.de".into(),
            port: 465,
            security: Security::Tls,
            auth: AuthMethod::Plain,
            username: username.into(),
            own_password,
        }
    }

    #[test]
    fn the_account_trust_applies_and_an_empty_user_signs_in_as_no_one() {
        let account = AccountSettings {
            host: "pop.example.de".into(),
            username: "anna".into(),
            ca_file: Some("/etc/ca.pem".into()),
            pinned_sha256: Some("ab".repeat(32)),
            ..AccountSettings::default()
        };
        let o = connect_options(&account, &server("anna", false));
        assert_eq!((o.host.as_str(), o.port), ("smtp.example.de", 465));
        assert_eq!(o.tls.ca_file, account.ca_file);
        assert_eq!(o.tls.pinned_sha256, Some([0xab; 32]));
        assert!(credentials(&server("  ", false), Password::new("x")).is_none());
        let c = credentials(&server(" anna ", false), Password::new("x"));
        assert_eq!(
            c.map(|c| (c.user, c.method)),
            Some(("anna".into(), AuthMethod::Plain))
        );
        assert_eq!(
            password_entry(&account, &server("anna", false)),
            crate::secrets::account_entry(&account)
        );
        assert_eq!(
            password_entry(&account, &server("anna", true)),
            "smtp://anna@smtp.example.de:465"
        );
    }
}
