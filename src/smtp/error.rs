//! The one error type of the SMTP client, its class, and its words for the user. `Clone`, so
//! it can travel in UI messages.
use std::io;
use std::sync::Arc;

use super::reply::Reply;
use crate::fl;
use crate::tls::{self, NetFailure, TlsFailure, fingerprint_hex};

/// The command a server refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    /// The greeting (`554` instead of `220`).
    Greeting,
    /// `EHLO`.
    Ehlo,
    /// `MAIL FROM`.
    MailFrom,
    /// `RCPT TO` (every recipient refused).
    RcptTo,
    /// `DATA`, before the message.
    Data,
    /// The final dot: the server refused the message itself.
    Message,
}

/// Everything that can go wrong submitting a message.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    /// Connecting, reading or writing failed at the socket level.
    #[error("network error: {0}")]
    Network(Arc<io::Error>),
    /// A deadline passed; the text says what was being waited for.
    #[error("timeout while waiting for {0}")]
    Timeout(&'static str),
    /// The server closed the connection.
    #[error("the server closed the connection")]
    Closed,
    /// Connecting or the TLS handshake failed: the network, a deadline, the certificate (with
    /// the certificate attached when its check failed) or the pin.
    #[error(transparent)]
    Connect(#[from] tls::Error),
    /// STARTTLS was required but the server does not offer it or refused it. No credentials
    /// and nothing of the message were sent.
    #[error("the server does not offer STARTTLS, but the account requires it")]
    StartTlsUnavailable,
    /// No authentication mechanism that both sides support (or the chosen one is not offered).
    #[error("the server offers no usable authentication mechanism")]
    NoCommonMechanism,
    /// The server refused the credentials.
    #[error("authentication rejected: {0}")]
    AuthRejected(Reply),
    /// The server refused a command of the submission.
    #[error("{stage:?} refused: {reply}")]
    Rejected { stage: Stage, reply: Reply },
    /// The message is larger than the server's announced `SIZE`; nothing was sent.
    #[error("message of {size} bytes exceeds the server's limit of {limit} bytes")]
    TooLarge { size: u64, limit: u64 },
    /// An address needs SMTPUTF8, which the server does not offer; nothing was sent.
    #[error("an address is not ASCII and the server does not offer SMTPUTF8")]
    Utf8Unsupported,
    /// The envelope is unusable (no recipients, line breaks in an address); nothing was sent.
    #[error("invalid envelope: {0}")]
    InvalidEnvelope(&'static str),
    /// A reply line longer than `Limits::max_line`.
    #[error("reply line too long")]
    LineTooLong,
    /// A reply with more lines or bytes than `Limits` allow.
    #[error("reply too long")]
    ReplyTooLong,
    /// The server broke the protocol (including data sent ahead of the TLS handshake).
    #[error("protocol violation: {0}")]
    Protocol(String),
    /// The message was stopped before its final dot (the caller could not record that it was
    /// about to be sent); nothing was sent.
    #[error("the message was stopped before its end: {0}")]
    Aborted(String),
}

/// The broad class of an error: drives the retry schedule and the words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Wrong credentials or no usable mechanism: the user must act.
    Auth,
    /// Unreachable, timeouts, dropped connections: try again later.
    Network,
    /// Certificate or TLS problems (including STARTTLS missing): the user must decide.
    Tls,
    /// A 4xx refusal: try again later.
    Temporary,
    /// A 5xx refusal or a message the server cannot take: the user must change something.
    Permanent,
    /// A server that breaks the protocol or answers without bounds.
    Protocol,
}

impl Error {
    /// The class of this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Network(_) | Error::Timeout(_) | Error::Closed | Error::Aborted(_) => {
                ErrorKind::Network
            }
            Error::Connect(tls::Error::Network(_) | tls::Error::Timeout(_)) => ErrorKind::Network,
            Error::Connect(_) | Error::StartTlsUnavailable => ErrorKind::Tls,
            Error::AuthRejected(r) if r.is_temporary() => ErrorKind::Temporary,
            Error::NoCommonMechanism | Error::AuthRejected(_) => ErrorKind::Auth,
            Error::Rejected { reply, .. } if reply.is_temporary() => ErrorKind::Temporary,
            Error::Rejected { .. }
            | Error::TooLarge { .. }
            | Error::Utf8Unsupported
            | Error::InvalidEnvelope(_) => ErrorKind::Permanent,
            Error::LineTooLong | Error::ReplyTooLong | Error::Protocol(_) => ErrorKind::Protocol,
        }
    }

    /// Whether trying again later may succeed without the user doing anything.
    pub fn is_transient(&self) -> bool {
        matches!(self.kind(), ErrorKind::Network | ErrorKind::Temporary)
    }

    /// The server's reply behind this error, if a reply was the reason.
    pub fn reply(&self) -> Option<&Reply> {
        match self {
            Error::AuthRejected(reply) | Error::Rejected { reply, .. } => Some(reply),
            _ => None,
        }
    }

    /// What happened and what to do, in the user's language: words only. The server's and the
    /// libraries' texts are in [`Error::details`].
    pub fn user_message(&self, host: &str) -> String {
        if let Some(words) = self.reply().and_then(provider_words) {
            return words;
        }
        match self {
            Error::Network(_) | Error::Timeout(_) => {
                net_words(host, self.net_failure().unwrap_or(NetFailure::Other))
            }
            Error::Closed => fl!("smtp-error-closed", host = host),
            Error::Aborted(_) => fl!("smtp-error-aborted"),
            Error::Connect(e) => connect_words(e, host),
            Error::StartTlsUnavailable => fl!("smtp-error-starttls", host = host),
            Error::NoCommonMechanism => fl!("error-no-mechanism"),
            Error::AuthRejected(_) => fl!("smtp-error-auth", host = host),
            Error::Rejected { reply, .. } if reply.is_temporary() => fl!("smtp-error-temporary"),
            Error::Rejected {
                stage: Stage::RcptTo,
                ..
            } => fl!("smtp-error-recipients"),
            Error::Rejected { .. } => fl!("smtp-error-refused-message"),
            Error::TooLarge { size, limit } => {
                fl!("smtp-error-too-large", size = (*size), limit = (*limit))
            }
            Error::Utf8Unsupported => fl!("smtp-error-utf8"),
            Error::InvalidEnvelope(_) => fl!("smtp-error-envelope"),
            Error::LineTooLong | Error::ReplyTooLong | Error::Protocol(_) => {
                fl!("smtp-error-protocol", host = host)
            }
        }
    }

    /// The technical text behind [`Error::user_message`] (the server's reply, what the TLS
    /// library or the operating system said), as one safe line for a "Details" disclosure and
    /// the log.
    pub fn details(&self) -> String {
        crate::text::safe_line(&self.to_string())
    }

    /// Why a connection failed, for network trouble (`None` otherwise).
    pub fn net_failure(&self) -> Option<NetFailure> {
        match self {
            Error::Network(e) | Error::Connect(tls::Error::Network(e)) => Some(NetFailure::of(e)),
            Error::Timeout(_) | Error::Connect(tls::Error::Timeout(_)) => {
                Some(NetFailure::TimedOut)
            }
            _ => None,
        }
    }
}

