//! The compose window, driven through iced_test's simulator and `update` on a real store:
//! a reply is filled in as people expect, a forgotten attachment and addresses that are none
//! stop "Send", drafts are saved (also when the window closes or the app quits) and continue
//! where they ended, and "Send" puts the message into the Outbox. English UI.

use crate::support;

use std::sync::Arc;

use iced::widget::text_editor::{Action as EditorAction, Edit};
use iced_test::simulator;
use postfach::i18n::Language;
use postfach::store::FolderKind;
use postfach::ui::screen::compose::{self, Ask};
use postfach::ui::{App, Message};
use support::mail::Mail;
use support::page::click;
use support::sandbox::{Fixture, Sandbox, language, now};

type R = Result<(), Box<dyn std::error::Error>>;

/// An account with an outgoing server where nothing listens (the tests run no Outbox worker;
/// asking the server for its size limit is refused at once and leaves the 20 MB rule).
fn with_server(s: &mut postfach::store::AccountSettings) {
    s.smtp = Some(support::smtp_server("127.0.0.1", 9, "anna"));
    s.signature = "Anna Schmidt\nTel. 0761 123456".into();
}

fn offer() -> Mail {
    Mail::text(
        "Bernd Vogel",
        "bernd.vogel@example.org",
        "Angebot Gartenhaus",
        "Hallo Anna,\n\nanbei das Angebot.\n\n-- \nBernd Vogel\nZimmerei Vogel\n",
        now() - 3600,
    )
}

/// The account's drafts.
fn drafts(fx: &Fixture) -> Result<Vec<postfach::store::MessageRow>, Box<dyn std::error::Error>> {
    let store = fx.store()?;
    let folder = store.folder(fx.account, FolderKind::Drafts)?;
    Ok(store.list(&postfach::store::ListQuery {
        scope: postfach::store::Scope::Folder(folder),
        unread_only: false,
        offset: 0,
        limit: 100,
    })?)
}

/// A click in the (only) compose window.
fn click_compose(app: &mut App, sb: &Sandbox, label: &str) -> R {
    let id = window(app)?;
    let messages = {
        let mut ui = simulator(app.view_of(id));
        ui.click(label)?;
        ui.into_messages().collect::<Vec<_>>()
    };
    sb.feed(app, messages);
    Ok(())
}

fn window(app: &App) -> Result<iced::window::Id, Box<dyn std::error::Error>> {
    let mut windows = app.composers();
    let (id, _) = windows.next().ok_or("a compose window is open")?;
    assert!(windows.next().is_none(), "one compose window");
    Ok(id)
}

fn composer(app: &App) -> Result<&compose::Compose, Box<dyn std::error::Error>> {
    Ok(app.composers().next().ok_or("a compose window is open")?.1)
}

fn send(app: &mut App, sb: &Sandbox, m: compose::Message) -> R {
    let id = window(app)?;
    sb.feed(app, [Message::Compose(id, m)]);
    Ok(())
}

fn type_text(app: &mut App, sb: &Sandbox, text: &str) -> R {
    send(
        app,
        sb,
        compose::Message::Edit(EditorAction::Edit(Edit::Paste(Arc::new(text.to_owned())))),
    )
}

/// The window with the offer open in the reader, and its Reply clicked.
fn replying() -> Result<(Fixture, App, Sandbox), Box<dyn std::error::Error>> {
    let fx = Fixture::with_settings(&[offer()], with_server)?;
    let (mut app, sb) = fx.app()?;
    click(&mut app, &sb, "Angebot Gartenhaus")?;
    click(&mut app, &sb, "Reply")?;
    Ok((fx, app, sb))
}

