//! Folders: an Inbox, Drafts, Sent, Outbox and Trash per account, local folders the user
//! creates, and one Trash for mail that belongs to no account (created when first needed).
use std::fmt;
use std::str::FromStr;

use rusqlite::{Connection, OptionalExtension, params};

use super::{AccountId, Error, FolderId, Store, to_u64};

/// What a folder is for. An account's folders are listed in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum FolderKind {
    /// Where an account's fetched mail arrives.
    Inbox,
    /// Messages being written, saved as they are typed.
    Drafts,
    /// Messages the server accepted, as sent (with their Bcc line).
    Sent,
    /// Messages waiting to be sent, or that could not be sent.
    Outbox,
    /// Mail the provider marked as junk (see issue #18; no folder of this kind exists yet).
    Junk,
    /// Deleted messages, restorable until deleted permanently.
    Trash,
    /// A folder the user created; belongs to no account.
    Local,
}

impl FolderKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FolderKind::Inbox => "inbox",
            FolderKind::Drafts => "drafts",
            FolderKind::Sent => "sent",
            FolderKind::Outbox => "outbox",
            FolderKind::Junk => "junk",
            FolderKind::Trash => "trash",
            FolderKind::Local => "local",
        }
    }

    /// The folders every account has, created with it.
    pub(crate) const OF_ACCOUNT: [FolderKind; 5] = [
        FolderKind::Inbox,
        FolderKind::Drafts,
        FolderKind::Sent,
        FolderKind::Outbox,
        FolderKind::Trash,
    ];

    /// The name stored for an account's special folder (the UI shows a translated name by kind).
    fn default_name(self) -> &'static str {
        match self {
            FolderKind::Inbox => "Inbox",
            FolderKind::Drafts => "Drafts",
            FolderKind::Sent => "Sent",
            FolderKind::Outbox => "Outbox",
            FolderKind::Junk => "Junk",
            FolderKind::Trash => "Trash",
            FolderKind::Local => "Folder",
        }
    }
}

impl fmt::Display for FolderKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for FolderKind {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "inbox" => Ok(FolderKind::Inbox),
            "drafts" => Ok(FolderKind::Drafts),
            "sent" => Ok(FolderKind::Sent),
            "outbox" => Ok(FolderKind::Outbox),
            "junk" => Ok(FolderKind::Junk),
            "trash" => Ok(FolderKind::Trash),
            "local" => Ok(FolderKind::Local),
            other => Err(Error::Corrupt(format!("folder kind {other:?}"))),
        }
    }
}

/// A folder with its message counts.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Folder {
    pub id: FolderId,
    /// The account for its own folders; `None` for local folders and the local Trash.
    pub account: Option<AccountId>,
    pub kind: FolderKind,
    pub name: String,
    pub total: u64,
    pub unread: u64,
}

