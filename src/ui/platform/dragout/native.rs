//! Windows and macOS: the system's own file drag (OLE `DoDragDrop`, `NSDraggingSession`) through
//! the `drag` crate. Runs on the event-loop thread (inside `iced::window::run`): on macOS the drag
//! is built from the current mouse event, on Windows `DoDragDrop` runs its own modal loop until
//! the drop.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use iced::futures::channel::oneshot;

use crate::ui::platform::dragout::{Error, Outcome};

/// The picture under the pointer while dragging.
const DRAG_IMAGE: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/resources/icons/hicolor/48x48/apps/org.postfach.Postfach.png"
));

type Done = Arc<Mutex<Option<oneshot::Sender<Outcome>>>>;

/// Starts the drag of `file` out of `window`; the outcome goes to `done`.
pub fn start(window: &dyn iced::window::Window, file: PathBuf, done: oneshot::Sender<Outcome>) {
    let done: Done = Arc::new(Mutex::new(Some(done)));
    let file = match std::path::absolute(&file) {
        Ok(file) => file,
        Err(e) => {
            finish(&done, Outcome::Failed(Error::File(Arc::new(e))));
            return;
        }
    };
    let on_end = Arc::clone(&done);
    let started = drag::start_drag(
        &window,
        drag::DragItem::Files(vec![file]),
        drag::Image::Raw(DRAG_IMAGE.to_vec()),
        move |result: drag::DragResult, _at: drag::CursorPosition| {
            let outcome = if matches!(result, drag::DragResult::Dropped) {
                Outcome::Dropped
            } else {
                Outcome::Cancelled
            };
            finish(&on_end, outcome);
        },
        drag::Options::default(),
    );
    if let Err(e) = started {
        tracing::warn!(error = %e, "could not start the drag");
        finish(&done, Outcome::Failed(Error::Native(e.to_string())));
    }
}

/// Reports the outcome once (the callback may in theory run more than once).
fn finish(done: &Done, outcome: Outcome) {
    if let Some(tx) = done.lock().ok().and_then(|mut d| d.take()) {
        let _ = tx.send(outcome);
    }
}
