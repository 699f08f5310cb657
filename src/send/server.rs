//! An account's outgoing server as both the connection test and the Outbox use it: how to
//! connect, who signs in, and which keyring entry holds the secret. One definition, so what
//! "Test connection" checks is what sending does.
//!
//! Certificate trust: the outgoing server's own CA file and pin when it has either (it is
//! often another host with another certificate), else the account's, as for its incoming
//! server.
use crate::pop3::Password;
use crate::smtp::{ConnectOptions, Credentials, Limits, TlsOptions};
use crate::store::{AccountSettings, SmtpSettings};
use crate::tls::parse_fingerprint;

/// The certificate trust for `server`, the outgoing server of `account`.
pub fn tls_options(account: &AccountSettings, server: &SmtpSettings) -> TlsOptions {
    let (ca_file, pin) = if server.ca_file.is_some() || server.pinned_sha256.is_some() {
        (&server.ca_file, &server.pinned_sha256)
    } else {
        (&account.ca_file, &account.pinned_sha256)
    };
    TlsOptions {
        ca_file: ca_file.clone(),
        pinned_sha256: pin.as_deref().and_then(parse_fingerprint),
    }
}

/// How to reach `server`: host, port, security, trust, and these bounds.
pub fn connect_options(
    account: &AccountSettings,
    server: &SmtpSettings,
    limits: Limits,
) -> ConnectOptions {
    ConnectOptions {
        host: server.host.clone(),
        port: server.port,
        security: server.security,
        tls: tls_options(account, server),
        limits,
    }
}

/// Whether the server is signed in to: an empty user name means "no authentication".
pub fn signs_in(server: &SmtpSettings) -> bool {
    !server.username.trim().is_empty()
}

/// Who signs in with `secret` (a password, or the token for XOAUTH2/OAUTHBEARER); `None` for a
/// server without authentication.
pub fn credentials(
    account: &AccountSettings,
    server: &SmtpSettings,
    secret: Password,
) -> Option<Credentials> {
    signs_in(server).then(|| Credentials {
        user: server.username.trim().to_owned(),
        secret,
        method: account.outgoing_auth(server),
    })
}

/// The secret that signs in to `server`: a fresh access token for an account that signs in
/// with its provider, else the saved password; `None` when the server needs none or none is
/// saved. Blocks (keyring, token endpoint).
pub fn secret(
    account: &AccountSettings,
    server: &SmtpSettings,
) -> Result<Option<Password>, crate::sync::Error> {
    if !signs_in(server) {
        return Ok(None);
    }
    if let Some(identity) = crate::oauth::tokens::identity(account)? {
        return Ok(Some(crate::oauth::access_token(&identity)?));
    }
    Ok(crate::secrets::password(&password_entry(account, server))?)
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

/// The largest message the outgoing server of `account` takes, as it announces it (EHLO
/// `SIZE`): asked over a connection without signing in, on which nothing is sent. `None` when
/// the server sets no limit, there is no outgoing server, or it cannot be reached now.
pub async fn announced_size(account: &AccountSettings) -> Option<u64> {
    let server = account.smtp.as_ref()?;
    let opts = connect_options(account, server, Limits::default());
    match crate::smtp::probe(&opts, None, &mut |_| {}).await {
        Ok(report) => report.size_limit.filter(|&n| n > 0),
        Err(e) => {
            tracing::debug!(step = ?e.step, "the outgoing server's size limit is not known: {}", e.error);
            None
        }
    }
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
            ca_file: None,
            pinned_sha256: None,
        }
    }

    fn account() -> AccountSettings {
        AccountSettings {
            host: "pop.example.de".into(),
            username: "anna".into(),
            ca_file: Some("/etc/ca.pem".into()),
            pinned_sha256: Some("ab".repeat(32)),
            ..AccountSettings::default()
        }
    }

    #[test]
    fn the_account_trust_applies_unless_the_server_has_its_own() {
        let account = account();
        let o = connect_options(&account, &server("anna", false), Limits::default());
        assert_eq!((o.host.as_str(), o.port), ("smtp.example.de", 465));
        assert_eq!(o.tls.ca_file, account.ca_file);
        assert_eq!(o.tls.pinned_sha256, Some([0xab; 32]));
        let own = SmtpSettings {
            pinned_sha256: Some("cd".repeat(32)),
            ..server("anna", false)
        };
        let t = tls_options(&account, &own);
        assert_eq!((t.ca_file, t.pinned_sha256), (None, Some([0xcd; 32])));
    }

    #[test]
    fn an_empty_user_signs_in_as_no_one() {
        let account = account();
        assert!(credentials(&account, &server("  ", false), Password::new("x")).is_none());
        let c = credentials(&account, &server(" anna ", false), Password::new("x"));
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
