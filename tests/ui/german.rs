//! The German UI shows German labels.

use crate::support;

use iced_test::simulator;
use postfach::i18n::Language;
use support::mail;
use support::sandbox::{Fixture, language, now};

type R = Result<(), Box<dyn std::error::Error>>;

#[test]
fn the_german_ui_speaks_german() -> R {
    let _language = language(Language::German);
    let fx = Fixture::new(&mail::realistic(now()))?;
    let (mut app, sb) = fx.app()?;
    {
        let mut ui = simulator(app.view());
        for label in [
            "Nachrichten abrufen",
            "Posteingang",
            "Papierkorb",
            "Löschen",
            "Als gelesen markieren",
            "8 Nachrichten · 8 ungelesen",
            "Wählen Sie eine Nachricht aus, um sie zu lesen.",
            "Bereit",
        ] {
            assert!(ui.find(label).is_ok(), "{label:?} not shown");
        }
        assert!(ui.find("Get messages").is_err(), "no English left");
    }
    let clicked = {
        let mut ui = simulator(app.view());
        ui.click("Fotos vom Wochenende am Bodensee")?;
        ui.into_messages().collect::<Vec<_>>()
    };
    sb.feed(&mut app, clicked);
    let mut ui = simulator(app.view());
    for label in [
        "Von",
        "An",
        "Datum",
        "2 Anhänge",
        "Alle speichern…",
        "Öffnen",
        "Speichern unter…",
    ] {
        assert!(ui.find(label).is_ok(), "{label:?} not shown");
    }
    assert!(ui.find("Als ungelesen markieren").is_ok());
    Ok(())
}

#[test]
fn german_plurals_and_dates() {
    let _language = language(Language::German);
    use postfach::fl;
    assert_eq!(fl!("sync-new-messages", count = 1), "1 neue Nachricht");
    assert_eq!(fl!("sync-new-messages", count = 3), "3 neue Nachrichten");
    assert_eq!(fl!("ui-attachments", count = 1), "1 Anhang");
    assert_eq!(
        fl!("ui-selected-count", count = 1, shown = "1"),
        "1 Nachricht ausgewählt"
    );
    assert_eq!(
        fl!(
            "ui-selected-count",
            count = 100_000,
            shown = postfach::ui::widget::format::count(100_000)
        ),
        "100.000 Nachrichten ausgewählt"
    );
    assert_eq!(
        fl!("ui-list-unread", count = 0, shown = "0"),
        "alle gelesen"
    );
    assert_eq!(
        fl!(
            "ui-list-count",
            count = 100_002,
            shown = postfach::ui::widget::format::count(100_002)
        ),
        "100.002 Nachrichten"
    );
    assert_eq!(postfach::ui::widget::format::size(1536), "1,5 KB");
    // 2024-03-05 12:00 UTC, shown in UTC here (no zone table in tests).
    assert_eq!(
        postfach::ui::widget::format::full_date(1_709_640_000),
        "5. März 2024, 12:00 Uhr"
    );
    assert_eq!(
        postfach::ui::widget::format::list_date(1_709_640_000, 1_709_650_000),
        "12:00"
    );
    assert_eq!(
        postfach::ui::widget::format::list_date(1_709_640_000, 1_719_650_000),
        "5. März"
    );
}
