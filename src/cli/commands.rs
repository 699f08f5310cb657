//! The commands that read and fetch mail.

use std::io::{IsTerminal, Write};

use super::{Cli, CliError, Command, ListArgs, exit};
use crate::fl;
use crate::store::{Account, FolderKind, ListQuery, MessageId, MessageRow, Scope, Store};
use crate::sync::{FetchReport, Fetcher, Progress};
use crate::text::safe_line;

pub(super) fn run(cli: &Cli, command: Command) -> Result<u8, CliError> {
    let data_dir = crate::paths::data_dir(cli.data_dir.as_deref()).ok_or_else(|| {
        CliError::new(
            exit::LOCAL,
            "cannot determine a data directory; pass --data-dir",
        )
    })?;
    let mut store = Store::open_in(&data_dir)?;
    let now = cli.now.unwrap_or_else(crate::sync::service::system_clock);
    match command {
        Command::Account(c) => super::account::run(&mut store, c),
        Command::Fetch {
            names,
            accept_import,
        } => fetch(store, data_dir, &names, accept_import, now),
        Command::List(args) => list(&store, &args),
        Command::Show { id, raw } => show(&store, MessageId(id), raw),
        Command::Delete { id, permanently } => delete(&mut store, MessageId(id), permanently, now),
        Command::SaveAttachments { id, dir } => save_attachments(&store, MessageId(id), &dir),
        Command::Send(args) => super::send::send(store, &data_dir, args, now),
        Command::Outbox { command } => super::send::outbox(store, &data_dir, command, now),
        Command::Import { path, folder } => {
            super::transfer::import(&mut store, &path, folder.as_deref(), now)
        }
        Command::Export(args) => super::transfer::export(&store, &args),
        Command::ImportState {
            account,
            from,
            path,
            forget,
        } => super::transfer::import_state(&mut store, &account, from.zip(path), forget, now),
        Command::Folder(c) => super::organise::folder(&mut store, c),
        Command::Move {
            ids,
            to,
            all_of,
            copy,
        } => super::organise::move_messages(&mut store, &ids, all_of.as_deref(), &to, copy),
        Command::Rule { command } => {
            super::rules::run(&mut store, command.unwrap_or(super::RuleCommand::List))
        }
        Command::Junk { ids } => super::organise::junk(&mut store, &ids, true, now),
        Command::NotJunk { ids } => super::organise::junk(&mut store, &ids, false, now),
    }
}

pub(super) fn account_named(store: &Store, name: &str) -> Result<Account, CliError> {
    store
        .account_by_name(name)?
        .ok_or_else(|| CliError::new(exit::USAGE, fl!("error-unknown-account", name = name)))
}

fn fetch(
    store: Store,
    data_dir: std::path::PathBuf,
    names: &[String],
    accept_import: bool,
    now: i64,
) -> Result<u8, CliError> {
    let accounts = if names.is_empty() {
        store.accounts()?
    } else {
        names
            .iter()
            .map(|n| account_named(&store, n))
            .collect::<Result<Vec<_>, _>>()?
    };
    if accounts.is_empty() {
        println!("{}", fl!("cli-no-accounts"));
        return Ok(exit::OK);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError::new(exit::LOCAL, e.to_string()))?;
    let fetcher = Fetcher::new(store, &data_dir);
    let mut code = exit::OK;
    for account in accounts {
        let name = account.settings.name.clone();
        let s = &account.settings;
        let password = match crate::sync::service::incoming_secret(s) {
            Ok(p) => p,
            Err(e) => {
                let e = super::login::secret_failed(e, &name);
                e.print("");
                code = worst(code, e.code);
                continue;
            }
        };
        let terminal = std::io::stderr().is_terminal();
        let mut on_progress = |p: Progress| {
            if terminal {
                show_progress(&p);
            }
        };
        let mut result =
            runtime.block_on(fetcher.fetch(&account, &password, now, &mut on_progress));
        if let Err(crate::sync::Error::ImportReview(_)) = &result {
            // The first fetch after an import: show what it would do; go ahead only when asked.
            let preview =
                runtime.block_on(fetcher.preview(&account, &password, now, &mut on_progress));
            if terminal {
                eprint!("\r\x1b[K");
            }
            match preview {
                Ok(dry) => {
                    println!("{}", dry.words(&name));
                    if accept_import {
                        let id = account.id;
                        runtime
                            .block_on(
                                fetcher
                                    .store
                                    .call(move |st| st.set_import_review(id, false)),
                            )
                            .map_err(|e| CliError::new(exit::LOCAL, e.to_string()))??;
                        result = runtime.block_on(fetcher.fetch(
                            &account,
                            &password,
                            now,
                            &mut on_progress,
                        ));
                    } else {
                        println!(
                            "{}",
                            fl!("cli-fetch-accept-import", account = name.as_str())
                        );
                    }
                }
                Err(e) => result = Err(e),
            }
        }
        if terminal {
            eprint!("\r\x1b[K");
        }
        match result {
            Ok(report) => {
                println!(
                    "{}",
                    fl!(
                        "cli-fetch-summary",
                        account = name.as_str(),
                        result = describe(&report)
                    )
                );
                if report.failed > 0 {
                    code = worst(code, exit::FAILURE);
                }
            }
            Err(e) => {
                e.log(&name);
                let e = CliError::from(e);
                e.print(&format!("{name}: "));
                code = worst(code, e.code);
            }
        }
    }
    Ok(code)
}

