//! Passwords and tokens live in the OS keyring (Secret Service, Keychain, Credential Manager),
//! never in SQLite, logs or files. `POSTFACH_PASSWORD`, when set, is used instead (scripts, tests).

use crate::pop3::Password;

/// Environment variable with a password for this run only.
pub const PASSWORD_ENV: &str = "POSTFACH_PASSWORD";

/// The keyring service name all Postfach entries use.
pub const SERVICE: &str = "org.postfach.Postfach";

/// A keyring problem: its category (for the words the user is shown) and the library's text
/// (for the details and the log).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// No usable keyring (no Secret Service on the session bus, locked keyring, ...).
    #[error("keyring unavailable: {detail}")]
    Unavailable {
        /// Why, in a category.
        failure: KeyringFailure,
        /// What the keyring library said.
        detail: String,
    },
}

/// Why the keyring could not be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyringFailure {
    /// There is no keyring service to talk to (none running, no session bus, none set up).
    NoService,
    /// The keyring is locked or refused access.
    Locked,
    /// The saved entry cannot be read (not text, damaged).
    Unreadable,
    /// Anything else.
    Other,
}

impl Error {
    /// The category.
    pub fn failure(&self) -> KeyringFailure {
        match self {
            Error::Unavailable { failure, .. } => *failure,
        }
    }

    /// The keyring library's text.
    pub fn detail(&self) -> &str {
        match self {
            Error::Unavailable { detail, .. } => detail,
        }
    }
}

impl From<keyring::Error> for Error {
    fn from(e: keyring::Error) -> Error {
        let failure = match &e {
            keyring::Error::NoDefaultStore => KeyringFailure::NoService,
            keyring::Error::NoStorageAccess(_) => KeyringFailure::Locked,
            keyring::Error::BadEncoding(_)
            | keyring::Error::BadDataFormat(..)
            | keyring::Error::BadStoreFormat(_) => KeyringFailure::Unreadable,
            keyring::Error::PlatformFailure(inner) => {
                // The Secret Service's D-Bus errors when nothing provides it.
                let text = inner.to_string();
                if [
                    "ServiceUnknown",
                    "not provided by any",
                    "DBUS_SESSION_BUS_ADDRESS",
                ]
                .iter()
                .any(|w| text.contains(w))
                {
                    KeyringFailure::NoService
                } else {
                    KeyringFailure::Other
                }
            }
            _ => KeyringFailure::Other,
        };
        Error::Unavailable {
            failure,
            detail: e.to_string(),
        }
    }
}

/// The keyring entry name of an account's incoming server login: stable for the same user, host
/// and port, so a renamed account keeps its password.
pub fn account_entry(s: &crate::store::AccountSettings) -> String {
    format!("pop3://{}@{}:{}", s.username, s.host, s.port)
}

/// The keyring entry name of an outgoing server's own password (when it has one).
pub fn smtp_entry(s: &crate::store::SmtpSettings) -> String {
    format!("smtp://{}@{}:{}", s.username, s.host, s.port)
}

/// The keyring entries `s` uses: its incoming server's login, and its outgoing server's own
/// password if it has one.
pub fn entries_of(s: &crate::store::AccountSettings) -> Vec<String> {
    let own_smtp = s.smtp.as_ref().filter(|m| m.own_password).map(smtp_entry);
    std::iter::once(account_entry(s)).chain(own_smtp).collect()
}

/// The entries of a removed account that no remaining account uses: only those may be deleted.
/// Two accounts with the same login on the same server share one entry (it is named by the
/// login), so removing one must not take the other's password.
pub fn unused_entries(
    removed: &crate::store::AccountSettings,
    remaining: &[crate::store::Account],
) -> Vec<String> {
    let used: std::collections::HashSet<String> = remaining
        .iter()
        .flat_map(|a| entries_of(&a.settings))
        .collect();
    entries_of(removed)
        .into_iter()
        .filter(|e| !used.contains(e))
        .collect()
}

