//! The mail store on real files (one test binary: `cargo test --test store`): durability, the
//! ledger, the last-copy rule, Trash, counts, concurrency, German search, address completion,
//! account removal, migrations. Helpers build summaries by hand, so nothing here depends on MIME
//! parsing, except the completion test, which reads addresses as received mail gives them.
mod accounts;
mod bodies;
mod concurrency;
mod contacts;
mod folders;
mod messages;
mod migrations;
mod outbox;
mod remote;
mod rules;
mod search;

pub use std::path::Path;

pub use postfach::mime::{Address, Summary};
pub use postfach::pop3::{AuthMethod, Security};
pub use postfach::store::{
    AccountId, AccountSettings, Error, Fetched, FolderKind, KeepMail, ListQuery, MessageId,
    MessageRow, Scope, ServerExpire, ServerState, SmtpSettings, Store, StoredOutcome, schema,
};
pub use sha2::{Digest, Sha256};

pub type TestResult = Result<(), Box<dyn std::error::Error>>;

pub const NOW: i64 = 1_700_000_000;

/// A summary built by hand (the tests do not depend on MIME parsing).
pub fn summary(subject: &str, from: (&str, &str), body: &str, date: Option<i64>) -> Summary {
    Summary {
        message_id: Some(format!("{}@test", subject.len())),
        subject: subject.to_owned(),
        from: Some(Address {
            name: Some(from.0.to_owned()).filter(|n| !n.is_empty()),
            email: from.1.to_owned(),
        }),
        to: vec![Address {
            name: Some("Erika Mustermann".into()),
            email: "erika@example.de".into(),
        }],
        cc: Vec::new(),
        date,
        has_attachments: false,
        preview: body.chars().take(80).collect(),
        search_text: body.to_owned(),
    }
}

pub fn raw_for(uidl: &str, subject: &str) -> Vec<u8> {
    format!("Subject: {subject}\r\nMessage-ID: <{uidl}@test>\r\n\r\nBody of {uidl}\r\n")
        .into_bytes()
}

pub fn fetched(uidl: &str, subject: &str, date: i64) -> Fetched {
    let raw = raw_for(uidl, subject);
    Fetched {
        uidl: uidl.to_owned(),
        listed_size: raw.len() as u64,
        raw,
        summary: summary(
            subject,
            ("Max Muster", "max@example.com"),
            "hello",
            Some(date),
        ),
    }
}

pub fn settings(name: &str) -> AccountSettings {
    AccountSettings {
        name: name.to_owned(),
        display_name: "Erika Mustermann".into(),
        email: format!("{name}@example.de"),
        host: "pop.example.de".into(),
        port: 995,
        security: Security::Tls,
        username: name.to_owned(),
        auth: AuthMethod::Auto,
        ..AccountSettings::default()
    }
}

pub fn open_with_account(dir: &Path) -> Result<(Store, AccountId), Error> {
    let mut store = Store::open_in(dir)?;
    let account = store.add_account(&settings("work"))?;
    Ok((store, account))
}

pub fn page(scope: Scope) -> ListQuery {
    ListQuery {
        scope,
        unread_only: false,
        offset: 0,
        limit: 100,
    }
}

pub fn ids(rows: &[MessageRow]) -> Vec<MessageId> {
    rows.iter().map(|r| r.id).collect()
}

/// Whether no message of the account was deleted here for good (no ledger entry records a
/// local deletion, so no policy may delete a server copy because of this store).
pub fn nothing_deleted_here(store: &Store, account: AccountId) -> Result<bool, Error> {
    Ok(store
        .ledger(account)?
        .iter()
        .all(|e| e.local_deleted_at.is_none()))
}
