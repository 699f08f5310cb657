//! The outgoing-server form (SMTP submission): where the server is (see [`endpoint`]: host,
//! port, security), authentication, user name, and "Gleiches Passwort wie für den Posteingang"
//! or a password of its own (kept in the keyring by the parent). An account may have none: the
//! form then offers to set one up from the provider table. Used by the account page and the
//! wizard.

use iced::widget::{Column, column, row};
use iced::{Alignment, Element};

use crate::fl;
use crate::pop3::{AuthMethod, Password, Security};
use crate::setup::{autoconfig, outgoing};
use crate::store::{AccountSettings, SmtpSettings};
use crate::ui::screen::action::Action;
use crate::ui::screen::settings::endpoint::{self, Endpoint, Service};
use crate::ui::screen::settings::keyring::Status;
use crate::ui::screen::settings::problem::Invalid;
use crate::ui::widget::form::{self, Tone};

/// How the outgoing server is signed in to, as users know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    Automatic,
    Plain,
    Login,
    CramMd5,
    XOAuth2,
    OAuthBearer,
    /// No sign-in (stored as an empty user name).
    None,
}

impl Auth {
    const ALL: [Auth; 7] = [
        Auth::Automatic,
        Auth::Plain,
        Auth::Login,
        Auth::CramMd5,
        Auth::XOAuth2,
        Auth::OAuthBearer,
        Auth::None,
    ];

    fn of(server: &SmtpSettings) -> Auth {
        if !outgoing::signs_in(server) {
            return Auth::None;
        }
        match server.auth {
            AuthMethod::Plain => Auth::Plain,
            AuthMethod::Login => Auth::Login,
            AuthMethod::CramMd5 => Auth::CramMd5,
            AuthMethod::XOAuth2 => Auth::XOAuth2,
            AuthMethod::OAuthBearer => Auth::OAuthBearer,
            AuthMethod::Auto | AuthMethod::UserPass | AuthMethod::Apop => Auth::Automatic,
        }
    }

    fn method(self) -> AuthMethod {
        match self {
            Auth::Automatic | Auth::None => AuthMethod::Auto,
            Auth::Plain => AuthMethod::Plain,
            Auth::Login => AuthMethod::Login,
            Auth::CramMd5 => AuthMethod::CramMd5,
            Auth::XOAuth2 => AuthMethod::XOAuth2,
            Auth::OAuthBearer => AuthMethod::OAuthBearer,
        }
    }

    /// Whether the secret is a token (always its own, never the incoming password).
    fn uses_token(self) -> bool {
        self.method().uses_token()
    }
}

impl std::fmt::Display for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&match self {
            Auth::Automatic => fl!("settings-auth-auto"),
            Auth::Plain => fl!("settings-smtp-auth-plain"),
            Auth::Login => fl!("settings-smtp-auth-login"),
            Auth::CramMd5 => fl!("settings-auth-cram"),
            Auth::XOAuth2 => fl!("settings-smtp-auth-xoauth2"),
            Auth::OAuthBearer => fl!("settings-smtp-auth-oauthbearer"),
            Auth::None => fl!("settings-smtp-auth-none"),
        })
    }
}

/// What the user does in the form.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// "Postausgangsserver einrichten": the proposal for the address fills the fields.
    SetUp,
    /// "Postausgangsserver entfernen": the account only receives.
    Remove,
    /// Host, port and security.
    Endpoint(endpoint::Message),
    Auth(Auth),
    Username(String),
    /// "Gleiches Passwort wie für den Posteingang".
    SamePassword(bool),
    Password(String),
}

impl Message {
    /// Whether it changes how to connect (a test result no longer holds).
    pub fn changes_connection(&self) -> bool {
        match self {
            Message::Endpoint(m) => m.changes_connection(),
            _ => true,
        }
    }
}

/// The form's fields as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct OutgoingForm {
    /// The account has an outgoing server.
    pub enabled: bool,
    pub endpoint: Endpoint,
    pub auth: Auth,
    pub username: String,
    /// The incoming server's password is used (off: its own, or a token).
    pub same_password: bool,
    /// A newly typed password or token (empty: unchanged).
    pub password: String,
    /// What "set up" fills in: the provider's server for the address, the incoming user name.
    proposal: SmtpSettings,
    /// The provider the account signs in with through the browser (no password here).
    pub signs_in_with: Option<&'static str>,
}

impl OutgoingForm {
    /// The form for stored settings; without an outgoing server it offers the proposal for the
    /// account's address.
    pub fn from_settings(s: &AccountSettings) -> OutgoingForm {
        let proposal = proposal(&s.email, &s.username);
        let server = s.smtp.as_ref().unwrap_or(&proposal);
        OutgoingForm {
            enabled: s.smtp.is_some(),
            endpoint: Endpoint::new(
                Service::Outgoing,
                &server.host,
                server.port,
                server.security,
            ),
            auth: Auth::of(server),
            username: server.username.clone(),
            same_password: !server.own_password,
            password: String::new(),
            proposal,
            signs_in_with: super::server::provider_name(s),
        }
    }

