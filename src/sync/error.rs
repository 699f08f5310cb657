//! What can stop a fetch, as a typed outcome the UI and the CLI show in words.

use crate::pop3::{NetFailure, TlsFailure};
use crate::secrets::KeyringFailure;
use crate::{fl, pop3, store};

/// Why a fetch stopped.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    /// The POP3 conversation failed (network, TLS, auth, server state, protocol).
    #[error("{host}: {source}")]
    Pop3 { host: String, source: pop3::Error },
    /// The local store failed (disk full, I/O error, ...).
    #[error("store: {0}")]
    Store(#[from] store::Error),
    /// Another fetch of this account is running (this or another process).
    #[error("another fetch of {0} is running")]
    Locked(String),
    /// An import changed what the next fetch of this account may do: it waits until the user
    /// has seen the dry run (`Fetcher::preview`) and agreed.
    #[error("{0}: the first fetch after an import waits for a look at its dry run")]
    ImportReview(String),
    /// No password is known for the account.
    #[error("no password for {0}")]
    NoPassword(String),
    /// The keyring could not be read.
    #[error("{0}")]
    Keyring(#[from] crate::secrets::Error),
    /// Signing in with the provider (OAuth) failed: no token, refused, unreachable.
    #[error("{0}")]
    OAuth(#[from] crate::oauth::Error),
    /// Something that should not happen (a task panicked, ...).
    #[error("internal: {0}")]
    Internal(String),
}

impl From<store::SharedError> for Error {
    fn from(e: store::SharedError) -> Self {
        Error::Internal(e.to_string())
    }
}

impl From<tokio::task::JoinError> for Error {
    fn from(e: tokio::task::JoinError) -> Self {
        Error::Internal(format!("fetch task: {e}"))
    }
}

/// The broad class of an error: drives CLI exit codes and the retry schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Wrong credentials or no usable mechanism: the user must act.
    Auth,
    /// Network unreachable, timeouts, dropped connections: try again later.
    Network,
    /// Certificate or TLS problems: the user must decide.
    Tls,
    /// Mailbox in use, login delay, temporary server failure: try again later.
    Busy,
    /// The local store or keyring failed.
    Local,
    /// A server that breaks the protocol or refuses permanently.
    Server,
    /// The user must look at what the fetch would do first (after an import).
    Review,
}

impl Error {
    pub(crate) fn pop3(host: &str, source: pop3::Error) -> Error {
        Error::Pop3 {
            host: host.to_owned(),
            source,
        }
    }

    /// The class of this error.
    pub fn kind(&self) -> ErrorKind {
        use pop3::Error as P;
        match self {
            Error::Pop3 { source, .. } => match source {
                P::AuthRejected(_) | P::NoCommonMechanism => ErrorKind::Auth,
                P::Network(_) | P::Timeout(_) | P::Closed => ErrorKind::Network,
                P::Tls { .. } | P::PinMismatch { .. } | P::StartTlsUnavailable => ErrorKind::Tls,
                P::InUse(_) | P::LoginDelay(_) | P::SysTemp(_) => ErrorKind::Busy,
                _ => ErrorKind::Server,
            },
            Error::NoPassword(_) => ErrorKind::Auth,
            Error::OAuth(crate::oauth::Error::Network(_)) => ErrorKind::Network,
            Error::OAuth(crate::oauth::Error::Keyring(_)) => ErrorKind::Local,
            Error::OAuth(_) => ErrorKind::Auth,
            Error::Locked(_) => ErrorKind::Busy,
            Error::ImportReview(_) => ErrorKind::Review,
            Error::Store(_) | Error::Keyring(_) | Error::Internal(_) => ErrorKind::Local,
        }
    }

    /// Whether trying again later may succeed without the user doing anything.
    pub fn is_transient(&self) -> bool {
        matches!(self.kind(), ErrorKind::Network | ErrorKind::Busy)
    }

    /// What happened and what to do, in the user's language: words only. Library and system
    /// texts (TLS, network, keyring, store) are in [`Error::details`], not here.
    pub fn user_message(&self) -> String {
        use pop3::Error as P;
        match self {
            Error::Pop3 { host, source } => {
                let host = host.as_str();
                match source {
                    P::AuthRejected(detail) => fl!("error-auth", detail = detail.as_str()),
                    P::NoCommonMechanism => fl!("error-no-mechanism"),
                    P::InUse(detail) => fl!("error-in-use", detail = detail.as_str()),
                    P::LoginDelay(detail) => fl!("error-login-delay", detail = detail.as_str()),
                    P::SysTemp(detail) => fl!("error-sys-temp", detail = detail.as_str()),
                    P::SysPerm(detail) => fl!("error-sys-perm", detail = detail.as_str()),
                    P::ServerError(detail) => fl!("error-server", detail = detail.as_str()),
                    P::Network(_) | P::Timeout(_) => {
                        net_words(host, source.net_failure().unwrap_or(NetFailure::Other))
                    }
                    P::Closed => fl!("error-closed"),
                    P::Tls {
                        failure: TlsFailure::BadCaFile,
                        ..
                    } => fl!("error-tls-ca-file"),
                    P::Tls {
                        failure,
                        certificate: Some(cert),
                        ..
                    } => fl!(
                        "error-tls-untrusted",
                        host = host,
                        reason = crate::tls::words::tls_reason(*failure),
                        fingerprint = cert.fingerprint_hex()
                    ),
                    P::Tls { failure, .. } if failure.is_certificate() => fl!(
                        "error-tls-certificate",
                        host = host,
                        reason = crate::tls::words::tls_reason(*failure)
                    ),
                    P::Tls { .. } => fl!("error-tls", host = host),
                    P::PinMismatch { expected, actual } => fl!(
                        "error-pin-mismatch",
                        host = host,
                        expected = pop3::fingerprint_hex(expected),
                        actual = actual.fingerprint_hex()
                    ),
                    P::StartTlsUnavailable => fl!("error-starttls-unavailable", host = host),
                    P::MessageTooLarge { size, limit } => {
                        fl!("error-too-large", size = (*size), limit = (*limit))
                    }
                    P::TooManyMessages(count) => fl!("error-too-many", count = (*count)),
                    other => fl!("error-protocol", detail = other.to_string()),
                }
            }
            Error::Store(e) => fl!("error-store", detail = e.to_string()),
            Error::Locked(account) => fl!("error-locked", account = account.as_str()),
            Error::ImportReview(account) => {
                fl!("error-import-review", account = account.as_str())
            }
            Error::NoPassword(account) => fl!("error-no-password", account = account.as_str()),
            Error::Keyring(e) => fl!("error-keyring", reason = keyring_reason(e.failure())),
            Error::OAuth(e) => e.user_message(),
            Error::Internal(detail) => fl!("error-internal", detail = detail.as_str()),
        }
    }

    /// Writes the failure to the log, with the technical text (one safe line).
    pub fn log(&self, account: &str) {
        tracing::warn!(
            account = %crate::text::safe_line(account),
            "fetch failed: {}",
            crate::text::safe_line(&self.to_string())
        );
    }

    /// The technical text behind [`Error::user_message`] (what the TLS library, the operating
    /// system or the keyring said), as one safe line for a "Details" disclosure, the CLI's second
    /// line and the log. `None` where the sentence already says everything.
    pub fn details(&self) -> Option<String> {
        use pop3::Error as P;
        let text = match self {
            Error::Pop3 { source, .. } => match source {
                P::Network(_) | P::Timeout(_) | P::Tls { .. } => source.to_string(),
                _ => return None,
            },
            Error::Keyring(e) => e.detail().to_owned(),
            _ => return None,
        };
        Some(crate::text::safe_line(&text))
    }
}

/// Why `host` could not be reached, and what to do, as sentences.
fn net_words(host: &str, failure: NetFailure) -> String {
    match failure {
        NetFailure::Refused => fl!("error-network-refused", host = host),
        NetFailure::Unreachable => fl!("error-network-unreachable", host = host),
        NetFailure::NameNotFound => fl!("error-network-name", host = host),
        NetFailure::TimedOut => fl!("error-timeout", host = host),
        NetFailure::Other => fl!("error-network", host = host),
    }
}

/// Why the keyring could not be used, as a sentence.
pub fn keyring_reason(failure: KeyringFailure) -> String {
    match failure {
        KeyringFailure::NoService => fl!("keyring-failure-no-service"),
        KeyringFailure::Locked => fl!("keyring-failure-locked"),
        KeyringFailure::Unreadable => fl!("keyring-failure-unreadable"),
        KeyringFailure::Other => fl!("keyring-failure-other"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Language, hold};

    fn untrusted(failure: TlsFailure) -> Error {
        Error::pop3(
            "127.0.0.1",
            pop3::Error::Tls {
                failure,
                message: "error:0A000086:SSL routines:tls_post_process_server_certificate:\
                          certificate verify failed:../ssl/statem/statem_clnt.c:1889: \
                          (self-signed certificate)"
                    .into(),
                certificate: None,
            },
        )
    }

    #[test]
    fn tls_failures_are_told_in_words_with_the_library_text_in_the_details() {
        let german = hold(Language::German);
        let e = untrusted(TlsFailure::SelfSigned);
        let words = e.user_message();
        assert!(words.contains("selbst signiert"), "{words}");
        assert!(!words.contains("error:0A000086") && !words.contains("ssl/statem"));
        assert!(e.details().is_some_and(|d| d.contains("error:0A000086")));
        drop(german);
        let _english = hold(Language::English);
        for (failure, expected) in [
            (TlsFailure::SelfSigned, "self-signed"),
            (
                TlsFailure::UnknownIssuer,
                "authority this computer does not know",
            ),
            (TlsFailure::Expired, "expired"),
            (TlsFailure::NotYetValid, "not valid yet"),
            (TlsFailure::WrongName, "different server name"),
            (TlsFailure::Revoked, "revoked"),
            (TlsFailure::RevocationUnknown, "could not be checked"),
        ] {
            let words = untrusted(failure).user_message();
            assert!(words.contains(expected), "{failure:?}: {words}");
            assert!(!words.contains("statem"), "{words}");
        }
        let other = untrusted(TlsFailure::Other).user_message();
        assert!(other.contains("secure connection"), "{other}");
        let ca_file = untrusted(TlsFailure::BadCaFile).user_message();
        assert!(ca_file.contains("CA certificate file"), "{ca_file}");
    }

    #[test]
    fn network_failures_are_told_in_words() {
        let _english = hold(Language::English);
        let net = |kind: std::io::ErrorKind| {
            Error::pop3(
                "mail.example.org",
                pop3::Error::from(std::io::Error::from(kind)),
            )
        };
        let refused = net(std::io::ErrorKind::ConnectionRefused);
        assert!(refused.user_message().contains("refused the connection"));
        assert!(!refused.user_message().contains("os error"));
        assert!(refused.details().is_some());
        let unreachable = net(std::io::ErrorKind::HostUnreachable).user_message();
        assert!(unreachable.contains("cannot be reached"), "{unreachable}");
        let timeout = Error::pop3("mail.example.org", pop3::Error::Timeout("connecting"));
        assert!(timeout.user_message().contains("did not answer in time"));
        let dns = Error::pop3(
            "mail.example.invalid",
            pop3::Error::Network(std::sync::Arc::new(std::io::Error::other(
                "failed to lookup address information: Name or service not known",
            ))),
        );
        assert!(
            dns.user_message().contains("was not found"),
            "{}",
            dns.user_message()
        );
    }

    #[test]
    fn keyring_failures_are_told_in_words() {
        let german = hold(Language::German);
        let e = Error::Keyring(crate::secrets::Error::from(keyring::Error::NoDefaultStore));
        let words = e.user_message();
        assert!(words.contains("Schlüsselbund"), "{words}");
        assert!(!words.contains("No default store"), "{words}");
        assert!(e.details().is_some_and(|d| d.contains("No default store")));
        drop(german);
        let _english = hold(Language::English);
        let locked = crate::secrets::Error::from(keyring::Error::NoStorageAccess(
            "locked collection".into(),
        ));
        assert_eq!(locked.failure(), KeyringFailure::Locked);
        assert!(Error::Keyring(locked).user_message().contains("locked"));
    }
}
