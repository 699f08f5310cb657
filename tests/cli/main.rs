//! The real `postfach` binary on the command line (`support::cli`): its language with and without
//! a system locale, errors told in words, and server text that never reaches the terminal or the
//! log unfiltered.

#[path = "../support/mod.rs"]
mod support;

mod error_words;
mod locale;
mod organise;
mod outgoing;
mod server_text;
