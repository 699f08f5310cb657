//! SMTP submission client (RFC 6409): async, generic over the stream, on the same TLS policy
//! (`crate::tls`) and SASL messages (`crate::sasl`) as POP3. No SQLite, no iced; the message
//! bytes are the caller's.
//!
//! - `reply`: reading replies under every bound, parsing them (with `smtp-proto`)
//! - `capabilities`: the EHLO keywords
//! - `client`: the session: greeting, EHLO, STARTTLS's hand-over, QUIT, deadlines
//! - `auth`: AUTH (RFC 4954)
//! - `send`: MAIL/RCPT/DATA and the outcome (accepted, not sent, unknown)
//! - `connect`: implicit TLS / STARTTLS / plain, and `submit` for one whole message
//! - `probe`: the settings' connection test
//! - `error`: the error, its class and its words
//!
//! Every command is traced at `trace` level with credentials replaced by `***`; message bytes
//! are never logged, server text only sanitised.
mod auth;
mod capabilities;
mod client;
mod connect;
mod error;
mod probe;
mod reply;
mod send;

pub use crate::pop3::{AuthMethod, Password, Security};
pub use crate::tls::TlsOptions;
pub use auth::Credentials;
pub use capabilities::Capabilities;
pub use client::Client;
pub use connect::{ConnectOptions, SmtpStream, connect, ehlo_name, submit, submit_with};
pub use error::{Error, ErrorKind, Stage};
pub use probe::{ProbeError, ProbeReport, Step, probe};
pub use reply::{Limits, Reply};
pub use send::{Envelope, Outcome, Refused, transparent};

/// The submission port for a security mode: 465 for SSL/TLS (RFC 8314), 587 otherwise.
pub fn default_port(security: Security) -> u16 {
    match security {
        Security::Tls => 465,
        Security::StartTls | Security::Plain => 587,
    }
}
