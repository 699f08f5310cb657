//! Taking mail out: messages to an mbox file (mboxrd), to a folder of `.eml` files, or the
//! whole store to a Maildir tree. The bytes written are the stored bytes; nothing is converted.
//!
//! mboxrd: each message begins with a "From " line (sender and arrival time, `asctime` in UTC)
//! and ends with an empty line; a body line that begins with any number of `>` and "From " gets
//! one `>` more, which the importer (`import::mbox`) takes away again, so export and import give
//! back the same bytes. A message that does not end with a line break gets one.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::store::{self, Folder, FolderKind, ListQuery, MessageRow, Scope, Store};

/// Why an export stopped.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error(transparent)]
    Store(#[from] store::Error),
}

/// Rows read from the store per query.
const PAGE: u32 = 1000;

/// Every message of `scope`, oldest first.
pub fn rows(store: &Store, scope: Scope) -> Result<Vec<MessageRow>, Error> {
    let mut out = Vec::new();
    loop {
        let page = store.list(&ListQuery {
            scope,
            unread_only: false,
            offset: out.len() as u64,
            limit: PAGE,
        })?;
        let done = page.len() < PAGE as usize;
        out.extend(page);
        if done {
            break;
        }
    }
    out.reverse();
    Ok(out)
}

/// The messages of `selection`, oldest first (by date, else arrival): what the window's
/// "Export" writes for the messages selected in the list.
pub fn selection_rows(
    store: &Store,
    selection: &store::Selection,
) -> Result<Vec<MessageRow>, Error> {
    match selection {
        store::Selection::All { scope, .. } => rows(store, *scope),
        store::Selection::Ids(ids) => {
            let mut out = Vec::with_capacity(ids.len());
            for &id in ids {
                match store.message(id) {
                    Ok(row) => out.push(row),
                    Err(store::Error::NotFound) => {}
                    Err(e) => return Err(e.into()),
                }
            }
            out.sort_by_key(|r| (r.date.unwrap_or(r.received_at), r.id));
            Ok(out)
        }
    }
}

/// How the window exports messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One mbox file (mboxrd).
    Mbox,
    /// One `.eml` file per message, in a folder.
    Eml,
}

/// Writes `rows` to the mbox file `path` (replacing it); returns how many were written.
pub fn to_mbox(store: &Store, rows: &[MessageRow], path: &Path) -> Result<u64, Error> {
    let fail = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let mut out = BufWriter::new(File::create(path).map_err(fail)?);
    for row in rows {
        let raw = store.raw(row.id)?;
        write_mbox_entry(&mut out, row, &raw).map_err(fail)?;
    }
    out.flush().map_err(fail)?;
    out.get_ref().sync_all().map_err(fail)?;
    Ok(rows.len() as u64)
}

fn write_mbox_entry(out: &mut impl Write, row: &MessageRow, raw: &[u8]) -> io::Result<()> {
    let sender = if row.from_email.is_empty() || row.from_email.contains(char::is_whitespace) {
        "MAILER-DAEMON"
    } else {
        row.from_email.as_str()
    };
    writeln!(out, "From {sender} {}", asctime(row.received_at))?;
    for line in raw.split_inclusive(|&b| b == b'\n') {
        let quoted = line.iter().take_while(|&&b| b == b'>').count();
        if line[quoted..].starts_with(b"From ") {
            out.write_all(b">")?;
        }
        out.write_all(line)?;
    }
    if !raw.ends_with(b"\n") {
        out.write_all(b"\n")?;
    }
    out.write_all(b"\n")
}

/// `time` as `asctime` does it, in UTC ("Thu Dec  3 10:00:00 2026").
fn asctime(time: i64) -> String {
    let t =
        time::OffsetDateTime::from_unix_timestamp(time).unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    let weekday = &t.weekday().to_string()[..3];
    let month = &t.month().to_string()[..3];
    format!(
        "{weekday} {month} {:>2} {:02}:{:02}:{:02} {}",
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.year()
    )
}

/// Writes each of `rows` as a `.eml` file into `dir` (made if missing), named by its date and
/// subject, never overwriting a file; returns how many were written.
pub fn to_eml(store: &Store, rows: &[MessageRow], dir: &Path) -> Result<u64, Error> {
    let fail = |path: &Path, source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(|e| fail(dir, e))?;
    for row in rows {
        let raw = store.raw(row.id)?;
        let stem = file_stem(row);
        let mut path = dir.join(format!("{stem}.eml"));
        let mut n = 1;
        loop {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut f) => {
                    f.write_all(&raw).map_err(|e| fail(&path, e))?;
                    break;
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    n += 1;
                    path = dir.join(format!("{stem} ({n}).eml"));
                }
                Err(e) => return Err(fail(&path, e)),
            }
        }
    }
    Ok(rows.len() as u64)
}

/// "2026-12-03 Subject", with characters no file system takes replaced.
fn file_stem(row: &MessageRow) -> String {
    let date = time::OffsetDateTime::from_unix_timestamp(row.date.unwrap_or(row.received_at))
        .map(|t| format!("{:04}-{:02}-{:02}", t.year(), u8::from(t.month()), t.day()))
        .unwrap_or_default();
    let subject: String = row
        .subject
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => ' ',
            c => c,
        })
        .take(80)
        .collect();
    let subject = subject.trim().trim_end_matches('.');
    if subject.is_empty() {
        date
    } else {
        format!("{date} {subject}")
    }
}

/// Writes every folder of the store into the Maildir++ tree `dir`: each folder a `.Name`
/// Maildir beside an empty top one (account folders as `.Account.Folder`), flags in the file
/// names. Returns how many messages were written.
pub fn to_maildir(store: &Store, dir: &Path) -> Result<u64, Error> {
    let accounts = store.accounts()?;
    make_maildir(dir)?;
    let mut written = 0;
    for folder in store.folders()? {
        let name = maildir_name(&folder, &accounts);
        let target = dir.join(format!(".{name}"));
        make_maildir(&target)?;
        for row in rows(store, Scope::Folder(folder.id))? {
            let raw = store.raw(row.id)?;
            let flags = match (row.flagged, row.seen) {
                (true, true) => "FS",
                (true, false) => "F",
                (false, true) => "S",
                (false, false) => "",
            };
            let path = target.join("cur").join(format!(
                "{}.{}.postfach:2,{flags}",
                row.received_at, row.id.0
            ));
            std::fs::write(&path, &raw).map_err(|source| Error::Write { path, source })?;
            written += 1;
        }
    }
    Ok(written)
}

fn maildir_name(folder: &Folder, accounts: &[store::Account]) -> String {
    let clean = |s: &str| s.replace(['.', '/', '\\'], "_");
    let account = folder
        .account
        .and_then(|id| accounts.iter().find(|a| a.id == id))
        .map(|a| clean(&a.settings.name));
    let name = match folder.kind {
        FolderKind::Local => clean(&folder.name),
        kind => kind.as_str().to_owned(),
    };
    match account {
        Some(a) => format!("{a}.{name}"),
        None if folder.kind == FolderKind::Trash => "Local.trash".to_owned(),
        None => name,
    }
}

fn make_maildir(dir: &Path) -> Result<(), Error> {
    for sub in ["cur", "new", "tmp"] {
        let path = dir.join(sub);
        std::fs::create_dir_all(&path).map_err(|source| Error::Write { path, source })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asctime_is_what_mbox_writers_write() {
        assert_eq!(asctime(1_796_292_000), "Thu Dec  3 10:00:00 2026");
        assert_eq!(asctime(0), "Thu Jan  1 00:00:00 1970");
    }
}
