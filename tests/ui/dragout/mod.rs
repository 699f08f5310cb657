//! Dragging attachments out of the window, for real under X11: each test runs its own Xvfb, moves
//! the real pointer with `xdotool`, and drops on an XDND target that copies the file like a
//! file manager (tests/ui/dragout). Fails, never skips, when Xvfb or xdotool are missing.
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod paste;
mod target;
mod window;

use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::support;
use crate::support::xvfb::{Running, Xvfb};
use postfach::ui::platform::dragout::x11::{self, Limits, Request};
use postfach::ui::platform::dragout::{Error, Outcome};
use target::{DropTarget, OnDrop, Report, TargetOptions};
use window::{AppWindow, sample_bytes};

/// The stand-in app window and the drop target, side by side.
const APP: (i16, i16, u16, u16) = (0, 0, 400, 400);
const TARGET: (i16, i16, u16, u16) = (700, 100, 300, 300);
const ON_APP: (i32, i32) = (200, 200);
const ON_TARGET: (i32, i32) = (850, 250);
const NOWHERE: (i32, i32) = (550, 650);

struct Scene {
    x: Xvfb,
    app: AppWindow,
    dir: tempfile::TempDir,
    file: PathBuf,
    bytes: Vec<u8>,
}

impl Scene {
    fn new(name: &str) -> Scene {
        let _ = tracing_subscriber::fmt()
            .with_env_filter("postfach=trace")
            .with_test_writer()
            .try_init();
        let x = Xvfb::start();
        let app = AppWindow::open(&x, APP);
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join("from")).expect("from");
        std::fs::create_dir(dir.path().join("to")).expect("to");
        let file = dir.path().join("from").join(name);
        let bytes = sample_bytes(150_000);
        std::fs::write(&file, &bytes).expect("write file");
        Scene {
            x,
            app,
            dir,
            file,
            bytes,
        }
    }

    fn folder(&self) -> PathBuf {
        self.dir.path().join("to")
    }

    fn target(&self, options: TargetOptions) -> DropTarget {
        DropTarget::spawn(&self.x, TARGET, &self.folder(), options)
    }

    /// Presses on the app window and starts the drag there, as the app does on a chip.
    fn press_and_drag(&self, limits: Limits) -> JoinHandle<Outcome> {
        self.x
            .xdotool(&["mousemove", &ON_APP.0.to_string(), &ON_APP.1.to_string()]);
        self.x.xdotool(&["mousedown", "1"]);
        self.drag(limits)
    }

    fn drag(&self, limits: Limits) -> JoinHandle<Outcome> {
        let request = Request {
            display: Some(self.x.display.clone()),
            app_window: self.app.window,
            file: self.file.clone(),
            limits,
        };
        std::thread::spawn(move || x11::drag(&request))
    }

    /// Moves onto the target and waits until it hears from the source.
    fn onto(&self, target: &DropTarget) {
        self.x.glide(ON_APP, ON_TARGET, 8);
        if !target.wait_for_position(Duration::from_secs(10)) {
            self.x
                .screenshot(&std::env::temp_dir().join("postfach-dragout-fail.png"));
            panic!("the drop target got no XdndPosition");
        }
    }
}

fn limits() -> Limits {
    Limits {
        finish: Duration::from_secs(10),
        ..Limits::default()
    }
}

fn join(drag: JoinHandle<Outcome>) -> Outcome {
    drag.join().expect("the drag thread panicked")
}

fn assert_arrived(scene: &Scene, saved: Option<&Path>) {
    let name = scene.file.file_name().expect("name");
    let arrived = scene.folder().join(name);
    assert_eq!(saved, Some(arrived.as_path()));
    let got = std::fs::read(&arrived).expect("the dropped file is there");
    assert!(got == scene.bytes, "the dropped file has other bytes");
}

