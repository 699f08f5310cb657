//! The main window, driven through iced_test's simulator and `update`, on a real store.
//! English UI.

use crate::support;

use std::io::Write;
use std::time::Duration;

use iced::keyboard::{Key, Modifiers, key::Named};
use iced_test::simulator;
use postfach::i18n::Language;
use postfach::pop3::{Password, Security};
use postfach::store::{FolderKind, Scope};
use postfach::sync::service::{self, Command};
use postfach::sync::{Fetcher, Progress};
use postfach::ui::{
    Message, screen::mail::list, screen::mail::reader, screen::mail::toolbar, service::workers,
};
use support::mail;
use support::sandbox::{Fixture, language, now};

type R = Result<(), Box<dyn std::error::Error>>;

fn subjects(app: &postfach::ui::App) -> Vec<String> {
    app.list()
        .loaded_rows()
        .iter()
        .map(|r| r.subject.clone())
        .collect()
}

#[test]
fn the_list_shows_the_inbox_newest_first() -> R {
    let _language = language(Language::English);
    let fx = Fixture::new(&mail::realistic(now()))?;
    let (app, _sb) = fx.app()?;
    assert_eq!(app.list().scope(), Some(Scope::Folder(fx.inbox)));
    let subjects = subjects(&app);
    assert_eq!(subjects.len(), 8);
    assert_eq!(subjects[0], "Fotos vom Wochenende am Bodensee");
    assert_eq!(subjects[7], "Your weekly digest");
    let mut ui = simulator(app.view());
    for label in [
        "Get messages",
        "Inbox",
        "Trash",
        "Delete",
        "8 messages · 8 unread",
    ] {
        assert!(ui.find(label).is_ok(), "{label:?} not shown");
    }
    assert!(ui.find("Jürgen Müller").is_ok());
    Ok(())
}

#[test]
fn selecting_a_message_shows_it_in_the_reader_and_marks_it_read() -> R {
    let _language = language(Language::English);
    let fx = Fixture::new(&mail::realistic(now()))?;
    let (mut app, sb) = fx.app()?;
    let clicked = {
        let mut ui = simulator(app.view());
        ui.click("Re: Treffen am Donnerstag")?;
        ui.into_messages().collect::<Vec<_>>()
    };
    assert!(!clicked.is_empty(), "the click produced no message");
    sb.feed(&mut app, clicked);
    let shown = app.reader().shown().ok_or("the reader shows nothing")?;
    assert_eq!(shown.row.id, fx.ids[3]);
    let mut ui = simulator(app.view());
    assert!(
        ui.find("Donnerstag um 18 Uhr passt mir gut. Treffen wir uns im Café am Marktplatz?")
            .is_ok(),
        "the body is not shown"
    );
    assert!(ui.find("Katrin Weiß <katrin.weiss@example.de>").is_ok());
    assert!(
        ui.find("Mark unread").is_ok(),
        "the toolbar offers to mark it unread"
    );
    assert!(
        fx.store()?.message(fx.ids[3])?.seen,
        "selecting marks it read"
    );
    Ok(())
}

#[test]
fn attachments_show_as_chips_with_previews() -> R {
    let _language = language(Language::English);
    let fx = Fixture::new(&mail::realistic(now()))?;
    let (mut app, sb) = fx.app()?;
    let clicked = {
        let mut ui = simulator(app.view());
        ui.click("Fotos vom Wochenende am Bodensee")?;
        ui.into_messages().collect::<Vec<_>>()
    };
    sb.feed(&mut app, clicked);
    let shown = app.reader().shown().ok_or("nothing shown")?;
    let images: Vec<usize> = shown
        .mail
        .attachments
        .iter()
        .filter(|a| a.is_image)
        .map(|a| a.index)
        .collect();
    assert_eq!(images.len(), 2);
    for index in images {
        assert!(
            matches!(app.reader().preview(index), Some(reader::Preview::Ready(_))),
            "preview {index}: {:?}",
            app.reader().preview(index)
        );
    }
    {
        let mut ui = simulator(app.view());
        for label in [
            "2 attachments",
            "Bodensee-Ufer.png",
            "Sonnenuntergang.png",
            "Save all…",
            "Open",
        ] {
            assert!(ui.find(label).is_ok(), "{label:?} not shown");
        }
    }
    // Pressing a chip prepares the attachment for dragging out: a temp copy with its bytes.
    let pressed = {
        let mut ui = simulator(app.view());
        ui.click("Sonnenuntergang.png")?;
        ui.into_messages().collect::<Vec<_>>()
    };
    sb.feed(&mut app, pressed);
    let path = app
        .reader()
        .drag_ready()
        .ok_or("no temp copy for the drag")?;
    assert_eq!(
        path.file_name().and_then(|n| n.to_str()),
        Some("Sonnenuntergang.png")
    );
    let bytes = std::fs::read(path)?;
    assert_eq!(bytes, mail::png(480, 360, 120));
    std::fs::remove_file(path)?;
    Ok(())
}

