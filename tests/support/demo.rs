//! The demo mail of the packages' checks (`packaging/linux/demo-mail/*.eml`), served by a private
//! Dovecot to the installed apps (tests/packaging.rs, tests/packaging_windows.rs).
use std::path::Path;

/// The demo messages (file stem, bytes), sorted by name.
pub fn demo_mail() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("packaging/linux/demo-mail");
    let mut mail: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            entry
                .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .path()
        })
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .map(|p| {
            let name = p
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (name, bytes)
        })
        .collect();
    mail.sort();
    assert!(
        mail.len() >= 3,
        "expected the demo messages in {}",
        dir.display()
    );
    mail
}

/// The plain-ASCII subjects of the demo messages: the texts the window must show (read back by
/// OCR, which is reliable for ASCII; umlauts and encoded words are left out).
pub fn ascii_subjects(mail: &[(String, Vec<u8>)]) -> Vec<String> {
    mail.iter()
        .filter_map(|(_, bytes)| {
            let text = String::from_utf8_lossy(bytes);
            let subject = text.lines().find_map(|l| l.strip_prefix("Subject: "))?;
            let plain = subject
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == ' ');
            plain.then(|| subject.trim().to_owned())
        })
        .collect()
}
