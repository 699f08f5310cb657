//! The handle on a long-lived per-account worker (the fetch worker in `sync::service`, the
//! Outbox worker in `send::service`): the account it works for and a channel for its commands.
use tokio::sync::mpsc;

use crate::store::AccountId;

/// The handle that drives one worker. Dropping every handle stops it.
#[derive(Debug)]
pub struct Controller<C> {
    account: AccountId,
    tx: mpsc::UnboundedSender<C>,
}

impl<C> Clone for Controller<C> {
    fn clone(&self) -> Self {
        Controller {
            account: self.account,
            tx: self.tx.clone(),
        }
    }
}

impl<C> Controller<C> {
    pub(crate) fn new(account: AccountId, tx: mpsc::UnboundedSender<C>) -> Self {
        Controller { account, tx }
    }

    /// The worker's account.
    pub fn account(&self) -> AccountId {
        self.account
    }

    /// Sends a command; false when the worker has stopped.
    pub fn send(&self, command: C) -> bool {
        self.tx.send(command).is_ok()
    }
}
