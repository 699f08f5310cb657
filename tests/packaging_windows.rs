//! The Windows app and installer, checked under Wine (issue 21).
//!
//! `scripts/test.sh` cross-builds `postfach.exe` and the `.msi` once
//! (`packaging/windows/build-exe-cross.sh`, `build-msi-wixl.sh`) and passes the installer in
//! `POSTFACH_WINE_MSI`. This test serves the demo mail from a private Dovecot to two mailboxes:
//! the Linux binary of this test run fetches one, `packaging/windows/check-wine.sh` installs the
//! `.msi` into a fresh Wine prefix and has the installed `postfach.exe` fetch the other over TLS
//! and open its window in German and English. The stored bytes must be the same on both.
//! Screenshots and logs: `target/tmp/packaging-wine/`.

mod support;

use support::demo::{ascii_subjects, demo_mail};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The installer to check, from `scripts/test.sh`.
const MSI_VAR: &str = "POSTFACH_WINE_MSI";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Message subject → stored bytes, from `list --json` lines and the raw bytes of each id.
fn by_subject(list: &str, raw: impl Fn(i64) -> Vec<u8>) -> BTreeMap<String, Vec<u8>> {
    list.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line.trim())
                .unwrap_or_else(|e| panic!("list line {line:?}: {e}"));
            let id = v["id"]
                .as_i64()
                .unwrap_or_else(|| panic!("no id in {line:?}"));
            let subject = v["subject"].as_str().unwrap_or_default().to_owned();
            (subject, raw(id))
        })
        .collect()
}

#[test]
fn msi_installs_under_wine_and_the_app_fetches_and_shows_mail() {
    let Some(msi) = std::env::var_os(MSI_VAR).map(PathBuf::from) else {
        eprintln!(
            "SKIP: {MSI_VAR} is not set: scripts/test.sh builds the Windows installer and sets it \
             (needs wine, wixl and MinGW, which it installs)"
        );
        return;
    };
    let server = support::Dovecot::start();
    let mail = demo_mail();
    for (name, bytes) in &mail {
        server.seed(support::USER, name, bytes);
        server.seed(support::USER2, name, bytes);
    }

    // The reference: what the Linux build stores.
    let linux = support::cli::Cli::new(&server);
    linux.add_account(&[]);
    linux.ok(&["fetch"]);
    let linux_list = linux.ok(&["list", "--json", "--limit", "1000"]);
    let expected = by_subject(&linux_list, |id| linux.raw(id));
    assert_eq!(expected.len(), mail.len(), "{linux_list}");

    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("packaging-wine");
    let _ = std::fs::remove_dir_all(&out);
    let subjects = ascii_subjects(&mail);
    let fingerprint = hex::encode(server.cert_sha256());
    let output = Command::new("bash")
        .arg(repo().join("packaging/windows/check-wine.sh"))
        .arg("--msi")
        .arg(&msi)
        .env(
            "POSTFACH_DEMO_SERVER",
            format!("{}:{}", server.host(), server.pop3s_port()),
        )
        .env("POSTFACH_DEMO_CA", server.ca_pem_path())
        .env("POSTFACH_DEMO_SHA256", &fingerprint)
        .env("POSTFACH_DEMO_USER", support::USER2)
        .env("POSTFACH_DEMO_PASSWORD", support::PASSWORD2)
        .env("POSTFACH_DEMO_COUNT", mail.len().to_string())
        .env("POSTFACH_DEMO_EXPECT", subjects.join("|"))
        .env("POSTFACH_CHECK_OUT", &out)
        .current_dir(repo())
        .output()
        .expect("run check-wine.sh");
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stderr),
        String::from_utf8_lossy(&output.stdout)
    );
    println!("{log}");
    assert!(output.status.success(), "check-wine.sh failed:\n{log}");
    assert!(log.contains("check-wine: OK"), "{log}");

    // Byte for byte what the Linux build stored.
    let list = std::fs::read_to_string(out.join("list.json")).expect("list.json");
    let windows = by_subject(&list, |id| {
        let path = out.join("raw").join(format!("{id}.eml"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    });
    assert_eq!(
        windows.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    for (subject, bytes) in &expected {
        assert!(
            windows[subject] == *bytes,
            "{subject}: the Windows build stored {} bytes, the Linux build {}",
            windows[subject].len(),
            bytes.len()
        );
    }
    // The files a person can look at.
    for shot in ["window-de.png", "window-en.png"] {
        let len = std::fs::metadata(out.join(shot))
            .unwrap_or_else(|e| panic!("{shot}: {e}"))
            .len();
        assert!(len > 1000, "{shot} is only {len} bytes");
    }
    // Everything was fetched (download and delete).
    assert_eq!(server.message_count(support::USER2), 0, "{log}");
}
