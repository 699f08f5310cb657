//! Golden files: each `tests/fixtures/html/NAME.html` is parsed into a `Document`; its pretty JSON
//! (`serde_json`), followed by its plain text (`Document::text`), must equal `NAME.json`. On a
//! mismatch the actual output is written to `NAME.failed` next to it and the test fails.
//!
//! To (re)generate the expectations: `POSTFACH_BLESS=1 cargo test --test html golden`, then review
//! every changed `.json` file by eye — a blessed wrong result is a defect.

use std::fs;
use std::path::{Path, PathBuf};

use postfach::mime::html::Document;

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html")
}

fn dump(html: &str) -> String {
    let doc = Document::parse(html);
    let value = serde_json::json!({ "document": doc, "text": doc.text() });
    let mut out = serde_json::to_string_pretty(&value).unwrap_or_default();
    out.push('\n');
    out
}

#[test]
fn golden_files() {
    let bless = std::env::var_os("POSTFACH_BLESS").is_some();
    let mut fixtures: Vec<PathBuf> = fs::read_dir(fixture_dir())
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    fixtures.retain(|p| p.extension().is_some_and(|e| e == "html"));
    fixtures.sort();
    assert!(fixtures.len() >= 6, "fixtures missing: {fixtures:?}");
    let mut failed = Vec::new();
    for html_path in fixtures {
        let html = fs::read_to_string(&html_path).unwrap_or_default();
        let actual = dump(&html);
        let expected_path = html_path.with_extension("json");
        let failed_path = html_path.with_extension("failed");
        if bless {
            fs::write(&expected_path, &actual).unwrap_or_default();
            let _ = fs::remove_file(&failed_path);
            continue;
        }
        let expected = fs::read_to_string(&expected_path).unwrap_or_default();
        if expected == actual {
            let _ = fs::remove_file(&failed_path);
        } else {
            fs::write(&failed_path, &actual).unwrap_or_default();
            failed.push(format!(
                "{} differs: see {}",
                expected_path.display(),
                failed_path.display()
            ));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
