//! Fluent localization: `i18n/en/postfach.ftl` and `i18n/de/postfach.ftl`, embedded at compile time.
//!
//! Use the crate's `fl!` macro for every user-visible string; it checks message ids against the
//! English file at compile time.

use std::sync::LazyLock;

use i18n_embed::LanguageLoader;
use i18n_embed::fluent::{FluentLanguageLoader, fluent_language_loader};
use rust_embed::RustEmbed;
use unic_langid::LanguageIdentifier;

#[derive(RustEmbed)]
#[folder = "i18n/"]
struct Localizations;

/// The process-wide loader that `fl!` reads from.
pub static LANGUAGE_LOADER: LazyLock<FluentLanguageLoader> = LazyLock::new(|| {
    let loader: FluentLanguageLoader = fluent_language_loader!();
    // German and English are both left-to-right: Unicode isolation marks around placeables would
    // only show up as stray characters in terminals and in text matching.
    loader.set_use_isolating(false);
    // The fallback (English) is embedded in the binary; failing to load it is a build defect that
    // the i18n tests catch, so here we only log.
    if let Err(e) = loader.load_fallback_language(&Localizations) {
        tracing::error!("cannot load the English messages: {e}");
    }
    loader
});

/// The languages asked for by the last [`select`] that loaded them.
static LAST_REQUEST: std::sync::Mutex<Option<Vec<LanguageIdentifier>>> =
    std::sync::Mutex::new(None);

/// Looks up a message by id, with optional arguments. Ids are checked at compile time.
#[macro_export]
macro_rules! fl {
    ($message_id:literal) => {{
        i18n_embed_fl::fl!($crate::i18n::LANGUAGE_LOADER, $message_id)
    }};
    ($message_id:literal, $($args:expr),* $(,)?) => {{
        i18n_embed_fl::fl!($crate::i18n::LANGUAGE_LOADER, $message_id, $($args),*)
    }};
}

/// A UI language choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    /// Follow the system (or `POSTFACH_LANG`).
    #[default]
    System,
    German,
    English,
}

impl Language {
    pub fn as_str(self) -> &'static str {
        match self {
            Language::System => "system",
            Language::German => "de",
            Language::English => "en",
        }
    }

    pub fn parse(s: &str) -> Language {
        match s.to_ascii_lowercase().as_str() {
            s if s.starts_with("de") => Language::German,
            s if s.starts_with("en") => Language::English,
            _ => Language::System,
        }
    }
}

/// The languages Postfach has messages for.
pub fn available() -> Vec<LanguageIdentifier> {
    vec![langid("en"), langid("de")]
}

fn langid(s: &str) -> LanguageIdentifier {
    s.parse().unwrap_or_default()
}

/// Selects the UI language: an explicit choice, else `POSTFACH_LANG`, else the system's languages.
/// Returns the language actually selected ("de" or "en").
pub fn select(choice: Language) -> String {
    let requested: Vec<LanguageIdentifier> = match choice {
        Language::German => vec![langid("de")],
        Language::English => vec![langid("en")],
        Language::System => match std::env::var("POSTFACH_LANG") {
            Ok(v) if !v.trim().is_empty() => vec![langid(v.trim())],
            _ => requested(sys_locale::get_locales()),
        },
    };
    // Loading rebuilds the bundles with isolation marks on until they are turned off again, and
    // another thread formatting in between gets them. So the same request as last time loads
    // nothing (seen in the window tests, which select a language per test in one process).
    let mut last = LAST_REQUEST
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if last.as_ref() != Some(&requested) {
        match i18n_embed::select(&*LANGUAGE_LOADER, &Localizations, &requested) {
            Ok(_) => *last = Some(requested),
            Err(e) => tracing::warn!("language selection failed: {e}"),
        }
        LANGUAGE_LOADER.set_use_isolating(false);
    }
    drop(last);
    LANGUAGE_LOADER
        .current_language()
        .language
        .as_str()
        .to_owned()
}

/// The language the UI speaks now ("de" or "en").
pub fn current_language() -> String {
    LANGUAGE_LOADER
        .current_language()
        .language
        .as_str()
        .to_owned()
}

/// For unit tests that check words: selects `language` and holds it until the guard is dropped,
/// so tests on other threads cannot switch the language in between.
#[cfg(test)]
pub(crate) fn hold(language: Language) -> std::sync::MutexGuard<'static, ()> {
    static HELD: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let guard = HELD
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    select(language);
    guard
}

/// The languages the system asks for. Locales that name no language (`C`, `POSIX`, `C.UTF-8`:
/// common in containers, cron jobs and ssh sessions) are skipped; when none is left, English,
/// said once at debug level. (i18n-embed's `DesktopLanguageRequester` logs an error for each.)
fn requested(locales: impl IntoIterator<Item = String>) -> Vec<LanguageIdentifier> {
    let mut skipped = Vec::new();
    let ids: Vec<LanguageIdentifier> = locales
        .into_iter()
        .filter_map(|tag| {
            let base = tag.split(['.', '@']).next().unwrap_or_default();
            let language = !base.eq_ignore_ascii_case("C") && !base.eq_ignore_ascii_case("POSIX");
            match tag.parse() {
                Ok(id) if language => Some(id),
                _ => {
                    skipped.push(tag);
                    None
                }
            }
        })
        .collect();
    if ids.is_empty() {
        tracing::debug!(?skipped, "no language in the system locale; using English");
        return vec![langid("en")];
    }
    ids
}

/// Turns Unicode isolation marks around placeables on or off (tests match plain text).
pub fn set_isolating(on: bool) {
    LANGUAGE_LOADER.set_use_isolating(on);
}

/// The message ids defined in one language's file, for the parity test.
pub fn message_ids(lang: &str) -> Vec<String> {
    let Some(file) = Localizations::get(&format!("{lang}/postfach.ftl")) else {
        return Vec::new();
    };
    let text = String::from_utf8_lossy(&file.data);
    let mut ids: Vec<String> = text
        .lines()
        .filter_map(|line| {
            let (id, _) = line.split_once('=')?;
            let id = id.trim_end();
            let first = id.chars().next()?;
            (first.is_ascii_alphabetic()
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .then(|| id.to_owned())
        })
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn locales_without_a_language_fall_back_to_english() {
        assert_eq!(requested(tags(&["C"])), vec![langid("en")]);
        assert_eq!(requested(tags(&["C.UTF-8", "POSIX"])), vec![langid("en")]);
        assert_eq!(requested(Vec::new()), vec![langid("en")]);
        assert_eq!(
            requested(tags(&["C", "de-AT", "en-US"])),
            vec![langid("de-AT"), langid("en-US")]
        );
    }
}