/// Keeps the first failure's code.
pub(super) fn worst(current: u8, new: u8) -> u8 {
    if current == exit::OK { new } else { current }
}

/// The one-line result of a fetch, in the user's language.
pub fn describe(r: &FetchReport) -> String {
    let mut parts = vec![
        fl!("sync-new-messages", count = r.new),
        fl!("sync-deleted-on-server", count = r.deleted),
    ];
    if r.kept > 0 {
        parts.push(fl!("sync-kept-on-server", count = r.kept));
    }
    if r.failed > 0 {
        parts.push(fl!("sync-failed-messages", count = r.failed));
    }
    if r.no_uidl {
        parts.push(fl!("sync-no-uidl-warning"));
    }
    parts.join(", ")
}

fn show_progress(p: &Progress) {
    let line = match p {
        Progress::Connecting { host } => fl!("sync-connecting", host = host.as_str()),
        Progress::Authenticating => fl!("sync-authenticating"),
        Progress::Listing => fl!("sync-listing"),
        Progress::Downloading { current, total, .. } => {
            let width = 30usize;
            let filled = if *total == 0 {
                width
            } else {
                current * width / total
            };
            format!(
                "[{}{}] {}",
                "#".repeat(filled),
                " ".repeat(width - filled),
                fl!("sync-downloading", current = (*current), total = (*total))
            )
        }
        Progress::Deleting { count } => fl!("sync-deleting", count = (*count)),
    };
    eprint!("\r\x1b[K{line}");
    let _ = std::io::stderr().flush();
}

/// The folders `folder` names (of `account`, or of every account; a local folder by name).
pub(super) fn scopes(
    store: &Store,
    account: Option<&str>,
    folder: &str,
) -> Result<Vec<Scope>, CliError> {
    let account = account.map(|n| account_named(store, n)).transpose()?;
    let special = folder
        .to_ascii_lowercase()
        .parse::<FolderKind>()
        .ok()
        .filter(|k| *k != FolderKind::Local);
    Ok(match (special, &account) {
        (Some(FolderKind::Inbox), None) => vec![Scope::UnifiedInbox],
        (Some(kind), Some(a)) => vec![Scope::Account(a.id, kind)],
        (Some(kind), None) => store
            .accounts()?
            .iter()
            .map(|a| Scope::Account(a.id, kind))
            .collect(),
        (_, account) => {
            let spec = match account {
                Some(a) if !folder.contains(':') => {
                    format!("{}:{}", a.settings.name, folder)
                }
                _ => folder.to_owned(),
            };
            vec![Scope::Folder(super::organise::find_folder(store, &spec)?)]
        }
    })
}

