//! Passwords and tokens live in the OS keyring (Secret Service, Keychain, Credential Manager),
//! never in SQLite, logs or files. `POSTFACH_PASSWORD`, when set, is used instead (scripts, tests).

use crate::pop3::Password;

/// Environment variable with a password for this run only.
pub const PASSWORD_ENV: &str = "POSTFACH_PASSWORD";

/// The keyring service name all Postfach entries use.
pub const SERVICE: &str = "org.postfach.Postfach";

/// A keyring problem, in words the user can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// No keyring is available (no Secret Service on the session bus, locked keyring, ...).
    #[error("keyring unavailable: {0}")]
    Unavailable(String),
}

/// The keyring entry name of one account: stable for the same server login.
pub fn entry_name(username: &str, host: &str, port: u16) -> String {
    format!("pop3://{username}@{host}:{port}")
}

fn entry(name: &str) -> Result<keyring::Entry, Error> {
    keyring::Entry::new(SERVICE, name).map_err(|e| Error::Unavailable(e.to_string()))
}

/// The password for an entry: `POSTFACH_PASSWORD` when set, else the keyring's, else `None`.
pub fn password(name: &str) -> Result<Option<Password>, Error> {
    if let Ok(p) = std::env::var(PASSWORD_ENV) {
        return Ok(Some(Password::new(p)));
    }
    match entry(name)?.get_password() {
        Ok(p) => Ok(Some(Password::new(p))),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(Error::Unavailable(e.to_string())),
    }
}

/// Saves a password in the keyring.
pub fn save_password(name: &str, password: &Password) -> Result<(), Error> {
    entry(name)?
        .set_password(password.expose())
        .map_err(|e| Error::Unavailable(e.to_string()))
}

/// Removes a saved password; a missing one is not an error.
pub fn delete_password(name: &str) -> Result<(), Error> {
    match entry(name)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(Error::Unavailable(e.to_string())),
    }
}
