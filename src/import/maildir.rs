//! Maildir folders: one file per message in `cur/` and `new/`, the flags at the end of the name
//! (`…:2,FRS`: S seen, F flagged, R replied, T trashed). Maildir++ keeps subfolders beside
//! them as `.Name` and `.Name.Sub` directories.

use std::io;
use std::path::{Path, PathBuf};

/// A message file of a Maildir and its flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailFile {
    pub path: PathBuf,
    pub seen: bool,
    pub flagged: bool,
    /// Marked for deletion ("T"): not imported.
    pub trashed: bool,
}

/// Whether `dir` is a Maildir (it has `cur` and `new`).
pub fn is_maildir(dir: &Path) -> bool {
    dir.join("cur").is_dir() && dir.join("new").is_dir()
}

/// The message files of the Maildir `dir`, `new/` after `cur/`, each in name order.
pub fn messages(dir: &Path) -> io::Result<Vec<MailFile>> {
    let mut out = Vec::new();
    for sub in ["cur", "new"] {
        let mut names: Vec<PathBuf> = std::fs::read_dir(dir.join(sub))?
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| e.path())
            .filter(|p| {
                !p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            })
            .collect();
        names.sort();
        for path in names {
            let flags = flags(&path.file_name().unwrap_or_default().to_string_lossy());
            out.push(MailFile {
                seen: flags.contains('S'),
                flagged: flags.contains('F'),
                trashed: flags.contains('T'),
                path,
            });
        }
    }
    Ok(out)
}

/// The flag letters of a Maildir file name (after ":2,"; on Windows often "!2,").
fn flags(name: &str) -> String {
    name.rsplit_once(":2,")
        .or_else(|| name.rsplit_once("!2,"))
        .map(|(_, f)| f.to_owned())
        .unwrap_or_default()
}

/// The Maildir++ subfolders of `dir`: (their names split at the dots, path), in name order.
pub fn subfolders(dir: &Path) -> io::Result<Vec<(Vec<String>, PathBuf)>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)?.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if let Some(rest) = name.strip_prefix('.')
            && !rest.is_empty()
            && is_maildir(&path)
        {
            out.push((rest.split('.').map(str::to_owned).collect(), path));
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_come_from_the_file_name() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        for sub in ["cur", "new", "tmp", ".Archiv.2024/cur", ".Archiv.2024/new"] {
            std::fs::create_dir_all(dir.path().join(sub))?;
        }
        std::fs::write(dir.path().join("cur/1.a.host:2,FS"), "Subject: a\n\nx\n")?;
        std::fs::write(dir.path().join("cur/2.b.host:2,ST"), "Subject: b\n\nx\n")?;
        std::fs::write(dir.path().join("new/3.c.host"), "Subject: c\n\nx\n")?;
        let got = messages(dir.path())?;
        let summary: Vec<(bool, bool, bool)> =
            got.iter().map(|m| (m.seen, m.flagged, m.trashed)).collect();
        assert_eq!(
            summary,
            [
                (true, true, false),
                (true, false, true),
                (false, false, false)
            ]
        );
        assert!(is_maildir(dir.path()));
        let subs = subfolders(dir.path())?;
        assert_eq!(subs.len(), 1);
        assert_eq!(subs[0].0, ["Archiv", "2024"]);
        Ok(())
    }
}