#[test]
fn delete_moves_to_trash_and_from_trash_deletes_for_good() -> R {
    let _language = language(Language::English);
    let fx = Fixture::new(&mail::realistic(now()))?;
    let (mut app, sb) = fx.app()?;
    let target = fx.ids[2];
    let clicked = {
        let mut ui = simulator(app.view());
        ui.click("Quarterly report Q3")?;
        ui.into_messages().collect::<Vec<_>>()
    };
    sb.feed(&mut app, clicked);
    sb.feed(
        &mut app,
        [Message::Key(Key::Named(Named::Delete), Modifiers::empty())],
    );

    assert_eq!(
        fx.store()?.message(target)?.folder,
        fx.trash,
        "moved to the Trash"
    );
    assert!(!subjects(&app).contains(&"Quarterly report Q3".to_owned()));
    assert_eq!(app.list().len(), 7);
    let next = app
        .list()
        .selected()
        .ok_or("nothing selected after the delete")?;
    assert_eq!(
        next.subject, "Re: Treffen am Donnerstag",
        "the next message is selected"
    );

    let to_trash = {
        let mut ui = simulator(app.view());
        ui.click("Trash")?;
        ui.into_messages().collect::<Vec<_>>()
    };
    sb.feed(&mut app, to_trash);
    assert_eq!(app.list().scope(), Some(Scope::Folder(fx.trash)));
    assert_eq!(subjects(&app), ["Quarterly report Q3"]);
    let clicked = {
        let mut ui = simulator(app.view());
        ui.click("Quarterly report Q3")?;
        ui.into_messages().collect::<Vec<_>>()
    };
    sb.feed(&mut app, clicked);
    let delete = {
        let mut ui = simulator(app.view());
        ui.click("Delete permanently")?;
        ui.into_messages().collect::<Vec<_>>()
    };
    sb.feed(&mut app, delete);
    assert!(fx.store()?.message(target).is_err(), "deleted for good");
    assert!(app.list().is_empty());
    Ok(())
}

/// Clicks the row with this subject, holding `modifiers` (iced tells the list about modifiers
/// through a subscription, which the simulator does not run: the test feeds that message).
fn click_row(
    app: &mut postfach::ui::App,
    sb: &support::sandbox::Sandbox,
    subject: &str,
    modifiers: Modifiers,
) -> R {
    sb.feed(app, [Message::List(list::Message::Modifiers(modifiers))]);
    let clicked = {
        let mut ui = simulator(app.view());
        ui.click(subject)?;
        ui.into_messages().collect::<Vec<_>>()
    };
    assert!(!clicked.is_empty(), "clicking {subject:?} did nothing");
    sb.feed(app, clicked);
    Ok(())
}

