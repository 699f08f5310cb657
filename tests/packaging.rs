//! The packages, checked for real (issue 7, "Checked here").
//!
//! - The `.deb` is built by cargo-deb from the binary this test run built, installed into a
//!   temporary root, its desktop entry and metainfo validated, and the app started from the
//!   desktop entry's `Exec` line under a private Xvfb, with a data directory fetched from a
//!   private Dovecot; the screenshot must show the main window with the demo subjects (read
//!   back by OCR) and no error.
//! - The portable tarball installs, validates and uninstalls cleanly.
//! - The committed icons are what `packaging/make-icons.sh` renders from the SVG.
//!
//! The work is done by the scripts in `packaging/` (which also run by hand); these tests run
//! them. A missing tool is a failure, never a skip: `scripts/test.sh` installs them.
//! Screenshots and logs of the last run: `target/tmp/packaging-deb/` (see the test output).

mod support;

use support::demo::{ascii_subjects, demo_mail};

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// The binary under test, built by `cargo test` in its profile.
const BIN: &str = env!("CARGO_BIN_EXE_postfach");

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The Cargo profile and target directory `BIN` was built in (`…/target/debug/postfach` is the
/// `dev` profile), so the scripts package exactly that binary instead of building another.
fn built_profile() -> (String, PathBuf) {
    let bin = Path::new(BIN);
    let (Some(profile_dir), Some(target)) = (bin.parent(), bin.parent().and_then(Path::parent))
    else {
        panic!("unexpected binary path {BIN}");
    };
    let name = profile_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned());
    let profile = match name.as_deref() {
        Some("debug") => "dev".to_owned(),
        Some(other) => other.to_owned(),
        None => panic!("unexpected binary path {BIN}"),
    };
    (profile, target.to_path_buf())
}

/// Runs `bash SCRIPT --no-build --profile P ARGS…` in the repository and fails the test with
/// the script's whole output when it fails.
fn run_script(script: &str, args: &[&str], envs: &[(&str, String)]) -> String {
    let (profile, target) = built_profile();
    let output = Command::new("bash")
        .arg(repo().join(script))
        .args(["--no-build", "--profile", &profile])
        .args(args)
        .env("CARGO_TARGET_DIR", &target)
        .envs(envs.iter().map(|(k, v)| (k, v)))
        .current_dir(repo())
        .output()
        .unwrap_or_else(|e| panic!("cannot run bash {script}: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{script} failed ({}):\n--- stderr ---\n{stderr}\n--- stdout ---\n{stdout}",
        output.status
    );
    println!("{stderr}{stdout}");
    format!("{stderr}{stdout}")
}

/// One `check-deb.sh` at a time: both runs package the same binary with cargo-deb.
static DEB_CHECK: Mutex<()> = Mutex::new(());

/// Runs `check-deb.sh` against a private Dovecot holding the demo mail, keeping screenshots and
/// logs in `target/tmp/<out>`, with `extra` environment; returns its output.
fn check_deb(out: &str, extra: &[(&str, String)]) -> String {
    let server = support::Dovecot::start();
    let mail = demo_mail();
    for (name, bytes) in &mail {
        server.seed(support::USER, name, bytes);
    }
    let subjects = ascii_subjects(&mail);
    assert!(subjects.len() >= 2, "too few plain subjects: {subjects:?}");
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(out);
    let _ = std::fs::remove_dir_all(&out);

    let mut envs = vec![
        (
            "POSTFACH_DEMO_SERVER",
            format!("{}:{}", server.host(), server.pop3s_port()),
        ),
        (
            "POSTFACH_DEMO_CA",
            server.ca_pem_path().display().to_string(),
        ),
        ("POSTFACH_DEMO_USER", support::USER.to_owned()),
        ("POSTFACH_DEMO_PASSWORD", support::PASSWORD.to_owned()),
        ("POSTFACH_DEMO_COUNT", mail.len().to_string()),
        ("POSTFACH_DEMO_EXPECT", subjects.join("|")),
        ("POSTFACH_CHECK_OUT", out.display().to_string()),
    ];
    envs.extend(extra.iter().cloned());
    let log = {
        let _one = DEB_CHECK
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        run_script("packaging/linux/check-deb.sh", &[], &envs)
    };

    // The script's verdict is backed by files a person can look at.
    assert!(log.contains("check-deb: OK"), "{log}");
    for shot in ["screen.png", "window.png"] {
        let len = std::fs::metadata(out.join(shot))
            .unwrap_or_else(|e| panic!("{}: {e}", out.join(shot).display()))
            .len();
        assert!(len > 1000, "{shot} is only {len} bytes");
    }
    // Everything was fetched from the server, so nothing is left there.
    assert_eq!(server.message_count(support::USER), 0, "{log}");
    log
}

#[test]
fn deb_installs_and_its_desktop_entry_opens_the_main_window() {
    check_deb("packaging-deb", &[]);
}

/// A double click on a saved `.eml` in a file manager runs the desktop entry's `Exec` with the
/// file's URI (`MimeType=message/rfc822`); the message must then be on screen.
#[test]
fn deb_desktop_entry_opens_a_saved_eml_file() {
    let file = repo().join("packaging/linux/check-open.eml");
    let log = check_deb(
        "packaging-deb-open",
        &[("POSTFACH_CHECK_OPEN", file.display().to_string())],
    );
    assert!(
        log.contains("Saved message opened by double click"),
        "{log}"
    );
}

#[test]
fn tarball_installs_a_valid_desktop_entry_and_uninstalls_cleanly() {
    let log = run_script("packaging/linux/check-tarball.sh", &[], &[]);
    assert!(log.contains("check-tarball: OK"), "{log}");
}

#[test]
fn committed_icons_are_rendered_from_the_svg() {
    let output = Command::new("bash")
        .arg(repo().join("packaging/check-icons.sh"))
        .current_dir(repo())
        .output()
        .unwrap_or_else(|e| panic!("cannot run bash packaging/check-icons.sh: {e}"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "check-icons.sh failed:\n{stderr}");
    assert!(stderr.contains("check-icons: OK"), "{stderr}");
}
