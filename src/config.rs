//! App preferences: language, theme, notifications, window size and pane widths.
//!
//! Kept as `settings.json` in the data directory. Reading is tolerant: a missing file gives the
//! defaults silently; a file that is not JSON, or a field with a wrong type or an absurd value,
//! gives the default for what could not be read plus a warning (logged and returned to the
//! caller, which may show it). Nothing here panics. Saving writes a temporary file and renames it
//! over the old one, so a crash never leaves half a file behind.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::{Map, Value, json};

use crate::i18n::Language;

/// The preferences file inside the data directory.
pub const FILE_NAME: &str = "settings.json";

/// Smallest and largest window edge we accept from the file (logical pixels).
const WINDOW_MIN: (f32, f32) = (640.0, 400.0);
const WINDOW_MAX: f32 = 16_384.0;
/// Narrowest and widest pane we accept from the file (logical pixels).
const PANE_MIN: f32 = 120.0;
const PANE_MAX: f32 = 4_000.0;

/// Why the preferences could not be read or written.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    /// Reading or writing the file failed.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: Arc<io::Error>,
    },
    /// The file is not what we expect; the named parts fell back to their defaults.
    #[error("{path}: {problems}")]
    Invalid { path: PathBuf, problems: String },
}

/// Light or dark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeChoice {
    /// Follow the system's light/dark preference.
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    /// The word stored in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            ThemeChoice::System => "system",
            ThemeChoice::Light => "light",
            ThemeChoice::Dark => "dark",
        }
    }

    fn parse(s: &str) -> Option<ThemeChoice> {
        match s.to_ascii_lowercase().as_str() {
            "system" => Some(ThemeChoice::System),
            "light" => Some(ThemeChoice::Light),
            "dark" => Some(ThemeChoice::Dark),
            _ => None,
        }
    }
}

/// The main window's size (logical pixels).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WindowSize {
    pub width: f32,
    pub height: f32,
}

impl Default for WindowSize {
    fn default() -> Self {
        WindowSize {
            width: 1200.0,
            height: 760.0,
        }
    }
}

/// The widths of the sidebar and the message list (the reader takes the rest).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PaneWidths {
    pub sidebar: f32,
    pub list: f32,
}

impl Default for PaneWidths {
    fn default() -> Self {
        PaneWidths {
            sidebar: 230.0,
            list: 430.0,
        }
    }
}

/// All preferences.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The UI language (`System` follows the system or `POSTFACH_LANG`).
    pub language: Language,
    pub theme: ThemeChoice,
    /// Desktop notifications for new mail.
    pub notifications: bool,
    pub window: WindowSize,
    pub panes: PaneWidths,
    /// HTML mail shown formatted (`true`, the default) or as plain text.
    pub formatted: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            language: Language::System,
            theme: ThemeChoice::System,
            notifications: true,
            window: WindowSize::default(),
            panes: PaneWidths::default(),
            formatted: true,
        }
    }
}

impl Config {
    /// The defaults: system language and theme, notifications on, a 1200×760 window.
    pub fn new() -> Config {
        Config::default()
    }

    /// The file in `data_dir`.
    pub fn path(data_dir: &Path) -> PathBuf {
        data_dir.join(FILE_NAME)
    }

    /// Reads `settings.json` from `data_dir`. A missing file gives the defaults and no warning;
    /// anything unreadable gives defaults for what could not be read and a warning.
    pub fn load(data_dir: &Path) -> (Config, Option<Error>) {
        let path = Config::path(data_dir);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return (Config::new(), None),
            Err(e) => {
                let error = Error::Io {
                    path,
                    source: Arc::new(e),
                };
                tracing::warn!("cannot read the preferences, using defaults: {error}");
                return (Config::new(), Some(error));
            }
        };
        let (config, problems) = Config::from_json(&text);
        if problems.is_empty() {
            return (config, None);
        }
        let error = Error::Invalid {
            path,
            problems: problems.join("; "),
        };
        tracing::warn!("preferences partly unreadable, defaults used there: {error}");
        (config, Some(error))
    }

    /// Parses the file's text. Returns the preferences (defaults where a value was missing or
    /// unusable) and a description of each unusable part. Unknown fields are ignored.
    pub fn from_json(text: &str) -> (Config, Vec<String>) {
        let mut config = Config::new();
        let mut problems = Vec::new();
        let root = match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(map)) => map,
            Ok(_) => {
                problems.push("not a JSON object".to_owned());
                return (config, problems);
            }
            Err(e) => {
                problems.push(format!("not valid JSON ({e})"));
                return (config, problems);
            }
        };
        let mut read = Reader {
            problems: &mut problems,
        };
        if let Some(s) = read.string(&root, "language") {
            match s.to_ascii_lowercase().as_str() {
                "system" | "" => config.language = Language::System,
                other => match Language::parse(other) {
                    Language::System => read.bad("language"),
                    lang => config.language = lang,
                },
            }
        }
        if let Some(s) = read.string(&root, "theme") {
            match ThemeChoice::parse(s) {
                Some(t) => config.theme = t,
                None => read.bad("theme"),
            }
        }
        if let Some(v) = root.get("notifications") {
            match v.as_bool() {
                Some(b) => config.notifications = b,
                None => read.bad("notifications"),
            }
        }
        if let Some(v) = root.get("formatted") {
            match v.as_bool() {
                Some(b) => config.formatted = b,
                None => read.bad("formatted"),
            }
        }
        if let Some(window) = read.object(&root, "window") {
            let w = read.number(window, "window.width", WINDOW_MIN.0, WINDOW_MAX);
            let h = read.number(window, "window.height", WINDOW_MIN.1, WINDOW_MAX);
            config.window.width = w.unwrap_or(config.window.width);
            config.window.height = h.unwrap_or(config.window.height);
        }
        if let Some(panes) = read.object(&root, "panes") {
            let s = read.number(panes, "panes.sidebar", PANE_MIN, PANE_MAX);
            let l = read.number(panes, "panes.list", PANE_MIN, PANE_MAX);
            config.panes.sidebar = s.unwrap_or(config.panes.sidebar);
            config.panes.list = l.unwrap_or(config.panes.list);
        }
        (config, problems)
    }

    /// The file's text (pretty-printed JSON).
    pub fn to_json(&self) -> String {
        let value = json!({
            "language": self.language.as_str(),
            "theme": self.theme.as_str(),
            "notifications": self.notifications,
            "formatted": self.formatted,
            "window": { "width": self.window.width.round(), "height": self.window.height.round() },
            "panes": { "sidebar": self.panes.sidebar.round(), "list": self.panes.list.round() },
        });
        let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Writes `settings.json` into `data_dir` (created if missing), atomically.
    pub fn save(&self, data_dir: &Path) -> Result<(), Error> {
        let path = Config::path(data_dir);
        let io_error = |source: io::Error| Error::Io {
            path: path.clone(),
            source: Arc::new(source),
        };
        std::fs::create_dir_all(data_dir).map_err(io_error)?;
        let tmp = data_dir.join(format!("{FILE_NAME}.tmp"));
        std::fs::write(&tmp, self.to_json()).map_err(io_error)?;
        std::fs::rename(&tmp, &path).map_err(io_error)
    }
}