#[test]
fn shift_click_selects_a_range_and_delete_moves_all_of_it_to_the_trash() -> R {
    let _language = language(Language::English);
    let fx = Fixture::new(&mail::realistic(now()))?;
    let (mut app, sb) = fx.app()?;
    let before = subjects(&app);
    let chosen: Vec<_> = (1..=4)
        .map(|i| app.list().row(i).map(|r| r.id))
        .collect::<Option<_>>()
        .ok_or("rows not read")?;
    click_row(&mut app, &sb, &before[1], Modifiers::empty())?;
    click_row(&mut app, &sb, &before[4], Modifiers::SHIFT)?;
    assert_eq!(app.list().selection_len(), 4);
    assert_eq!(app.reader().selected_count(), Some(4));
    {
        let mut ui = simulator(app.view());
        assert!(ui.find("4 messages selected").is_ok());
        assert!(
            ui.find(before[1].as_str()).is_ok(),
            "the list still shows the rows"
        );
    }
    sb.feed(
        &mut app,
        [Message::Key(Key::Named(Named::Delete), Modifiers::SHIFT)],
    );

    let store = fx.store()?;
    for id in &chosen {
        assert_eq!(
            store.message(*id)?.folder,
            fx.trash,
            "{id} not in the Trash"
        );
    }
    assert_eq!(store.count(&Scope::Folder(fx.trash), false)?, 4);
    assert_eq!(store.count(&Scope::Folder(fx.inbox), false)?, 4);
    let left = subjects(&app);
    assert_eq!(
        left,
        [
            before[0].clone(),
            before[5].clone(),
            before[6].clone(),
            before[7].clone()
        ]
    );
    assert_eq!(
        app.list().selected().map(|r| r.subject.as_str()),
        Some(before[5].as_str()),
        "the message after the deleted ones is shown next"
    );

    // In the Trash, Ctrl+A and Delete remove them for good.
    let to_trash = {
        let mut ui = simulator(app.view());
        ui.click("Trash")?;
        ui.into_messages().collect::<Vec<_>>()
    };
    sb.feed(&mut app, to_trash);
    sb.feed(
        &mut app,
        [Message::Key(Key::Character("a".into()), Modifiers::CTRL)],
    );
    assert_eq!(app.reader().selected_count(), Some(4));
    let delete = {
        let mut ui = simulator(app.view());
        ui.click("Delete permanently")?;
        ui.into_messages().collect::<Vec<_>>()
    };
    sb.feed(&mut app, delete);
    for id in &chosen {
        assert!(
            fx.store()?.message(*id).is_err(),
            "{id} not deleted for good"
        );
    }
    assert!(app.list().is_empty());
    Ok(())
}

#[test]
fn ctrl_click_and_select_all_mark_the_whole_selection() -> R {
    let _language = language(Language::English);
    let fx = Fixture::new(&mail::realistic(now()))?;
    let (mut app, sb) = fx.app()?;
    let before = subjects(&app);
    click_row(&mut app, &sb, &before[0], Modifiers::empty())?;
    click_row(&mut app, &sb, &before[3], Modifiers::CTRL)?;
    click_row(&mut app, &sb, &before[6], Modifiers::CTRL)?;
    assert_eq!(app.reader().selected_count(), Some(3));
    let unread = {
        let mut ui = simulator(app.view());
        ui.click("Mark read")?;
        ui.into_messages().collect::<Vec<_>>()
    };
    sb.feed(&mut app, unread);
    let store = fx.store()?;
    let seen: Vec<bool> = fx
        .ids
        .iter()
        .map(|id| store.message(*id).map(|r| r.seen))
        .collect::<Result<_, _>>()?;
    assert_eq!(seen.iter().filter(|s| **s).count(), 3, "{seen:?}");
    for i in [0, 3, 6] {
        let row = app.list().row(i).ok_or("row gone")?;
        assert!(store.message(row.id)?.seen && row.seen, "{}", row.subject);
    }
    sb.feed(
        &mut app,
        [Message::Key(Key::Character("a".into()), Modifiers::CTRL)],
    );
    assert_eq!(app.reader().selected_count(), Some(8));
    let read = {
        let mut ui = simulator(app.view());
        assert!(ui.find("8 messages selected").is_ok());
        ui.click("Mark read")?;
        ui.into_messages().collect::<Vec<_>>()
    };
    sb.feed(&mut app, read);
    assert_eq!(fx.store()?.count(&Scope::Folder(fx.inbox), true)?, 0);
    let unread = {
        let mut ui = simulator(app.view());
        ui.click("Mark unread")?;
        ui.into_messages().collect::<Vec<_>>()
    };
    sb.feed(&mut app, unread);
    assert_eq!(fx.store()?.count(&Scope::Folder(fx.inbox), true)?, 8);
    Ok(())
}

