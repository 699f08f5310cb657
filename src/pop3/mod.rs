//! POP3 client: async, generic over the stream, one concern per file. No SQLite, no iced.
//!
//! - `codec`: lines, multi-line responses, dot-unstuffing, every bound (`Limits`)
//! - `response`: `+OK` / `-ERR` and RFC 2449 extended response codes
//! - `capabilities`: CAPA (RFC 2449)
//! - `client`, `commands`, `pipeline`: the session (RFC 1939) and PIPELINING
//! - `auth`: USER/PASS, APOP, SASL (RFC 5034)
//! - `tls`, `cert`: connecting, implicit TLS, STLS, certificates
//! - `failure`: why a connection failed, in categories (TLS, network)
//!
//! Every protocol line is traced at `trace` level with credentials redacted; message bodies
//! are never logged.
mod auth;
mod capabilities;
mod cert;
mod client;
mod codec;
mod commands;
mod error;
mod failure;
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

pub use capabilities::{Capabilities, Expire, ExpirePolicy};
pub use cert::{
    CaFileError, CertificateInfo, fingerprint_hex, parse_fingerprint, read_ca_file,
    sha256_fingerprint,
};
pub use client::Client;
pub use codec::Limits;
pub use error::{Error, SessionState};
pub use failure::{NetFailure, TlsFailure};
pub use tls::{ConnectOptions, Pop3Stream, TlsOptions, connect};
pub use types::{AuthMethod, Password, Security};
