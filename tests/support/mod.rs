//! Everything the integration tests (and the benches, through `#[path]`) share. A test binary
//! declares `mod support;` (or `#[path = "../support/mod.rs"] mod support;` from a folder) and
//! uses what it needs:
//!
//! - [`Dovecot`]: a private, real Dovecot per test, with certificates from a throwaway CA
//!   (`certs`); [`USER`] and [`PASSWORD`] are its mailbox.
//! - [`Postfix`]: a private, real Postfix in front of a test Dovecot (its sign-in and its
//!   Maildirs), for submission (runs only as root).
//! - [`cli`]: the real `postfach` binary on a private data directory.
//! - [`demo`]: the packages' demo mail.
//! - [`http`]: a local HTTP server that records what the app fetches.
//! - [`proxy`]: a TCP proxy that cuts connections at chosen points.
//! - [`scripted`]: a scripted POP3 server for what Dovecot will not do on demand.
//! - [`submission`]: a scripted SMTP submission server (TLS, AUTH) for the connection test
//!   (Linux: it speaks TLS through OpenSSL).
//! - [`mail`]: test mail as bytes (hand-written realistic mail, numbered mail, the benchmarks'
//!   generated sets) and the one set of encoders; [`rng`]: the one seeded RNG.
//! - [`sandbox`]: the app on a seeded store, with a sandbox that runs its tasks; [`page`] drives
//!   a whole page in the simulator.
//! - [`xvfb`]: a private X server per test (Linux).
//!
//! ```ignore
//! mod support;
//! let server = support::Dovecot::start();
//! server.seed(support::USER, "first", b"Subject: hi\r\n\r\nbody\r\n");
//! // connect to server.host():server.pop3s_port() trusting server.ca_pem_path()
//! ```
#![allow(dead_code, unused_imports, clippy::unwrap_used, clippy::expect_used)]

mod certs;
pub mod cli;
pub mod demo;
mod dovecot;
pub mod http;
pub mod mail;
pub mod oauth;
pub mod page;
mod postfix;
pub mod proxy;
pub mod rng;
pub mod sandbox;
pub mod scripted;
#[cfg(target_os = "linux")]
pub mod submission;
#[cfg(target_os = "linux")]
pub mod xvfb;

pub use dovecot::{Dovecot, DovecotBuilder};
pub use postfix::Postfix;

/// An outgoing server for an account: `host:port` over SSL/TLS, automatic sign-in as `user`
/// with the incoming server's password, the account's trust.
#[allow(dead_code)]
pub fn smtp_server(host: &str, port: u16, user: &str) -> postfach::store::SmtpSettings {
    postfach::store::SmtpSettings {
        host: host.into(),
        port,
        security: postfach::pop3::Security::Tls,
        auth: postfach::pop3::AuthMethod::Auto,
        username: user.into(),
        own_password: false,
        ca_file: None,
        pinned_sha256: None,
    }
}

/// The default test user.
pub const USER: &str = "alice";
/// Its password.
pub const PASSWORD: &str = "Geheim-Passwort-42";
/// A second user, for tests that need two mailboxes.
pub const USER2: &str = "bob";
/// Its password.
pub const PASSWORD2: &str = "bobs-secret";
