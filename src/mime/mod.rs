//! Stored bytes → what a reader shows. No SQLite, no iced.
//!
//! [`summarize`] gives the store what a message list and the search index need; [`parse`] builds
//! the full reader model (headers, body text, attachments). Both never panic, whatever the bytes.
//! HTML is parsed once into a [`html::Document`] (blocks and styled spans the reader lays out) and
//! its text ([`html_to_text`]): nothing is fetched, run or rendered here.
//! Attachment names are made safe ([`safe_file_name`]) before they touch a file system, saving never
//! overwrites ([`save_attachment`]), and image previews are bounded ([`thumbnail`]).
mod attachment;
pub mod html;
mod links;
mod model;
mod names;
mod recover;
mod save;
mod skeleton;
mod summary;
mod text;
mod thumbnail;

pub use attachment::{Attachment, attachment_bytes};
pub use html::html_to_text;
pub use links::Link;
pub(crate) use model::addresses as header_addresses;
pub use model::{Body, MAX_BODY_TEXT, Message, parse};
pub use names::{MAX_FILE_NAME_BYTES, safe_file_name};
pub use save::{save_attachment, unique_path};
pub use summary::{
    Address, PREVIEW_CHARS, SEARCH_TEXT_BYTES, Summary, summarize, summarize_eliding,
};
pub use thumbnail::{
    ImageError, MAX_DECODE_ALLOC, MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE, MAX_THUMBNAIL_SIDE, Thumbnail,
    thumbnail,
};
