//! One [`Store`] shared by the tasks of a process: a mutex around it, and every call run in
//! `tokio::task::spawn_blocking`, so no async task (and no window) waits for SQLite or fsync.
//!
//! A `Store` is `Send` but not `Sync`. The fetch engine and the window each hold a `Shared` on
//! their own connection to the same file (WAL lets readers and the writer work side by side).

use std::sync::{Arc, Mutex, MutexGuard};

use super::Store;

/// Why a call on a [`Shared`] store did not run to its end.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SharedError {
    /// A task panicked while it held the store; the connection is not used again.
    #[error("the store lock is poisoned")]
    Poisoned,
    /// The blocking task running the call failed (panicked or was cancelled).
    #[error("store task failed: {0}")]
    Task(String),
}

/// A cheap-to-clone handle on one store.
#[derive(Debug, Clone)]
pub struct Shared(Arc<Mutex<Store>>);

impl Shared {
    pub fn new(store: Store) -> Shared {
        Shared(Arc::new(Mutex::new(store)))
    }

    /// Locks the store on this thread (blocking code, tests and start-up only).
    pub fn lock(&self) -> Result<MutexGuard<'_, Store>, SharedError> {
        self.0.lock().map_err(|_| SharedError::Poisoned)
    }

    /// Runs `f` on the store in a blocking task.
    pub async fn call<T, F>(&self, f: F) -> Result<T, SharedError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> T + Send + 'static,
    {
        let store = Arc::clone(&self.0);
        tokio::task::spawn_blocking(move || {
            let mut guard = store.lock().map_err(|_| SharedError::Poisoned)?;
            Ok(f(&mut guard))
        })
        .await
        .map_err(|e| SharedError::Task(e.to_string()))?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panic_in_a_call_poisons_the_handle_for_later_calls() -> Result<(), SharedError> {
        let dir = tempfile::tempdir().map_err(|e| SharedError::Task(e.to_string()))?;
        let store = Store::open_in(dir.path()).map_err(|e| SharedError::Task(e.to_string()))?;
        let shared = Shared::new(store);
        assert!(shared.call(|s| s.folders().is_ok()).await?);
        let failed = shared.call(|_| -> () { panic!("boom") }).await;
        assert!(matches!(failed, Err(SharedError::Task(_))));
        assert_eq!(shared.call(|_| ()).await, Err(SharedError::Poisoned));
        assert!(matches!(shared.lock(), Err(SharedError::Poisoned)));
        Ok(())
    }
}
