//! Accounts, removing them, local folders.
use super::*;

#[test]
fn accounts_keep_their_settings() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open_in(dir.path())?;
    let mut s = settings("work");
    s.security = Security::StartTls;
    s.port = 110;
    s.auth = AuthMethod::CramMd5;
    s.ca_file = Some("/etc/ssl/my-ca.pem".into());
    s.pinned_sha256 = Some("ab".repeat(32));
    s.leave_on_server = true;
    s.keep_days = Some(14);
    s.delete_when_deleted_here = true;
    s.check_every_minutes = None;
    let id = store.add_account(&s)?;
    assert!(matches!(store.add_account(&s), Err(Error::AccountExists(n)) if n == "work"));
    assert!(matches!(
        store.add_account(&settings("  ")),
        Err(Error::Invalid(_))
    ));

    let account = store.account(id)?;
    assert_eq!(account.settings, s);
    assert_eq!(
        (account.server_expire, account.server_login_delay),
        (None, None)
    );
    store.set_server_policy(id, Some(ServerExpire::Days(30)), Some(900))?;
    store.set_last_fetch_at(id, NOW)?;
    drop(store);

    let mut store = Store::open_in(dir.path())?;
    let account = store.account_by_name("work")?.ok_or("by name")?;
    assert_eq!(account.server_expire, Some(ServerExpire::Days(30)));
    assert_eq!(account.server_login_delay, Some(900));
    assert_eq!(account.last_fetch_at, Some(NOW));
    store.set_server_policy(id, Some(ServerExpire::Never), None)?;
    assert_eq!(store.account(id)?.server_expire, Some(ServerExpire::Never));
    assert!(store.account_by_name("nobody")?.is_none());

    let other = store.add_account(&settings("home"))?;
    s.leave_on_server = false;
    s.host = "pop3.example.org".into();
    store.update_account(id, &s)?;
    assert_eq!(store.account(id)?.settings, s);
    s.name = "home".into();
    assert!(matches!(
        store.update_account(id, &s),
        Err(Error::AccountExists(_))
    ));
    let names: Vec<String> = store
        .accounts()?
        .into_iter()
        .map(|a| a.settings.name)
        .collect();
    assert_eq!(names, ["work", "home"]);
    assert!(matches!(store.account(AccountId(99)), Err(Error::NotFound)));
    assert_ne!(id, other);
    Ok(())
}

#[test]
fn the_outgoing_server_and_identity_are_kept_and_can_be_removed() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open_in(dir.path())?;
    let mut s = settings("work");
    assert_eq!(s.smtp, None, "no outgoing server until one is set up");
    let id = store.add_account(&s)?;
    assert_eq!(store.account(id)?.settings, s);

    s.smtp = Some(SmtpSettings {
        host: "smtp.example.de".into(),
        port: 587,
        security: Security::StartTls,
        auth: AuthMethod::Login,
        username: "erika@example.de".into(),
        own_password: true,
        ca_file: Some("/etc/ssl/firma-ca.pem".into()),
        pinned_sha256: Some("ab".repeat(32)),
    });
    s.reply_to = Some("antwort@example.de".into());
    s.signature = "Erika Mustermann\nTel. 0123 – Grüße".into();
    store.update_account(id, &s)?;
    drop(store);
    let mut store = Store::open_in(dir.path())?;
    assert_eq!(store.account(id)?.settings, s);

    let other = store.add_account(&AccountSettings {
        name: "home".into(),
        ..s.clone()
    })?;
    assert_eq!(store.account(other)?.settings.smtp, s.smtp);

    s.smtp = None;
    s.reply_to = None;
    store.update_account(id, &s)?;
    assert_eq!(store.account(id)?.settings, s);
    Ok(())
}

#[test]
fn signing_in_with_a_provider_is_kept_for_both_servers_without_any_token() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open_in(dir.path())?;
    let mut s = settings("gmail");
    s.smtp = Some(postfach::store::SmtpSettings {
        host: "smtp.gmail.com".into(),
        port: 465,
        security: Security::Tls,
        auth: AuthMethod::Plain,
        username: String::new(),
        own_password: false,
        ca_file: None,
        pinned_sha256: None,
    });
    s.sign_in_with(
        "google",
        Some(("eigene-id".into(), Some("nicht-geheim".into()))),
    );
    assert_eq!(s.incoming_auth(), AuthMethod::XOAuth2);
    let smtp = s.smtp.clone().ok_or("smtp")?;
    assert_eq!(
        (smtp.auth, smtp.username.as_str()),
        (AuthMethod::XOAuth2, "gmail")
    );
    let id = store.add_account(&s)?;
    assert_eq!(store.account(id)?.settings, s);
    // signing in again without an own client keeps the one there is; none at all is stored
    s.sign_in_with("google", None);
    let o = s.oauth.clone().ok_or("oauth")?;
    assert_eq!(o.client_secret.as_deref(), Some("nicht-geheim"));
    s.oauth = None;
    store.update_account(id, &s)?;
    assert_eq!(store.account(id)?.settings.oauth, None);
    Ok(())
}

