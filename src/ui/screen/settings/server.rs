//! The incoming-server form: where the server is (see [`endpoint`]: host, port, security), user
//! name, authentication and password. Used by the account page and the wizard.

use iced::Element;
use iced::widget::Column;

use crate::fl;
use crate::pop3::AuthMethod;
use crate::store::AccountSettings;
use crate::ui::screen::action::Action;
use crate::ui::screen::settings::endpoint::{self, Endpoint, Service};
use crate::ui::screen::settings::keyring::Status;
use crate::ui::screen::settings::problem::Invalid;
use crate::ui::widget::form::{self, Tone};

/// Whether OAuth2 with a token typed here is offered. It is not: Google and Microsoft accounts
/// sign in through the browser (`ui::screen::sign_in`); an account that already uses a typed
/// token keeps it.
pub const OAUTH_TOKEN_SOURCE: bool = false;

/// The authentication choices as users know them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    Automatic,
    NormalPassword,
    CramMd5,
    Apop,
    OAuth2,
}

impl Auth {
    fn of(method: AuthMethod) -> Auth {
        match method {
            AuthMethod::Auto => Auth::Automatic,
            AuthMethod::Plain | AuthMethod::Login | AuthMethod::UserPass => Auth::NormalPassword,
            AuthMethod::CramMd5 => Auth::CramMd5,
            AuthMethod::Apop => Auth::Apop,
            AuthMethod::XOAuth2 | AuthMethod::OAuthBearer => Auth::OAuth2,
        }
    }

    /// The method to store: the previous one when it is of this kind, else the usual one.
    fn method(self, previous: AuthMethod) -> AuthMethod {
        if Auth::of(previous) == self {
            return previous;
        }
        match self {
            Auth::Automatic => AuthMethod::Auto,
            Auth::NormalPassword => AuthMethod::UserPass,
            Auth::CramMd5 => AuthMethod::CramMd5,
            Auth::Apop => AuthMethod::Apop,
            Auth::OAuth2 => AuthMethod::XOAuth2,
        }
    }
}

impl std::fmt::Display for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&match self {
            Auth::Automatic => fl!("settings-auth-auto"),
            Auth::NormalPassword => fl!("settings-auth-password"),
            Auth::CramMd5 => fl!("settings-auth-cram"),
            Auth::Apop => fl!("settings-auth-apop"),
            Auth::OAuth2 => fl!("settings-auth-oauth"),
        })
    }
}

/// What the user does in the form.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// Host, port and security.
    Endpoint(endpoint::Message),
    Username(String),
    Auth(Auth),
    Password(String),
    Remember(bool),
}

/// The form's fields as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerForm {
    pub endpoint: Endpoint,
    pub username: String,
    pub auth: Auth,
    previous_auth: AuthMethod,
    /// A newly typed password (empty: unchanged).
    pub password: String,
    /// "Passwort speichern".
    pub remember: bool,
    /// The provider the account signs in with through the browser (no password here).
    pub signs_in_with: Option<&'static str>,
}

impl ServerForm {
    /// The form for stored settings.
    pub fn from_settings(s: &AccountSettings) -> ServerForm {
        ServerForm {
            endpoint: Endpoint::new(Service::Incoming, &s.host, s.port, s.security),
            username: s.username.clone(),
            auth: Auth::of(s.auth),
            previous_auth: s.auth,
            password: String::new(),
            remember: true,
            signs_in_with: provider_name(s),
        }
    }

