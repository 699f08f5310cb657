//! Running the programs a benchmark compares: the `postfach` binary beside the bench, a command
//! timed as a whole process under `/usr/bin/time -v` (wall clock, peak RSS), medians. Shared by
//! the benches that time processes (`#[path]`-included, as `tests/support` is).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

pub fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The release (or debug) binary next to this bench's own executable.
pub fn binary() -> Result<PathBuf> {
    let exe = std::env::current_exe()?;
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .ok_or("no target directory")?;
    let bin = profile_dir.join("postfach");
    if !bin.exists() {
        return Err(format!("build the binary first: {} is missing", bin.display()).into());
    }
    Ok(bin)
}

pub fn check(out: &std::process::Output, what: &str) -> Result<()> {
    if out.status.success() {
        return Ok(());
    }
    Err(format!("{what} failed: {}", String::from_utf8_lossy(&out.stderr)).into())
}

/// Runs `command` under `/usr/bin/time -v`: (wall seconds, peak RSS in MB).
pub fn timed(command: &mut Command) -> Result<(f64, f64)> {
    let program = command.get_program().to_owned();
    let args: Vec<_> = command.get_args().map(|a| a.to_owned()).collect();
    let envs: Vec<_> = command
        .get_envs()
        .filter_map(|(k, v)| Some((k.to_owned(), v?.to_owned())))
        .collect();
    let out = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(program)
        .args(args)
        .envs(envs)
        .output()?;
    check(&out, "the timed command")?;
    let report = String::from_utf8_lossy(&out.stderr);
    let field = |name: &str| {
        report.lines().find_map(|l| {
            l.trim()
                .strip_prefix(name)
                .map(str::trim)
                .map(str::to_owned)
        })
    };
    let wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss):").ok_or("no wall time")?;
    let rss_kb: f64 = field("Maximum resident set size (kbytes):")
        .ok_or("no RSS")?
        .parse()?;
    Ok((seconds(&wall)?, rss_kb / 1024.0))
}

/// `m:ss.cc` or `h:mm:ss` in seconds.
pub fn seconds(text: &str) -> Result<f64> {
    let mut total = 0.0;
    for part in text.split(':') {
        total = total * 60.0 + part.parse::<f64>()?;
    }
    Ok(total)
}

pub fn median(runs: &[(f64, f64)]) -> (f64, f64) {
    let pick = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    (
        pick(runs.iter().map(|r| r.0).collect()),
        pick(runs.iter().map(|r| r.1).collect()),
    )
}
