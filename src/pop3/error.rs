//! The one error type of the POP3 client. `Clone`, so it can travel in UI messages.
use std::fmt;
use std::io;
use std::sync::Arc;

use crate::tls::{self, CertificateInfo, NetFailure, TlsFailure, fingerprint_hex};

/// The explicit session states of RFC 1939.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SessionState {
    /// After the greeting, before a successful login.
    Authorization,
    /// Logged in: the mailbox is locked and may be read and marked.
    Transaction,
    /// `QUIT` was sent in the transaction state: deletions are being committed.
    Update,
}

impl fmt::Display for SessionState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SessionState::Authorization => "AUTHORIZATION",
            SessionState::Transaction => "TRANSACTION",
            SessionState::Update => "UPDATE",
        })
    }
}

/// Everything that can go wrong talking to a POP3 server.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    /// Connecting, reading or writing failed at the socket level.
    #[error("network error: {0}")]
    Network(Arc<io::Error>),
    /// The TLS handshake failed. When the failure was the certificate's verification, the
    /// certificate the server presented is attached so the user can decide to trust it.
    #[error("TLS error: {message}")]
    Tls {
        /// Why, in a category the user can be told in words.
        failure: TlsFailure,
        /// What the TLS library said (for the details and the log).
        message: String,
        /// The server's certificate, when it could be obtained.
        certificate: Option<Box<CertificateInfo>>,
    },
    /// The server's certificate is not the pinned one.
    #[error("certificate fingerprint {} does not match the pinned {}", actual.fingerprint_hex(), fingerprint_hex(expected))]
    PinMismatch {
        /// The pinned SHA-256 fingerprint.
        expected: [u8; 32],
        /// The certificate the server presented.
        actual: Box<CertificateInfo>,
    },
    /// STARTTLS was required but the server does not offer or refused `STLS`. Nothing was sent.
    #[error("the server does not offer STLS (STARTTLS), but the account requires it")]
    StartTlsUnavailable,
    /// The server rejected the credentials (`-ERR` to PASS/AUTH/APOP or `[AUTH]`).
    #[error("authentication rejected: {0}")]
    AuthRejected(String),
    /// No authentication mechanism that both sides support (or the chosen one is not offered).
    #[error("the server offers no usable authentication mechanism")]
    NoCommonMechanism,
    /// `[IN-USE]`: another session holds the mailbox.
    #[error("mailbox in use: {0}")]
    InUse(String),
    /// `[LOGIN-DELAY]`: logged in too soon after the last login.
    #[error("login too soon (login delay): {0}")]
    LoginDelay(String),
    /// `[SYS/TEMP]`: temporary server failure.
    #[error("temporary server failure: {0}")]
    SysTemp(String),
    /// `[SYS/PERM]`: permanent server failure.
    #[error("permanent server failure: {0}")]
    SysPerm(String),
    /// A plain `-ERR` without an extended code.
    #[error("server error: {0}")]
    ServerError(String),
    /// The server violated the protocol (including data injected after `+OK` to STLS).
    #[error("protocol violation: {0}")]
    Protocol(String),
    /// A deadline passed; the text says what was being waited for.
    #[error("timeout while waiting for {0}")]
    Timeout(&'static str),
    /// A protocol line was longer than `Limits::max_line`.
    #[error("protocol line too long")]
    LineTooLong,
    /// A message was larger than `Limits::max_message_size`.
    #[error("message of at least {size} bytes exceeds the limit of {limit} bytes")]
    MessageTooLarge {
        /// The size seen so far (at least).
        size: u64,
        /// The configured limit.
        limit: u64,
    },
    /// The mailbox holds more messages than `Limits::max_messages`.
    #[error("the mailbox holds {0} messages, more than the configured limit")]
    TooManyMessages(usize),
    /// A command was called in a state where RFC 1939 does not allow it. A programming
    /// error; nothing was sent.
    #[error("{command} is not allowed in the {state} state")]
    WrongState {
        /// The command that was attempted.
        command: &'static str,
        /// The state the session was in.
        state: SessionState,
    },
    /// The server closed the connection.
    #[error("the server closed the connection")]
    Closed,
}

impl Error {
    /// Whether trying again later may succeed without the user changing anything.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            Error::Network(_)
                | Error::Timeout(_)
                | Error::InUse(_)
                | Error::LoginDelay(_)
                | Error::SysTemp(_)
                | Error::Closed
        )
    }
}

impl Error {
    /// Why a connection failed, for errors that are network trouble (`None` otherwise). A
    /// deadline that passed counts as timed out.
    pub fn net_failure(&self) -> Option<NetFailure> {
        match self {
            Error::Network(e) => Some(NetFailure::of(e)),
            Error::Timeout(_) => Some(NetFailure::TimedOut),
            _ => None,
        }
    }
}

impl From<tls::Error> for Error {
    fn from(e: tls::Error) -> Self {
        match e {
            tls::Error::Network(e) => Error::Network(e),
            tls::Error::Timeout(what) => Error::Timeout(what),
            tls::Error::Tls {
                failure,
                message,
                certificate,
            } => Error::Tls {
                failure,
                message,
                certificate,
            },
            tls::Error::PinMismatch { expected, actual } => Error::PinMismatch { expected, actual },
        }
    }
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        if crate::tls::is_disconnect(&e) {
            Error::Closed
        } else {
            Error::Network(Arc::new(e))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transient_classification() {
        assert!(Error::InUse(String::new()).is_transient());
        assert!(Error::Timeout("greeting").is_transient());
        assert!(Error::from(io::Error::other("x")).is_transient());
        assert!(!Error::AuthRejected(String::new()).is_transient());
        assert!(!Error::SysPerm(String::new()).is_transient());
        assert!(!Error::Protocol(String::new()).is_transient());
    }

    #[test]
    fn reset_is_closed() {
        let e = Error::from(io::Error::from(io::ErrorKind::ConnectionReset));
        assert!(matches!(e, Error::Closed));
    }
}
