//! Postfach's entry point: arguments, logging, language; then the window or a headless command.
#![cfg_attr(
    all(not(debug_assertions), target_os = "windows"),
    windows_subsystem = "windows"
)]

use std::process::ExitCode;

use clap::Parser;
use postfach::cli::{self, Cli};

fn main() -> ExitCode {
    let mut cli = Cli::parse();
    let data_dir = postfach::paths::data_dir(cli.data_dir.as_deref());
    postfach::logging::init(data_dir.as_deref());
    postfach::i18n::select(postfach::i18n::Language::System);
    match cli.command.take() {
        Some(command) => cli::run(cli, command),
        None => postfach::ui::run(data_dir),
    }
}
