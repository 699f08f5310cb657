//! What fills a window: the mail panes, the settings screen, the account wizard, and the
//! compose window (one window each). [`action`] is the answer every screen's `update` gives.
pub mod action;
pub mod compose;
pub mod mail;
pub mod settings;
pub mod sign_in;
pub mod wizard;
