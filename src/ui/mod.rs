//! The iced 0.14 desktop app. The only layer that knows iced.

use std::path::PathBuf;
use std::process::ExitCode;

/// Opens the main window. Returns when it is closed.
pub fn run(data_dir: Option<PathBuf>) -> ExitCode {
    let _ = data_dir;
    eprintln!("postfach: the window is not built yet; use the subcommands (postfach --help)");
    ExitCode::from(1)
}
