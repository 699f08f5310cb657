//! Why an account's settings cannot be used, tested, saved or removed. Typed and `Clone` (they
//! travel in messages; the store's errors are `Clone` already); put into the user's words through
//! Fluent only where they are shown ([`Problem::words`]). `Display` is for logs.

use crate::fl;
use crate::pop3::CaFileError;
use crate::ui::service::db;

/// A field as typed cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Invalid {
    #[error("the account has no name")]
    MissingName,
    #[error("no server name")]
    MissingHost,
    #[error("no usable port")]
    InvalidPort,
    #[error("no user name")]
    MissingUsername,
    #[error("the days to keep mail on the server are out of range")]
    InvalidDays,
    #[error("the minutes between checks are out of range")]
    InvalidMinutes,
    #[error("no outgoing server name")]
    MissingOutgoingHost,
    #[error("no usable outgoing server port")]
    InvalidOutgoingPort,
    #[error("no outgoing server user name")]
    MissingOutgoingUsername,
    #[error("the reply-to address is not an address")]
    InvalidReplyTo,
}

/// Anything that stops the account form.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Problem {
    /// A field as typed.
    #[error(transparent)]
    Invalid(#[from] Invalid),
    /// The CA file cannot be used.
    #[error(transparent)]
    CaFile(#[from] CaFileError),
    /// The store, the keyring work or a background task failed.
    #[error(transparent)]
    Store(#[from] db::Error),
}

impl Invalid {
    /// What is wrong, in the user's words.
    pub fn words(self) -> String {
        match self {
            Invalid::MissingName => fl!("settings-missing-name"),
            Invalid::MissingHost => fl!("settings-missing-host"),
            Invalid::InvalidPort => fl!("settings-invalid-port"),
            Invalid::MissingUsername => fl!("settings-missing-username"),
            Invalid::InvalidDays => fl!("settings-days-invalid"),
            Invalid::InvalidMinutes => fl!("settings-minutes-invalid"),
            Invalid::MissingOutgoingHost => fl!("settings-smtp-missing-host"),
            Invalid::InvalidOutgoingPort => fl!("settings-smtp-invalid-port"),
            Invalid::MissingOutgoingUsername => fl!("settings-smtp-missing-username"),
            Invalid::InvalidReplyTo => fl!("settings-reply-to-invalid"),
        }
    }
}

impl Problem {
    /// What is wrong, in the user's words (a taken name is said plainly; other store errors as
    /// the store says them).
    pub fn words(&self) -> String {
        use CaFileError as E;
        match self {
            Problem::Invalid(invalid) => invalid.words(),
            Problem::CaFile(E::Unreadable { file, detail }) => fl!(
                "settings-ca-file-unreadable",
                file = file.as_str(),
                detail = detail.as_str()
            ),
            Problem::CaFile(E::NotPem { file }) => {
                fl!("settings-ca-file-not-pem", file = file.as_str())
            }
            Problem::CaFile(E::Damaged { file, detail }) => fl!(
                "settings-ca-file-damaged",
                file = file.as_str(),
                detail = detail.as_str()
            ),
            Problem::Store(db::Error::Store(crate::store::Error::AccountExists(name))) => {
                fl!("settings-name-taken", name = name.as_str())
            }
            Problem::Store(other) => other.to_string(),
        }
    }
}
