//! The message list's context menu, driven through iced_test's simulator and `update` on a real
//! store: a right-click selects the row (unless it is part of the selection) and opens the menu
//! at the pointer; its entries answer, mark and delete like the toolbar; Escape and a click
//! outside close it. English UI.

use crate::support;

use iced::keyboard::{Key, Modifiers, key::Named};
use iced::mouse::{Button, Event as MouseEvent};
use iced::{Event, Point};
use iced_test::simulator;
use postfach::i18n::Language;
use postfach::store::Scope;
use postfach::ui::screen::mail::list::{self, menu};
use postfach::ui::{App, Message};
use support::mail;
use support::page::{click, shows};
use support::sandbox::{Fixture, Sandbox, language, now};

type R = Result<(), Box<dyn std::error::Error>>;

/// The entries a menu for one message shows (read, in the Inbox).
const ONE: [&str; 9] = [
    "Reply",
    "Reply all",
    "Forward",
    "Forward as attachment",
    "Mark unread",
    "Delete",
    "Ctrl+Shift+R",
    "Ctrl+L",
    "Del",
];

/// An account that can send (the tests run no Outbox worker), with the realistic Inbox.
fn fixture() -> Result<Fixture, Box<dyn std::error::Error>> {
    Fixture::with_settings(&mail::realistic(now()), |s| {
        s.smtp = Some(support::smtp_server("smtp.example.de", 465, "anna"));
    })
}

/// Presses and releases the right button over the text `label`, as a user does; returns where.
fn right_click(
    app: &mut App,
    sb: &Sandbox,
    label: &str,
) -> Result<Point, Box<dyn std::error::Error>> {
    let (at, messages) = {
        let mut ui = simulator(app.view());
        let target = ui.find(label)?;
        let at = iced_test::selector::Bounded::visible_bounds(&target)
            .ok_or("the row is not visible")?
            .center();
        ui.point_at(at);
        let _ = ui.simulate([
            Event::Mouse(MouseEvent::ButtonPressed(Button::Right)),
            Event::Mouse(MouseEvent::ButtonReleased(Button::Right)),
        ]);
        (at, ui.into_messages().collect::<Vec<_>>())
    };
    assert!(!messages.is_empty(), "right-clicking {label:?} did nothing");
    sb.feed(app, messages);
    Ok(at)
}

fn subject_at(app: &App, index: usize) -> String {
    app.list().loaded_rows()[index].subject.clone()
}

#[test]
fn menu_right_click_selects_the_row_and_opens_at_the_pointer() -> R {
    let _language = language(Language::English);
    let fx = fixture()?;
    let (mut app, sb) = fx.app()?;
    click(&mut app, &sb, "Re: Treffen am Donnerstag")?;
    assert!(!shows(&app, "Forward as attachment"), "no menu yet");

    let at = right_click(&mut app, &sb, "Quarterly report Q3")?;
    let menu = app.list().menu().ok_or("the menu is not open")?;
    assert_eq!(menu.at(), at, "the menu opens where the pointer is");
    let selected = app.list().selected().ok_or("nothing selected")?;
    assert_eq!(selected.id, fx.ids[2], "the right-clicked row is selected");
    assert_eq!(app.list().selection_len(), 1);
    let shown = app.reader().shown().ok_or("the reader shows nothing")?;
    assert_eq!(shown.row.id, fx.ids[2]);
    let mut ui = simulator(app.view());
    for label in ONE {
        assert!(ui.find(label).is_ok(), "{label:?} not in the menu");
    }
    Ok(())
}

#[test]
fn menu_keeps_a_selection_of_several_and_offers_no_answers() -> R {
    let _language = language(Language::English);
    let fx = fixture()?;
    let (mut app, sb) = fx.app()?;
    sb.feed(
        &mut app,
        [Message::Key(Key::Character("a".into()), Modifiers::CTRL)],
    );
    assert_eq!(app.list().selection_len(), 8);
    right_click(&mut app, &sb, "Quarterly report Q3")?;
    assert!(app.list().menu().is_some(), "the menu is open");
    assert_eq!(app.list().selection_len(), 8, "the selection is kept");
    {
        let mut ui = simulator(app.view());
        assert!(ui.find("Mark read").is_ok(), "unread messages are selected");
        assert!(ui.find("Del").is_ok());
        for label in ["Forward as attachment", "Ctrl+Shift+R", "Ctrl+L"] {
            assert!(ui.find(label).is_err(), "{label:?} offered for several");
        }
    }
    // Mark read marks all eight.
    sb.feed(
        &mut app,
        [Message::List(list::Message::Menu(menu::Message::Chose(
            menu::Command::SetSeen(true),
        )))],
    );
    assert!(app.list().menu().is_none(), "choosing closes the menu");
    assert!(app.list().loaded_rows().iter().all(|r| r.seen));
    let store = fx.store()?;
    assert_eq!(store.count(&Scope::Folder(fx.inbox), true)?, 0, "all read");
    Ok(())
}

#[test]
fn menu_reply_all_opens_a_compose_window() -> R {
    let _language = language(Language::English);
    let fx = fixture()?;
    let (mut app, sb) = fx.app()?;
    right_click(&mut app, &sb, "Quarterly report Q3")?;
    // the reader has a "Reply all" button too: click the entry by its shortcut
    click(&mut app, &sb, "Ctrl+Shift+R")?;
    assert!(app.list().menu().is_none(), "choosing closes the menu");
    assert_eq!(app.composers().count(), 1, "a compose window opened");
    let (_, composer) = app.composers().next().ok_or("no compose window")?;
    let written = composer.written();
    assert!(
        written.to.contains("john.smith@example.com"),
        "{:?}",
        written.to
    );
    assert_eq!(written.subject, "Re: Quarterly report Q3");
    Ok(())
}

