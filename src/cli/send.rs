//! `postfach send` and `postfach outbox`: the same Outbox and engine as the window. A message
//! is queued durably first, then the account's due messages are sent and each outcome printed.
use std::io::Read;
use std::path::Path;

use super::commands::{account_named, worst};
use super::{CliError, OutboxCommand, SendArgs, exit};
use crate::fl;
use crate::mime::Address;
use crate::send::{self, Attachment, Delivery, Outgoing, Sender};
use crate::smtp::ErrorKind;
use crate::store::{Account, Links, MessageId, OutboxState, Shared, Store};
use crate::text::safe_line;

pub(super) fn send(
    store: Store,
    data_dir: &Path,
    args: SendArgs,
    now: i64,
) -> Result<u8, CliError> {
    let account = account_named(&store, &args.account)?;
    if account.settings.smtp.is_none() {
        return Err(no_server(&account));
    }
    let parse = |list: &[String]| -> Result<Vec<Address>, CliError> {
        let mut out = Vec::new();
        for item in list {
            for part in crate::send::addresses::split(item) {
                let address = crate::send::addresses::parse(&part).ok_or_else(|| {
                    CliError::new(
                        exit::USAGE,
                        fl!("cli-send-bad-address", address = safe_line(&part)),
                    )
                })?;
                out.push(address);
            }
        }
        Ok(out)
    };
    let body = match &args.body_file {
        Some(path) => std::fs::read_to_string(path).map_err(|e| file_error(path, &e))?,
        None => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| CliError::new(exit::USAGE, e.to_string()))?;
            text
        }
    };
    let attachments = args
        .attach
        .iter()
        .map(|p| attachment(p))
        .collect::<Result<Vec<_>, _>>()?;
    let (from, reply_to) = send::draft::identity(&account);
    let outgoing = Outgoing {
        message_id: send::new_message_id(&from.email),
        from,
        reply_to,
        to: parse(&args.to)?,
        cc: parse(&args.cc)?,
        bcc: parse(&args.bcc)?,
        subject: args.subject.clone(),
        body: body.replace("\r\n", "\n"),
        in_reply_to: None,
        references: Vec::new(),
        attachments,
        forwarded: None,
        date: send::draft::local_date(now),
    };
    let mut store = store;
    let id = send::queue(&mut store, &account, &outgoing, Links::default(), None, now)
        .map_err(send_error)?;
    // the attachments' bytes are in the store now
    drop(outgoing);
    println!("{}", fl!("cli-send-queued", id = id.0));
    deliver(store, data_dir, &[account], now)
}

pub(super) fn outbox(
    mut store: Store,
    data_dir: &Path,
    command: Option<OutboxCommand>,
    now: i64,
) -> Result<u8, CliError> {
    match command.unwrap_or(OutboxCommand::List) {
        OutboxCommand::List => {
            list(&store)?;
            Ok(exit::OK)
        }
        OutboxCommand::Retry { id } => {
            let accounts = match id {
                Some(id) => {
                    let id = MessageId(id);
                    store.retry_now(id, now)?;
                    let account = entry_account(&store, id)?;
                    vec![account]
                }
                None => {
                    // everything waiting for its next try goes now; failed and "may have been
                    // sent" messages wait for the user's word about each
                    for e in store.outbox(None)? {
                        if e.state == OutboxState::Queued {
                            store.retry_now(e.message.id, now)?;
                        }
                    }
                    store.accounts()?
                }
            };
            deliver(store, data_dir, &accounts, now)
        }
        OutboxCommand::Remove { id } => {
            let id = MessageId(id);
            entry_account(&store, id)?;
            store.move_to_trash(&[id])?;
            println!("{}", fl!("cli-outbox-removed", id = id.0));
            Ok(exit::OK)
        }
        OutboxCommand::MarkSent { id } => {
            let id = MessageId(id);
            entry_account(&store, id)?;
            store.mark_sent(id)?;
            println!("{}", fl!("cli-outbox-marked-sent", id = id.0));
            Ok(exit::OK)
        }
    }
}

/// The account of a message in the Outbox ([`exit::USAGE`] when it is not there).
fn entry_account(store: &Store, id: MessageId) -> Result<Account, CliError> {
    let entry = store.outbox(None)?.into_iter().find(|e| e.message.id == id);
    let account = entry
        .and_then(|e| e.message.account)
        .ok_or_else(|| CliError::new(exit::USAGE, fl!("cli-outbox-no-such", id = id.0)))?;
    Ok(store.account(account)?)
}

