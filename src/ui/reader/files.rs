//! Attachments leaving the app: saved where the user chooses, opened with the system's program
//! from a private temporary copy, and the hook for dragging them out of the window.

use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::mime;
use crate::store::MessageId;

/// Environment variable naming a program to open files and links with instead of the system's
/// (`xdg-open`, `open`, `explorer`). Tests and kiosk setups use it.
pub const OPENER_ENV: &str = "POSTFACH_OPENER";

/// The private temporary folder for one message's attachments (created, owner-only on Unix).
pub fn temp_dir_for(message: MessageId) -> io::Result<PathBuf> {
    let base = std::env::temp_dir().join(format!("postfach-{}", user_tag()));
    create_private_dir(&base)?;
    let dir = base.join(message.to_string());
    create_private_dir(&dir)?;
    Ok(dir)
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
}