fn list(store: &Store, args: &ListArgs) -> Result<u8, CliError> {
    let scopes = scopes(store, args.account.as_deref(), &args.folder)?;
    let mut rows: Vec<MessageRow> = Vec::new();
    for scope in &scopes {
        if let Some(q) = &args.search {
            rows.extend(store.search(q, Some(scope), args.limit)?);
        } else {
            rows.extend(store.list(&ListQuery {
                scope: *scope,
                unread_only: args.unread,
                offset: 0,
                limit: args.limit,
            })?);
        }
    }
    if args.unread {
        rows.retain(|r| !r.seen);
    }
    rows.sort_by_key(|r| std::cmp::Reverse((r.date, r.id)));
    rows.truncate(args.limit as usize);
    let names: std::collections::HashMap<_, _> = store
        .accounts()?
        .into_iter()
        .map(|a| (a.id, a.settings.name))
        .collect();
    let mut out = std::io::stdout().lock();
    for r in rows {
        let account = r.account.and_then(|id| names.get(&id)).cloned();
        let line = if args.json {
            serde_json::json!({
                "id": r.id.0,
                "account": account,
                "uidl": r.uidl,
                "subject": r.subject,
                "from": r.from_email,
                "from_name": r.from_name,
                "date": r.date,
                "size": r.size,
                "sha256": r.sha256,
                "seen": r.seen,
                "flagged": r.flagged,
                "has_attachments": r.has_attachments,
            })
            .to_string()
        } else {
            let from = if r.from_name.is_empty() {
                &r.from_email
            } else {
                &r.from_name
            };
            format!(
                "{}\t{}{}\t{}\t{}",
                r.id.0,
                if r.seen { ' ' } else { '*' },
                if r.has_attachments { '@' } else { ' ' },
                safe_line(from),
                safe_line(&r.subject)
            )
        };
        if writeln!(out, "{line}").is_err() {
            break; // stdout closed (e.g. piped into head)
        }
    }
    Ok(exit::OK)
}

fn message_raw(store: &Store, id: MessageId) -> Result<Vec<u8>, CliError> {
    store.raw(id).map_err(|e| match e {
        crate::store::Error::NotFound => {
            CliError::new(exit::USAGE, fl!("error-unknown-message", id = id.0))
        }
        other => other.into(),
    })
}

fn show(store: &Store, id: MessageId, raw: bool) -> Result<u8, CliError> {
    let bytes = message_raw(store, id)?;
    let mut out = std::io::stdout().lock();
    if raw {
        out.write_all(&bytes)
            .and_then(|()| out.flush())
            .map_err(|e| CliError::new(exit::LOCAL, e.to_string()))?;
        return Ok(exit::OK);
    }
    let m = crate::mime::parse(&bytes);
    // Header fields come from the sender: one safe line each (no escapes, overrides or breaks).
    let people = |list: &[crate::mime::Address]| {
        list.iter()
            .map(|a| match &a.name {
                Some(n) if !n.is_empty() => format!("{} <{}>", safe_line(n), safe_line(&a.email)),
                _ => safe_line(&a.email),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut text = String::new();
    text.push_str(&format!("From: {}\n", people(&m.from)));
    text.push_str(&format!("To: {}\n", people(&m.to)));
    if !m.cc.is_empty() {
        text.push_str(&format!("Cc: {}\n", people(&m.cc)));
    }
    text.push_str(&format!(
        "Subject: {}\n\n{}\n",
        safe_line(&m.subject),
        m.body.text
    ));
    for a in &m.attachments {
        text.push_str(&format!(
            "[{}] {} ({}, {} bytes)\n",
            a.index,
            safe_line(&a.name),
            safe_line(&a.content_type),
            a.size
        ));
    }
    let _ = out.write_all(text.as_bytes());
    Ok(exit::OK)
}

fn delete(store: &mut Store, id: MessageId, permanently: bool, now: i64) -> Result<u8, CliError> {
    let row = store.message(id).map_err(|e| match e {
        crate::store::Error::NotFound => {
            CliError::new(exit::USAGE, fl!("error-unknown-message", id = id.0))
        }
        other => other.into(),
    })?;
    let in_trash = store
        .folders()?
        .iter()
        .any(|f| f.id == row.folder && f.kind == FolderKind::Trash);
    if permanently || in_trash {
        store.delete_permanently(&[id], now)?;
        println!("{}", fl!("cli-deleted"));
    } else {
        store.move_to_trash(&[id])?;
        println!("{}", fl!("cli-moved-to-trash"));
    }
    Ok(exit::OK)
}

fn save_attachments(store: &Store, id: MessageId, dir: &std::path::Path) -> Result<u8, CliError> {
    let bytes = message_raw(store, id)?;
    let m = crate::mime::parse(&bytes);
    if m.attachments.is_empty() {
        println!("{}", fl!("cli-no-attachments"));
        return Ok(exit::OK);
    }
    std::fs::create_dir_all(dir).map_err(|e| CliError::new(exit::LOCAL, e.to_string()))?;
    for a in &m.attachments {
        let Some(content) = crate::mime::attachment_bytes(&bytes, a.index) else {
            continue;
        };
        let path = crate::mime::save_attachment(dir, &a.name, &content)
            .map_err(|e| CliError::new(exit::LOCAL, e.to_string()))?;
        println!(
            "{}",
            fl!("cli-saved-attachment", path = path.display().to_string())
        );
    }
    Ok(exit::OK)
}
