//! Editing the folder tree: creating, renaming, moving and removing local folders, and the
//! yearly archive ("Archive" → "2026"). Every edit is one transaction.
use rusqlite::{Connection, OptionalExtension, params};

use super::folders::{self, FolderKind, check_name, insert_local, sibling_named};
use super::moves::{self, Moved, Selection};
use super::{AccountId, Error, FolderId, Store};

/// Where a local folder is (or goes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FolderParent {
    /// At the top of an account's folders, or of "Local folders" (`None`).
    Top(Option<AccountId>),
    /// Inside this local folder (and so in its account, or under "Local folders").
    In(FolderId),
}

/// What removing a folder did (or would do, see [`Store::folder_contents`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct FolderRemoved {
    /// The folder and its subfolders.
    pub folders: u64,
    /// Their messages, moved to the Trash.
    pub messages: u64,
}

/// The account and parent folder a [`FolderParent`] stands for.
fn resolve(
    conn: &Connection,
    parent: FolderParent,
) -> Result<(Option<AccountId>, Option<FolderId>), Error> {
    match parent {
        FolderParent::Top(account) => {
            if let Some(a) = account {
                // the account exists
                folders::find_special(conn, Some(a), FolderKind::Inbox)?.ok_or(Error::NotFound)?;
            }
            Ok((account, None))
        }
        FolderParent::In(folder) => match folders::folder_info(conn, folder)? {
            (account, FolderKind::Local) => Ok((account, Some(folder))),
            _ => Err(Error::Invalid(
                "folders can be made only inside local folders".into(),
            )),
        },
    }
}

fn require_local(conn: &Connection, id: FolderId) -> Result<Option<AccountId>, Error> {
    match folders::folder_info(conn, id)? {
        (account, FolderKind::Local) => Ok(account),
        _ => Err(Error::Invalid(
            "only local folders can be renamed, moved or deleted".into(),
        )),
    }
}

/// `id` and every folder inside it, at any depth.
pub(crate) fn subtree(conn: &Connection, id: FolderId) -> Result<Vec<FolderId>, Error> {
    let mut stmt = conn.prepare_cached(
        "WITH RECURSIVE t(id) AS (SELECT ?1 UNION SELECT f.id FROM folders f JOIN t \
         ON f.parent_id = t.id) SELECT id FROM t",
    )?;
    let ids = stmt.query_map([id], |r| r.get(0))?;
    Ok(ids.collect::<Result<_, _>>()?)
}

