//! HTML mail in the reader, on a real store: shown formatted from the parsed document (its own
//! `cid:` pictures decoded, a data table as a grid), remote content blocked — a local HTTP server
//! (`support::http`) counts the connections the window makes while showing the mail, and there
//! must be none — the switch to the plain text remembered, and a link whose words show another
//! address asked about before it opens. English UI.

use crate::support;

use std::time::Duration;

use iced_test::simulator;
use postfach::i18n::Language;
use postfach::mime;
use postfach::ui::screen::mail::reader::{self, Preview};
use postfach::ui::{App, Message};
use support::http::PictureServer;
use support::mail::{b64_lines, png};
use support::page::click;
use support::sandbox::{Fixture, Sandbox, language, now};

type R = Result<(), Box<dyn std::error::Error>>;

/// A newsletter (multipart/alternative inside multipart/related): a text part, an HTML part
/// with a heading, a data table, a `cid:` logo, remote pictures and styles on `server`, and a
/// link whose words show another host.
pub(crate) fn newsletter(server: &str) -> Vec<u8> {
    let html = format!(
        r#"<html><head><link rel="stylesheet" href="{server}/style.css">
<style>body {{ background: url({server}/bg.png) }}</style></head><body>
<img src="cid:logo@radhaus" alt="Radhaus" width="200">
<h1>Frühling ist Radzeit</h1>
<p>Nur bis <b>31. März</b>: <i>20 % auf Helme</i>.</p>
<table><tr><th>Artikel</th><th>Preis</th></tr><tr><td>Helm Urban</td><td>49,99 €</td></tr>
<tr><td>Faltschloss</td><td>34,90 €</td></tr></table>
<img src="{server}/helm.jpg" alt="Helm" srcset="{server}/helm-2x.jpg 2x">
<p>Ihr Konto: <a href="http://konto-check.example.ru/login">https://www.sparkasse.de/login</a></p>
<img src="{server}/open.gif" width="1" height="1">
</body></html>"#
    );
    let logo = png(40, 10, 120);
    format!(
        "From: Radhaus <news@radhaus.example>\r\nTo: Anna Schmidt <anna.schmidt@example.de>\r\n\
Subject: Radhaus Newsletter\r\nDate: Tue, 01 Dec 2026 10:00:00 +0100\r\nMIME-Version: 1.0\r\n\
Content-Type: multipart/related; boundary=rel\r\n\r\n--rel\r\n\
Content-Type: multipart/alternative; boundary=alt\r\n\r\n--alt\r\n\
Content-Type: text/plain; charset=utf-8\r\n\r\nFruehling ist Radzeit (Textfassung)\r\n--alt\r\n\
Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n--alt--\r\n\
--rel\r\nContent-Type: image/png\r\nContent-ID: <logo@radhaus>\r\nContent-Disposition: inline\r\n\
Content-Transfer-Encoding: base64\r\n\r\n{}\r\n--rel--\r\n",
        b64_lines(html.as_bytes()),
        b64_lines(&logo)
    )
    .into_bytes()
}

/// The newsletter in the Inbox, opened in the reader.
fn opened(server: &str) -> Result<(Fixture, App, Sandbox), Box<dyn std::error::Error>> {
    let fx = Fixture::new(&[])?;
    {
        let mut store = fx.store()?;
        let raw = newsletter(server);
        store.import(fx.inbox, &raw, &mime::summarize(&raw), now())?;
    }
    let (mut app, sb) = fx.app()?;
    click(&mut app, &sb, "Radhaus Newsletter")?;
    Ok((fx, app, sb))
}

