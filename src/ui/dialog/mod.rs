//! Modal dialogs shown over a screen.
pub mod folder;
pub mod move_to;
pub mod trust;
