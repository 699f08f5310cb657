//! Switching the language in the settings relabels the window at once and is remembered. The
//! language is process-wide, so no other test looks at words meanwhile (`language_alone`).

use crate::support;

use postfach::config::{Config, ThemeChoice};
use postfach::i18n::Language;
use postfach::ui::screen::settings::Page;
use support::page::{click, shows};
use support::sandbox::{Fixture, language_alone};

type R = Result<(), Box<dyn std::error::Error>>;

#[test]
fn switching_to_english_relabels_the_screen_and_is_saved() -> R {
    let _language = language_alone(Language::German);
    let fx = Fixture::new(&[])?;
    let (mut app, sb) = fx.app()?;
    click(&mut app, &sb, "Einstellungen")?;
    assert_eq!(app.settings().map(|s| s.page()), Some(Page::General));
    assert!(shows(&app, "Sprache"));

    click(&mut app, &sb, "English")?;
    assert!(shows(&app, "Language"), "relabelled at once");
    assert!(!shows(&app, "Sprache"));
    let (saved, _) = Config::load(fx.dir.path());
    assert_eq!(saved.language, Language::English, "remembered");

    click(&mut app, &sb, "privat")?;
    for label in [
        "Leave mail on server",
        "Messages on the server",
        "Messages are downloaded and deleted from the server right away.",
        "Test connection",
        "Save",
        "Back to messages",
    ] {
        assert!(shows(&app, label), "{label:?} not shown");
    }
    assert!(
        !shows(&app, "Mail auf dem Server belassen"),
        "no German left"
    );

    // The theme switches as well, and back to German.
    click(&mut app, &sb, "General")?;
    click(&mut app, &sb, "Dark")?;
    assert!(app.theme().extended_palette().is_dark);
    assert_eq!(Config::load(fx.dir.path()).0.theme, ThemeChoice::Dark);
    click(&mut app, &sb, "Deutsch")?;
    click(&mut app, &sb, "privat")?;
    assert!(shows(&app, "Mail auf dem Server belassen"));
    click(&mut app, &sb, "Zurück zu den Nachrichten")?;
    assert!(shows(&app, "Nachrichten abrufen"));
    assert!(app.settings().is_none());
    Ok(())
}