#[test]
fn a_drop_on_a_file_manager_copies_the_file() {
    let scene = Scene::new("Rechnung März 2024 (final).pdf");
    let target = scene.target(TargetOptions::default());
    let drag = scene.press_and_drag(limits());
    scene.onto(&target);
    scene.x.xdotool(&["mouseup", "1"]);
    let outcome = join(drag);
    let report = target.finish(Duration::from_secs(10));
    assert!(
        matches!(outcome, Outcome::Dropped),
        "{outcome:?} {report:?}"
    );
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(report.entered, 1);
    assert_eq!(report.version, 5);
    assert_eq!(report.misaddressed, 0);
    assert!(report.dropped);
    assert!(
        report.types.iter().any(|t| t == "text/uri-list"),
        "{:?}",
        report.types
    );
    let canonical = std::fs::canonicalize(&scene.file).expect("canonical");
    let uri = report.uri_list.clone().expect("uri-list");
    assert!(
        uri.ends_with("/from/Rechnung%20M%C3%A4rz%202024%20%28final%29.pdf\r\n"),
        "{uri}"
    );
    assert_eq!(
        uri,
        format!(
            "{}\r\n",
            postfach::ui::platform::dragout::file_uri(&canonical)
        )
    );
    assert_eq!(report.plain.as_deref(), canonical.to_str());
    assert_arrived(&scene, report.saved.as_deref());
}

#[test]
fn a_target_behind_an_xdnd_proxy_gets_the_file() {
    let scene = Scene::new("bericht.txt");
    let target = scene.target(TargetOptions {
        proxy: true,
        ..TargetOptions::default()
    });
    let drag = scene.press_and_drag(limits());
    // Messages sent to the visible window would go to another client: only the proxy hears them.
    scene.onto(&target);
    scene.x.xdotool(&["mouseup", "1"]);
    let outcome = join(drag);
    let report = target.finish(Duration::from_secs(10));
    assert!(
        matches!(outcome, Outcome::Dropped),
        "{outcome:?} {report:?}"
    );
    assert_eq!(report.misaddressed, 0);
    assert_arrived(&scene, report.saved.as_deref());
}

#[test]
fn releasing_over_nothing_cancels() {
    let scene = Scene::new("a.pdf");
    let target = scene.target(TargetOptions::default());
    let drag = scene.press_and_drag(limits());
    scene.onto(&target);
    // Back off the target onto the bare root window, then release.
    scene.x.glide(ON_TARGET, NOWHERE, 5);
    std::thread::sleep(Duration::from_millis(200));
    scene.x.xdotool(&["mouseup", "1"]);
    let outcome = join(drag);
    let report = target.finish(Duration::from_millis(300));
    assert!(matches!(outcome, Outcome::Cancelled), "{outcome:?}");
    assert_eq!((report.entered, report.left), (1, 1));
    assert!(!report.dropped);
    assert!(
        std::fs::read_dir(scene.folder())
            .expect("folder")
            .next()
            .is_none()
    );
}

#[test]
fn the_apps_own_window_is_no_target() {
    let scene = Scene::new("a.pdf");
    let target = scene.target(TargetOptions::default());
    let drag = scene.press_and_drag(limits());
    scene.onto(&target);
    // Back onto the app's own (XdndAware) window: the drag leaves the target, drops nothing.
    scene.x.glide(ON_TARGET, ON_APP, 5);
    std::thread::sleep(Duration::from_millis(200));
    scene.x.xdotool(&["mouseup", "1"]);
    let outcome = join(drag);
    let report = target.finish(Duration::from_millis(300));
    assert!(matches!(outcome, Outcome::Cancelled), "{outcome:?}");
    assert_eq!(report.left, 1);
    assert!(!report.dropped);
    assert_eq!(
        scene.app.client_messages(),
        0,
        "the drag talked XDND to its own window"
    );
}

#[test]
fn a_refusing_target_gets_no_drop() {
    let scene = Scene::new("a.pdf");
    let target = scene.target(TargetOptions {
        accept: false,
        ..TargetOptions::default()
    });
    let drag = scene.press_and_drag(limits());
    scene.onto(&target);
    scene.x.xdotool(&["mouseup", "1"]);
    let outcome = join(drag);
    let report = target.finish(Duration::from_millis(300));
    assert!(matches!(outcome, Outcome::Cancelled), "{outcome:?}");
    assert!(!report.dropped);
    assert_eq!(report.left, 1);
}

