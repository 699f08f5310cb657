//! The real binary killed (SIGKILL) in the middle of a large mbox import: the next run finishes
//! it, and every message is there exactly once.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use crate::support::cli::command;
use crate::{TestResult, mail, open, raws};

#[test]
fn an_import_killed_midway_is_completed_without_duplicates() -> TestResult {
    const COUNT: usize = 6000;
    let dir = tempfile::tempdir()?;
    let mbox = dir.path().join("Gross");
    let mut file = Vec::new();
    let filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(20);
    for i in 0..COUNT {
        file.extend(b"From anna@example.de Thu Dec  3 10:00:00 2026\n");
        file.extend(mail(&format!("Nachricht {i}"), &filler));
        file.extend(b"\n");
    }
    std::fs::write(&mbox, &file)?;
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data)?;
    // the store exists before the import starts, so its progress can be watched
    drop(open(&data)?);

    let mut child = command(&data, &["import", mbox.to_str().ok_or("path")?]).spawn()?;
    let started = Instant::now();
    let mut seen = 0;
    while started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(20));
        seen = open(&data)?.folders()?.iter().map(|f| f.total).sum::<u64>();
        if seen > 0 {
            break;
        }
    }
    child.kill()?;
    let status = child.wait()?;
    assert!(seen > 0, "the import stored something before the kill");
    let after_kill = raws(&open(&data)?, "Gross")?.len();
    assert!(
        after_kill < COUNT,
        "killed midway ({after_kill} of {COUNT} stored, {status:?}); make COUNT larger if the \
         machine got faster"
    );

    let out = command(&data, &["import", mbox.to_str().ok_or("path")?])
        .env("POSTFACH_LANG", "en")
        .output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(&format!(
            "Imported {} messages; {after_kill} already there",
            COUNT - after_kill
        )) || after_kill == 0,
        "{stdout}"
    );
    let store = open(&data)?;
    let all = raws(&store, "Gross")?;
    assert_eq!(all.len(), COUNT, "every message once");
    let distinct: HashSet<Vec<u8>> = all.iter().map(|r| Sha256::digest(r).to_vec()).collect();
    assert_eq!(distinct.len(), COUNT);
    Ok(())
}
