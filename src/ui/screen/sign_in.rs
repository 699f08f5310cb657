//! The sign-in panel (the wizard's first page and the account settings): "Sign in with
//! Google/Microsoft" runs the browser sign-in on a thread, shows that it waits for the browser
//! (with Cancel), and hands the grant to its parent; without a client ID for the provider it
//! says so, and what else works (an app password, where the provider has them). "Advanced"
//! holds the user's own client ID.
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use iced::widget::{Column, row, text};
use iced::{Element, Task};

use crate::fl;
use crate::oauth::provider::Entry;
use crate::oauth::{self, Grant, Provider};
use crate::ui::screen::action;
use crate::ui::widget::form::{self, Tone};
use crate::ui::widget::theme;

/// Opens the authorization address: the system browser (tests give their own).
#[derive(Clone)]
pub struct Opener(Arc<dyn Fn(&str) + Send + Sync>);

impl Opener {
    pub fn new(f: impl Fn(&str) + Send + Sync + 'static) -> Opener {
        Opener(Arc::new(f))
    }
}

impl Default for Opener {
    fn default() -> Self {
        Opener::new(|url| {
            if let Err(e) = open::that_detached(url) {
                tracing::warn!("the browser could not be opened: {e}");
            }
        })
    }
}

impl std::fmt::Debug for Opener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Opener")
    }
}

/// Where the sign-in stands.
#[derive(Debug, Clone)]
enum State {
    Idle,
    /// The browser is open; setting the flag cancels.
    Waiting(Arc<AtomicBool>),
    Failed(oauth::Error),
}

/// What the user does, and the finished sign-in.
#[derive(Debug, Clone)]
pub enum Message {
    Start,
    /// Sign in on another device with a code (Microsoft; a remote session).
    StartDevice,
    /// Where to go and what to type, for the device sign-in.
    DevicePrompt(oauth::flow::DevicePrompt),
    Cancel,
    Advanced(bool),
    ClientId(String),
    ClientSecret(String),
    Finished(Result<Grant, oauth::Error>),
}

/// What the parent hears.
#[derive(Debug, Clone)]
pub enum Outcome {
    SignedIn(Grant),
}

pub type Action = action::Action<Message, Outcome>;

/// The panel for one provider.
#[derive(Debug, Clone)]
pub struct SignIn {
    entry: &'static Entry,
    own_client_id: String,
    own_client_secret: String,
    advanced: bool,
    state: State,
    /// The device sign-in's address and code while it waits.
    prompt: Option<oauth::flow::DevicePrompt>,
    opener: Opener,
    /// Other endpoints than the provider's (tests): see `Provider::at`.
    endpoints: Option<String>,
}

impl SignIn {
    /// A panel for `entry`, with the account's own client (ID and secret), if any.
    pub fn new(
        entry: &'static Entry,
        own_client: Option<(&str, Option<&str>)>,
        opener: Opener,
    ) -> SignIn {
        let (id, secret) = own_client.unwrap_or_default();
        SignIn {
            entry,
            advanced: !id.is_empty(),
            own_client_id: id.to_owned(),
            own_client_secret: secret.unwrap_or_default().to_owned(),
            state: State::Idle,
            prompt: None,
            opener,
            endpoints: None,
        }
    }

    /// Signs in at other endpoints than the provider's (see `Provider::at`).
    pub fn with_endpoints(self, endpoints: Option<String>) -> SignIn {
        SignIn { endpoints, ..self }
    }

