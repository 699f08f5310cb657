//! Folders: an Inbox, Drafts, Sent, Outbox, Junk and Trash per account, local folders the user
//! creates (nested, under an account or under "Local folders"), and one Trash for mail that
//! belongs to no account (created when first needed). Creating, renaming, moving and removing
//! local folders, and the yearly archive, are in [`super::folder_edit`].
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
    /// Mail the provider marked as junk (moved here on arrival, see `rules::junk`).
    Junk,
    /// Deleted messages, restorable until deleted permanently.
    Trash,
    /// A folder the user created, under an account or under "Local folders" (no account),
    /// possibly inside another local folder.
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
    pub(crate) const OF_ACCOUNT: [FolderKind; 6] = [
        FolderKind::Inbox,
        FolderKind::Drafts,
        FolderKind::Sent,
        FolderKind::Outbox,
        FolderKind::Junk,
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
    /// The account for its own folders (also local folders made under it); `None` for
    /// "Local folders" and the local Trash.
    pub account: Option<AccountId>,
    pub kind: FolderKind,
    pub name: String,
    /// The local folder this one is inside; `None` at the top of its account or of "Local
    /// folders".
    pub parent: Option<FolderId>,
    /// How many folders it is inside (0 at the top): the sidebar's indent.
    pub depth: u32,
    /// The yearly archive's top folder (see [`Store::archive_folder`]).
    pub archive: bool,
    /// Messages in this folder (not counting its subfolders).
    pub total: u64,
    /// Unread messages in this folder (not counting its subfolders).
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

/// The local folder with this name (case-insensitive) at the top of "Local folders", created
/// when missing.
pub(crate) fn local_folder_get_or_create(conn: &Connection, name: &str) -> Result<FolderId, Error> {
    let name = check_name(name)?;
    if let Some(id) = sibling_named(conn, None, None, name)? {
        return Ok(id);
    }
    insert_local(conn, None, None, name)
}

/// Inserts a local folder (the caller checked the name).
pub(crate) fn insert_local(
    conn: &Connection,
    account: Option<AccountId>,
    parent: Option<FolderId>,
    name: &str,
) -> Result<FolderId, Error> {
    conn.prepare_cached(
        "INSERT INTO folders (account_id, kind, name, parent_id) VALUES (?1, 'local', ?2, ?3)",
    )?
    .execute(params![account, name, parent])?;
    Ok(FolderId(conn.last_insert_rowid()))
}

/// The local folder called `name` (ignoring case) directly in `parent` of `account`.
pub(crate) fn sibling_named(
    conn: &Connection,
    account: Option<AccountId>,
    parent: Option<FolderId>,
    name: &str,
) -> Result<Option<FolderId>, Error> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM folders WHERE kind = 'local' AND ifnull(account_id, 0) = ifnull(?1, 0) \
             AND ifnull(parent_id, 0) = ifnull(?2, 0) AND name = ?3 COLLATE NOCASE",
        )?
        .query_row(params![account, parent, name], |r| r.get(0))
        .optional()?)
}

pub(crate) fn check_name(name: &str) -> Result<&str, Error> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::Invalid("the folder name is empty".into()));
    }
    if name.chars().any(char::is_control) {
        return Err(Error::Invalid(
            "a folder name cannot hold control characters".into(),
        ));
    }
    Ok(name)
}

/// Orders folders for [`Store::folders`]: accounts in order, each with its special folders in
/// [`FolderKind`] order and then its local folders as a tree; then "Local folders" as a tree;
/// then the local Trash. In a tree a folder comes before its subfolders, siblings by name.
fn in_tree_order(mut all: Vec<Folder>) -> Vec<Folder> {
    let group = |f: &Folder| match (f.account, f.kind) {
        (Some(a), _) => (0u8, a.0),
        (None, FolderKind::Local) => (1, 0),
        (None, _) => (2, 0),
    };
    all.sort_by(|a, b| {
        (group(a), a.kind, a.name.to_lowercase(), a.id).cmp(&(
            group(b),
            b.kind,
            b.name.to_lowercase(),
            b.id,
        ))
    });
    let mut children: std::collections::HashMap<FolderId, Vec<usize>> = Default::default();
    let ids: std::collections::HashSet<FolderId> = all.iter().map(|f| f.id).collect();
    let mut roots = Vec::new();
    for (i, f) in all.iter().enumerate() {
        match f.parent.filter(|p| ids.contains(p)) {
            Some(p) => children.entry(p).or_default().push(i),
            None => roots.push(i),
        }
    }
    let mut order = Vec::with_capacity(all.len());
    let mut stack: Vec<(usize, u32)> = roots.into_iter().rev().map(|i| (i, 0)).collect();
    while let Some((i, depth)) = stack.pop() {
        order.push((i, depth));
        if let Some(kids) = children.get(&all[i].id) {
            stack.extend(kids.iter().rev().map(|&k| (k, depth + 1)));
        }
    }
    let mut slots: Vec<Option<Folder>> = all.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|(i, depth)| {
            let mut f = slots[i].take()?;
            f.depth = depth;
            Some(f)
        })
        .collect()
}

impl Store {
    /// Every folder with its total and unread counts, in the order the sidebar shows them:
    /// each account's folders (accounts in the order they were added; special folders first,
    /// then its local folders as a tree), then "Local folders" as a tree, then the local Trash
    /// if it exists. A folder comes right before its subfolders ([`Folder::depth`] says how
    /// deep); siblings are sorted by name. Cheap enough for every refresh: the counts come
    /// from the folder and unread indexes.
    pub fn folders(&self) -> Result<Vec<Folder>, Error> {
        let folders = self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT f.id, f.account_id, f.kind, f.name, f.parent_id, f.role IS NOT NULL, \
                   (SELECT count(*) FROM messages m WHERE m.folder_id = f.id), \
                   (SELECT count(*) FROM messages m WHERE m.folder_id = f.id AND m.seen = 0) \
                 FROM folders f",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    (
                        r.get::<_, FolderId>(0)?,
                        r.get::<_, Option<AccountId>>(1)?,
                        kind_column(r.get(2)?)?,
                        r.get::<_, String>(3)?,
                    ),
                    r.get::<_, Option<FolderId>>(4)?,
                    r.get::<_, bool>(5)?,
                    r.get::<_, i64>(6)?,
                    r.get::<_, i64>(7)?,
                ))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let ((id, account, kind, name), parent, archive, total, unread) = row?;
                out.push(Folder {
                    id,
                    account,
                    kind,
                    name,
                    parent,
                    depth: 0,
                    archive,
                    total: to_u64(total)?,
                    unread: to_u64(unread)?,
                });
            }
            Ok(out)
        })?;
        Ok(in_tree_order(folders))
    }

    /// A special folder of an account. [`Error::NotFound`] for a missing account or folder, and
    /// for [`FolderKind::Local`] (there are many; they are named by id).
    pub fn folder(&self, account: AccountId, kind: FolderKind) -> Result<FolderId, Error> {
        if kind == FolderKind::Local {
            return Err(Error::NotFound);
        }
        self.read(|c| find_special(c, Some(account), kind)?.ok_or(Error::NotFound))
    }
}
