//! A private X server (Xvfb) per test, driven with `xdotool` for real pointer input.

use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use x11rb::connection::Connection;
use x11rb::rust_connection::RustConnection;

/// A private X server (Xvfb) for one test, so tests neither share the pointer nor need `DISPLAY`.
/// Killed when dropped. Fails (panics) when Xvfb is not installed.
pub struct Xvfb {
    child: Child,
    _stdout: ChildStdout,
    /// `:N`
    pub display: String,
}

impl Xvfb {
    pub fn start() -> Xvfb {
        let mut child = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start Xvfb ({e}); install it: apt-get install xvfb")
            });
        let stdout = child.stdout.take().expect("Xvfb's stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut line = String::new();
            let read = reader.read_line(&mut line);
            let _ = tx.send((read.map(|_| line), reader.into_inner()));
        });
        let (line, stdout) = match rx.recv_timeout(Duration::from_secs(20)) {
            Ok((Ok(line), stdout)) if !line.trim().is_empty() => (line, stdout),
            other => {
                let _ = child.kill();
                panic!("Xvfb did not report its display: {:?}", other.map(|o| o.0));
            }
        };
        let display = format!(":{}", line.trim());
        Xvfb {
            child,
            _stdout: stdout,
            display,
        }
    }

    /// A new client connection.
    pub fn connect(&self) -> (RustConnection, usize) {
        x11rb::connect(Some(&self.display)).expect("connect to Xvfb")
    }

    /// Runs `xdotool` with `args` on this display; panics when it is missing or fails.
    pub fn xdotool(&self, args: &[&str]) {
        let status = Command::new("xdotool")
            .env("DISPLAY", &self.display)
            .args(args)
            .stdout(Stdio::null())
            .status()
            .unwrap_or_else(|e| {
                panic!("cannot run xdotool ({e}); install it: apt-get install xdotool")
            });
        assert!(status.success(), "xdotool {args:?} failed: {status}");
    }

    /// Clicks at `(x, y)`.
    pub fn click(&self, (x, y): (i32, i32)) {
        self.xdotool(&["mousemove", &x.to_string(), &y.to_string(), "click", "1"]);
    }

    /// Waits until a window named `name` exists.
    pub fn wait_for_window(&self, name: &str, within: Duration) -> bool {
        let deadline = std::time::Instant::now() + within;
        while std::time::Instant::now() < deadline {
            let found = Command::new("xdotool")
                .env("DISPLAY", &self.display)
                .args(["search", "--name", name])
                .stdout(Stdio::null())
                .status()
                .unwrap_or_else(|e| {
                    panic!("cannot run xdotool ({e}); install it: apt-get install xdotool")
                });
            if found.success() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        false
    }

    /// Moves the pointer to `(x, y)` in `steps` steps from `(x0, y0)`, like a hand would.
    pub fn glide(&self, (x0, y0): (i32, i32), (x, y): (i32, i32), steps: i32) {
        for i in 1..=steps {
            let px = x0 + (x - x0) * i / steps;
            let py = y0 + (y - y0) * i / steps;
            self.xdotool(&["mousemove", &px.to_string(), &py.to_string()]);
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Saves a screenshot of the whole screen (ImageMagick `import`) for looking at failures.
    pub fn screenshot(&self, path: &std::path::Path) {
        let status = Command::new("import")
            .env("DISPLAY", &self.display)
            .args(["-window", "root"])
            .arg(path)
            .status();
        eprintln!("screenshot {}: {status:?}", path.display());
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A child process that is killed when dropped.
pub struct Running(pub Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