#[test]
fn reply_fills_in_recipient_subject_and_quote() -> R {
    let _language = language(Language::English);
    let (fx, app, _sb) = replying()?;
    let c = composer(&app)?;
    let w = c.written();
    assert_eq!(w.to, "Bernd Vogel <bernd.vogel@example.org>");
    assert_eq!(w.subject, "Re: Angebot Gartenhaus");
    assert!(
        w.body
            .starts_with("\n\n-- \nAnna Schmidt\nTel. 0761 123456\n\n"),
        "{:?}",
        w.body
    );
    assert!(
        w.body
            .contains(", Bernd Vogel wrote:\n> Hallo Anna,\n>\n> anbei das Angebot.\n"),
        "{:?}",
        w.body
    );
    assert!(
        w.body.starts_with("\n\n-- \n") && w.body.contains("\nOn "),
        "{:?}",
        w.body
    );
    assert!(
        !w.body.contains("Zimmerei"),
        "the original's signature is left out"
    );
    assert_eq!(w.links.answers, Some(fx.ids[0]));
    assert!(w.in_reply_to.is_some());
    let id = window(&app)?;
    let mut ui = simulator(app.view_of(id));
    ui.find("Re: Angebot Gartenhaus")?;
    ui.find("Send")?;
    assert_eq!(app.title_of(id), "Re: Angebot Gartenhaus — Postfach");
    Ok(())
}

#[test]
fn a_forgotten_attachment_asks_before_sending() -> R {
    let _language = language(Language::English);
    let (fx, mut app, sb) = replying()?;
    type_text(&mut app, &sb, "Thanks! The signed contract is attached.")?;
    click_compose(&mut app, &sb, "Send")?;
    assert_eq!(composer(&app)?.asking(), Some(Ask::NoAttachment));
    {
        let mut ui = simulator(app.view_of(window(&app)?));
        ui.find("Forgot the attachment?")?;
    }
    assert!(fx.store()?.outbox(None)?.is_empty(), "nothing queued yet");
    click_compose(&mut app, &sb, "Keep writing")?;
    assert_eq!(composer(&app)?.asking(), None);

    click_compose(&mut app, &sb, "Send")?;
    click_compose(&mut app, &sb, "Send anyway")?;
    assert_eq!(app.composers().count(), 0, "the window closed");
    let store = fx.store()?;
    let outbox = store.outbox(None)?;
    assert_eq!(outbox.len(), 1);
    let raw = String::from_utf8_lossy(&store.raw(outbox[0].message.id)?).into_owned();
    assert!(raw.contains("Subject: Re: Angebot Gartenhaus"), "{raw}");
    assert!(raw.contains("In-Reply-To: <"), "{raw}");
    Ok(())
}

#[test]
fn entries_that_are_no_addresses_are_marked_and_nothing_is_sent() -> R {
    let _language = language(Language::English);
    let fx = Fixture::with_settings(&[offer()], with_server)?;
    let (mut app, sb) = fx.app()?;
    click(&mut app, &sb, "Write")?;
    send(
        &mut app,
        &sb,
        compose::Message::Address(compose::Field::To, "bernd@, carla@example.org".into()),
    )?;
    send(&mut app, &sb, compose::Message::Subject("Termin".into()))?;
    click_compose(&mut app, &sb, "Send")?;
    {
        let mut ui = simulator(app.view_of(window(&app)?));
        ui.find("Not an e-mail address: bernd@")?;
    }
    assert!(fx.store()?.outbox(None)?.is_empty());
    assert_eq!(app.composers().count(), 1);
    Ok(())
}

#[test]
fn a_draft_is_saved_on_close_and_continued_then_sent() -> R {
    let _language = language(Language::English);
    let fx = Fixture::with_settings(&[offer()], with_server)?;
    let (mut app, sb) = fx.app()?;
    click(&mut app, &sb, "Write")?;
    send(
        &mut app,
        &sb,
        compose::Message::Address(compose::Field::To, "Carla Weiß <carla@example.org>".into()),
    )?;
    send(&mut app, &sb, compose::Message::ShowBcc)?;
    send(
        &mut app,
        &sb,
        compose::Message::Address(compose::Field::Bcc, "dora@example.org".into()),
    )?;
    send(
        &mut app,
        &sb,
        compose::Message::Subject("Grillfest am Samstag".into()),
    )?;
    type_text(&mut app, &sb, "Hallo Carla,\nkommst du auch?\n")?;
    send(&mut app, &sb, compose::Message::Close)?;
    assert_eq!(
        app.composers().count(),
        0,
        "the window closed once the draft was saved"
    );

    let rows = drafts(&fx)?;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].subject, "Grillfest am Samstag");

    // continued from the reader
    click(&mut app, &sb, "Drafts")?;
    click(&mut app, &sb, "Grillfest am Samstag")?;
    click(&mut app, &sb, "Continue writing")?;
    let w = composer(&app)?.written();
    assert_eq!(w.to, "Carla Weiß <carla@example.org>");
    assert_eq!(w.bcc, "dora@example.org");
    assert_eq!(w.subject, "Grillfest am Samstag");
    assert_eq!(w.body.trim_end(), "Hallo Carla,\nkommst du auch?");
    assert_eq!(composer(&app)?.draft(), Some(rows[0].id));

    click_compose(&mut app, &sb, "Send")?;
    assert_eq!(app.composers().count(), 0);
    assert!(drafts(&fx)?.is_empty(), "sending removes the draft");
    let store = fx.store()?;
    let outbox = store.outbox(None)?;
    assert_eq!(outbox.len(), 1);
    assert_eq!(
        outbox[0].recipients,
        vec!["carla@example.org", "dora@example.org"]
    );
    Ok(())
}

