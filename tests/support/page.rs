//! Driving a whole page of the app in the simulator (a tall window so long settings pages fit),
//! and feeding a sync worker's events to it.

use std::time::Duration;

use iced_test::Simulator;
use postfach::sync::FetchReport;
use postfach::sync::service::Event;
use postfach::ui::screen::settings::account::AccountPage;
use postfach::ui::{App, Message, service::workers};
use tokio::sync::mpsc::Receiver;

use super::sandbox::{Fixture, Sandbox};
use postfach::pop3::{Password, Security};
use postfach::sync::Fetcher;
use postfach::sync::service::{self, Command, Controller};

/// A simulator of the app's view in a tall window, so the whole settings page is visible.
pub fn sim(app: &App) -> Simulator<'_, Message> {
    Simulator::with_size(iced::Settings::default(), (1200.0, 2000.0), app.view())
}

/// Clicks `label` in a fresh simulator of the app's view and feeds what that did back.
pub fn click(app: &mut App, sb: &Sandbox, label: &str) -> Result<(), Box<dyn std::error::Error>> {
    let messages = {
        let mut ui = sim(app);
        ui.click(label)
            .map_err(|e| format!("cannot click {label:?}: {e}"))?;
        ui.into_messages().collect::<Vec<_>>()
    };
    assert!(!messages.is_empty(), "clicking {label:?} did nothing");
    sb.feed(app, messages);
    Ok(())
}

/// The account settings page that is shown.
pub fn account_page(app: &App) -> Result<&AccountPage, Box<dyn std::error::Error>> {
    Ok(app
        .settings()
        .and_then(|s| s.account_page())
        .ok_or("no account page")?)
}

/// Whether `label` is on screen.
pub fn shows(app: &App, label: &str) -> bool {
    sim(app).find(label).is_ok()
}

/// Passes the worker's events to the app until a fetch ends; returns its result.
pub fn until_finished(
    sb: &Sandbox,
    app: &mut App,
    events: &mut Receiver<Event>,
) -> Result<Result<FetchReport, postfach::sync::Error>, Box<dyn std::error::Error>> {
    loop {
        let event = sb
            .rt
            .block_on(async { tokio::time::timeout(Duration::from_secs(30), events.recv()).await })?
            .ok_or("the worker stopped")?;
        let finished = match &event {
            Event::Finished(_, result) => Some(result.clone()),
            _ => None,
        };
        sb.feed(app, [Message::Worker(workers::Event::Service(event))]);
        if let Some(result) = finished {
            return Ok(result);
        }
    }
}

/// The account's worker as its subscription would start it, on the fixture's store.
pub fn start_worker(
    fx: &Fixture,
    sb: &Sandbox,
    app: &mut App,
) -> Result<(Controller, Receiver<Event>), Box<dyn std::error::Error>> {
    let account = fx.store()?.account(fx.account)?;
    let fetcher = Fetcher::new(fx.store()?, fx.dir.path());
    let (controller, events) = {
        let _runtime = sb.rt.enter();
        service::spawn(fetcher, account, service::system_clock)
    };
    controller.send(Command::SetPassword(Password::new(super::PASSWORD)));
    sb.feed(
        app,
        [Message::Worker(workers::Event::Ready(controller.clone()))],
    );
    Ok((controller, events))
}

/// Account settings for the tests' Dovecot over TLS, as the test user.
pub fn account_settings_on(
    server: &super::Dovecot,
) -> impl FnOnce(&mut postfach::store::AccountSettings) + '_ {
    move |s| {
        s.host = server.host().to_owned();
        s.port = server.pop3s_port();
        s.security = Security::Tls;
        s.ca_file = Some(server.ca_pem_path());
        s.username = super::USER.to_owned();
    }
}

/// Passes the worker's events to the app until the first fetch after an import stops to show
/// its dry run; returns it.
pub fn until_review(
    sb: &Sandbox,
    app: &mut App,
    events: &mut Receiver<Event>,
) -> Result<postfach::sync::DryRun, Box<dyn std::error::Error>> {
    loop {
        let event = sb
            .rt
            .block_on(async { tokio::time::timeout(Duration::from_secs(30), events.recv()).await })?
            .ok_or("the worker stopped")?;
        let review = match &event {
            Event::Review(_, dry) => Some(dry.clone()),
            Event::Finished(_, r) => return Err(format!("the fetch ran: {r:?}").into()),
            _ => None,
        };
        sb.feed(app, [Message::Worker(workers::Event::Service(event))]);
        if let Some(dry) = review {
            return Ok(dry);
        }
    }
}