#[test]
fn search_narrows_the_list_and_waits_for_typing_to_pause() -> R {
    let _language = language(Language::English);
    let fx = Fixture::new(&mail::realistic(now()))?;
    let (mut app, sb) = fx.app()?;
    // Two keystrokes in quick succession: only the last text is searched.
    let first = app.update(Message::Toolbar(toolbar::Message::SearchChanged(
        "Rech".into(),
    )));
    let second = app.update(Message::Toolbar(toolbar::Message::SearchChanged(
        "rechnung".into(),
    )));
    sb.settle(&mut app, iced::Task::batch([first, second]));
    assert_eq!(app.list().query(), Some("rechnung"));
    assert_eq!(subjects(&app), ["Ihre Rechnung Nr. 2024-08157"]);
    {
        let mut ui = simulator(app.view());
        assert!(ui.find("Ihre Rechnung Nr. 2024-08157").is_ok());
        assert!(
            ui.find("Quarterly report Q3").is_err(),
            "other mail is hidden"
        );
        assert!(ui.find("1 message found for “rechnung”").is_ok());
    }
    // Umlauts: "muller" finds Müller.
    sb.feed(
        &mut app,
        [Message::Toolbar(toolbar::Message::SearchChanged(
            "muller".into(),
        ))],
    );
    assert_eq!(subjects(&app), ["Fotos vom Wochenende am Bodensee"]);
    // Clearing the search shows the whole folder again.
    let cleared = {
        let mut ui = simulator(app.view());
        ui.click(toolbar::search_id())?;
        ui.into_messages().collect::<Vec<_>>()
    };
    sb.feed(&mut app, cleared);
    sb.feed(&mut app, [Message::Toolbar(toolbar::Message::ClearSearch)]);
    assert_eq!(app.list().query(), None);
    assert_eq!(app.list().len(), 8);
    Ok(())
}

#[test]
fn arrow_keys_walk_through_the_list() -> R {
    let _language = language(Language::English);
    let fx = Fixture::new(&mail::realistic(now()))?;
    let (mut app, sb) = fx.app()?;
    let down = || Message::Key(Key::Named(Named::ArrowDown), Modifiers::empty());
    let up = || Message::Key(Key::Named(Named::ArrowUp), Modifiers::empty());
    sb.feed(&mut app, [down()]);
    assert_eq!(app.reader().shown().map(|o| o.row.id), Some(fx.ids[0]));
    sb.feed(&mut app, [down(), down(), up()]);
    assert_eq!(app.reader().shown().map(|o| o.row.id), Some(fx.ids[1]));
    sb.feed(&mut app, [up(), up(), up()]);
    assert_eq!(
        app.list().selected().map(|r| r.id),
        Some(fx.ids[0]),
        "stops at the top"
    );
    Ok(())
}

