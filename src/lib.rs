//! Postfach: a POP3 desktop mail client.
//!
//! Layers (one way): `pop3`/`smtp` → `sync`/`send` → `store` → `ui`; `ui` is the only one that
//! knows iced.
//! The map (layers, one round trip through the code, where each invariant is tested, names that
//! could be confused) is `docs/ARCHITECTURE.md`.
pub mod cli;
pub mod config;
pub mod export;
pub mod i18n;
pub mod import;
pub mod lock;
pub mod logging;
pub mod mime;
pub mod oauth;
pub mod paths;
pub mod pop3;
pub mod remote;
pub mod rules;
pub mod sasl;
pub mod secrets;
pub mod send;
pub mod setup;
pub mod smtp;
pub mod store;
pub mod sync;
pub mod text;
pub mod tls;
pub mod ui;
pub mod worker;
