//! Settings → "Import and export" on a real store: Thunderbird's mail folders found in a
//! profile written as Thunderbird writes it, one ticked and imported on the page's own thread
//! (progress, then the summary), the new local folder in the sidebar with its messages; in
//! German and in English.

use crate::support;

use postfach::i18n::Language;
use postfach::import::thunderbird;
use postfach::ui::Message;
use postfach::ui::screen::settings::{self, Page, transfer};
use support::page::{click, shows};
use support::sandbox::{Fixture, language};

type R = Result<(), Box<dyn std::error::Error>>;

/// A Thunderbird profile under `home`: Local Folders and one POP3 account whose Inbox holds
/// two messages and one marked deleted.
fn profile(home: &std::path::Path) -> std::io::Result<()> {
    let root = home.join(".thunderbird");
    let p = root.join("abc.default-release");
    std::fs::create_dir_all(p.join("Mail/Local Folders"))?;
    std::fs::create_dir_all(p.join("Mail/pop.example.de"))?;
    std::fs::write(
        root.join("profiles.ini"),
        "[Profile0]\nName=default-release\nIsRelative=1\nPath=abc.default-release\n",
    )?;
    std::fs::write(
        p.join("prefs.js"),
        "user_pref(\"mail.server.server1.directory-rel\", \"[ProfD]Mail/Local Folders\");\n\
         user_pref(\"mail.server.server1.type\", \"none\");\n\
         user_pref(\"mail.server.server2.directory-rel\", \"[ProfD]Mail/pop.example.de\");\n\
         user_pref(\"mail.server.server2.hostname\", \"pop.example.de\");\n\
         user_pref(\"mail.server.server2.name\", \"anna@example.de\");\n\
         user_pref(\"mail.server.server2.type\", \"pop3\");\n",
    )?;
    let entry = |status: &str, subject: &str| {
        format!(
            "From - Thu Dec 03 10:00:00 2026\r\nX-Mozilla-Status: {status}\r\n\
From: Ben <ben@example.de>\r\nSubject: {subject}\r\n\r\nHallo\r\n\r\n"
        )
    };
    let inbox = [
        entry("0001", "Alte Rechnung"),
        entry("0000", "Alte Einladung"),
        entry("0009", "Geloescht"),
    ]
    .concat();
    std::fs::write(p.join("Mail/pop.example.de/Inbox"), inbox)?;
    std::fs::write(p.join("Mail/pop.example.de/Inbox.msf"), "mork")?;
    Ok(())
}

fn import_from_thunderbird(lang: Language, words: [&str; 4]) -> R {
    let [nav, label, button, done] = words;
    let _language = language(lang);
    let home = tempfile::tempdir()?;
    profile(home.path())?;
    let fx = Fixture::new(&[])?;
    let (mut app, sb) = fx.app()?;
    sb.feed(&mut app, [Message::OpenSettings(Page::General)]);
    click(&mut app, &sb, nav)?;
    // what the page's own search finds, from this profile instead of the user's
    let found = thunderbird::profiles(&thunderbird::roots(home.path(), None));
    sb.feed(
        &mut app,
        [Message::Settings(settings::Message::Transfer(
            transfer::Message::Profiles(found),
        ))],
    );
    assert!(shows(&app, label));
    click(&mut app, &sb, label)?;
    click(&mut app, &sb, button)?;
    let page = app.settings().ok_or("the settings")?.transfer();
    assert!(!page.is_running());
    assert_eq!(page.result(), Some(done));
    assert!(shows(&app, done));

    let store = fx.store()?;
    let folders = store.folders()?;
    let account = folders
        .iter()
        .find(|f| f.name == "anna@example.de" && f.parent.is_none())
        .ok_or("the account's folder")?;
    let folder = folders
        .iter()
        .find(|f| f.name == "Inbox" && f.parent == Some(account.id))
        .ok_or("the imported folder, inside it")?;
    assert_eq!(
        (folder.total, folder.unread),
        (2, 1),
        "read state kept, deleted left out"
    );
    // back in the window: the folder is in the sidebar
    click(
        &mut app,
        &sb,
        if lang == Language::German {
            "Zurück zu den Nachrichten"
        } else {
            "Back to messages"
        },
    )?;
    assert!(shows(&app, "anna@example.de"));
    Ok(())
}

#[test]
fn thunderbird_folders_are_imported_from_the_settings() -> R {
    import_from_thunderbird(
        Language::English,
        [
            "Import and export",
            "anna@example.de (profile “default-release”)",
            "Import ticked folders",
            "Imported 2 messages; 0 already there, 1 marked deleted in the source and left out, 0 could not be read.",
        ],
    )
}

#[test]
fn thunderbird_folders_are_imported_from_the_settings_in_german() -> R {
    import_from_thunderbird(
        Language::German,
        [
            "Import und Export",
            "anna@example.de (Profil „default-release“)",
            "Angehakte Ordner importieren",
            "2 Nachrichten importiert; 0 schon vorhanden, 1 in der Quelle als gelöscht markiert und ausgelassen, 0 nicht lesbar.",
        ],
    )
}

#[test]
fn another_programs_state_is_taken_over_in_the_settings() -> R {
    use postfach::import::state::Program;
    let _language = language(Language::English);
    let fx = Fixture::new(&[])?;
    let dir = tempfile::tempdir()?;
    let file = dir.path().join(".fetchids");
    std::fs::write(
        &file,
        "anna@pop.example.de U1\nanna@pop.example.de U2\nben@pop.example.de U3\n",
    )?;
    let (mut app, sb) = fx.app()?;
    sb.feed(&mut app, [Message::OpenSettings(Page::Transfer)]);
    assert!(shows(&app, "Already downloaded by another program"));
    let t = |m: transfer::Message| Message::Settings(settings::Message::Transfer(m));
    sb.feed(
        &mut app,
        [
            t(transfer::Message::StateAccount(fx.account)),
            t(transfer::Message::StateProgram(Program::Fetchmail)),
            t(transfer::Message::StateFile(Some(file))),
        ],
    );
    assert!(shows(
        &app,
        "2 messages of “privat” are now known as downloaded by fetchmail: Postfach will not download them again and never deletes them from the server (0 were known already)."
    ));
    assert_eq!(
        fx.store()?.known_count(fx.account)?,
        2,
        "only anna's, not ben's"
    );
    // "download these too"
    assert!(shows(
        &app,
        "2 messages of this account were downloaded by another program and stay on the server."
    ));
    click(&mut app, &sb, "Download these too")?;
    assert_eq!(fx.store()?.known_count(fx.account)?, 0);
    assert!(shows(
        &app,
        "Forgot 2 messages another program had downloaded for “privat”: the next fetch downloads them."
    ));
    assert!(!shows(&app, "Download these too"), "nothing left to forget");
    Ok(())
}