#[test]
fn get_messages_sends_the_fetch_and_progress_updates_the_status() -> R {
    let _language = language(Language::English);
    let server = std::net::TcpListener::bind("127.0.0.1:0")?;
    let port = server.local_addr()?.port();
    let fx = Fixture::with_settings(&[], |s| {
        s.host = "127.0.0.1".into();
        s.port = port;
        s.security = Security::Plain;
    })?;
    let (mut app, sb) = fx.app()?;

    // The worker the account's subscription would start, on the fixture's store.
    let account = fx.store()?.account(fx.account)?;
    let fetcher = Fetcher::new(fx.store()?, fx.dir.path());
    let (controller, mut events) = {
        let _runtime = sb.rt.enter();
        service::spawn(fetcher, account, service::system_clock)
    };
    controller.send(Command::SetPassword(Password::new("geheim")));
    sb.feed(
        &mut app,
        [Message::Worker(workers::Event::Ready(controller))],
    );

    let clicked = {
        let mut ui = simulator(app.view());
        ui.click("Get messages")?;
        ui.into_messages().collect::<Vec<_>>()
    };
    sb.feed(&mut app, clicked);

    // The fetch command reached the worker: it connects to our server.
    server.set_nonblocking(false)?;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(server.accept());
    });
    let (mut conn, _) = rx.recv_timeout(Duration::from_secs(15))??;
    let mut next_event = || {
        sb.rt
            .block_on(async { tokio::time::timeout(Duration::from_secs(15), events.recv()).await })
            .ok()
            .flatten()
    };
    let first = next_event().ok_or("no event from the worker")?;
    assert!(
        matches!(&first, service::Event::Progress(_, Progress::Connecting { host }) if host == "127.0.0.1"),
        "{first:?}"
    );
    sb.feed(&mut app, [Message::Worker(workers::Event::Service(first))]);
    assert_eq!(app.status(), "Connecting to 127.0.0.1…");
    {
        let mut ui = simulator(app.view());
        assert!(ui.find("Connecting to 127.0.0.1…").is_ok(), "status line");
        assert!(
            ui.find("Cancel").is_ok(),
            "Cancel is offered while fetching"
        );
    }

    // The server greets and hangs up: the fetch fails, the window says so in a banner.
    conn.write_all(b"+OK POP3 ready\r\n")?;
    drop(conn);
    let mut finished = false;
    while let Some(event) = next_event() {
        let done = matches!(event, service::Event::Finished(..));
        sb.feed(&mut app, [Message::Worker(workers::Event::Service(event))]);
        if done {
            finished = true;
            break;
        }
    }
    assert!(finished, "the worker never reported the end of the fetch");
    assert_eq!(app.banners().list().len(), 1);
    assert_eq!(app.status(), "Getting messages for privat failed");
    let mut ui = simulator(app.view());
    assert!(ui.find("Getting messages for privat failed").is_ok());
    assert!(
        ui.find("Try again").is_ok(),
        "a network error offers to try again"
    );
    assert!(ui.find("Cancel").is_err(), "no Cancel once the fetch ended");
    Ok(())
}

#[test]
fn dropped_eml_files_are_imported_into_the_folder_shown() -> R {
    let _language = language(Language::English);
    let fx = Fixture::new(&mail::realistic(now())[..2])?;
    let (mut app, sb) = fx.app()?;
    let file = fx.dir.path().join("Weitergeleitet.eml");
    let mail = mail::Mail::text(
        "Ömer Yılmaz",
        "oemer@example.de",
        "Weitergeleitete Nachricht",
        "Siehe unten.",
        now() - 60,
    );
    std::fs::write(&file, mail.raw())?;
    sb.feed(&mut app, [Message::FileDropped(file), Message::ImportDue]);
    assert_eq!(app.list().len(), 3);
    assert_eq!(app.status(), "1 message imported into Inbox");
    let store = fx.store()?;
    let inbox = store
        .folders()?
        .into_iter()
        .find(|f| f.kind == FolderKind::Inbox)
        .ok_or("inbox")?;
    assert_eq!(inbox.total, 3);
    Ok(())
}

#[test]
fn window_size_and_pane_widths_are_remembered() -> R {
    let _language = language(Language::English);
    let fx = Fixture::new(&[])?;
    let (mut app, sb) = fx.app()?;
    sb.feed(&mut app, [Message::Resized(iced::Size::new(1400.0, 900.0))]);
    let config = app.config();
    assert_eq!(config.window.width, 1400.0);
    assert_eq!(config.window.height, 900.0);
    assert_eq!(config.panes, postfach::config::Config::new().panes);
    // Quitting saves them.
    sb.feed(&mut app, [Message::Quit]);
    let (saved, warning) = postfach::config::Config::load(fx.dir.path());
    assert!(warning.is_none());
    assert_eq!(saved.window.width, 1400.0);
    Ok(())
}

#[test]
fn quick_selection_changes_show_the_last_message() -> R {
    let _language = language(Language::English);
    let fx = Fixture::new(&mail::realistic(now()))?;
    let (mut app, sb) = fx.app()?;
    let down = || Message::Key(Key::Named(Named::ArrowDown), Modifiers::empty());
    let first = app.update(down());
    let second = app.update(down());
    sb.settle(&mut app, iced::Task::batch([first, second]));
    assert_eq!(app.reader().shown().map(|o| o.row.id), Some(fx.ids[1]));
    Ok(())
}
