//! Copying a file to the X11 clipboard, to paste it into a file manager (the fallback for
//! dragging out).
//!
//! A thread with its own X connection and an unmapped window owns the `CLIPBOARD` selection and
//! answers paste requests with the same code that answers drop targets ([`super::xdnd::answer`]):
//! `text/uri-list`, `x-special/gnome-copied-files` (`copy\nfile:///…`, what GNOME, KDE and most
//! file managers paste as files) and the path as `UTF8_STRING`/`text/plain`. The thread ends when
//! another program (or the next copy) takes the clipboard, or with the app: as everywhere on X11,
//! the copy is gone once its owner quits (unless a clipboard manager kept it).

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use x11rb::connection::Connection;
use x11rb::protocol::Event;
use x11rb::protocol::xproto::ConnectionExt as _;

use crate::ui::platform::dragout::Error;
use crate::ui::platform::dragout::x11::{Helper, x11};
use crate::ui::platform::dragout::xdnd::{self, Offer};

/// How long to wait for the server's time stamp before taking the clipboard.
const TIME_WAIT: Duration = Duration::from_secs(2);

/// Puts `file` on the clipboard of X display `display` (`None`: `$DISPLAY`) as a file to paste.
/// Returns once the clipboard is ours; a thread answers paste requests from then on. Blocks
/// briefly (a few round trips to the X server).
pub fn copy_file(display: Option<&str>, file: &Path) -> Result<(), Error> {
    let path = std::fs::canonicalize(file).map_err(|e| Error::File(Arc::new(e)))?;
    let helper = Helper::open(display)?;
    let time = helper.own(helper.atoms.CLIPBOARD, TIME_WAIT)?;
    let offer = Offer::file(&path, true, time);
    std::thread::Builder::new()
        .name("postfach-clipboard".into())
        .spawn(move || serve(&helper, &offer))
        .map_err(x11)?;
    tracing::debug!("a file is on the clipboard");
    Ok(())
}

/// Whether copying files to the clipboard works here (an X11 display to talk to).
pub fn available() -> bool {
    std::env::var_os("DISPLAY").is_some_and(|d| !d.is_empty())
}

/// Answers paste requests until the clipboard is taken by someone else.
fn serve(helper: &Helper, offer: &Offer) {
    let atoms = helper.atoms;
    loop {
        let event = match helper.conn.wait_for_event() {
            Ok(event) => event,
            Err(e) => {
                tracing::debug!(error = %e, "clipboard connection closed");
                return;
            }
        };
        match event {
            Event::SelectionRequest(r) => {
                match xdnd::answer(&helper.conn, &atoms, atoms.CLIPBOARD, &r, offer) {
                    Ok(served) => tracing::debug!(?served, target = r.target, "clipboard pasted"),
                    Err(e) => tracing::debug!(error = %e, "could not answer a paste"),
                }
            }
            Event::SelectionClear(c) if c.selection == atoms.CLIPBOARD => {
                tracing::debug!("another program took the clipboard");
                let _ = helper.conn.destroy_window(helper.window);
                let _ = helper.conn.flush();
                return;
            }
            _ => {}
        }
    }
}
