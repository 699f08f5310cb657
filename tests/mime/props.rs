//! Malformed input never panics: property tests over the whole parser-to-model path (`summarize`,
//! `parse`, `attachment_bytes`, `thumbnail`, `html_to_text`, `safe_file_name`), fed arbitrary bytes,
//! mutated real-world fixtures and image-shaped garbage.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::Path;
use std::sync::OnceLock;

use postfach::mime;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

/// Where failing cases are kept and re-run first: under the crate's one `proptest-regressions/`
/// root, as the unit tests' are (proptest's default would put them next to this file).
const REGRESSIONS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/proptest-regressions/tests/mime/props.txt"
);

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 512,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(REGRESSIONS))),
        ..ProptestConfig::default()
    }
}

/// The golden fixtures, each in its LF and CRLF form.
fn fixtures() -> &'static [Vec<u8>] {
    static FIXTURES: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    FIXTURES.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/eml");
        let mut out = Vec::new();
        for entry in fs::read_dir(&dir).expect("fixture dir") {
            let path = entry.expect("dir entry").path();
            if path.extension().is_some_and(|e| e == "eml") {
                let lf = fs::read(&path).expect("fixture");
                let crlf: Vec<u8> = lf
                    .iter()
                    .flat_map(|&b| {
                        if b == b'\n' {
                            vec![b'\r', b'\n']
                        } else {
                            vec![b]
                        }
                    })
                    .collect();
                out.push(lf);
                out.push(crlf);
            }
        }
        assert!(out.len() >= 30, "fixtures missing");
        out
    })
}

/// Everything the app does with a stored message, checked for the model's own promises.
fn exercise(raw: &[u8], extra_index: usize) {
    let message = mime::parse(raw);
    let summary = mime::summarize(raw);
    assert_eq!(summary, mime::Summary::of(&message));
    // The same with every base64 attachment body left out before parsing, however short.
    assert_eq!(mime::summarize_eliding(raw, 1), summary);
    assert!(summary.preview.chars().count() <= mime::PREVIEW_CHARS);
    assert!(!summary.preview.contains('\n'));
    assert!(summary.search_text.len() <= mime::SEARCH_TEXT_BYTES);
    assert!(message.body.text.len() <= mime::MAX_BODY_TEXT);
    assert!(!message.body.text.contains('\r'));
    for link in &message.body.links {
        let url = link.url.as_str();
        assert!(
            url.starts_with("http://") || url.starts_with("https://") || url.starts_with("mailto:"),
            "{url}"
        );
    }
    for a in &message.attachments {
        assert_eq!(mime::safe_file_name(&a.name), a.name);
        let bytes = mime::attachment_bytes(raw, a.index);
        assert_eq!(
            bytes.as_ref().map(|b| b.len() as u64),
            Some(a.size),
            "{a:?}"
        );
        if a.is_image
            && let Some(bytes) = bytes
        {
            let _ = mime::thumbnail(&bytes, 32);
        }
    }
    let _ = mime::attachment_bytes(raw, extra_index);
}

/// One edit of a byte string.
#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Truncate(usize),
    Duplicate(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let interesting = prop::sample::select(vec![
        b"\n".to_vec(),
        b"\r\n".to_vec(),
        b"--".to_vec(),
        b"=".to_vec(),
        b"=?".to_vec(),
        b"?=".to_vec(),
        b"\n\n".to_vec(),
        b"Content-Type: multipart/mixed; boundary=\"x\"\n".to_vec(),
        b"Content-Transfer-Encoding: base64\n".to_vec(),
        b"Content-Transfer-Encoding: quoted-printable\n".to_vec(),
        b"=?UTF-8?B?w7w=?=".to_vec(),
        b"filename*0*=UTF-8''%C3".to_vec(),
        b"<a href=\"".to_vec(),
        b"<script>".to_vec(),
        vec![0xff, 0xfe, 0x00],
    ]);
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (any::<usize>(), interesting).prop_map(|(i, s)| Mutation::Insert(i, s)),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(i, s)| Mutation::Insert(i, s)),
        (any::<usize>(), 1usize..64).prop_map(|(i, n)| Mutation::Delete(i, n)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), 1usize..128).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
    ]
}

