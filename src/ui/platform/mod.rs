//! What iced does not do for us, per platform: dragging attachments out of the window, and the
//! software renderer where the GPU one cannot be set up.
pub mod dragout;
pub mod renderer;
