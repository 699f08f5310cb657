//! `.eml` files dropped onto the window, imported into the folder being shown.

use std::path::PathBuf;

use crate::fl;
use crate::import::{self as mail_files, is_eml};
use crate::store::{self, FolderId, FolderKind, Scope, Store};
use crate::ui::service::db::Error;

/// What an import did.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    /// Messages imported.
    pub count: usize,
    /// The folder they went to (display name).
    pub folder: String,
    /// One line per file that was not imported.
    pub failures: Vec<String>,
}

/// The folder that dropped mail goes to: the folder shown, else the first account's Inbox, else
/// a local folder "Imported" (created when needed).
pub fn target_folder(store: &mut Store, scope: Option<Scope>) -> Result<FolderId, Error> {
    match scope {
        Some(Scope::Folder(id)) => return Ok(id),
        Some(Scope::Account(account, kind)) if kind != FolderKind::Local => {
            return Ok(store.folder(account, kind)?);
        }
        _ => {}
    }
    let folders = store.folders()?;
    if let Some(inbox) = folders.iter().find(|f| f.kind == FolderKind::Inbox) {
        return Ok(inbox.id);
    }
    let name = fl!("ui-import-folder-name");
    match store.create_local_folder(&name) {
        Ok(id) => Ok(id),
        Err(store::Error::FolderExists(_)) => store
            .folders()?
            .into_iter()
            .find(|f| f.kind == FolderKind::Local && f.name.eq_ignore_ascii_case(&name))
            .map(|f| f.id)
            .ok_or(Error::Store(store::Error::NotFound)),
        Err(e) => Err(e.into()),
    }
}

/// Imports the files into the folder for `scope`. Files that are not `.eml`, too large or
/// unreadable are skipped and reported; the others are imported.
pub fn import_files(
    store: &mut Store,
    scope: Option<Scope>,
    files: &[PathBuf],
    now: i64,
) -> Result<Imported, Error> {
    let folder = target_folder(store, scope)?;
    let mut result = Imported {
        folder: store
            .folders()?
            .iter()
            .find(|f| f.id == folder)
            .map(crate::ui::screen::mail::sidebar::folder_name)
            .unwrap_or_default(),
        ..Imported::default()
    };
    for path in files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        if !is_eml(path) {
            result.failures.push(fl!("ui-import-not-eml", name = name));
            continue;
        }
        match mail_files::import_file(store, folder, path, now) {
            Ok(_) => result.count += 1,
            Err(mail_files::Error::Store(e)) => return Err(e.into()),
            Err(e) => {
                result
                    .failures
                    .push(fl!("ui-import-failed", name = name, detail = e.to_string()))
            }
        }
    }
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dropped_files_land_in_the_folder_shown() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let mut store = Store::open_in(dir.path())?;
        let eml = dir.path().join("Gruß.eml");
        std::fs::write(&eml, b"From: a@b.example\r\nSubject: Hallo\r\n\r\nText\r\n")?;
        let other = dir.path().join("bild.png");
        std::fs::write(&other, b"x")?;
        let result = import_files(&mut store, None, &[eml, other], 1_700_000_000)?;
        assert_eq!(result.count, 1);
        assert_eq!(result.failures.len(), 1);
        let folder = store
            .folders()?
            .into_iter()
            .find(|f| f.kind == FolderKind::Local)
            .ok_or("no local folder")?;
        assert_eq!(folder.total, 1);
        assert_eq!(result.folder, folder.name);
        Ok(())
    }
}
