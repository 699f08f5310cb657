//! Thunderbird's mail folders and Maildirs as they are found on disk.

use postfach::store::Scope;

use crate::{TestResult, import_all, local, mail, open, raws};

/// An mbox entry as Thunderbird writes it: "From - date", its status headers, CRLF lines, and
/// "From " lines in the body left as they are.
fn tb_entry(status: &str, subject: &str, body: &str) -> Vec<u8> {
    let mut out = b"From - Thu Dec 03 10:00:00 2026\r\n".to_vec();
    out.extend(format!("X-Mozilla-Status: {status}\r\nX-Mozilla-Status2: 00000000\r\n").bytes());
    out.extend(mail(subject, body));
    out.extend(b"\r\n");
    out
}

#[test]
fn a_thunderbird_mail_folder_becomes_local_folders() -> TestResult {
    let profile = tempfile::tempdir()?;
    let root = profile.path().join("Local Folders");
    std::fs::create_dir_all(root.join("Archiv.sbd"))?;
    let inbox = [
        tb_entry(
            "0001",
            "Gelesen",
            "From here on, text.\r\n>From quoted once",
        ),
        tb_entry("0005", "Markiert", "x"),
        tb_entry("0009", "Geloescht", "compacted away later"),
        tb_entry("0000", "Neu", "y"),
    ]
    .concat();
    std::fs::write(root.join("Inbox"), &inbox)?;
    std::fs::write(
        root.join("Inbox.msf"),
        b"// <!-- <mdb:mork:z v=\"1.4\"/> -->",
    )?;
    std::fs::write(root.join("Archiv"), b"")?;
    std::fs::write(
        root.join("Archiv.sbd/Entw\u{fc}rfe 2024"),
        tb_entry("0001", "Alt", "z"),
    )?;
    std::fs::write(root.join("popstate.dat"), b"# POP3 State File\n")?;

    let dir = tempfile::tempdir()?;
    let mut store = open(dir.path())?;
    let report = import_all(&mut store, &root, None)?;
    assert_eq!(
        report.folders,
        ["Archiv/Entwürfe 2024", "Inbox"],
        "the .sbd child, no .msf, no .dat"
    );
    assert_eq!((report.imported, report.deleted), (4, 1));

    let inbox = local(&store, "Inbox")?;
    let rows = postfach::export::rows(&store, Scope::Folder(inbox.id))?;
    let state: Vec<(&str, bool, bool)> = rows
        .iter()
        .map(|r| (r.subject.as_str(), r.seen, r.flagged))
        .collect();
    assert_eq!(
        state,
        [
            ("Gelesen", true, false),
            ("Markiert", true, true),
            ("Neu", false, false)
        ],
        "read and flag state from X-Mozilla-Status; the deleted one left out"
    );
    let first = &raws(&store, "Inbox")?[0];
    let text = String::from_utf8_lossy(first);
    assert!(
        text.contains("\r\nFrom here on, text.\r\nFrom quoted once"),
        "{text}"
    );
    assert_eq!(raws(&store, "Archiv/Entwürfe 2024")?.len(), 1);
    Ok(())
}

#[test]
fn maildir_flags_and_subfolders_are_kept() -> TestResult {
    let src = tempfile::tempdir()?;
    let md = src.path().join("Mail");
    for sub in [
        "cur",
        "new",
        "tmp",
        ".Reisen.2025/cur",
        ".Reisen.2025/new",
        ".Reisen.2025/tmp",
    ] {
        std::fs::create_dir_all(md.join(sub))?;
    }
    std::fs::write(md.join("cur/1700000000.1.host:2,S"), mail("Gelesen", "a"))?;
    std::fs::write(md.join("cur/1700000001.2.host:2,FS"), mail("Wichtig", "b"))?;
    std::fs::write(md.join("cur/1700000002.3.host:2,ST"), mail("Weg", "c"))?;
    std::fs::write(md.join("new/1700000003.4.host"), mail("Neu", "d"))?;
    std::fs::write(
        md.join(".Reisen.2025/cur/1700000004.5.host:2,"),
        mail("Zug", "e"),
    )?;

    let dir = tempfile::tempdir()?;
    let mut store = open(dir.path())?;
    let report = import_all(&mut store, &md, None)?;
    assert_eq!(report.folders, ["Mail", "Mail/Reisen/2025"]);
    assert_eq!((report.imported, report.deleted), (4, 1));
    let f = local(&store, "Mail")?;
    let rows = postfach::export::rows(&store, Scope::Folder(f.id))?;
    let mut state: Vec<(String, bool, bool)> = rows
        .iter()
        .map(|r| (r.subject.clone(), r.seen, r.flagged))
        .collect();
    state.sort();
    assert_eq!(
        state,
        [
            ("Gelesen".to_owned(), true, false),
            ("Neu".to_owned(), false, false),
            ("Wichtig".to_owned(), true, true)
        ]
    );
    assert_eq!(raws(&store, "Mail/Reisen/2025")?, [mail("Zug", "e")]);
    Ok(())
}
