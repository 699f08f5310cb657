//! Remote pictures of an HTML mail, only on request, on a real store with a local HTTP server
//! that answers every picture and notes each path asked for: opening asks for nothing; "Load for
//! this message" asks for exactly the mail's pictures and shows them, and is not remembered;
//! "Always for this sender" is, so the next opening loads without asking; in the Trash nothing
//! is loaded, whoever sent it; the settings list the sender, and "Remove all" clears the list.
//! English UI, and the same words in German.

use crate::html::newsletter;
use crate::support;

use iced_test::simulator;
use postfach::i18n::Language;
use postfach::mime;
use postfach::mime::html::ImageSource;
use postfach::ui::screen::mail::reader::Preview;
use postfach::ui::screen::settings::Page;
use postfach::ui::{App, Message};
use support::http::PictureServer;
use support::page::{click, shows};
use support::sandbox::{Fixture, language, now};

type R = Result<(), Box<dyn std::error::Error>>;

/// The indexes of the document's remote pictures and of the picture "Helm".
fn remote_images(app: &App) -> Result<(Vec<usize>, usize), Box<dyn std::error::Error>> {
    let doc = app
        .reader()
        .shown()
        .and_then(|o| o.mail.body.html.clone())
        .ok_or("the HTML document")?;
    let remote: Vec<usize> = (0..doc.images.len())
        .filter(|&i| matches!(doc.images[i].source, ImageSource::Remote(_)))
        .collect();
    let helm = doc
        .images
        .iter()
        .position(|i| i.alt == "Helm")
        .ok_or("the picture Helm")?;
    Ok((remote, helm))
}

#[test]
fn remote_html_pictures_load_only_when_asked() -> R {
    let _language = language(Language::English);
    let server = PictureServer::start()?;
    let fx = Fixture::new(&[])?;
    {
        let mut store = fx.store()?;
        let raw = newsletter(&server.url);
        store.import(fx.inbox, &raw, &mime::summarize(&raw), now())?;
        let other = b"From: Anna <anna@example.de>\r\nSubject: Kaffee morgen\r\n\r\nUm zehn?\r\n";
        store.import(fx.inbox, other, &mime::summarize(other), now() - 60)?;
    }
    let (mut app, sb) = fx.app()?;

    // opened: nothing is asked for, the bar offers both choices
    click(&mut app, &sb, "Radhaus Newsletter")?;
    assert!(server.asked().is_empty(), "opening asks for nothing");
    assert!(shows(&app, "Load for this message"));
    assert!(shows(&app, "Always for this sender"));
    let (remote, helm) = remote_images(&app)?;
    assert!(remote.contains(&helm));
    assert!(app.reader().remote_picture(helm).is_none());

    // "Load for this message": exactly the mail's pictures: no style sheet, no background, no
    // srcset, and not the 1×1 tracking pixel (the document leaves it out)
    click(&mut app, &sb, "Load for this message")?;
    assert_eq!(server.asked(), ["/helm.jpg"]);
    for &i in &remote {
        assert!(
            matches!(app.reader().remote_picture(i), Some(Preview::Ready(_))),
            "picture {i} is shown"
        );
    }
    {
        let mut ui = simulator(app.view());
        assert!(
            ui.find("[picture: Helm]").is_err(),
            "the picture, not its words"
        );
        assert!(ui.find("Load for this message").is_err(), "asked once");
        ui.find(
            "Remote pictures are shown. Style sheets, fonts and backgrounds from the internet stay blocked.",
        )?;
    }

    // opened again: not remembered
    click(&mut app, &sb, "Kaffee morgen")?;
    click(&mut app, &sb, "Radhaus Newsletter")?;
    assert_eq!(server.asked().len(), 1, "nothing more was asked for");
    assert!(app.reader().remote_picture(helm).is_none());
    assert!(shows(&app, "Load for this message"));

    // "Always for this sender": remembered and loaded at once, and the next opening loads too
    click(&mut app, &sb, "Always for this sender")?;
    assert_eq!(server.asked(), ["/helm.jpg", "/helm.jpg"]);
    assert!(fx.store()?.remote_allowed("news@radhaus.example")?);
    click(&mut app, &sb, "Kaffee morgen")?;
    click(&mut app, &sb, "Radhaus Newsletter")?;
    assert_eq!(server.asked().len(), 3, "loaded without asking");
    assert!(app.reader().remote_requested());
    assert!(matches!(
        app.reader().remote_picture(helm),
        Some(Preview::Ready(_))
    ));
    assert!(!shows(&app, "Load for this message"));

    // the same message in the Trash: nothing, and nothing offered
    {
        let mut store = fx.store()?;
        let id = app.reader().current().ok_or("a message is shown")?;
        store.move_to_trash(&[id])?;
    }
    click(&mut app, &sb, "Trash")?;
    click(&mut app, &sb, "Radhaus Newsletter")?;
    assert_eq!(server.asked().len(), 3, "nothing is loaded in the Trash");
    assert!(!app.reader().remote_requested());
    assert!(app.reader().remote_picture(helm).is_none());
    assert!(!shows(&app, "Load for this message"));
    assert!(!shows(&app, "Always for this sender"));
    assert!(shows(
        &app,
        "Remote content is never loaded for mail in the Trash or in Junk."
    ));

    // the settings list the sender; "Remove all" empties the list
    sb.feed(&mut app, [Message::OpenSettings(Page::General)]);
    assert!(shows(&app, "Remote content"));
    assert!(shows(&app, "news@radhaus.example"));
    click(&mut app, &sb, "Remove all")?;
    assert!(!shows(&app, "news@radhaus.example"));
    assert!(fx.store()?.remote_senders()?.is_empty());
    let general = app.settings().ok_or("the settings")?.general();
    assert_eq!(general.remote_senders().map(<[_]>::len), Some(0));
    Ok(())
}