fn list(store: &Store) -> Result<(), CliError> {
    let entries = store.outbox(None)?;
    if entries.is_empty() {
        println!("{}", fl!("cli-outbox-empty"));
    }
    for e in entries {
        let state = match e.state {
            OutboxState::Queued | OutboxState::Sending | OutboxState::DotSent => {
                fl!("outbox-state-queued")
            }
            OutboxState::Unknown => fl!("outbox-state-unknown"),
            OutboxState::Failed => fl!("outbox-state-failed"),
        };
        println!(
            "{}\t{}\t{}\t{}",
            e.message.id,
            state,
            safe_line(&e.recipients.join(", ")),
            safe_line(&e.message.subject)
        );
        if let Some(problem) = e.reason.as_deref().and_then(send::Problem::from_json) {
            println!("\t{}", problem.words);
            for r in &problem.refused {
                println!("\t{}: {}", r.address, r.reply);
            }
        }
    }
    Ok(())
}

/// Sends what is due for each account and prints each outcome; the exit code says the worst.
fn deliver(store: Store, data_dir: &Path, accounts: &[Account], now: i64) -> Result<u8, CliError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError::new(exit::LOCAL, e.to_string()))?;
    let sender = Sender::new(Shared::new(store), data_dir);
    let mut code = exit::OK;
    for account in accounts.iter().filter(|a| a.settings.smtp.is_some()) {
        let name = account.settings.name.as_str();
        let secret = match account
            .settings
            .smtp
            .as_ref()
            .map(|server| send::server::secret(&account.settings, server))
            .transpose()
            .map(Option::flatten)
        {
            Ok(secret) => secret,
            Err(e) => {
                let e = super::login::secret_failed(e, name);
                e.print(&format!("{name}: "));
                code = worst(code, e.code);
                continue;
            }
        };
        let clock = move || now;
        let done = runtime.block_on(sender.deliver_due(account, secret.as_ref(), &clock));
        match done {
            Ok(done) => {
                for d in &done {
                    code = worst(code, print_delivery(name, d));
                }
            }
            Err(e) => {
                let e = send_error(e);
                e.print(&format!("{name}: "));
                code = worst(code, e.code);
            }
        }
    }
    Ok(code)
}

fn print_delivery(account: &str, d: &Delivery) -> u8 {
    let id = d.message().0;
    let (problem, code) = match d {
        Delivery::Sent { refused, .. } => {
            println!("{}", fl!("cli-send-sent", account = account, id = id));
            for r in refused {
                println!("  {}", refused_line(r));
            }
            return if refused.is_empty() {
                exit::OK
            } else {
                exit::FAILURE
            };
        }
        Delivery::WillRetry { problem, kind, .. } | Delivery::Failed { problem, kind, .. } => {
            (problem, code_for(*kind))
        }
        Delivery::Unknown { problem, .. } => (problem, exit::FAILURE),
    };
    let e = CliError {
        message: problem.words.clone(),
        details: Some(problem.details.clone()),
        code,
    };
    e.print(&format!("{account}: "));
    for r in &problem.refused {
        eprintln!("postfach:   {}", refused_line(r));
    }
    code
}

fn refused_line(r: &send::RefusedRecipient) -> String {
    fl!(
        "cli-send-refused",
        address = r.address.as_str(),
        reply = r.reply.as_str()
    )
}

fn code_for(kind: ErrorKind) -> u8 {
    match kind {
        ErrorKind::Auth => exit::AUTH,
        ErrorKind::Network => exit::NETWORK,
        ErrorKind::Tls => exit::TLS,
        ErrorKind::Temporary => exit::BUSY,
        ErrorKind::Permanent | ErrorKind::Protocol => exit::SERVER,
    }
}

fn no_server(account: &Account) -> CliError {
    CliError::new(
        exit::USAGE,
        fl!(
            "cli-send-no-server",
            account = account.settings.name.as_str()
        ),
    )
}

fn send_error(e: send::outbox::Error) -> CliError {
    use send::outbox::Error as E;
    match e {
        E::NoServer(name) => CliError::new(exit::USAGE, fl!("cli-send-no-server", account = name)),
        E::Build(b) => CliError::new(
            exit::USAGE,
            fl!("cli-send-cannot-build", detail = b.to_string()),
        ),
        E::Store(s) => CliError::from(s),
        E::Locked(name) => CliError::new(exit::BUSY, fl!("cli-send-locked", account = name)),
        other => CliError::new(exit::LOCAL, other.to_string()),
    }
}

fn file_error(path: &Path, e: &std::io::Error) -> CliError {
    CliError::new(
        exit::USAGE,
        fl!(
            "cli-send-file",
            path = path.display().to_string(),
            detail = e.to_string()
        ),
    )
}

fn attachment(path: &Path) -> Result<Attachment, CliError> {
    send::draft::read_attachment(path).map_err(|e| match e {
        send::draft::AttachError::Io(e) => file_error(path, &e),
        send::draft::AttachError::Folder | send::draft::AttachError::TooBig(_) => CliError::new(
            exit::USAGE,
            fl!("cli-send-too-big", path = path.display().to_string()),
        ),
    })
}
