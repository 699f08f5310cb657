//! Postfach's entry point: arguments, logging, language; then the window or a headless command.
#![cfg_attr(
    all(not(debug_assertions), target_os = "windows"),
    windows_subsystem = "windows"
)]

use std::process::ExitCode;

use clap::Parser;
use postfach::cli::{self, Cli};

fn main() -> ExitCode {
    // The GPU renderer's probe process (Windows): nothing else runs in it.
    if let Some(code) = postfach::ui::platform::renderer::probe_process() {
        return code;
    }
    let mut cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // --help, --version and usage errors print: they need the terminal's console too.
        Err(e) => {
            windows_console::attach_to_parent();
            e.exit()
        }
    };
    if cli.command.is_some() {
        windows_console::attach_to_parent();
    }
    let data_dir = postfach::paths::data_dir(cli.data_dir.as_deref());
    postfach::logging::init(data_dir.as_deref());
    postfach::i18n::select(postfach::i18n::Language::System);
    match cli.command.take() {
        Some(command) => cli::run(cli, command),
        None => {
            let mailto = mailto_link(&mut cli.files);
            if mailto.is_some() {
                // What the link says stays out of the log: it names people.
                tracing::info!("mailto link given");
            }
            let mut show = None;
            if !cli.files.is_empty()
                && let Some(dir) = &data_dir
            {
                show = open_files(dir, &cli.files, cli.now);
            }
            postfach::ui::run(data_dir, show, mailto)
        }
    }
}

/// Takes a `mailto:` link out of the positional arguments (it is no file) and reads it. A link
/// that cannot be used is reported on stderr and in the log; the window opens anyway.
fn mailto_link(args: &mut Vec<String>) -> Option<postfach::send::mailto::Mailto> {
    match cli::mailto::split_mailto(args)? {
        Ok(mailto) => Some(mailto),
        Err(e) => {
            tracing::warn!("mailto link not used: {e}");
            eprintln!("postfach: {}", cli::mailto::message(&e));
            None
        }
    }
}

/// Imports mail files handed over by the desktop; returns their folder and the last one, for the
/// window to show. Problems are logged, the window opens anyway.
fn open_files(
    data_dir: &std::path::Path,
    files: &[String],
    now: Option<i64>,
) -> Option<(postfach::store::FolderId, postfach::store::MessageId)> {
    let now = now.unwrap_or_else(postfach::sync::service::system_clock);
    let result = postfach::store::Store::open_in(data_dir)
        .map_err(|e| e.to_string())
        .and_then(|mut store| cli::open::import(&mut store, files, now));
    match result {
        Ok(opened) => opened,
        Err(e) => {
            tracing::error!("{e}");
            eprintln!("postfach: {e}");
            None
        }
    }
}

/// A release build on Windows has no console of its own (double-clicking must not open one), so a
/// subcommand, `--help`, `--version` or a usage error, started from a terminal, attaches to the
/// terminal's console to print there.
#[cfg(all(windows, not(debug_assertions)))]
mod windows_console {
    const ATTACH_PARENT_PROCESS: u32 = u32::MAX;

    #[link(name = "kernel32")]
    #[allow(unsafe_code)]
    unsafe extern "system" {
        fn AttachConsole(process_id: u32) -> i32;
    }

    pub fn attach_to_parent() {
        // SAFETY: AttachConsole takes a plain integer and only changes this process's console
        // association; failure (no parent console, e.g. started from Explorer) is harmless and
        // ignored. No safe crate offers this one call.
        #[allow(unsafe_code)]
        unsafe {
            AttachConsole(ATTACH_PARENT_PROCESS);
        }
    }
}

/// Elsewhere the process keeps the terminal it was started from.
#[cfg(not(all(windows, not(debug_assertions))))]
mod windows_console {
    pub fn attach_to_parent() {}
}