#[test]
fn html_remote_sender_is_removed_alone_in_the_settings() -> R {
    let _language = language(Language::English);
    let fx = Fixture::new(&[])?;
    {
        let mut store = fx.store()?;
        store.allow_remote("news@radhaus.example", now())?;
        store.allow_remote("anna@example.de", now())?;
    }
    let (mut app, sb) = fx.app()?;
    sb.feed(&mut app, [Message::OpenSettings(Page::General)]);
    assert!(shows(&app, "anna@example.de"));
    assert!(shows(&app, "news@radhaus.example"));
    // the first "Remove" is Anna's (the list is sorted by address)
    click(&mut app, &sb, "Remove")?;
    assert!(!shows(&app, "anna@example.de"));
    assert!(shows(&app, "news@radhaus.example"));
    let left: Vec<String> = fx
        .store()?
        .remote_senders()?
        .into_iter()
        .map(|s| s.address)
        .collect();
    assert_eq!(left, ["news@radhaus.example"]);
    Ok(())
}

#[test]
fn an_allowed_senders_pictures_wait_for_the_formatted_view() -> R {
    let _language = language(Language::English);
    let server = PictureServer::start()?;
    let fx = Fixture::new(&[])?;
    {
        let mut store = fx.store()?;
        let raw = newsletter(&server.url);
        store.import(fx.inbox, &raw, &mime::summarize(&raw), now())?;
        assert!(store.allow_remote("news@radhaus.example", now())?);
    }
    let mut config = postfach::config::Config::new();
    config.formatted = false;
    config.save(fx.dir.path())?;
    let (mut app, sb) = fx.app()?;
    click(&mut app, &sb, "Radhaus Newsletter")?;
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert!(
        server.asked().is_empty(),
        "the plain text shows no pictures: none fetched"
    );
    click(&mut app, &sb, "Formatted")?;
    let (_, helm) = remote_images(&app)?;
    assert_eq!(server.asked(), ["/helm.jpg"], "switching loads them");
    assert!(matches!(
        app.reader().remote_picture(helm),
        Some(Preview::Ready(_))
    ));
    Ok(())
}

#[test]
fn remote_content_speaks_german_in_the_reader_and_the_settings() -> R {
    let _language = language(Language::German);
    let server = PictureServer::start()?;
    let fx = Fixture::new(&[])?;
    {
        let mut store = fx.store()?;
        let raw = newsletter(&server.url);
        store.import(fx.inbox, &raw, &mime::summarize(&raw), now())?;
    }
    let (mut app, sb) = fx.app()?;
    click(&mut app, &sb, "Radhaus Newsletter")?;
    assert!(shows(
        &app,
        "Externe Inhalte wurden zum Schutz Ihrer Privatsphäre blockiert (5 Bilder oder Stile aus dem Internet)."
    ));
    assert!(shows(&app, "Formatiert"));
    assert!(shows(&app, "Reiner Text"));
    click(&mut app, &sb, "Immer für diesen Absender")?;
    assert!(shows(
        &app,
        "Externe Bilder werden angezeigt. Stilvorlagen, Schriften und Hintergründe aus dem Internet bleiben blockiert."
    ));

    // the list in the settings, in German, and emptied there
    sb.feed(&mut app, [Message::OpenSettings(Page::General)]);
    assert!(shows(&app, "Externe Inhalte"));
    assert!(shows(&app, "news@radhaus.example"));
    click(&mut app, &sb, "Alle entfernen")?;
    assert!(!shows(&app, "news@radhaus.example"));
    assert!(shows(
        &app,
        "Noch kein Absender. Wählen Sie „Immer für diesen Absender“ über einer HTML-Nachricht, um einen hinzuzufügen."
    ));
    assert!(fx.store()?.remote_senders()?.is_empty());
    Ok(())
}
