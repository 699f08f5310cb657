//! What can stop a fetch, as a typed outcome the UI and the CLI show in words.

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
    /// No password is known for the account.
    #[error("no password for {0}")]
    NoPassword(String),
    /// The keyring could not be read.
    #[error("{0}")]
    Keyring(#[from] crate::secrets::Error),
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
            Error::Locked(_) => ErrorKind::Busy,
            Error::Store(_) | Error::Keyring(_) | Error::Internal(_) => ErrorKind::Local,
        }
    }

    /// Whether trying again later may succeed without the user doing anything.
    pub fn is_transient(&self) -> bool {
        matches!(self.kind(), ErrorKind::Network | ErrorKind::Busy)
    }

    /// What happened and what to do, in the user's language.
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
                    P::Network(_) => fl!("error-network", host = host, detail = source.to_string()),
                    P::Timeout(what) => {
                        fl!("error-timeout", host = host, detail = what.to_string())
                    }
                    P::Closed => fl!("error-closed"),
                    P::Tls {
                        message,
                        certificate: Some(cert),
                    } => fl!(
                        "error-tls-untrusted",
                        host = host,
                        detail = message.as_str(),
                        fingerprint = cert.fingerprint_hex()
                    ),
                    P::Tls { message, .. } => {
                        fl!("error-tls", host = host, detail = message.as_str())
                    }
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
            Error::NoPassword(account) => fl!("error-no-password", account = account.as_str()),
            Error::Keyring(e) => fl!("error-keyring", detail = e.to_string()),
            Error::Internal(detail) => fl!("error-internal", detail = detail.as_str()),
        }
    }
}
