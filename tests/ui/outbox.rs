//! The Outbox in the window: a message that may have been sent shows why in words and lets the
//! user decide; "It arrived" moves it to Sent, "Send again" queues it for now. English UI.

use crate::support;

use iced_test::simulator;
use postfach::i18n::Language;
use postfach::mime::Address;
use postfach::send::{self, Outgoing};
use postfach::store::{FolderKind, Links, MessageId, OutboxState, Retry, Store};
use support::page::click;
use support::sandbox::{Fixture, language, now};

type R = Result<(), Box<dyn std::error::Error>>;

/// A message that reached the final dot without an answer: "may have been sent".
fn maybe_sent(fx: &Fixture) -> Result<MessageId, Box<dyn std::error::Error>> {
    let mut store: Store = fx.store()?;
    let account = store.account(fx.account)?;
    let outgoing = Outgoing {
        from: Address {
            name: Some("Anna Schmidt".into()),
            email: account.settings.email.clone(),
        },
        reply_to: None,
        to: vec![Address {
            name: Some("Bernd Vogel".into()),
            email: "bernd@example.org".into(),
        }],
        cc: Vec::new(),
        bcc: Vec::new(),
        subject: "Angebot Gartenhaus".into(),
        body: "Hallo Bernd,\nhier das Angebot.\n".into(),
        in_reply_to: None,
        references: Vec::new(),
        attachments: Vec::new(),
        forwarded: None,
        message_id: send::new_message_id(&account.settings.email),
        date: time::OffsetDateTime::from_unix_timestamp(now())?,
    };
    let id = send::queue(
        &mut store,
        &account,
        &outgoing,
        Links::default(),
        None,
        now(),
    )?;
    store.claim(account.id, now())?.ok_or("due")?;
    store.mark_dot_sent(id)?;
    let problem = serde_json::json!({
        "words": "The server did not confirm that it took the message.",
        "details": "timeout while waiting for the reply to the message",
        "refused": []
    });
    store.record_failure(id, Retry::Unknown, &problem.to_string())?;
    Ok(id)
}

type Opened = (
    Fixture,
    MessageId,
    postfach::ui::App,
    support::sandbox::Sandbox,
);

/// The window with a message that may have been sent open in the reader, from the Outbox.
fn opened() -> Result<Opened, Box<dyn std::error::Error>> {
    let fx = Fixture::new(&[])?;
    let id = maybe_sent(&fx)?;
    let (mut app, sb) = fx.app()?;
    click(&mut app, &sb, "Outbox")?;
    click(&mut app, &sb, "Angebot Gartenhaus")?;
    Ok((fx, id, app, sb))
}

#[test]
fn a_message_that_may_have_been_sent_asks_the_user_and_moves_to_sent() -> R {
    let _language = language(Language::English);
    let (fx, id, mut app, sb) = opened()?;
    {
        let mut ui = simulator(app.view());
        ui.find("May have been sent")?;
        ui.find("The server did not confirm that it took the message.")?;
        ui.find("To: Bernd Vogel")?;
        ui.find("Send again")?;
    }
    click(&mut app, &sb, "It arrived: move to Sent")?;
    let store = fx.store()?;
    let sent = store.folder(fx.account, FolderKind::Sent)?;
    assert_eq!(store.message(id)?.folder, sent);
    assert!(store.outbox(None)?.is_empty());
    Ok(())
}

#[test]
fn send_again_queues_it_for_now() -> R {
    let _language = language(Language::English);
    let (fx, id, mut app, sb) = opened()?;
    click(&mut app, &sb, "Send again")?;
    let entry = fx.store()?.outbox_entry(id)?.ok_or("still in the Outbox")?;
    assert_eq!(entry.state, OutboxState::Queued);
    assert!(entry.next_try_at <= now() + 5);
    Ok(())
}
