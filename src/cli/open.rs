//! `postfach FILE…`: mail files handed over by the desktop (double-click on an `.eml`, the
//! desktop entry's `%U`, Windows' `"%1"`). They are imported into the local folder "Opened files"
//! (once: opening the same file again finds the earlier copy), and the window shows them.

use std::path::PathBuf;

use crate::fl;
use crate::store::{FolderId, FolderKind, MessageId, Store};

/// A `file://` URI or a plain path → a path.
pub fn path_of(arg: &str) -> PathBuf {
    let Some(rest) = arg.strip_prefix("file://") else {
        return PathBuf::from(arg);
    };
    // file:///path or file://localhost/path
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    PathBuf::from(percent_decode(path))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Imports the files; returns the folder and the last message, for the window to show.
pub fn import(
    store: &mut Store,
    args: &[String],
    now: i64,
) -> Result<Option<(FolderId, MessageId)>, String> {
    let name = fl!("open-folder-name");
    let folder = match store
        .folders()
        .map_err(|e| e.to_string())?
        .into_iter()
        .find(|f| f.kind == FolderKind::Local && f.name == name)
    {
        Some(f) => f.id,
        None => store
            .create_local_folder(&name)
            .map_err(|e| e.to_string())?,
    };
    let mut last = None;
    for arg in args {
        let path = path_of(arg);
        let imported = crate::import::import_file(store, folder, &path, now).map_err(|e| {
            fl!(
                "open-failed",
                path = path.display().to_string(),
                detail = e.to_string()
            )
        })?;
        last = Some((folder, imported.message));
    }
    Ok(last)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Scope;

    #[test]
    fn uris_and_paths_become_paths() {
        assert_eq!(path_of("/tmp/a b.eml"), PathBuf::from("/tmp/a b.eml"));
        assert_eq!(
            path_of("file:///tmp/Gr%C3%BC%C3%9Fe%20an%20dich.eml"),
            PathBuf::from("/tmp/Grüße an dich.eml")
        );
        assert_eq!(path_of("file://localhost/x.eml"), PathBuf::from("/x.eml"));
        assert_eq!(path_of("file:///bad%zz"), PathBuf::from("/bad%zz"));
    }

    #[test]
    fn opening_the_same_file_twice_imports_it_once() {
        // the folder is found by its name in the UI language: no other test may switch it
        let _language = crate::i18n::hold(crate::i18n::Language::English);
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in(dir.path()).unwrap();
        let file = dir.path().join("m.eml");
        std::fs::write(&file, b"Subject: Hallo\r\nFrom: a@b.de\r\n\r\nText\r\n").unwrap();
        let arg = file.to_string_lossy().into_owned();
        let (folder, first) = import(&mut store, std::slice::from_ref(&arg), 1)
            .unwrap()
            .unwrap();
        let (_, again) = import(&mut store, &[arg], 2).unwrap().unwrap();
        assert_eq!(first, again);
        assert_eq!(store.count(&Scope::Folder(folder), false).unwrap(), 1);
        assert!(import(&mut store, &["/nonexistent.eml".into()], 3).is_err());
    }
}
