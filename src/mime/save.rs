//! Saving attachment bytes into a directory without ever overwriting a file.

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::names::safe_file_name;

/// How many numbered variants (`name (2).ext` … ) are tried before giving up.
const MAX_VARIANTS: u32 = 10_000;

/// A path in `dir` for `name` (made safe with [`safe_file_name`]) that does not exist yet:
/// `dir/name`, else `dir/name (2).ext`, `dir/name (3).ext`, …
///
/// Only a suggestion (for a dialog's default, say): another program may create the file before it is
/// used. To write, use [`save_attachment`], which never overwrites. A dangling symlink counts as
/// existing. After [`MAX_VARIANTS`] taken names the last candidate is returned.
pub fn unique_path(dir: &Path, name: &str) -> PathBuf {
    let name = safe_file_name(name);
    let mut candidate = dir.join(&name);
    for n in 2..=MAX_VARIANTS {
        if !exists(&candidate) {
            break;
        }
        candidate = dir.join(numbered(&name, n));
    }
    candidate
}

/// Writes `bytes` to a new file in `dir` named after `name` (made safe), numbering the name when it
/// is taken, and returns the path written.
///
/// The file is created with `create_new` (`O_CREAT | O_EXCL`), so an existing file — or one created
/// by someone else in the meantime, or a symlink planted there — is never overwritten or followed.
/// On a write error the partial file is removed.
pub fn save_attachment(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<PathBuf> {
    let name = safe_file_name(name);
    for n in 1..=MAX_VARIANTS {
        let path = if n == 1 {
            dir.join(&name)
        } else {
            dir.join(numbered(&name, n))
        };
        let mut file = match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        };
        if let Err(e) = file.write_all(bytes).and_then(|()| file.flush()) {
            drop(file);
            let _ = std::fs::remove_file(&path);
            return Err(e);
        }
        tracing::debug!(bytes = bytes.len(), "attachment saved");
        return Ok(path);
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("no free file name for {name:?} after {MAX_VARIANTS} attempts"),
    ))
}

fn exists(path: &Path) -> bool {
    path.symlink_metadata().is_ok()
}

/// `name (n).ext` for `name.ext`; `name (n)` without an extension.
fn numbered(name: &str, n: u32) -> String {
    match name.rfind('.') {
        Some(dot) if dot > 0 => format!("{} ({n}){}", &name[..dot], &name[dot..]),
        _ => format!("{name} ({n})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_names_keep_the_extension() {
        assert_eq!(numbered("Rechnung.pdf", 2), "Rechnung (2).pdf");
        assert_eq!(numbered("README", 3), "README (3)");
        assert_eq!(numbered("archiv.tar.gz", 2), "archiv.tar (2).gz");
    }

    #[test]
    fn unique_path_skips_existing_files() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        assert_eq!(unique_path(dir.path(), "a.txt"), dir.path().join("a.txt"));
        std::fs::write(dir.path().join("a.txt"), b"x")?;
        assert_eq!(
            unique_path(dir.path(), "a.txt"),
            dir.path().join("a (2).txt")
        );
        std::fs::write(dir.path().join("a (2).txt"), b"x")?;
        assert_eq!(
            unique_path(dir.path(), "a.txt"),
            dir.path().join("a (3).txt")
        );
        // The name is made safe first.
        assert_eq!(
            unique_path(dir.path(), "../../a.txt"),
            dir.path().join("a (3).txt")
        );
        Ok(())
    }

    #[test]
    fn save_never_overwrites() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let first = save_attachment(dir.path(), "Brief.txt", b"eins")?;
        let second = save_attachment(dir.path(), "Brief.txt", b"zwei")?;
        let third = save_attachment(dir.path(), "../Brief.txt", b"drei")?;
        assert_eq!(first, dir.path().join("Brief.txt"));
        assert_eq!(second, dir.path().join("Brief (2).txt"));
        assert_eq!(third, dir.path().join("Brief (3).txt"));
        assert_eq!(std::fs::read(&first)?, b"eins");
        assert_eq!(std::fs::read(&second)?, b"zwei");
        assert_eq!(std::fs::read(&third)?, b"drei");
        assert_eq!(std::fs::read_dir(dir.path())?.count(), 3);
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn save_does_not_follow_a_planted_symlink() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let target = dir.path().join("target");
        std::fs::write(&target, b"original")?;
        std::os::unix::fs::symlink(&target, dir.path().join("x.txt"))?;
        let written = save_attachment(dir.path(), "x.txt", b"neu")?;
        assert_eq!(written, dir.path().join("x (2).txt"));
        assert_eq!(std::fs::read(&target)?, b"original");
        Ok(())
    }

    #[test]
    fn concurrent_saves_get_distinct_files() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let paths: Vec<io::Result<PathBuf>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..8u8)
                .map(|i| {
                    let dir = dir.path();
                    s.spawn(move || save_attachment(dir, "gleich.bin", &[i]))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Err(io::Error::other("thread panicked")))
                })
                .collect()
        });
        let mut contents = Vec::new();
        for path in paths {
            contents.push(std::fs::read(path?)?);
        }
        contents.sort();
        assert_eq!(contents, (0..8u8).map(|i| vec![i]).collect::<Vec<_>>());
        Ok(())
    }
}
