//! The store's error type. `Clone`, so it can travel in UI messages.
use std::sync::Arc;

use rusqlite::ErrorCode;

/// Anything that can go wrong in the store.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    /// SQLite reported an error (other than a lock we could wait out).
    #[error("database error: {0}")]
    Sqlite(Arc<rusqlite::Error>),
    /// The database file or its directory could not be created or read.
    #[error("cannot access the mail store: {0}")]
    Io(Arc<std::io::Error>),
    /// The account, folder or message does not exist (any more).
    #[error("not found")]
    NotFound,
    /// An account with this name already exists.
    #[error("an account named {0:?} already exists")]
    AccountExists(String),
    /// A local folder with this name already exists.
    #[error("a folder named {0:?} already exists")]
    FolderExists(String),
    /// A folder that still holds messages cannot be deleted.
    #[error("the folder is not empty")]
    FolderNotEmpty,
    /// The message is being sent right now; it cannot be changed, moved or removed.
    #[error("the message is being sent")]
    BeingSent,
    /// The caller passed a value the store cannot keep (e.g. an empty name).
    #[error("invalid value: {0}")]
    Invalid(String),
    /// The file was written by a newer Postfach.
    #[error(
        "the mail store has schema version {found}, newer than this program knows ({supported})"
    )]
    TooNew { found: u32, supported: u32 },
    /// A stored value could not be read back (e.g. an unknown enum text).
    #[error("the mail store holds an unreadable value: {0}")]
    Corrupt(String),
}

impl Error {
    /// Whether this is SQLite's "database is busy/locked", which the store waits out and retries.
    pub(crate) fn is_busy(&self) -> bool {
        match self {
            Error::Sqlite(e) => matches!(
                e.sqlite_error_code(),
                Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
            ),
            _ => false,
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        match e {
            rusqlite::Error::QueryReturnedNoRows => Error::NotFound,
            e => Error::Sqlite(Arc::new(e)),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(Arc::new(e))
    }
}
