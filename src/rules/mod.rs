//! Message rules ("Filter") and junk on arrival: reading a stored message, deciding what its
//! rules say, and having the store carry it out. Below `sync` (which runs it after each stored
//! batch) and the window (which runs it on demand), above `store` (which keeps the rules and
//! applies the actions in one transaction) and `mime`. No iced, no network.
//!
//! - [`matcher`]: a rule compiled for matching; how text compares (case and umlauts folded as
//!   search folds them, so "muller" finds "Müller"; regular expressions with a size limit,
//!   never anything but text).
//! - [`junk`]: what marks a message as junk (`X-Spam-Flag: YES`, `X-Spam-Status: Yes…`,
//!   `X-Spam: Yes`, the account's own header), and "not junk" senders.
//! - [`run`]: filtering the messages that wait for it ([`filter_pending`], crash-safe) and
//!   "Run rules now" over a selection ([`run_rules`]).
pub mod junk;
pub mod matcher;
pub mod run;

pub use matcher::{Compiled, Mail};
pub use run::{FilterReport, filter_all_pending, filter_pending, filter_pending_with, run_rules};

use crate::store;

/// Why rules could not run or be saved.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] store::Error),
    /// A rule's regular expression does not compile (or is too large).
    #[error("the rule {rule:?} has an invalid regular expression: {reason}")]
    Pattern { rule: String, reason: String },
}

/// Checks that a rule can run (its regular expressions compile within the size limit). The
/// rules page and `postfach rule add` call this before [`store::Store::add_rule`].
pub fn validate(rule: &store::Rule) -> Result<(), Error> {
    Compiled::new(0, rule).map(|_| ())
}
