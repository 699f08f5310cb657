//! Signing in with Google and Microsoft (OAuth 2.0) for POP3 and SMTP.
//!
//! - [`provider`]: the table of providers (endpoints, scopes, domains, client registration).
//! - [`flow`]: the authorization code flow with PKCE through the system browser and a
//!   loopback redirect (RFC 8252), and Microsoft's device-code flow for remote sessions.
//! - [`loopback`]: the one-redirect listener on 127.0.0.1.
//! - [`tokens`]: the refresh token in the OS keyring, access tokens in memory, refreshed
//!   30 s before they expire, one refresh at a time per account.
//!
//! Nothing here logs a token, a code or a verifier, and no error carries one.
mod error;
pub mod flow;
mod http;
pub mod loopback;
pub mod provider;
pub mod tokens;

pub use error::Error;
pub use flow::{Grant, SignIn};
pub use provider::Provider;
pub use tokens::{Identity, access_token, has_grant, save_grant, sign_out};
