//! Logging with `tracing`: stderr (filtered by `POSTFACH_LOG` / `RUST_LOG`, default `warn`) and,
//! when a data directory is known, a log file there. Passwords, tokens and bodies are never logged.

use std::path::Path;

use tracing_subscriber::EnvFilter;

/// Installs the global subscriber once. Safe to call when one is already installed.
pub fn init(data_dir: Option<&Path>) {
    let filter = EnvFilter::try_from_env("POSTFACH_LOG")
        .or_else(|_| EnvFilter::try_from_default_env())
        .unwrap_or_else(|_| EnvFilter::new("warn"));
    let file = data_dir.and_then(|dir| {
        std::fs::create_dir_all(dir).ok()?;
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(crate::paths::log_file(dir))
            .ok()
    });
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    let _ = match file {
        Some(f) => builder
            .with_ansi(false)
            .with_writer(std::sync::Mutex::new(f))
            .try_init(),
        None => builder.with_writer(std::io::stderr).try_init(),
    };
}
