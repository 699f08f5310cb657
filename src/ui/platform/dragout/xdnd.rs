//! The XDND protocol pieces a drag source needs (freedesktop.org XDND, versions 3–5): atoms,
//! finding the drop target under the pointer, the client messages, and answering the drop target's
//! request for the data.

use x11rb::connection::Connection;
use x11rb::errors::{ConnectionError, ReplyError};
use x11rb::protocol::xproto::{
    AtomEnum, ClientMessageEvent, ConnectionExt as _, EventMask, PropMode, SELECTION_NOTIFY_EVENT,
    SelectionNotifyEvent, SelectionRequestEvent, Window,
};
use x11rb::wrapper::ConnectionExt as _;
use x11rb::{CURRENT_TIME, NONE};

/// The highest XDND version we speak, and the lowest we accept from a target.
pub const VERSION: u32 = 5;
pub const MIN_VERSION: u32 = 3;
/// How deep the window tree is searched below the root.
const MAX_DEPTH: usize = 32;

x11rb::atom_manager! {
    /// The atoms of the protocol and of the data we offer.
    pub Atoms: AtomsCookie {
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
        CLIPBOARD,
        TARGETS,
        TIMESTAMP,
        UTF8_STRING,
        TEXT_URI_LIST: b"text/uri-list",
        TEXT_PLAIN_UTF8: b"text/plain;charset=utf-8",
        TEXT_PLAIN: b"text/plain",
        GNOME_COPIED_FILES: b"x-special/gnome-copied-files",
        POSTFACH_TIME: b"_POSTFACH_DRAG_TIME",
    }
}

impl Atoms {
    /// The types announced in `XdndEnter` (three, so no `XdndTypeList` is needed).
    pub fn offered(&self) -> [u32; 3] {
        [self.TEXT_URI_LIST, self.TEXT_PLAIN_UTF8, self.TEXT_PLAIN]
    }
}

/// A drop target: the window under the pointer that speaks XDND.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    /// The target window (named in every message).
    pub window: Window,
    /// Where messages go: the window itself, or its `XdndProxy`.
    pub dest: Window,
    /// The version both sides speak.
    pub version: u32,
}

/// The data handed to the drop target (or to whoever pastes the clipboard).
#[derive(Debug, Clone)]
pub struct Offer {
    /// `text/uri-list`: the file's URI and CRLF.
    pub uri_list: Vec<u8>,
    /// `text/plain`: the file's path.
    pub plain: Vec<u8>,
    /// `x-special/gnome-copied-files` (`copy\nfile:///…`), which GNOME and most Linux file
    /// managers paste as files: offered on the clipboard, not in drags.
    pub copied_files: Option<Vec<u8>>,
    /// When the selection was taken (the answer to `TIMESTAMP`).
    pub time: u32,
}

impl Offer {
    /// The offer of one file at `path` (absolute), with or without the file-manager type.
    pub fn file(path: &std::path::Path, copied_files: bool, time: u32) -> Offer {
        let uri_list = crate::ui::platform::dragout::uri_list(&[path]);
        Offer {
            copied_files: copied_files
                .then(|| format!("copy\n{}", uri_list.trim_end()).into_bytes()),
            uri_list: uri_list.into_bytes(),
            plain: path.to_string_lossy().into_owned().into_bytes(),
            time,
        }
    }
}

/// What a selection request asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Served {
    UriList,
    Other,
    Refused,
}

/// Finds the XDND target under the pointer: the first XdndAware window (or window with a valid
/// XdndProxy) on the way down from the root, else the root itself (a desktop that proxies the root).
/// The pointer over `exclude` (the app's own window) or off this screen means no target.
pub fn find_target(
    conn: &impl Connection,
    atoms: &Atoms,
    root: Window,
    exclude: Window,
) -> Result<Option<Target>, ConnectionError> {
    let mut window = root;
    for _ in 0..MAX_DEPTH {
        let pointer = match ok_or_gone(conn.query_pointer(window)?.reply())? {
            Some(p) if p.same_screen => p,
            _ => return Ok(None),
        };
        let child = pointer.child;
        if child == NONE {
            break;
        }
        if child == exclude {
            return Ok(None);
        }
        if let Some(target) = aware(conn, atoms, child)? {
            return Ok(Some(target));
        }
        window = child;
    }
    aware(conn, atoms, root)
}

/// The XDND target `window` stands for, if it takes part in XDND.
fn aware(
    conn: &impl Connection,
    atoms: &Atoms,
    window: Window,
) -> Result<Option<Target>, ConnectionError> {
    let mut dest = window;
    if let Some(proxy) = first_u32(conn, window, atoms.XdndProxy)?
        && proxy != NONE
        && first_u32(conn, proxy, atoms.XdndProxy)? == Some(proxy)
    {
        dest = proxy;
    }
    let mut version = first_u32(conn, dest, atoms.XdndAware)?;
    if version.is_none() && dest != window {
        version = first_u32(conn, window, atoms.XdndAware)?;
    }
    Ok(version.filter(|v| *v >= MIN_VERSION).map(|v| Target {
        window,
        dest,
        version: v.min(VERSION),
    }))
}

/// The first 32-bit value of a property, or `None` (also for a window that is gone).
fn first_u32(
    conn: &impl Connection,
    window: Window,
    property: u32,
) -> Result<Option<u32>, ConnectionError> {
    let reply = conn.get_property(false, window, property, AtomEnum::ANY, 0, 1)?;
    Ok(ok_or_gone(reply.reply())?.and_then(|r| r.value32().and_then(|mut v| v.next())))
}

