//! The command line's language (issue #14, point 5): a system locale that names no language
//! (`C`, `POSIX`, none) means English, with no error in the log.

#![allow(clippy::expect_used)]

use crate::support;

use std::path::Path;
use std::process::Output;

/// Runs `postfach` with a private data directory and only `env` as the locale.
fn postfach(dir: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut command = support::cli::command(dir, args);
    command
        .env_remove("POSTFACH_LANG")
        .env_remove("POSTFACH_LOG")
        .env_remove("RUST_LOG")
        .env_remove("LANGUAGE")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("run postfach")
}

#[test]
fn a_locale_without_a_language_means_english_without_an_error() {
    for env in [
        &[("LANG", "C")][..],
        &[("LC_ALL", "POSIX")],
        &[("LANG", "C.UTF-8")],
        &[],
    ] {
        let dir = tempfile::tempdir().expect("temp dir");
        for _ in 0..2 {
            let out = postfach(dir.path(), env, &["account", "list"]);
            assert!(out.status.success(), "{out:?}");
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(stdout.contains("No accounts yet"), "{env:?}: {stdout}");
        }
        let log = std::fs::read_to_string(dir.path().join("postfach.log")).unwrap_or_default();
        assert!(!log.contains("ERROR"), "{env:?}: {log}");
        assert!(!log.contains("Unable to parse"), "{env:?}: {log}");
    }
}

#[test]
fn a_german_locale_still_speaks_german() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = postfach(dir.path(), &[("LANG", "de_DE.UTF-8")], &["account", "list"]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Noch keine Konten"),
        "{out:?}"
    );
}
