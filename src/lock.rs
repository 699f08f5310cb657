//! One fetch and one sender per account at a time, also across processes: an exclusive lock on
//! a file per account and purpose in the data directory. The OS releases it when the process
//! dies (even on `kill -9`).

use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;
use std::time::Duration;

/// What a lock is for: fetching and sending hold separate locks, so one never waits for the
/// other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A fetch over POP3 (`sync`).
    Fetch,
    /// Delivering the Outbox (`send`).
    Send,
}

impl Purpose {
    fn file_name(self, account: i64) -> String {
        match self {
            Purpose::Fetch => format!("account-{account}.lock"),
            Purpose::Send => format!("send-{account}.lock"),
        }
    }
}

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

/// How long [`AccountLock::acquire`] tries a busy lock again, and how often.
const PATIENCE: Duration = Duration::from_secs(1);
const RETRY: Duration = Duration::from_millis(50);

impl AccountLock {
    /// Takes the lock for `account`, trying a busy one again for a moment. A lock file that was
    /// just closed stays locked while a process started in that instant still holds a copy of its
    /// descriptor (between `fork` and `exec`, even with close-on-exec). Seen in CI: a fetch right
    /// after a cancelled one, while other tests started servers, was refused as running. Another
    /// fetch of the account that really runs holds the lock for longer than this.
    pub async fn acquire(
        data_dir: &Path,
        purpose: Purpose,
        account: i64,
    ) -> Result<AccountLock, LockError> {
        let mut waited = Duration::ZERO;
        loop {
            match AccountLock::try_acquire(data_dir, purpose, account) {
                Err(LockError::Busy) if waited < PATIENCE => {
                    tokio::time::sleep(RETRY).await;
                    waited += RETRY;
                }
                result => return result,
            }
        }
    }

    /// Tries to take the lock for `account` without waiting.
    pub fn try_acquire(
        data_dir: &Path,
        purpose: Purpose,
        account: i64,
    ) -> Result<AccountLock, LockError> {
        let dir = crate::paths::locks(data_dir);
        std::fs::create_dir_all(&dir).map_err(LockError::Io)?;
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join(purpose.file_name(account)))
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
        let first = AccountLock::try_acquire(dir.path(), Purpose::Fetch, 1).unwrap();
        assert!(matches!(
            AccountLock::try_acquire(dir.path(), Purpose::Fetch, 1),
            Err(LockError::Busy)
        ));
        // Another account, and sending the same account, are independent.
        let _other = AccountLock::try_acquire(dir.path(), Purpose::Fetch, 2).unwrap();
        let _send = AccountLock::try_acquire(dir.path(), Purpose::Send, 1).unwrap();
        drop(first);
        assert!(AccountLock::try_acquire(dir.path(), Purpose::Fetch, 1).is_ok());
    }

    #[tokio::test]
    async fn a_busy_lock_is_waited_for_a_moment_then_refused() {
        let dir = tempfile::tempdir().unwrap();
        let held = AccountLock::try_acquire(dir.path(), Purpose::Fetch, 7).unwrap();
        let release = tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(200)).await;
            drop(held);
        });
        let taken = AccountLock::acquire(dir.path(), Purpose::Fetch, 7)
            .await
            .unwrap();
        release.await.unwrap();

        let started = std::time::Instant::now();
        let refused = AccountLock::acquire(dir.path(), Purpose::Fetch, 7).await;
        assert!(matches!(refused, Err(LockError::Busy)));
        assert!(started.elapsed() >= PATIENCE);
        drop(taken);
    }
}