#[test]
fn removing_an_account_deletes_or_keeps_its_mail() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open_in(dir.path())?;
    let gone = store.add_account(&settings("gone"))?;
    let kept = store.add_account(&settings("kept"))?;
    let archive = store.create_local_folder("Archiv")?;
    for account in [gone, kept] {
        let stored = store.store_fetched(
            account,
            &[
                fetched("a", "Alpha Müller", NOW),
                fetched("b", "Beta", NOW),
                fetched("c", "Gamma", NOW),
            ],
            NOW,
        )?;
        let ids: Vec<MessageId> = stored.iter().filter_map(|o| o.message()).collect();
        store.move_to_trash(&ids[1..2])?;
        store.copy_to(&ids[2..3], archive)?;
    }

    store.remove_account(gone, KeepMail::DeleteIt)?;
    assert!(matches!(store.account(gone), Err(Error::NotFound)));
    assert!(store.ledger(gone)?.is_empty());
    assert!(store.folders()?.iter().all(|f| f.account != Some(gone)));
    // its copy in a local folder stays, unlinked
    let archived = store.list(&page(Scope::Folder(archive)))?;
    assert_eq!(archived.len(), 2);
    let unlinked: Vec<_> = archived.iter().filter(|r| r.account.is_none()).collect();
    assert_eq!(unlinked.len(), 1);
    assert_eq!(unlinked[0].uidl, None);
    // its messages are gone from search too
    assert_eq!(store.search("müller", None, 10)?.len(), 1);

    store.remove_account(kept, KeepMail::MoveToLocalFolder("Alte Mails".into()))?;
    let folders = store.folders()?;
    assert!(folders.iter().all(|f| f.account.is_none()));
    let old = folders
        .iter()
        .find(|f| f.name == "Alte Mails")
        .ok_or("created")?;
    assert_eq!(old.total, 3, "Inbox and Trash moved");
    let rows = store.list(&page(Scope::Folder(old.id)))?;
    assert!(rows.iter().all(|r| r.account.is_none() && r.uidl.is_none()));
    assert_eq!(store.search("müller", None, 10)?.len(), 1);
    assert!(matches!(
        store.remove_account(kept, KeepMail::DeleteIt),
        Err(Error::NotFound)
    ));
    // the folder name is now taken
    assert!(matches!(
        store.create_local_folder("alte mails"),
        Err(Error::FolderExists(_))
    ));
    Ok(())
}

#[test]
fn local_folders_are_managed() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut store, account) = open_with_account(dir.path())?;
    let a = store.create_local_folder("Zeitung")?;
    let b = store.create_local_folder("Archiv")?;
    assert!(matches!(
        store.create_local_folder(" "),
        Err(Error::Invalid(_))
    ));
    let names: Vec<String> = store.folders()?.into_iter().map(|f| f.name).collect();
    assert_eq!(
        names,
        [
            "Inbox", "Drafts", "Sent", "Outbox", "Junk", "Trash", "Archiv", "Zeitung"
        ]
    );
    store.rename_local_folder(a, "Zeitungen")?;
    assert!(matches!(
        store.rename_local_folder(a, "archiv"),
        Err(Error::FolderExists(_))
    ));
    let inbox = store.folder(account, FolderKind::Inbox)?;
    assert!(matches!(
        store.rename_local_folder(inbox, "x"),
        Err(Error::Invalid(_))
    ));
    let id = store.store_fetched(account, &[fetched("u", "S", NOW)], NOW)?[0]
        .message()
        .ok_or("stored")?;
    store.move_to(&[id], b)?;
    // deleting a folder that holds mail moves the mail to the Trash
    let removed = store.delete_local_folder(b)?;
    assert_eq!((removed.folders, removed.messages), (1, 1));
    assert_eq!(
        store.message(id)?.folder,
        store.folder(account, FolderKind::Trash)?
    );
    store.delete_local_folder(a)?;
    assert_eq!(store.folders()?.len(), 6);
    Ok(())
}
