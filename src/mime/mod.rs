//! Stored bytes → what a reader shows. No SQLite, no iced.
//!
//! `summarize` gives the store what a message list and the search index need;
//! the full reader model lives beside it.
mod summary;

pub use summary::{Address, Summary, summarize};
