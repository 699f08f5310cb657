//! Settings → "Message rules" on a real store: a rule written in the form (what is missing is
//! said), saved, listed with its summary, switched off and on, run on the Inbox (moving what it
//! matches, umlauts folded), changed and removed; in English and German.

use crate::support;

use postfach::i18n::Language;
use postfach::store::{Action, Condition, Field, FolderParent, Scope, Test};
use postfach::ui::Message;
use postfach::ui::screen::settings::rules::{self, Form};
use postfach::ui::screen::settings::{self, Page};
use support::mail::Mail;
use support::page::{click, shows};
use support::sandbox::{Fixture, language, now};

type R = Result<(), Box<dyn std::error::Error>>;

fn form(change: Form) -> Message {
    Message::Settings(settings::Message::Rules(rules::Message::Form(change)))
}

#[test]
fn a_rule_is_written_saved_and_run_on_the_inbox() -> R {
    let _language = language(Language::English);
    let fx = Fixture::new(&[
        Mail::text(
            "Stadtwerke",
            "rechnung@swm.example.de",
            "Ihre Rechnung Nr. 7",
            "Betrag",
            now() - 60,
        ),
        Mail::text(
            "Ben",
            "ben@example.de",
            "Grüße aus Köln",
            "Hallo",
            now() - 120,
        ),
    ])?;
    let invoices = fx
        .store()?
        .create_folder(FolderParent::Top(None), "Rechnungen")?;
    let (mut app, sb) = fx.app()?;
    sb.feed(&mut app, [Message::OpenSettings(Page::Rules)]);
    assert!(shows(&app, "No rules yet."));
    click(&mut app, &sb, "New rule")?;
    click(&mut app, &sb, "Save rule")?;
    assert!(
        shows(&app, "Give the rule a name."),
        "what is missing is said"
    );
    sb.feed(
        &mut app,
        [
            form(Form::Name("Rechnungen".into())),
            form(Form::Value(0, "RECHNUNG".into())),
            form(Form::Folder(0, invoices)),
        ],
    );
    click(&mut app, &sb, "Save rule")?;
    let stored = fx.store()?.rules()?;
    assert_eq!(stored.len(), 1);
    assert_eq!(
        stored[0].rule.conditions,
        [Condition::Text {
            field: Field::Subject,
            test: Test::Contains,
            value: "RECHNUNG".into()
        }]
    );
    assert_eq!(stored[0].rule.actions, [Action::MoveTo(invoices)]);
    assert!(shows(&app, "1 condition → Move to Rechnungen"));

    // run now on the Inbox: the invoice moves, the other stays
    sb.feed(
        &mut app,
        [Message::Settings(settings::Message::Rules(
            rules::Message::RunOn(fx.inbox),
        ))],
    );
    click(&mut app, &sb, "Run now")?;
    assert!(shows(
        &app,
        "Checked 2 messages: 1 moved, 0 copied, 0 to the Trash."
    ));
    let store = fx.store()?;
    let moved = postfach::export::rows(&store, Scope::Folder(invoices))?;
    assert_eq!(moved.len(), 1);
    assert_eq!(moved[0].subject, "Ihre Rechnung Nr. 7");

    // switched off, changed, removed
    let id = stored[0].id;
    sb.feed(
        &mut app,
        [Message::Settings(settings::Message::Rules(
            rules::Message::Enable(id, false),
        ))],
    );
    assert!(!fx.store()?.rules()?[0].rule.enabled);
    click(&mut app, &sb, "Change")?;
    sb.feed(&mut app, [form(Form::Name("Alle Rechnungen".into()))]);
    click(&mut app, &sb, "Save rule")?;
    assert_eq!(fx.store()?.rules()?[0].rule.name, "Alle Rechnungen");
    click(&mut app, &sb, "Remove")?;
    assert!(fx.store()?.rules()?.is_empty());
    Ok(())
}

#[test]
fn the_rules_page_speaks_german() -> R {
    let _language = language(Language::German);
    let fx = Fixture::new(&[])?;
    let (mut app, sb) = fx.app()?;
    sb.feed(&mut app, [Message::OpenSettings(Page::Rules)]);
    assert!(shows(&app, "Filterregeln"));
    click(&mut app, &sb, "Neue Regel")?;
    sb.feed(
        &mut app,
        [
            form(Form::Name("x".into())),
            form(Form::Value(0, "(".into())),
        ],
    );
    sb.feed(&mut app, [form(Form::How(0, rules::editor::How::Matches))]);
    click(&mut app, &sb, "Regel speichern")?;
    assert!(shows(
        &app,
        "Wählen Sie den Ordner für „Verschieben nach“ oder „Kopieren nach“."
    ));
    sb.feed(&mut app, [form(Form::Do(0, rules::editor::Do::MarkRead))]);
    click(&mut app, &sb, "Regel speichern")?;
    let page = app.settings().ok_or("settings")?.rules();
    assert!(page.editor().is_some(), "an invalid pattern is not saved");
    assert!(fx.store()?.rules()?.is_empty());
    Ok(())
}

