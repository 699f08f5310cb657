//! Work the window starts outside its own thread: the store, the per-account sync subscription,
//! importing dropped files, desktop notifications, long work with progress on a thread of its
//! own.
pub mod background;
pub mod db;
pub mod import;
pub mod notify;
pub mod senders;
pub mod workers;
