//! The XDND drag source for X11 (and XWayland).
//!
//! The drag runs on a thread with its own X connection and an unmapped window of its own (the
//! XDND source window and owner of `XdndSelection`). The app's window keeps the implicit pointer
//! grab of the press on the chip, so iced sees the whole press–move–release itself and never
//! thinks the button is stuck; this thread follows the pointer by asking the server where it is
//! (`QueryPointer`, every [`Limits::tick`]) until the button is released, and grabs only the
//! keyboard, for Esc. Every wait is bounded by [`Limits`].

use std::path::PathBuf;
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use iced::futures::channel::oneshot;
use x11rb::connection::Connection;
use x11rb::protocol::Event;
use x11rb::protocol::xproto::{
    ConnectionExt as _, CreateWindowAux, EventMask, GrabMode, GrabStatus, KeyButMask, PropMode,
    Window, WindowClass,
};
use x11rb::rust_connection::RustConnection;
use x11rb::wrapper::ConnectionExt as _;
use x11rb::{COPY_DEPTH_FROM_PARENT, COPY_FROM_PARENT};

use crate::ui::platform::dragout::xdnd::{self, Atoms, Offer, Served, Target};
use crate::ui::platform::dragout::{Error, Outcome};

/// How long the drag waits for things.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// How often the pointer is looked at.
    pub tick: Duration,
    /// How long to wait for the target's `XdndStatus` before going on without it.
    pub status: Duration,
    /// How long to wait after the drop for the target to fetch the file and send `XdndFinished`.
    pub finish: Duration,
    /// The longest a drag may last (the button held).
    pub drag: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            tick: Duration::from_millis(10),
            status: Duration::from_secs(2),
            finish: Duration::from_secs(30),
            drag: Duration::from_secs(600),
        }
    }
}

/// One drag.
#[derive(Debug, Clone)]
pub struct Request {
    /// The X display to connect to; `None` for `$DISPLAY`.
    pub display: Option<String>,
    /// The app's own window: never a drop target for its own drags.
    pub app_window: Window,
    /// The file to drag.
    pub file: PathBuf,
    pub limits: Limits,
}

impl Request {
    /// A drag of `file` out of `app_window` on `$DISPLAY`, with default limits.
    pub fn new(app_window: Window, file: PathBuf) -> Request {
        Request {
            display: None,
            app_window,
            file,
            limits: Limits::default(),
        }
    }
}

/// Runs [`drag`] on a thread of its own and sends the outcome to `done`.
pub fn spawn(request: Request, done: oneshot::Sender<Outcome>) {
    // If the thread cannot start, `done` is dropped with it and the caller sees the drag lost.
    let started = thread::Builder::new()
        .name("postfach-dragout".into())
        .spawn(move || {
            let _ = done.send(drag(&request));
        });
    if let Err(e) = started {
        tracing::warn!(error = %e, "could not start the drag thread");
    }
}

/// Drags the file until the button is released, Esc is pressed or a limit is reached. Blocks.
pub fn drag(request: &Request) -> Outcome {
    match run(request) {
        Ok(outcome) => {
            tracing::debug!(?outcome, "drag out ended");
            outcome
        }
        Err(e) => {
            tracing::warn!(error = %e, "drag out failed");
            Outcome::Failed(e)
        }
    }
}

