//! Organising mail in the window, on a real store: "Move to…" finds a nested folder as one
//! types (umlauts folded) and moves the selection there, Ctrl+Z takes it back, "Copy instead"
//! copies; A archives into the yearly archive; J sends to Junk and Shift+J there brings it back,
//! remembering the sender; the sidebar shows nested folders stepped in. English and German.

use crate::support;

use iced::keyboard::{Key, Modifiers};
use postfach::i18n::Language;
use postfach::store::{FolderKind, FolderParent, Scope, Store};
use postfach::ui::dialog::move_to;
use postfach::ui::screen::mail::toolbar;
use postfach::ui::{App, Message, Modal};
use support::mail::Mail;
use support::page::{click, shows};
use support::sandbox::{Fixture, Sandbox, language, now};

type R = Result<(), Box<dyn std::error::Error>>;

fn subjects(store: &Store, folder: postfach::store::FolderId) -> Vec<String> {
    let mut out: Vec<String> = postfach::export::rows(store, Scope::Folder(folder))
        .unwrap_or_default()
        .into_iter()
        .map(|r| r.subject)
        .collect();
    out.sort();
    out
}

fn key(app: &mut App, sb: &Sandbox, k: &'static str, modifiers: Modifiers) {
    sb.feed(app, [Message::Key(Key::Character(k.into()), modifiers)]);
}

/// Two mails in the Inbox and the local folders "Kunden › Müller"; the Inbox shown with the
/// newest message selected.
fn setup(
    inbox: &str,
) -> Result<(Fixture, App, Sandbox, postfach::store::FolderId), Box<dyn std::error::Error>> {
    let fx = Fixture::new(&[
        Mail::text(
            "Ben",
            "ben@example.de",
            "Angebot Müller",
            "Hallo",
            now() - 60,
        ),
        Mail::text(
            "Spam",
            "win@lotto.example",
            "Sie haben gewonnen",
            "!!!",
            now() - 120,
        ),
    ])?;
    let target = {
        let mut store = fx.store()?;
        let kunden = store.create_folder(FolderParent::Top(None), "Kunden")?;
        store.create_folder(FolderParent::In(kunden), "Müller")?
    };
    let (mut app, sb) = fx.app()?;
    click(&mut app, &sb, inbox)?;
    click(&mut app, &sb, "Angebot Müller")?;
    Ok((fx, app, sb, target))
}

#[test]
fn move_to_finds_a_folder_as_one_types_and_ctrl_z_takes_it_back() -> R {
    let _language = language(Language::English);
    let (fx, mut app, sb, target) = setup("Inbox")?;
    // nested folders step in under their parent in the sidebar
    assert!(shows(&app, "Kunden") && shows(&app, "Müller"));

    sb.feed(
        &mut app,
        [Message::Toolbar(toolbar::Message::Organise(
            toolbar::Tool::MoveTo,
        ))],
    );
    assert!(shows(&app, "Move the message to…"));
    sb.feed(
        &mut app,
        [Message::MoveTo(move_to::Message::Filter(
            "kunden muller".into(),
        ))],
    );
    let Some(Modal::MoveTo(picker)) = app.modal() else {
        return Err("the picker is open".into());
    };
    let shown: Vec<String> = picker.shown().iter().map(|(_, p)| p.to_string()).collect();
    assert_eq!(
        shown,
        ["Kunden › Müller"],
        "umlauts folded, words in any place"
    );
    sb.feed(&mut app, [Message::MoveTo(move_to::Message::Submit)]);
    assert!(app.modal().is_none());
    let store = fx.store()?;
    assert_eq!(subjects(&store, target), ["Angebot Müller"]);
    assert_eq!(subjects(&store, fx.inbox), ["Sie haben gewonnen"]);
    assert!(shows(
        &app,
        "One message moved to “Müller”. Ctrl+Z takes it back."
    ));

    key(&mut app, &sb, "z", Modifiers::CTRL);
    assert_eq!(
        subjects(&store, fx.inbox),
        ["Angebot Müller", "Sie haben gewonnen"]
    );
    assert!(subjects(&store, target).is_empty());
    assert!(shows(&app, "One message is back where it was."));

    // "Copy instead of moving": the message stays
    click(&mut app, &sb, "Angebot Müller")?;
    key(&mut app, &sb, "V", Modifiers::CTRL | Modifiers::SHIFT);
    click(&mut app, &sb, "Copy instead of moving")?;
    click(&mut app, &sb, "Kunden › Müller")?;
    assert_eq!(subjects(&store, target), ["Angebot Müller"]);
    assert_eq!(
        subjects(&store, fx.inbox),
        ["Angebot Müller", "Sie haben gewonnen"]
    );
    Ok(())
}