fn parent_of(conn: &Connection, id: FolderId) -> Result<Option<FolderId>, Error> {
    Ok(conn
        .prepare_cached("SELECT parent_id FROM folders WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?)
}

/// The messages in `folders`, into `temp.sel` (see [`moves::select_into_temp`]).
fn select_in_folders(conn: &Connection, folders: &[FolderId]) -> Result<(), Error> {
    moves::select_into_temp(conn, &Selection::Ids(Vec::new()))?;
    let mut stmt = conn
        .prepare_cached("INSERT INTO temp.sel (id) SELECT id FROM messages WHERE folder_id = ?1")?;
    for f in folders {
        stmt.execute([f])?;
    }
    Ok(())
}

impl Store {
    /// Creates a local folder at `parent`. Names are unique among a folder's siblings,
    /// ignoring case ([`Error::FolderExists`]); an empty name or one with control characters
    /// is [`Error::Invalid`], as is a parent that is not a local folder.
    pub fn create_folder(&mut self, parent: FolderParent, name: &str) -> Result<FolderId, Error> {
        let name = check_name(name)?;
        self.write(|tx| {
            let (account, parent) = resolve(tx, parent)?;
            if sibling_named(tx, account, parent, name)?.is_some() {
                return Err(Error::FolderExists(name.to_owned()));
            }
            insert_local(tx, account, parent, name)
        })
    }

    /// Creates a local folder at the top of "Local folders" (see [`Store::create_folder`]).
    pub fn create_local_folder(&mut self, name: &str) -> Result<FolderId, Error> {
        self.create_folder(FolderParent::Top(None), name)
    }

    /// Renames a local folder (unique among its siblings, ignoring case).
    pub fn rename_local_folder(&mut self, id: FolderId, name: &str) -> Result<(), Error> {
        let name = check_name(name)?;
        self.write(|tx| {
            let account = require_local(tx, id)?;
            let parent = parent_of(tx, id)?;
            if sibling_named(tx, account, parent, name)?.is_some_and(|other| other != id) {
                return Err(Error::FolderExists(name.to_owned()));
            }
            tx.execute(
                "UPDATE folders SET name = ?2 WHERE id = ?1",
                params![id, name],
            )?;
            Ok(())
        })
    }

    /// Moves a local folder, with its subfolders and messages, to `to` (the sidebar's drag and
    /// drop). Moving it into itself or one of its subfolders is [`Error::Invalid`]; a sibling
    /// of the same name there is [`Error::FolderExists`]. Moving it to another account's
    /// folders makes the subtree that account's (its messages keep the account that fetched
    /// them, so the server policy of their UIDLs does not change).
    pub fn move_folder(&mut self, id: FolderId, to: FolderParent) -> Result<(), Error> {
        self.write(|tx| {
            require_local(tx, id)?;
            let (account, parent) = resolve(tx, to)?;
            let tree = subtree(tx, id)?;
            if parent.is_some_and(|p| tree.contains(&p)) {
                return Err(Error::Invalid(
                    "a folder cannot be moved into itself".into(),
                ));
            }
            let name: String =
                tx.query_row("SELECT name FROM folders WHERE id = ?1", [id], |r| r.get(0))?;
            if sibling_named(tx, account, parent, &name)?.is_some_and(|other| other != id) {
                return Err(Error::FolderExists(name));
            }
            tx.execute(
                "UPDATE folders SET parent_id = ?2, account_id = ?3 WHERE id = ?1",
                params![id, parent, account],
            )?;
            let mut stmt = tx.prepare_cached("UPDATE folders SET account_id = ?2 WHERE id = ?1")?;
            for f in &tree {
                stmt.execute(params![f, account])?;
            }
            Ok(())
        })
    }

    /// What removing a local folder would take with it: the folder and its subfolders, and
    /// their messages (for the confirmation "Delete "Projekte" and its 1,234 messages?").
    pub fn folder_contents(&self, id: FolderId) -> Result<FolderRemoved, Error> {
        self.read(|c| {
            require_local(c, id)?;
            let tree = subtree(c, id)?;
            let mut count =
                c.prepare_cached("SELECT count(*) FROM messages WHERE folder_id = ?1")?;
            let mut messages = 0u64;
            for f in &tree {
                messages += super::to_u64(count.query_row([f], |r| r.get(0))?)?;
            }
            Ok(FolderRemoved {
                folders: tree.len() as u64,
                messages,
            })
        })
    }

    /// Deletes a local folder and its subfolders. Their messages go to the Trash (of the
    /// folder's account, or of the account that fetched each one; mail of no account to the
    /// local Trash) in the same transaction, so nothing is deleted for good and the server
    /// policy is untouched. Returns how many folders went and how many messages moved.
    pub fn delete_local_folder(&mut self, id: FolderId) -> Result<FolderRemoved, Error> {
        self.write(|tx| {
            require_local(tx, id)?;
            let tree = subtree(tx, id)?;
            select_in_folders(tx, &tree)?;
            moves::target_trash(tx)?;
            let moved = moves::move_targets(tx)?;
            // subfolders go with it (parent_id ON DELETE CASCADE)
            tx.execute("DELETE FROM folders WHERE id = ?1", [id])?;
            Ok(FolderRemoved {
                folders: tree.len() as u64,
                messages: moved.len() as u64,
            })
        })
    }

    /// The yearly archive folder for `year` of `account` (`None`: under "Local folders"):
    /// the archive's top folder (created as `name` when there is none, e.g. the translated
    /// "Archive"; an existing top-level folder of that name becomes the archive), and in it
    /// the folder named after the year, created when missing.
    pub fn archive_folder(
        &mut self,
        account: Option<AccountId>,
        year: i32,
        name: &str,
    ) -> Result<FolderId, Error> {
        let name = check_name(name)?;
        self.write(|tx| archive_year(tx, account, year, name))
    }

    /// Moves the selected messages into the yearly archive of their account (the account of
    /// their folder, else the one that fetched them, else "Local folders"), by the year of
    /// their date (UTC), in one transaction. `name` names the archive's top folder if it has to
    /// be made. Returns where each came from, for [`Store::undo_move`].
    pub fn archive_messages(&mut self, selection: &Selection, name: &str) -> Result<Moved, Error> {
        let name = check_name(name)?;
        self.write(|tx| {
            moves::select_into_temp(tx, selection)?;
            let groups: Vec<(Option<AccountId>, i32)> = {
                let mut stmt = tx.prepare_cached(
                    "SELECT DISTINCT ifnull(f.account_id, m.account_id), \
                       CAST(strftime('%Y', m.sort_date, 'unixepoch') AS INTEGER) \
                     FROM temp.sel s JOIN messages m ON m.id = s.id \
                     JOIN folders f ON f.id = m.folder_id",
                )?;
                let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
                rows.collect::<Result<_, _>>()?
            };
            let mut set = tx.prepare_cached(
                "UPDATE temp.sel SET target = ?1 WHERE id IN (SELECT m.id FROM messages m \
                 JOIN folders f ON f.id = m.folder_id \
                 WHERE ifnull(f.account_id, m.account_id) IS ?2 \
                   AND CAST(strftime('%Y', m.sort_date, 'unixepoch') AS INTEGER) = ?3)",
            )?;
            for (account, year) in groups {
                let folder = archive_year(tx, account, year, name)?;
                set.execute(params![folder, account, year])?;
            }
            moves::move_targets(tx)
        })
    }
}

/// See [`Store::archive_folder`]; in the caller's transaction.
fn archive_year(
    conn: &Connection,
    account: Option<AccountId>,
    year: i32,
    name: &str,
) -> Result<FolderId, Error> {
    let top: Option<FolderId> = conn
        .prepare_cached(
            "SELECT id FROM folders WHERE ifnull(account_id, 0) = ifnull(?1, 0) \
             AND role = 'archive'",
        )?
        .query_row([account], |r| r.get(0))
        .optional()?;
    let top = match top {
        Some(top) => top,
        None => {
            let top = match sibling_named(conn, account, None, name)? {
                Some(existing) => existing,
                None => insert_local(conn, account, None, name)?,
            };
            conn.execute("UPDATE folders SET role = 'archive' WHERE id = ?1", [top])?;
            top
        }
    };
    let year = year.to_string();
    match sibling_named(conn, account, Some(top), &year)? {
        Some(id) => Ok(id),
        None => insert_local(conn, account, Some(top), &year),
    }
}

/// Before an account is removed: its local folders (with their subfolders and messages) move
/// to "Local folders", so no mail the user filed there is lost. A top-level name already taken
/// there gets the account's name added ("Projekte (work)"); its archive stays the archive
/// unless "Local folders" has one.
pub(crate) fn release_account_folders(
    conn: &Connection,
    account: AccountId,
    account_name: &str,
) -> Result<(), Error> {
    let tops: Vec<(FolderId, String)> = {
        let mut stmt = conn.prepare_cached(
            "SELECT id, name FROM folders WHERE account_id = ?1 AND kind = 'local' \
             AND parent_id IS NULL ORDER BY id",
        )?;
        let rows = stmt.query_map([account], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    let local_archive: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM folders WHERE account_id IS NULL AND role = 'archive')",
        [],
        |r| r.get(0),
    )?;
    if local_archive {
        conn.execute(
            "UPDATE folders SET role = NULL WHERE account_id = ?1",
            [account],
        )?;
    }
    for (id, name) in tops {
        let mut candidate = name.clone();
        let mut n = 1;
        while sibling_named(conn, None, None, &candidate)?.is_some() {
            candidate = if n == 1 {
                format!("{name} ({account_name})")
            } else {
                format!("{name} ({account_name} {n})")
            };
            n += 1;
        }
        conn.execute(
            "UPDATE folders SET name = ?2, account_id = NULL WHERE id = ?1",
            params![id, candidate],
        )?;
    }
    conn.execute(
        "UPDATE folders SET account_id = NULL WHERE account_id = ?1 AND kind = 'local'",
        [account],
    )?;
    Ok(())
}
