//! Passwords go to the real OS keyring (gnome-keyring over the Secret Service in CI, started by
//! scripts/test.sh on a private D-Bus session), never into the store.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use postfach::pop3::Password;
use postfach::secrets;

#[test]
fn a_password_round_trips_through_the_os_keyring_and_not_the_store() {
    // SAFETY of the test: POSTFACH_PASSWORD would short-circuit the keyring.
    assert!(
        std::env::var_os(secrets::PASSWORD_ENV).is_none(),
        "unset POSTFACH_PASSWORD for this test"
    );
    let name = entry("keyring-test", "127.0.0.1");
    let pw = Password::new("Geheim-ß-Passwort");
    secrets::save_password(&name, &pw).unwrap_or_else(|e| {
        panic!("the OS keyring is not usable ({e}); run the tests with scripts/test.sh, which starts gnome-keyring on a private D-Bus session")
    });
    assert_eq!(secrets::password(&name).unwrap(), Some(pw.clone()));

    // The CLI saves it there too, and the database file never contains it.
    let dir = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_postfach"))
        .arg("--data-dir")
        .arg(dir.path())
        .args([
            "account",
            "add",
            "k",
            "--email",
            "k@example.org",
            "--host",
            "pop.example.org",
        ])
        .args(["--user", "keyring-cli", "--password-stdin"])
        .env_remove(secrets::PASSWORD_ENV)
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Zweites-Geheimnis\n")
        .unwrap();
    assert!(child.wait().unwrap().success());
    let cli_entry = entry("keyring-cli", "pop.example.org");
    assert_eq!(
        secrets::password(&cli_entry)
            .unwrap()
            .map(|p| p.expose().to_owned()),
        Some("Zweites-Geheimnis".to_owned())
    );
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let bytes = std::fs::read(&path).unwrap();
            assert!(
                !bytes.windows(17).any(|w| w == b"Zweites-Geheimnis"),
                "password found in {}",
                path.display()
            );
        }
    }

    secrets::delete_password(&name).unwrap();
    secrets::delete_password(&cli_entry).unwrap();
    assert_eq!(secrets::password(&name).unwrap(), None);
}

/// The keyring entry of an account with this login on port 995.
fn entry(username: &str, host: &str) -> String {
    secrets::account_entry(&postfach::store::AccountSettings {
        username: username.to_owned(),
        host: host.to_owned(),
        port: 995,
        ..Default::default()
    })
}

/// Two accounts with the same login on the same server share one keyring entry (it is named by
/// the login): removing one keeps the password the other still uses; removing the last one
/// deletes it.
#[test]
fn removing_one_of_two_accounts_with_the_same_login_keeps_the_password() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str], stdin: Option<&[u8]>| {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_postfach"))
            .arg("--data-dir")
            .arg(dir.path())
            .args(args)
            .env_remove(secrets::PASSWORD_ENV)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        if let Some(bytes) = stdin {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(bytes).unwrap();
        }
        assert!(child.wait().unwrap().success(), "{args:?}");
    };
    for name in ["privat", "privat-kopie"] {
        run(
            &[
                "account",
                "add",
                name,
                "--email",
                "geteilt@example.org",
                "--host",
                "pop.shared.example",
                "--user",
                "geteilt",
                "--password-stdin",
            ],
            Some(b"Gemeinsam-42\n"),
        );
    }
    let shared = entry("geteilt", "pop.shared.example");
    run(&["account", "remove", "privat-kopie"], None);
    assert_eq!(
        secrets::password(&shared)
            .unwrap()
            .map(|p| p.expose().to_owned()),
        Some("Gemeinsam-42".to_owned()),
        "the other account still signs in with it"
    );
    run(&["account", "remove", "privat"], None);
    assert_eq!(secrets::password(&shared).unwrap(), None);
}

/// Microsoft's refresh tokens can be longer than one Windows keyring entry holds (2,560
/// bytes): a 6,000-byte token is split into parts, read back whole, a shorter one replaces it
/// without leaving parts behind, and signing out removes every part.
#[test]
fn a_long_refresh_token_is_split_into_parts_and_sign_out_removes_them_all() {
    let name = format!("oauth://microsoft/keyring-test-{}", std::process::id());
    let token: Vec<u8> = (0..6000)
        .map(|i| b"abcdefghij-_.~0123456789"[i % 24])
        .collect();
    secrets::save_long_secret(&name, &token).unwrap_or_else(|e| {
        panic!("the OS keyring is not usable ({e}); run the tests with scripts/test.sh")
    });
    assert_eq!(secrets::long_secret(&name).unwrap(), Some(token.clone()));
    let part = |n: usize| secrets::password(&format!("{name}#{n}")).unwrap();
    // three parts of at most PART_BYTES, each under Windows' limit
    const { assert!(secrets::PART_BYTES <= 2560) };
    let parts: Vec<_> = (1..=4).map(part).collect();
    assert!(parts[..3].iter().all(|p| p.is_some()), "three parts");
    assert!(parts[3].is_none(), "no fourth part");
    assert!(
        parts[..3]
            .iter()
            .flatten()
            .all(|p| p.expose().len() <= secrets::PART_BYTES)
    );

    // a rotated, shorter token: one part left
    let shorter = b"rt-short".to_vec();
    secrets::save_long_secret(&name, &shorter).unwrap();
    assert_eq!(secrets::long_secret(&name).unwrap(), Some(shorter));
    assert!(part(2).is_none() && part(3).is_none(), "old parts removed");

    // signing out removes all
    secrets::save_long_secret(&name, &token).unwrap();
    secrets::delete_long_secret(&name).unwrap();
    assert_eq!(secrets::long_secret(&name).unwrap(), None);
    assert!((1..=3).all(|n| part(n).is_none()));
    assert!(secrets::password(&name).unwrap().is_none());
}
