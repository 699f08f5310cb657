//! The wizard's last page: "I used another program for this account before" with fetchmail's
//! `.fetchids` (as its file dialog would return it): the page says at once how many messages
//! the file names for the server and user typed, or whose state it holds instead; finishing
//! takes the state over, and the account's first fetch waits for a look at its dry run.
//! German UI.

use crate::support;

use postfach::i18n::Language;
use postfach::import::state::Program;
use postfach::store::Store;
use postfach::ui::screen::settings::{account_form, ca_file};
use postfach::ui::screen::wizard::{self, earlier};
use support::page::{click, shows};
use support::sandbox::{app_on, language};

use super::wizard::{to_the_server_page, type_server, wizard_says};

type R = Result<(), Box<dyn std::error::Error>>;

#[test]
fn the_wizard_takes_over_what_another_program_downloaded() -> R {
    let _language = language(Language::German);
    let server = support::Dovecot::start();
    let dir = tempfile::tempdir()?;
    let (mut app, sb) = app_on(dir.path())?;
    to_the_server_page(&mut app, &sb)?;
    type_server(&mut app, &sb, &server);
    let ca = server.ca_pem_path();
    wizard_says(
        &mut app,
        &sb,
        wizard::Message::Form(account_form::Message::CaFile(ca_file::Message::Chosen(
            Some(ca),
        ))),
    );
    click(&mut app, &sb, "Verbindung testen")?;
    click(&mut app, &sb, "Weiter")?;

    click(
        &mut app,
        &sb,
        "Ich habe für dieses Konto bisher ein anderes Programm benutzt",
    )?;
    assert!(shows(&app, "Seine Datei wählen…"));
    let host = server.host();
    let say = |m: earlier::Message| wizard::Message::Earlier(m);
    wizard_says(
        &mut app,
        &sb,
        say(earlier::Message::Program(Program::Fetchmail)),
    );

    // a file with another user's state: said at once, and nothing would be taken over
    let files = tempfile::tempdir()?;
    let other = files.path().join("bens.fetchids");
    std::fs::write(&other, format!("ben@{host} U9\n"))?;
    wizard_says(&mut app, &sb, say(earlier::Message::Picked(Some(other))));
    let no_match =
        format!("Die Datei enthält keinen Stand für alice auf {host}. Sie enthält: ben@{host}.");
    assert!(shows(&app, &no_match), "{no_match}");

    let file = files.path().join(".fetchids");
    std::fs::write(
        &file,
        format!("alice@{host} U1\nalice@{host} U2\nben@{host} U3\n"),
    )?;
    wizard_says(
        &mut app,
        &sb,
        say(earlier::Message::Picked(Some(file.clone()))),
    );
    assert!(
        shows(&app, &file.display().to_string()),
        "the file is shown"
    );
    assert!(shows(
        &app,
        "2 Nachrichten dieses Kontos hat das Programm schon abgerufen."
    ));
    click(&mut app, &sb, "Fertig")?;
    assert!(app.wizard().is_none(), "the wizard closes");

    let store = Store::open_in(dir.path())?;
    let account = store.accounts()?.first().ok_or("no account")?.id;
    assert_eq!(store.known_count(account)?, 2, "alice's, not ben's");
    assert!(
        store.import_review(account)?,
        "the first fetch shows its dry run"
    );
    Ok(())
}
