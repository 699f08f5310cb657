//! Where Postfach keeps its data. One place, with an override, so tests and portable installs
//! never touch a real profile.

use std::path::{Path, PathBuf};

/// Environment variable that overrides the data directory (same as `--data-dir`).
pub const DATA_DIR_ENV: &str = "POSTFACH_DATA_DIR";

/// The data directory: `--data-dir`, else `POSTFACH_DATA_DIR`, else the platform's location
/// (Linux `~/.local/share/postfach`, macOS `~/Library/Application Support/org.postfach.Postfach`,
/// Windows `%APPDATA%\postfach\Postfach\data`).
pub fn data_dir(explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(dir) = explicit {
        return Some(dir.to_path_buf());
    }
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("org", "postfach", "Postfach")
        .map(|d| d.data_dir().to_path_buf())
}

/// The database file inside a data directory.
pub fn database(data_dir: &Path) -> PathBuf {
    data_dir.join("postfach.sqlite3")
}

/// Lock files (one per account) inside a data directory.
pub fn locks(data_dir: &Path) -> PathBuf {
    data_dir.join("locks")
}

/// The log file inside a data directory.
pub fn log_file(data_dir: &Path) -> PathBuf {
    data_dir.join("postfach.log")
}
