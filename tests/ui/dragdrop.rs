//! Dragging messages onto a folder in the real window, under a private Xvfb with the real
//! pointer (xdotool): one message moved from the Inbox into a local folder, then (Ctrl held while
//! dropping) one copied, checked in the store the window wrote.
#![cfg(target_os = "linux")]

use crate::support;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use postfach::mime;
use postfach::store::{AccountSettings, FolderKind, FolderParent, Scope, Store};
use support::xvfb::Xvfb;

type R<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// Where things are in the default 1200×760 window (at the screen's top left): the Inbox's
/// first rows and the local folder in the sidebar.
const FIRST_ROW: (i32, i32) = (420, 135);
const FOLDER: (i32, i32) = (70, 299);

struct App(Child);

impl Drop for App {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn seed(dir: &Path) -> R {
    let mut store = Store::open_in(dir)?;
    let account = store.add_account(&AccountSettings {
        name: "privat".into(),
        email: "anna@example.de".into(),
        host: "pop.example.de".into(),
        username: "anna".into(),
        check_on_startup: false,
        check_every_minutes: None,
        notify: false,
        ..AccountSettings::default()
    })?;
    let inbox = store.folder(account, FolderKind::Inbox)?;
    for (i, subject) in ["Rechnung Mai", "Einladung", "Fotos"].iter().enumerate() {
        let raw = format!(
            "From: Ben <ben@example.de>\r\nSubject: {subject}\r\n\
Date: Tue, 0{} Dec 2026 10:00:00 +0100\r\n\r\nHallo\r\n",
            3 - i
        );
        store.import(
            inbox,
            raw.as_bytes(),
            &mime::summarize(raw.as_bytes()),
            1_800_000_000,
        )?;
    }
    store.create_folder(FolderParent::Top(None), "Ablage")?;
    Ok(())
}

fn subjects(dir: &Path, folder: &str) -> R<Vec<String>> {
    let store = Store::open_in(dir)?;
    let f = store
        .folders()?
        .into_iter()
        .find(|f| f.name == folder)
        .ok_or("no such folder")?;
    let mut out: Vec<String> = postfach::export::rows(&store, Scope::Folder(f.id))?
        .into_iter()
        .map(|r| r.subject)
        .collect();
    out.sort();
    Ok(out)
}

/// Presses on the first row, glides onto the folder and lets go (Ctrl held at the drop).
fn drag(x: &Xvfb, copy: bool) {
    let (fx, fy) = (FIRST_ROW.0.to_string(), FIRST_ROW.1.to_string());
    x.xdotool(&["mousemove", &fx, &fy]);
    x.xdotool(&["mousedown", "1"]);
    x.glide(FIRST_ROW, FOLDER, 12);
    if copy {
        x.xdotool(&["keydown", "ctrl"]);
        std::thread::sleep(Duration::from_millis(200));
    }
    x.xdotool(&["mouseup", "1"]);
    if copy {
        x.xdotool(&["keyup", "ctrl"]);
    }
}

/// Waits until `done`; on a timeout the screen is saved to `shot` for looking at it.
fn wait_for(what: &str, x: &Xvfb, shot: &Path, mut done: impl FnMut() -> R<bool>) -> R {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !done()? {
        if Instant::now() > deadline {
            x.screenshot(shot);
            return Err(format!("timed out waiting for {what}").into());
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    Ok(())
}

#[test]
fn messages_dragged_onto_a_folder_are_moved_or_copied() -> R {
    let data = tempfile::tempdir()?;
    seed(data.path())?;
    let x = Xvfb::start();
    let _app = App(Command::new(env!("CARGO_BIN_EXE_postfach"))
        .env("DISPLAY", &x.display)
        .env("ICED_BACKEND", "tiny-skia")
        .env("POSTFACH_LANG", "en")
        .env("POSTFACH_DATA_DIR", data.path())
        .env_remove("WAYLAND_DISPLAY")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?);
    if !x.wait_for_window("Postfach", Duration::from_secs(60)) {
        return Err("the Postfach window did not appear".into());
    }
    // the window may be found a moment before it can take the focus: try again for a while
    let focused = (0..50).any(|_| {
        let ok = Command::new("xdotool")
            .env("DISPLAY", &x.display)
            .args(["search", "--name", "Postfach", "windowfocus", "--sync"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            std::thread::sleep(Duration::from_millis(200));
        }
        ok
    });
    if !focused {
        return Err("the Postfach window did not take the focus".into());
    }
    std::thread::sleep(Duration::from_secs(2));
    let shot = std::env::temp_dir().join("postfach-dragdrop.png");

    // the newest ("Rechnung Mai") onto the folder: moved
    drag(&x, false);
    wait_for("the move", &x, &shot, || {
        Ok(subjects(data.path(), "Ablage")?.len() == 1)
    })?;
    assert_eq!(subjects(data.path(), "Ablage")?, ["Rechnung Mai"]);
    assert_eq!(subjects(data.path(), "Inbox")?, ["Einladung", "Fotos"]);

    // the next one with Ctrl held while dropping: copied
    std::thread::sleep(Duration::from_millis(500));
    drag(&x, true);
    wait_for("the copy", &x, &shot, || {
        Ok(subjects(data.path(), "Ablage")?.len() == 2)
    })?;
    assert_eq!(
        subjects(data.path(), "Ablage")?,
        ["Einladung", "Rechnung Mai"]
    );
    assert_eq!(
        subjects(data.path(), "Inbox")?,
        ["Einladung", "Fotos"],
        "a copy stays"
    );
    Ok(())
}
