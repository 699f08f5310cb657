//! A timing hook for the app benchmark (`scripts/bench/app.sh`), off unless asked for.
//!
//! With `POSTFACH_BENCH_TIMING=1` in the environment the window writes one machine-readable line
//! to stderr (a [`Record`], see its `Display`) at two kinds of moments:
//!
//! - **first-frame**: the first frame drawn after the message list's first rows arrived from the
//!   store. `ms` is the time since the *process* started: on Linux the kernel's start time of the
//!   process (`/proc/self/stat`, field 22, against `/proc/uptime`; both in 10 ms steps), so it
//!   includes loading the binary, `main`, opening the store and creating the window
//!   (`since=process`). Elsewhere it counts from when the app state was built (`since=app`).
//! - **open**: the first frame drawn after the reader has shown a newly selected message (the
//!   message parsed and laid out). `ms` counts from the update that changed the selection (a
//!   click or an arrow key), `since=selection`.
//! - **compose**: the first frame of a new compose window (a reply, say: the original read and
//!   parsed, the quote built, the window created and drawn). `ms` counts from the update that
//!   asked for the window (a click or a shortcut), `since=request`.
//!
//! "Frame" means iced's `RedrawRequested` for the window: iced draws the user interface, hands
//! the event to subscriptions, then presents the picture; the app receives the frame message
//! after that, so the figures include drawing and presenting. While a frame is awaited a 50 ms
//! tick also runs (each update makes iced redraw), so a frame event that got lost cannot stall
//! the measurement: it would only make the figure later, never earlier. Every line also carries the list
//! length, the resident set size and its peak (`VmRSS`, `VmHWM` from `/proc/self/status`;
//! `n/a` off Linux) and the wall clock (`unix-ms`), so a driver can compare with its own clock.
//!
//! The hook itself reads the process's age and memory (`/proc`) because only it knows the
//! instant of the frame; reading the lines back is the driver's work (`tests/ui/bench.rs` and
//! `scripts/bench/app.sh`), not the app's.
//!
//! `POSTFACH_BENCH_EXIT_AFTER=N` quits the app (without saving preferences) after `N` opened
//! messages. When the variable is unset the hook keeps no state and subscribes to nothing.

use std::fmt;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use iced::{Subscription, Task};

use crate::store::MessageId;
use crate::ui::screen::mail::list::List;
use crate::ui::screen::mail::reader::Reader;

/// Switches the hook on (`1`, `true`, `yes` or `on`).
pub const ENV: &str = "POSTFACH_BENCH_TIMING";
/// Quit after this many opened messages.
pub const EXIT_AFTER_ENV: &str = "POSTFACH_BENCH_EXIT_AFTER";
/// The first word of every line the hook writes.
pub const PREFIX: &str = "postfach-bench";

/// How often a redraw is forced while a frame is awaited.
const TICK: Duration = Duration::from_millis(50);

/// What the hook listens to while it waits for a frame.
#[derive(Debug, Clone, Copy)]
pub enum Signal {
    /// iced drew a frame of this window.
    Frame(iced::window::Id),
    /// The keep-alive tick (the update it causes makes iced redraw).
    Tick,
}

/// What a line reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    /// The first frame with the list's rows painted.
    FirstFrame,
    /// A selected message is shown in the reader.
    Open,
    /// A compose window drew its first frame.
    Compose,
}

impl Moment {
    fn name(self) -> &'static str {
        match self {
            Moment::FirstFrame => "first-frame",
            Moment::Open => "open",
            Moment::Compose => "compose",
        }
    }
}

/// What `ms` counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since {
    /// The process's start (Linux: from the kernel).
    Process,
    /// When the app state was built (where the process start is not known).
    App,
    /// The update that changed the selection.
    Selection,
    /// The update that asked for a compose window.
    Request,
}

impl Since {
    fn name(self) -> &'static str {
        match self {
            Since::Process => "process",
            Since::App => "app",
            Since::Selection => "selection",
            Since::Request => "request",
        }
    }
}