#[test]
fn rules_run_on_the_selected_messages_from_the_list_menu() -> R {
    use postfach::ui::screen::mail::list::{self, menu};
    use postfach::ui::screen::mail::toolbar::Tool;
    let _language = language(Language::English);
    let fx = Fixture::new(&[
        Mail::text(
            "Stadtwerke",
            "rechnung@swm.example.de",
            "Ihre Rechnung Nr. 8",
            "Betrag",
            now() - 60,
        ),
        Mail::text(
            "Stadtwerke",
            "rechnung@swm.example.de",
            "Ihre Rechnung Nr. 9",
            "Betrag",
            now() - 120,
        ),
    ])?;
    let invoices = {
        let mut store = fx.store()?;
        let invoices = store.create_folder(FolderParent::Top(None), "Rechnungen")?;
        store.add_rule(&postfach::store::Rule {
            name: "Rechnungen".into(),
            enabled: true,
            account: None,
            match_all: true,
            conditions: vec![Condition::Text {
                field: Field::From,
                test: Test::EndsWith,
                value: "@SWM.example.de".into(),
            }],
            actions: vec![Action::MoveTo(invoices)],
        })?;
        invoices
    };
    let (mut app, sb) = fx.app()?;
    click(&mut app, &sb, "Inbox")?;
    click(&mut app, &sb, "Ihre Rechnung Nr. 9")?;
    sb.feed(
        &mut app,
        [Message::List(list::Message::Menu(menu::Message::Chose(
            menu::Command::Organise(Tool::RunRules),
        )))],
    );
    let store = fx.store()?;
    let moved: Vec<String> = postfach::export::rows(&store, Scope::Folder(invoices))?
        .into_iter()
        .map(|r| r.subject)
        .collect();
    assert_eq!(moved, ["Ihre Rechnung Nr. 9"], "only the selected message");
    assert!(shows(
        &app,
        "Checked 1 message: 1 moved, 0 copied, 0 to the Trash."
    ));
    Ok(())
}

#[test]
fn rules_change_places_by_dragging_a_row() -> R {
    use iced::{Event, Point, mouse};
    use support::page::sim;
    let _language = language(Language::English);
    let fx = Fixture::new(&[])?;
    {
        let mut store = fx.store()?;
        for name in ["Erste", "Zweite", "Dritte"] {
            store.add_rule(&postfach::store::Rule {
                name: name.into(),
                enabled: true,
                account: None,
                match_all: true,
                conditions: vec![Condition::HasAttachments],
                actions: vec![Action::Flag],
            })?;
        }
    }
    let (mut app, sb) = fx.app()?;
    sb.feed(&mut app, [Message::OpenSettings(Page::Rules)]);
    let at = |app: &postfach::ui::App, label: &str| -> Result<Point, Box<dyn std::error::Error>> {
        let mut ui = sim(app);
        let b = ui
            .find(label)
            .map_err(|e| format!("{label}: {e}"))?
            .visible_bounds()
            .ok_or("not visible")?;
        Ok(b.center())
    };
    let (first, third) = (at(&app, "Erste")?, at(&app, "Dritte")?);
    // press on the first rule's row and move: a drag begins
    let messages: Vec<Message> = {
        let mut ui = sim(&app);
        ui.point_at(first);
        ui.simulate([
            Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Left)),
            Event::Mouse(mouse::Event::CursorMoved { position: third }),
        ]);
        ui.into_messages().collect()
    };
    sb.feed(&mut app, messages);
    // let go over the third rule's row: the first takes its place
    let messages: Vec<Message> = {
        let mut ui = sim(&app);
        ui.point_at(third);
        ui.simulate([Event::Mouse(mouse::Event::ButtonReleased(
            mouse::Button::Left,
        ))]);
        ui.into_messages().collect()
    };
    sb.feed(&mut app, messages);
    let order: Vec<String> = fx
        .store()?
        .rules()?
        .into_iter()
        .map(|r| r.rule.name)
        .collect();
    assert_eq!(order, ["Zweite", "Dritte", "Erste"]);
    Ok(())
}
