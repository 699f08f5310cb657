//! One fetch per account at a time, also across processes: an exclusive lock on a file per
//! account in the data directory. The OS releases it when the process dies (even on `kill -9`).

use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;

/// Holds the account's lock until dropped.
#[derive(Debug)]
pub struct AccountLock {
    _file: File,
}

/// Why the lock could not be taken.
#[derive(Debug)]
pub enum LockError {
    /// Another fetch of this account holds it.
    Busy,
    /// The lock file could not be opened.
    Io(std::io::Error),
}

impl AccountLock {
    /// Tries to take the lock for `account` without waiting.
    pub fn try_acquire(data_dir: &Path, account: i64) -> Result<AccountLock, LockError> {
        let dir = crate::paths::locks(data_dir);
        std::fs::create_dir_all(&dir).map_err(LockError::Io)?;
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join(format!("account-{account}.lock")))
            .map_err(LockError::Io)?;
        match file.try_lock() {
            Ok(()) => Ok(AccountLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(LockError::Busy),
            Err(TryLockError::Error(e)) => Err(LockError::Io(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_lock_on_same_account_is_busy_until_released() {
        let dir = tempfile::tempdir().unwrap();
        let first = AccountLock::try_acquire(dir.path(), 1).unwrap();
        assert!(matches!(
            AccountLock::try_acquire(dir.path(), 1),
            Err(LockError::Busy)
        ));
        // Another account is independent.
        let _other = AccountLock::try_acquire(dir.path(), 2).unwrap();
        drop(first);
        assert!(AccountLock::try_acquire(dir.path(), 1).is_ok());
    }
}