/// A reply, `None` when the server answered with an error (a window that vanished meanwhile).
fn ok_or_gone<T>(reply: Result<T, ReplyError>) -> Result<Option<T>, ConnectionError> {
    match reply {
        Ok(r) => Ok(Some(r)),
        Err(ReplyError::X11Error(e)) => {
            tracing::trace!(error = ?e.error_kind, "window gone while looking for a drop target");
            Ok(None)
        }
        Err(ReplyError::ConnectionError(e)) => Err(e),
    }
}

/// Sends an XDND client message about `target` from `source`.
pub fn send(
    conn: &impl Connection,
    target: &Target,
    kind: u32,
    data: [u32; 5],
) -> Result<(), ConnectionError> {
    let event = ClientMessageEvent::new(32, target.window, kind, data);
    conn.send_event(false, target.dest, EventMask::NO_EVENT, event)?;
    conn.flush()
}

/// `XdndEnter`: the source, the version, and the offered types.
pub fn enter(
    conn: &impl Connection,
    atoms: &Atoms,
    target: &Target,
    source: Window,
) -> Result<(), ConnectionError> {
    let [a, b, c] = atoms.offered();
    let data = [source, target.version << 24, a, b, c];
    send(conn, target, atoms.XdndEnter, data)
}

/// `XdndPosition`: the pointer at root coordinates `(x, y)`, asking for a copy.
pub fn position(
    conn: &impl Connection,
    atoms: &Atoms,
    target: &Target,
    source: Window,
    (x, y): (i16, i16),
    time: u32,
) -> Result<(), ConnectionError> {
    let at = (u32::from(x as u16) << 16) | u32::from(y as u16);
    let data = [source, 0, at, time, atoms.XdndActionCopy];
    send(conn, target, atoms.XdndPosition, data)
}

/// `XdndLeave`.
pub fn leave(
    conn: &impl Connection,
    atoms: &Atoms,
    target: &Target,
    source: Window,
) -> Result<(), ConnectionError> {
    send(conn, target, atoms.XdndLeave, [source, 0, 0, 0, 0])
}

/// `XdndDrop` with the time stamp the target uses to ask for the data.
pub fn drop(
    conn: &impl Connection,
    atoms: &Atoms,
    target: &Target,
    source: Window,
    time: u32,
) -> Result<(), ConnectionError> {
    send(conn, target, atoms.XdndDrop, [source, 0, time, 0, 0])
}

/// Answers a request for `selection` (`XdndSelection` while dragging, `CLIPBOARD` after a copy),
/// which we own: writes the data to the requestor's property and tells it so (ICCCM 2.2), or
/// refuses a type we do not offer.
pub fn answer(
    conn: &impl Connection,
    atoms: &Atoms,
    selection: u32,
    request: &SelectionRequestEvent,
    offer: &Offer,
) -> Result<Served, ConnectionError> {
    let property = if request.property == NONE {
        request.target
    } else {
        request.property
    };
    let (requestor, target) = (request.requestor, request.target);
    let served = if request.selection != selection {
        Served::Refused
    } else if target == atoms.TARGETS {
        let mut list = vec![atoms.TARGETS, atoms.TIMESTAMP, atoms.UTF8_STRING];
        list.extend(atoms.offered());
        if offer.copied_files.is_some() {
            list.push(atoms.GNOME_COPIED_FILES);
        }
        conn.change_property32(
            PropMode::REPLACE,
            requestor,
            property,
            AtomEnum::ATOM,
            &list,
        )?;
        Served::Other
    } else if target == atoms.TEXT_URI_LIST {
        conn.change_property8(
            PropMode::REPLACE,
            requestor,
            property,
            target,
            &offer.uri_list,
        )?;
        Served::UriList
    } else if [atoms.TEXT_PLAIN, atoms.TEXT_PLAIN_UTF8, atoms.UTF8_STRING].contains(&target) {
        conn.change_property8(PropMode::REPLACE, requestor, property, target, &offer.plain)?;
        Served::Other
    } else if let (true, Some(files)) = (
        target == atoms.GNOME_COPIED_FILES,
        offer.copied_files.as_ref(),
    ) {
        conn.change_property8(PropMode::REPLACE, requestor, property, target, files)?;
        Served::UriList
    } else if target == atoms.TIMESTAMP {
        conn.change_property32(
            PropMode::REPLACE,
            requestor,
            property,
            AtomEnum::INTEGER,
            &[offer.time],
        )?;
        Served::Other
    } else {
        Served::Refused
    };
    let notify = SelectionNotifyEvent {
        response_type: SELECTION_NOTIFY_EVENT,
        sequence: 0,
        time: request.time,
        requestor,
        selection: request.selection,
        target,
        property: if served == Served::Refused {
            NONE
        } else {
            property
        },
    };
    conn.send_event(false, requestor, EventMask::NO_EVENT, notify)?;
    conn.flush()?;
    Ok(served)
}

/// The keycode of the Escape key, if the keyboard has one.
pub fn escape_keycode(conn: &impl Connection) -> Result<Option<u8>, ReplyError> {
    const XK_ESCAPE: u32 = 0xff1b;
    let (min, max) = (conn.setup().min_keycode, conn.setup().max_keycode);
    let map = conn
        .get_keyboard_mapping(min, max.saturating_sub(min).saturating_add(1))?
        .reply()?;
    let per = usize::from(map.keysyms_per_keycode.max(1));
    Ok(map
        .keysyms
        .iter()
        .position(|k| *k == XK_ESCAPE)
        .and_then(|i| u8::try_from(i / per).ok())
        .map(|offset| min.saturating_add(offset)))
}

/// `CurrentTime`, for requests made before we know the server's time.
pub const NO_TIME: u32 = CURRENT_TIME;
