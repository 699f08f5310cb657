//! The look of the app: theme and styles, icons, form building blocks, dates and sizes as the
//! user's language writes them.
pub mod details;
pub mod font;
pub mod form;
pub mod format;
pub mod icon;
pub mod pointer;
pub mod style;
pub mod theme;
