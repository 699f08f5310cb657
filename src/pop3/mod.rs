//! POP3 client: async, generic over the stream, one concern per file. No SQLite, no iced.
mod types;

pub use types::{AuthMethod, Password, Security};
