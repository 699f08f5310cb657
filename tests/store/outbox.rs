//! The Outbox and Drafts: queueing durably, the exactly-once states, Sent, answered marks,
//! recovery after a crash, and a provider's copy of our own message coming back over POP3.
use super::*;
use postfach::store::{Links, OutboxState, Retry, ToQueue};

const BCC: &[u8] = b"Bcc: geheim@example.org\r\n";

fn message(id: &str, subject: &str) -> (Vec<u8>, Summary) {
    let mut stored = BCC.to_vec();
    stored.extend_from_slice(
        format!(
            "Message-ID: <{id}>\r\nSubject: {subject}\r\nTo: anna@example.org\r\n\r\nHallo\r\n"
        )
        .as_bytes(),
    );
    let mut s = summary(subject, ("Erika", "work@example.de"), "Hallo", Some(NOW));
    s.message_id = Some(id.to_owned());
    (stored, s)
}

fn recipients() -> Vec<String> {
    vec!["anna@example.org".into(), "geheim@example.org".into()]
}

/// How a test queues a message beyond its Message-ID.
#[derive(Default)]
struct Queue<'a> {
    links: Links,
    draft: Option<MessageId>,
    /// `None`: [`recipients`].
    to: Option<&'a [String]>,
}

fn queue_with(
    store: &mut Store,
    account: AccountId,
    id: &str,
    how: Queue<'_>,
) -> Result<MessageId, Error> {
    let (stored, summary) = message(id, "Angebot");
    let to = how.to.map_or_else(recipients, <[String]>::to_vec);
    store.queue(
        &ToQueue {
            account,
            stored: &stored,
            transmit_from: BCC.len(),
            envelope_from: "work@example.de",
            recipients: &to,
            summary: &summary,
            answers: how.links.answers,
            forwards: how.links.forwards,
            draft: how.draft,
            to_self: to.iter().any(|a| a == "work@example.de"),
        },
        NOW,
    )
}

fn queue(
    store: &mut Store,
    account: AccountId,
    id: &str,
    links: Links,
) -> Result<MessageId, Error> {
    queue_with(
        store,
        account,
        id,
        Queue {
            links,
            ..Queue::default()
        },
    )
}

fn state(store: &Store, id: MessageId) -> Result<Option<OutboxState>, Error> {
    Ok(store
        .outbox(None)?
        .into_iter()
        .find(|e| e.message.id == id)
        .map(|e| e.state))
}

#[test]
fn a_queued_message_is_sent_once_and_moves_to_sent() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut store, account) = open_with_account(dir.path())?;
    let original = store.store_fetched(account, &[fetched("u1", "Frage", NOW)], NOW)?[0]
        .message()
        .ok_or("stored")?;
    let id = queue(
        &mut store,
        account,
        "m1@example.de",
        Links {
            answers: Some(original),
            forwards: None,
        },
    )?;
    let outbox = Scope::Account(account, FolderKind::Outbox);
    assert_eq!(ids(&store.list(&page(outbox))?), [id]);
    let entry = &store.outbox(Some(account))?[0];
    assert_eq!(entry.state, OutboxState::Queued);
    assert_eq!(entry.recipients, recipients());

    let claimed = store.claim(account, NOW)?.ok_or("due now")?;
    assert_eq!(claimed.id, id);
    assert_eq!(claimed.attempt, 1);
    assert!(
        !claimed.transmitted.starts_with(b"Bcc"),
        "blind copies are not transmitted"
    );
    assert_eq!(store.raw(id)?[BCC.len()..], claimed.transmitted[..]);
    assert_eq!(store.claim(account, NOW)?, None, "taken once");

    store.mark_dot_sent(id)?;
    assert!(matches!(store.move_to_trash(&[id]), Err(Error::BeingSent)));
    assert!(matches!(
        store.delete_permanently(&[id], NOW),
        Err(Error::BeingSent)
    ));
    store.mark_sent(id)?;
    assert!(store.outbox(None)?.is_empty());
    let sent = store.list(&page(Scope::Account(account, FolderKind::Sent)))?;
    assert_eq!(ids(&sent), [id]);
    assert!(store.raw(id)?.starts_with(BCC), "Sent keeps the Bcc line");
    assert!(store.message(original)?.answered);
    assert!(!store.message(original)?.forwarded);
    assert!(store.mark_sent(id).is_err(), "only once");
    Ok(())
}

#[test]
fn failures_wait_for_their_time_or_for_the_user() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut store, account) = open_with_account(dir.path())?;
    let id = queue(&mut store, account, "m2@example.de", Links::default())?;
    store.claim(account, NOW)?.ok_or("due")?;
    store.record_failure(id, Retry::At(NOW + 60), "{\"why\":\"network\"}")?;
    assert_eq!(state(&store, id)?, Some(OutboxState::Queued));
    assert_eq!(store.next_due(account)?, Some(NOW + 60));
    assert_eq!(store.claim(account, NOW + 59)?, None);
    let again = store.claim(account, NOW + 60)?.ok_or("due at its time")?;
    assert_eq!(again.attempt, 2);

    store.record_failure(id, Retry::Never, "refused")?;
    assert_eq!(state(&store, id)?, Some(OutboxState::Failed));
    assert_eq!(store.outbox(None)?[0].reason.as_deref(), Some("refused"));
    assert_eq!(
        store.claim(account, NOW + 10_000)?,
        None,
        "failed stays until the user acts"
    );
    store.retry_now(id, NOW + 100)?;
    assert_eq!(store.claim(account, NOW + 100)?.map(|c| c.id), Some(id));
    Ok(())
}