    /// The provider's table entry.
    pub fn entry(&self) -> &'static Entry {
        self.entry
    }

    /// The own client as typed: its ID (`None` when empty) and, where the provider sends one,
    /// its secret.
    pub fn own_client(&self) -> Option<(String, Option<String>)> {
        let id = Some(self.own_client_id.trim()).filter(|s| !s.is_empty())?;
        let secret = Some(self.own_client_secret.trim())
            .filter(|s| self.entry.sends_secret && !s.is_empty())
            .map(str::to_owned);
        Some((id.to_owned(), secret))
    }

    /// The provider with the client ID in force.
    pub fn provider(&self) -> Option<Provider> {
        let own = self.own_client();
        let own = own.as_ref().map(|(id, s)| (id.as_str(), s.as_deref()));
        let provider = Provider::resolve(self.entry.id, own)?;
        Some(match &self.endpoints {
            Some(base) => provider.at(base),
            None => provider,
        })
    }

    /// Whether there is a client ID to sign in with.
    pub fn can_sign_in(&self) -> bool {
        self.provider().is_some_and(|p| p.client_id.is_some())
    }

    /// Why the last sign-in did not work, if it did not.
    pub fn failure(&self) -> Option<&oauth::Error> {
        match &self.state {
            State::Failed(e) => Some(e),
            _ => None,
        }
    }

    /// Whether the browser is open.
    pub fn waiting(&self) -> bool {
        matches!(self.state, State::Waiting(_))
    }

    /// Handles a message; `login_hint` is the address being signed in.
    pub fn update(&mut self, message: Message, login_hint: &str) -> Action {
        match message {
            Message::Start => return self.start(login_hint),
            Message::StartDevice => return self.start_device(),
            Message::DevicePrompt(prompt) => {
                if self.waiting() {
                    self.prompt = Some(prompt);
                }
            }
            Message::Cancel => {
                if let State::Waiting(cancel) = &self.state {
                    cancel.store(true, Ordering::SeqCst);
                }
            }
            Message::Advanced(on) => self.advanced = on,
            Message::ClientId(id) => self.own_client_id = id,
            Message::ClientSecret(secret) => self.own_client_secret = secret,
            Message::Finished(Ok(grant)) => {
                self.state = State::Idle;
                self.prompt = None;
                return Action::Outcome(Outcome::SignedIn(grant));
            }
            Message::Finished(Err(e)) => {
                tracing::info!(provider = self.entry.id, "sign-in ended: {e}");
                self.state = State::Failed(e);
                self.prompt = None;
            }
        }
        Action::None
    }

    /// Starts waiting: the provider to sign in with and the cancel flag; `None` while a
    /// sign-in runs already, or without a client ID (then it says so).
    fn begin(&mut self) -> Option<(Provider, Arc<AtomicBool>)> {
        if self.waiting() {
            return None;
        }
        let Some(provider) = self.provider().filter(|p| p.client_id.is_some()) else {
            self.state = State::Failed(oauth::Error::NoClientId(self.entry.name));
            return None;
        };
        let cancel = Arc::new(AtomicBool::new(false));
        self.state = State::Waiting(Arc::clone(&cancel));
        Some((provider, cancel))
    }

    fn start(&mut self, login_hint: &str) -> Action {
        let Some((provider, cancel)) = self.begin() else {
            return Action::None;
        };
        let flow = oauth::SignIn {
            provider,
            login_hint: login_hint.to_owned(),
            timeout: oauth::flow::BROWSER_TIMEOUT,
        };
        let opener = self.opener.clone();
        let work = async move {
            tokio::task::spawn_blocking(move || flow.run(|url| (opener.0)(url), &cancel))
                .await
                .unwrap_or(Err(oauth::Error::Cancelled))
        };
        Action::Run(Task::perform(work, Message::Finished))
    }

    /// The device sign-in (Microsoft): asks the provider for a code, shows where to enter it,
    /// and waits (on a thread of its own; Cancel stops it).
    fn start_device(&mut self) -> Action {
        let Some((provider, cancel)) = self.begin() else {
            return Action::None;
        };
        let (tx, rx) = iced::futures::channel::mpsc::unbounded();
        let _ = std::thread::spawn(move || {
            let show = |p: &oauth::flow::DevicePrompt| {
                let _ = tx.unbounded_send(Message::DevicePrompt(p.clone()));
            };
            let result =
                oauth::flow::device_sign_in(&provider, show, oauth::flow::BROWSER_TIMEOUT, &cancel);
            let _ = tx.unbounded_send(Message::Finished(result));
        });
        Action::Run(Task::run(rx, |m| m))
    }

    /// The device sign-in's address and code, while it waits.
    pub fn device_prompt(&self) -> Option<&oauth::flow::DevicePrompt> {
        self.prompt.as_ref().filter(|_| self.waiting())
    }

    /// The panel; `signed_in_as` names who is signed in now, if anyone.
    pub fn view(&self, signed_in_as: Option<&str>) -> Element<'_, Message> {
        let name = self.entry.name;
        let mut col = Column::new().spacing(10);
        col = col.push(form::notice(
            Tone::Info,
            vec![fl!("oauth-instead-of-password", provider = name)],
        ));
        if let Some(user) = signed_in_as {
            col = col.push(form::notice(
                Tone::Success,
                vec![fl!("oauth-signed-in-as", provider = name, user = user)],
            ));
        }
        match &self.state {
            State::Waiting(_) => {
                if let Some(p) = self.device_prompt() {
                    col = col.push(form::notice(
                        Tone::Info,
                        vec![fl!(
                            "oauth-device-prompt",
                            uri = p.uri.as_str(),
                            code = p.code.as_str()
                        )],
                    ));
                }
                col = col.push(
                    row![
                        text(fl!("oauth-waiting"))
                            .size(theme::TEXT)
                            .style(theme::muted_text),
                        form::secondary(fl!("wizard-cancel"), Some(Message::Cancel)),
                    ]
                    .spacing(12)
                    .align_y(iced::Alignment::Center),
                );
            }
            _ if self.can_sign_in() => {
                let label = if signed_in_as.is_some() {
                    fl!("oauth-sign-in-again-button")
                } else {
                    fl!("oauth-sign-in-with", provider = name)
                };
                let mut buttons = row![form::primary(label, Some(Message::Start))].spacing(8);
                if self.entry.device_url.is_some() {
                    buttons = buttons.push(form::secondary(
                        fl!("oauth-device-button"),
                        Some(Message::StartDevice),
                    ));
                }
                col = col.push(buttons);
            }
            _ => {
                let other = if self.entry.app_passwords {
                    fl!("oauth-no-client-id-app-password", provider = name)
                } else {
                    fl!("oauth-no-client-id-no-app-password", provider = name)
                };
                col = col.push(form::notice(
                    Tone::Warning,
                    vec![fl!("oauth-no-client-id", provider = name), other],
                ));
            }
        }
        if let State::Failed(e) = &self.state {
            col = col.push(form::notice(Tone::Danger, vec![e.user_message()]));
        }
        col = col.push(form::check(
            fl!("oauth-advanced"),
            self.advanced,
            Message::Advanced,
        ));
        if self.advanced {
            // label above the field: the panel sits in the wizard's right-hand column too,
            // where a label beside it left the ID a third of the width
            col = col.push(stacked(
                fl!("oauth-own-client-id"),
                form::input(
                    &fl!("oauth-own-client-id-placeholder"),
                    &self.own_client_id,
                    Message::ClientId,
                )
                .into(),
                None,
            ));
            if self.entry.sends_secret {
                col = col.push(stacked(
                    fl!("oauth-own-client-secret"),
                    form::input("", &self.own_client_secret, Message::ClientSecret).into(),
                    Some(fl!(
                        "oauth-own-client-secret-hint",
                        provider = self.entry.name
                    )),
                ));
            }
        }
        col.into()
    }
}

