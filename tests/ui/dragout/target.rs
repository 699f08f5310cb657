//! An XDND drop target, like a file-manager folder: an XdndAware window that accepts
//! `text/uri-list`, asks the source for the data on the drop, copies the named file into its
//! folder and sends `XdndFinished`. It records everything it saw for the test to check.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use x11rb::connection::Connection;
use x11rb::protocol::Event;
use x11rb::protocol::xproto::{
    AtomEnum, ClientMessageEvent, ConnectionExt as _, CreateWindowAux, EventMask, PropMode, Window,
    WindowClass,
};
use x11rb::rust_connection::RustConnection;
use x11rb::wrapper::ConnectionExt as _;

use super::Xvfb;

x11rb::atom_manager! {
    Atoms: AtomsCookie {
        XdndAware,
        XdndProxy,
        XdndEnter,
        XdndPosition,
        XdndStatus,
        XdndLeave,
        XdndDrop,
        XdndFinished,
        XdndSelection,
        XdndActionCopy,
        XdndTypeList,
        TEXT_URI_LIST: b"text/uri-list",
        TEXT_PLAIN: b"text/plain",
        DROP_PROPERTY: b"POSTFACH_TEST_DROP",
    }
}

/// What the target does on `XdndDrop`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnDrop {
    /// Fetch `text/uri-list` and `text/plain`, copy the file, send `XdndFinished`.
    Fetch,
    /// Do nothing at all (a hung target).
    Ignore,
}

#[derive(Debug, Clone, Copy)]
pub struct TargetOptions {
    /// Answer positions with "accept" (else "refuse").
    pub accept: bool,
    /// Put `XdndAware` on a proxy window (owned by this target's connection) and `XdndProxy` on
    /// the visible window (owned by another connection), as desktops do for the root window.
    pub proxy: bool,
    pub on_drop: OnDrop,
}

impl Default for TargetOptions {
    fn default() -> Self {
        TargetOptions {
            accept: true,
            proxy: false,
            on_drop: OnDrop::Fetch,
        }
    }
}

/// What the target saw.
#[derive(Debug, Default, Clone)]
pub struct Report {
    /// The types the source offered.
    pub types: Vec<String>,
    /// The XDND version in `XdndEnter`.
    pub version: u32,
    /// Messages addressed (in their window field) to a window other than the target window.
    pub misaddressed: usize,
    pub entered: usize,
    pub positions: usize,
    pub left: usize,
    pub dropped: bool,
    pub uri_list: Option<String>,
    pub plain: Option<String>,
    /// Where the file was copied to.
    pub saved: Option<PathBuf>,
    pub finished_sent: bool,
    pub errors: Vec<String>,
}

/// A running drop target.
pub struct DropTarget {
    positions: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<Report>>,
    _outer: Option<RustConnection>,
}

