//! "Test connection" for an account's outgoing server (EHLO, TLS, AUTH, QUIT; nothing is
//! sent), on the same connection settings and credentials as sending (`send::server`).

use crate::pop3::Password;
use crate::smtp::{self, Limits};
use crate::store::{AccountSettings, SmtpSettings};

pub use crate::send::server::{credentials, password_entry, signs_in};

/// Runs the test of `server` (the outgoing server of `account`) with `secret`; `on_step` is
/// called when a step succeeded. Nothing is sent: the session ends with QUIT after AUTH.
pub async fn probe(
    account: &AccountSettings,
    server: &SmtpSettings,
    secret: Option<Password>,
    on_step: &mut (dyn FnMut(smtp::Step) + Send),
) -> Result<smtp::ProbeReport, smtp::ProbeError> {
    let options = crate::send::server::connect_options(account, server, Limits::default());
    let credentials = secret.and_then(|s| credentials(account, server, s));
    smtp::probe(&options, credentials.as_ref(), on_step).await
}
