//! The account password and the OS keyring, off the UI thread.
//!
//! The keyring entry of an account is named after its login (user, host, port). When those
//! change, a saved password moves with them. When there is no usable keyring, nothing is written
//! anywhere: the password goes to the account's sync worker for this session only. The outgoing
//! server's own password (or token) has its own entry, named the same way; without it the
//! incoming password is used.

use crate::pop3::Password;
use crate::secrets;
use crate::store::AccountSettings;
use crate::ui::service::db;

/// What the keyring holds for an account.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Status {
    /// Not looked up yet.
    #[default]
    Unknown,
    /// A password is saved.
    Saved,
    /// No password is saved.
    Missing,
    /// There is no usable keyring (the words say why; the library's text goes to the log).
    Unavailable(String),
}

impl Status {
    /// Whether the keyring cannot be used.
    pub fn unavailable(&self) -> bool {
        matches!(self, Status::Unavailable(_))
    }
}

/// The keyring entry name for these settings.
pub fn entry(s: &AccountSettings) -> String {
    secrets::account_entry(s)
}

/// The outgoing server's own keyring entry, when it has one.
pub fn outgoing_entry(s: &AccountSettings) -> Option<String> {
    s.smtp
        .as_ref()
        .filter(|m| m.own_password)
        .map(secrets::smtp_entry)
}

/// What to do with the outgoing server's own password when `new` is saved over `old` (`None`
/// for a new account): save `typed` (or move the saved one), or forget the one that is no
/// longer used. `None` when there is nothing to do.
pub fn outgoing_request(
    old: Option<&AccountSettings>,
    new: &AccountSettings,
    typed: Option<Password>,
) -> Option<Request> {
    let old_entry = old.and_then(outgoing_entry);
    match outgoing_entry(new) {
        Some(new_entry) => Some(Request {
            old_entry,
            new_entry,
            password: typed,
            remember: true,
        }),
        None => old_entry.map(|entry| Request {
            old_entry: None,
            new_entry: entry,
            password: None,
            remember: false,
        }),
    }
}

/// Looks up whether a password is saved for `entry`.
pub async fn status(entry: String) -> Status {
    let result = db::blocking(move || Ok(secrets::password(&entry))).await;
    match result {
        Ok(Ok(Some(_))) => Status::Saved,
        Ok(Ok(None)) => Status::Missing,
        Ok(Err(e)) => Status::Unavailable(words(&e)),
        Err(e) => {
            tracing::info!("keyring lookup failed: {e}");
            Status::Unavailable(crate::sync::keyring_reason(secrets::KeyringFailure::Other))
        }
    }
}

/// What the user asked for the password when saving.
#[derive(Debug, Clone)]
pub struct Request {
    /// The entry the account used before (None for a new account).
    pub old_entry: Option<String>,
    /// The entry for the settings being saved.
    pub new_entry: String,
    /// A newly typed password, if any.
    pub password: Option<Password>,
    /// "Passwort speichern" is ticked.
    pub remember: bool,
}

/// What became of the password.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Give this to the account's worker for this session (not saved, or no keyring).
    pub session: Option<Password>,
    /// The keyring could not be used (why), when it mattered.
    pub unavailable: Option<String>,
}

/// Applies `request` to the keyring (blocking; run it through [`db::blocking`]).
pub fn apply(request: Request) -> Outcome {
    let Request {
        old_entry,
        new_entry,
        password,
        remember,
    } = request;
    let moved = old_entry.as_ref().filter(|old| **old != new_entry);
    let unavailable = |why: String, session: Option<Password>| Outcome {
        session,
        unavailable: Some(why),
    };
    match (password, remember) {
        (Some(password), true) => {
            if let Err(e) = secrets::save_password(&new_entry, &password) {
                tracing::info!("keyring unavailable; the password is kept for this session");
                return unavailable(words(&e), Some(password));
            }
            if let Some(old) = moved {
                forget(old);
            }
            Outcome::default()
        }
        (Some(password), false) => {
            forget(&new_entry);
            if let Some(old) = moved {
                forget(old);
            }
            Outcome {
                session: Some(password),
                ..Outcome::default()
            }
        }
        (None, true) => {
            let Some(old) = moved else {
                return Outcome::default();
            };
            match secrets::password(old) {
                Ok(Some(p)) => match secrets::save_password(&new_entry, &p) {
                    Ok(()) => {
                        forget(old);
                        Outcome::default()
                    }
                    Err(e) => unavailable(words(&e), Some(p)),
                },
                Ok(None) => Outcome::default(),
                Err(e) => unavailable(words(&e), None),
            }
        }
        (None, false) => {
            forget(&new_entry);
            if let Some(old) = moved {
                forget(old);
            }
            Outcome::default()
        }
    }
}

/// Why the keyring cannot be used, in words; its own text goes to the log only.
fn words(e: &secrets::Error) -> String {
    tracing::info!(
        "keyring unavailable: {}",
        crate::text::safe_line(e.detail())
    );
    crate::sync::keyring_reason(e.failure())
}

/// Removes a saved password; failures are only logged (there may be no keyring at all).
pub fn forget(entry: &str) {
    if let Err(e) = secrets::delete_password(entry) {
        tracing::debug!("could not remove a keyring entry: {e}");
    }
}
