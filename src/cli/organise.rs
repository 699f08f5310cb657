//! `postfach folder …`, `postfach move`, `postfach junk` and `not-junk`: organising mail from
//! the command line, over the same store calls as the window.
//!
//! A FOLDER is written `[ACCOUNT:]PATH`. PATH is a special folder's kind (`inbox`, `drafts`,
//! `sent`, `outbox`, `junk`, `trash`) or the names of nested local folders joined by `/`
//! (`Projekte/Alpha`), compared without regard to case. With `ACCOUNT:` the path is among that
//! account's folders; without, among "Local folders" (and `trash` is the local Trash).
use super::{CliError, FolderCommand, exit};
use crate::fl;
use crate::store::{
    AccountId, Folder, FolderId, FolderKind, FolderParent, MessageId, Selection, Store,
};

/// Splits `[ACCOUNT:]PATH` and finds the account.
fn account_and_path<'a>(
    store: &Store,
    spec: &'a str,
) -> Result<(Option<AccountId>, &'a str), CliError> {
    match spec.split_once(':') {
        Some((account, path)) if !account.is_empty() => {
            let a = super::commands::account_named(store, account)?;
            Ok((Some(a.id), path))
        }
        _ => Ok((None, spec)),
    }
}

fn unknown(spec: &str) -> CliError {
    CliError::new(exit::USAGE, fl!("cli-unknown-folder", folder = spec))
}

/// The folder a `[ACCOUNT:]PATH` names.
pub(super) fn find_folder(store: &Store, spec: &str) -> Result<FolderId, CliError> {
    let (account, path) = account_and_path(store, spec)?;
    let folders = store.folders()?;
    let kind = path
        .to_ascii_lowercase()
        .parse::<FolderKind>()
        .ok()
        .filter(|k| *k != FolderKind::Local);
    if let Some(kind) = kind
        && let Some(f) = folders
            .iter()
            .find(|f| f.account == account && f.kind == kind && f.parent.is_none())
    {
        return Ok(f.id);
    }
    let mut parent: Option<FolderId> = None;
    for name in path.split('/').filter(|n| !n.trim().is_empty()) {
        let found = folders.iter().find(|f| {
            f.kind == FolderKind::Local
                && f.account == account
                && f.parent == parent
                && f.name.eq_ignore_ascii_case(name.trim())
        });
        parent = Some(found.ok_or_else(|| unknown(spec))?.id);
    }
    parent.ok_or_else(|| unknown(spec))
}

/// How a folder is written on the command line (the inverse of [`find_folder`]).
pub(super) fn folder_spec(store: &Store, folders: &[Folder], id: FolderId) -> String {
    let mut names = Vec::new();
    let mut at = folders.iter().find(|f| f.id == id);
    let account = at.and_then(|f| f.account);
    while let Some(f) = at {
        names.push(if f.kind == FolderKind::Local {
            f.name.clone()
        } else {
            f.kind.as_str().to_owned()
        });
        at = f.parent.and_then(|p| folders.iter().find(|x| x.id == p));
    }
    names.reverse();
    let path = if names.is_empty() {
        format!("#{id}")
    } else {
        names.join("/")
    };
    match account.and_then(|a| store.account(a).ok()) {
        Some(a) => format!("{}:{path}", a.settings.name),
        None => path,
    }
}

pub(super) fn folder(store: &mut Store, command: FolderCommand) -> Result<u8, CliError> {
    match command {
        FolderCommand::List => {
            let folders = store.folders()?;
            for f in &folders {
                println!(
                    "{}\t{}\t{}",
                    folder_spec(store, &folders, f.id),
                    f.total,
                    f.unread
                );
            }
        }
        FolderCommand::Add { folder } => {
            let (account, path) = account_and_path(store, &folder)?;
            let (parent, name) = match path.rsplit_once('/') {
                Some((parent, name)) => {
                    let spec = match account.and_then(|a| store.account(a).ok()) {
                        Some(a) => format!("{}:{parent}", a.settings.name),
                        None => parent.to_owned(),
                    };
                    (FolderParent::In(find_folder(store, &spec)?), name)
                }
                None => (FolderParent::Top(account), path),
            };
            store.create_folder(parent, name).map_err(folder_error)?;
            println!("{}", fl!("cli-folder-added", folder = folder.as_str()));
        }
        FolderCommand::Rename { folder, name } => {
            let id = find_folder(store, &folder)?;
            store.rename_local_folder(id, &name).map_err(folder_error)?;
            println!(
                "{}",
                fl!(
                    "cli-folder-renamed",
                    folder = folder.as_str(),
                    name = name.as_str()
                )
            );
        }
        FolderCommand::Remove { folder } => {
            let id = find_folder(store, &folder)?;
            let removed = store.delete_local_folder(id).map_err(folder_error)?;
            println!(
                "{}",
                fl!(
                    "cli-folder-removed",
                    folder = folder.as_str(),
                    count = removed.messages
                )
            );
        }
    }
    Ok(exit::OK)
}

/// Store errors a user can fix, in words.
fn folder_error(e: crate::store::Error) -> CliError {
    match e {
        crate::store::Error::FolderExists(name) => {
            CliError::new(exit::USAGE, fl!("cli-folder-exists", folder = name))
        }
        crate::store::Error::Invalid(_) => CliError::new(exit::USAGE, fl!("cli-folder-not-local")),
        other => other.into(),
    }
}

fn message_ids(store: &Store, ids: &[i64]) -> Result<Vec<MessageId>, CliError> {
    let ids: Vec<MessageId> = ids.iter().map(|&i| MessageId(i)).collect();
    let found = store.selection_ids(&Selection::Ids(ids.clone()))?;
    match ids.iter().find(|id| !found.contains(id)) {
        Some(missing) => Err(CliError::new(
            exit::USAGE,
            fl!("error-unknown-message", id = missing.0),
        )),
        None => Ok(ids),
    }
}

/// `postfach move ID… --to FOLDER [--copy]`, or `--all-of FOLDER` instead of ids.
pub(super) fn move_messages(
    store: &mut Store,
    ids: &[i64],
    all_of: Option<&str>,
    to: &str,
    copy: bool,
) -> Result<u8, CliError> {
    let target = find_folder(store, to)?;
    let selection = match all_of {
        Some(folder) => Selection::folder(find_folder(store, folder)?),
        None => Selection::Ids(message_ids(store, ids)?),
    };
    let count = if copy {
        store.copy_messages(&selection, target)?.len()
    } else {
        store
            .move_messages(&selection, target)
            .map_err(folder_error)?
            .len()
    };
    let text = if copy {
        fl!("cli-copied", count = count, folder = to)
    } else {
        fl!("cli-moved", count = count, folder = to)
    };
    println!("{text}");
    Ok(exit::OK)
}

/// `postfach junk ID…` and `postfach not-junk ID…`.
pub(super) fn junk(store: &mut Store, ids: &[i64], junk: bool, now: i64) -> Result<u8, CliError> {
    let selection = Selection::Ids(message_ids(store, ids)?);
    if junk {
        let moved = store.mark_junk(&selection)?;
        println!("{}", fl!("cli-junk-marked", count = moved.len()));
    } else {
        let moved = store.mark_not_junk(&selection, now)?;
        println!("{}", fl!("cli-not-junk-marked", count = moved.len()));
    }
    Ok(exit::OK)
}
