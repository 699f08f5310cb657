//! POP3 client: async, generic over the stream, one concern per file. No SQLite, no iced.
//!
//! - `codec`: lines, multi-line responses, dot-unstuffing, every bound (`Limits`)
//! - `response`: `+OK` / `-ERR` and RFC 2449 extended response codes
//! - `capabilities`: CAPA (RFC 2449)
//! - `client`, `commands`, `pipeline`: the session (RFC 1939) and PIPELINING
//! - `auth`: USER/PASS, APOP, SASL (RFC 5034)
//! - `tls`: connecting, implicit TLS, STLS, over the shared trust policy of `crate::tls`
//!   (certificates and failure categories are re-exported from there)
//!
//! Every protocol line is traced at `trace` level with credentials redacted; message bodies
//! are never logged.
mod auth;
mod capabilities;
mod client;
mod codec;
mod commands;
mod error;
mod pipeline;
mod response;
mod tls;
mod types;

#[cfg(test)]
mod auth_tests;
#[cfg(test)]
mod client_tests;
#[cfg(test)]
mod script;

pub use crate::tls::{
    CaFileError, CertificateInfo, NetFailure, TlsFailure, TlsOptions, fingerprint_hex,
    parse_fingerprint, read_ca_file, sha256_fingerprint,
};
pub use capabilities::{Capabilities, Expire, ExpirePolicy};
pub use client::Client;
pub use codec::Limits;
pub use error::{Error, SessionState};
pub use tls::{ConnectOptions, Pop3Stream, connect};
pub use types::{AuthMethod, Password, Security};
