//! What fills the window: the mail panes, the settings screen, the account wizard.
pub mod mail;
pub mod settings;
pub mod wizard;