/// A label, the field under it, and a hint under that.
fn stacked<'a>(
    label: String,
    field: Element<'a, Message>,
    hint: Option<String>,
) -> Element<'a, Message> {
    let mut col = iced::widget::column![text(label).size(theme::TEXT), field].spacing(4);
    if let Some(hint) = hint {
        col = col.push(form::small(hint));
    }
    col.into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::oauth::provider;

    fn panel(own: Option<(&str, Option<&str>)>) -> SignIn {
        let entry = provider::entry("microsoft").unwrap_or(&provider::PROVIDERS[0]);
        // nothing listens there: the flow itself is not run here
        SignIn::new(entry, own, Opener::new(|_| {}))
            .with_endpoints(Some("http://127.0.0.1:9".into()))
    }

    #[test]
    fn one_sign_in_at_a_time_cancel_and_the_result_go_to_the_parent() {
        let mut p = panel(Some(("eigene-id", None)));
        assert!(p.can_sign_in());
        assert!(matches!(
            p.update(Message::Start, "a@outlook.com"),
            Action::Run(_)
        ));
        assert!(p.waiting());
        // a second click while the browser is open starts nothing
        assert!(matches!(
            p.update(Message::Start, "a@outlook.com"),
            Action::None
        ));
        let _ = p.update(Message::Cancel, "");
        let _ = p.update(Message::Finished(Err(oauth::Error::Cancelled)), "");
        assert!(!p.waiting());
        assert_eq!(p.failure(), Some(&oauth::Error::Cancelled));
        let grant = Grant {
            access: crate::pop3::Password::new("a"),
            expires_in: None,
            refresh: None,
        };
        let done = p.update(Message::Finished(Ok(grant.clone())), "");
        assert!(matches!(done, Action::Outcome(Outcome::SignedIn(g)) if g == grant));
        assert_eq!(p.failure(), None);
    }

    #[test]
    fn the_device_sign_in_shows_its_code_while_it_waits() {
        let mut p = panel(Some(("eigene-id", None)));
        assert!(matches!(p.update(Message::StartDevice, ""), Action::Run(_)));
        assert!(p.waiting());
        let prompt = oauth::flow::DevicePrompt {
            uri: "https://microsoft.com/devicelogin".into(),
            code: "WDJB-MJHT".into(),
        };
        let _ = p.update(Message::DevicePrompt(prompt.clone()), "");
        assert_eq!(p.device_prompt(), Some(&prompt));
        let _ = p.update(Message::Finished(Err(oauth::Error::TimedOut)), "");
        assert_eq!(p.device_prompt(), None, "gone once it ended");
        // a late prompt of an ended sign-in is not shown
        let _ = p.update(Message::DevicePrompt(prompt), "");
        assert_eq!(p.device_prompt(), None);
    }

    #[test]
    fn the_own_client_is_what_was_typed_and_a_public_client_has_no_secret() {
        let mut p = panel(None);
        let _ = p.update(Message::ClientId("  ".into()), "");
        assert_eq!(p.own_client(), None);
        let _ = p.update(Message::ClientId(" id ".into()), "");
        let _ = p.update(Message::ClientSecret("geheim".into()), "");
        assert_eq!(p.own_client(), Some(("id".into(), None)));
        assert_eq!(
            p.provider().map(|p| p.token_url),
            Some("http://127.0.0.1:9/token".into())
        );
        if provider::entry("microsoft").is_some_and(|e| e.built_client_id.is_none()) {
            let mut none = panel(None);
            assert!(!none.can_sign_in());
            assert!(matches!(none.update(Message::Start, ""), Action::None));
            assert_eq!(none.failure(), Some(&oauth::Error::NoClientId("Microsoft")));
        }
    }
}