impl DropTarget {
    /// Opens the target at `rect` (left, top, width, height); dropped files go to `folder`.
    pub fn spawn(
        x: &Xvfb,
        (left, top, width, height): (i16, i16, u16, u16),
        folder: &Path,
        options: TargetOptions,
    ) -> DropTarget {
        let (conn, screen) = x.connect();
        let root = conn.setup().roots[screen].root;
        let atoms = Atoms::new(&conn).expect("atoms").reply().expect("atoms");
        // With a proxy, the visible window belongs to another client: messages sent to it would
        // never reach this connection, so the test sees whether the source honoured the proxy.
        let outer = options.proxy.then(|| x.connect().0);
        let owner: &RustConnection = outer.as_ref().unwrap_or(&conn);
        let window = owner.generate_id().expect("id");
        let aux = CreateWindowAux::new()
            .background_pixel(0x0055_88cc)
            .override_redirect(1);
        owner
            .create_window(
                x11rb::COPY_DEPTH_FROM_PARENT,
                window,
                root,
                left,
                top,
                width,
                height,
                0,
                WindowClass::INPUT_OUTPUT,
                x11rb::COPY_FROM_PARENT,
                &aux,
            )
            .expect("create window");
        let own = if options.proxy {
            let proxy = conn.generate_id().expect("id");
            conn.create_window(
                0,
                proxy,
                root,
                -100,
                -100,
                1,
                1,
                0,
                WindowClass::INPUT_ONLY,
                x11rb::COPY_FROM_PARENT,
                &CreateWindowAux::new().override_redirect(1),
            )
            .expect("create proxy");
            conn.change_property32(
                PropMode::REPLACE,
                proxy,
                atoms.XdndProxy,
                AtomEnum::WINDOW,
                &[proxy],
            )
            .expect("proxy on proxy");
            conn.change_property32(
                PropMode::REPLACE,
                proxy,
                atoms.XdndAware,
                AtomEnum::ATOM,
                &[5],
            )
            .expect("aware on proxy");
            owner
                .change_property32(
                    PropMode::REPLACE,
                    window,
                    atoms.XdndProxy,
                    AtomEnum::WINDOW,
                    &[proxy],
                )
                .expect("proxy on window");
            proxy
        } else {
            conn.change_property32(
                PropMode::REPLACE,
                window,
                atoms.XdndAware,
                AtomEnum::ATOM,
                &[5],
            )
            .expect("aware");
            window
        };
        owner.map_window(window).expect("map");
        owner
            .get_input_focus()
            .expect("sync")
            .reply()
            .expect("sync");
        conn.get_input_focus().expect("sync").reply().expect("sync");

        let positions = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let mut run = Run {
            conn,
            atoms,
            window,
            own,
            folder: folder.to_path_buf(),
            options,
            positions: Arc::clone(&positions),
            source: 0,
            report: Report::default(),
        };
        let stop_flag = Arc::clone(&stop);
        let thread = std::thread::spawn(move || run.serve(&stop_flag));
        DropTarget {
            positions,
            stop,
            thread: Some(thread),
            _outer: outer,
        }
    }

