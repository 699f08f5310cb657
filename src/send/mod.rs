//! Writing and sending mail: what a reply or forward starts with ([`reply`]), a new message from
//! a `mailto:` link ([`mailto`]), the text as `format=flowed` ([`flowed`]), the exact bytes of an
//! outgoing message ([`build`]), and the Outbox engine that submits them over SMTP and records
//! every outcome ([`outbox`]). No iced.
pub mod addresses;
pub mod build;
pub mod draft;
pub mod flowed;
pub mod mailto;
pub mod outbox;
pub mod reply;
pub mod server;
pub mod service;

pub use build::{Attachment, BuildError, Built, Outgoing, build, build_draft, new_message_id};
pub use outbox::{Delivery, Problem, RefusedRecipient, Sender, backoff, queue};
pub use reply::{Draft, Prefixes, ReplyTo, forward_as_attachment, forward_inline, reply};