#[test]
fn quitting_saves_what_is_being_written() -> R {
    let _language = language(Language::English);
    let fx = Fixture::with_settings(&[offer()], with_server)?;
    let (mut app, sb) = fx.app()?;
    click(&mut app, &sb, "Write")?;
    send(
        &mut app,
        &sb,
        compose::Message::Subject("Halbfertig".into()),
    )?;
    type_text(&mut app, &sb, "Noch nicht fertig")?;
    assert!(composer(&app)?.is_dirty());
    sb.feed(&mut app, [Message::Quit]);
    let rows = drafts(&fx)?;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].subject, "Halbfertig");
    Ok(())
}

#[test]
fn an_empty_window_closes_without_a_draft_and_discard_removes_one() -> R {
    let _language = language(Language::English);
    let fx = Fixture::with_settings(&[offer()], with_server)?;
    let (mut app, sb) = fx.app()?;
    click(&mut app, &sb, "Write")?;
    send(&mut app, &sb, compose::Message::Close)?;
    assert_eq!(app.composers().count(), 0);
    let count =
        |fx: &Fixture| -> Result<usize, Box<dyn std::error::Error>> { Ok(drafts(fx)?.len()) };
    assert_eq!(count(&fx)?, 0);

    click(&mut app, &sb, "Write")?;
    send(
        &mut app,
        &sb,
        compose::Message::Subject("Doch nicht".into()),
    )?;
    send(&mut app, &sb, compose::Message::Save)?;
    assert_eq!(count(&fx)?, 1);
    click_compose(&mut app, &sb, "Discard")?;
    assert_eq!(composer(&app)?.asking(), Some(Ask::Discard));
    let id = window(&app)?;
    sb.feed(
        &mut app,
        [Message::Compose(
            id,
            compose::Message::Confirm(Ask::Discard),
        )],
    );
    assert_eq!(app.composers().count(), 0);
    assert_eq!(count(&fx)?, 0);
    Ok(())
}

#[test]
fn addresses_complete_from_the_mail_in_the_store_also_without_umlauts() -> R {
    let _language = language(Language::English);
    let mueller = Mail::text(
        "Jürgen Müller",
        "juergen.mueller@example.de",
        "Fotos",
        "Hallo\n",
        now() - 7200,
    );
    let fx = Fixture::with_settings(&[offer(), mueller], with_server)?;
    let (mut app, sb) = fx.app()?;
    click(&mut app, &sb, "Write")?;
    send(
        &mut app,
        &sb,
        compose::Message::Address(compose::Field::To, "mull".into()),
    )?;
    let id = window(&app)?;
    {
        let mut ui = simulator(app.view_of(id));
        ui.find("Jürgen Müller")?;
        assert!(ui.find("Bernd Vogel").is_err(), "only who matches");
    }
    click_compose(&mut app, &sb, "Jürgen Müller")?;
    assert_eq!(
        composer(&app)?.written().to,
        "Jürgen Müller <juergen.mueller@example.de>, "
    );
    // the next entry completes too, and Enter takes the first suggestion
    let to = composer(&app)?.written().to + "bern";
    send(
        &mut app,
        &sb,
        compose::Message::Address(compose::Field::To, to),
    )?;
    send(
        &mut app,
        &sb,
        compose::Message::AddressSubmitted(compose::Field::To),
    )?;
    assert_eq!(
        composer(&app)?.written().to,
        "Jürgen Müller <juergen.mueller@example.de>, Bernd Vogel <bernd.vogel@example.org>, "
    );
    Ok(())
}

