//! Test support shared by the integration tests: a private, real Dovecot per test.
//!
//! ```ignore
//! mod support;
//! let server = support::Dovecot::start();
//! server.seed(support::USER, "first", b"Subject: hi\r\n\r\nbody\r\n");
//! // connect to server.host():server.pop3s_port() trusting server.ca_pem_path()
//! ```
#![allow(dead_code)]

mod certs;
mod dovecot;

#[allow(unused_imports)]
pub use dovecot::{Dovecot, DovecotBuilder};

/// The default test user.
pub const USER: &str = "alice";
/// Its password.
pub const PASSWORD: &str = "Geheim-Passwort-42";
/// A second user, for tests that need two mailboxes.
pub const USER2: &str = "bob";
/// Its password.
pub const PASSWORD2: &str = "bobs-secret";