fn run(request: &Request) -> Result<Outcome, Error> {
    let path = std::fs::canonicalize(&request.file).map_err(|e| Error::File(Arc::new(e)))?;
    let helper = Helper::open(request.display.as_deref())?;
    let pointer = helper
        .conn
        .query_pointer(helper.root)
        .map_err(x11)?
        .reply()
        .map_err(x11)?;
    if !held(pointer.mask) {
        tracing::debug!("the button was released before the drag began");
        return Ok(Outcome::Cancelled);
    }
    let time = helper.own(helper.atoms.XdndSelection, request.limits.status)?;
    let offer = Offer::file(&path, false, time);
    let Helper {
        conn,
        root,
        atoms,
        window: source,
    } = helper;
    let escape = xdnd::escape_keycode(&conn).map_err(x11)?;
    let grab = conn
        .grab_keyboard(false, root, time, GrabMode::ASYNC, GrabMode::ASYNC)
        .map_err(x11)?
        .reply()
        .map_err(x11)?;
    let keyboard = grab.status == GrabStatus::SUCCESS;
    if !keyboard {
        tracing::debug!(status = ?grab.status, "no keyboard grab: Esc will not cancel the drag");
    }

    let mut session = Session {
        conn: &conn,
        atoms,
        root,
        source,
        time,
        request,
        offer,
        escape,
        state: State::default(),
    };
    let outcome = session.run();
    if keyboard {
        let _ = conn.ungrab_keyboard(x11rb::CURRENT_TIME);
    }
    let _ = conn.destroy_window(source);
    // A round trip, so the server has handled every request (the last XDND message among them)
    // before the connection closes.
    if let Ok(cookie) = conn.get_input_focus() {
        let _ = cookie.reply();
    }
    outcome
}

/// A connection of our own with the atoms and an unmapped window that owns a selection (the XDND
/// source while dragging, the clipboard owner after a copy).
pub(super) struct Helper {
    pub conn: RustConnection,
    pub root: Window,
    pub atoms: Atoms,
    pub window: Window,
}

impl Helper {
    /// Connects to `display` (`None`: `$DISPLAY`) and creates the window.
    pub fn open(display: Option<&str>) -> Result<Helper, Error> {
        let (conn, screen) = x11rb::connect(display).map_err(x11)?;
        let root = conn
            .setup()
            .roots
            .get(screen)
            .map(|s| s.root)
            .ok_or_else(|| x11("no such screen"))?;
        let atoms = Atoms::new(&conn).map_err(x11)?.reply().map_err(x11)?;
        let window = conn.generate_id().map_err(x11)?;
        let aux = CreateWindowAux::new()
            .override_redirect(1)
            .event_mask(EventMask::PROPERTY_CHANGE);
        conn.create_window(
            COPY_DEPTH_FROM_PARENT,
            window,
            root,
            -10,
            -10,
            1,
            1,
            0,
            WindowClass::INPUT_ONLY,
            COPY_FROM_PARENT,
            &aux,
        )
        .map_err(x11)?;
        Ok(Helper {
            conn,
            root,
            atoms,
            window,
        })
    }

    /// Takes `selection` for our window (at a fresh server time, returned); fails if another
    /// client holds on to it.
    pub fn own(&self, selection: u32, wait: Duration) -> Result<u32, Error> {
        let time = server_time(&self.conn, &self.atoms, self.window, wait)?;
        self.conn
            .set_selection_owner(self.window, selection, time)
            .map_err(x11)?;
        let owner = self
            .conn
            .get_selection_owner(selection)
            .map_err(x11)?
            .reply()
            .map_err(x11)?
            .owner;
        if owner != self.window {
            return Err(x11("could not own the selection"));
        }
        Ok(time)
    }
}

/// Button 1 (the one that pressed the chip) is down.
fn held(mask: KeyButMask) -> bool {
    mask.contains(KeyButMask::BUTTON1)
}

/// A server time stamp (for owning the selection and the messages), from an empty property change.
pub(super) fn server_time(
    conn: &RustConnection,
    atoms: &Atoms,
    window: Window,
    wait: Duration,
) -> Result<u32, Error> {
    conn.change_property8(
        PropMode::APPEND,
        window,
        atoms.POSTFACH_TIME,
        atoms.UTF8_STRING,
        &[],
    )
    .map_err(x11)?;
    conn.flush().map_err(x11)?;
    let deadline = Instant::now() + wait;
    while Instant::now() < deadline {
        while let Some(event) = conn.poll_for_event().map_err(x11)? {
            if let Event::PropertyNotify(e) = event
                && e.window == window
            {
                return Ok(e.time);
            }
        }
        thread::sleep(Duration::from_millis(2));
    }
    Ok(xdnd::NO_TIME)
}

