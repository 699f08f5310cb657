//! The fetch engine: a pure plan, one fetch over POP3 into the store, and a long-lived service
//! per account. Uses `pop3` and `store`; knows nothing of iced.
mod engine;
mod error;
mod identity;
mod listing;
mod pipeline;
pub mod plan;
mod preview;
pub mod service;

pub use crate::tls::words::tls_reason;
pub use engine::{FetchReport, Fetcher, Progress};
pub use error::{Error, ErrorKind, keyring_reason};
pub use identity::fallback_uidl;
pub use preview::DryRun;
