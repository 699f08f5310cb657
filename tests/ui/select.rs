//! Selecting and copying the words of a message, in the formatted and in the plain view: the
//! mouse pressed on one line, moved to another and let go selects everything between (across
//! paragraphs, headings and table cells); a double click takes a word; Ctrl+A takes the whole
//! message once words are selected (else it selects the list's messages); a press beside the
//! words ends the selection. Driven through the simulator on a real store, English UI.

use crate::support;

use iced::keyboard::{Key, Modifiers};
use iced::{Event, Point, mouse};
use postfach::i18n::Language;
use postfach::mime;
use postfach::ui::{App, Message};
use support::page::{click, sim};
use support::sandbox::{Fixture, Sandbox, language, now};

type R = Result<(), Box<dyn std::error::Error>>;

/// The message with `subject` from the Inbox of a fresh store, opened.
fn opened(
    raw: &[u8],
    subject: &str,
) -> Result<(Fixture, App, Sandbox), Box<dyn std::error::Error>> {
    let fx = Fixture::new(&[])?;
    fx.store()?
        .import(fx.inbox, raw, &mime::summarize(raw), now())?;
    let (mut app, sb) = fx.app()?;
    click(&mut app, &sb, subject)?;
    Ok((fx, app, sb))
}

/// Where the words `label` are drawn: a point `fraction` of the way across, at mid-height.
fn at(app: &App, label: &str, fraction: f32) -> Result<Point, Box<dyn std::error::Error>> {
    let mut ui = sim(app);
    let target = ui.find(label).map_err(|e| format!("{label:?}: {e}"))?;
    let b = target.visible_bounds().ok_or("not visible")?;
    Ok(Point::new(b.x + b.width * fraction, b.y + b.height / 2.0))
}

/// Sends `events` with the pointer at `point` to a fresh simulator, and what they did to the app.
fn mouse(app: &mut App, sb: &Sandbox, point: Point, events: &[mouse::Event]) {
    let messages: Vec<Message> = {
        let mut ui = sim(app);
        ui.point_at(point);
        ui.simulate(events.iter().cloned().map(Event::Mouse));
        ui.into_messages().collect()
    };
    sb.feed(app, messages);
}

fn drag(app: &mut App, sb: &Sandbox, from: Point, to: Point) {
    let left = mouse::Button::Left;
    mouse(app, sb, from, &[mouse::Event::ButtonPressed(left)]);
    mouse(app, sb, to, &[mouse::Event::CursorMoved { position: to }]);
    mouse(app, sb, to, &[mouse::Event::ButtonReleased(left)]);
}

fn ctrl(app: &mut App, key: &'static str) {
    let _ = app.update(Message::Key(Key::Character(key.into()), Modifiers::CTRL));
}

fn newsletter() -> Vec<u8> {
    let html = "<html><body><h1>Fr\u{fc}hling ist Radzeit</h1>\
        <p>Nur bis <b>31. M\u{e4}rz</b>: <i>20 % auf Helme</i>.</p>\
        <table><tr><th>Artikel</th><th>Preis</th></tr>\
        <tr><td>Helm Urban</td><td>49,99 \u{20ac}</td></tr></table>\
        <p>Viele Gr\u{fc}\u{df}e<br>Ihr Radhaus</p></body></html>";
    format!(
        "From: Radhaus <news@radhaus.example>\r\nTo: anna@example.de\r\n\
Subject: Radhaus Newsletter\r\nDate: Tue, 01 Dec 2026 10:00:00 +0100\r\nMIME-Version: 1.0\r\n\
Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{html}\r\n"
    )
    .into_bytes()
}

#[test]
fn dragging_over_a_formatted_mail_selects_across_blocks() -> R {
    let _language = language(Language::English);
    let (_fx, mut app, sb) = opened(&newsletter(), "Radhaus Newsletter")?;
    let from = at(&app, "Frühling ist Radzeit", 0.0)?;
    let to = at(&app, "Helm Urban", 0.0)?;
    let to = Point::new(to.x + 20.0, to.y); // a few letters into the cell
    drag(&mut app, &sb, Point::new(from.x + 0.5, from.y), to);
    let copied = app.reader().selected_text().ok_or("words are selected")?;
    let (head, last) = copied.rsplit_once("\n\n").ok_or("several blocks")?;
    assert_eq!(
        head, "Frühling ist Radzeit\n\nNur bis 31. März: 20 % auf Helme.\n\nArtikel\n\nPreis",
        "whole blocks, in reading order, the styles gone"
    );
    assert!(
        !last.is_empty() && last.len() < "Helm Urban".len() && "Helm Urban".starts_with(last),
        "up to the pointer in the cell: {last:?}"
    );
    // Ctrl+A now takes the whole message (the list's selection stays as it was)
    ctrl(&mut app, "a");
    let all = app.reader().selected_text().ok_or("all selected")?;
    assert!(all.starts_with("Frühling ist Radzeit\n\n"), "{all:?}");
    assert!(
        all.ends_with("Viele Grüße\nIhr Radhaus"),
        "a line break stays one: {all:?}"
    );
    assert_eq!(app.list().selection_len(), 1);
    Ok(())
}

#[test]
fn a_double_click_selects_a_word_and_a_press_beside_the_words_ends_it() -> R {
    let _language = language(Language::English);
    let raw = b"From: Katrin <katrin@example.de>\r\nTo: anna@example.de\r\n\
Subject: Treffen\r\nDate: Tue, 01 Dec 2026 10:00:00 +0100\r\n\r\n\
Hallo Anna,\r\n\r\nwir treffen uns am Donnerstag im Caf\xc3\xa9.\r\nBis dann\r\n";
    let (_fx, mut app, sb) = opened(raw, "Treffen")?;
    let line = "wir treffen uns am Donnerstag im Café.";
    let word = at(&app, line, 0.12)?; // inside "treffen"
    let left = mouse::Button::Left;
    let twice = [
        mouse::Event::ButtonPressed(left),
        mouse::Event::ButtonReleased(left),
        mouse::Event::ButtonPressed(left),
        mouse::Event::ButtonReleased(left),
    ];
    mouse(&mut app, &sb, word, &twice);
    assert_eq!(app.reader().selected_text().as_deref(), Some("treffen"));

    // a drag in the plain text: across the paragraph break, a line break kept
    let from = at(&app, "Hallo Anna,", 0.0)?;
    let to = at(&app, "Bis dann", 0.99)?;
    drag(&mut app, &sb, Point::new(from.x + 0.5, from.y), to);
    assert_eq!(
        app.reader().selected_text().as_deref(),
        Some("Hallo Anna,\n\nwir treffen uns am Donnerstag im Café.\nBis dann")
    );

    // a press on the headers, beside the words: nothing is selected, Ctrl+A is the list's again
    click(&mut app, &sb, "Katrin <katrin@example.de>")?;
    assert!(!app.reader().has_selection());
    ctrl(&mut app, "a");
    assert!(app.reader().selected_text().is_none());
    Ok(())
}