/// One timing line.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub event: Moment,
    /// The how-manyth opened message (from 1); 0 for the first frame.
    pub n: u32,
    /// Milliseconds from `since` to the frame.
    pub ms: f64,
    pub since: Since,
    /// Rows in the list.
    pub rows: u64,
    /// Resident set size now, KiB (`None` where it cannot be read).
    pub rss_kb: Option<u64>,
    /// Peak resident set size so far, KiB.
    pub hwm_kb: Option<u64>,
    /// The wall clock at the frame, milliseconds since the Unix epoch.
    pub unix_ms: f64,
}

impl fmt::Display for Record {
    /// `postfach-bench event=open n=3 ms=21.4 since=selection rows=100000 rss-kb=81234
    /// hwm-kb=90321 unix-ms=1795683345123.456`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kb = |v: Option<u64>| v.map_or_else(|| "n/a".to_owned(), |v| v.to_string());
        write!(
            f,
            "{PREFIX} event={} n={} ms={:.1} since={} rows={} rss-kb={} hwm-kb={} unix-ms={:.3}",
            self.event.name(),
            self.n,
            self.ms,
            self.since.name(),
            self.rows,
            kb(self.rss_kb),
            kb(self.hwm_kb),
            self.unix_ms
        )
    }
}

/// Whether an environment value switches the hook on.
pub fn is_on(value: Option<&str>) -> bool {
    matches!(
        value.map(|v| v.trim().to_ascii_lowercase()).as_deref(),
        Some("1" | "true" | "yes" | "on")
    )
}

/// The hook's state in the app. [`Bench::default`] is off.
#[derive(Debug, Default)]
pub struct Bench {
    on: Option<Box<On>>,
}

#[derive(Debug)]
struct On {
    /// When the state was built, and how old the process was then (if known).
    built: Instant,
    age_at_build: Option<Duration>,
    exit_after: Option<u32>,
    first_frame_done: bool,
    waiting: Option<Waiting>,
    /// The selection last seen, and when it changed.
    selected: Option<(MessageId, Instant)>,
    /// The last message reported as shown.
    reported: Option<MessageId>,
    opens: u32,
    /// When a compose window was asked for (until it is open).
    compose_requested: Option<Instant>,
    composes: u32,
    rows: u64,
}

#[derive(Debug, Clone, Copy)]
enum Waiting {
    FirstFrame,
    Open(Instant),
    /// The first frame of this compose window, asked for at that instant.
    Compose(iced::window::Id, Instant),
}

impl Bench {
    /// On when [`ENV`] says so; reads [`EXIT_AFTER_ENV`] too.
    pub fn from_env() -> Bench {
        Bench::from_vars(|key| std::env::var(key).ok())
    }

    /// Like [`Bench::from_env`], with the variables looked up by `var` (for tests).
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Bench {
        if !is_on(var(ENV).as_deref()) {
            return Bench::default();
        }
        let exit_after = var(EXIT_AFTER_ENV).and_then(|v| v.trim().parse().ok());
        tracing::info!("benchmark timing lines on (stderr)");
        Bench {
            on: Some(Box::new(On {
                built: Instant::now(),
                age_at_build: process_age(),
                exit_after,
                first_frame_done: false,
                waiting: None,
                selected: None,
                reported: None,
                opens: 0,
                compose_requested: None,
                composes: 0,
                rows: 0,
            })),
        }
    }

    /// Whether the hook is on.
    pub fn is_on(&self) -> bool {
        self.on.is_some()
    }

    /// Whether the hook waits for the next frame (and so subscribes to frames).
    pub fn is_waiting(&self) -> bool {
        self.on.as_ref().is_some_and(|on| on.waiting.is_some())
    }

    /// Looks at the panes after an update: the list's first rows arrived, the selection
    /// changed, or the reader shows the selected message — then waits for the next frame.
    pub fn observe(&mut self, list: &List, reader: &Reader) {
        let Some(on) = self.on.as_deref_mut() else {
            return;
        };
        let now = Instant::now();
        on.rows = list.len();
        if !on.first_frame_done && on.waiting.is_none() && !list.is_empty() && list.row(0).is_some()
        {
            tracing::debug!(rows = on.rows, "bench: list rows in, waiting for a frame");
            on.waiting = Some(Waiting::FirstFrame);
        }
        let selected = list.selected().map(|r| r.id);
        if selected != on.selected.map(|(id, _)| id) {
            on.selected = selected.map(|id| (id, now));
        }
        let shown = reader.shown().map(|o| o.row.id);
        if let (Some(id), Some((sel, at))) = (shown, on.selected)
            && id == sel
            && on.reported != Some(id)
            && on.first_frame_done
            && on.waiting.is_none()
        {
            tracing::debug!(message = %id, "bench: reader shows the selection, waiting for a frame");
            on.reported = Some(id);
            on.waiting = Some(Waiting::Open(at));
        }
    }

