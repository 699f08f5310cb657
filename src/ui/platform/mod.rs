//! What iced does not do for us, per platform: dragging attachments out of the window.
pub mod dragout;
