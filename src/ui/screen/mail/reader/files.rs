//! Attachments leaving the app: saved where the user chooses, opened with the system's program
//! from a private temporary copy, and the hook for dragging them out of the window.

use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use crate::mime;
use crate::store::MessageId;

/// Environment variable naming a program to open files and links with instead of the system's
/// (`xdg-open`, `open`, `explorer`). Tests and kiosk setups use it.
pub const OPENER_ENV: &str = "POSTFACH_OPENER";

/// Drag copies older than this are removed when the app starts (left over from a crash).
pub const DRAG_COPIES_KEPT: Duration = Duration::from_secs(24 * 60 * 60);

/// The app's private temporary folder (created, owner-only on Unix).
fn temp_base() -> io::Result<PathBuf> {
    let base = std::env::temp_dir().join(format!("postfach-{}", user_tag()));
    create_private_dir(&base)?;
    Ok(base)
}

/// The private temporary folder for one message's attachments (created, owner-only on Unix).
pub fn temp_dir_for(message: MessageId) -> io::Result<PathBuf> {
    let dir = temp_base()?.join(message.to_string());
    create_private_dir(&dir)?;
    Ok(dir)
}

/// The folder that holds one folder per drag (or clipboard copy).
fn drag_base() -> io::Result<PathBuf> {
    let dir = temp_base()?.join("drag");
    create_private_dir(&dir)?;
    Ok(dir)
}

/// Writes attachment `index` for dragging it out (or copying it to the clipboard): into a fresh
/// private folder of its own, so the file has exactly the attachment's safe name, also the second
/// time the same attachment is dragged. Returns the file's path.
pub fn write_drag_copy(raw: &[u8], index: usize, name: &str) -> io::Result<PathBuf> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let bytes = attachment(raw, index)?;
    let base = drag_base()?;
    let pid = std::process::id();
    for _ in 0..100 {
        let dir = base.join(format!("{pid}-{}", NEXT.fetch_add(1, Ordering::Relaxed)));
        match new_private_dir(&dir) {
            Ok(()) => return mime::save_attachment(&dir, name, &bytes),
            // Left over by an earlier process with the same id: take the next number.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "no free folder for the drag copy",
    ))
}

/// Which drag copies [`remove_drag_copies`] removes.
#[derive(Debug, Clone, Copy)]
pub enum Leftovers {
    /// Those this process made (at exit).
    Mine,
    /// Those not touched for this long (at start: a crashed or killed run left them).
    OlderThan(Duration),
}

/// Removes drag copies (their folders); returns how many folders went. Never fails: what cannot be
/// removed is logged and left.
pub fn remove_drag_copies(which: Leftovers) -> usize {
    let Ok(base) = drag_base() else {
        return 0;
    };
    let Ok(entries) = std::fs::read_dir(&base) else {
        return 0;
    };
    let mine = format!("{}-", std::process::id());
    let mut removed = 0;
    for entry in entries.flatten() {
        let goes = match which {
            Leftovers::Mine => entry.file_name().to_string_lossy().starts_with(&mine),
            Leftovers::OlderThan(age) => entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|e| e > age),
        };
        if !goes {
            continue;
        }
        match std::fs::remove_dir_all(entry.path()) {
            Ok(()) => removed += 1,
            Err(e) => tracing::debug!(error = %e, "could not remove a drag copy"),
        }
    }
    removed
}

/// Creates `dir` (not its parents) owner-only from the start; fails if it exists.
fn new_private_dir(dir: &Path) -> io::Result<()> {
    #[cfg_attr(not(unix), allow(unused_mut))]
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        let _ = builder.mode(0o700);
    }
    builder.create(dir)
}

/// Something that tells users apart on a shared machine, for the temp folder's name.
fn user_tag() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .map(|u| mime::safe_file_name(&u))
        .unwrap_or_else(|_| "user".to_owned())
}

fn create_private_dir(dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// The decoded bytes of attachment `index`, or a "not found" error.
pub fn attachment(raw: &[u8], index: usize) -> io::Result<Vec<u8>> {
    mime::attachment_bytes(raw, index)
        .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "the attachment is gone"))
}

/// Writes attachment `index` into the message's temporary folder; returns the file's path.
/// An earlier copy with the same name is never overwritten (a numbered name is used).
pub fn write_temp(raw: &[u8], index: usize, name: &str, message: MessageId) -> io::Result<PathBuf> {
    let bytes = attachment(raw, index)?;
    let dir = temp_dir_for(message)?;
    mime::save_attachment(&dir, name, &bytes)
}

