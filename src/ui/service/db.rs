//! The UI's own connection to the mail store, used off the UI thread.
//!
//! The UI keeps its [`Store`] in a [`Shared`] handle, which runs every call in a blocking task, so
//! the window never waits for SQLite. The sync service has its own store on the same file (WAL
//! lets readers and the writer work side by side).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::store::{self, Shared, SharedError, Store};

/// What can go wrong in work the UI started. `Clone`, so it travels in messages.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    /// The store reported an error.
    #[error(transparent)]
    Store(#[from] store::Error),
    /// The preferences could not be written.
    #[error(transparent)]
    Config(#[from] crate::config::Error),
    /// A message could not be put into the Outbox.
    #[error(transparent)]
    Send(#[from] crate::send::outbox::Error),
    /// A file could not be read or written.
    #[error("{0}")]
    Io(Arc<std::io::Error>),
    /// A background task failed (panicked) or the store's lock was poisoned.
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<SharedError> for Error {
    fn from(e: SharedError) -> Self {
        Error::Internal(e.to_string())
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(Arc::new(e))
    }
}

/// A shared handle on the UI's store.
#[derive(Debug, Clone)]
pub struct Db {
    store: Shared,
    data_dir: PathBuf,
}

impl Db {
    /// Opens the store in `data_dir`.
    pub fn open(data_dir: &Path) -> Result<Db, store::Error> {
        Ok(Db::new(Store::open_in(data_dir)?, data_dir.to_path_buf()))
    }

    /// Wraps an open store.
    pub fn new(store: Store, data_dir: PathBuf) -> Db {
        Db {
            store: Shared::new(store),
            data_dir,
        }
    }

    /// The data directory.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Runs `f` on the store in a blocking task.
    pub async fn call<T, F>(&self, f: F) -> Result<T, Error>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, Error> + Send + 'static,
    {
        self.store.call(f).await?
    }

    /// Runs `f` on the store right here (tests and start-up only: it blocks).
    pub fn call_now<T>(&self, f: impl FnOnce(&mut Store) -> Result<T, Error>) -> Result<T, Error> {
        f(&mut *self.store.lock()?)
    }
}

/// Runs CPU or file work off the UI thread.
pub async fn blocking<T, F>(f: F) -> Result<T, Error>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, Error> + Send + 'static,
{
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| Error::Internal(e.to_string()))?
}