#[test]
fn html_mail_is_shown_formatted_and_nothing_is_fetched() -> R {
    let _language = language(Language::English);
    let server = PictureServer::start()?;
    let (_fx, app, _sb) = opened(&server.url)?;
    {
        let mut ui = simulator(app.view());
        ui.find("Formatted")?;
        ui.find("Plain text")?;
        ui.find("Artikel")?;
        ui.find("Helm Urban")?;
        ui.find("49,99 €")?;
        ui.find("[picture: Helm]")?;
        let blocked = ui.find(
            "Remote content was blocked to protect your privacy (5 pictures or styles from the internet).",
        );
        assert!(blocked.is_ok(), "the remote-content bar with its count");
        assert!(
            ui.find("Fruehling ist Radzeit (Textfassung)").is_err(),
            "not the text part"
        );
    }
    // the mail's own picture is decoded for the formatted view
    let shown = app.reader().shown().ok_or("a message is shown")?;
    let doc = shown.mail.body.html.as_ref().ok_or("the HTML document")?;
    let logo = doc
        .images
        .iter()
        .position(
            |i| matches!(&i.source, mime::html::ImageSource::ContentId(c) if c == "logo@radhaus"),
        )
        .ok_or("the logo")?;
    assert!(matches!(
        app.reader().inline_picture(logo),
        Some(Preview::Ready(_))
    ));
    // nothing left the machine, also a moment later
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(server.connections(), 0, "no request to the remote server");
    Ok(())
}

#[test]
fn the_plain_view_is_remembered() -> R {
    let _language = language(Language::English);
    let server = PictureServer::start()?;
    let (fx, mut app, sb) = opened(&server.url)?;
    click(&mut app, &sb, "Plain text")?;
    {
        let mut ui = simulator(app.view());
        ui.find("Fruehling ist Radzeit (Textfassung)")?;
        assert!(ui.find("Helm Urban").is_err(), "the HTML is not shown");
    }
    assert!(!app.config().formatted);
    let (saved, _) = postfach::config::Config::load(fx.dir.path());
    assert!(!saved.formatted, "the choice is saved");
    // another message and back: still plain (the reader keeps the choice when it is cleared)
    click(&mut app, &sb, "Inbox")?;
    click(&mut app, &sb, "Radhaus Newsletter")?;
    {
        let mut ui = simulator(app.view());
        ui.find("Fruehling ist Radzeit (Textfassung)")?;
    }
    // and a window started with the saved preferences shows the plain text too
    let (mut again, sb2) = fx.app()?;
    click(&mut again, &sb2, "Radhaus Newsletter")?;
    {
        let mut ui = simulator(again.view());
        ui.find("Fruehling ist Radzeit (Textfassung)")?;
    }
    // the mail's own pictures are decoded for the formatted view only: when it is first shown
    let doc = app
        .reader()
        .shown()
        .and_then(|o| o.mail.body.html.clone())
        .ok_or("the HTML document")?;
    let logo = doc
        .images
        .iter()
        .position(|i| i.alt == "Radhaus")
        .ok_or("the logo")?;
    assert!(
        app.reader().inline_picture(logo).is_none(),
        "not decoded for the text"
    );
    click(&mut app, &sb, "Formatted")?;
    assert!(app.config().formatted);
    assert!(matches!(
        app.reader().inline_picture(logo),
        Some(Preview::Ready(_))
    ));
    Ok(())
}

#[test]
fn a_link_that_shows_another_address_asks_first() -> R {
    let _language = language(Language::English);
    let server = PictureServer::start()?;
    let (_fx, mut app, sb) = opened(&server.url)?;
    let doc = app
        .reader()
        .shown()
        .and_then(|o| o.mail.body.html.clone())
        .ok_or("the HTML document")?;
    let index = doc
        .links
        .iter()
        .position(|l| l.url.contains("konto-check"))
        .ok_or("the deceptive link")?;
    sb.feed(
        &mut app,
        [Message::Reader(reader::Message::DocumentLink(index))],
    );
    {
        let mut ui = simulator(app.view());
        ui.find("This link may not lead where it says")?;
    }
    click(&mut app, &sb, "Don't open")?;
    let mut ui = simulator(app.view());
    assert!(ui.find("This link may not lead where it says").is_err());
    Ok(())
}