#[test]
fn a_mailto_link_opens_a_filled_in_window() -> R {
    let _language = language(Language::English);
    let fx = Fixture::with_settings(&[], with_server)?;
    let (mut app, sb) = fx.app()?;
    let link = postfach::send::mailto::parse(
        "mailto:bernd@example.org?cc=carla@example.org&subject=Gr%C3%BC%C3%9Fe&body=Hallo%0D%0Azusammen&attach=/etc/passwd",
    )?;
    let task = app.compose(compose::Start::Mailto(link));
    sb.settle(&mut app, task);
    let w = composer(&app)?.written();
    assert_eq!(w.to, "bernd@example.org");
    assert_eq!(w.cc, "carla@example.org");
    assert_eq!(w.subject, "Grüße");
    assert_eq!(w.body, "Hallo\nzusammen");
    assert!(w.attachments.is_empty(), "nothing is attached from a link");
    Ok(())
}

#[test]
fn forwarding_carries_the_files_along_or_the_whole_message() -> R {
    let _language = language(Language::English);
    let invoice = Mail::text(
        "Stadtwerke München",
        "rechnung@swm.example.de",
        "Ihre Rechnung",
        "Sehr geehrte Frau Schmidt,\n\nim Anhang Ihre Rechnung.\n",
        now() - 600,
    )
    .with("Rechnung.pdf", "application/pdf", support::mail::pdf());
    let fx = Fixture::with_settings(&[invoice], with_server)?;
    let (mut app, sb) = fx.app()?;
    click(&mut app, &sb, "Ihre Rechnung")?;
    click(&mut app, &sb, "Forward")?;
    {
        let w = composer(&app)?.written();
        assert_eq!(w.subject, "Fwd: Ihre Rechnung");
        assert_eq!(w.to, "");
        assert!(
            w.body
                .contains("-------- Forwarded message --------\nSubject: Ihre Rechnung\n"),
            "{}",
            w.body
        );
        assert!(w.body.contains("im Anhang Ihre Rechnung."), "{}", w.body);
        assert_eq!(w.attachments.len(), 1);
        assert_eq!(w.attachments[0].name, "Rechnung.pdf");
        assert_eq!(w.attachments[0].bytes, support::mail::pdf());
        assert_eq!(w.links.forwards, Some(fx.ids[0]));
    }
    send(&mut app, &sb, compose::Message::Close)?;

    // as an attachment: the original's exact bytes go along as message/rfc822
    let id = window_after(&mut app, &sb, compose::Start::Forward(fx.ids[0], false))?;
    send(
        &mut app,
        &sb,
        compose::Message::Address(compose::Field::To, "bernd@example.org".into()),
    )?;
    click_compose(&mut app, &sb, "Send")?;
    assert!(app.composers().all(|(w, _)| w != id), "sent and closed");
    let store = fx.store()?;
    let outbox = store.outbox(None)?;
    assert_eq!(outbox.len(), 1);
    let raw = store.raw(outbox[0].message.id)?;
    let text = String::from_utf8_lossy(&raw);
    assert!(text.contains("Content-Type: message/rfc822"), "{text}");
    let original = store.raw(fx.ids[0])?;
    let parsed = postfach::mime::parse(&raw);
    let carried = parsed
        .attachments
        .iter()
        .find(|a| a.content_type == "message/rfc822")
        .ok_or("the forwarded message")?;
    assert_eq!(
        postfach::mime::attachment_bytes(&raw, carried.index),
        Some(original)
    );
    Ok(())
}

