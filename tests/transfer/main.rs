//! Mail in from other programs' files and out again, on real stores and real files: mbox
//! (mboxrd and Thunderbird's mboxo-like files, with "From " lines in bodies), Maildir with
//! flags and Maildir++ subfolders, a Thunderbird mail folder tree (`.msf` indexes, `.sbd`
//! subfolders, non-ASCII names, messages marked deleted); export to mbox, `.eml` files and a
//! Maildir tree; the round trip gives back every message's bytes; the real binary killed in the
//! middle of a large import, then run again, ends with each message once.

#[path = "../support/mod.rs"]
mod support;

mod fetchers;
mod kill;
mod linked;
mod roundtrip;
mod sources;

use std::path::Path;
use std::sync::atomic::AtomicBool;

use postfach::import::files::{Report, import_path};

use postfach::store::{FolderKind, Scope, Store};

pub type TestResult = Result<(), Box<dyn std::error::Error>>;

/// A mail with `subject` and `body` (CRLF line ends, as stored mail has).
pub fn mail(subject: &str, body: &str) -> Vec<u8> {
    format!(
        "From: Anna Schmidt <anna@example.de>\r\nTo: ben@example.de\r\nSubject: {subject}\r\n\
Date: Thu, 03 Dec 2026 10:00:00 +0100\r\nMessage-ID: <{}@example.de>\r\n\r\n{body}\r\n",
        subject.replace(' ', ".")
    )
    .into_bytes()
}

/// The local folder at `path` ("Archiv/2024": nested names) of `store`.
pub fn local(
    store: &Store,
    path: &str,
) -> Result<postfach::store::Folder, Box<dyn std::error::Error>> {
    let folders = store.folders()?;
    let mut parent = None;
    let mut found = None;
    for name in path.split('/') {
        let f = folders
            .iter()
            .find(|f| f.kind == FolderKind::Local && f.parent == parent && f.name == name)
            .ok_or_else(|| format!("no local folder {path:?} ({name:?})"))?;
        parent = Some(f.id);
        found = Some(f.clone());
    }
    Ok(found.ok_or("empty path")?)
}

/// The raw bytes of every message of the local folder `name`, oldest first.
pub fn raws(store: &Store, name: &str) -> Result<Vec<Vec<u8>>, Box<dyn std::error::Error>> {
    let folder = local(store, name)?;
    let rows = postfach::export::rows(store, Scope::Folder(folder.id))?;
    Ok(rows
        .iter()
        .map(|r| store.raw(r.id))
        .collect::<Result<Vec<_>, _>>()?)
}

/// Imports `path` (below the local folder `under`), as the window and the CLI do.
pub fn import_all(
    store: &mut Store,
    path: &Path,
    under: Option<&str>,
) -> Result<Report, postfach::import::Error> {
    import_path(
        store,
        path,
        under,
        1_900_000_000,
        |_| {},
        &AtomicBool::new(false),
    )
}

pub fn open(dir: &Path) -> Result<Store, postfach::store::Error> {
    Store::open_in(dir)
}