#[test]
fn menu_delete_moves_to_the_trash_and_there_deletes_for_good() -> R {
    let _language = language(Language::English);
    let fx = fixture()?;
    let (mut app, sb) = fx.app()?;
    let target = fx.ids[2];
    right_click(&mut app, &sb, "Quarterly report Q3")?;
    // the toolbar has a "Delete" button too: click the entry by its shortcut
    click(&mut app, &sb, "Del")?;
    assert_eq!(
        fx.store()?.message(target)?.folder,
        fx.trash,
        "in the Trash"
    );
    assert!(app.list().menu().is_none());
    assert_eq!(app.list().len(), 7);

    click(&mut app, &sb, "Trash")?;
    assert_eq!(subject_at(&app, 0), "Quarterly report Q3");
    right_click(&mut app, &sb, "Quarterly report Q3")?;
    assert!(shows(&app, "Delete permanently"));
    sb.feed(
        &mut app,
        [Message::List(list::Message::Menu(menu::Message::Chose(
            menu::Command::Delete,
        )))],
    );
    assert!(fx.store()?.message(target).is_err(), "deleted for good");
    assert!(app.list().is_empty());
    Ok(())
}

#[test]
fn menu_closes_on_escape_and_on_a_click_outside() -> R {
    let _language = language(Language::English);
    let fx = fixture()?;
    let (mut app, sb) = fx.app()?;
    right_click(&mut app, &sb, "Quarterly report Q3")?;
    assert!(app.list().menu().is_some());
    sb.feed(
        &mut app,
        [Message::Key(Key::Named(Named::Shift), Modifiers::SHIFT)],
    );
    assert!(
        app.list().menu().is_some(),
        "a modifier alone keeps it open"
    );
    sb.feed(
        &mut app,
        [Message::Key(Key::Named(Named::Escape), Modifiers::empty())],
    );
    assert!(app.list().menu().is_none(), "Escape closes it");
    assert!(!shows(&app, "Forward as attachment"));
    assert_eq!(app.list().selection_len(), 1, "the selection stays");

    right_click(&mut app, &sb, "Einladung zum Sommerfest")?;
    assert!(app.list().menu().is_some());
    let messages = {
        let mut ui = simulator(app.view());
        ui.point_at(Point::new(5.0, 5.0));
        let _ = ui.simulate([
            Event::Mouse(MouseEvent::ButtonPressed(Button::Left)),
            Event::Mouse(MouseEvent::ButtonReleased(Button::Left)),
        ]);
        ui.into_messages().collect::<Vec<_>>()
    };
    assert_eq!(
        messages.len(),
        1,
        "only the menu hears the click: {messages:?}"
    );
    sb.feed(&mut app, messages);
    assert!(app.list().menu().is_none(), "a click outside closes it");
    assert_eq!(app.composers().count(), 0);
    Ok(())
}

/// The stored bytes of every message in the Inbox, sorted (to compare as sets).
fn inbox_raws(fx: &Fixture) -> Result<Vec<Vec<u8>>, Box<dyn std::error::Error>> {
    let store = fx.store()?;
    let rows = postfach::export::rows(&store, Scope::Folder(fx.inbox))?;
    let mut raws = rows
        .iter()
        .map(|r| store.raw(r.id))
        .collect::<Result<Vec<_>, _>>()?;
    raws.sort();
    Ok(raws)
}

#[test]
fn menu_exports_the_selection_as_mbox_and_one_message_as_eml() -> R {
    use postfach::export::Format;
    let _language = language(Language::English);
    let fx = fixture()?;
    let (mut app, sb) = fx.app()?;
    right_click(&mut app, &sb, "Quarterly report Q3")?;
    assert!(shows(&app, "Export as mbox file…") && shows(&app, "Save as .eml files…"));
    sb.feed(
        &mut app,
        [Message::Key(Key::Named(Named::Escape), Modifiers::empty())],
    );

    // everything, as the file dialog would answer: the same bytes come back out of the file
    let out = tempfile::tempdir()?;
    let file = out.path().join("Posteingang.mbox");
    sb.feed(
        &mut app,
        [
            Message::Key(Key::Character("a".into()), Modifiers::CTRL),
            Message::ExportTo(Format::Mbox, Some(file.clone())),
        ],
    );
    let said = format!("Exported 8 messages to {}.", file.display());
    assert_eq!(app.status(), said);
    let reader = postfach::import::mbox::Reader::new(
        std::io::BufReader::new(std::fs::File::open(&file)?),
        1 << 26,
    )?;
    let mut back = reader
        .map(|e| e.map(|e| e.raw))
        .collect::<Result<Vec<_>, _>>()?;
    back.sort();
    assert_eq!(back, inbox_raws(&fx)?);

    // one message (a click selects it) as an .eml file; a cancelled dialog writes nothing
    click(&mut app, &sb, "Quarterly report Q3")?;
    assert_eq!(app.list().selection_len(), 1);
    let id = app.list().selected().ok_or("no selection")?.id;
    sb.feed(&mut app, [Message::ExportTo(Format::Eml, None)]);
    assert_eq!(app.status(), said, "nothing happened");
    let dir = out.path().join("eml");
    std::fs::create_dir(&dir)?;
    sb.feed(
        &mut app,
        [Message::ExportTo(Format::Eml, Some(dir.clone()))],
    );
    let files: Vec<_> = std::fs::read_dir(&dir)?.collect::<Result<_, _>>()?;
    assert_eq!(files.len(), 1);
    assert_eq!(std::fs::read(files[0].path())?, fx.store()?.raw(id)?);
    Ok(())
}