/// Why connecting or securing failed, as sentences.
fn connect_words(e: &tls::Error, host: &str) -> String {
    match e {
        tls::Error::Network(io) => net_words(host, NetFailure::of(io)),
        tls::Error::Timeout(_) => net_words(host, NetFailure::TimedOut),
        tls::Error::Tls {
            failure: TlsFailure::BadCaFile,
            ..
        } => fl!("error-tls-ca-file"),
        tls::Error::Tls {
            failure,
            certificate: Some(cert),
            ..
        } => fl!(
            "error-tls-untrusted",
            host = host,
            reason = tls::words::tls_reason(*failure),
            fingerprint = cert.fingerprint_hex()
        ),
        tls::Error::Tls { failure, .. } if failure.is_certificate() => fl!(
            "error-tls-certificate",
            host = host,
            reason = tls::words::tls_reason(*failure)
        ),
        tls::Error::Tls { .. } => fl!("error-tls", host = host),
        tls::Error::PinMismatch { expected, actual } => fl!(
            "error-pin-mismatch",
            host = host,
            expected = fingerprint_hex(expected),
            actual = actual.fingerprint_hex()
        ),
    }
}

/// Why the outgoing server could not be reached, as sentences (nothing was sent).
fn net_words(host: &str, failure: NetFailure) -> String {
    match failure {
        NetFailure::Refused => fl!("smtp-error-refused", host = host),
        NetFailure::NameNotFound => fl!("smtp-error-name", host = host),
        NetFailure::TimedOut => fl!("smtp-error-timeout", host = host),
        NetFailure::Unreachable | NetFailure::Other => fl!("smtp-error-network", host = host),
    }
}

/// Words for the answers the big providers give, recognised by code, enhanced code and text.
fn provider_words(reply: &Reply) -> Option<String> {
    let esc = reply.enhanced_text().unwrap_or_default();
    let text = reply.text.to_ascii_lowercase();
    Some(match (reply.code, esc.as_str()) {
        (_, "5.7.9") | (534, _) if text.contains("application-specific password") => {
            fl!("smtp-error-app-password")
        }
        (_, "5.7.139") | (_, "5.7.30") => fl!("smtp-error-basic-auth-off"),
        _ if text.contains("basic authentication is not supported") => {
            fl!("smtp-error-basic-auth-off")
        }
        (_, "5.2.252") => fl!("smtp-error-send-as-denied"),
        _ if text.contains("sendasdenied") => fl!("smtp-error-send-as-denied"),
        (552, _) | (_, "5.3.4") => fl!("smtp-error-message-too-large"),
        (553, _) | (550, "5.7.1") if !text.contains("relay") => fl!("smtp-error-sender-refused"),
        (535, _) => fl!("smtp-error-auth-failed"),
        _ => return None,
    })
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
