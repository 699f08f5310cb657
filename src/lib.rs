//! Postfach: a POP3 desktop mail client.
//!
//! Layers (one way): `pop3` → `sync` → `store` → `ui`. See `../shared/DESIGN.md`.
pub mod cli;
pub mod config;
pub mod i18n;
pub mod logging;
pub mod mime;
pub mod paths;
pub mod pop3;
pub mod secrets;
pub mod store;
pub mod sync;
pub mod text;
pub mod ui;
