//! The window tests, one binary (the library with iced is linked once, not once a file): the main
//! window, settings, wizard and large folders driven through iced_test's simulator and `update` on
//! real stores; the real app under a private Xvfb (drag-out, the benchmark's timing lines); the
//! words (en/de parity, plurals) and the data sets the screenshot and benchmark scripts seed.
//!
//! The UI language is process-wide, and tests run on several threads: every test that looks at
//! words holds its language with `support::sandbox::language` (tests of the same language run side
//! by side, the other language waits) or `language_alone` (a test that switches it).

#[path = "../support/mod.rs"]
mod support;

#[cfg(target_os = "linux")]
mod bench;
mod compose;
#[cfg(target_os = "linux")]
mod dragdrop;
#[cfg(target_os = "linux")]
mod dragout;
mod german;
mod html;
mod html_remote;
mod i18n;
mod large;
mod menu;
mod open;
mod organise;
mod outbox;
mod review;
mod rules;
mod seed;
mod select;
mod settings;
mod settings_ca;
mod settings_language;
#[cfg(target_os = "linux")]
mod settings_smtp;
mod transfer;
mod window;
mod wizard;
mod wizard_earlier;
#[cfg(target_os = "linux")]
mod wizard_oauth;
#[cfg(target_os = "linux")]
mod wizard_smtp;
