//! Mail files into the store: one `.eml` at a time (dropped onto the window, or handed over by
//! the desktop with `postfach FILE…`), or another program's mail (mbox, Maildir, Thunderbird
//! folders: [`files`]). The window and the command line both come here.
//!
//! A file is read only up to [`MAX_FILE`]; the bytes are stored exactly as read. Importing the
//! same bytes into the same folder again finds the earlier copy instead of storing a second one.

pub mod files;
pub mod maildir;
pub mod mbox;
pub mod state;
pub mod thunderbird;

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::mime;
use crate::store::{self, FolderId, MessageId, Store};

/// The largest mail file read (a mail this size is almost certainly something else).
pub const MAX_FILE: u64 = 256 * 1024 * 1024;

/// Why a file was not imported.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    /// The file could not be read (missing, a directory, no permission, ...).
    #[error("{}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: Arc<io::Error>,
    },
    /// The file is larger than [`MAX_FILE`].
    #[error("{}: {size} bytes is too large for a mail", path.display())]
    TooLarge { path: PathBuf, size: u64 },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] store::Error),
}

/// What importing one file did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Imported {
    pub message: MessageId,
    /// False when the folder already held these exact bytes (that message is returned).
    pub new: bool,
}

/// A UIDL as RFC 1939 allows it (1 to 70 printable ASCII characters), from a header's value
/// (`X-UIDL`, which POP3 clients such as Thunderbird write into the mail they store).
pub(crate) fn uidl_of(value: &[u8]) -> Option<String> {
    let value = value.trim_ascii();
    let ok = (1..=70).contains(&value.len()) && value.iter().all(|b| (0x21..=0x7e).contains(b));
    ok.then(|| String::from_utf8_lossy(value).into_owned())
}

/// Whether the file looks like a saved mail (`.eml`, any case).
pub fn is_eml(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("eml"))
}

/// Imports one mail file into `folder`.
pub fn import_file(
    store: &mut Store,
    folder: FolderId,
    path: &Path,
    now: i64,
) -> Result<Imported, Error> {
    let raw = read_mail_file(path)?;
    let sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&raw));
    if let Some(message) = store.find_in_folder(folder, &sha)? {
        return Ok(Imported {
            message,
            new: false,
        });
    }
    let message = store.import(folder, &raw, &mime::summarize(&raw), now)?;
    Ok(Imported { message, new: true })
}

/// Reads a mail file, refusing files larger than [`MAX_FILE`] before reading them.
pub fn read_mail_file(path: &Path) -> Result<Vec<u8>, Error> {
    let read_error = |source: io::Error| Error::Read {
        path: path.to_path_buf(),
        source: Arc::new(source),
    };
    let meta = std::fs::metadata(path).map_err(read_error)?;
    if !meta.is_file() {
        return Err(read_error(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a file",
        )));
    }
    if meta.len() > MAX_FILE {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
        });
    }
    std::fs::read(path).map_err(read_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_eml_files_count() {
        assert!(is_eml(Path::new("/tmp/Rechnung.eml")));
        assert!(is_eml(Path::new("x.EML")));
        assert!(!is_eml(Path::new("x.eml.exe")));
        assert!(!is_eml(Path::new("eml")));
    }

    #[test]
    fn the_same_bytes_are_imported_once_per_folder() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let mut store = Store::open_in(dir.path())?;
        let folder = store.create_local_folder("Archiv")?;
        let other = store.create_local_folder("Anderer")?;
        let file = dir.path().join("m.eml");
        std::fs::write(&file, b"Subject: Hallo\r\nFrom: a@b.de\r\n\r\nText\r\n")?;
        let first = import_file(&mut store, folder, &file, 1)?;
        assert!(first.new);
        let again = import_file(&mut store, folder, &file, 2)?;
        assert_eq!(
            again,
            Imported {
                message: first.message,
                new: false
            }
        );
        assert!(import_file(&mut store, other, &file, 3)?.new);
        assert_eq!(store.raw(first.message)?, std::fs::read(&file)?);
        assert!(matches!(
            import_file(&mut store, folder, &dir.path().join("missing.eml"), 4),
            Err(Error::Read { .. })
        ));
        assert!(matches!(
            import_file(&mut store, folder, dir.path(), 5),
            Err(Error::Read { .. })
        ));
        Ok(())
    }
}