    /// A compose window was asked for (its content is read next).
    pub fn compose_requested(&mut self) {
        if let Some(on) = self.on.as_deref_mut() {
            on.compose_requested = Some(Instant::now());
        }
    }

    /// The compose window asked for was created: wait for its first frame.
    pub fn compose_opened(&mut self, window: iced::window::Id) {
        if let Some(on) = self.on.as_deref_mut()
            && let Some(at) = on.compose_requested.take()
            && on.first_frame_done
        {
            tracing::debug!(
                ?window,
                "bench: compose window created, waiting for its frame"
            );
            on.waiting = Some(Waiting::Compose(window, at));
        }
    }

    /// Frames and the keep-alive tick, only while a frame is awaited (nothing otherwise).
    pub fn subscription(&self) -> Subscription<Signal> {
        if self.is_waiting() {
            Subscription::batch([
                iced::event::listen_raw(|event, _status, window| match event {
                    iced::Event::Window(iced::window::Event::RedrawRequested(_)) => {
                        Some(Signal::Frame(window))
                    }
                    _ => None,
                }),
                iced::time::every(TICK).map(|_| Signal::Tick),
            ])
        } else {
            Subscription::none()
        }
    }

    /// On a frame, writes the awaited line; quits after the requested number of opens.
    pub fn update<M: Send + 'static>(&mut self, signal: Signal) -> Task<M> {
        let window = match signal {
            Signal::Frame(window) => window,
            Signal::Tick => {
                tracing::debug!("bench: tick while waiting for a frame");
                return Task::none();
            }
        };
        let Some(record) = self.frame_record(window) else {
            return Task::none();
        };
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), "{record}");
        let done = self
            .on
            .as_ref()
            .and_then(|on| on.exit_after)
            .is_some_and(|n| record.event == Moment::Open && record.n >= n);
        if done { iced::exit() } else { Task::none() }
    }

    /// The record for the frame of `window` just drawn, if one was awaited (a compose window's
    /// first frame is its own, not the main window's).
    pub fn frame_record(&mut self, window: iced::window::Id) -> Option<Record> {
        let on = self.on.as_deref_mut()?;
        if let Some(Waiting::Compose(awaited, _)) = on.waiting
            && awaited != window
        {
            return None;
        }
        let waiting = on.waiting.take();
        tracing::debug!(?waiting, "bench: frame");
        let waiting = waiting?;
        let now = Instant::now();
        let (event, n, ms, since) = match waiting {
            Waiting::FirstFrame => {
                on.first_frame_done = true;
                let since_build = now.duration_since(on.built);
                match on.age_at_build {
                    Some(age) => (Moment::FirstFrame, 0, age + since_build, Since::Process),
                    None => (Moment::FirstFrame, 0, since_build, Since::App),
                }
            }
            Waiting::Compose(_, at) => {
                on.composes += 1;
                (
                    Moment::Compose,
                    on.composes,
                    now.duration_since(at),
                    Since::Request,
                )
            }
            Waiting::Open(at) => {
                on.opens += 1;
                (
                    Moment::Open,
                    on.opens,
                    now.duration_since(at),
                    Since::Selection,
                )
            }
        };
        let (rss_kb, hwm_kb) = memory();
        Some(Record {
            event,
            n,
            ms: ms.as_secs_f64() * 1000.0,
            since,
            rows: on.rows,
            rss_kb,
            hwm_kb,
            unix_ms: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0.0, |d| d.as_secs_f64() * 1000.0),
        })
    }
}

/// How long ago the kernel started this process (Linux), in 10 ms steps.
#[cfg(target_os = "linux")]
fn process_age() -> Option<Duration> {
    // Clock ticks per second for /proc (USER_HZ): 100 on every Linux architecture we build for.
    const USER_HZ: f64 = 100.0;
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let uptime = std::fs::read_to_string("/proc/uptime").ok()?;
    let age = parse_age(&stat, &uptime, USER_HZ)?;
    Some(Duration::from_secs_f64(age))
}

