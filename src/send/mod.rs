//! Writing mail: what a reply or forward starts with ([`reply`]), the text as `format=flowed`
//! ([`flowed`]), and the exact bytes of an outgoing message ([`build`]). No iced, no network:
//! the Outbox engine and the compose window build on these.
pub mod build;
pub mod flowed;
pub mod reply;

pub use build::{Attachment, BuildError, Built, Outgoing, build, new_message_id};
pub use reply::{Draft, Prefixes, ReplyTo, forward_as_attachment, forward_inline, reply};
