//! A folder with 100,000 messages: the list reads only the pages around what is in view, builds
//! only the visible rows, and scrolling far down reads the rows there. Selecting all of them
//! reads none, and marking or deleting them acts on all.

use crate::support;

use iced::keyboard::{Key, Modifiers, key::Named};
use iced::mouse::{self, ScrollDelta};
use iced::{Event, Point};
use iced_test::simulator;
use postfach::i18n::Language;
use postfach::mime;
use postfach::store::{Fetched, Scope, Store};
use postfach::ui::Message;
use postfach::ui::screen::mail::list::{PAGE, ROW_HEIGHT};
use support::mail::rfc2822;
use support::sandbox::{Fixture, language};

type R = Result<(), Box<dyn std::error::Error>>;

/// How many messages the folder gets (`POSTFACH_LARGE_COUNT` overrides).
fn count() -> u64 {
    std::env::var("POSTFACH_LARGE_COUNT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000)
}

fn seed(store: &mut Store, account: postfach::store::AccountId, n: u64) -> R {
    let base = 1_600_000_000i64;
    let mut batch = Vec::new();
    for i in 0..n {
        let raw = format!(
            "From: Absender {i} <a{i}@example.de>\r\nSubject: Nachricht Nummer {i}\r\nDate: {}\r\n\r\nText {i}\r\n",
            rfc2822(base + i as i64 * 60)
        )
        .into_bytes();
        let summary = mime::summarize(&raw);
        batch.push(Fetched {
            uidl: format!("uidl-{i}"),
            listed_size: raw.len() as u64,
            raw,
            summary,
        });
        if batch.len() == 5_000 {
            store.store_fetched(account, &batch, base)?;
            batch.clear();
        }
    }
    store.store_fetched(account, &batch, base)?;
    Ok(())
}

#[test]
fn a_huge_folder_is_read_page_by_page() -> R {
    let _language = language(Language::English);
    let n = count();
    let fx = Fixture::new(&[])?;
    seed(&mut fx.store()?, fx.account, n)?;
    let (mut app, sb) = fx.app()?;
    assert_eq!(app.list().len(), n);
    let loaded = app.list().loaded_rows().len() as u64;
    assert!(
        loaded > 0 && loaded <= 2 * u64::from(PAGE),
        "{loaded} rows read at start"
    );
    // Newest first.
    assert_eq!(
        app.list().row(0).map(|r| r.subject.clone()),
        Some(format!("Nachricht Nummer {}", n - 1))
    );

    // Scroll far down with the mouse wheel.
    let target = (n / 2) as f32 * ROW_HEIGHT;
    let wheel = [Event::Mouse(mouse::Event::WheelScrolled {
        delta: ScrollDelta::Pixels { x: 0.0, y: -target },
    })];
    let scrolled = {
        let mut ui = simulator(app.view());
        ui.point_at(Point::new(420.0, 400.0));
        ui.simulate(wheel.clone());
        ui.into_messages().collect::<Vec<_>>()
    };
    assert!(!scrolled.is_empty(), "the list did not report the scroll");
    sb.feed(&mut app, scrolled);
    let middle = n / 2;
    let row = app
        .list()
        .row(middle)
        .ok_or("the rows in view were not read")?;
    assert_eq!(row.subject, format!("Nachricht Nummer {}", n - 1 - middle));
    let loaded = app.list().loaded_rows().len() as u64;
    assert!(
        loaded <= 12 * u64::from(PAGE),
        "{loaded} rows kept in memory"
    );

    // The rows in view are built and can be opened. (A new simulator starts unscrolled, so it
    // is scrolled the same way first.)
    let subject = format!("Nachricht Nummer {}", n - 1 - middle - 2);
    let clicked = {
        let mut ui = simulator(app.view());
        assert!(
            ui.find("Nachricht Nummer 0").is_err(),
            "rows far away are not built"
        );
        ui.point_at(Point::new(420.0, 400.0));
        ui.simulate(wheel);
        ui.click(subject.as_str())?;
        ui.into_messages().collect::<Vec<_>>()
    };
    sb.feed(&mut app, clicked);
    assert_eq!(
        app.reader().shown().map(|o| o.row.subject.clone()),
        Some(subject)
    );

    // Ctrl+A selects all of them without reading them; "Mark read" and Delete act on all.
    let before = app.list().loaded_rows().len();
    sb.feed(
        &mut app,
        [Message::Key(Key::Character("a".into()), Modifiers::CTRL)],
    );
    assert_eq!(app.list().selection_len(), n);
    assert_eq!(app.reader().selected_count(), Some(n));
    assert_eq!(
        app.list().loaded_rows().len(),
        before,
        "no rows read to select"
    );
    let read = {
        let mut ui = simulator(app.view());
        ui.click("Mark read")?;
        ui.into_messages().collect::<Vec<_>>()
    };
    sb.feed(&mut app, read);
    let inbox = Scope::Folder(fx.inbox);
    assert_eq!(fx.store()?.count(&inbox, true)?, 0, "all marked read");
    sb.feed(
        &mut app,
        [Message::Key(Key::Named(Named::Delete), Modifiers::empty())],
    );
    let store = fx.store()?;
    assert_eq!(store.count(&inbox, false)?, 0);
    assert_eq!(store.count(&Scope::Folder(fx.trash), false)?, n);
    assert!(app.list().is_empty());
    Ok(())
}