fn kind_column(text: String) -> rusqlite::Result<FolderKind> {
    text.parse().map_err(|e: Error| {
        rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// Creates a special folder of `account` (`None`: the Trash for mail without an account).
pub(crate) fn insert_special(
    conn: &Connection,
    account: Option<AccountId>,
    kind: FolderKind,
) -> Result<FolderId, Error> {
    conn.execute(
        "INSERT INTO folders (account_id, kind, name) VALUES (?1, ?2, ?3)",
        params![account, kind.as_str(), kind.default_name()],
    )?;
    Ok(FolderId(conn.last_insert_rowid()))
}

/// A special folder of an account (`None`: the local Trash), if it exists.
pub(crate) fn find_special(
    conn: &Connection,
    account: Option<AccountId>,
    kind: FolderKind,
) -> Result<Option<FolderId>, Error> {
    Ok(conn
        .query_row(
            "SELECT id FROM folders WHERE ifnull(account_id, 0) = ifnull(?1, 0) AND kind = ?2",
            params![account, kind.as_str()],
            |r| r.get(0),
        )
        .optional()?)
}

/// The Trash that messages of `account` go to; the local Trash is created when first needed.
pub(crate) fn trash_for(conn: &Connection, account: Option<AccountId>) -> Result<FolderId, Error> {
    match find_special(conn, account, FolderKind::Trash)? {
        Some(id) => Ok(id),
        None if account.is_none() => insert_special(conn, None, FolderKind::Trash),
        None => Err(Error::NotFound),
    }
}

/// The account and kind of a folder.
pub(crate) fn folder_info(
    conn: &Connection,
    id: FolderId,
) -> Result<(Option<AccountId>, FolderKind), Error> {
    let (account, kind) = conn
        .prepare_cached("SELECT account_id, kind FROM folders WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, kind_column(r.get(1)?)?)))?;
    Ok((account, kind))
}

fn check_name(name: &str) -> Result<&str, Error> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::Invalid("the folder name is empty".into()));
    }
    Ok(name)
}

/// The local folder with this name (case-insensitive), created when missing.
pub(crate) fn local_folder_get_or_create(conn: &Connection, name: &str) -> Result<FolderId, Error> {
    let name = check_name(name)?;
    let existing: Option<FolderId> = conn
        .query_row(
            "SELECT id FROM folders WHERE kind = 'local' AND name = ?1 COLLATE NOCASE",
            [name],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = existing {
        return Ok(id);
    }
    conn.execute(
        "INSERT INTO folders (account_id, kind, name) VALUES (NULL, 'local', ?1)",
        [name],
    )?;
    Ok(FolderId(conn.last_insert_rowid()))
}

fn local_name_taken(
    conn: &Connection,
    name: &str,
    except: Option<FolderId>,
) -> Result<bool, Error> {
    let other: Option<FolderId> = conn
        .query_row(
            "SELECT id FROM folders WHERE kind = 'local' AND name = ?1 COLLATE NOCASE",
            [name],
            |r| r.get(0),
        )
        .optional()?;
    Ok(other.is_some_and(|o| Some(o) != except))
}

fn require_local(conn: &Connection, id: FolderId) -> Result<(), Error> {
    match folder_info(conn, id)? {
        (_, FolderKind::Local) => Ok(()),
        _ => Err(Error::Invalid(
            "only local folders can be renamed or deleted".into(),
        )),
    }
}

/// Sort key for [`Store::folders`]: accounts in order (their folders in [`FolderKind`] order),
/// then local folders by name, then the local Trash.
fn order_key(f: &Folder) -> (u8, i64, FolderKind, String) {
    match (f.account, f.kind) {
        (Some(a), kind) => (0, a.0, kind, String::new()),
        (None, FolderKind::Local) => (1, 0, f.kind, f.name.to_lowercase()),
        (None, kind) => (2, 0, kind, String::new()),
    }
}

impl Store {
    /// Every folder with its total and unread counts: each account's folders (accounts in the
    /// order they were added), then local folders by name, then the local Trash if it exists.
    pub fn folders(&self) -> Result<Vec<Folder>, Error> {
        let mut folders = self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT f.id, f.account_id, f.kind, f.name, \
                   (SELECT count(*) FROM messages m WHERE m.folder_id = f.id), \
                   (SELECT count(*) FROM messages m WHERE m.folder_id = f.id AND m.seen = 0) \
                 FROM folders f",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, FolderId>(0)?,
                    r.get::<_, Option<AccountId>>(1)?,
                    kind_column(r.get(2)?)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, i64>(5)?,
                ))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let (id, account, kind, name, total, unread) = row?;
                out.push(Folder {
                    id,
                    account,
                    kind,
                    name,
                    total: to_u64(total)?,
                    unread: to_u64(unread)?,
                });
            }
            Ok(out)
        })?;
        folders.sort_by_key(order_key);
        Ok(folders)
    }

    /// A special folder of an account. [`Error::NotFound`] for a missing account or folder, and
    /// for [`FolderKind::Local`] (local folders belong to no account).
    pub fn folder(&self, account: AccountId, kind: FolderKind) -> Result<FolderId, Error> {
        if kind == FolderKind::Local {
            return Err(Error::NotFound);
        }
        self.read(|c| find_special(c, Some(account), kind)?.ok_or(Error::NotFound))
    }

    /// Creates a local folder; names are unique, ignoring case ([`Error::FolderExists`]).
    pub fn create_local_folder(&mut self, name: &str) -> Result<FolderId, Error> {
        let name = check_name(name)?;
        self.write(|tx| {
            if local_name_taken(tx, name, None)? {
                return Err(Error::FolderExists(name.to_owned()));
            }
            local_folder_get_or_create(tx, name)
        })
    }

    /// Renames a local folder.
    pub fn rename_local_folder(&mut self, id: FolderId, name: &str) -> Result<(), Error> {
        let name = check_name(name)?;
        self.write(|tx| {
            require_local(tx, id)?;
            if local_name_taken(tx, name, Some(id))? {
                return Err(Error::FolderExists(name.to_owned()));
            }
            tx.execute(
                "UPDATE folders SET name = ?2 WHERE id = ?1",
                params![id, name],
            )?;
            Ok(())
        })
    }

    /// Deletes an empty local folder ([`Error::FolderNotEmpty`] otherwise).
    pub fn delete_local_folder(&mut self, id: FolderId) -> Result<(), Error> {
        self.write(|tx| {
            require_local(tx, id)?;
            let used: Option<i64> = tx
                .query_row(
                    "SELECT 1 FROM messages WHERE folder_id = ?1 LIMIT 1",
                    [id],
                    |r| r.get(0),
                )
                .optional()?;
            if used.is_some() {
                return Err(Error::FolderNotEmpty);
            }
            tx.execute("DELETE FROM folders WHERE id = ?1", [id])?;
            Ok(())
        })
    }
}