#[test]
fn escape_cancels_while_the_button_is_held() {
    let scene = Scene::new("a.pdf");
    let target = scene.target(TargetOptions::default());
    let drag = scene.press_and_drag(limits());
    scene.onto(&target);
    scene.x.xdotool(&["key", "Escape"]);
    let outcome = join(drag);
    scene.x.xdotool(&["mouseup", "1"]);
    let report = target.finish(Duration::from_millis(300));
    assert!(matches!(outcome, Outcome::Cancelled), "{outcome:?}");
    assert_eq!(report.left, 1, "{report:?}");
    assert!(!report.dropped);
}

#[test]
fn a_click_without_holding_the_button_is_no_drag() {
    let scene = Scene::new("a.pdf");
    scene.x.xdotool(&["mousemove", "200", "200", "click", "1"]);
    let outcome = join(scene.drag(limits()));
    assert!(matches!(outcome, Outcome::Cancelled), "{outcome:?}");
}

#[test]
fn a_hung_target_times_out_without_hanging_the_drag() {
    let scene = Scene::new("a.pdf");
    let target = scene.target(TargetOptions {
        on_drop: OnDrop::Ignore,
        ..TargetOptions::default()
    });
    let drag = scene.press_and_drag(Limits {
        finish: Duration::from_millis(800),
        ..Limits::default()
    });
    scene.onto(&target);
    scene.x.xdotool(&["mouseup", "1"]);
    let outcome = join(drag);
    let report = target.finish(Duration::from_millis(300));
    assert!(report.dropped);
    assert!(
        matches!(outcome, Outcome::Failed(Error::Timeout)),
        "{outcome:?}"
    );
}

#[test]
fn a_missing_file_fails_cleanly() {
    let scene = Scene::new("a.pdf");
    std::fs::remove_file(&scene.file).expect("remove");
    let outcome = join(scene.press_and_drag(limits()));
    scene.x.xdotool(&["mouseup", "1"]);
    assert!(
        matches!(outcome, Outcome::Failed(Error::File(_))),
        "{outcome:?}"
    );
}

/// "Copy" on a chip, without the app: the file goes on the CLIPBOARD, and a second client pastes
/// it as a file list (uri-list and GNOME's copied-files), and as the path in plain text.
#[test]
fn a_copied_file_is_pasted_as_a_file_by_another_client() {
    use self::paste::{Paster, file_path};
    use postfach::ui::platform::dragout::clipboard;

    let scene = Scene::new("Angebot Müller & Söhne (final).pdf");
    clipboard::copy_file(Some(&scene.x.display), &scene.file).expect("copied");
    let paster = Paster::new(&scene.x);
    let targets = paster.targets();
    for t in [
        "text/uri-list",
        "x-special/gnome-copied-files",
        "UTF8_STRING",
    ] {
        assert!(
            targets.iter().any(|have| have == t),
            "{t} not offered: {targets:?}"
        );
    }
    let list = String::from_utf8(paster.paste("text/uri-list").expect("uri-list")).unwrap();
    let uri = list.strip_suffix("\r\n").expect("CRLF-terminated");
    let path = file_path(uri);
    assert_eq!(path, std::fs::canonicalize(&scene.file).unwrap());
    assert!(std::fs::read(&path).unwrap() == scene.bytes, "other bytes");
    let gnome = paster
        .paste("x-special/gnome-copied-files")
        .expect("gnome-copied-files");
    assert_eq!(String::from_utf8(gnome).unwrap(), format!("copy\n{uri}"));
    let plain = paster.paste("UTF8_STRING").expect("text");
    assert_eq!(PathBuf::from(String::from_utf8(plain).unwrap()), path);
    assert_eq!(
        paster.paste("image/png"),
        None,
        "a type not offered is refused"
    );

    // Another program copies something: ours lets go of the clipboard (its window goes).
    let ours = paster.owner();
    assert!(paster.window_exists(ours));
    paster.take_clipboard();
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while paster.window_exists(ours) && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(!paster.window_exists(ours), "the clipboard owner stayed");
}

