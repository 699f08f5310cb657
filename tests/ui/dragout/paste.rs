//! A second X client that pastes: asks the `CLIPBOARD` owner for its data, like a file manager.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use x11rb::connection::Connection;
use x11rb::protocol::Event;
use x11rb::protocol::xproto::{
    AtomEnum, ConnectionExt as _, CreateWindowAux, EventMask, WindowClass,
};
use x11rb::rust_connection::RustConnection;

use super::Xvfb;
use super::target::percent_decode;

/// A client with a window to receive pasted data.
pub struct Paster {
    conn: RustConnection,
    window: u32,
}

impl Paster {
    pub fn new(x: &Xvfb) -> Paster {
        let (conn, screen) = x.connect();
        let root = conn.setup().roots[screen].root;
        let window = conn.generate_id().expect("id");
        let aux = CreateWindowAux::new().event_mask(EventMask::PROPERTY_CHANGE);
        conn.create_window(
            x11rb::COPY_DEPTH_FROM_PARENT,
            window,
            root,
            0,
            0,
            1,
            1,
            0,
            WindowClass::INPUT_ONLY,
            x11rb::COPY_FROM_PARENT,
            &aux,
        )
        .expect("create window");
        conn.flush().expect("flush");
        Paster { conn, window }
    }

    fn atom(&self, name: &str) -> u32 {
        self.conn
            .intern_atom(false, name.as_bytes())
            .expect("atom")
            .reply()
            .expect("atom")
            .atom
    }

    /// The clipboard's data as `target` (a type name), or `None` when the owner refuses or there
    /// is no owner.
    pub fn paste(&self, target: &str) -> Option<Vec<u8>> {
        let (clipboard, target, property) = (
            self.atom("CLIPBOARD"),
            self.atom(target),
            self.atom("POSTFACH_PASTE"),
        );
        self.conn
            .convert_selection(
                self.window,
                clipboard,
                target,
                property,
                x11rb::CURRENT_TIME,
            )
            .expect("convert");
        self.conn.flush().expect("flush");
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            match self.conn.poll_for_event().expect("event") {
                Some(Event::SelectionNotify(n)) if n.requestor == self.window => {
                    if n.property == x11rb::NONE {
                        return None;
                    }
                    let reply = self
                        .conn
                        .get_property(true, self.window, property, AtomEnum::ANY, 0, 1 << 20)
                        .expect("get")
                        .reply()
                        .expect("get");
                    return Some(reply.value);
                }
                Some(_) => {}
                None => std::thread::sleep(Duration::from_millis(5)),
            }
        }
        panic!("the clipboard owner did not answer within 10 s");
    }

    /// The names of the clipboard's types.
    pub fn targets(&self) -> Vec<String> {
        let Some(raw) = self.paste("TARGETS") else {
            return Vec::new();
        };
        raw.chunks_exact(4)
            .map(|c| u32::from_ne_bytes([c[0], c[1], c[2], c[3]]))
            .map(|atom| {
                let name = self.conn.get_atom_name(atom).expect("name").reply();
                String::from_utf8_lossy(&name.expect("name").name).into_owned()
            })
            .collect()
    }

    /// Takes the clipboard for this client (another program copied something).
    pub fn take_clipboard(&self) {
        let clipboard = self.atom("CLIPBOARD");
        self.conn
            .set_selection_owner(self.window, clipboard, x11rb::CURRENT_TIME)
            .expect("own");
        self.conn.flush().expect("flush");
    }

    /// Whether `window` still exists.
    pub fn window_exists(&self, window: u32) -> bool {
        self.conn
            .get_geometry(window)
            .expect("request")
            .reply()
            .is_ok()
    }

    /// The window that owns the clipboard now.
    pub fn owner(&self) -> u32 {
        let clipboard = self.atom("CLIPBOARD");
        self.conn
            .get_selection_owner(clipboard)
            .expect("owner")
            .reply()
            .expect("owner")
            .owner
    }
}

/// The local path of a `file://` URI.
pub fn file_path(uri: &str) -> PathBuf {
    let rest = uri.strip_prefix("file://").expect("a file URI");
    let bytes = percent_decode(&rest[rest.find('/').expect("a path")..]).expect("decodes");
    PathBuf::from(<std::ffi::OsString as std::os::unix::ffi::OsStringExt>::from_vec(bytes))
}