fn apply(mut raw: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = raw.len().max(1);
        match m {
            Mutation::Flip(i, b) => {
                if !raw.is_empty() {
                    raw[i % len] = *b;
                }
            }
            Mutation::Insert(i, s) => {
                let at = i % (raw.len() + 1);
                raw.splice(at..at, s.iter().copied());
            }
            Mutation::Delete(i, n) => {
                let at = i % len;
                let end = (at + n).min(raw.len());
                raw.drain(at.min(end)..end);
            }
            Mutation::Truncate(i) => raw.truncate(i % len),
            Mutation::Duplicate(i, n) => {
                let at = i % len;
                let end = (at + n).min(raw.len());
                let copy = raw.get(at..end).unwrap_or_default().to_vec();
                raw.splice(end..end, copy);
            }
        }
    }
    raw
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_never_panic(raw in prop::collection::vec(any::<u8>(), 0..4096), index in 0usize..64) {
        exercise(&raw, index);
        let _ = mime::thumbnail(&raw, 64);
    }

    #[test]
    fn mail_shaped_text_never_panics(
        raw in "([A-Za-z-]{1,12}: [ -~äöü]{0,40}\n){0,8}\n?(--b\n|=?[a-zA-Z0-9-]{0,12}?[bBqQ]?[ -~]{0,20}?=|[ -~äöüß\n]{0,60}){0,20}",
        index in 0usize..16,
    ) {
        exercise(raw.as_bytes(), index);
    }

    #[test]
    fn mutated_fixtures_never_panic(
        which in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..8),
        index in 0usize..16,
    ) {
        let raw = apply(which.get(fixtures()).clone(), &mutations);
        exercise(&raw, index);
    }

    #[test]
    fn image_shaped_garbage_never_panics(
        magic in prop::sample::select(vec![
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec(),
            b"\xff\xd8\xff\xe0\x00\x10JFIF\x00".to_vec(),
            b"GIF89a".to_vec(),
            b"RIFF\x00\x01\x00\x00WEBPVP8 ".to_vec(),
            b"RIFF\x00\x01\x00\x00WEBPVP8L".to_vec(),
        ]),
        tail in prop::collection::vec(any::<u8>(), 0..2048),
        side in 0u32..5000,
    ) {
        let mut bytes = magic;
        bytes.extend_from_slice(&tail);
        if let Ok(t) = mime::thumbnail(&bytes, side) {
            let side = side.clamp(1, mime::MAX_THUMBNAIL_SIDE);
            prop_assert!(t.width <= side && t.height <= side);
            prop_assert_eq!(t.rgba.len(), t.width as usize * t.height as usize * 4);
        }
    }

    #[test]
    fn html_never_panics_and_links_are_safe(
        html in "(<[a-zA-Z/!?]{0,8}( [a-z]{1,6}(=(\"[^\"]{0,20}\"|'[^']{0,20}'|[^ >]{0,10}))?){0,3}/?>?|&[#xa-zA-Z0-9]{0,8};?|[^<&]{0,20}|javascript:|https://x.de/|\\]|\\[){0,40}",
    ) {
        let (text, links) = mime::html_to_text(&html);
        prop_assert!(!text.starts_with('\n') && !text.ends_with(char::is_whitespace));
        prop_assert!(!text.contains("\n\n\n"));
        for link in links {
            prop_assert!(
                link.url.starts_with("http://") || link.url.starts_with("https://") || link.url.starts_with("mailto:"),
                "{}", link.url
            );
        }
    }

    #[test]
    fn any_html_string_never_panics(html in any::<String>()) {
        let _ = mime::html_to_text(&html);
    }

    #[test]
    fn safe_file_names_are_safe(name in any::<String>()) {
        check_safe_name(&name)?;
    }

    #[test]
    fn tricky_file_names_are_safe(
        name in "([./\\\\ ]{0,3}|(?i:con|prn|aux|nul|com[1-9]|lpt[1-9])|[a-zäöü]{0,8}|\u{202E}|\u{2066}|\u{200F}|\u{0}|\t|:|\\*|\\?){0,10}",
    ) {
        check_safe_name(&name)?;
    }
}

fn check_safe_name(name: &str) -> Result<(), TestCaseError> {
    let safe = mime::safe_file_name(name);
    prop_assert!(!safe.is_empty());
    prop_assert!(
        safe.len() <= mime::MAX_FILE_NAME_BYTES,
        "{} bytes",
        safe.len()
    );
    prop_assert!(
        !safe.contains(['/', '\\', '<', '>', ':', '"', '|', '?', '*']),
        "{safe:?}"
    );
    prop_assert!(!safe.chars().any(|c| c.is_control()), "{safe:?}");
    prop_assert!(
        !safe.chars().any(|c| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')),
        "{safe:?}"
    );
    prop_assert!(
        !safe.starts_with('.') && !safe.ends_with('.') && !safe.ends_with(' '),
        "{safe:?}"
    );
    prop_assert!(safe != "." && safe != "..");
    let stem = safe
        .split('.')
        .next()
        .unwrap_or_default()
        .trim_end()
        .to_ascii_uppercase();
    let reserved = ["CON", "PRN", "AUX", "NUL"].contains(&stem.as_str())
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit());
    prop_assert!(!reserved, "{safe:?}");
    prop_assert_eq!(mime::safe_file_name(&safe), safe.clone(), "not idempotent");
    Ok(())
}

#[test]
fn save_attachment_never_overwrites_whatever_the_names() {
    let dir = tempfile::tempdir().expect("tempdir");
    let names = [
        "a.txt",
        "../a.txt",
        "A.txt",
        "a.txt",
        "CON",
        "con",
        "",
        ".",
        "..",
        "a (2).txt",
    ];
    let mut written = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let path = mime::save_attachment(dir.path(), name, &[i as u8]).expect("save");
        assert_eq!(
            path.parent(),
            Some(dir.path()),
            "{name:?} escaped to {}",
            path.display()
        );
        assert!(!written.contains(&path), "{} written twice", path.display());
        written.push(path);
    }
    for (i, path) in written.iter().enumerate() {
        assert_eq!(
            fs::read(path).expect("read"),
            vec![i as u8],
            "{} was overwritten",
            path.display()
        );
    }
    let suggestion = mime::unique_path(dir.path(), "a.txt");
    assert!(!suggestion.exists());
}