#[cfg(not(target_os = "linux"))]
fn process_age() -> Option<Duration> {
    None
}

/// Seconds between the process's start (`/proc/self/stat` field 22, in clock ticks since boot)
/// and now (`/proc/uptime`, seconds since boot).
#[cfg(any(target_os = "linux", test))]
fn parse_age(stat: &str, uptime: &str, ticks_per_second: f64) -> Option<f64> {
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
    let rest = &stat[stat.rfind(')')? + 1..];
    // `rest` starts with field 3 (state), so field 22 is its 20th word.
    let start_ticks: f64 = rest.split_whitespace().nth(19)?.parse().ok()?;
    let now: f64 = uptime.split_whitespace().next()?.parse().ok()?;
    let age = now - start_ticks / ticks_per_second;
    (age >= 0.0).then_some(age)
}

/// `VmRSS` and `VmHWM` in KiB (Linux); `None` elsewhere.
fn memory() -> (Option<u64>, Option<u64>) {
    if cfg!(target_os = "linux") {
        match std::fs::read_to_string("/proc/self/status") {
            Ok(status) => (status_kb(&status, "VmRSS"), status_kb(&status, "VmHWM")),
            Err(_) => (None, None),
        }
    } else {
        (None, None)
    }
}

/// A `Key:   1234 kB` line of `/proc/<pid>/status`.
fn status_kb(status: &str, key: &str) -> Option<u64> {
    status
        .lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Record {
        Record {
            event: Moment::Open,
            n: 3,
            ms: 21.44,
            since: Since::Selection,
            rows: 100_000,
            rss_kb: Some(81_234),
            hwm_kb: None,
            unix_ms: 1_795_683_345_123.456,
        }
    }

    #[test]
    fn a_line_names_every_field() {
        let line = sample().to_string();
        assert_eq!(
            line,
            "postfach-bench event=open n=3 ms=21.4 since=selection rows=100000 rss-kb=81234 \
             hwm-kb=n/a unix-ms=1795683345123.456"
        );
    }

    #[test]
    fn off_without_the_variable() {
        let bench = Bench::from_vars(|_| None);
        assert!(!bench.is_on());
        assert!(!bench.is_waiting());
        for value in ["0", "", "off", "no"] {
            let bench = Bench::from_vars(|k| (k == ENV).then(|| value.to_owned()));
            assert!(!bench.is_on(), "{value:?} switched it on");
        }
        let mut off = Bench::default();
        assert_eq!(off.frame_record(iced::window::Id::unique()), None);
    }

    #[test]
    fn on_with_the_variable() {
        for value in ["1", "true", "ON", " yes "] {
            let bench = Bench::from_vars(|k| (k == ENV).then(|| value.to_owned()));
            assert!(bench.is_on(), "{value:?} did not switch it on");
            // Nothing is awaited before the list has rows.
            assert!(!bench.is_waiting());
        }
    }

    #[test]
    fn process_age_from_proc_files() {
        let stat = "4242 (post fach) (x) S 1 4242 4242 0 -1 4194560 100 0 0 0 5 3 0 0 20 0 9 0 \
                    12345 1000000 500 18446744073709551615";
        let age = parse_age(stat, "125.45 200.00\n", 100.0);
        assert!(age.is_some_and(|a| (a - 2.0).abs() < 1e-9), "{age:?}");
        assert_eq!(parse_age(stat, "100.00 1.0", 100.0), None);
        assert_eq!(parse_age("garbage", "1.0", 100.0), None);
        #[cfg(target_os = "linux")]
        assert!(process_age().is_some_and(|a| a < Duration::from_secs(24 * 3600)));
    }

    #[test]
    fn memory_from_status() {
        let status = "Name:\tpostfach\nVmHWM:\t  90321 kB\nVmRSS:\t   81234 kB\n";
        assert_eq!(status_kb(status, "VmRSS"), Some(81_234));
        assert_eq!(status_kb(status, "VmHWM"), Some(90_321));
        assert_eq!(status_kb(status, "VmSwap"), None);
        if cfg!(target_os = "linux") {
            let (rss, hwm) = memory();
            assert!(rss.is_some_and(|r| r > 0) && hwm >= rss, "{rss:?} {hwm:?}");
        }
    }
}
