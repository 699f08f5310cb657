//! Dragging a file out of the window onto the desktop or into a file manager.
//!
//! iced 0.14 (winit 0.30) can receive drops but cannot start a drag, so Postfach is its own drag
//! source:
//! - **X11** (and Wayland sessions through XWayland, see [`xwayland`]): an XDND source written with
//!   `x11rb` ([`x11`]). It runs on a thread of its own with its own X connection, follows the pointer
//!   while the button that pressed the chip is held, talks XDND to the window under it and hands the
//!   file over as a `text/uri-list`.
//! - **Windows and macOS**: the system's drag through the `drag` crate (`native.rs`), started on
//!   the event-loop thread with the window handle iced gives to [`iced::window::run`].
//!
//! [`start`] is the one entry point for the UI: call it right after a mouse press on an
//! attachment chip, with a temporary copy of the attachment. The returned task completes when the
//! drag has ended; it never blocks the event loop and every wait in it is bounded.

#[cfg(target_os = "linux")]
pub mod clipboard;
#[cfg(any(target_os = "windows", target_os = "macos"))]
mod native;
pub mod uri;
#[cfg(target_os = "linux")]
pub mod x11;
#[cfg(target_os = "linux")]
mod xdnd;
pub mod xwayland;

use std::path::PathBuf;
use std::sync::Arc;

use iced::Task;
use iced::futures::channel::oneshot;
use iced::window;
use raw_window_handle::RawWindowHandle;

pub use uri::{file_uri, uri_list};

/// How a drag ended.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// A drop target took the file.
    Dropped,
    /// Released where nothing accepts files, refused by the target, or cancelled with Esc. Also a
    /// press that was released before the drag began (a plain click on the chip).
    Cancelled,
    /// Something went wrong; the user should use "Save as…" instead.
    Failed(Error),
}

/// What can go wrong while dragging out. `Clone`, so it travels in messages.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    /// The window system offers no way to drag out (e.g. a native Wayland window).
    #[error("dragging files out is not supported on this window system ({0})")]
    Unsupported(&'static str),
    /// The app's window could not be found or gave no handle.
    #[error("the window is not available: {0}")]
    NoWindow(String),
    /// The file to drag is missing or unreadable.
    #[error("the file to drag is not available: {0}")]
    File(Arc<std::io::Error>),
    /// Talking to the X server failed.
    #[error("X11: {0}")]
    X11(Arc<dyn std::error::Error + Send + Sync>),
    /// The drop target stopped answering.
    #[error("the drop target did not answer in time")]
    Timeout,
    /// The drop target reported that it could not take the file.
    #[error("the drop target could not take the file")]
    Refused,
    /// The system's drag (Windows, macOS) could not be started.
    #[error("the drag could not be started: {0}")]
    Native(String),
    /// The drag thread ended without a result.
    #[error("the drag ended unexpectedly")]
    Lost,
}

/// Whether attachments can be copied to the clipboard as files here (X11, also through
/// XWayland). Elsewhere the "Copy" action is not offered: no safe crate among our dependencies
/// puts a file list on the Windows or macOS clipboard.
pub fn can_copy() -> bool {
    #[cfg(target_os = "linux")]
    {
        static AVAILABLE: std::sync::LazyLock<bool> =
            std::sync::LazyLock::new(clipboard::available);
        *AVAILABLE
    }
    #[cfg(not(target_os = "linux"))]
    {
        false
    }
}

/// Puts `file` on the clipboard as a file to paste into a file manager (see [`can_copy`]).
/// Blocks briefly: call it off the UI thread.
pub fn copy_to_clipboard(file: &std::path::Path) -> Result<(), Error> {
    #[cfg(target_os = "linux")]
    {
        clipboard::copy_file(None, file)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = file;
        Err(Error::Unsupported("clipboard"))
    }
}

/// Drags `file` out of the app's (oldest, i.e. main) window. See [`start_in`].
pub fn start(file: PathBuf) -> Task<Outcome> {
    window::oldest().then(move |id| match id {
        Some(id) => start_in(id, file.clone()),
        None => Task::done(Outcome::Failed(Error::NoWindow("no window is open".into()))),
    })
}

/// Drags `file` (a temporary copy the target may copy or move) out of window `id`.
///
/// Call it while the mouse button that pressed the chip is still held: on X11 the drag follows the
/// pointer until that button is released (a button already released gives
/// [`Outcome::Cancelled`]); on macOS the drag is built from the current mouse event. The task
/// completes with the outcome once the drop target is done; the X11 drag gives up after bounded
/// waits (see [`x11::Limits`]).
pub fn start_in(id: window::Id, file: PathBuf) -> Task<Outcome> {
    window::run(id, move |w| begin(w, file))
        .then(|rx| Task::future(async move { rx.await.unwrap_or(Outcome::Failed(Error::Lost)) }))
}

/// Runs on the event-loop thread: looks at the window's handle and starts the platform's drag.
fn begin(window: &dyn window::Window, file: PathBuf) -> oneshot::Receiver<Outcome> {
    let (done, rx) = oneshot::channel();
    let handle = match window.window_handle() {
        Ok(h) => h.as_raw(),
        Err(e) => {
            let _ = done.send(Outcome::Failed(Error::NoWindow(e.to_string())));
            return rx;
        }
    };
    match handle {
        #[cfg(target_os = "linux")]
        RawWindowHandle::Xlib(h) => match u32::try_from(h.window) {
            Ok(id) => x11::spawn(x11::Request::new(id, file), done),
            Err(_) => {
                let _ = done.send(Outcome::Failed(Error::NoWindow("bad X11 window id".into())));
            }
        },
        #[cfg(target_os = "linux")]
        RawWindowHandle::Xcb(h) => x11::spawn(x11::Request::new(h.window.get(), file), done),
        #[cfg(any(target_os = "windows", target_os = "macos"))]
        RawWindowHandle::Win32(_) | RawWindowHandle::AppKit(_) => {
            native::start(window, file, done);
        }
        other => {
            let _ = done.send(Outcome::Failed(Error::Unsupported(kind(&other))));
        }
    }
    rx
}

fn kind(handle: &RawWindowHandle) -> &'static str {
    match handle {
        RawWindowHandle::Wayland(_) => "Wayland",
        RawWindowHandle::Xlib(_) | RawWindowHandle::Xcb(_) => "X11",
        RawWindowHandle::Win32(_) => "Win32",
        RawWindowHandle::AppKit(_) => "AppKit",
        _ => "other",
    }
}
