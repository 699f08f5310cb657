//! The mail screen: the sidebar (accounts and folders), the toolbar, the banners, the message list
//! and the reader, laid out in resizable panes.
pub mod banner;
pub mod layout;
pub mod list;
pub mod reader;
pub mod sidebar;
pub mod toolbar;