    /// Sets the server up from `server` (the wizard's proposal), keeping the password choice.
    pub fn fill(&mut self, server: &SmtpSettings) {
        self.enabled = true;
        self.endpoint = Endpoint::new(
            Service::Outgoing,
            &server.host,
            server.port,
            server.security,
        );
        self.auth = Auth::of(server);
        self.username = server.username.clone();
    }

    /// Handles a form message (all of it here: nothing to run, nothing for the parent).
    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::SetUp => {
                let proposal = self.proposal.clone();
                self.fill(&proposal);
            }
            Message::Remove => self.enabled = false,
            Message::Endpoint(m) => self.endpoint.update(m),
            Message::Auth(a) => self.auth = a,
            Message::Username(v) => self.username = v,
            Message::SamePassword(on) => self.same_password = on,
            Message::Password(v) => self.password = v,
        }
        Action::None
    }

    /// Whether the secret is the account's own entry (a password of its own, or a token).
    pub fn own_secret(&self) -> bool {
        self.signs_in_with.is_none()
            && self.enabled
            && self.auth != Auth::None
            && (!self.same_password || self.auth.uses_token())
    }

    /// Whether a test or a send signs in.
    pub fn signs_in(&self) -> bool {
        self.enabled && self.auth != Auth::None
    }

    /// The typed password or token, if any.
    pub fn typed_password(&self) -> Option<Password> {
        (!self.password.is_empty()).then(|| Password::new(self.password.clone()))
    }

    /// Writes the outgoing server into `s` (`None` when there is none); the first field that
    /// is not usable otherwise.
    pub fn apply(&self, s: &mut AccountSettings) -> Result<(), Invalid> {
        if !self.enabled {
            s.smtp = None;
            return Ok(());
        }
        let (host, port, security) = self.endpoint.parsed().map_err(|e| match e {
            Invalid::MissingHost => Invalid::MissingOutgoingHost,
            _ => Invalid::InvalidOutgoingPort,
        })?;
        let username = match self.auth {
            Auth::None => String::new(),
            _ if self.username.trim().is_empty() => return Err(Invalid::MissingOutgoingUsername),
            _ => self.username.trim().to_owned(),
        };
        // the server's own certificate trust stays while the host does
        let kept = s.smtp.take().filter(|k| k.host == host);
        s.smtp = Some(SmtpSettings {
            host,
            port,
            security,
            auth: self.auth.method(),
            username,
            own_password: self.own_secret(),
            ca_file: kept.as_ref().and_then(|k| k.ca_file.clone()),
            pinned_sha256: kept.and_then(|k| k.pinned_sha256),
        });
        Ok(())
    }

    /// The form. `keyring` says whether the server's own password is saved (the account page);
    /// `None` in the wizard.
    pub fn view(&self, keyring: Option<&Status>) -> Element<'_, Message> {
        if !self.enabled {
            return column![
                form::small(fl!("settings-smtp-none")),
                row![form::secondary(
                    fl!("settings-smtp-set-up"),
                    Some(Message::SetUp)
                )],
            ]
            .spacing(10)
            .into();
        }
        let mut form = Column::new().spacing(12);
        form = form.push(self.endpoint.view().map(Message::Endpoint));
        if let Some(provider) = self.signs_in_with {
            form = form.push(form::field(
                fl!("settings-auth"),
                form::small(fl!("oauth-instead-of-password", provider = provider)),
                None,
            ));
            form = form.push(form::field(
                fl!("settings-username"),
                form::input("", &self.username, Message::Username),
                None,
            ));
            return form.into();
        }
        form = form.push(form::field(
            fl!("settings-auth"),
            form::pick(Auth::ALL.to_vec(), self.auth, Message::Auth),
            None,
        ));
        if self.auth != Auth::None {
            form = form.push(form::field(
                fl!("settings-username"),
                form::input("", &self.username, Message::Username),
                None,
            ));
            form = form.push(self.password_field(keyring));
        }
        form.into()
    }

    /// "Postausgangsserver entfernen", at the foot of the form.
    pub fn remove_button(&self) -> Element<'_, Message> {
        row![
            form::fill(),
            form::secondary(fl!("settings-smtp-remove"), Some(Message::Remove))
        ]
        .align_y(Alignment::Center)
        .into()
    }

    fn password_field(&self, keyring: Option<&Status>) -> Element<'_, Message> {
        let token = self.auth.uses_token();
        let mut control = Column::new().spacing(8);
        if !token {
            control = control.push(form::check(
                fl!("settings-smtp-same-password"),
                self.same_password,
                Message::SamePassword,
            ));
        }
        if !self.own_secret() {
            return form::field(fl!("settings-password"), control, None);
        }
        let placeholder = match (keyring, token) {
            (Some(Status::Saved), _) => fl!("settings-password-unchanged"),
            (_, true) => fl!("settings-smtp-token-enter"),
            (_, false) => fl!("settings-password-enter"),
        };
        control = control.push(
            form::input(&placeholder, &self.password, Message::Password)
                .secure(true)
                .id(password_id()),
        );
        if let Some(Status::Unavailable(why)) = keyring {
            control = control.push(form::notice(
                Tone::Warning,
                vec![fl!(
                    "settings-smtp-password-no-keyring",
                    reason = why.as_str()
                )],
            ));
        }
        let hint = match keyring {
            Some(Status::Saved) => Some(fl!("settings-password-saved")),
            Some(Status::Unavailable(_)) => None,
            _ => Some(fl!("settings-smtp-password-keyring")),
        };
        let label = if token {
            fl!("settings-smtp-token")
        } else {
            fl!("settings-password")
        };
        form::field(label, control, hint)
    }

    /// The warning before switching encryption off, if it is showing.
    pub fn plain_dialog(&self) -> Option<Element<'_, Message>> {
        self.endpoint
            .plain_pending()
            .then(|| self.endpoint.plain_dialog().map(Message::Endpoint))
    }

    /// Whether the fields use no encryption.
    pub fn is_plain(&self) -> bool {
        self.enabled && self.endpoint.security == Security::Plain
    }
}