/// Writes every listed attachment into `dir` (never overwriting); returns how many were saved.
pub fn save_all(raw: &[u8], attachments: &[(usize, String)], dir: &Path) -> io::Result<usize> {
    let mut saved = 0;
    for (index, name) in attachments {
        let bytes = attachment(raw, *index)?;
        mime::save_attachment(dir, name, &bytes)?;
        saved += 1;
    }
    Ok(saved)
}

/// Opens a file with the system's default program (without waiting for it).
pub fn open_path(path: &Path) -> io::Result<()> {
    spawn_opener(path.as_os_str())
}

/// Opens an `http`, `https` or `mailto` link in the browser or mail program.
pub fn open_url(url: &str) -> io::Result<()> {
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("mailto:"))
    {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "only web and mail links are opened",
        ));
    }
    spawn_opener(std::ffi::OsStr::new(url))
}

fn opener() -> Command {
    if let Some(program) = std::env::var_os(OPENER_ENV).filter(|p| !p.is_empty()) {
        return Command::new(program);
    }
    #[cfg(target_os = "macos")]
    {
        Command::new("open")
    }
    #[cfg(target_os = "windows")]
    {
        Command::new("explorer")
    }
    #[cfg(not(any(target_os = "macos", target_os = "windows")))]
    {
        Command::new("xdg-open")
    }
}

fn spawn_opener(target: &std::ffi::OsStr) -> io::Result<()> {
    let mut child = opener()
        .arg(target)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    // Reap the opener when it exits, without holding up the caller.
    std::thread::spawn(move || {
        let _ = child.wait();
    });
    Ok(())
}

/// Hook for dragging an attachment out of the window: called with the temporary copy once the
/// user pressed on a chip. The platform drag (XDND on X11, the `drag` crate on Windows/macOS) is
/// wired here in a later change; until then the copy is only prepared.
pub fn start_platform_drag(path: &Path) {
    tracing::debug!(file = %path.display(), "attachment ready to drag (platform drag not wired yet)");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_links_are_opened() {
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "/bin/sh",
            "data:text/html,x",
        ] {
            let e = open_url(bad).err();
            assert_eq!(
                e.map(|e| e.kind()),
                Some(io::ErrorKind::InvalidInput),
                "{bad}"
            );
        }
    }

    #[test]
    fn temp_dirs_are_private() -> io::Result<()> {
        let dir = temp_dir_for(MessageId(987_654_321))?;
        assert!(dir.is_dir());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&dir)?.permissions().mode() & 0o777;
            assert_eq!(mode, 0o700);
        }
        std::fs::remove_dir(&dir)?;
        Ok(())
    }

    #[test]
    fn every_drag_copy_has_the_exact_name_in_a_private_folder_of_its_own() -> io::Result<()> {
        let raw = b"From: a@example.de\r\nSubject: x\r\nMIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nHallo\r\n\
--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"a.pdf\"\r\n\
Content-Transfer-Encoding: base64\r\n\r\nSlZCRVJJMQ==\r\n--b--\r\n";
        let index = crate::mime::parse(raw)
            .attachments
            .first()
            .map(|a| a.index)
            .ok_or_else(|| io::Error::other("no attachment"))?;
        let name = "Rechnung März: Q3.pdf";
        let first = write_drag_copy(raw, index, name)?;
        let second = write_drag_copy(raw, index, name)?;
        let safe = mime::safe_file_name(name);
        for copy in [&first, &second] {
            assert_eq!(
                copy.file_name().map(|n| n.to_string_lossy()),
                Some(safe.as_str().into())
            );
            assert_eq!(std::fs::read(copy)?, b"JVBERI1");
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let dir = copy.parent().ok_or_else(|| io::Error::other("no folder"))?;
                assert_eq!(std::fs::metadata(dir)?.permissions().mode() & 0o777, 0o700);
            }
        }
        assert_ne!(first.parent(), second.parent());
        // Recent copies survive the start-up sweep; this process's copies go at exit.
        let _ = remove_drag_copies(Leftovers::OlderThan(DRAG_COPIES_KEPT));
        assert!(first.exists() && second.exists());
        assert!(remove_drag_copies(Leftovers::Mine) >= 2);
        assert!(!first.exists() && !second.exists());
        assert!(first.parent().is_some_and(|d| !d.exists()));
        Ok(())
    }
}