/// Where the app's window is (no window manager: top left) and where its parts are, for a window
/// of 1000 × 760 (settings.json) in English. See the screenshots in
/// `$TMPDIR/postfach-dragout-app/` when the layout changes.
const APP_WINDOW: (u32, u32) = (1000, 760);
const FIRST_ROW: (i32, i32) = (440, 137);
const FIRST_CHIP: (i32, i32) = (780, 440);
const FIRST_COPY: (i32, i32) = (900, 475);
const FOLDER: (i16, i16, u16, u16) = (1010, 100, 260, 300);
const ON_FOLDER: (i32, i32) = (1140, 250);

/// The real app under Xvfb: open the mail, press on the attachment chip, carry it to a
/// file-manager folder (the drop target), release. The file arrives with its bytes and a safe name.
#[test]
fn the_app_drags_an_attachment_out_to_a_folder() {
    const ORIGINAL: &str = "Rechnung März: Q3 <final>.pdf";
    let bytes = sample_bytes(40_000);
    let mail = support::mail::Mail::text(
        "Stadtwerke München",
        "rechnung@swm.example.de",
        "Ihre Rechnung",
        "Sehr geehrte Frau Schmidt,\n\nim Anhang Ihre Rechnung.\n",
        support::sandbox::now() - 3600,
    )
    .with(ORIGINAL, "application/pdf", bytes.clone());
    let fixture = support::sandbox::Fixture::new(&[mail]).expect("seeded data dir");
    std::fs::write(
        fixture.dir.path().join("settings.json"),
        format!(
            r#"{{ "window": {{ "width": {}, "height": {} }} }}"#,
            APP_WINDOW.0, APP_WINDOW.1
        ),
    )
    .expect("settings");
    let x = Xvfb::start();
    let tmp = tempfile::tempdir().expect("tmp");
    let folder = tempfile::tempdir().expect("folder");
    let shots = std::env::temp_dir().join("postfach-dragout-app");
    std::fs::create_dir_all(&shots).expect("screenshot folder");
    let app = std::process::Command::new(env!("CARGO_BIN_EXE_postfach"))
        .env("DISPLAY", &x.display)
        .env("ICED_BACKEND", "tiny-skia")
        .env("POSTFACH_LANG", "en")
        .env("POSTFACH_DATA_DIR", fixture.dir.path())
        .env("TMPDIR", tmp.path())
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WAYLAND_SOCKET")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start postfach");
    let mut app = Running(app);
    assert!(
        x.wait_for_window("Postfach", Duration::from_secs(60)),
        "the Postfach window did not appear"
    );
    std::thread::sleep(Duration::from_secs(2));
    x.click(FIRST_ROW);
    // The reader parses the mail off the UI thread; a debug build needs a moment.
    std::thread::sleep(Duration::from_secs(3));
    x.screenshot(&shots.join("1-opened.png"));

    let report = drag_chip_to_folder(&x, folder.path(), &shots);
    x.screenshot(&shots.join("3-dropped.png"));
    assert!(report.errors.is_empty(), "{:?}", report.errors);

    let safe = postfach::mime::safe_file_name(ORIGINAL);
    assert!(!safe.contains([':', '<', '>', '/']), "{safe}");
    let arrived = folder.path().join(&safe);
    assert_eq!(
        report.saved.as_deref(),
        Some(arrived.as_path()),
        "{report:?}"
    );
    let got = std::fs::read(&arrived).expect("the dropped file is in the folder");
    assert!(got == bytes, "the dropped file has other bytes");
    // The app handed over its private temporary copy.
    let source = PathBuf::from(report.plain.clone().expect("text/plain"));
    let tmp = std::fs::canonicalize(tmp.path()).expect("tmp");
    assert!(
        source.starts_with(&tmp),
        "{} is not in {}",
        source.display(),
        tmp.display()
    );
    assert_eq!(source.file_name(), Some(std::ffi::OsStr::new(&safe)));

    // The app is still alive and still reacts to the mouse after the drag: a second drag works.
    assert!(
        app.0.try_wait().expect("app status").is_none(),
        "the app exited"
    );
    // The second drag of the same chip delivers the same exact name (a fresh private folder per
    // drag, never "… (2).pdf"), from another temporary copy.
    let again = tempfile::tempdir().expect("folder");
    let report = drag_chip_to_folder(&x, again.path(), &shots);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let arrived = again.path().join(&safe);
    assert_eq!(
        report.saved.as_deref(),
        Some(arrived.as_path()),
        "{report:?}"
    );
    assert!(std::fs::read(&arrived).expect("second file") == bytes);
    let second = PathBuf::from(report.plain.clone().expect("text/plain"));
    assert_eq!(second.file_name(), Some(std::ffi::OsStr::new(&safe)));
    assert_ne!(second.parent(), source.parent(), "a fresh folder per drag");
    #[cfg(unix)]
    for copy in [&source, &second] {
        use std::os::unix::fs::PermissionsExt;
        let dir = copy.parent().expect("folder");
        let mode = std::fs::metadata(dir)
            .expect("drag folder")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700, "{}", dir.display());
    }
    // "Copy" on the chip: the file goes on the clipboard; a file manager pastes it from there.
    x.click(FIRST_COPY);
    let paster = paste::Paster::new(&x);
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let list = loop {
        if let Some(list) = paster.paste("text/uri-list") {
            break String::from_utf8(list).expect("UTF-8");
        }
        assert!(
            std::time::Instant::now() < deadline,
            "nothing on the clipboard"
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    x.screenshot(&shots.join("4-copied.png"));
    let copied = paste::file_path(list.trim_end());
    assert_eq!(copied.file_name(), Some(std::ffi::OsStr::new(&safe)));
    assert!(copied.starts_with(&tmp), "{}", copied.display());
    assert!(std::fs::read(&copied).expect("copied file") == bytes);
    let gnome = paster
        .paste("x-special/gnome-copied-files")
        .expect("for file managers");
    assert!(
        String::from_utf8(gnome)
            .expect("UTF-8")
            .starts_with("copy\nfile:///")
    );
    assert!(
        app.0.try_wait().expect("app status").is_none(),
        "the app exited"
    );

    // Quitting (Ctrl+Q) removes the app's drag and clipboard copies.
    // (No window manager gives the window the keyboard focus: do it by hand.)
    x.xdotool(&["search", "--name", "^Postfach$", "windowfocus", "--sync"]);
    x.xdotool(&["key", "ctrl+q"]);
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while app.0.try_wait().expect("app status").is_none() {
        assert!(std::time::Instant::now() < deadline, "Ctrl+Q did not quit");
        std::thread::sleep(Duration::from_millis(100));
    }
    for copy in [&source, &second, &copied] {
        let dir = copy.parent().expect("folder");
        assert!(!dir.exists(), "{} is still there", dir.display());
    }
}

/// Presses on the first attachment chip, carries it onto a drop target (a folder) and releases.
/// Tries a few times: the reader may still be loading in a slow build.
fn drag_chip_to_folder(x: &Xvfb, folder: &Path, shots: &Path) -> Report {
    for attempt in 1..=3 {
        let target = DropTarget::spawn(x, FOLDER, folder, TargetOptions::default());
        x.xdotool(&[
            "mousemove",
            &FIRST_CHIP.0.to_string(),
            &FIRST_CHIP.1.to_string(),
        ]);
        x.xdotool(&["mousedown", "1"]);
        std::thread::sleep(Duration::from_millis(300));
        x.glide(FIRST_CHIP, ON_FOLDER, 10);
        if target.wait_for_position(Duration::from_secs(10)) {
            x.screenshot(&shots.join("2-dragging.png"));
            x.xdotool(&["mouseup", "1"]);
            return target.finish(Duration::from_secs(20));
        }
        x.screenshot(&shots.join(format!("2-no-drag-{attempt}.png")));
        x.xdotool(&["mouseup", "1"]);
    }
    panic!(
        "no drag reached the folder; see the screenshots in {}",
        shots.display()
    );
}