/// The outgoing server proposed for `email` (the provider's, else the most likely name), signed
/// in to with the incoming user name; an empty server when the address is not one.
pub fn proposal(email: &str, username: &str) -> SmtpSettings {
    let first = autoconfig::propose_outgoing(email)
        .ok()
        .and_then(|list| list.into_iter().next());
    let (host, port, security) = match first {
        Some(p) => (p.host, p.port, p.security),
        None => (
            String::new(),
            Service::Outgoing.default_port(Security::Tls),
            Security::Tls,
        ),
    };
    SmtpSettings {
        host,
        port,
        security,
        auth: AuthMethod::Auto,
        username: username.to_owned(),
        own_password: false,
        ca_file: None,
        pinned_sha256: None,
    }
}

/// The outgoing password field's id.
pub fn password_id() -> iced::widget::Id {
    iced::widget::Id::new("settings-smtp-password")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account() -> AccountSettings {
        AccountSettings {
            email: "max@gmx.de".into(),
            host: "pop.gmx.net".into(),
            username: "max@gmx.de".into(),
            ..AccountSettings::default()
        }
    }

    #[test]
    fn an_account_without_one_is_offered_the_providers_server() {
        let mut s = account();
        let mut f = OutgoingForm::from_settings(&s);
        assert!(!f.enabled);
        f.apply(&mut s).ok();
        assert_eq!(s.smtp, None, "nothing until set up");
        let _ = f.update(Message::SetUp);
        assert_eq!(f.apply(&mut s), Ok(()));
        assert_eq!(
            s.smtp,
            Some(SmtpSettings {
                host: "mail.gmx.net".into(),
                port: 465,
                security: Security::Tls,
                auth: AuthMethod::Auto,
                username: "max@gmx.de".into(),
                own_password: false,
                ca_file: None,
                pinned_sha256: None,
            })
        );
        let _ = f.update(Message::Remove);
        f.apply(&mut s).ok();
        assert_eq!(s.smtp, None);
    }

    #[test]
    fn no_authentication_is_an_empty_user_and_a_token_is_always_its_own() {
        let mut s = account();
        let mut f = OutgoingForm::from_settings(&s);
        let _ = f.update(Message::SetUp);
        let _ = f.update(Message::Auth(Auth::None));
        f.apply(&mut s).ok();
        let smtp = s.smtp.clone().unwrap();
        assert_eq!((smtp.username.as_str(), smtp.own_password), ("", false));
        assert_eq!(OutgoingForm::from_settings(&s).auth, Auth::None);

        let _ = f.update(Message::Auth(Auth::XOAuth2));
        assert!(f.same_password, "the tick stays, but a token is its own");
        f.apply(&mut s).ok();
        let smtp = s.smtp.clone().unwrap();
        assert_eq!(smtp.auth, AuthMethod::XOAuth2);
        assert!(smtp.own_password);

        let _ = f.update(Message::Auth(Auth::Login));
        let _ = f.update(Message::SamePassword(false));
        let _ = f.update(Message::Username(" ".into()));
        assert_eq!(f.apply(&mut s), Err(Invalid::MissingOutgoingUsername));
        let _ = f.update(Message::Username("max".into()));
        f.apply(&mut s).ok();
        let smtp = s.smtp.unwrap();
        assert_eq!((smtp.auth, smtp.own_password), (AuthMethod::Login, true));
    }

    #[test]
    fn its_fields_are_checked_in_its_own_words() {
        let mut s = account();
        let mut f = OutgoingForm::from_settings(&s);
        let _ = f.update(Message::SetUp);
        let _ = f.update(Message::Endpoint(endpoint::Message::Host(String::new())));
        assert_eq!(f.apply(&mut s), Err(Invalid::MissingOutgoingHost));
        let _ = f.update(Message::Endpoint(endpoint::Message::Host("h".into())));
        let _ = f.update(Message::Endpoint(endpoint::Message::Port("0".into())));
        assert_eq!(f.apply(&mut s), Err(Invalid::InvalidOutgoingPort));
    }
}