#[test]
fn dropped_files_are_attached_and_a_large_message_asks_first() -> R {
    let _language = language(Language::English);
    let fx = Fixture::with_settings(&[offer()], with_server)?;
    let (mut app, sb) = fx.app()?;
    click(&mut app, &sb, "Write")?;
    let dir = tempfile::tempdir()?;
    let small = dir.path().join("Gartenplan.pdf");
    std::fs::write(&small, support::mail::pdf())?;
    let large = dir.path().join("Video.mp4");
    std::fs::write(&large, vec![7u8; 21 * 1024 * 1024])?;
    let id = window(&app)?;
    sb.feed(
        &mut app,
        [
            Message::Window(id, postfach::ui::Input::FileDropped(small)),
            Message::Window(
                id,
                postfach::ui::Input::FileDropped(dir.path().to_path_buf()),
            ),
        ],
    );
    {
        let w = composer(&app)?.written();
        assert_eq!(w.attachments.len(), 1, "the folder is not attached");
        assert_eq!(w.attachments[0].name, "Gartenplan.pdf");
        assert_eq!(w.attachments[0].content_type, "application/pdf");
        let mut ui = simulator(app.view_of(id));
        ui.find("Gartenplan.pdf")?;
        ui.find(format!(
            "“{}” is a folder; only files can be attached.",
            dir.path()
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
        ))?;
    }
    sb.feed(
        &mut app,
        [Message::Window(id, postfach::ui::Input::FileDropped(large))],
    );
    send(
        &mut app,
        &sb,
        compose::Message::Address(compose::Field::To, "bernd@example.org".into()),
    )?;
    send(&mut app, &sb, compose::Message::Subject("Pläne".into()))?;
    click_compose(&mut app, &sb, "Send")?;
    assert!(matches!(
        composer(&app)?.asking(),
        Some(Ask::TooLarge { .. })
    ));
    {
        let mut ui = simulator(app.view_of(id));
        ui.find("A large message")?;
    }
    assert!(fx.store()?.outbox(None)?.is_empty());
    // removing the large file lets it go without a question
    click_compose(&mut app, &sb, "Keep writing")?;
    send(&mut app, &sb, compose::Message::Remove(1))?;
    click_compose(&mut app, &sb, "Send")?;
    assert_eq!(app.composers().count(), 0);
    assert_eq!(fx.store()?.outbox(None)?.len(), 1);
    Ok(())
}

/// Opens a compose window from `start` and returns its id.
fn window_after(
    app: &mut App,
    sb: &Sandbox,
    start: compose::Start,
) -> Result<iced::window::Id, Box<dyn std::error::Error>> {
    let task = app.compose(start);
    sb.settle(app, task);
    window(app)
}

#[test]
fn a_waiting_outbox_message_is_taken_back_to_be_changed() -> R {
    let _language = language(Language::English);
    let fx = Fixture::with_settings(&[offer()], with_server)?;
    let (mut app, sb) = fx.app()?;
    click(&mut app, &sb, "Write")?;
    send(
        &mut app,
        &sb,
        compose::Message::Address(compose::Field::To, "bernd@example.org".into()),
    )?;
    send(
        &mut app,
        &sb,
        compose::Message::Subject("Rückfrage Angebot".into()),
    )?;
    click_compose(&mut app, &sb, "Send")?;
    assert_eq!(fx.store()?.outbox(None)?.len(), 1);
    click(&mut app, &sb, "Outbox")?;
    click(&mut app, &sb, "Rückfrage Angebot")?;
    click(&mut app, &sb, "Edit")?;
    let c = composer(&app)?;
    assert_eq!(c.written().subject, "Rückfrage Angebot");
    assert_eq!(c.written().to, "bernd@example.org");
    assert!(fx.store()?.outbox(None)?.is_empty(), "it left the Outbox");
    let drafts = drafts(&fx)?;
    assert_eq!(drafts.len(), 1);
    assert_eq!(c.draft(), Some(drafts[0].id));
    Ok(())
}

#[test]
fn an_untouched_reply_leaves_no_draft_on_close_or_quit() -> R {
    let _language = language(Language::English);
    let (fx, mut app, sb) = replying()?;
    send(&mut app, &sb, compose::Message::Close)?;
    assert_eq!(app.composers().count(), 0);
    assert!(drafts(&fx)?.is_empty(), "closing saves nothing new");
    click(&mut app, &sb, "Reply")?;
    sb.feed(&mut app, [Message::Quit]);
    assert!(drafts(&fx)?.is_empty(), "quitting follows the same rule");
    Ok(())
}