fn entry(name: &str) -> Result<keyring::Entry, Error> {
    Ok(keyring::Entry::new(SERVICE, name)?)
}

/// The password for an entry: `POSTFACH_PASSWORD` when set, else the keyring's, else `None`.
pub fn password(name: &str) -> Result<Option<Password>, Error> {
    if let Ok(p) = std::env::var(PASSWORD_ENV) {
        return Ok(Some(Password::new(p)));
    }
    match entry(name)?.get_password() {
        Ok(p) => Ok(Some(Password::new(p))),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Saves a password in the keyring.
pub fn save_password(name: &str, password: &Password) -> Result<(), Error> {
    entry(name)?
        .set_password(password.expose())
        .map_err(Error::from)
}

/// Removes a saved password; a missing one is not an error.
pub fn delete_password(name: &str) -> Result<(), Error> {
    match entry(name)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// The most bytes one keyring entry holds everywhere: Windows' Credential Manager takes at
/// most 2,560 bytes per entry; Microsoft's refresh tokens can be longer.
pub const PART_BYTES: usize = 2000;

/// What the first entry of a split secret holds: how many parts follow.
const PARTS_PREFIX: &[u8] = b"postfach-parts:";

/// The name of part `n` (from 1) of a split secret.
fn part_name(name: &str, n: usize) -> String {
    format!("{name}#{n}")
}

/// Saves `bytes` under `name`, split into entries of at most [`PART_BYTES`]: `name` says how
/// many parts there are, `name#1`, `name#2`, … hold them. The parts are written before the
/// count, so a crash in between leaves the old secret readable; parts a longer old secret
/// left behind are removed afterwards.
pub fn save_long_secret(name: &str, bytes: &[u8]) -> Result<(), Error> {
    let old = part_count(name)?;
    let parts: Vec<&[u8]> = bytes.chunks(PART_BYTES).collect();
    for (i, part) in parts.iter().enumerate() {
        entry(&part_name(name, i + 1))?.set_secret(part)?;
    }
    let mut head = PARTS_PREFIX.to_vec();
    head.extend_from_slice(parts.len().to_string().as_bytes());
    entry(name)?.set_secret(&head)?;
    for n in parts.len() + 1..=old.unwrap_or(0) {
        delete_password(&part_name(name, n))?;
    }
    Ok(())
}

/// The secret saved with [`save_long_secret`], or `None`.
pub fn long_secret(name: &str) -> Result<Option<Vec<u8>>, Error> {
    let Some(count) = part_count(name)? else {
        return Ok(None);
    };
    let mut bytes = Vec::with_capacity(count * PART_BYTES);
    for n in 1..=count {
        match entry(&part_name(name, n))?.get_secret() {
            Ok(part) => bytes.extend_from_slice(&part),
            // a part is missing: the secret is damaged, as good as none
            Err(keyring::Error::NoEntry) => return Ok(None),
            Err(e) => return Err(e.into()),
        }
    }
    Ok(Some(bytes))
}

/// Removes a secret saved with [`save_long_secret`] and all its parts; a missing one is not
/// an error.
pub fn delete_long_secret(name: &str) -> Result<(), Error> {
    let count = part_count(name)?.unwrap_or(0);
    delete_password(name)?;
    for n in 1..=count {
        delete_password(&part_name(name, n))?;
    }
    Ok(())
}

/// How many parts the secret `name` has; `None` when there is none.
fn part_count(name: &str) -> Result<Option<usize>, Error> {
    match entry(name)?.get_secret() {
        Ok(head) => Ok(head
            .strip_prefix(PARTS_PREFIX)
            .and_then(|n| std::str::from_utf8(n).ok())
            .and_then(|n| n.parse().ok())),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Whether the entry `name` exists (without reading more than its head).
pub fn has_long_secret(name: &str) -> Result<bool, Error> {
    Ok(part_count(name)?.is_some())
}
