//! The HTML document model (`postfach::mime::html`): golden files of realistic mails (`golden`)
//! and hostile input (`hostile`): scripts, dangerous links, remote resources in every form (with a
//! local HTTP server that must see no request), 10,000 nested elements and a 50 MB part.

#![allow(clippy::expect_used)]
mod golden;
mod hostile;