    /// Handles a form message (all of it here: nothing to run, nothing for the parent).
    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::Endpoint(m) => self.endpoint.update(m),
            Message::Username(v) => self.username = v,
            Message::Auth(a) => self.auth = a,
            Message::Password(v) => self.password = v,
            Message::Remember(on) => self.remember = on,
        }
        Action::None
    }

    /// Writes the fields into `s`; the first field that is not usable otherwise.
    pub fn apply(&self, s: &mut AccountSettings) -> Result<(), Invalid> {
        let (host, port, security) = self.endpoint.parsed()?;
        if self.username.trim().is_empty() {
            return Err(Invalid::MissingUsername);
        }
        s.host = host;
        s.port = port;
        s.security = security;
        s.username = self.username.trim().to_owned();
        s.auth = self.auth.method(self.previous_auth);
        Ok(())
    }

    /// The typed password, if any.
    pub fn typed_password(&self) -> Option<crate::pop3::Password> {
        (!self.password.is_empty()).then(|| crate::pop3::Password::new(self.password.clone()))
    }

    /// The form. `keyring` says what is saved (the account page); `None` in the wizard.
    pub fn view(&self, keyring: Option<&Status>) -> Element<'_, Message> {
        let mut form = Column::new().spacing(12);
        form = form.push(self.endpoint.view().map(Message::Endpoint));
        form = form.push(form::field(
            fl!("settings-username"),
            form::input("", &self.username, Message::Username),
            None,
        ));
        if let Some(provider) = self.signs_in_with {
            form = form.push(form::field(
                fl!("settings-auth"),
                form::small(fl!("oauth-instead-of-password", provider = provider)),
                None,
            ));
            return form.into();
        }
        let mut auths = vec![
            Auth::Automatic,
            Auth::NormalPassword,
            Auth::CramMd5,
            Auth::Apop,
        ];
        if OAUTH_TOKEN_SOURCE || self.auth == Auth::OAuth2 {
            auths.push(Auth::OAuth2);
        }
        form = form.push(form::field(
            fl!("settings-auth"),
            form::pick(auths, self.auth, Message::Auth),
            None,
        ));
        form = form.push(self.password_field(keyring));
        form.into()
    }

    fn password_field(&self, keyring: Option<&Status>) -> Element<'_, Message> {
        let placeholder = match keyring {
            Some(Status::Saved) => fl!("settings-password-unchanged"),
            _ => fl!("settings-password-enter"),
        };
        let input = form::input(&placeholder, &self.password, Message::Password)
            .secure(true)
            .id(password_id());
        let unavailable = keyring.is_some_and(Status::unavailable);
        let mut control = Column::new().spacing(8).push(input);
        if !unavailable {
            control = control.push(form::check(
                fl!("settings-password-save"),
                self.remember,
                Message::Remember,
            ));
        }
        let hint = match keyring {
            Some(Status::Saved) => Some(fl!("settings-password-saved")),
            Some(Status::Missing) => Some(fl!("settings-password-none")),
            _ => None,
        };
        if let Some(Status::Unavailable(why)) = keyring {
            control = control.push(form::notice(
                Tone::Warning,
                vec![fl!("settings-password-session", reason = why.as_str())],
            ));
        }
        form::field(fl!("settings-password"), control, hint)
    }
}

/// The name of the provider `s` signs in with through the browser, if any.
pub fn provider_name(s: &AccountSettings) -> Option<&'static str> {
    let o = s.oauth.as_ref()?;
    crate::oauth::provider::entry(&o.provider).map(|e| e.name)
}

/// The password field's id.
pub fn password_id() -> iced::widget::Id {
    iced::widget::Id::new("settings-password")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apply_checks_the_fields_and_keeps_the_exact_method() {
        let mut s = AccountSettings {
            host: "h".into(),
            username: "u".into(),
            auth: AuthMethod::Login,
            ..AccountSettings::default()
        };
        let mut f = ServerForm::from_settings(&s);
        assert_eq!(f.auth, Auth::NormalPassword);
        let _ = f.update(Message::Endpoint(endpoint::Message::Host(
            "  pop.example.org ".into(),
        )));
        assert_eq!(f.apply(&mut s), Ok(()));
        assert_eq!(s.host, "pop.example.org");
        assert_eq!(s.auth, AuthMethod::Login, "still a normal password");
        let _ = f.update(Message::Auth(Auth::CramMd5));
        f.apply(&mut s).ok();
        assert_eq!(s.auth, AuthMethod::CramMd5);
        let _ = f.update(Message::Username(" ".into()));
        assert_eq!(f.apply(&mut s), Err(Invalid::MissingUsername));
    }
}
