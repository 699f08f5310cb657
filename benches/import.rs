//! Import benchmark (a plain `main`, `harness = false`): `postfach import` of a large mbox (by
//! default 100,000 messages, about 1 GB: the fetch benchmark's small text mails with every 16th
//! one from its large set, attachments included), timed as a whole process under
//! `/usr/bin/time -v` (wall clock, peak RSS), next to what other tools do with the same file:
//! `cat` (reading it: the floor), `formail -s` (procmail's splitter: only splitting) and `mb2md`
//! (the mbox into a Maildir: a file per message, as close to an import as a tool gets). Prints the
//! figures beside the target (peak RSS ≤ 200 MB). Not a test: it asserts nothing about time.
//!
//! `cargo bench --bench import`; `POSTFACH_BENCH_IMPORT_MESSAGES=N` (default 100000),
//! `POSTFACH_BENCH_RUNS=N` (default 1: each run writes a gigabyte). The mbox lives in /var/tmp
//! (not a RAM-backed /tmp) and is in the page cache when the timing starts.
use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::Command;

#[path = "../tests/support/mod.rs"]
mod support;

#[path = "process.rs"]
mod process;

use process::{Result, binary, check, env_or, median, timed};
use support::mail::generated::Set;

fn main() -> Result<()> {
    let messages = env_or("POSTFACH_BENCH_IMPORT_MESSAGES", 100_000);
    let runs = env_or("POSTFACH_BENCH_RUNS", 1).max(1);
    let postfach = binary()?;
    let dir = tempfile::tempdir_in("/var/tmp")?;
    let mbox = dir.path().join("Archiv.mbox");
    let bytes = write_mbox(&mbox, messages)?;
    let mb = bytes as f64 / 1e6;
    let path = mbox.to_string_lossy().into_owned();

    // into the page cache, as for every tool after the first
    check(&Command::new("cat").arg(&mbox).output()?, "cat")?;
    let mut results: Vec<(&str, Vec<(f64, f64)>)> = Vec::new();
    let mut add = |name, figure| match results.iter_mut().find(|(n, _)| *n == name) {
        Some((_, v)) => v.push(figure),
        None => results.push((name, vec![figure])),
    };
    for run in 0..runs {
        add(
            "cat (reading the file)",
            timed(Command::new("sh").args(["-c", &format!("cat '{path}' > /dev/null")]))?,
        );
        add(
            "formail -s (splitting)",
            timed(Command::new("sh").args(["-c", &format!("formail -s < '{path}' > /dev/null")]))?,
        );
        let maildir = dir.path().join(format!("maildir-{run}"));
        add(
            "mb2md (to a Maildir)",
            timed(
                Command::new("mb2md")
                    .arg("-s")
                    .arg(&mbox)
                    .arg("-d")
                    .arg(&maildir),
            )?,
        );
        std::fs::remove_dir_all(&maildir)?;
        let data = dir.path().join(format!("postfach-{run}"));
        add(
            "postfach import",
            timed(
                Command::new(&postfach)
                    .arg("--data-dir")
                    .arg(&data)
                    .arg("import")
                    .arg(&mbox)
                    .env("POSTFACH_LANG", "en"),
            )?,
        );
        let stored = store_size(&data)?;
        let count = postfach::store::Store::open_in(&data)?
            .folders()?
            .iter()
            .map(|f| f.total)
            .sum::<u64>();
        if count != messages as u64 {
            return Err(format!("Postfach stored {count} of {messages} messages").into());
        }
        println!(
            "run {}: Postfach stored all {count} messages; its store {:.0} MB for {mb:.0} MB of \
             mail ({:.2}× the mbox)",
            run + 1,
            stored as f64 / 1e6,
            stored as f64 / bytes as f64
        );
        std::fs::remove_dir_all(&data)?;
    }

    println!(
        "\nImporting an mbox of {mb:.0} MB with {messages} messages (median of {runs} run(s)):"
    );
    println!(
        "  {:<26} {:>9} {:>10} {:>12}",
        "", "time", "peak RSS", "messages/s"
    );
    for (name, figures) in &results {
        let (seconds, rss) = median(figures);
        println!(
            "  {name:<26} {seconds:>8.1}s {rss:>7.0} MB {:>12.0}",
            messages as f64 / seconds
        );
    }
    println!("  target: Postfach's peak RSS ≤ 200 MB");
    Ok(())
}

/// Writes `count` generated messages as an mboxrd file; returns its size.
fn write_mbox(path: &Path, count: usize) -> Result<u64> {
    let mut out = BufWriter::new(std::fs::File::create(path)?);
    let mut written = 0u64;
    for i in 0..count {
        let mail = if i % 16 == 15 {
            Set::Large.mail(i / 16 % 1000)
        } else {
            Set::Small.mail(i % 10_000)
        };
        // a header of its own: every message differs (the sets repeat; an import keeps one copy
        // of the same bytes)
        let from = format!(
            "From bench@example.org Thu Dec  3 10:{:02}:00 2026\nX-Archive-Number: {i}\r\n",
            i % 60
        );
        out.write_all(from.as_bytes())?;
        written += from.len() as u64;
        for line in mail.split_inclusive(|&b| b == b'\n') {
            // mboxrd: one more ">" before ">*From "
            if line.iter().skip_while(|&&b| b == b'>').take(5).eq(b"From ") {
                out.write_all(b">")?;
                written += 1;
            }
            out.write_all(line)?;
            written += line.len() as u64;
        }
        if !mail.ends_with(b"\n") {
            out.write_all(b"\n")?;
            written += 1;
        }
        out.write_all(b"\n")?;
        written += 1;
    }
    out.flush()?;
    Ok(written)
}

/// The bytes of every file under `dir`.
fn store_size(dir: &Path) -> Result<u64> {
    let mut total = 0;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let meta = entry.metadata()?;
        total += if meta.is_dir() {
            store_size(&entry.path())?
        } else {
            meta.len()
        };
    }
    Ok(total)
}