/// Reads fields and records what could not be used.
struct Reader<'p> {
    problems: &'p mut Vec<String>,
}

impl Reader<'_> {
    fn bad(&mut self, field: &str) {
        self.problems
            .push(format!("unusable value for \"{field}\""));
    }

    fn string<'v>(&mut self, map: &'v Map<String, Value>, field: &str) -> Option<&'v str> {
        let value = map.get(field)?;
        let s = value.as_str();
        if s.is_none() {
            self.bad(field);
        }
        s
    }

    fn object<'v>(
        &mut self,
        map: &'v Map<String, Value>,
        field: &str,
    ) -> Option<&'v Map<String, Value>> {
        let value = map.get(field)?;
        let o = value.as_object();
        if o.is_none() {
            self.bad(field);
        }
        o
    }

    /// A finite number within `min..=max` (values outside are clamped; NaN/strings are bad).
    fn number(&mut self, map: &Map<String, Value>, path: &str, min: f32, max: f32) -> Option<f32> {
        let field = path.rsplit('.').next().unwrap_or(path);
        let value = map.get(field)?;
        match value.as_f64() {
            Some(n) if n.is_finite() => Some((n as f32).clamp(min, max)),
            _ => {
                self.bad(path);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_gives_defaults_without_warning() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let (config, warning) = Config::load(dir.path());
        assert_eq!(config, Config::new());
        assert!(config.notifications);
        assert!(warning.is_none());
        Ok(())
    }

    #[test]
    fn saved_config_reads_back() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let config = Config {
            language: Language::German,
            theme: ThemeChoice::Dark,
            notifications: false,
            window: WindowSize {
                width: 1400.0,
                height: 900.0,
            },
            panes: PaneWidths {
                sidebar: 250.0,
                list: 500.0,
            },
            formatted: false,
        };
        config.save(&dir.path().join("new-dir"))?;
        let (read, warning) = Config::load(&dir.path().join("new-dir"));
        assert!(warning.is_none(), "{warning:?}");
        assert_eq!(read, config);
        assert!(
            !dir.path()
                .join("new-dir")
                .join("settings.json.tmp")
                .exists()
        );
        Ok(())
    }

    #[test]
    fn broken_file_falls_back_with_a_warning() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        std::fs::write(dir.path().join(FILE_NAME), "{ \"theme\": \"dark\", ")?;
        let (config, warning) = Config::load(dir.path());
        assert_eq!(config, Config::new());
        assert!(
            matches!(warning, Some(Error::Invalid { .. })),
            "{warning:?}"
        );
        Ok(())
    }

    #[test]
    fn bad_fields_fall_back_one_by_one() {
        let (config, problems) = Config::from_json(
            r#"{"language":"de","theme":"purple","notifications":"yes",
                "window":{"width":"wide","height":50},"panes":[1,2],"future":42}"#,
        );
        assert_eq!(config.language, Language::German);
        assert_eq!(config.theme, ThemeChoice::System);
        assert!(config.notifications);
        assert_eq!(config.window.width, WindowSize::default().width);
        assert_eq!(config.window.height, WINDOW_MIN.1, "clamped to the minimum");
        assert_eq!(config.panes, PaneWidths::default());
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("theme")));
        assert!(problems.iter().any(|p| p.contains("window.width")));
    }

    #[test]
    fn other_json_values_are_not_a_config() {
        for text in ["[]", "null", "42", "\"x\"", ""] {
            let (config, problems) = Config::from_json(text);
            assert_eq!(config, Config::new(), "{text}");
            assert_eq!(problems.len(), 1, "{text}");
        }
    }

    #[test]
    fn json_is_stable_and_readable() {
        let text = Config::new().to_json();
        assert!(text.contains("\"language\": \"system\""), "{text}");
        assert!(text.contains("\"theme\": \"system\""), "{text}");
        let (back, problems) = Config::from_json(&text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(back, Config::new());
    }
}
