//! Wayland sessions: the window runs through XWayland, so dragging attachments out works there too.
//!
//! winit 0.30 opens a Wayland window whenever `WAYLAND_DISPLAY` (or `WAYLAND_SOCKET`) is set and
//! an X11 window only otherwise; the old `WINIT_UNIX_BACKEND` switch was removed in winit 0.29 and
//! iced 0.14 offers no choice of backend. A Wayland window cannot start an XDND drag, so when X11 is
//! available as well (`DISPLAY` set: XWayland runs) [`use_xwayland`] starts the program again
//! without the Wayland variables. (Removing them in-process needs `std::env::remove_var`, which is
//! `unsafe` in edition 2024 and forbidden in this crate.)
//!
//! Set `POSTFACH_WAYLAND=1` to keep a native Wayland window; attachments are then saved with
//! "Save as…" instead of dragging.

use std::ffi::OsString;

/// Set to `1` to keep a native Wayland window (no dragging out).
pub const NATIVE_WAYLAND_ENV: &str = "POSTFACH_WAYLAND";
/// The session's `WAYLAND_DISPLAY`, kept for programs the app starts (they may prefer Wayland).
pub const SESSION_WAYLAND_DISPLAY_ENV: &str = "POSTFACH_SESSION_WAYLAND_DISPLAY";
const WAYLAND_VARS: [&str; 2] = ["WAYLAND_DISPLAY", "WAYLAND_SOCKET"];

/// Whether the window should move to XWayland, given the environment (`get` reads a variable).
pub fn should_switch(get: impl Fn(&str) -> Option<OsString>) -> bool {
    let set = |name: &str| get(name).is_some_and(|v| !v.is_empty());
    cfg!(target_os = "linux")
        && set("DISPLAY")
        && WAYLAND_VARS.iter().any(|v| set(v))
        && get(NATIVE_WAYLAND_ENV).is_none_or(|v| v != "1")
}

/// Call once at the start of the GUI, before the window opens: on a Wayland session with XWayland
/// it replaces this process with a fresh copy of itself that has no Wayland variables (same
/// arguments and environment otherwise). Returns when nothing is to be done, or when the restart
/// failed (logged; the app then stays a Wayland client).
pub fn use_xwayland() {
    #[cfg(target_os = "linux")]
    if should_switch(|name| std::env::var_os(name)) {
        restart_without_wayland();
    }
}

#[cfg(target_os = "linux")]
fn restart_without_wayland() {
    use std::os::unix::process::CommandExt;

    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(e) => {
            tracing::warn!(error = %e, "cannot find this program to restart it under XWayland");
            return;
        }
    };
    let mut command = std::process::Command::new(exe);
    command.args(std::env::args_os().skip(1));
    if let Some(display) = std::env::var_os("WAYLAND_DISPLAY") {
        command.env(SESSION_WAYLAND_DISPLAY_ENV, display);
    }
    for var in WAYLAND_VARS {
        command.env_remove(var);
    }
    tracing::info!("Wayland session: restarting under XWayland so attachments can be dragged out");
    let e = command.exec();
    tracing::warn!(error = %e, "could not restart under XWayland; staying a Wayland client");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn wayland_with_xwayland_switches() {
        assert!(should_switch(env(&[
            ("DISPLAY", ":0"),
            ("WAYLAND_DISPLAY", "wayland-0")
        ])));
        assert!(should_switch(env(&[
            ("DISPLAY", ":0"),
            ("WAYLAND_SOCKET", "5")
        ])));
    }

    #[test]
    fn plain_x11_pure_wayland_and_the_opt_out_stay() {
        assert!(!should_switch(env(&[("DISPLAY", ":0")])));
        assert!(!should_switch(env(&[("WAYLAND_DISPLAY", "wayland-0")])));
        assert!(!should_switch(env(&[
            ("DISPLAY", ""),
            ("WAYLAND_DISPLAY", "wayland-0")
        ])));
        assert!(!should_switch(env(&[
            ("DISPLAY", ":0"),
            ("WAYLAND_DISPLAY", "wayland-0"),
            (NATIVE_WAYLAND_ENV, "1")
        ])));
        assert!(!should_switch(env(&[])));
    }
}