    /// Waits until the source has sent at least one `XdndPosition` (so it follows the pointer).
    pub fn wait_for_position(&self, within: Duration) -> bool {
        let deadline = Instant::now() + within;
        while Instant::now() < deadline {
            if self.positions.load(Ordering::SeqCst) > 0 {
                return true;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        false
    }

    /// Stops the target (after it finished a drop, or at once) and returns what it saw.
    pub fn finish(mut self, within: Duration) -> Report {
        let deadline = Instant::now() + within;
        let thread = self.thread.take().expect("running");
        while !thread.is_finished() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        self.stop.store(true, Ordering::SeqCst);
        thread.join().expect("drop target thread")
    }
}

impl Drop for DropTarget {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

struct Run {
    conn: RustConnection,
    atoms: Atoms,
    /// The visible target window.
    window: Window,
    /// The window of this connection that receives the messages (the window, or its proxy).
    own: Window,
    folder: PathBuf,
    options: TargetOptions,
    positions: Arc<AtomicUsize>,
    source: Window,
    report: Report,
}

impl Run {
    fn serve(&mut self, stop: &AtomicBool) -> Report {
        let deadline = Instant::now() + Duration::from_secs(120);
        while !stop.load(Ordering::SeqCst) && Instant::now() < deadline {
            match self.conn.poll_for_event() {
                Ok(Some(event)) => {
                    if let Err(e) = self.handle(event) {
                        self.report.errors.push(e);
                    }
                    if self.report.finished_sent {
                        break;
                    }
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(5)),
                Err(e) => {
                    self.report.errors.push(e.to_string());
                    break;
                }
            }
        }
        std::mem::take(&mut self.report)
    }

    fn handle(&mut self, event: Event) -> Result<(), String> {
        let a = self.atoms;
        match event {
            Event::ClientMessage(m) => {
                let data = m.data.as_data32();
                if m.window != self.window {
                    self.report.misaddressed += 1;
                }
                if m.type_ == a.XdndEnter {
                    self.report.entered += 1;
                    self.source = data[0];
                    self.report.version = data[1] >> 24;
                    let mut types: Vec<u32> =
                        data[2..].iter().copied().filter(|t| *t != 0).collect();
                    if data[1] & 1 == 1 {
                        types = self.property32(self.source, a.XdndTypeList)?;
                    }
                    self.report.types = types
                        .iter()
                        .map(|t| self.atom_name(*t))
                        .collect::<Result<_, _>>()?;
                } else if m.type_ == a.XdndPosition {
                    self.positions.fetch_add(1, Ordering::SeqCst);
                    self.report.positions += 1;
                    let accept = self.options.accept
                        && self.report.types.iter().any(|t| t == "text/uri-list");
                    let action = if accept { a.XdndActionCopy } else { 0 };
                    self.message(
                        a.XdndStatus,
                        [self.window, u32::from(accept) | 2, 0, 0, action],
                    )?;
                } else if m.type_ == a.XdndLeave {
                    self.report.left += 1;
                } else if m.type_ == a.XdndDrop {
                    self.report.dropped = true;
                    if self.options.on_drop == OnDrop::Fetch {
                        self.ask(a.TEXT_URI_LIST, data[2])?;
                    }
                }
            }
            Event::SelectionNotify(n) => {
                if n.property == x11rb::NONE {
                    return Err(format!(
                        "the source refused type {}",
                        self.atom_name(n.target)?
                    ));
                }
                let reply = self
                    .conn
                    .get_property(true, self.own, n.property, AtomEnum::ANY, 0, 1 << 20)
                    .map_err(|e| e.to_string())?
                    .reply()
                    .map_err(|e| e.to_string())?;
                let text = String::from_utf8(reply.value).map_err(|e| e.to_string())?;
                if n.target == a.TEXT_URI_LIST {
                    self.report.saved = Some(self.copy(&text)?);
                    self.report.uri_list = Some(text);
                    self.ask(a.TEXT_PLAIN, n.time)?;
                } else if n.target == a.TEXT_PLAIN {
                    self.report.plain = Some(text);
                    self.message(a.XdndFinished, [self.window, 1, a.XdndActionCopy, 0, 0])?;
                    self.report.finished_sent = true;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Asks the drag source for the selection as `target`.
    fn ask(&self, target: u32, time: u32) -> Result<(), String> {
        self.conn
            .convert_selection(
                self.own,
                self.atoms.XdndSelection,
                target,
                self.atoms.DROP_PROPERTY,
                time,
            )
            .map_err(|e| e.to_string())?;
        self.conn.flush().map_err(|e| e.to_string())
    }

    /// Sends an XDND message to the source.
    fn message(&self, kind: u32, data: [u32; 5]) -> Result<(), String> {
        let event = ClientMessageEvent::new(32, self.source, kind, data);
        self.conn
            .send_event(false, self.source, EventMask::NO_EVENT, event)
            .map_err(|e| e.to_string())?;
        self.conn.flush().map_err(|e| e.to_string())
    }

    /// Copies the first `file://` URI of a `text/uri-list` into the folder, like a file manager.
    fn copy(&self, uri_list: &str) -> Result<PathBuf, String> {
        let uri = uri_list
            .split("\r\n")
            .find(|l| !l.is_empty() && !l.starts_with('#'))
            .ok_or("empty uri-list")?;
        let rest = uri.strip_prefix("file://").ok_or("not a file URI")?;
        let path = &rest[rest.find('/').ok_or("no path")?..];
        let path: std::ffi::OsString =
            std::os::unix::ffi::OsStringExt::from_vec(percent_decode(path)?);
        let path = PathBuf::from(path);
        let name = path.file_name().ok_or("no file name")?;
        let dest = self.folder.join(name);
        std::fs::copy(&path, &dest).map_err(|e| format!("copy {}: {e}", path.display()))?;
        Ok(dest)
    }

    fn property32(&self, window: Window, property: u32) -> Result<Vec<u32>, String> {
        let reply = self
            .conn
            .get_property(false, window, property, AtomEnum::ANY, 0, 64)
            .map_err(|e| e.to_string())?
            .reply()
            .map_err(|e| e.to_string())?;
        Ok(reply.value32().map(|v| v.collect()).unwrap_or_default())
    }

    fn atom_name(&self, atom: u32) -> Result<String, String> {
        let reply = self
            .conn
            .get_atom_name(atom)
            .map_err(|e| e.to_string())?
            .reply()
            .map_err(|e| e.to_string())?;
        String::from_utf8(reply.name).map_err(|e| e.to_string())
    }
}

/// `%XX` → byte; anything else is kept.
pub fn percent_decode(s: &str) -> Result<Vec<u8>, String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3).ok_or("cut escape")?;
            out.push(u8::from_str_radix(hex, 16).map_err(|e| e.to_string())?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Ok(out)
}
