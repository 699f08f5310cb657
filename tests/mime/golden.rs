//! Golden files for the message model (mail-parser style).
//!
//! Each `tests/fixtures/eml/NAME.eml` is parsed in its LF form and in its CRLF form; the dump of
//! `parse` + `summarize` + every attachment's bytes (and thumbnail) must equal `NAME.expected`
//! (or `NAME.crlf.expected` for the CRLF form, where one exists because the raw bytes of an
//! unencoded part legitimately differ). On a mismatch the actual dump is written to `NAME.failed`
//! (`NAME.crlf.failed`) next to it and the test fails.
//!
//! To (re)generate the expected files: `POSTFACH_BLESS=1 cargo test --test mime golden::`, then
//! review every changed `.expected` file by eye — a blessed wrong result is a defect.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use postfach::mime;
use serde_json::json;
use sha2::{Digest, Sha256};

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/eml")
}

fn to_lf(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'\r' && raw.get(i + 1) == Some(&b'\n') {
            i += 1;
            continue;
        }
        out.push(raw[i]);
        i += 1;
    }
    out
}

fn to_crlf(lf: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(lf.len() + lf.len() / 40);
    for &b in lf {
        if b == b'\n' {
            out.push(b'\r');
        }
        out.push(b);
    }
    out
}

/// The first bytes of an attachment, printable: ASCII as is, anything else as `\xNN`.
fn head(bytes: &[u8]) -> String {
    let mut s = String::new();
    for &b in bytes.iter().take(16) {
        if b.is_ascii_graphic() || b == b' ' {
            s.push(b as char);
        } else {
            let _ = write!(s, "\\x{b:02x}");
        }
    }
    s
}

/// A stable, human-readable dump of everything the model makes of `raw`.
fn dump(raw: &[u8]) -> String {
    let message = mime::parse(raw);
    let summary = mime::summarize(raw);
    let bytes: Vec<_> = message
        .attachments
        .iter()
        .map(|a| match mime::attachment_bytes(raw, a.index) {
            Some(b) => {
                let thumbnail = a.is_image.then(|| match mime::thumbnail(&b, 64) {
                    Ok(t) => format!("{}x{} rgba, {} bytes", t.width, t.height, t.rgba.len()),
                    Err(e) => format!("error: {e}"),
                });
                json!({
                    "index": a.index,
                    "len": b.len(),
                    "sha256": hex::encode(Sha256::digest(&b)),
                    "head": head(&b),
                    "thumbnail": thumbnail,
                })
            }
            None => json!({ "index": a.index, "bytes": null }),
        })
        .collect();
    let value = json!({ "message": message, "summary": summary, "attachment_bytes": bytes });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

fn check(path: &Path, actual: &str, failed: &Path, failures: &mut Vec<String>) {
    let expected = fs::read_to_string(path).unwrap_or_default();
    if expected == actual {
        let _ = fs::remove_file(failed);
    } else {
        fs::write(failed, actual).unwrap_or_else(|e| panic!("write {}: {e}", failed.display()));
        failures.push(format!(
            "{} differs: see {}",
            path.display(),
            failed.display()
        ));
    }
}

#[test]
fn golden_files() {
    let bless = std::env::var("POSTFACH_BLESS").is_ok_and(|v| v == "1");
    let dir = fixture_dir();
    let mut fixtures: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .collect();
    fixtures.sort();
    assert!(
        fixtures.len() >= 15,
        "fixtures missing in {}",
        dir.display()
    );

    let mut failures = Vec::new();
    for eml in &fixtures {
        let raw = fs::read(eml).unwrap_or_else(|e| panic!("read {}: {e}", eml.display()));
        let lf = to_lf(&raw);
        let crlf = to_crlf(&lf);
        let (lf_dump, crlf_dump) = (dump(&lf), dump(&crlf));
        let expected = eml.with_extension("expected");
        let crlf_expected = eml.with_extension("crlf.expected");
        if bless {
            fs::write(&expected, &lf_dump).unwrap_or_else(|e| panic!("write: {e}"));
            if crlf_dump == lf_dump {
                let _ = fs::remove_file(&crlf_expected);
            } else {
                fs::write(&crlf_expected, &crlf_dump).unwrap_or_else(|e| panic!("write: {e}"));
            }
            continue;
        }
        check(
            &expected,
            &lf_dump,
            &eml.with_extension("failed"),
            &mut failures,
        );
        let crlf_path = if crlf_expected.exists() {
            &crlf_expected
        } else {
            &expected
        };
        check(
            crlf_path,
            &crlf_dump,
            &eml.with_extension("crlf.failed"),
            &mut failures,
        );
    }
    assert!(
        failures.is_empty(),
        "golden files differ:\n{}",
        failures.join("\n")
    );
}
