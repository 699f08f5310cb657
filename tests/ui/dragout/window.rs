//! A stand-in for the app's window, and the bytes a test drags out.

use x11rb::connection::Connection;
use x11rb::protocol::xproto::{
    AtomEnum, ConnectionExt as _, CreateWindowAux, EventMask, PropMode, Window, WindowClass,
};
use x11rb::rust_connection::RustConnection;
use x11rb::wrapper::ConnectionExt as _;

use crate::support::rng::Rng;
use crate::support::xvfb::Xvfb;

/// A stand-in for the app's window: mapped, listening to the mouse (so a press on it gives its
/// client the implicit pointer grab, as with iced), and XdndAware like a winit window.
pub struct AppWindow {
    conn: RustConnection,
    pub window: Window,
}

impl AppWindow {
    pub fn open(x: &Xvfb, (left, top, width, height): (i16, i16, u16, u16)) -> AppWindow {
        let (conn, screen) = x.connect();
        let root = conn.setup().roots[screen].root;
        let window = conn.generate_id().expect("id");
        let aux = CreateWindowAux::new()
            .background_pixel(0x00dd_dddd)
            .override_redirect(1)
            .event_mask(
                EventMask::BUTTON_PRESS | EventMask::BUTTON_RELEASE | EventMask::POINTER_MOTION,
            );
        conn.create_window(
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
        let aware = conn
            .intern_atom(false, b"XdndAware")
            .expect("atom")
            .reply()
            .expect("atom")
            .atom;
        conn.change_property32(PropMode::REPLACE, window, aware, AtomEnum::ATOM, &[5])
            .expect("XdndAware");
        conn.map_window(window).expect("map");
        conn.get_input_focus().expect("sync").reply().expect("sync");
        AppWindow { conn, window }
    }

    /// How many client messages (XDND or other) reached this window so far.
    pub fn client_messages(&self) -> usize {
        let mut count = 0;
        while let Ok(Some(event)) = self.conn.poll_for_event() {
            if matches!(event, x11rb::protocol::Event::ClientMessage(_)) {
                count += 1;
            }
        }
        count
    }
}

/// Bytes that are not all alike, so a wrong copy shows.
pub fn sample_bytes(len: usize) -> Vec<u8> {
    Rng::new(0x1234_5678).bytes(len)
}
