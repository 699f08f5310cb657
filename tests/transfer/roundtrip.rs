//! Export → import gives back the same bytes, whatever the bodies hold.

use postfach::mime;
use postfach::store::Scope;

use crate::{TestResult, import_all, local, mail, open, raws};

/// Bodies an mbox must protect: "From " lines at the start, after a blank line, already quoted.
fn tricky() -> Vec<Vec<u8>> {
    vec![
        mail("Eins", "Hallo,\r\n\r\nFrom here on we walk.\r\n"),
        mail(
            "Zwei",
            ">From the old days\r\n>>From deeper\r\nFrom Thu Dec  3 10:00:00 2026",
        ),
        mail("Drei", "\r\nFrom a@b.de Thu Dec  3 10:00:00 2026\r\n\r\n"),
        b"Subject: ohne Zeilenende\r\n\r\nletzte Zeile\r\n".to_vec(),
        mail(
            "Gr\u{fc}\u{df}e",
            "Sch\u{f6}ne Gr\u{fc}\u{df}e aus K\u{f6}ln",
        ),
    ]
}

#[test]
fn mbox_export_and_import_give_back_the_same_bytes() -> TestResult {
    let a_dir = tempfile::tempdir()?;
    let mut a = open(a_dir.path())?;
    let folder = a.create_local_folder("Quelle")?;
    for (i, raw) in tricky().iter().enumerate() {
        a.import(folder, raw, &mime::summarize(raw), 1_800_000_000 + i as i64)?;
    }
    let original = raws(&a, "Quelle")?;
    let rows = postfach::export::rows(&a, Scope::Folder(folder))?;
    let out = a_dir.path().join("export.mbox");
    assert_eq!(postfach::export::to_mbox(&a, &rows, &out)?, 5);
    let text = std::fs::read_to_string(&out)?;
    assert!(
        text.contains("\n>From here on we walk."),
        "a body From line is quoted"
    );
    assert!(text.contains("\n>>From the old days"), "mboxrd: one > more");
    assert!(text.contains("\n>>>From deeper"));
    assert_eq!(text.matches("\nFrom ").count() + 1, 5, "five separators");

    let b_dir = tempfile::tempdir()?;
    let mut b = open(b_dir.path())?;
    let report = import_all(&mut b, &out, None)?;
    assert_eq!((report.imported, report.failed), (5, 0));
    assert_eq!(report.folders, ["export"]);
    assert_eq!(raws(&b, "export")?, original, "byte for byte, in order");
    // the arrival times travel in the "From " lines
    let f = local(&b, "export")?;
    let times: Vec<i64> = postfach::export::rows(&b, Scope::Folder(f.id))?
        .iter()
        .map(|r| r.received_at)
        .collect();
    let before: Vec<i64> = rows.iter().map(|r| r.received_at).collect();
    assert_eq!(times, before);

    // importing again adds nothing
    let again = import_all(&mut b, &out, None)?;
    assert_eq!((again.imported, again.duplicates), (0, 5));
    Ok(())
}

#[test]
fn eml_files_and_a_maildir_tree_round_trip() -> TestResult {
    let a_dir = tempfile::tempdir()?;
    let mut a = open(a_dir.path())?;
    let folder = a.create_local_folder("Belege")?;
    let mut ids = Vec::new();
    for (i, raw) in tricky().iter().enumerate() {
        ids.push(a.import(folder, raw, &mime::summarize(raw), 1_800_000_000 + i as i64)?);
    }
    a.set_seen(&ids[..2], true)?;
    a.set_flagged(&ids[1..2], true)?;
    let original = raws(&a, "Belege")?;
    let rows = postfach::export::rows(&a, Scope::Folder(folder))?;

    let emls = a_dir.path().join("eml");
    assert_eq!(postfach::export::to_eml(&a, &rows, &emls)?, 5);
    let mut names: Vec<String> = std::fs::read_dir(&emls)?
        .map(|e| Ok(e?.file_name().to_string_lossy().into_owned()))
        .collect::<Result<_, std::io::Error>>()?;
    names.sort();
    assert!(
        names.contains(&"2026-12-03 Grüße.eml".to_owned()),
        "{names:?}"
    );

    let tree = a_dir.path().join("maildir");
    assert_eq!(postfach::export::to_maildir(&a, &tree)?, 5);
    assert!(tree.join(".Belege/cur").is_dir());

    let b_dir = tempfile::tempdir()?;
    let mut b = open(b_dir.path())?;
    let r = import_all(&mut b, &emls, None)?;
    assert_eq!(r.imported, 5);
    let mut got = raws(&b, "eml")?;
    let mut want = original.clone();
    got.sort();
    want.sort();
    assert_eq!(got, want, "the .eml files hold the stored bytes");

    let r = import_all(&mut b, &tree, Some("Alt"))?;
    assert_eq!(r.imported, 5);
    assert!(
        r.folders.contains(&"Alt/maildir/Belege".to_owned()),
        "{:?}",
        r.folders
    );
    let f = local(&b, "Alt/maildir/Belege")?;
    let rows = postfach::export::rows(&b, Scope::Folder(f.id))?;
    assert_eq!(rows.iter().filter(|r| r.seen).count(), 2, "Maildir S flags");
    assert_eq!(
        rows.iter().filter(|r| r.flagged).count(),
        1,
        "Maildir F flags"
    );
    let mut got = raws(&b, "Alt/maildir/Belege")?;
    got.sort();
    assert_eq!(got, want);
    Ok(())
}