#[test]
fn archive_and_junk_by_key_in_german() -> R {
    let _language = language(Language::German);
    let (fx, mut app, sb, _) = setup("Posteingang")?;
    // A: into Archiv › <year of the message>
    key(&mut app, &sb, "a", Modifiers::empty());
    let store = fx.store()?;
    let folders = store.folders()?;
    let archive = folders.iter().find(|f| f.archive).ok_or("the archive")?;
    assert_eq!(archive.name, "Archiv");
    let year = folders
        .iter()
        .find(|f| f.parent == Some(archive.id))
        .ok_or("the year's folder")?;
    assert_eq!(subjects(&store, year.id), ["Angebot Müller"]);
    assert!(shows(
        &app,
        &format!(
            "Eine Nachricht in „{}“ archiviert. Strg+Z macht es rückgängig.",
            year.name
        )
    ));

    // J: to Junk; there, Shift+J brings it back and remembers the sender
    click(&mut app, &sb, "Sie haben gewonnen")?;
    key(&mut app, &sb, "j", Modifiers::empty());
    let junk = store.folder(fx.account, FolderKind::Junk)?;
    assert_eq!(subjects(&store, junk), ["Sie haben gewonnen"]);
    click(&mut app, &sb, "Junk")?;
    click(&mut app, &sb, "Sie haben gewonnen")?;
    key(&mut app, &sb, "J", Modifiers::SHIFT);
    assert_eq!(subjects(&store, fx.inbox), ["Sie haben gewonnen"]);
    assert!(
        store
            .not_junk_senders()?
            .iter()
            .any(|s| s == "win@lotto.example")
    );
    Ok(())
}

#[test]
fn folders_are_made_renamed_and_deleted_in_the_window() -> R {
    let _language = language(Language::English);
    let (fx, mut app, sb, target) = setup("Inbox")?;
    use postfach::ui::dialog::folder;
    use postfach::ui::screen::mail::sidebar;
    // "+" beside "Local folders": a new folder at the top
    sb.feed(&mut app, [Message::Sidebar(sidebar::Message::NewFolder)]);
    assert!(shows(&app, "New folder"));
    sb.feed(
        &mut app,
        [Message::Folder(folder::Message::Name("Belege".into()))],
    );
    click(&mut app, &sb, "Create")?;
    let store = fx.store()?;
    assert!(
        store
            .folders()?
            .iter()
            .any(|f| f.name == "Belege" && f.parent.is_none())
    );
    assert!(shows(&app, "Folder “Belege” created."));
    // one under the account rather than under "Local folders"
    sb.feed(
        &mut app,
        [
            Message::Sidebar(sidebar::Message::NewFolder),
            Message::Folder(folder::Message::Place(Some(fx.account))),
            Message::Folder(folder::Message::Name("Vereinspost".into())),
        ],
    );
    click(&mut app, &sb, "Create")?;
    assert!(
        store.folders()?.iter().any(|f| f.name == "Vereinspost"
            && f.account == Some(fx.account)
            && f.parent.is_none())
    );

    // a right-click on "Müller": renamed
    sb.feed(
        &mut app,
        [Message::Sidebar(sidebar::Message::Manage(target))],
    );
    assert!(shows(&app, "Folder “Müller”"));
    sb.feed(
        &mut app,
        [Message::Folder(folder::Message::Name("Meier".into()))],
    );
    click(&mut app, &sb, "Rename")?;
    assert!(
        store
            .folders()?
            .iter()
            .any(|f| f.id == target && f.name == "Meier")
    );

    // deleted after a question that counts what goes to the Trash
    key(&mut app, &sb, "V", Modifiers::CTRL | Modifiers::SHIFT);
    sb.feed(&mut app, [Message::MoveTo(move_to::Message::Pick(target))]);
    sb.feed(
        &mut app,
        [Message::Sidebar(sidebar::Message::Manage(target))],
    );
    click(&mut app, &sb, "Delete…")?;
    assert!(shows(&app, "Delete “Meier”?"));
    assert!(shows(
        &app,
        "Its one message goes to the Trash. Mail in the Trash can be restored."
    ));
    click(&mut app, &sb, "Delete…")?;
    assert!(!store.folders()?.iter().any(|f| f.id == target));
    let in_trash: Vec<String> = store
        .folders()?
        .iter()
        .filter(|f| f.kind == FolderKind::Trash)
        .flat_map(|f| subjects(&store, f.id))
        .collect();
    assert_eq!(in_trash, ["Angebot Müller"], "in a Trash, restorable");
    assert!(shows(&app, "Folder deleted; 1 message moved to the Trash."));
    Ok(())
}

#[test]
fn junk_settings_are_on_the_account_page() -> R {
    use postfach::ui::screen::settings::{self, Page, junk};
    let _language = language(Language::English);
    let fx = Fixture::new(&[])?;
    let (mut app, sb) = fx.app()?;
    sb.feed(&mut app, [Message::OpenSettings(Page::Account(fx.account))]);
    assert!(shows(
        &app,
        "Move mail the provider marked as spam to the Junk folder"
    ));
    assert!(
        fx.store()?.junk_settings(fx.account)?.enabled,
        "on by default"
    );
    click(
        &mut app,
        &sb,
        "Move mail the provider marked as spam to the Junk folder",
    )?;
    assert!(!fx.store()?.junk_settings(fx.account)?.enabled);
    let set = |m: junk::Message| Message::Settings(settings::Message::Junk(m));
    sb.feed(
        &mut app,
        [
            set(junk::Message::Days("soon".into())),
            set(junk::Message::Apply),
        ],
    );
    assert!(shows(
        &app,
        "The number of days must be a whole number above 0, or empty."
    ));
    sb.feed(
        &mut app,
        [
            set(junk::Message::Days("7".into())),
            set(junk::Message::Header("X-Provider-Spam:".into())),
            set(junk::Message::Apply),
        ],
    );
    let stored = fx.store()?.junk_settings(fx.account)?;
    assert_eq!(stored.keep_days, Some(7));
    assert_eq!(stored.header.as_deref(), Some("X-Provider-Spam"));
    assert!(shows(&app, "Saved."));
    Ok(())
}
