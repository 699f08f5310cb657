//! Modal dialogs shown over a screen.
pub mod trust;