/// The drop target the pointer is over.
#[derive(Debug, Clone, Copy)]
struct Current {
    target: Target,
    accepted: bool,
    /// An `XdndPosition` waits for its `XdndStatus` since this instant.
    waiting_since: Option<Instant>,
    /// A position to send once the status arrives.
    pending: Option<(i16, i16)>,
}

#[derive(Debug, Default)]
struct State {
    current: Option<Current>,
    last_position: Option<(i16, i16)>,
    escaped: bool,
    lost_selection: bool,
    /// `Some(success)` once `XdndFinished` arrived.
    finished: Option<bool>,
    /// The target read the `text/uri-list`.
    delivered: bool,
}

struct Session<'a> {
    conn: &'a RustConnection,
    atoms: Atoms,
    root: Window,
    source: Window,
    time: u32,
    request: &'a Request,
    offer: Offer,
    escape: Option<u8>,
    state: State,
}

impl Session<'_> {
    fn run(&mut self) -> Result<Outcome, Error> {
        let limits = self.request.limits;
        let started = Instant::now();
        loop {
            self.pump()?;
            if self.state.escaped || self.state.lost_selection || started.elapsed() > limits.drag {
                tracing::debug!(
                    escaped = self.state.escaped,
                    lost = self.state.lost_selection,
                    "drag cancelled"
                );
                self.leave()?;
                return Ok(Outcome::Cancelled);
            }
            let pointer = self
                .conn
                .query_pointer(self.root)
                .map_err(x11)?
                .reply()
                .map_err(x11)?;
            if !held(pointer.mask) {
                return self.release();
            }
            let at = (pointer.root_x, pointer.root_y);
            if self.state.last_position != Some(at) {
                self.state.last_position = Some(at);
                self.moved(at)?;
            }
            self.send_pending(limits.status)?;
            thread::sleep(limits.tick);
        }
    }

    /// The pointer moved to `at`: switch targets if needed and queue a position.
    fn moved(&mut self, at: (i16, i16)) -> Result<(), Error> {
        let found = xdnd::find_target(self.conn, &self.atoms, self.root, self.request.app_window)
            .map_err(x11)?;
        let same = matches!((found, self.state.current), (Some(f), Some(c)) if f == c.target);
        if !same {
            self.leave()?;
            if let Some(target) = found {
                tracing::debug!(
                    window = target.window,
                    version = target.version,
                    "drag enters"
                );
                xdnd::enter(self.conn, &self.atoms, &target, self.source).map_err(x11)?;
                self.state.current = Some(Current {
                    target,
                    accepted: false,
                    waiting_since: None,
                    pending: None,
                });
            }
        }
        if let Some(current) = &mut self.state.current {
            current.pending = Some(at);
        }
        Ok(())
    }

    /// Sends the queued position unless the previous one still waits for its status.
    fn send_pending(&mut self, status_wait: Duration) -> Result<(), Error> {
        let Some(current) = &mut self.state.current else {
            return Ok(());
        };
        if let Some(since) = current.waiting_since {
            if since.elapsed() < status_wait {
                return Ok(());
            }
            tracing::debug!(window = current.target.window, "no XdndStatus in time");
            current.accepted = false;
            current.waiting_since = None;
        }
        if let Some(at) = current.pending.take() {
            xdnd::position(
                self.conn,
                &self.atoms,
                &current.target,
                self.source,
                at,
                self.time,
            )
            .map_err(x11)?;
            current.waiting_since = Some(Instant::now());
        }
        Ok(())
    }

    /// Leaves the current target, if any.
    fn leave(&mut self) -> Result<(), Error> {
        if let Some(current) = self.state.current.take() {
            tracing::debug!(window = current.target.window, "drag leaves");
            xdnd::leave(self.conn, &self.atoms, &current.target, self.source).map_err(x11)?;
        }
        Ok(())
    }

    /// The button was released: drop on an accepting target, or leave.
    fn release(&mut self) -> Result<Outcome, Error> {
        let limits = self.request.limits;
        // The button is up: Esc cancels nothing any more, and waiting for the target's answer
        // (up to `limits.finish`) must not keep the keyboard from the rest of the desktop and
        // from the app itself (found by the drag-out test: Ctrl+Q went to the grab).
        let _ = self.conn.ungrab_keyboard(x11rb::CURRENT_TIME);
        let _ = self.conn.flush();
        // The answer to the last position decides.
        let deadline = Instant::now() + limits.status;
        while self
            .state
            .current
            .is_some_and(|c| c.waiting_since.is_some() || c.pending.is_some())
            && Instant::now() < deadline
        {
            self.send_pending(limits.status)?;
            thread::sleep(limits.tick);
            self.pump()?;
        }
        let Some(current) = self.state.current else {
            return Ok(Outcome::Cancelled);
        };
        if !current.accepted || current.waiting_since.is_some() {
            tracing::debug!(
                window = current.target.window,
                "released over a target that does not accept"
            );
            self.leave()?;
            return Ok(Outcome::Cancelled);
        }
        xdnd::drop(
            self.conn,
            &self.atoms,
            &current.target,
            self.source,
            self.time,
        )
        .map_err(x11)?;
        let deadline = Instant::now() + limits.finish;
        while Instant::now() < deadline {
            self.pump()?;
            match self.state.finished {
                Some(true) => return Ok(Outcome::Dropped),
                Some(false) => return Err(Error::Refused),
                None if self.state.current.is_none() => break,
                None => thread::sleep(limits.tick),
            }
        }
        if self.state.delivered {
            tracing::info!("the drop target took the file but did not confirm");
            Ok(Outcome::Dropped)
        } else {
            Err(Error::Timeout)
        }
    }

    /// Handles the events that arrived.
    fn pump(&mut self) -> Result<(), Error> {
        while let Some(event) = self.conn.poll_for_event().map_err(x11)? {
            self.handle(event)?;
        }
        Ok(())
    }

    fn handle(&mut self, event: Event) -> Result<(), Error> {
        let atoms = self.atoms;
        match event {
            Event::ClientMessage(m) if m.format == 32 => {
                let data = m.data.as_data32();
                let Some(current) = &mut self.state.current else {
                    return Ok(());
                };
                if data[0] != current.target.window {
                    return Ok(());
                }
                if m.type_ == atoms.XdndStatus {
                    current.accepted = data[1] & 1 == 1;
                    current.waiting_since = None;
                } else if m.type_ == atoms.XdndFinished {
                    let success = current.target.version < 5 || data[1] & 1 == 1;
                    self.state.finished = Some(success);
                }
            }
            Event::SelectionRequest(r) => {
                let served = xdnd::answer(self.conn, &atoms, atoms.XdndSelection, &r, &self.offer)
                    .map_err(x11)?;
                tracing::debug!(?served, target = r.target, "drop target asked for the data");
                if served == Served::UriList {
                    self.state.delivered = true;
                }
            }
            Event::SelectionClear(c) if c.selection == atoms.XdndSelection => {
                self.state.lost_selection = true;
            }
            Event::KeyPress(k) if Some(k.detail) == self.escape => {
                self.state.escaped = true;
            }
            Event::Error(e) => {
                tracing::debug!(error = ?e.error_kind, value = e.bad_value, "X11 error during drag");
                // A target that vanished: forget it.
                if self
                    .state
                    .current
                    .is_some_and(|c| c.target.dest == e.bad_value || c.target.window == e.bad_value)
                {
                    self.state.current = None;
                }
            }
            _ => {}
        }
        Ok(())
    }
}

/// Wraps any X11 error.
pub(super) fn x11(e: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Error {
    Error::X11(Arc::from(e.into()))
}