#[test]
fn a_crash_leaves_queued_or_unknown_never_a_silent_resend() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut store, account) = open_with_account(dir.path())?;
    let before_dot = queue(&mut store, account, "m3@example.de", Links::default())?;
    let after_dot = queue(&mut store, account, "m4@example.de", Links::default())?;
    assert_eq!(store.claim(account, NOW)?.map(|c| c.id), Some(before_dot));
    assert_eq!(store.claim(account, NOW)?.map(|c| c.id), Some(after_dot));
    store.mark_dot_sent(after_dot)?;
    drop(store);

    let mut store = Store::open_in(dir.path())?;
    assert_eq!(store.recover_outbox(account)?, (1, 1));
    assert_eq!(state(&store, before_dot)?, Some(OutboxState::Queued));
    assert_eq!(state(&store, after_dot)?, Some(OutboxState::Unknown));
    assert_eq!(store.claim(account, NOW)?.map(|c| c.id), Some(before_dot));
    assert_eq!(
        store.claim(account, NOW + 1_000_000)?,
        None,
        "unknown is never retried alone"
    );
    // the user says it did arrive
    store.mark_sent(after_dot)?;
    assert_eq!(state(&store, after_dot)?, None);
    Ok(())
}

#[test]
fn an_unsent_message_can_be_edited_or_deleted_and_comes_back_as_a_draft() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut store, account) = open_with_account(dir.path())?;
    let id = queue(&mut store, account, "m5@example.de", Links::default())?;
    store.move_to_trash(&[id])?;
    assert!(
        store.outbox(None)?.is_empty(),
        "out of the Outbox, not sent"
    );
    assert_eq!(store.claim(account, NOW)?, None);
    store.restore(&[id])?;
    let drafts = Scope::Account(account, FolderKind::Drafts);
    assert_eq!(ids(&store.list(&page(drafts))?), [id]);
    let outbox = store.folder(account, FolderKind::Outbox)?;
    assert!(store.move_to(&[id], outbox).is_err(), "only sending queues");

    let other = store.store_fetched(account, &[fetched("u9", "Frage", NOW)], NOW)?[0]
        .message()
        .ok_or("stored")?;
    let queued = queue(
        &mut store,
        account,
        "m6@example.de",
        Links {
            answers: None,
            forwards: Some(other),
        },
    )?;
    store.unqueue_to_drafts(queued)?;
    assert_eq!(store.list(&page(drafts))?.len(), 2);
    assert_eq!(store.draft_links(queued)?.forwards, Some(other));
    Ok(())
}

#[test]
fn drafts_replace_each_other_and_sending_removes_them() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut store, account) = open_with_account(dir.path())?;
    let (raw, summary) = message("d1@example.de", "Entwurf");
    let first = store.save_draft(account, &raw, &summary, Links::default(), None, NOW)?;
    let second = store.save_draft(account, &raw, &summary, Links::default(), Some(first), NOW)?;
    let drafts = Scope::Account(account, FolderKind::Drafts);
    assert_eq!(ids(&store.list(&page(drafts))?), [second]);
    assert_eq!(store.search("entwurf", None, 10)?.len(), 1);

    queue_with(
        &mut store,
        account,
        "d1@example.de",
        Queue {
            draft: Some(second),
            ..Queue::default()
        },
    )?;
    assert!(store.list(&page(drafts))?.is_empty());
    let inbox = store.folder(account, FolderKind::Inbox)?;
    store.import(inbox, b"Subject: x\r\n\r\ny\r\n", &summary, NOW)?;
    let not_a_draft = store.list(&page(Scope::Folder(inbox)))?[0].id;
    assert!(store.delete_draft(not_a_draft).is_err());
    Ok(())
}

#[test]
fn our_own_message_coming_back_over_pop3_is_not_shown_twice() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut store, account) = open_with_account(dir.path())?;
    let id = queue(&mut store, account, "echo@example.de", Links::default())?;
    store.claim(account, NOW)?;
    store.mark_dot_sent(id)?;
    store.mark_sent(id)?;

    let mut echo = fetched("gmail-1", "Angebot", NOW);
    echo.summary.message_id = Some("echo@example.de".into());
    let mut real = fetched("gmail-2", "Anderes", NOW);
    real.summary.message_id = Some("someone-else@example.org".into());
    let stored = store.store_fetched(account, &[echo.clone(), real], NOW)?;
    assert_eq!(stored[0], StoredOutcome::OwnEcho(Some(id)));
    assert!(stored[1].is_new());
    let inbox = Scope::Account(account, FolderKind::Inbox);
    assert_eq!(store.count(&inbox, false)?, 1);
    // the ledger knows the UIDL: not downloaded again
    assert_eq!(store.ledger(account)?.len(), 2);
    let again = store.store_fetched(account, &[echo], NOW)?;
    assert_eq!(again[0], StoredOutcome::AlreadyStored(Some(id)));

    // a message to oneself is real mail when it comes back
    let me = ["work@example.de".to_owned()];
    queue_with(
        &mut store,
        account,
        "self@example.de",
        Queue {
            to: Some(&me),
            ..Queue::default()
        },
    )?;
    let mut mine = fetched("gmail-3", "An mich", NOW);
    mine.summary.message_id = Some("self@example.de".into());
    assert!(store.store_fetched(account, &[mine], NOW)?[0].is_new());
    Ok(())
}
